"""Exercise checks for cross-entropy and KL (notebook 03; its logit exercises: :mod:`.logits`).

Each one knows the right answers (computed by :mod:`helpers`, never typed in) and a
catalogue of the mistakes a learner really makes — an epsilon that hides an infinity,
the wrong shift, the wrong direction of KL — each with a hint that names it, and
returns a :class:`~helpers.exercises._engine.Feedback`.
"""

from __future__ import annotations

import numpy as np

from helpers.datasets import load_letter_frequencies
from helpers.exercises._engine import Case, Feedback, Mistake, quietly, run_check
from helpers.information import cross_entropy, entropy, kl_divergence
from helpers.text import ALPHABET

__all__ = [
    "check_cross_entropy",
    "check_top_kl_letters",
]


_CE_PAIRS = (
    ([0.0, 0.0, 1.0], [0.6, 0.2, 0.2]),
    ([0.5, 0.5], [0.9, 0.1]),
    ([0.7, 0.2, 0.1], [0.7, 0.2, 0.1]),
    ([0.5, 0.5, 0.0], [0.25, 0.25, 0.5]),
    ([0.5, 0.5, 0.0], [0.5, 0.5, 0.0]),
    ([0.6, 0.4, 0.0], [1.0, 0.0, 0.0]),  # q rules out what happens: the answer is inf
)

_EPSILON_HINT = (
    "an outcome that happens (p > 0) has q = 0 here, so the answer is inf: the code cannot write it. "
    "An epsilon added to q, or a clip, turns that infinity into a finite loss (log(q + 1e-12) "
    "gives 27.6 nats per such outcome; Keras' clip to [1e-7, 1 - 1e-7] gives 16.1) and hides the "
    "mistake the loss exists to show. Let np.log(0) be -inf."
)


def check_cross_entropy(cross_entropy_fn) -> Feedback:
    """Check ``cross_entropy_fn(p, q)`` = -sum p log q in nats: terms with p = 0 add nothing, and
    q = 0 where p > 0 gives inf (no epsilon, no clipping).
    """
    cases = [
        Case((np.array(p), np.array(q)), cross_entropy(p, q), label=f"cross_entropy({p}, {q})")
        for p, q in _CE_PAIRS
    ]

    def plogq(p, q, log=np.log):
        with np.errstate(divide="ignore"):
            return np.where(p > 0, p * log(np.where(p > 0, q, 1.0)), 0.0)

    def minus_log_q_of_likeliest(p, q):
        with np.errstate(divide="ignore"):
            return float(-np.log(q[np.argmax(p)]))

    mistakes = [
        Mistake(
            minus_log_q_of_likeliest,
            "that is -log q of p's most likely outcome only: right for a one-hot label, but a soft p "
            "spreads over several outcomes, and each adds its p * (-log q). Sum over all of them.",
        ),
        Mistake(
            lambda p, q: float(0.5 * np.sum((np.asarray(p) - np.asarray(q)) ** 2)),
            "that is half the squared error, 1/2 sum (p - q)^2 (the Brier score's cousin), another loss: "
            "the cross-entropy is -sum p log q.",
        ),
        Mistake(
            lambda p, q: float(np.sum((np.asarray(p) - np.asarray(q)) ** 2)),
            "that is the squared error sum (p - q)^2 (the Brier score), another loss: the cross-entropy "
            "is -sum p log q.",
        ),
        Mistake(
            lambda p, q: cross_entropy(q, p),
            "you swapped p and q. The true distribution p weighs the surprise of the "
            "belief q: -sum(p * log(q)). Swapped, a zero in p makes log(p) = -inf.",
        ),
        Mistake(
            lambda p, q: cross_entropy(p, q, base=2),
            "that is in bits; this exercise asks for nats (np.log).",
        ),
        Mistake(
            lambda p, q: cross_entropy(p, q, base=10),
            "that is in base 10 (np.log10); this exercise asks for nats (np.log).",
        ),
        Mistake(
            lambda p, q: -cross_entropy(p, q),
            "wrong sign: cross-entropy is MINUS sum p log q, and never negative.",
        ),
        Mistake(
            lambda p, q: float(-np.sum(np.where(q > 0, plogq(p, q), 0.0))),
            "you left out the outcomes where q = 0. Where p > 0 too, those are exactly the terms that make "
            "the loss infinite: the belief ruled out something that happens. Keep them; only p = 0 terms drop.",
        ),
        Mistake(
            lambda p, q: float(-np.sum(plogq(p, q) + plogq(1 - p, 1 - q))),
            "you added (1 - p) log(1 - q) for every class: that is binary cross-entropy applied to each "
            "class as if it were a yes/no question. With C classes, -sum p log q is all there is.",
        ),
        Mistake(
            lambda p, q: entropy(q),
            "that is H(q), the entropy of the prediction alone. Cross-entropy "
            "mixes both: the surprise under q, averaged over p.",
        ),
        Mistake(
            lambda p, q: entropy(p),
            "that is H(p), the entropy of the truth alone: q does not appear. Cross-entropy is the "
            "surprise under the BELIEF q, averaged over p: -sum(p * log(q)).",
        ),
        Mistake(
            lambda p, q: kl_divergence(q, p),
            "that is KL(q || p), the extra cost with the roles swapped. Cross-entropy is the whole cost of "
            "believing q when p is true: -sum(p * log(q)) = H(p) + KL(p || q).",
        ),
        Mistake(
            lambda p, q: kl_divergence(p, q),
            "that is KL(p || q), the EXTRA cost (scipy.stats.entropy(p, q) returns exactly this). "
            "Cross-entropy is the whole cost: H(p) + KL(p || q) = -sum p log q.",
        ),
        Mistake(
            lambda p, q: float(-np.mean(plogq(p, q)[p > 0])),
            "you averaged the kept terms (np.mean over the outcomes with p > 0); cross-entropy SUMS them, "
            "each already weighted by its probability p.",
        ),
        Mistake(
            lambda p, q: float(-np.sum(np.log(q[p > 0]))),
            "you summed -log q over the outcomes that happen without weighting them: each term is "
            "p(x) * (-log q(x)), weighted by how often x happens.",
        ),
        Mistake(
            lambda p, q: float(-np.sum(plogq(p, q, log=np.log1p))),
            "np.log1p(q) is log(1 + q), not log(q): it exists for log(1 + tiny x) without rounding. Use "
            "np.log(q).",
        ),
        Mistake(
            lambda p, q: float(-np.mean(plogq(p, q))),
            "you averaged the terms over the outcomes (np.mean); cross-entropy SUMS them, "
            "each already weighted by its probability p.",
        ),
    ]
    # Any epsilon or clip gives a finite answer where inf is expected: _explain_hidden_infinity names it.
    feedback = run_check(
        quietly(cross_entropy_fn),
        cases,
        name="cross_entropy",
        mistakes=mistakes,
        match_all_cases=True,
        unit="nats",
        atol=6e-5,  # an answer rounded to 4 decimals, as a person types it
        rounding_hint=True,  # one rounded to fewer is named, with the decimals needed
        forbidden=("cross_entropy", "kl_divergence", "entropy", "cross_entropy_from_logits"),
        success="With a one-hot p it is just -log q of the true class (1.6094 nats for q = 0.2), "
        "and a belief that rules out what happens costs inf.",
    )
    return _explain_hidden_infinity(feedback)


def _explain_hidden_infinity(feedback: Feedback) -> Feedback:
    """A finite answer where inf is expected, with no specific hint: an epsilon or clip of some size."""
    generic = "Hint: compare your formula with the one above the exercise, term by term."
    if feedback.passed or generic not in feedback.message:
        return feedback
    first = feedback.message.split("\n")[0]
    if " returned -inf, expected inf" in first:
        return Feedback(
            False,
            feedback.message.replace(
                generic,
                "Hint: -inf is the right size with the wrong sign: cross-entropy is MINUS sum p log q, "
                "and -(p log 0) = +inf. (Your other answers were right, so the minus sign is probably "
                "missing only on the path that handles q = 0.)",
            ),
            feedback.status,
        )
    if "expected inf" in first:
        return Feedback(
            False, feedback.message.replace(generic, "Hint: " + _EPSILON_HINT), feedback.status
        )
    return feedback


# --- which letters carry KL(p || q) ----------------------------------------------


def _letter_pairs():

    def lang(code):
        return load_letter_frequencies(code)

    tilted = lang("en").copy()  # English with 'e' and 't' made far rarer: big NEGATIVE terms
    tilted[[4, 19]] *= 6.0
    tilted /= tilted.sum()
    return (
        (
            lang("pl"),
            lang("de"),
            3,
            "Polish",
            "German",
        ),  # first: the known mistakes all differ here
        (lang("de"), lang("pl"), 3, "German", "Polish"),
        (lang("es"), lang("fi"), 4, "Spanish", "Finnish"),
        (lang("it"), lang("de"), 6, "Italian", "German"),
        (lang("en"), tilted, 3, "English", "English with e and t x6"),
    )


def _letters(scores, k, largest=True):

    order = np.argsort(scores, kind="stable")
    order = order[::-1] if largest else order
    return [ALPHABET[i] for i in order[:k]]


def check_top_kl_letters(top_kl_letters) -> Feedback:
    """Check ``top_kl_letters(p, q, k)``: the k letters with the largest terms p log(p/q) of
    KL(p || q), largest first (any log base gives the same order).
    """
    cases = [
        Case(
            (p, q, k),
            _letters(p * np.log(p / q), k),
            label=f"top_kl_letters({p_name}, {q_name}, k={k})",
        )
        for p, q, k, p_name, q_name in _letter_pairs()
    ]
    mistakes = [
        Mistake(
            lambda p, q, k: _letters(p, k),
            "those are p's most frequent letters. A letter's term p log(p / q) needs both: frequent "
            "under p AND much rarer under q; a frequent letter that q also expects adds little.",
        ),
        Mistake(
            lambda p, q, k: _letters(q * np.log(q / p), k),
            "those are the letters of KL(q || p), the other direction. The terms of KL(p || q) are weighted "
            "by the TRUE distribution p: p(x) log(p(x) / q(x)).",
        ),
        Mistake(
            lambda p, q, k: _letters(p * np.log(p / q), k)[::-1],
            "right letters, smallest first: return them largest term first (np.argsort sorts upwards; "
            "take its last k in reverse, or np.argsort(...)[::-1][:k]).",
        ),
        Mistake(
            lambda p, q, k: _letters(np.abs(p * np.log(p / q)), k),
            "you ranked the terms by size (abs). A negative term (a letter q over-predicts) LOWERS the "
            "divergence; rank by the signed term.",
        ),
        Mistake(
            lambda p, q, k: _letters(np.log(p / q), k),
            "you ranked by log(p/q) (or p/q) alone. Each term is weighted by p(x): a letter that p almost "
            "never uses cannot carry much of KL(p || q), however rare q makes it.",
        ),
        Mistake(
            lambda p, q, k: _letters(np.abs(p - q), k),
            "you ranked by |p - q|. KL's terms are p(x) log(p(x) / q(x)): the same difference costs far more "
            "where q is small.",
        ),
        Mistake(
            lambda p, q, k: _letters(p - q, k),
            "you ranked by p - q. KL's terms are p(x) log(p(x) / q(x)): what counts is the log of the ratio, "
            "weighted by p.",
        ),
        Mistake(
            lambda p, q, k: _letters(q * np.log(p / q), k),
            "you weighted log(p/q) by q: in KL(p || q) each term is weighted by the TRUE distribution, "
            "p(x) log(p(x) / q(x)).",
        ),
        Mistake(
            lambda p, q, k: _letters(-p * np.log(q), k),
            "you ranked the cross-entropy terms -p log q: those are large for every common letter. KL's terms "
            "subtract the letter's own cost: p log(p/q).",
        ),
        Mistake(
            lambda p, q, k: _letters(p * np.log(p / q), k, largest=False),
            "those are the SMALLEST terms (np.argsort sorts upwards). Reverse the order: [::-1].",
        ),
        Mistake(
            lambda p, q, k: sorted(_letters(p * np.log(p / q), k)),
            "right letters, wrong order: return them largest term first, not alphabetically.",
        ),
        Mistake(
            lambda p, q, k: np.argsort(p * np.log(p / q))[::-1][:k],
            "those are letter indices: return the letters themselves, h.ALPHABET[i] for each index i.",
        ),
        Mistake(
            lambda p, q, k: _letters(p * np.log(p / q), 3),
            "return exactly k letters, k being the function's third argument.",
        ),
    ]

    def as_letters(p, q, k):  # a tuple or an array of letters is fine too
        got = top_kl_letters(p, q, k)
        if isinstance(got, (tuple, list, np.ndarray)):
            return [x.item() if isinstance(x, np.generic) else x for x in got]
        return got

    if not callable(top_kl_letters):
        return run_check(top_kl_letters, cases, name="top_kl_letters")
    try:  # one string or a dict is not a list of letters: say so before comparing
        first = quietly(top_kl_letters)(*cases[0].args)
    except Exception:  # run_check reports it
        first = None
    if isinstance(first, (str, dict)):
        if isinstance(first, str):
            hint = (
                f"you returned one string, {first!r}; return a list of one-letter strings, {list(first)!r} "
                "(''.join glues the letters into one string)."
            )
        else:
            hint = (
                "you returned a dict; return a list of the letters alone, largest term first "
                "(the ranking is the list's order)."
            )
        shown = repr(first) if len(repr(first)) <= 60 else repr(first)[:57] + "..."
        return Feedback(
            False,
            f"✗ {cases[0].show('top_kl_letters')} returned {shown}, expected "
            f"{cases[0].expected}.\nHint: {hint}",
            "checked",
        )
    feedback = run_check(
        quietly(as_letters),
        cases,
        name="top_kl_letters",
        mistakes=mistakes,
        match_all_cases=True,
        success="A letter carries KL(p || q) when p uses it often and q makes it rare; swap the two "
        "and other letters carry it.",
    )
    generic = "Hint: compare your formula with the one above the exercise, term by term."
    if not feedback.passed and generic in feedback.message:
        for case in cases:  # a set, capitals, or the wrong number of letters: say which
            got = quietly(as_letters)(*case.args)
            if got == case.expected:
                continue
            hint = None
            if isinstance(got, (set, frozenset)):
                hint = "a set has no order: return a list, largest term first."
            elif isinstance(got, list) and [str(x).lower() for x in got] == case.expected:
                hint = "right letters, but as capitals: return them as h.ALPHABET writes them (lower case)."
            elif isinstance(got, list) and len(got) != case.args[2]:
                hint = f"return exactly k letters (k = {case.args[2]} here, the function's third argument)."
            if hint:
                return Feedback(False, feedback.message.replace(generic, "Hint: " + hint))
            break
        for case in cases:  # the right letters in another order: say so, whatever the order
            got = quietly(as_letters)(*case.args)
            if got == case.expected:
                continue
            if isinstance(got, list) and sorted(map(str, got)) == sorted(case.expected):
                return Feedback(
                    False,
                    feedback.message.replace(
                        generic,
                        "Hint: right letters, wrong order: return them largest term first "
                        "(np.argsort sorts upwards; np.argpartition promises no order among the k it returns).",
                    ),
                )
            break
    return feedback
