"""The gradient checkers' catalogues of mistakes (notebook 05): another loss's gradient,
another quantity's, half the loss, a target that does not sum to 1, the wrong normalisation or
shape, and float32 precision returned as float64. :mod:`helpers.exercises.training` uses them.
"""

from __future__ import annotations

import numpy as np

from helpers.exercises._engine import Feedback, Mistake, quietly
from helpers.logits import log_softmax, one_hot, sigmoid, softmax

#: The hint for a float64 answer that is right only to float32's precision.
FLOAT32_HINT = (
    "your answer is right to about 1e-7 but not to float64's precision: something was computed in "
    "float32 and returned as float64, so the check asks float64's precision. Compute in float64, or "
    "return the float32 array itself."
)


def float32_precision(func, cases, feedback: Feedback) -> Feedback:
    """Name float32 precision in a float64 answer that got only the generic hint."""
    if feedback.passed or "compare your formula" not in feedback.message:
        return feedback
    for case in cases:
        try:
            with np.errstate(all="ignore"):
                got = np.asarray(func(*case.args), dtype=float)
        except Exception:  # the feedback already names the first failure
            return feedback
        expected = np.asarray(case.expected, dtype=float)
        if got.shape != expected.shape or not np.allclose(got, expected, rtol=1e-5, atol=1e-7):
            return feedback
    return feedback.with_hint(FLOAT32_HINT)


def binary_gradient_slips() -> list[Mistake]:
    """The binary gradient's mistakes that are another loss's, or another quantity's, gradient."""
    p = sigmoid
    return [
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
            return getattr(func(*case.args), "dtype", None) == np.float32
    except Exception:  # run_check reports the learner's exception itself
        return False
