"""Exercise checks for likelihood (notebook 04): a categorical's log-likelihood, the validation protocol,
the conditional NLL and the posterior mean.

Each one knows the right answers (computed by :mod:`helpers`, never typed in) and a
catalogue of the mistakes a learner really makes — a product that underflows, choosing
on the wrong split, transposed indexing, the posterior's mode for its mean — each with a
hint that names it, and returns a :class:`~helpers.exercises._engine.Feedback`.
"""

from __future__ import annotations

import math

import numpy as np

from helpers.datasets import load_names
from helpers.exercises._engine import Case, Feedback, Mistake, quietly, run_check
from helpers.ngram import NAME_ALPHABET, average_nll, bigram_counts, fit_bigram, uniform_model

__all__ = [
    "check_log_likelihood",
    "check_alpha_choice",
    "check_average_nll",
    "check_posterior_mean",
]


_COUNTS = (  # (counts, theta): a coin, a die, an impossible outcome that never happened, a long sequence
    ([7, 3], [0.7, 0.3]),
    ([2, 0, 1, 4, 0, 3], [0.1, 0.2, 0.1, 0.3, 0.1, 0.2]),
    ([3, 0, 2], [0.5, 0.0, 0.5]),  # theta = 0 where nothing happened: 0 log 0 = 0
    ([900, 600], [0.3, 0.7]),  # 1 500 outcomes: their product underflows to 0
    ([1, 2], [0.0, 1.0]),  # an outcome the model rules out happened: -inf
)


def _log_likelihood(counts, theta) -> float:
    n, t = np.asarray(counts, dtype=float), np.asarray(theta, dtype=float)
    with np.errstate(divide="ignore"):
        return float(np.sum(np.where(n > 0, n * np.log(np.where(n > 0, t, 1.0)), 0.0)))


def check_log_likelihood(log_likelihood_fn) -> Feedback:
    """Check ``log_likelihood_fn(counts, theta)`` = sum_k counts[k] ln theta[k], the log-probability of
    one sequence with those counts: 0 ln 0 = 0, -inf for an outcome ruled out, and no underflow.
    """
    cases = [
        Case(
            (np.array(n), np.array(t)),
            _log_likelihood(n, t),
            label=f"log_likelihood({n}, theta={t})",
        )
        for n, t in _COUNTS
    ]

    mistakes = [
        Mistake(
            lambda n, t: math.exp(_log_likelihood(n, t)),
            "that is the likelihood itself (the product). Take logs: the log of a product is the sum of "
            "the logs.",
        ),
        Mistake(
            lambda n, t: -_log_likelihood(n, t),
            "wrong sign: that is the NEGATIVE log-likelihood. Log-likelihood is the plain sum of "
            "log-probabilities (<= 0).",
        ),
        Mistake(
            lambda n, t: _log_likelihood(n, t) / math.log(2),
            "that is in bits; use the natural log (np.log).",
        ),
        Mistake(
            lambda n, t: _log_likelihood(n, t) / math.log(10),
            "that is in base 10; use the natural log (np.log).",
        ),
        Mistake(
            lambda n, t: float(np.sum(np.log(t[n > 0]))),
            "you added log theta once per KIND of outcome. Each of the counts[k] outcomes of kind k "
            "contributes log theta[k]: weight by the counts.",
        ),
        Mistake(
            lambda n, t: _log_likelihood(n, t) / n.sum(),
            "that is the AVERAGE log-likelihood per outcome; the exercise asks for the whole sequence's.",
        ),
        Mistake(
            lambda n, t: (
                _log_likelihood(n, t)
                + math.lgamma(n.sum() + 1)
                - sum(math.lgamma(k + 1) for k in n)
            ),
            "you added log(N! / prod counts[k]!), the number of sequences with these counts: that is the "
            "probability of the COUNTS. The exercise asks for one sequence's, sum counts[k] log theta[k].",
        ),
        Mistake(
            lambda n, t: float(np.log(np.prod(t**n))),
            "you multiplied theta[k] ** counts[k] and then took the log. For 1 500 outcomes the product "
            "underflows to exactly 0.0 (section 3) and log(0) = -inf. Take logs first: "
            "sum(counts * log(theta)) stays finite.",
        ),
        Mistake(
            lambda n, t: float(np.sum(n * np.log(t + 1e-12))),
            "an epsilon in the log hid an infinity: an outcome the model rules out (theta = 0) did "
            "happen, so the log-likelihood is -inf. Let np.log(0) be -inf where counts > 0.",
        ),
    ]
    mistakes = [Mistake(quietly(m.wrong), m.hint) for m in mistakes]  # their log(0)s are expected
    if not callable(log_likelihood_fn):
        return run_check(log_likelihood_fn, cases, name="log_likelihood")
    feedback = run_check(
        quietly(log_likelihood_fn),
        cases,
        name="log_likelihood",
        mistakes=mistakes,
        match_all_cases=True,
        unit="nats",
        success="Finite for 1 500 outcomes, where the product of their probabilities underflows to 0; "
        "-inf only when something the model rules out happened.",
    )
    generic = "Hint: compare your formula with the one above the exercise, term by term."
    if not feedback.passed and "expected -inf" in feedback.message and generic in feedback.message:
        return Feedback(
            False,
            feedback.message.replace(
                generic,
                "Hint: an outcome the model rules out (theta = 0) did happen, so the log-likelihood is "
                "-inf. An epsilon, a clip or skipping theta = 0 turns that into a finite number and "
                "hides it. Skip only the kinds that never happened (counts = 0).",
            ),
            feedback.status,
        )
    if not feedback.passed and "nan" in feedback.message.split("expected")[0]:
        return Feedback(  # 0 * log 0 where theta = 0 and nothing happened
            False,
            feedback.message.split("\nHint:")[0]
            + "\nHint: 0 * log(0) is nan in floating point; an outcome "
            "that never happened (counts[k] = 0) adds nothing, whatever theta[k] is: skip it.",
            feedback.status,
        )
    return feedback


# --- the protocol: choose on validation, refit, score the test words once ----------


def _protocol_problem():
    """Three fixed, disjoint sets of the shipped names, chosen so every known mistake gives a different answer."""
    names = load_names()
    rng = np.random.default_rng(45)
    order = rng.permutation(len(names))
    pick = [names[i] for i in order]
    fit, validation, test = pick[:300], pick[300:450], pick[450:530]
    return fit, validation, test, np.geomspace(0.01, 10, 13)


def _protocol_answers():

    fit, validation, test, alphas = _protocol_problem()

    def best(fitted_on, scored_on, pick=np.argmin):
        counts = bigram_counts(fitted_on)
        return float(alphas[pick([average_nll(scored_on, fit_bigram(counts, a)) for a in alphas])])

    def score(alpha, fitted_on):
        return float(average_nll(test, fit_bigram(bigram_counts(fitted_on), alpha)))

    a_val = best(fit, validation)
    answers = {
        "right": (a_val, score(a_val, fit + validation)),
        "on test": (best(fit, test), score(best(fit, test), fit + validation)),
        "on fit": (best(fit, fit), score(best(fit, fit), fit + validation)),
        "swapped": (best(validation, fit), score(best(validation, fit), fit + validation)),
        "no refit": (a_val, score(a_val, fit)),
        "refit with test": (a_val, score(a_val, fit + validation + test)),
        "refit on validation": (a_val, score(a_val, validation)),
        "validation score": (
            a_val,
            float(average_nll(validation, fit_bigram(bigram_counts(fit), a_val))),
        ),
        "argmax": (
            best(fit, validation, np.argmax),
            score(best(fit, validation, np.argmax), fit + validation),
        ),
    }
    right_alpha, right_nll = answers["right"]
    answers["index"] = (float(np.flatnonzero(alphas == right_alpha)[0]), right_nll)
    answers["order"] = (right_nll, right_alpha)
    answers["bits"] = (right_alpha, right_nll / math.log(2))
    return (fit, validation, test, alphas), answers


def check_alpha_choice(choose_and_score) -> Feedback:
    """Check ``choose_and_score(fit_words, validation_words, test_words, alphas)`` returns
    ``(alpha, test_nll)``: alpha chosen on the validation words for bigram models fitted on the fit
    words, then one model refitted on fit + validation words with that alpha, scored once on the test words.
    """
    (fit, validation, test, alphas), answers = _protocol_answers()
    hints = {
        "on test": "you chose alpha on the TEST words. Then the test score is no longer an honest estimate: "
        "choose on the validation words, and touch the test words once, at the end.",
        "on fit": "you scored each alpha on words the candidate models had counted: the fit words, or the "
        "validation words pooled into the counts (fit + validation) before choosing. Counted words always "
        "prefer the least smoothing. Count the fit words only; score each alpha on the validation words.",
        "swapped": "you fitted on the validation words and scored on the fit words: the roles are swapped. "
        "Count the fit words; score each alpha on the validation words.",
        "no refit": "the alpha is right, but the final model was fitted on the fit words only. Refit it on "
        "fit + validation words (all the training data) before the one test score.",
        "refit with test": "your final model counted the TEST words too, so its test score grades it on "
        "names it has seen. Refit on fit + validation words only.",
        "refit on validation": "your final model counted only the validation words. Refit on fit + "
        "validation words: all the training data.",
        "validation score": "the alpha is right, but the number you returned is the validation NLL. Return "
        "the test NLL of the refitted model.",
        "argmax": "that alpha has the HIGHEST validation NLL: choose the lowest.",
        "index": "the first number is the alpha's POSITION in alphas; return the alpha itself, alphas[i].",
        "order": "right numbers, wrong order: return (alpha, test_nll).",
        "bits": "the test NLL is in bits; h.average_nll (and this exercise) use nats.",
    }
    mistakes = [Mistake(lambda *args, key=key: answers[key], hints[key]) for key in hints]
    return run_check(
        choose_and_score,
        [
            Case(
                (fit, validation, test, alphas),
                answers["right"],
                label="choose_and_score(fit_words, validation_words, test_words, alphas)",
            )
        ],
        name="choose_and_score",
        mistakes=mistakes,
        match_all_cases=True,
        rtol=5e-4,  # four significant figures, as a person would type them
        success="Chosen on validation, refitted on all the training words, scored on the test words once.",
    )


# --- the average NLL from its definition --------------------------------------------


def check_average_nll(average_nll_fn) -> Feedback:
    """Check ``average_nll_fn(words, model)``: (1/N) sum of -ln model[x, y] over every predicted
    character y (each letter and each word's end) given the one before, x (a word starts after ".").
    """
    # No palindromes and an asymmetric table, so model[next, prev] gives a different number.
    model = fit_bigram(bigram_counts(["mark", "liza", "brandon", "kim", "olga"]), alpha=0.5)
    cases = [
        Case((words, m), average_nll(words, m), label=f"average_nll({words}, {name})")
        for words, m, name in (
            (["mark", "zoe"], model, "model"),  # several words: per-word and total differ
            (["ab"], uniform_model(), "uniform_model()"),
            (["lin", "b", "drake", "banana"], model, "model"),  # banana repeats "an" and "na"
        )
    ]
    index = {ch: i for i, ch in enumerate(NAME_ALPHABET)}

    def terms(words, m, start=True, end=True, transpose=False):
        out = []
        for w in words:
            chars = ("." if start else "") + w + ("." if end else "")
            for a, b in zip(chars, chars[1:], strict=False):
                i, j = (index[b], index[a]) if transpose else (index[a], index[b])
                out.append(-np.log(m[i, j]))
        return np.array(out)

    mistakes = [
        Mistake(
            lambda w, m: float(np.mean(terms(w, m, transpose=True))),
            "you read model[next, previous]: rows are the PREVIOUS character, columns the next one, so "
            "q(y | x) is model[x, y].",
        ),
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
        Mistake(
            lambda w, m: float(np.mean(np.unique(terms(w, m)))),
            "you counted each distinct pair once: a pair that occurs twice (an, na in 'banana') is "
            "two predictions, and the average is over all of them.",
        ),
        Mistake(
            lambda w, m: float(np.mean([np.mean(terms([x], m)) for x in w])),
            "you averaged each word's NLL, then averaged the words: a short word then counts as much as a "
            "long one. Average over all the predictions at once.",
        ),
    ]
    return run_check(
        average_nll_fn,
        cases,
        name="average_nll",
        mistakes=mistakes,
        match_all_cases=True,
        unit="nats",
        forbidden=("average_nll", "empirical_cross_entropy", "word_surprisals"),
        success="(1/N) sum of -log q(y | x): a classifier's loss, with the previous character as input.",
    )


# --- smoothing is a prior: the posterior mean ----------------------------------------

_POSTERIOR_CASES = (
    ([3, 1, 0], [2.0, 0.5, 1.0]),  # an unequal prior: the known mistakes all differ here
    ([7, 3], [1, 1]),  # section 1's coin under a uniform prior: Laplace's rule, 8/12
    ([5, 0, 2, 1], [0.1, 0.1, 0.1, 0.1]),  # add-0.1
    ([0, 0, 0], [1.0, 2.0, 3.0]),  # no data: the prior's own mean
)


def check_posterior_mean(posterior_mean) -> Feedback:
    """Check ``posterior_mean(counts, prior)`` = the mean of the Dirichlet posterior,
    (counts + prior) / (counts.sum() + prior.sum()).
    """
    cases = [
        Case(
            (np.array(n, dtype=float), np.array(a, dtype=float)),
            (np.array(n) + np.array(a)) / (np.sum(n) + np.sum(a)),
            label=f"posterior_mean({n}, prior={a})",
        )
        for n, a in _POSTERIOR_CASES
    ]
    mistakes = [
        Mistake(
            lambda n, a: n / n.sum(),
            "that is the maximum-likelihood estimate, counts / N: the prior is missing. The posterior "
            "Dirichlet(counts + prior) has mean (counts + prior) / (N + sum of prior).",
        ),
        Mistake(
            lambda n, a: (n + a - 1) / (n.sum() + a.sum() - len(n)),
            "that is the posterior's MODE (its peak, the MAP estimate), (n + a - 1) / (N + sum a - K). "
            "Add-alpha smoothing is its MEAN: (n + a) / (N + sum a).",
        ),
        Mistake(
            lambda n, a: (n + a) / (n.sum() + len(n)),
            "your denominator adds K = the number of outcomes, which is right only for a prior of 1 each: "
            "add the prior's total, sum(prior).",
        ),
        Mistake(
            lambda n, a: (n + a) / (n.sum() + a),
            "you divided each entry by its own N + a_k: the result no longer sums to 1. The denominator is "
            "one number, N + sum(prior).",
        ),
        Mistake(
            lambda n, a: (n + a) / n.sum(),
            "your answer does not sum to 1: divide by N + sum(prior), the total of counts + prior.",
        ),
        Mistake(
            lambda n, a: (n + 1) / (n.sum() + len(n)),
            "you added 1 to every count (add-one, the posterior mean for a prior of 1 each). This prior "
            "gives outcome k its own pseudo-count a_k: (n + a) / (N + sum a).",
        ),
        Mistake(
            lambda n, a: n + a,
            "those are the posterior's parameters, counts + prior; its MEAN divides them by their total.",
        ),
        Mistake(
            lambda n, a: a / a.sum(),
            "that is the prior's mean alone, before any data: add the counts.",
        ),
        Mistake(
            lambda n, a: (n / n.sum() + a / a.sum()) / 2,
            "you averaged the data's frequencies and the prior's mean with equal weight. The posterior "
            "weighs them by N and sum(prior): (n + a) / (N + sum a).",
        ),
        Mistake(
            lambda n, a: (n + a.mean()) / (n.sum() + len(n) * a.mean()),
            "you used one average pseudo-count for every outcome; this prior gives outcome k its own a_k.",
        ),
    ]
    if not callable(posterior_mean):
        return run_check(posterior_mean, cases, name="posterior_mean")
    feedback = run_check(
        quietly(posterior_mean),
        cases,
        name="posterior_mean",
        mistakes=mistakes,
        match_all_cases=True,
        success="Pseudo-counts plus counts, normalised: with a prior of alpha for every outcome this is "
        "add-alpha smoothing, and with no data it is the prior's own mean.",
    )
    if not feedback.passed and "[0, 0, 0]" in feedback.message and "nan" in feedback.message:
        return Feedback(
            False,
            feedback.message.split("\nHint:")[0]
            + "\nHint: with no data, N = 0 and counts / N is 0 / 0 = nan. If you wrote the mean as a weighted "
            "average of counts / N and the prior's mean, N / (N + A) * counts / N + A / (N + A) * prior / A, "
            "it is right whenever N > 0 (the other cases), but at N = 0 its weight 0 multiplies nan, and "
            "0 * nan is still nan. With no data the posterior is the prior, whose mean exists; "
            "(counts + prior) / (N + sum(prior)) never divides by 0 and covers that case.",
            feedback.status,
        )
    return feedback
