"""Exercise checks for likelihood (notebook 04): a categorical's log-likelihood and the validation
protocol (the conditional NLL's check: :mod:`.conditional_nll`; the posterior mean's: :mod:`.priors`).

Each one knows the right answers (computed by :mod:`helpers`, never typed in) and a
catalogue of the mistakes a learner really makes — a product that underflows, choosing
on the wrong split, transposed indexing — each with a
hint that names it, and returns a :class:`~helpers.exercises._engine.Feedback`.
"""

from __future__ import annotations

import copy
import functools
import math

import numpy as np

from helpers.datasets import load_names
from helpers.exercises._engine import Case, Feedback, Mistake, quietly, run_check
from helpers.name_tables import NAME_ALPHABET, average_nll, bigram_counts, fit_bigram
from helpers.ngram import NgramModel
from helpers.word_models import word_surprisals

__all__ = [
    "check_log_likelihood",
    "check_alpha_choice",
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
            lambda n, t: float(np.mean(np.where(n > 0, n * np.log(np.where(n > 0, t, 1.0)), 0.0))),
            "you averaged the kinds' terms (np.mean): the log-likelihood SUMS one term per kind, "
            "counts[k] * log(theta[k]).",
        ),
        Mistake(
            lambda n, t: _log_likelihood(n, n / n.sum()),
            "you used the observed frequencies counts / N in place of theta: that is the log-likelihood "
            "of the best model for these counts, not of the model theta you were given.",
        ),
        Mistake(
            lambda n, t: float(np.sum(t * np.log(n))),
            "you swapped counts and theta: theta[k] * log(counts[k]). The model's probability goes inside "
            "the log and the count weighs it: sum(counts * log(theta)).",
        ),
        Mistake(
            lambda n, t: float(np.sum(n * np.log(n / t))),
            "that is sum counts * log(counts / theta), a KL-like term. The log-likelihood is "
            "sum(counts * log(theta)): theta alone inside the log.",
        ),
        Mistake(
            lambda n, t: float(np.sum(n * np.log(t + 1e-12))),
            "an epsilon in the log hid an infinity: an outcome the model rules out (theta = 0) did "
            "happen, so the log-likelihood is -inf. Let np.log(0) be -inf where counts > 0.",
        ),
    ]
    mistakes = [Mistake(quietly(m.wrong), m.hint) for m in mistakes]  # their log(0)s are expected
    feedback = run_check(
        quietly(log_likelihood_fn),
        cases,
        name="log_likelihood",
        mistakes=mistakes,
        match_all_cases=True,
        unit="nats",
        atol=6e-5,  # an answer rounded to 4 decimals, as a person types it
        rounding_hint=True,  # one rounded to fewer is named, with the decimals needed
        success="Finite for 1 500 outcomes, where the product of their probabilities underflows to 0; "
        "-inf only when something the model rules out happened.",
    )
    generic = "Hint: compare your formula with the one above the exercise, term by term."
    if not feedback.passed and " returned inf, expected -inf" in feedback.message:
        return feedback.with_hint(
            "inf is the right size with the wrong sign: the log-likelihood is sum counts * "
            "log(theta), and log 0 = -inf (inf is the NEGATIVE log-likelihood's value)."
        )
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
        return feedback.with_hint(  # 0 * log 0 where theta = 0 and nothing happened
            "0 * log(0) is nan in floating point; an outcome "
            "that never happened (counts[k] = 0) adds nothing, whatever theta[k] is: skip it."
        )
    return feedback


# --- the protocol: choose on validation, refit, score the test words once ----------


def _protocol_problem(seed=45, sizes=(300, 150, 80)):
    """Three fixed, disjoint sets of the shipped names, chosen so every known mistake gives a different answer."""
    names = load_names()
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(names))
    pick = [names[i] for i in order]
    a, b, c = np.cumsum(sizes)
    fit, validation, test = pick[:a], pick[a:b], pick[b:c]
    return fit, validation, test, np.geomspace(0.01, 10, 13)


_PROTOCOL_PROBLEMS = (
    (45, (300, 150, 80)),
    (9, (240, 120, 100)),
    (11, (220, 140, 90)),  # choosing per name and pooling the test words give different alphas here
    (4, (260, 130, 160)),  # candidates counted on fit + test words choose another alpha here
)  # fit sizes differ: the lookup key


def _protocol_answers(seed=45, sizes=(300, 150, 80)):
    """The problem and every answer (right and mistaken), computed once per problem; a copy
    each call, so a learner's function that changes its arguments cannot change a later check.
    """
    return copy.deepcopy(_protocol_answers_once(seed, tuple(sizes)))


@functools.cache
def _protocol_answers_once(seed, sizes):
    fit, validation, test, alphas = _protocol_problem(seed, sizes)

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
    i_val = int(np.flatnonzero(alphas == a_val)[0])
    for key, j in (
        ("one above", min(i_val + 1, len(alphas) - 1)),
        ("one below", max(i_val - 1, 0)),
    ):
        answers[key] = (float(alphas[j]), score(float(alphas[j]), fit + validation))
    nats = word_surprisals(  # each validation name's total NLL, for every alpha at once
        NgramModel(1, fit, alphabet=NAME_ALPHABET, boundary="."),
        validation,
        base=math.e,
        alpha=alphas,
    )
    per_name = (nats / np.array([len(w) + 1 for w in validation])).mean(axis=1)  # mean over NAMES
    a_name = float(alphas[int(np.argmin(per_name))])
    answers["per-name choice"] = (a_name, score(a_name, fit + validation))
    answers["add-one refit"] = (a_val, score(1.0, fit + validation))
    answers["no choice"] = (1.0, score(1.0, fit + validation))
    pooled = best(fit, validation + test)
    answers["counted test"] = (
        best(fit + test, validation),
        score(best(fit + test, validation), fit + validation),
    )
    answers["pooled"] = (pooled, score(pooled, fit + validation))
    a_val_final = fit_bigram(bigram_counts(fit + validation), a_val)
    answers["no alpha in the refit"] = (a_val, score(0.0, fit + validation))
    answers["perplexity"] = (a_val, math.exp(score(a_val, fit + validation)))
    answers["refit on fit and test"] = (a_val, score(a_val, fit + test))
    answers["scored on training"] = (a_val, float(average_nll(fit + validation, a_val_final)))
    answers["per name"] = (a_val, float(np.mean([average_nll([w], a_val_final) for w in test])))
    answers["total"] = (
        a_val,
        float(average_nll(test, a_val_final)) * sum(len(w) + 1 for w in test),
    )
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
    first = _protocol_problem(*_PROTOCOL_PROBLEMS[0])
    try:  # a stub: say "not done yet" before computing every mistake's answers
        choose_and_score(*first)
    except NotImplementedError:
        return run_check(choose_and_score, [Case(first, None)], name="choose_and_score")
    except Exception:  # run_check reports it below
        pass
    problems = [_protocol_answers(seed, sizes) for seed, sizes in _PROTOCOL_PROBLEMS]
    by_size = {len(args[0]): answers for args, answers in problems}
    hints = {
        "on test": "you chose alpha on the TEST words. Then the test score is no longer an honest estimate: "
        "choose on the validation words, and touch the test words once, at the end.",
        "on fit": "your alpha is the grid's smallest. Words a model has counted favour the least smoothing "
        "(always so when you score exactly the counted words): did you score each alpha on the fit words, or "
        "pool the validation words into the counts (fit + validation) before choosing, or take alphas[0]? "
        "Count the fit words only; score each alpha on the validation words; take the alpha with the lowest NLL.",
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
        "per-name choice": "you scored each alpha by the mean over the validation WORDS of each word's "
        "NLL: a short word then weighs as much as a long one. Score each alpha by the average per predicted "
        "character, h.average_nll(validation_words, model), as the test score is.",
        "no choice": "you returned alpha = 1 (add-one) without choosing: score each alpha of the grid on "
        "the validation words and take the one with the lowest NLL.",
        "add-one refit": "the alpha is right, but the final model was refitted with alpha = 1 (add-one), not "
        "with the alpha you chose. Pass the chosen alpha to the refit.",
        "pooled": "your alpha is the one that scores best on the validation AND test words pooled together. "
        "If that is how you chose it, the test words took part in the choice and their score is no longer "
        "honest: choose on the validation words alone; the test words appear once, in the final score.",
        "counted test": "the candidate models you compared counted the TEST words (fit + test), so the "
        "test words took part in the choice. Count the fit words only; score each alpha on the validation "
        "words; the test words appear once, in the final score.",
        "one above": "your alpha is the grid neighbour ABOVE the one with the lowest validation NLL: an "
        "index off by one. np.argmin already returns the position of the lowest: alphas[np.argmin(nll)], "
        "no + 1.",
        "one below": "your alpha is the grid neighbour BELOW the one with the lowest validation NLL: an "
        "index off by one. np.argmin already returns the position of the lowest: alphas[np.argmin(nll)], "
        "no - 1.",
        "index": "the first number is the alpha's POSITION in alphas; return the alpha itself, alphas[i].",
        "order": "right numbers, wrong order: return (alpha, test_nll).",
        "bits": "the test NLL is in bits; h.average_nll (and this exercise) use nats.",
        "no alpha in the refit": "the alpha is right, but the final model was refitted without it: "
        "h.fit_bigram(counts) is alpha = 0, which gives the test words' unseen pairs probability 0. "
        "Pass the chosen alpha to the refit.",
        "scored on training": "your number is the refitted model's NLL on the training words (fit + "
        "validation), which it has counted. Score it on the test words.",
        "per name": "you averaged each test word's NLL, then the words: a short word then counts as much "
        "as a long one. Average over all the predicted characters at once (h.average_nll(test_words, ...)).",
        "total": "that is the test words' TOTAL NLL; return the average per predicted character.",
        "perplexity": "that is the perplexity, e^NLL; return the test NLL itself (nats per character).",
        "refit on fit and test": "your final model counted the TEST words (fit + test), so its test "
        "score grades it on names it has seen. Refit on fit + validation words.",
    }
    mistakes = [
        Mistake(lambda *args, key=key: by_size[len(args[0])][key], hints[key]) for key in hints
    ]
    return run_check(
        choose_and_score,
        [
            Case(
                args,
                answers["right"],
                label=f"choose_and_score(fit_words, validation_words, test_words, alphas), problem {i + 1}",
            )
            for i, (args, answers) in enumerate(problems)
        ],
        name="choose_and_score",
        mistakes=mistakes,
        match_all_cases=True,
        rtol=5e-4,  # four significant figures, as a person would type them
        rounding_hint=True,  # a test NLL rounded to fewer is named, with the decimals needed
        success="Chosen on validation, refitted on all the training words, scored on the test words once.",
    )
