"""Exercise checks for working with logits (notebook 03): a stable logsumexp and label smoothing.

Each one knows the right answers (computed by :mod:`helpers`, never typed in) and the
mistakes a learner really makes — the wrong shift, the log of a softmax, the wrong
number of classes — each with a hint that names it.
"""

from __future__ import annotations

import math

import numpy as np

from helpers.exercises._engine import Case, Feedback, Mistake, quietly, run_check
from helpers.exercises._forbidden import library_calls
from helpers.logits import cross_entropy_from_logits, log_softmax, one_hot
from helpers.logits import logsumexp as reference

__all__ = ["check_logsumexp", "check_label_smoothed_cross_entropy"]

#: The libraries' own logsumexp (and log_softmax, z - logsumexp(z)): found as they are called.
LIBRARY_LOGSUMEXP = (
    "scipy.special.logsumexp",
    "scipy.special.log_softmax",
    "numpy.logaddexp",
    "numpy.logaddexp.reduce",
    "numpy.logaddexp.accumulate",
    "torch.logsumexp",
    "torch.special.logsumexp",
    "torch.log_softmax",
    "torch.nn.functional.log_softmax",
    "jax.scipy.special.logsumexp",
    "jax.nn.logsumexp",
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
        used = sorted(library)[0].replace("numpy.", "np.")
        kind = "log_softmax, logsumexp inside" if "softmax" in used else "logsumexp"
        return Feedback(
            False,
            f"✗ logsumexp calls {used}, a library's {kind}: this exercise asks you to write it "
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


# --- label smoothing ---------------------------------------------------------------


def _smoothed_kl(z, y, eps):
    """Mean KL(t || softmax(z)) with the smoothed target t: cross-entropy minus H(t)."""
    t = (1 - eps) * one_hot(y, z.shape[1]) + eps / z.shape[1]
    with np.errstate(divide="ignore", invalid="ignore"):
        t_log_t = np.where(t > 0, t * np.log(np.where(t > 0, t, 1.0)), 0.0)
    return float(np.mean(np.sum(t_log_t - t * log_softmax(z), axis=1)))


def check_label_smoothed_cross_entropy(smoothed_cross_entropy) -> Feedback:
    """Check ``smoothed_cross_entropy(logits, labels, eps)`` = mean over rows of -sum t log softmax(z),
    with t = (1 - eps) onehot + eps / C (PyTorch's definition), in nats, for any C.
    """

    def softmax_rows(z):
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)

    rng = np.random.default_rng(14)
    cases = []
    for n, c, eps in (
        (4, 3, 0.1),
        (6, 5, 0.2),
        (3, 4, 0.0),
        (5, 10, 1.0),
        (3, 3, 0.1),
        (2, 3, 0.1),
    ):
        z, y = rng.normal(scale=2, size=(n, c)), rng.integers(0, c, size=n)
        if n == 3 and c == 3:  # logits of +-1000: the log of a softmax breaks here (section 4)
            z = np.array([[1000.0, 0.0, -1000.0], [0.0, 1000.0, 5.0], [2.0, 1.0, 0.0]])
        if (
            n == 2
        ):  # e^800 overflows, yet no probability is tiny: only an unshifted log-sum-exp breaks
            z, y = np.array([[800.0, 799.0, 801.0], [1.0, 2.0, 3.0]]), np.array([2, 0])
        cases.append(
            Case(
                (z, y, eps),
                float(cross_entropy_from_logits(z, y, label_smoothing=eps)),
                label=f"smoothed_cross_entropy(z {n}x{c}, y, eps={eps})",
            )
        )

    def loss_with(target, log=log_softmax, reduce=np.mean):
        def wrong(z, y, eps):
            t = target(one_hot(y, z.shape[1]), eps, z.shape[1])
            with np.errstate(divide="ignore", invalid="ignore"):  # the log of a softmax hits log 0
                return float(reduce(-np.sum(t * log(z), axis=1)))

        return wrong

    def naive_log_softmax(z):
        with np.errstate(over="ignore", invalid="ignore"):
            return np.log(np.exp(z) / np.exp(z).sum(axis=1, keepdims=True))

    mistakes = [
        Mistake(
            loss_with(lambda o, eps, c: (1 - eps) * o + eps / c, log=naive_log_softmax),
            "your answer is nan: e^1000 overflows to inf, and inf / inf = nan, in the softmax before its "
            "log. Shift each row by its maximum first, or use h.log_softmax, which never forms e^1000.",
        ),
        Mistake(
            lambda z, y, eps: float(cross_entropy_from_logits(z, y)),
            "that is the plain cross-entropy: smooth the target first, t = (1 - eps) * onehot + eps / C.",
        ),
        Mistake(
            loss_with(
                lambda o, eps, c: (1 - eps) * o + eps / c,
                log=lambda z: z - np.log(np.sum(np.exp(z), axis=1, keepdims=True)),
            ),
            "you wrote log_softmax as z - log(sum(exp(z))) without shifting: e^800 already overflows to "
            "inf, so every log-probability is -inf. Shift each row by its maximum m first: "
            "log_softmax(z) = z - m - log(sum(exp(z - m))), or use h.log_softmax.",
        ),
        Mistake(
            loss_with(
                lambda o, eps, c: (1 - eps) * o + eps / c, log=lambda z: np.log(softmax_rows(z))
            ),
            "you took the log of a softmax: with logits of +-1000 its tiny probabilities underflow to 0 "
            "and log 0 = -inf (section 4). Use h.log_softmax, which never forms them.",
        ),
        Mistake(
            loss_with(lambda o, eps, c: (1 - eps) * o + eps / 3),
            "you divided eps by 3, the number of classes in section 6's example. Spread it over the C "
            "classes these logits have: eps / C, with C = logits.shape[1].",
        ),
        Mistake(
            loss_with(lambda o, eps, c: o * (1 - eps) + (1 - o) * eps / (c - 1)),
            "you spread eps over the C - 1 wrong classes only. PyTorch (and this course) spread it over "
            "all C classes, the true one included: t = (1 - eps) * onehot + eps / C.",
        ),
        Mistake(
            loss_with(lambda o, eps, c: (1 - eps) * o + eps / (c - 1)),
            "you gave every class eps / (C - 1): the target then sums to more than 1. Every class, the "
            "true one included, gets eps / C.",
        ),
        Mistake(
            loss_with(lambda o, eps, c: (1 - eps) * o + (1 - o) * eps),
            "you gave every wrong class eps: the target then sums to 1 + (C - 2) eps. The eps taken from "
            "the true class is shared out, eps / C to every class.",
        ),
        Mistake(
            lambda z, y, eps: float(
                np.mean(
                    -np.log(((1 - eps) * softmax_rows(z) + eps / z.shape[1])[np.arange(len(y)), y])
                )
            ),
            "you smoothed the PREDICTION (mixed softmax(z) with the uniform distribution) and scored the "
            "true class. Label smoothing smooths the TARGET: t = (1 - eps) * onehot + eps / C, then "
            "-sum t log softmax(z).",
        ),
        Mistake(
            lambda z, y, eps: _smoothed_kl(z, y, eps),
            "that is KL(t || softmax(z)): it subtracts the target's own entropy H(t). The label-smoothed "
            "loss is the cross-entropy -sum t log softmax(z), whose floor is H(t), not 0 (section 6).",
        ),
        Mistake(
            loss_with(
                lambda o, eps, c: (1 - eps) * o + eps / c,
                log=lambda z: np.log(softmax_rows(z) + 1e-12),
            ),
            "you added an epsilon inside the log of a softmax: it hides the underflow of logits of +-1000 "
            "as a finite 27.6 nats. Use h.log_softmax, which never forms the tiny probability.",
        ),
        Mistake(
            loss_with(lambda o, eps, c: (1 - eps) * o + eps),
            "you added eps to every class: the target then sums to 1 + (C - 1) eps. Share it out: eps / C.",
        ),
        Mistake(
            loss_with(lambda o, eps, c: (1 - eps) * o),
            "your target only scales the one-hot row by (1 - eps): it no longer sums to 1. Add the "
            "eps / C that every class gets.",
        ),
        Mistake(
            loss_with(lambda o, eps, c: o + eps / c),
            "your target adds eps / C without taking (1 - eps) from the true class: it sums to 1 + eps.",
        ),
        Mistake(
            loss_with(lambda o, eps, c: (1 - eps) * o + eps / c, log=lambda z: log_softmax(z.T).T),
            "your softmax runs down the COLUMNS (axis 0, over the examples): each row's classes must "
            "share the probability, so normalise along axis 1 (axis=-1, keepdims=True), as h.log_softmax does.",
        ),
        Mistake(
            lambda z, y, eps: float(
                np.mean(
                    -np.sum(
                        ((1 - eps) * one_hot(y, z.shape[1]) + eps / z.shape[1]) * log_softmax(z),
                        axis=0,
                    )
                )
            ),
            "you summed over the examples (axis 0) and averaged over the classes: sum over the classes of "
            "each row (axis=1), then take the mean over the rows.",
        ),
        Mistake(
            loss_with(lambda o, eps, c: (1 - eps) * o + eps / c, reduce=np.sum),
            "that is the sum over rows; the loss is the mean.",
        ),
        Mistake(
            loss_with(
                lambda o, eps, c: (1 - eps) * o + eps / c,
                log=lambda z: log_softmax(z) / math.log(2),
            ),
            "that is in bits; the exercise asks for nats (log_softmax is a natural log).",
        ),
        Mistake(
            lambda z, y, eps: float(
                np.mean(-((1 - eps) * one_hot(y, z.shape[1]) + eps / z.shape[1]) * log_softmax(z))
            ),
            "you took the mean over every entry, classes included; sum over the classes of a row, then "
            "take the mean over the rows.",
        ),
    ]
    # The check explains log 0 = -inf itself, so the learner's code runs without NumPy warnings.
    feedback = run_check(
        quietly(smoothed_cross_entropy),
        cases,
        name="smoothed_cross_entropy",
        mistakes=[Mistake(quietly(m.wrong), m.hint) for m in mistakes],
        match_all_cases=True,
        unit="nats",
        atol=6e-5,  # an answer rounded to 4 decimals, as a person types it
        rounding_hint=True,  # one rounded to fewer is named, with the decimals needed
        forbidden=("cross_entropy_from_logits",),
        success="One formula: -sum t log softmax(z), whatever the target t is; smoothing only changes t.",
    )
    first = feedback.message.split("\n")[0]
    if not feedback.passed and "returned nan," in first and "0 * log(0)" in feedback.message:
        return Feedback(  # the engine's 0 log 0 hint does not apply: an exp overflowed
            False,
            first
            + "\nHint: your answer is nan: an exp overflowed to inf (e^1000), and inf / inf or "
            "inf - inf is nan. Shift each row by its maximum first, or use h.log_softmax.",
            feedback.status,
        )
    return feedback
