"""Exercise check for label smoothing (notebook 03): the smoothed cross-entropy from its definition.

It knows the right answers (computed by :mod:`helpers`, never typed in) and the mistakes a
learner really makes — the wrong number of classes, the log of a softmax, an unshifted
log-sum-exp — each with a hint that names it.
"""

from __future__ import annotations

import math

import numpy as np

from helpers.exercises._engine import Case, Feedback, Mistake, quietly, run_check
from helpers.logits import cross_entropy_from_logits, log_softmax, one_hot

__all__ = ["check_label_smoothed_cross_entropy"]


# --- label smoothing ---------------------------------------------------------------


def _smoothed_kl(z, y, eps):
    """Mean KL(t || softmax(z)) with the smoothed target t: cross-entropy minus H(t)."""
    t = (1 - eps) * one_hot(y, z.shape[1]) + eps / z.shape[1]
    with np.errstate(divide="ignore", invalid="ignore"):
        t_log_t = np.where(t > 0, t * np.log(np.where(t > 0, t, 1.0)), 0.0)
    return float(np.mean(np.sum(t_log_t - t * log_softmax(z), axis=1)))


def _indexed_target(z, y, eps, wrong):
    """The smoothed target built by indexing, the wrong way: whole columns or whole rows set."""
    n, c = z.shape
    t = np.full((n, c), eps / c)
    if wrong == "columns":
        t[:, y] = 1 - eps + eps / c
    else:
        t[y[y < n]] = 1 - eps + eps / c  # labels past the last row would raise: those are skipped
    return t


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
        (2, 4, 0.1),
        (1, 3, 0.1),
    ):
        z, y = rng.normal(scale=2, size=(n, c)), rng.integers(0, c, size=n)
        if n == 3 and c == 3:  # logits of +-1000: the log of a softmax breaks here (section 4)
            z = np.array([[1000.0, 0.0, -1000.0], [0.0, 1000.0, 5.0], [2.0, 1.0, 0.0]])
        if n == 2 and c == 3:  # e^800 overflows, yet no probability is tiny: only an unshifted
            z, y = np.array([[800.0, 799.0, 801.0], [1.0, 2.0, 3.0]]), np.array([2, 0])  # breaks
        if (
            n == 1
        ):  # e^-800 underflows to 0 in a softmax, but no shift by the median or mean overflows
            z, y = np.array([[0.0, -800.0, -1.0]]), np.array([0])
        if n == 2 and c == 4:  # shifted by the minimum, e^720 overflows; unshifted, nothing does
            z, y = np.array([[0.0, -720.0, -719.0, -1.0], [1.0, 2.0, 3.0, 0.0]]), np.array([0, 3])
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
            loss_with(lambda o, eps, c: (1 - eps) * o + eps / c, log=softmax_rows),
            "you weighted the softmax probabilities themselves: the loss weighs their LOGS, "
            "-sum t * log_softmax(z).",
        ),
        Mistake(
            loss_with(lambda o, eps, c: (1 - eps) * o + eps / c, log=lambda z: z),
            "you weighted the raw logits z: the loss weighs the log-probabilities, log_softmax(z) = "
            "z - logsumexp(z), not z itself.",
        ),
        Mistake(
            loss_with(lambda o, eps, c: (1 - eps + eps / c) * o),
            "you kept only the true class's term, (1 - eps + eps / C) * -log q(y): every other class "
            "has target eps / C too, and its term eps / C * -log q(c) counts.",
        ),
        Mistake(
            loss_with(lambda o, eps, c: (1 - eps) * o + (1 - o) * eps / c),
            "you gave eps / C to the wrong classes only and (1 - eps) to the true one: the target then "
            "sums to 1 - eps / C. The true class gets its eps / C too: (1 - eps) * onehot + eps / C.",
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
                lambda o, eps, c: (1 - eps) * o + eps / c,
                log=lambda z: (
                    z
                    - z.min(axis=1, keepdims=True)
                    - np.log(
                        np.sum(np.exp(z - z.min(axis=1, keepdims=True)), axis=1, keepdims=True)
                    )
                ),
            ),
            "you shifted each row by its MINIMUM: then every exponent z - m is >= 0, and e^(max - min) "
            "overflows to inf (here e^2000). Shift by the row's maximum, so that every exponent is <= 0 and "
            "the largest term is 1.",
        ),
        *(
            Mistake(
                loss_with(
                    lambda o, eps, c, f=f: (1 - eps) * o + eps / c,
                    log=lambda z, f=f: (
                        z
                        - f(z, axis=1, keepdims=True)
                        - np.log(
                            np.sum(np.exp(z - f(z, axis=1, keepdims=True)), axis=1, keepdims=True)
                        )
                    ),
                ),
                "you shifted each row by a value other than its own maximum (its first entry, median or "
                "mean, or the whole matrix's maximum): the identity holds for any m, but only the row's "
                "maximum keeps every exponent z - m <= 0 with one term exactly 1; with logits of +-1000, "
                "e^(z - m) overflowed (or, shifted by the matrix's maximum, every term of a row underflowed "
                "to 0).",
            )
            for f in (
                np.median,
                np.mean,
                lambda z, axis, keepdims: np.full((len(z), 1), np.max(z)),  # the whole matrix's max
            )
        ),
        Mistake(
            loss_with(lambda o, eps, c: (1 - eps) * o + eps / len(o)),
            "you divided eps by the number of ROWS (z.shape[0], len(labels)): eps is shared among the C "
            "classes, C = logits.shape[1].",
        ),
        Mistake(
            loss_with(lambda o, eps, c: (1 - eps) * o + eps / len(np.unique(np.argmax(o, axis=1)))),
            "you took C as the number of distinct labels in this batch: C is the number of classes the "
            "logits have, logits.shape[1], whether or not every class appears among the labels.",
        ),
        Mistake(
            lambda z, y, eps: float(
                np.mean(-np.sum(_indexed_target(z, y, eps, "columns") * log_softmax(z), axis=1))
            ),
            "you wrote t[:, labels] = ...: that sets whole COLUMNS, every row's classes named anywhere in "
            "labels. Each row n has its own true class: t[np.arange(N), labels] = 1 - eps + eps / C.",
        ),
        Mistake(
            lambda z, y, eps: float(
                np.mean(-np.sum(_indexed_target(z, y, eps, "rows") * log_softmax(z), axis=1))
            ),
            "you wrote t[labels] = ...: that sets whole ROWS (the rows numbered by the labels). Each row n "
            "has its own true class: t[np.arange(N), labels] = 1 - eps + eps / C.",
        ),
        Mistake(
            lambda z, y, eps: float(
                np.mean(
                    -np.sum(
                        ((1 - eps) * one_hot(y, z.shape[1]) + eps / (y.max() + 1)) * log_softmax(z),
                        axis=1,
                    )
                )
            ),
            "you took C as the largest label + 1: C is the number of classes the logits have, "
            "logits.shape[1], whether or not the largest class appears among the labels.",
        ),
        Mistake(
            loss_with(lambda o, eps, c: eps * o + (1 - eps) / c),
            "you swapped eps and 1 - eps: the true class keeps 1 - eps, and eps is the part shared out, "
            "t = (1 - eps) * onehot + eps / C.",
        ),
        Mistake(
            loss_with(lambda o, eps, c: (o + eps / c) / (1 + eps)),
            "you added eps / C and then renormalised by 1 + eps: the target then gives the true class "
            "(1 + eps / C) / (1 + eps), not 1 - eps + eps / C. Take eps from the true class first: "
            "t = (1 - eps) * onehot + eps / C.",
        ),
        Mistake(
            loss_with(
                lambda o, eps, c: (1 - eps) * o + eps / c,
                log=lambda z: z - np.max(z) - np.log(np.sum(np.exp(z - np.max(z)))),
            ),
            "your log-sum-exp ran over the whole matrix (no axis): each ROW is one example's distribution, "
            "so normalise along axis 1 (axis=1, keepdims=True), as h.log_softmax does.",
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
    if not feedback.passed and "z 3x3" in first and "compare your formula" in feedback.message:
        try:  # right on ordinary logits, finite and too small at +-1000: an epsilon or a clamp hid a log 0
            got = float(quietly(smoothed_cross_entropy)(*cases[4].args))
        except Exception:
            got = math.nan
        if np.isfinite(got) and got < cases[4].expected:
            return feedback.with_hint(
                "your loss is finite but far too small where logits of +-1000 make a probability "
                "underflow: an epsilon inside the log (or a clip) replaced log 0 by a modest number. "
                "Use h.log_softmax, which never forms the tiny probability, and no epsilon."
            )
    if not feedback.passed and "returned nan," in first and "0 * log(0)" in feedback.message:
        return Feedback(  # the engine's 0 log 0 hint does not apply: an exp overflowed
            False,
            first
            + "\nHint: your answer is nan: an exp overflowed to inf (e^1000), and inf / inf or "
            "inf - inf is nan. Shift each row by its maximum first, or use h.log_softmax.",
            feedback.status,
        )
    return feedback
