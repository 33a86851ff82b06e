"""The gradient checkers' catalogues of mistakes (notebook 05): another loss's gradient,
another quantity's, half the loss, a target that does not sum to 1, the wrong normalisation or
shape, and float32 precision returned as float64. :mod:`helpers.exercises.training` uses them.
"""

from __future__ import annotations

import copy

import numpy as np

from helpers.exercises._engine import Feedback, Mistake, quietly
from helpers.exercises._rounding import rounded_to
from helpers.gradcheck import numerical_gradient
from helpers.logits import log_softmax, one_hot, sigmoid, softmax

#: The hint for a float64 answer that is right only to float32's precision.
NEAR_MISS_HINT = (
    "your answer is right to about 1e-7 but not to the 1e-9 the check asks: something changed its "
    "last digits. A float32 step (compute in float64, or return the float32 array itself), an added "
    "epsilon or a clip (remove it: this gradient takes no log), a rounding (return the unrounded "
    "array) or a numerical gradient (use the formula)."
)

#: Logit bounds a person types: every integer from 1 to 1000, and 709.78 (where e^z overflows).
_LOGIT_CLIPS = np.append(np.arange(1.0, 1001.0), 709.78)


def _binary_logit_clip(z, y, c):
    return (sigmoid(np.clip(z, -c, c)) - y) / len(z)


def _smoothed_logit_clip(z, y, eps, c):
    t = (1 - eps) * one_hot(y, z.shape[1]) + eps / z.shape[1]
    return (softmax(np.clip(z, -c, c)) - t) / len(z)


def _probability_clip(cases, answers) -> float | None:
    """The c of an answer (sigmoid(z) clipped to [c, 1 - c] - y) / N on every case, else None."""
    found = []
    for case, got in zip(cases, answers, strict=True):
        z, y = case.args
        p, implied = sigmoid(z), got * len(z) + y  # the learner's sigmoid
        moved = ~np.isclose(implied, p, rtol=1e-9, atol=1e-15)
        low, high = moved & (implied > p), moved & (implied < p)
        if (
            np.any(moved & ~(low | high))
            or np.any(implied[low] > 0.5)
            or np.any(implied[high] < 0.5)
        ):
            return None
        found += [*implied[low], *(1 - implied[high])]
    if not found or not np.allclose(found, found[0], rtol=1e-6):
        return None
    c = float(np.median(found))
    ok = all(
        np.allclose(got, (np.clip(sigmoid(case.args[0]), c, 1 - c) - case.args[1]) / len(got),
                    rtol=1e-9, atol=1e-15)
        for case, got in zip(cases, answers, strict=True)
    )  # fmt: skip
    return c if ok else None


def explain_near_miss(
    func, cases, feedback: Feedback, kind: str, tolerances=(1e-9, 1e-15)
) -> Feedback:
    """Name the cause of a wrong answer that got only the generic hint (or, for a numerical
    gradient of the loss written with logs, the engine's nan hint): a rounding to 1-10 decimals
    (found by ``_rounding.rounded_to``, as the engine finds one), a clip of the logits
    (``kind`` "binary" or "smoothed") or of the sigmoid at any value, or else, when it is
    right to about 1e-7 only, the causes that fit that (float32, an epsilon, a clip, a
    rounding, a numerical gradient: nothing here tells them apart).
    """
    nan = "your answer contains nan" in feedback.message  # the engine's hint, about logs
    if feedback.passed or ("compare your formula" not in feedback.message and not nan):
        return feedback
    answers = []
    for case in cases:
        try:
            got = np.asarray(
                quietly(func)(*copy.deepcopy(case.args)), dtype=float
            )  # it may write z
        except Exception:  # the feedback already names the first failure
            return feedback
        if got.shape != np.shape(case.expected):
            return feedback
        answers.append(got)
    pairs = list(zip(cases, answers, strict=True))
    if kind == "binary":  # a numerical gradient of the loss written with logs: nan at z = 750
        for e in (1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8):
            if all(
                np.allclose(got, quietly(lambda z, y, e=e: numerical_gradient(_naive_mean_loss(y), z, eps=e))(*case.args),
                            rtol=1e-9, atol=1e-15, equal_nan=True)
                for case, got in pairs
            ):  # fmt: skip
                return feedback.with_hint(
                    "that is a numerical gradient (central differences) of the loss written with logs: "
                    "wrong by rounding noise where the gradient is tiny, and nan where sigmoid(z) rounds "
                    "to 1 (z = 750). The exercise asks for the formula, from section 2."
                )
    if nan:
        return feedback
    places = [rounded_to(got, np.asarray(case.expected, dtype=float)) for case, got in pairs]
    if all(places):  # rounded the same way on every case (the engine's own test of a rounding)
        return feedback.with_hint(
            f"your numbers are rounded to {min(places)} decimals: the formula is right, but return "
            "the unrounded array (rounding wipes out the small entries)."
        )
    model = _binary_logit_clip if kind == "binary" else _smoothed_logit_clip
    rtol, atol = tolerances  # the check's own: a clip is named only where the check sees it
    fits = [
        c
        for c in _LOGIT_CLIPS
        if all(np.allclose(got, model(*case.args, c), rtol=rtol, atol=atol) for case, got in pairs)
    ]
    if fits:
        at = (
            f"about +-{fits[0]:g}"
            if len(fits) == 1
            else f"some value between +-{fits[0]:g} and +-{fits[-1]:g}"
        )
        what = (
            "z = -40 becomes the bound, so sigmoid(z) = 4e-18 becomes sigmoid(bound)"
            if kind == "binary"
            else "a row far out becomes a tie"
        )
        return feedback.with_hint(
            f"you clipped the logits at {at}: that changes every logit beyond it ({what}). No clip "
            "is needed: the stable sigmoid and softmax take any logit."
        )
    if kind == "binary" and (c := _probability_clip(cases, answers)) is not None:
        return feedback.with_hint(
            f"a clipped sigmoid (here at {c:.3g}) changes the answer where sigmoid(z) is below the clip "
            "(z = -40 gives 4e-18): the stable h.sigmoid needs no clipping, and the gradient never "
            "takes a log."
        )
    if all(np.allclose(got, case.expected, rtol=1e-5, atol=1e-7) for case, got in pairs):
        return feedback.with_hint(NEAR_MISS_HINT)
    return feedback


def _naive_mean_loss(y):  # -y ln p - (1 - y) ln(1 - p): nan or inf once p rounds to 1 (z = 750)
    return lambda z: float(np.mean(-y * np.log(sigmoid(z)) - (1 - y) * np.log(1 - sigmoid(z))))


def binary_gradient_slips() -> list[Mistake]:
    """The binary gradient's mistakes that are another loss's, or another quantity's, gradient."""
    p = sigmoid
    return [
        Mistake(
            lambda z, y: ((1 + np.tanh(z)) / 2 - y) / len(z),
            "your probabilities are sigmoid(2 z): two-class logits taken as [z, -z] (they are [z, 0]), "
            "or (1 + tanh(z)) / 2, where the identity is sigmoid(z) = (1 + tanh(z / 2)) / 2.",
        ),
        Mistake(
            lambda z, y: 2 * (p(z) - y) * p(z) * (1 - p(z)) / len(z),
            "that is the gradient of the squared error (sigmoid(z) - y)^2, chain rule through the "
            "sigmoid included. With cross-entropy the log cancels the sigmoid's slope: (sigmoid(z) - y) / N.",
        ),
        Mistake(
            lambda z, y: 2 * (p(z) - y) / len(z),
            "the factor 2 is a squared error's ((a - b)^2 gives 2 (a - b)); cross-entropy's gradient "
            "has none: (sigmoid(z) - y) / N.",
        ),
        Mistake(
            lambda z, y: 2 * (z - y) / len(z),
            "that is the gradient of the squared error (z - y)^2 on the logit itself (regression); "
            "this loss is cross-entropy on the probability sigmoid(z).",
        ),
        Mistake(
            quietly(lambda z, y: (-y / p(z) + (1 - y) / (1 - p(z))) / len(z)),
            "that is the gradient with respect to the probability p = sigmoid(z), -y/p + (1-y)/(1-p). "
            "The exercise asks for d/dz: multiply by dp/dz = p (1 - p), and the result simplifies.",
        ),
        Mistake(
            lambda z, y: np.stack([p(z) - y, y - p(z)], axis=-1) / len(z),
            "you returned the gradient for both logits [z, 0], shape (N, 2). The 0 is fixed, not a "
            "parameter: return the first column only, shape (N,).",
        ),
        Mistake(
            lambda z, y: y * (p(z) - 1) / len(z),
            "your gradient is 0 wherever y = 0: you differentiated only the term -y ln sigmoid(z) "
            "(or used -y sigmoid(-y z), the form for labels in {-1, +1}, with labels 0 and 1). The "
            "term -(1 - y) ln(1 - sigmoid(z)) is the whole loss when y = 0.",
        ),
        Mistake(
            lambda z, y: (1 - y) * p(z) / len(z),
            "you differentiated only the term -(1 - y) ln(1 - sigmoid(z)): the term -y ln sigmoid(z) "
            "is the whole loss when y = 1.",
        ),
        *(
            Mistake(
                lambda z, y, label=label: (label(z) - y) / len(z),
                "'prediction minus target' takes the predicted PROBABILITY sigmoid(z), not the predicted "
                "label 0 or 1 (a rounded sigmoid, z > 0): the gradient is smooth in z.",
            )
            for label in (lambda z: np.round(p(z)), lambda z: (z > 0).astype(float))
        ),
        Mistake(
            quietly(lambda z, y: (np.log(p(z)) - y) / len(z)),
            "ln sigmoid(z) is in the LOSS; its derivative is the probability itself: (sigmoid(z) - y) / N.",
        ),
        Mistake(
            lambda z, y: y - p(z),
            "two slips: the sign (it is prediction minus target, sigmoid(z) - y) and the 1/N "
            "(the loss is the MEAN over the N examples).",
        ),
        Mistake(
            quietly(lambda z, y: (p(z) - y) / (len(z) - 1)),
            "you divided by N - 1 (a sample variance's correction): the loss is a plain mean, so divide by N.",
        ),
    ]


def smoothed_gradient_slips(smoothed) -> list[Mistake]:
    """The smoothed gradient's mistakes in its target, its normalisation, its shape or its loss.

    ``smoothed(z, y, eps)`` is the right target t = (1 - eps) onehot(y) + eps / C.
    """

    def parts(z, y):  # one-hot rows and C
        return one_hot(y, z.shape[1]), z.shape[1]

    def target_missing_on_true(z, y, eps):  # eps / C to the wrong classes only: sums to 1 - eps / C
        onehot, c = parts(z, y)
        return (1 - eps) * onehot + (1 - onehot) * eps / c

    def batch_normalised(z, y, eps):  # the exp of each row over the sum of the WHOLE batch
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return (e / e.sum() - smoothed(z, y, eps)) / len(z)

    def mse(z, y, eps):  # the squared error of the probabilities, through the softmax
        q = softmax(z)
        g = 2 * (q - smoothed(z, y, eps)) / len(z)
        return q * (g - np.sum(g * q, axis=-1, keepdims=True))

    def in_float32(z, y, eps):
        z32 = np.asarray(z, dtype=np.float32)
        e = np.exp(z32 - z32.max(axis=1, keepdims=True))
        return ((e / e.sum(axis=1, keepdims=True) - smoothed(z, y, eps)) / len(z)).astype(float)

    return [
        Mistake(
            lambda z, y, eps: float(np.mean(softmax(z) - smoothed(z, y, eps))),
            "you averaged the entries into one number (0 here: q and t each sum to 1). The gradient "
            "has the shape of z, (N, C): one entry per example and class, divided by N.",
        ),
        Mistake(
            lambda z, y, eps: (
                (softmax(z) - (1 - eps / z.shape[1]) * one_hot(y, z.shape[1]) - eps / z.shape[1])
                / len(z)
            ),
            "your true class gets 1 - eps / C + eps / C = 1, so t sums to more than 1: it gets "
            "(1 - eps) + eps / C, t = (1 - eps) onehot(y) + eps / C.",
        ),
        Mistake(
            lambda z, y, eps: softmax(z) / len(z),
            "you left out the target: the gradient is prediction MINUS target, (q - t) / N.",
        ),
        Mistake(
            lambda z, y, eps: (softmax(z) - eps / z.shape[1]) / len(z),
            "your target is only the eps / C spread: the (1 - eps) onehot(y) part is missing, "
            "t = (1 - eps) onehot(y) + eps / C.",
        ),
        Mistake(
            lambda z, y, eps: (
                (softmax(z) - (1 - eps) * one_hot(y, z.shape[1]) - eps / (z.shape[1] - 1)) / len(z)
            ),
            "eps / (C - 1) to every class makes t sum to more than 1: the spread is eps / C to each of "
            "the C classes (the true one too).",
        ),
        Mistake(
            lambda z, y, eps: (softmax(z) - target_missing_on_true(z, y, eps)) / len(z),
            "you gave eps / C to the wrong classes only, so t sums to 1 - eps / C: the true class gets "
            "(1 - eps) + eps / C.",
        ),
        Mistake(
            lambda z, y, eps: (
                (softmax(z) - (1 - eps + eps / z.shape[1]) * one_hot(y, z.shape[1])) / len(z)
            ),
            "you gave eps / C to the true class only: every class gets eps / C, "
            "t = (1 - eps) onehot(y) + eps / C.",
        ),
        Mistake(
            lambda z, y, eps: ((softmax(z) - smoothed(z, y, eps)) / len(z)).T,
            "your answer is transposed, (C, N): the gradient has the shape of z, one row per example.",
        ),
        Mistake(
            lambda z, y, eps: (softmax(z) - smoothed(z, y, eps)).sum(axis=0) / len(z),
            "you summed over the rows: that is the BIAS's gradient, dL/db (shape (C,)). The exercise "
            "asks for dL/dz, one row per example, shape (N, C).",
        ),
        Mistake(
            batch_normalised,
            "you divided by the sum over the whole batch (.sum() without axis=1): each row is one "
            "example's distribution, normalised by its own sum, e.sum(axis=1, keepdims=True).",
        ),
        Mistake(
            in_float32,
            "you computed in float32 (right to about 1e-7) and returned float64: the check then asks "
            "float64's precision. Compute in float64, or return the float32 array itself.",
        ),
        Mistake(
            lambda z, y, eps: (
                (softmax(z) - eps * one_hot(y, z.shape[1]) - (1 - eps) / z.shape[1]) / len(z)
            ),
            "eps and 1 - eps are swapped: the true class keeps (1 - eps), and eps is what is spread, "
            "t = (1 - eps) onehot(y) + eps / C.",
        ),
        Mistake(
            lambda z, y, eps: (softmax(z) - smoothed(z, y, eps)) / len(z) ** 2,
            "you divided by N twice: the mean divides once.",
        ),
        Mistake(
            lambda z, y, eps: (softmax(z) - smoothed(z, y, eps)) / z.shape[1],
            "you divided by C, the number of classes: the mean is over the N rows, so divide by N = len(z).",
        ),
        Mistake(
            lambda z, y, eps: 2 * (softmax(z) - smoothed(z, y, eps)) / len(z),
            "the factor 2 is a squared error's; cross-entropy's gradient has none: (q - t) / N.",
        ),
        Mistake(
            mse,
            "that is the gradient of the squared error of the probabilities, through the softmax's "
            "Jacobian. With cross-entropy the log cancels that Jacobian: (q - t) / N.",
        ),
        Mistake(
            quietly(lambda z, y, eps: -smoothed(z, y, eps) / softmax(z) / len(z)),
            "that is the gradient with respect to the probabilities q, -t / q. The exercise asks for "
            "d/dz: through the softmax it becomes q - t (the sum of t is 1).",
        ),
        Mistake(
            lambda z, y, eps: (log_softmax(z) - smoothed(z, y, eps)) / len(z),
            "log_softmax(z) is in the LOSS; its derivative brings back the probabilities: (softmax(z) - t) / N.",
        ),
        Mistake(
            lambda z, y, eps: (
                (one_hot(np.argmax(z, axis=1), z.shape[1]) - smoothed(z, y, eps)) / len(z)
            ),
            "'prediction minus target' takes the predicted PROBABILITIES q = softmax(z), not the "
            "one-hot of the predicted class (argmax).",
        ),
    ]


def answers_in_float32(func, case) -> bool:
    """Does ``func`` answer ``case`` in float32 (right to float32's precision, then, not float64's)."""
    try:
        with np.errstate(all="ignore"):
            return getattr(func(*copy.deepcopy(case.args)), "dtype", None) == np.float32
    except Exception:  # run_check reports the learner's exception itself
        return False
