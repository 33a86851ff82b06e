"""Exercise check for working with logits (notebook 03): a stable logsumexp (label smoothing is in
:mod:`helpers.exercises.label_smoothing`).

Each one knows the right answers (computed by :mod:`helpers`, never typed in) and the
mistakes a learner really makes — the wrong shift, the log of a softmax, the wrong
number of classes — each with a hint that names it.
"""

from __future__ import annotations

import numpy as np

from helpers.exercises._engine import Case, Feedback, Mistake, quietly, run_check
from helpers.exercises._forbidden import library_calls
from helpers.logits import logsumexp as reference

__all__ = ["check_logsumexp"]

#: The libraries' own logsumexp (and log_softmax, z - logsumexp(z)): found as they are called.
LIBRARY_LOGSUMEXP = (
    "scipy.special.logsumexp",
    "scipy.special.log_softmax",
    "scipy.special.softmax",  # max(z) - log softmax(z)[argmax]: the library shifts for you
    "numpy.logaddexp",
    "numpy.logaddexp.reduce",
    "numpy.logaddexp.accumulate",
    "torch.logsumexp",
    "torch.special.logsumexp",
    "torch.log_softmax",
    "torch.nn.functional.log_softmax",
    "jax.scipy.special.logsumexp",
    "jax.nn.logsumexp",
    "torch.softmax",
    "torch.nn.functional.softmax",
    "jax.nn.softmax",
    "helpers.softmax",  # the course's own: max(z) - log h.softmax(z)[argmax] lets it shift for you
    "helpers.logsumexp",
    "helpers.log_softmax",
    "helpers.cross_entropy_from_logits",  # its loss + z[y] is logsumexp(z)
)


def check_logsumexp(logsumexp) -> Feedback:
    """Check ``logsumexp(z)`` = log(sum(exp(z))) for a 1-D array, stable at +-1000, in float32,
    and whichever entry is the largest.
    """
    rows = (
        np.array([1.0, 2.0, 3.0]),
        np.array([1000.0, 1000.0]),
        np.array([-1000.0, -1000.0, -1001.0]),
        np.array([100.0, 100.0], dtype=np.float32),  # e^100 overflows float32
        np.array([0.0, -20.0]),
        np.array([800.0, 0.0, 790.0]),  # shifting by the minimum overflows
        np.array(
            [800.0, 800.0, -100.0]
        ),  # shifting by the last entry overflows, by the mean does not
        np.array([800.0, 799.0, -2000.0]),  # shifting by the mean overflows, by the median does not
        np.array([800.0, -800.0, 0.0]),  # shifting by the median (or the mean) overflows
        np.array([-800.0, 0.0, 800.0]),  # shifting by the first entry overflows
        np.array([20000.0, 19990.0]),  # beyond even np.longdouble's range (e^11357 overflows it)
    )
    cases = [
        Case((z,), float(reference(z)), label=f"logsumexp({z.tolist()}, dtype={z.dtype})")
        for z in rows
    ]

    def shifted_by(shift):
        def wrong(z):
            with np.errstate(over="ignore", divide="ignore"):
                m = shift(z)
                return float(m + np.log(np.sum(np.exp(z - m))))

        return wrong

    def naive(z):
        with np.errstate(over="ignore", divide="ignore"):
            return np.log(np.sum(np.exp(z)))

    mistakes = [
        Mistake(
            lambda z: float(np.log(np.sum(np.exp(z - np.max(z))))),
            "you subtracted the maximum m but did not add it back: the answer is m + log sum exp(z - m).",
        ),
        Mistake(
            lambda z: float(np.max(z)),
            "that is only the maximum: the other terms add log sum exp(z - m).",
        ),
        Mistake(
            shifted_by(lambda z: z[0]),
            "you shifted by the first entry z[0]. The identity holds for any m, but only m = max(z) keeps "
            "every exponent z - m <= 0; here z[0] is not the largest, and e^(z - z[0]) overflows.",
        ),
        Mistake(
            shifted_by(np.mean),
            "you shifted by the mean. The identity holds for any m, but only m = max(z) keeps every "
            "exponent z - m <= 0; here max(z) - mean(z) is over 700, and e^710 already overflows.",
        ),
        Mistake(
            shifted_by(np.min),
            "you shifted by the minimum: then every exponent z - m is >= 0, the wrong way, and e^800 "
            "overflows. Shift by the maximum.",
        ),
        Mistake(
            lambda z: float(np.max(z) - np.log(np.sum(np.exp(z - np.max(z))))),
            "you subtracted the log-sum: the identity ADDS it back, m + log sum exp(z - m).",
        ),
        Mistake(
            lambda z: float(np.max(z) + np.log10(np.sum(np.exp(z - np.max(z))))),
            "you took log10 of the sum: logsumexp is the natural log, m + np.log(sum exp(z - m)).",
        ),
        Mistake(
            lambda z: float(np.max(z) + np.log2(np.sum(np.exp(z - np.max(z))))),
            "you took log2 of the sum: logsumexp is the natural log, m + np.log(sum exp(z - m)).",
        ),
        Mistake(
            lambda z: float(np.max(z) + np.log(np.mean(np.exp(z - np.max(z))))),
            "you took the MEAN of the exponentials: logsumexp is the log of their SUM (the mean is "
            "smaller by log n).",
        ),
        Mistake(
            lambda z: float(np.max(z) + np.log(len(z))),
            "you replaced every exp(z - m) by 1, as if all entries were the maximum: m + log n. Only the "
            "largest term is e^0 = 1; sum exp(z - m) over all the entries.",
        ),
        Mistake(
            lambda z: float(naive(z.astype(np.longdouble))),
            "a wider float (np.longdouble) only moves the overflow further out: e^11357 overflows it, and "
            "logits can be larger. Shift instead: log sum exp(z) = m + log sum exp(z - m), m = max(z).",
        ),
        Mistake(
            lambda z: float(np.max(z) + np.log1p(np.sum(np.exp(z - np.max(z))))),
            "you took log1p of the whole sum: log1p(x) = log(1 + x), so the largest term's 1 is counted "
            "twice. Either np.log of the sum, or np.log1p of the OTHER terms only (the largest is e^0 = 1).",
        ),
        Mistake(
            lambda z: float(np.log(np.sum(np.exp(np.clip(z, -700, 700))))),
            "you clipped the logits to keep np.exp in range: that changes the answer (logsumexp([1000, "
            "1000]) is 1000.69, not 700.69). Shift instead: m + log sum exp(z - m), m = max(z), is exact.",
        ),
        Mistake(
            lambda z: float(np.log(np.sum(z))),
            "you took the log of the sum of z itself: the exponentials are missing, log sum exp(z).",
        ),
        Mistake(
            naive,
            "np.exp overflows (e^1000 = inf) or underflows (e^-1000 = 0) before the log. Subtract "
            "a constant m first: log sum exp(z) = m + log sum exp(z - m). Which m?",
        ),
    ]
    library: set[str] = set()  # the library logsumexps the learner's code called, by any route
    feedback = run_check(
        library_calls(quietly(logsumexp), LIBRARY_LOGSUMEXP, library),
        cases,
        name="logsumexp",
        mistakes=mistakes,
        match_all_cases=True,
        rtol=1e-6,
        atol=6e-5,  # an answer rounded to 4 decimals, as a person types it
        rounding_hint=True,  # one rounded to fewer is named, with the decimals needed
        forbidden=("logsumexp", "log_softmax"),
        success="m + log sum exp(z - m) is exact for every m; m = max(z) is the one that keeps every "
        "exponent <= 0 and the largest term exactly 1, so nothing overflows and the log never sees 0.",
    )
    if library and feedback.status != "not done":
        used = sorted(library)[0].replace("numpy.", "np.").replace("helpers.", "h.")
        if used.endswith("cross_entropy_from_logits"):
            what = "a library's cross-entropy from logits, whose loss plus z[y] is the logsumexp"
        elif used.endswith("log_softmax"):
            what = "a library's log_softmax, z - logsumexp(z) already"
        elif used.endswith("softmax"):
            what = "a softmax that shifts by the maximum for you"
        else:
            what = "a library's logsumexp"
        return Feedback(
            False,
            f"✗ logsumexp calls {used}, {what}: this exercise asks you to write it "
            "yourself.\nHint: build it from np.max, np.exp, np.log and np.sum: "
            "log sum exp(z) = m + log sum exp(z - m).",
            "checked",
        )
    if feedback.passed:
        return feedback
    first = feedback.message.split("\n")[0]
    if "returned nan," in first and "0 * log(0)" in feedback.message:
        return Feedback(  # the engine's 0 log 0 hint does not apply: exp overflowed to inf
            False,
            first
            + "\nHint: your answer is nan: an exp overflowed to inf, and inf / inf or inf - inf "
            "is nan. Shift by the maximum first, m = max(z): every exponent z - m is then <= 0 and "
            "nothing overflows.",
            feedback.status,
        )
    generic = "Hint: compare your formula with the one above the exercise, term by term."
    if generic in feedback.message:
        if " returned inf," in first or " returned -inf," in first:
            which = (
                "overflowed to inf"
                if " returned inf," in first
                else "underflowed: every term became 0"
            )
            return Feedback(
                False,
                first + f"\nHint: your answer {which}. Whatever constant m you shift by, some "
                "exponent z - m was out of float range: only m = max(z) keeps every exponent <= 0 "
                "with one term exactly e^0 = 1.",
                feedback.status,
            )
    return feedback
