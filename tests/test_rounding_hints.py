"""Notebooks 03-04's checkers name an answer rounded to too few decimals, and say how many are needed."""

from __future__ import annotations

import numpy as np
import pytest

import helpers as h


def _cross_entropy(p, q):
    keep = p > 0
    with np.errstate(divide="ignore"):
        return -np.sum(p[keep] * np.log(q[keep]))


def _logsumexp(z):
    m = np.max(z)
    return m + np.log(np.sum(np.exp(z - m)))


def _smoothed(z, y, eps):
    t = (1 - eps) * h.one_hot(y, z.shape[1]) + eps / z.shape[1]
    return np.mean(-np.sum(t * h.log_softmax(z), axis=1))


def _log_likelihood(counts, theta):
    happened = counts > 0
    with np.errstate(divide="ignore"):
        return np.sum(counts[happened] * np.log(theta[happened]))


def _choose_and_score(fit, validation, test, alphas):
    counts = h.bigram_counts(fit)
    alpha = alphas[
        int(np.argmin([h.average_nll(validation, h.fit_bigram(counts, a)) for a in alphas]))
    ]
    return alpha, h.average_nll(test, h.fit_bigram(h.bigram_counts(fit + validation), alpha))


def _average_nll(words, model):
    q = [
        model[h.NAME_ALPHABET.index(a), h.NAME_ALPHABET.index(b)]
        for w in words
        for a, b in zip("." + w, w + ".", strict=True)
    ]
    with np.errstate(divide="ignore"):
        return np.mean(-np.log(q))


def _posterior_mean(counts, prior):
    return (counts + prior) / (counts + prior).sum()


def _rounded(f, decimals, pair=False):
    def g(*args):
        r = f(*args)
        if pair:  # (alpha, test NLL): a person rounds the score
            return r[0], round(float(r[1]), decimals)
        return np.round(r, decimals) if np.ndim(r) else round(float(r), decimals)

    return g


CHECKS = [
    (h.check_cross_entropy, _cross_entropy, False, 4),
    (h.check_logsumexp, _logsumexp, False, 4),
    (h.check_label_smoothed_cross_entropy, _smoothed, False, 4),
    (h.check_log_likelihood, _log_likelihood, False, 4),
    (h.check_average_nll, _average_nll, False, 4),
    (h.check_posterior_mean, _posterior_mean, False, 4),
    (h.check_alpha_choice, _choose_and_score, True, 3),  # four significant figures of ~2.3 nats
]


@pytest.mark.parametrize(
    ("check", "right", "pair", "needed"), CHECKS, ids=lambda c: getattr(c, "__name__", "")
)
def test_an_answer_rounded_too_far_is_named_with_the_decimals_needed(check, right, pair, needed):
    assert check(right).passed
    for decimals in range(1, needed):
        fb = check(_rounded(right, decimals, pair))
        plural = "s" if decimals > 1 else ""
        assert not fb.passed
        assert (
            f"rounded to {decimals} decimal{plural}; this check needs at least {needed}"
            in fb.message
        ), fb.message
    assert check(_rounded(right, needed + 1, pair)).passed  # typed to the precision asked: accepted
