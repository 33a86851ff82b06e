"""Exercise check for the conditional NLL of a bigram model (notebook 04, exercise 3), written from
its definition: one term -ln q(y | x) per prediction, inf for a pair the model rules out.

It knows the right answers (computed by :mod:`helpers`, never typed in) and a catalogue of the
mistakes a learner really makes — transposed indexing, a product that underflows, an epsilon or a
skipped term that hides an infinity — each with a hint that names it, and returns a
:class:`~helpers.exercises._engine.Feedback`.
"""

from __future__ import annotations

import dis
import re

import numpy as np

from helpers.datasets import load_names
from helpers.exercises._engine import Case, Feedback, Mistake, quietly, run_check
from helpers.name_tables import NAME_ALPHABET, average_nll, bigram_counts, fit_bigram, uniform_model
from helpers.text import ALPHABET

__all__ = ["check_average_nll"]

_INDEX_HINT = (
    "the model's rows and columns follow h.NAME_ALPHABET = '.abc...z': '.' is 0, 'a' is 1, ..., 'z' is 26. "
    "h.ALPHABET has no '.' (its 'a' is 0), and ord(ch) - ord('a') is -51 for '.': index with "
    "h.NAME_ALPHABET.index(ch)."
)


# --- the average NLL from its definition --------------------------------------------


def check_average_nll(average_nll_fn) -> Feedback:
    """Check ``average_nll_fn(words, model)``: (1/N) sum of -ln model[x, y] over every predicted
    character y (each letter and each word's end) given the one before, x (a word starts after ".").
    """
    # No palindromes and an asymmetric table, so model[next, prev] gives a different number.
    model = fit_bigram(bigram_counts(["mark", "liza", "brandon", "kim", "olga"]), alpha=0.5)
    cases = [
        Case(
            (words, m),
            average_nll(words, m),
            label=f"average_nll({words if len(words) < 10 else f'{words[:3]} * {len(words) // 3}'}, {name})",
        )
        for words, m, name in (
            (["mark", "zoe"], model, "model"),  # several words: per-word and total differ
            (["ab"], uniform_model(), "uniform_model()"),
            (["lin", "b", "drake", "banana"], model, "model"),  # banana repeats "an" and "na"
            (
                ["mark", "olga", "kim"] * 60,
                model,
                "model",
            ),  # 720 predictions: their product underflows
            (["olga", "bradford"], _unsmoothed_model(), "an alpha = 0 model"),  # 'df' unseen: inf
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

    dot_last = {ch: i for i, ch in enumerate(ALPHABET + ".")}  # h.ALPHABET's letters, then '.'

    def dot_as_a(
        words, m
    ):  # {c: i for i, c in enumerate(h.ALPHABET)}.get(ch, 0): a = 0, '.' = 0 too
        shifted = {ch: max(i - 1, 0) for ch, i in index.items()}
        return float(
            np.mean(
                [
                    -np.log(m[shifted[a], shifted[b]])
                    for w in words
                    for a, b in zip("." + w, w + ".", strict=True)
                ]
            )
        )

    def dot_at_the_end(words, m):  # a = 0, ..., z = 25 and '.' = 26: not the model's order
        return float(
            np.mean(
                [
                    -np.log(m[dot_last[a], dot_last[b]])
                    for w in words
                    for a, b in zip("." + w, w + ".", strict=True)
                ]
            )
        )

    def joined(
        words, m
    ):  # one string, the words run together: the pairs across them are not the model's
        s = "." + "".join(words) + "."
        return float(
            np.mean([-np.log(m[index[a], index[b]]) for a, b in zip(s, s[1:], strict=False)])
        )

    mistakes = [
        Mistake(dot_at_the_end, _INDEX_HINT),
        Mistake(dot_as_a, _INDEX_HINT),
        Mistake(
            joined,
            "you ran the words together into one string: its pairs across the joins (the last letter of one "
            "word, the first of the next) are not predictions the model makes. Each word is '.' + word + '.'.",
        ),
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
            lambda w, m: float(np.mean(terms(w, m, start=False, end=False))),
            "you left out each word's start and end: the first letter is predicted from '.', and the "
            "word's end, '.', is predicted too (section 5's .anna. holds five predictions).",
        ),
        Mistake(
            lambda w, m: float(-np.mean(terms(w, m))),
            "wrong sign: the NEGATIVE log-likelihood is -log q, a positive number.",
        ),
        Mistake(
            lambda w, m: float(-np.log(np.mean(np.exp(-terms(w, m))))),
            "you took the log of the average probability. The loss averages the logs: mean of -log q.",
        ),
        Mistake(
            lambda w, m: float(-np.log(np.prod(np.exp(-terms(w, m)))) / len(terms(w, m))),
            "you multiplied the probabilities and then took the log: for hundreds of predictions the "
            "product underflows to 0.0 (section 3) and -log(0) = inf. Add the logs instead.",
        ),
        Mistake(
            lambda w, m: float(np.mean(terms(w, m, start=False))),
            "you left out each word's first letter, predicted from '.' (the start).",
        ),
        Mistake(
            lambda w, m: float(np.exp(np.mean(terms(w, m)))),
            "that is the perplexity, e^NLL (the effective number of equally likely next characters); "
            "return the average NLL itself, in nats.",
        ),
        Mistake(
            lambda w, m: float(np.median(terms(w, m))),
            "you took the MEDIAN of the terms; the average NLL is their mean.",
        ),
        Mistake(
            lambda w, m: float(np.mean(terms(w, m)) / np.log(10)),
            "that is in base 10 (np.log10); nats need np.log.",
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
            lambda w, m: float(np.sum(terms(w, m)) / sum(len(x) for x in w)),
            "you divided by the number of letters; each word also predicts its end '.', so there are "
            "len(word) + 1 predictions per word.",
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

    def probabilities(words, m):
        return np.exp(-terms(words, m))

    def kept(words, m):  # the terms of the pairs the model gave q > 0
        q = probabilities(words, m)
        return -np.log(q[q > 0])

    mistakes += [
        Mistake(
            lambda w, m: float(np.mean(-np.log(probabilities(w, m) + 1e-12))),
            "you added an epsilon inside the log, -log(q + 1e-12): the unseen pair then costs 27.6 nats "
            "instead of infinitely many. " + _UNSEEN,
        ),
        Mistake(
            lambda w, m: float(np.mean(-np.log(np.clip(probabilities(w, m), 1e-7, 1.0)))),
            "you clipped q at 1e-7 (Keras' epsilon): the unseen pair then costs 16.1 nats instead of "
            "infinitely many. " + _UNSEEN,
        ),
        Mistake(
            lambda w, m: float(np.mean(kept(w, m))),
            "you left the unseen pair (q = 0) out of the average: an `if q > 0`, a mask, or nan for it and "
            "np.nanmean. " + _UNSEEN,
        ),
        Mistake(
            lambda w, m: float(np.sum(kept(w, m)) / len(terms(w, m))),
            "you counted the unseen pair (q = 0) as costing 0 nats (a term set to 0, np.nansum or "
            "np.nan_to_num): it costs -ln 0 = inf. " + _UNSEEN,
        ),
    ]
    mistakes = [
        Mistake(quietly(m.wrong), m.hint) for m in mistakes
    ]  # the product's log(0) is expected
    feedback = run_check(
        quietly(average_nll_fn),
        cases,
        name="average_nll",
        mistakes=mistakes,
        match_all_cases=True,
        unit="nats",
        atol=6e-5,  # an answer rounded to 4 decimals, as a person types it
        rounding_hint=True,  # one rounded to fewer is named, with the decimals needed
        forbidden=("average_nll", "empirical_cross_entropy", "word_surprisals"),
        success="(1/N) sum of -log q(y | x): a classifier's loss, with the previous character as input; "
        "a pair the model rules out costs inf.",
    )
    if (
        feedback.status == "error"
        and (
            any(sign in feedback.message for sign in ("substring not found", "is not in list"))
            or re.search(r"IndexError: index -\d+ is out of bounds", feedback.message)
        )
    ):  # h.ALPHABET.index('.') or ord(ch) - ord('a') on the '.': the model's indices are another alphabet's
        return feedback.with_hint(_INDEX_HINT)
    if feedback.status == "error" and "IndexError: string index out of range" in feedback.message:
        return feedback.with_hint(
            "your loop ran one step past the end of the string: a word '.' + w + '.' of n characters has "
            "n - 1 pairs. zip(chars, chars[1:]) gives exactly those pairs."
        )
    generic = "Hint: compare your formula with the one above the exercise, term by term."
    if feedback.passed or generic not in feedback.message:
        if (
            not feedback.passed
            and "np.nanmean" in feedback.message
            and "nanmean" in _names(average_nll_fn)
        ):
            return feedback.with_hint(
                "np.nanmean skipped the unseen pair: its term was nan, and nanmean averages the "
                "others as if it had not happened. " + _UNSEEN
            )
        return feedback
    first = feedback.message.split("\n")[0]
    if "returned -inf, expected inf" in first:
        hint = (
            "-inf has the right size and the wrong sign: the NEGATIVE log-likelihood is -log q, and "
            "-log 0 = +inf."
        )
    elif "expected inf" in first:
        hint = (
            "the model gives a pair in these words probability 0 (it was never counted), so one term is "
            "-ln 0 = inf and so is the average. Something in your code made it finite (an epsilon, a clip, "
            "a skipped or zeroed term). " + _UNSEEN
        )
    else:
        return feedback
    return Feedback(False, first + "\nHint: " + hint, feedback.status)


_UNSEEN = (
    "An unseen pair costs infinitely many nats: the infinity is the answer (section 5), and smoothing, "
    "not the loss, is what removes it."
)


def _unsmoothed_model():
    """The maximum-likelihood bigram of every fifth shipped name: no empty row, and zeros ('d' -> 'f')."""
    return fit_bigram(bigram_counts(load_names()[::5]))


def _names(func) -> set[str]:
    """The names a function's code (nested code included) refers to."""
    func = getattr(func, "__wrapped__", func)
    code = getattr(func, "__code__", None)
    found, stack = set(), [code] if code is not None else []
    while stack:
        current = stack.pop()
        found |= {str(i.argval) for i in dis.get_instructions(current) if isinstance(i.argval, str)}
        stack += [c for c in current.co_consts if hasattr(c, "co_code")]
    return found
