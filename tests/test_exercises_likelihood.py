"""Notebook 04's checkers: every plausible wrong answer is rejected with a hint naming the
mistake, and correct answers written differently are accepted."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.special
import scipy.stats

import helpers as h


def _ok(fb):
    return fb.passed and fb.message.startswith("✓")


def _rejected(fb, hint):
    return (not fb.passed) and hint in fb.message


# --- exercise 1: a categorical's log-likelihood from counts -------------------------------


def _masked(n, t):
    keep = n > 0
    with np.errstate(divide="ignore"):
        return np.sum(n[keep] * np.log(t[keep]))


def _multinomial_coefficient(n):
    return math.lgamma(n.sum() + 1) - sum(math.lgamma(k + 1) for k in n)


@pytest.mark.parametrize(
    "right",
    [
        _masked,
        lambda n, t: np.sum(scipy.special.xlogy(n, t)),
        lambda n, t: (
            sum(k * math.log(p) if k else 0.0 for k, p in zip(n, t, strict=True))
            if all(p > 0 or k == 0 for k, p in zip(n, t, strict=True))
            else -math.inf
        ),
        lambda n, t: scipy.stats.multinomial.logpmf(n, n.sum(), t) - _multinomial_coefficient(n),
        lambda n, t: round(float(np.sum(scipy.special.xlogy(n, t))), 4),  # as a person types it
    ],
    ids=["mask", "xlogy", "loop", "scipy-multinomial", "rounded"],
)
def test_log_likelihood_accepts(right):
    assert _ok(h.check_log_likelihood(right))


LL_WRONG = [
    (lambda n, t: np.log(np.prod(t**n)), "underflows"),
    (lambda n, t: np.prod(t**n), "likelihood itself"),
    (lambda n, t: -np.sum(scipy.special.xlogy(n, t)), "NEGATIVE log-likelihood"),
    (lambda n, t: np.sum(scipy.special.xlogy(n, t)) / np.log(2), "in bits"),
    (lambda n, t: np.sum(scipy.special.xlogy(n, t)) / np.log(10), "base 10"),
    (lambda n, t: np.sum(np.log(t[n > 0])), "once per KIND"),
    (lambda n, t: np.sum(scipy.special.xlogy(n, t)) / n.sum(), "AVERAGE"),
    (lambda n, t: scipy.stats.multinomial.logpmf(n, n.sum(), t), "number of sequences"),
    (lambda n, t: np.mean(scipy.special.xlogy(n, t)), "averaged the kinds' terms"),
    (lambda n, t: np.sum(scipy.special.xlogy(n, n / n.sum())), "observed frequencies"),
    (lambda n, t: np.sum(n * np.log(t + 1e-12)), "epsilon"),
    (lambda n, t: np.sum(n * np.log(t)), "0 * log(0)"),
    (lambda n, t: np.sum(n * np.log(t + 1e-10)), "-inf"),
    (lambda n, t: np.sum(n * np.log(np.clip(t, 1e-15, 1))), "-inf"),
    (lambda n, t: np.sum(scipy.special.xlogy(n, t)[t > 0]), "skipping theta = 0"),
    (lambda n, t: str(np.sum(scipy.special.xlogy(n, t))), "string"),
    (lambda n, t: "-6.11", "returned the string"),
    (lambda n, t: np.sum(scipy.special.xlogy(t, n)), "swapped counts and theta"),
    (lambda n, t: np.sum(t * np.log(n)), "swapped counts and theta"),
    (lambda n, t: np.sum(scipy.special.xlogy(n, n) - scipy.special.xlogy(n, t)), "KL-like"),
    (lambda n, t: {"ll": np.sum(scipy.special.xlogy(n, t))}, "returned a dict"),
    (  # right except where theta = 0 for an outcome that happened: the minus sign of an NLL
        lambda n, t: np.inf if np.any((n > 0) & (t == 0)) else np.sum(scipy.special.xlogy(n, t)),
        "inf is the right size with the wrong sign",
    ),
]


@pytest.mark.parametrize(
    ("wrong", "hint"), LL_WRONG, ids=[f"wrong{i}" for i in range(len(LL_WRONG))]
)
def test_log_likelihood_rejects_with_hint(wrong, hint):
    with np.errstate(all="ignore"):
        assert _rejected(h.check_log_likelihood(wrong), hint)


def test_log_likelihood_success_does_not_praise_the_product():
    assert "never underflow" not in h.check_log_likelihood(_masked).message


# --- exercise 2: the protocol ----------------------------------------------------------------


def _protocol(
    fit,
    validation,
    test,
    alphas,
    choose_on=None,
    count=None,
    refit=None,
    score=None,
    pick=np.argmin,
):
    """The right answer, or one mistake: which words each step uses."""
    count = fit if count is None else count
    choose_on = validation if choose_on is None else choose_on
    counts = h.bigram_counts(count)
    alpha = alphas[int(pick([h.average_nll(choose_on, h.fit_bigram(counts, a)) for a in alphas]))]
    final = h.fit_bigram(h.bigram_counts(fit + validation if refit is None else refit), alpha)
    return alpha, h.average_nll(test if score is None else score, final)


def _with(**mistake):
    def wrong(fit, validation, test, alphas):
        words = {k: v(fit, validation, test) for k, v in mistake.items() if k != "pick"}
        return _protocol(
            fit, validation, test, alphas, pick=mistake.get("pick", np.argmin), **words
        )

    return wrong


def _right_twice(fit, validation, test, alphas):
    c_fit, c_val = h.bigram_counts(fit), h.bigram_counts(validation)
    best = min(alphas, key=lambda a: h.average_nll(validation, h.fit_bigram(c_fit, a)))
    return [best, h.average_nll(test, h.fit_bigram(c_fit + c_val, best))]


def _typed(fit, validation, test, alphas):
    """The answer as a person would type it: four significant figures."""
    alpha, nll = _protocol(fit, validation, test, alphas)
    return float(f"{alpha:.4g}"), float(f"{nll:.4g}")


def _per_name_choice(fit, validation, test, alphas):
    """Alpha chosen by the mean over validation names of each name's NLL (not per character)."""
    counts = h.bigram_counts(fit)
    scores = [
        np.mean([h.average_nll([w], h.fit_bigram(counts, a)) for w in validation]) for a in alphas
    ]
    alpha = alphas[int(np.argmin(scores))]
    return alpha, h.average_nll(test, h.fit_bigram(h.bigram_counts(fit + validation), alpha))


def _off_by(step):
    """The alpha next to the chosen one on the grid: an index off by one."""

    def wrong(fit, validation, test, alphas):
        counts = h.bigram_counts(fit)
        i = int(np.argmin([h.average_nll(validation, h.fit_bigram(counts, a)) for a in alphas]))
        alpha = alphas[i + step]
        return alpha, h.average_nll(test, h.fit_bigram(h.bigram_counts(fit + validation), alpha))

    return wrong


@pytest.mark.parametrize(
    "right", [_protocol, _right_twice, _typed], ids=["recount", "add-counts", "typed"]
)
def test_alpha_choice_accepts(right):
    assert _ok(h.check_alpha_choice(right))


PROTOCOL_WRONG = [
    (_with(choose_on=lambda f, v, t: t), "on the TEST words"),
    (_with(choose_on=lambda f, v, t: f), "the fit words, or"),
    (  # pooled: the validation words counted before the choice, then scored on
        _with(count=lambda f, v, t: f + v, refit=lambda f, v, t: f + v),
        "pool the validation words into the counts",
    ),
    (_with(count=lambda f, v, t: f + t), "candidate models you compared counted the TEST words"),
    (_with(count=lambda f, v, t: t + f), "candidate models you compared counted the TEST words"),
    (lambda f, v, t, a: (a[0], _protocol(f, v, t, a, pick=lambda nll: 0)[1]), "take alphas[0]"),
    (_with(count=lambda f, v, t: v, choose_on=lambda f, v, t: f), "roles are swapped"),
    (_with(refit=lambda f, v, t: f), "fit words only"),
    (_with(refit=lambda f, v, t: f + v + t), "counted the TEST words"),
    (_with(refit=lambda f, v, t: v), "only the validation words"),
    (
        lambda f, v, t, a: (
            _protocol(f, v, t, a)[0],
            h.average_nll(v, h.fit_bigram(h.bigram_counts(f), _protocol(f, v, t, a)[0])),
        ),
        "validation NLL",
    ),
    (_with(pick=np.argmax), "HIGHEST validation NLL"),
    (
        lambda f, v, t, a: (
            _protocol(f, v, t, a)[0],
            h.average_nll(t, h.fit_bigram(h.bigram_counts(f + v))),
        ),
        "refitted without it",
    ),
    (_with(score=lambda f, v, t: f + v), "on the training words"),
    (
        lambda f, v, t, a: (
            _protocol(f, v, t, a)[0],
            np.mean(
                [
                    h.average_nll(
                        [w], h.fit_bigram(h.bigram_counts(f + v), _protocol(f, v, t, a)[0])
                    )
                    for w in t
                ]
            ),
        ),
        "averaged each test word's NLL",
    ),
    (
        lambda f, v, t, a: (
            _protocol(f, v, t, a)[0],
            _protocol(f, v, t, a)[1] * sum(len(w) + 1 for w in t),
        ),
        "TOTAL NLL",
    ),
    (
        lambda f, v, t, a: (
            int(np.flatnonzero(a == _protocol(f, v, t, a)[0])[0]),
            _protocol(f, v, t, a)[1],
        ),
        "POSITION",
    ),
    (lambda f, v, t, a: _protocol(f, v, t, a)[::-1], "wrong order"),
    (
        lambda f, v, t, a: (_protocol(f, v, t, a)[0], _protocol(f, v, t, a)[1] / np.log(2)),
        "in bits",
    ),
    (_with(choose_on=lambda f, v, t: v + t), "validation AND test words pooled"),
    (_with(choose_on=lambda f, v, t: t + v), "validation AND test words pooled"),
    (_per_name_choice, "mean over the validation WORDS"),
    (
        lambda f, v, t, a: (
            _protocol(f, v, t, a)[0],
            h.average_nll(t, h.fit_bigram(h.bigram_counts(f + v), 1.0)),
        ),
        "refitted with alpha = 1",
    ),
    (_off_by(+1), "grid neighbour ABOVE"),
    (_off_by(-1), "grid neighbour BELOW"),
]


@pytest.mark.parametrize(
    ("wrong", "hint"), PROTOCOL_WRONG, ids=[f"wrong{i}" for i in range(len(PROTOCOL_WRONG))]
)
def test_alpha_choice_rejects_with_hint(wrong, hint):
    assert _rejected(h.check_alpha_choice(wrong), hint)


def test_alpha_choice_every_mistake_differs_from_the_right_answer_on_some_problem():
    """A mistake that gave the right numbers on every problem would pass: none may."""
    from helpers.exercises.likelihood import _PROTOCOL_PROBLEMS, _protocol_answers

    answers = [_protocol_answers(seed, sizes)[1] for seed, sizes in _PROTOCOL_PROBLEMS]
    for key in answers[0]:
        if key != "right":
            assert any(not np.allclose(a[key], a["right"], rtol=5e-4, atol=0) for a in answers), key


# --- exercise 3: the average NLL -----------------------------------------------------------

INDEX = h.NAME_ALPHABET.index


def _terms(words, model, start=True, end=True, transpose=False):
    out = []
    for w in words:
        chars = ("." if start else "") + w + ("." if end else "")
        for a, b in zip(chars, chars[1:], strict=False):
            out.append(
                -np.log(model[INDEX(b), INDEX(a)] if transpose else model[INDEX(a), INDEX(b)])
            )
    return np.array(out)


def _vectorised(words, model):
    total, n = 0.0, 0
    for w in words:
        ids = [0] + [INDEX(ch) for ch in w] + [0]
        total -= np.log(model[ids[:-1], ids[1:]]).sum()
        n += len(ids) - 1
    return total / n


def _from_pair_counts(words, model):
    """Group equal predictions: count each (previous, next) pair, weight its -ln q by the count."""
    counts = np.zeros_like(model)
    for w in words:
        chars = "." + w + "."
        for a, b in zip(chars, chars[1:], strict=False):
            counts[INDEX(a), INDEX(b)] += 1
    keep = counts > 0
    return float(-np.sum(counts[keep] * np.log(model[keep])) / counts.sum())


@pytest.mark.parametrize(
    "right",
    [
        lambda w, m: np.mean(_terms(w, m)),
        _vectorised,
        _from_pair_counts,
        lambda w, m: -np.mean(np.log(_probabilities(w, m))),
        lambda w, m: round(float(-np.mean(np.log(_probabilities(w, m)))), 4),
    ],
    ids=["loop", "fancy-index", "pair-counts", "probabilities", "rounded"],
)
def test_average_nll_accepts(right):
    with np.errstate(divide="ignore"):
        assert _ok(h.check_average_nll(right))


def test_average_nll_expects_inf_for_an_unseen_pair():
    """The checker's alpha = 0 case: a pair with probability 0 in the words, so the answer is inf."""
    fb = h.check_average_nll(lambda w, m: np.mean(-np.log(_probabilities(w, m) + 1e-12)))
    assert not fb.passed and "expected inf" in fb.message


def _probabilities(words, model):
    return np.array(
        [model[INDEX(a), INDEX(b)] for w in words for a, b in zip("." + w, w + ".", strict=False)]
    )


def _skip_unseen(words, model):
    q = _probabilities(words, model)
    return np.mean(-np.log(q[q > 0]))


def _nan_for_unseen(words, model):
    q = _probabilities(words, model)
    with np.errstate(divide="ignore"):
        return np.nanmean(np.where(q > 0, -np.log(q), np.nan))


NLL_WRONG = [
    (lambda w, m: np.mean(-np.log(_probabilities(w, m) + 1e-12)), "epsilon inside the log"),
    (lambda w, m: np.mean(-np.log(_probabilities(w, m) + 1e-9)), "the infinity is the answer"),
    (lambda w, m: np.mean(-np.log(np.clip(_probabilities(w, m), 1e-7, 1))), "clipped q at 1e-7"),
    (lambda w, m: np.mean(-np.log(np.maximum(_probabilities(w, m), 1e-7))), "clipped q at 1e-7"),
    (_skip_unseen, "left the unseen pair (q = 0) out of the average"),
    (_nan_for_unseen, "np.nanmean skipped the unseen pair"),
    (
        lambda w, m: (
            np.sum(-np.log(_probabilities(w, m)[_probabilities(w, m) > 0]))
            / len(_probabilities(w, m))
        ),
        "costing 0 nats",
    ),
    (
        lambda w, m: np.mean(np.nan_to_num(-np.log(_probabilities(w, m)), posinf=0.0)),
        "costing 0 nats",
    ),
    (
        lambda w, m: np.mean(np.nan_to_num(-np.log(_probabilities(w, m)))),  # inf -> 1.8e308
        "the infinity is the answer",
    ),
    (
        lambda w, m: (
            -np.inf if np.any(_probabilities(w, m) == 0) else np.mean(-np.log(_probabilities(w, m)))
        ),
        "-inf has the right size and the wrong sign",
    ),
    (lambda w, m: {"nll": np.mean(_terms(w, m))}, "returned a dict"),
    (lambda w, m: np.exp(np.mean(_terms(w, m))), "perplexity"),
    (lambda w, m: np.mean(_terms(w, m)) / np.log(10), "base 10"),
    (lambda w, m: np.median(_terms(w, m)), "MEDIAN"),
    (lambda w, m: np.mean(_terms(w, m, transpose=True)), "model[next, previous]"),
    (lambda w, m: np.mean(_terms(w, m, end=False)), "word's end"),
    (lambda w, m: np.mean(_terms(w, m, start=False)), "first letter"),
    (lambda w, m: np.mean(_terms(w, m)) / np.log(2), "in bits"),
    (lambda w, m: np.sum(_terms(w, m)), "total NLL"),
    (lambda w, m: np.sum(_terms(w, m)) / len(w), "per WORD"),
    (lambda w, m: np.mean([np.mean(_terms([x], m)) for x in w]), "short word"),
    (lambda w, m: h.average_nll(w, m), "write yourself"),
    (lambda w, m: h.empirical_cross_entropy(h.bigram_counts(w), m), "write yourself"),
    (lambda w, m: np.mean(np.unique(_terms(w, m))), "distinct pair"),
    (lambda w, m: np.mean(_terms(w, m, start=False, end=False)), "start and end"),
    (lambda w, m: -np.mean(_terms(w, m)), "wrong sign"),
    (lambda w, m: -np.log(np.mean(np.exp(-_terms(w, m)))), "log of the average probability"),
    (lambda w, m: -np.log(np.prod(np.exp(-_terms(w, m)))) / len(_terms(w, m)), "underflows"),
]


@pytest.mark.parametrize(
    ("wrong", "hint"), NLL_WRONG, ids=[f"wrong{i}" for i in range(len(NLL_WRONG))]
)
def test_average_nll_rejects_with_hint(wrong, hint):
    with np.errstate(divide="ignore"):
        assert _rejected(h.check_average_nll(wrong), hint)


# --- exercise 4: the posterior mean ---------------------------------------------------------


@pytest.mark.parametrize(
    "right",
    [
        lambda n, a: (n + a) / (n + a).sum(),
        lambda n, a: (n + a) / (n.sum() + a.sum()),
        lambda n, a: np.array([(k + b) / sum(n + a) for k, b in zip(n, a, strict=True)]),
        lambda n, a: scipy.stats.dirichlet(n + a).mean(),
        lambda n, a: np.round((n + a) / (n + a).sum(), 4),  # 4 decimals, as the exercise asks
        lambda n, a: np.array([float(f"{v:.4f}") for v in (n + a) / (n + a).sum()]),
    ],
    ids=["normalise", "formula", "loop", "scipy-dirichlet", "rounded", "typed"],
)
def test_posterior_mean_accepts(right):
    assert _ok(h.check_posterior_mean(right))


POSTERIOR_WRONG = [
    (lambda n, a: n / n.sum(), "maximum-likelihood"),
    (lambda n, a: (n + a - 1) / (n.sum() + a.sum() - len(n)), "MODE"),
    (lambda n, a: (n + a) / (n.sum() + len(n)), "adds K"),
    (lambda n, a: (n + a) / (n.sum() + a), "its own N + a_k"),
    (lambda n, a: (n + a) / n.sum(), "does not sum to 1"),
    (lambda n, a: n + a, "posterior's parameters"),
    (
        lambda n, a: (
            n.sum() / (n.sum() + a.sum()) * n / n.sum()
            + a.sum() / (n.sum() + a.sum()) * a / a.sum()
        ),
        "0 / 0",
    ),
    (lambda n, a: (n + 1) / (n.sum() + len(n)), "added 1 to every count"),
    (lambda n, a: a / a.sum(), "prior's mean alone"),
    (lambda n, a: (n / n.sum() + a / a.sum()) / 2, "equal weight"),
    (lambda n, a: (n + a.mean()) / (n.sum() + len(n) * a.mean()), "one average pseudo-count"),
    (lambda n, a: (n + a / a.sum()) / (n.sum() + 1), "normalised the prior"),
    (
        lambda n, a: (
            a.sum() / (n.sum() + a.sum()) * n / n.sum()
            + n.sum() / (n.sum() + a.sum()) * a / a.sum()
        ),
        "swapped the two weights",
    ),
    (lambda n, a: np.clip(n + a - 1, 0, None) / np.clip(n + a - 1, 0, None).sum(), "clipped to 0"),
    (
        lambda n, a: np.random.default_rng().dirichlet(n + a, size=20_000).mean(axis=0),
        "changes from call to call",
    ),
    (  # a Monte-Carlo mean with a fixed seed: the same answer each call, but not the mean
        lambda n, a: np.random.default_rng(0).dirichlet(n + a, size=20_000).mean(axis=0),
        "Monte-Carlo average",
    ),
    (
        lambda n, a: np.round((n + a) / (n + a).sum(), 2),
        "rounded to 2 decimals; this check needs at least 4",
    ),
    (lambda n, a: (n + a + 1) / (n.sum() + a.sum() + len(n)), "added 1 on top of the prior"),
    (lambda n, a: dict(enumerate((n + a) / (n + a).sum())), "returned a dict"),
]


@pytest.mark.parametrize(
    ("wrong", "hint"), POSTERIOR_WRONG, ids=[f"wrong{i}" for i in range(len(POSTERIOR_WRONG))]
)
def test_posterior_mean_rejects_with_hint(wrong, hint):
    with np.errstate(all="ignore"):
        assert _rejected(h.check_posterior_mean(wrong), hint)


def test_posterior_mean_reference_is_the_beta_mean():
    """Laplace's rule: 7 heads, 3 tails, a uniform prior -> 8/12 (scipy's Beta(8, 4) mean)."""
    fb = h.check_posterior_mean(lambda n, a: (n + a) / (n + a).sum())
    assert fb.passed and scipy.stats.beta(8, 4).mean() == pytest.approx(8 / 12)


def test_posterior_mean_explains_the_weighted_average_form():
    """Right for N > 0, nan at N = 0: the message says why the form is refused, not just that it is."""

    def weighted(n, a):
        big_n, big_a = n.sum(), a.sum()
        return big_n / (big_n + big_a) * (n / big_n) + big_a / (big_n + big_a) * (a / big_a)

    with np.errstate(all="ignore"):
        fb = h.check_posterior_mean(weighted)
    assert not fb.passed
    assert "0 * nan is still nan" in fb.message and "right whenever N > 0" in fb.message


def _chosen_alpha(f, v, t, a):
    return _protocol(f, v, t, a)[0]


def _letters_only(w, m):
    return np.sum(_terms(w, m)) / sum(len(x) for x in w)


MORE_WRONG = [  # a second reviewer's catalogue: each named, across notebooks 03 and 04
    (h.check_cross_entropy, lambda p, q: scipy.stats.entropy(q, p), "roles swapped"),
    (h.check_average_nll, _letters_only, "number of letters"),
    (
        h.check_alpha_choice,
        lambda f, v, t, a: (_chosen_alpha(f, v, t, a), np.exp(_protocol(f, v, t, a)[1])),
        "perplexity",
    ),
    (h.check_alpha_choice, _with(refit=lambda f, v, t: f + t), "(fit + test)"),
    (h.check_posterior_mean, lambda n, a: (n + a[0]) / (n.sum() + len(n) * a[0]), "first pseudo"),
    (
        h.check_label_smoothed_cross_entropy,
        lambda z, y, e: np.mean(
            -np.sum(
                ((1 - e) * h.one_hot(y, z.shape[1]) + e / z.shape[1])
                * np.log(h.softmax(z) + 1e-12),
                axis=1,
            )
        ),
        "epsilon inside the log",
    ),
    (
        h.check_label_smoothed_cross_entropy,
        lambda z, y, e: np.mean(
            -np.sum(((1 - e) * h.one_hot(y, z.shape[1]) + e) * h.log_softmax(z), axis=1)
        ),
        "eps to every class",
    ),
]


@pytest.mark.parametrize(
    ("check", "wrong", "hint"), MORE_WRONG, ids=[f"more{i}" for i in range(len(MORE_WRONG))]
)
def test_more_wrong_answers_are_named(check, wrong, hint):
    with np.errstate(all="ignore"):
        assert _rejected(check(wrong), hint)


# --- a breaker's round (n23r5): the wrong answers that got only the generic hint -----------


def _pairs_nll(words, model, index):
    return np.mean(
        [
            -np.log(model[index(a), index(b)])
            for w in words
            for a, b in zip("." + w, w + ".", strict=True)
        ]
    )


def _dot_last(ch):  # h.ALPHABET's letters, then "." as 26
    return (h.ALPHABET + ".").index(ch)


def _dot_as_a(ch):  # {c: i for i, c in enumerate(h.ALPHABET)}.get(ch, 0)
    return {c: i for i, c in enumerate(h.ALPHABET)}.get(ch, 0)


def _one_step_too_far(words, model):
    q = []
    for w in words:
        chars = "." + w + "."
        for i in range(len(chars)):
            q.append(model[h.NAME_ALPHABET.index(chars[i]), h.NAME_ALPHABET.index(chars[i + 1])])
    return np.mean(-np.log(q))


def _ord_index(ch):  # ord(ch) - ord("a"): -51 for "."
    return ord(ch) - ord("a")


def _joined(words, model):
    s = "." + "".join(words) + "."
    i = h.NAME_ALPHABET.index
    return np.mean([-np.log(model[i(a), i(b)]) for a, b in zip(s, s[1:], strict=False)])


def _add_one_unchosen(fit, validation, test, alphas):
    return 1.0, h.average_nll(test, h.fit_bigram(h.bigram_counts(fit + validation), 1.0))


BREAKER_04 = [
    (h.check_average_nll, lambda w, m: _pairs_nll(w, m, _dot_last), "h.NAME_ALPHABET.index(ch)"),
    (
        h.check_average_nll,
        lambda w, m: _pairs_nll(w, m, h.ALPHABET.index),
        "h.NAME_ALPHABET.index(ch)",
    ),
    (h.check_average_nll, lambda w, m: _pairs_nll(w, m, _ord_index), "h.NAME_ALPHABET.index(ch)"),
    (h.check_average_nll, _joined, "ran the words together"),
    (h.check_alpha_choice, _add_one_unchosen, "without choosing"),
    (h.check_average_nll, lambda w, m: _pairs_nll(w, m, _dot_as_a), "h.NAME_ALPHABET.index(ch)"),
    (h.check_average_nll, _one_step_too_far, "one step past the end"),
]


@pytest.mark.parametrize(
    ("check", "wrong", "hint"), BREAKER_04, ids=[f"b{i}" for i in range(len(BREAKER_04))]
)
def test_breakers_wrong_answers_get_their_own_hint(check, wrong, hint):
    with np.errstate(all="ignore"):
        fb = check(wrong)
    assert (not fb.passed) and hint in fb.message, fb.message


def test_alpha_choice_answers_are_computed_once_and_a_mutating_answer_cannot_poison_them():
    """check_alpha_choice caches its problems' reference answers: a learner's function that
    changes its arguments in place (fit += validation) must not change the next check's."""

    def mutating(fit, validation, test, alphas):
        fit += validation + test  # in place: the lists the check passed
        alphas[:] = 1.0
        validation.clear()
        return 1.0, 0.0

    assert not h.check_alpha_choice(mutating).passed
    assert _ok(h.check_alpha_choice(_right_twice))
