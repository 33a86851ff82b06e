"""Exercise checks for likelihood and training: ``h.check_log_likelihood(f)``, ``h.check_grad_smoothed(f)``.

Each one knows the right answers (computed by :mod:`helpers`, never typed in)
and the usual mistakes, and returns a :class:`~helpers.exercises._engine.Feedback`.
"""

from __future__ import annotations

import math

import numpy as np

from helpers.exercises._engine import Case, Feedback, Mistake, run_check

__all__ = [
    "check_log_likelihood",
    "check_alpha_choice",
    "check_average_nll",
]


_FLIPS = ([1, 0, 1, 1], [1, 1, 1], [0, 0, 1, 0, 0, 0], [1, 0])


def check_log_likelihood(log_likelihood_fn) -> Feedback:
    """Check ``log_likelihood_fn(flips, theta)`` = sum of ln P(flip), flips 1 = heads with P = theta."""

    def right(flips, theta):
        k = int(np.sum(flips))
        return float(k * np.log(theta) + (len(flips) - k) * np.log(1 - theta))

    cases = [
        Case((np.array(f), t), right(f, t), label=f"log_likelihood({f}, theta={t})")
        for f, t in zip(_FLIPS, (0.5, 0.9, 0.2, 0.7), strict=True)
    ]
    mistakes = [
        Mistake(
            lambda f, t: math.exp(right(f, t)),
            "that is the likelihood itself (the product). "
            "Take logs: the log of a product is the sum of the logs.",
        ),
        Mistake(
            lambda f, t: -right(f, t),
            "wrong sign: that is the NEGATIVE log-likelihood. "
            "Log-likelihood is the plain sum of log-probabilities (<= 0).",
        ),
        Mistake(
            lambda f, t: right(f, t) / math.log(2), "that is in bits; use the natural log (np.log)."
        ),
        Mistake(
            lambda f, t: float(np.sum(f) * np.log(t)),
            "you only counted the heads. Each tail contributes log(1 - theta).",
        ),
        Mistake(
            lambda f, t: right(f, t) / len(f),
            "that is the AVERAGE log-likelihood; the exercise asks for the sum over all flips.",
        ),
    ]
    return run_check(
        log_likelihood_fn,
        cases,
        name="log_likelihood",
        mistakes=mistakes,
        unit="nats",
        success="Sums of logs never underflow, unlike products of probabilities.",
    )


def _alpha_problem():
    """A fixed split of the shipped names for the choose-alpha check."""
    from helpers.datasets import load_names
    from helpers.ngram import split_words

    names = load_names()
    train, validation = split_words(names[:2000], 0.25, np.random.default_rng(41))
    return train, validation, np.geomspace(1e-3, 10, 13)


def check_alpha_choice(choose_alpha) -> Feedback:
    """Check ``choose_alpha(train_words, validation_words, alphas)`` returns the alpha whose
    bigram model, fitted on the training words, has the lowest NLL on the validation words."""
    from helpers.ngram import average_nll, bigram_counts, fit_bigram

    train, validation, alphas = _alpha_problem()
    counts = bigram_counts(train)

    def nll_on(words):
        return np.array([average_nll(words, fit_bigram(counts, a)) for a in alphas])

    right = float(alphas[np.argmin(nll_on(validation))])
    cases = [
        Case((train, validation, alphas), right, label="choose_alpha(train, validation, alphas)")
    ]
    mistakes = [
        Mistake(
            lambda tr, va, al: float(al[np.argmin(nll_on(tr))]),
            "you chose on the TRAINING words: they always prefer the least smoothing (they were "
            "counted). Score each alpha on the validation words.",
        ),
        Mistake(
            lambda tr, va, al: float(al[np.argmax(nll_on(va))]),
            "that alpha has the HIGHEST validation NLL: choose the lowest.",
        ),
        Mistake(
            lambda tr, va, al: float(np.min(nll_on(va))),
            "that is the best validation NLL itself; return the alpha that achieves it.",
        ),
    ]
    return run_check(
        choose_alpha,
        cases,
        name="choose_alpha",
        mistakes=mistakes,
        success="Chosen on validation, so the test names stay untouched until the one final score.",
    )


def check_average_nll(average_nll_fn) -> Feedback:
    """Check ``average_nll_fn(words, model)``: (1/N) sum of -ln model[x, y] over every predicted
    character y (each letter and each word's end) given the one before, x (a word starts after ".")."""
    from helpers.ngram import NAME_ALPHABET, average_nll, bigram_counts, fit_bigram, uniform_model

    model = fit_bigram(bigram_counts(["anna", "bob", "ada", "abba"]), alpha=0.5)
    cases = [
        Case((words, m), average_nll(words, m), label=f"average_nll({words}, {name})")
        for words, m, name in (
            (["anna", "bob"], model, "model"),  # several words: per-word and total differ
            (["ab"], uniform_model(), "uniform_model()"),
            (["ada", "b", "abba"], model, "model"),
        )
    ]
    index = {ch: i for i, ch in enumerate(NAME_ALPHABET)}

    def terms(words, m, start=True, end=True):
        out = []
        for w in words:
            chars = ("." if start else "") + w + ("." if end else "")
            out += [-np.log(m[index[a], index[b]]) for a, b in zip(chars, chars[1:], strict=False)]
        return np.array(out)

    mistakes = [
        Mistake(
            lambda w, m: float(np.mean(terms(w, m, end=False))),
            "you left out each word's end: predicting the final '.' is a prediction too.",
        ),
        Mistake(
            lambda w, m: float(np.mean(terms(w, m, start=False))),
            "you left out each word's first letter, predicted from '.' (the start).",
        ),
        Mistake(
            lambda w, m: float(np.mean(terms(w, m)) / np.log(2)),
            "that is in bits; nats need np.log.",
        ),
        Mistake(
            lambda w, m: float(np.sum(terms(w, m))),
            "that is the total NLL; divide by the number of predictions.",
        ),
        Mistake(
            lambda w, m: float(np.sum(terms(w, m)) / len(w)),
            "you averaged per WORD; the loss is per predicted character.",
        ),
    ]
    return run_check(
        average_nll_fn,
        cases,
        name="average_nll",
        mistakes=mistakes,
        unit="nats",
        success="(1/N) sum of -log q(y | x): a classifier's loss, with the previous character as input.",
    )
