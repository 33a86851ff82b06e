"""Exercise checks for training (notebook 05): the gradients and the buggy-SGD curves.

Each one knows the right answers (computed by :mod:`helpers`, never typed in) and the usual
mistakes, and returns a :class:`~helpers.exercises._engine.Feedback`.
"""

from __future__ import annotations

import numpy as np

from helpers.exercises._engine import Case, Feedback, Mistake, run_check
from helpers.gradcheck import numerical_gradient
from helpers.logits import cross_entropy_from_logits, one_hot, sigmoid, softmax

__all__ = [
    "check_grad_binary",
    "check_grad_smoothed",
    "STEP_BUGS",
    "step_with_bug",
    "buggy_training_curves",
    "check_bug_diagnosis",
]


def _mean_binary_cross_entropy(z, y) -> float:
    """Mean of -y ln sigmoid(z) - (1 - y) ln(1 - sigmoid(z)) = ln(1 + e^z) - y z, stably."""
    return float(np.mean(np.logaddexp(0.0, z) - y * z))


def check_grad_binary(grad_binary) -> Feedback:
    """Check ``grad_binary(z, y)`` = d/dz of the mean binary cross-entropy of sigmoid(z) against
    labels y in {0, 1}, for one logit per example (shape (N,)), against finite differences.

    The answer, (sigmoid(z) - y) / N, is section 2's (q - y) / N for the two logits [z, 0]. The
    expected values are that formula (a test checks it against central differences and
    scikit-learn's log loss), so the tolerance is tight: a numerical gradient or a clipped
    sigmoid does not pass.
    """
    rng = np.random.default_rng(5)  # fixed cases: the same feedback on every run
    cases = []
    for n in (1, 4, 7):
        z, y = rng.normal(scale=2.0, size=n), rng.integers(0, 2, size=n)
        cases.append(
            Case(
                (z, y),
                (sigmoid(z) - y) / n,
                label=f"grad_binary(z={np.round(z, 2).tolist()}, y={y.tolist()})",
            )
        )
    z_far, y_far = (
        np.array([12.0, -15.0, 0.5, 30.0]),
        np.array([0, 1, 1, 1]),
    )  # far out: clipping shows
    cases.append(
        Case(
            (z_far, y_far),
            (sigmoid(z_far) - y_far) / 4,
            label="grad_binary(z=[12, -15, 0.5, 30], y=[0, 1, 1, 1])",
        )
    )
    mistakes = [
        Mistake(
            lambda z, y: sigmoid(z) - y,
            "your gradient is N times too large: the loss is the MEAN over the N examples, "
            "so divide by N = len(z).",
        ),
        Mistake(
            lambda z, y: (y - sigmoid(z)) / len(z),
            "sign error: it is prediction minus target. Minus the gradient points downhill.",
        ),
        Mistake(
            lambda z, y: (z - y) / len(z),
            "you used the logit z instead of the probability sigmoid(z).",
        ),
        Mistake(
            lambda z, y: (softmax(z) - y) / len(z),
            "h.softmax of the 1-D z normalises ACROSS the examples. Each example has its own "
            "two-class softmax of [z, 0], which is h.sigmoid(z).",
        ),
        Mistake(
            lambda z, y: (sigmoid(z) - y) * sigmoid(z) * (1 - sigmoid(z)) / len(z),
            "the extra factor sigmoid(z) (1 - sigmoid(z)) is the chain rule through a squared "
            "error. With cross-entropy the log cancels it: what is left is prediction minus target.",
        ),
        Mistake(
            lambda z, y: (sigmoid(-z) - y) / len(z),
            "sigmoid(-z) = 1 - sigmoid(z) is the probability of class 0. The logits are [z, 0], so "
            "the probability of class 1 (the one y = 1 labels) is sigmoid(z).",
        ),
        Mistake(
            lambda z, y: (sigmoid(z) - y) / (2 * len(z)),
            "you divided by 2N: the two logits [z, 0] are two entries of ONE example's gradient, "
            "not two examples. The mean is over the N examples only.",
        ),
        Mistake(
            lambda z, y: (sigmoid(z) - (1 - y)) / len(z),
            "the target of the first logit is y itself (the label of class 1), not 1 - y.",
        ),
        Mistake(
            lambda z, y: float(np.mean(sigmoid(z) - y)),
            "you averaged the N entries into one number. The gradient has one entry per example, "
            "shape (N,): divide by N, do not sum.",
        ),
        Mistake(
            lambda z, y: numerical_gradient(lambda z_: _mean_binary_cross_entropy(z_, y), z),
            "that is a numerical gradient (central differences): the exercise asks for the formula, "
            "from section 2, with nothing differentiated numerically.",
        ),
        Mistake(
            lambda z, y: (np.tanh(z) - y) / len(z),
            "tanh is not the sigmoid: sigmoid(z) = 1 / (1 + e^-z) = (1 + tanh(z / 2)) / 2. Use h.sigmoid.",
        ),
        Mistake(
            lambda z, y: (sigmoid(z) - y) / len(z) ** 2,
            "you divided by N twice: the mean divides once.",
        ),
        Mistake(
            lambda z, y: sigmoid(z) * (1 - sigmoid(z)) / len(z),
            "sigmoid(z) (1 - sigmoid(z)) is the derivative of the sigmoid itself; the loss's gradient "
            "is prediction minus target, sigmoid(z) - y, over N.",
        ),
        Mistake(
            lambda z, y: (np.clip(sigmoid(z), 1e-4, 1 - 1e-4) - y) / len(z),
            "a clipped sigmoid changes the answer where |z| is large (see the case with z = 12, -15, "
            "30): the stable h.sigmoid needs no clipping, and the gradient never takes a log.",
        ),
    ]
    return run_check(
        grad_binary,
        cases,
        name="grad_binary",
        mistakes=mistakes,
        rtol=1e-9,
        atol=1e-12,
        success="(sigmoid(z) - y) / N: softmax + cross-entropy's (q - y) / N with two classes, "
        "the gradient of every logistic regression.",
    )


def check_grad_smoothed(grad_smoothed) -> Feedback:
    """Check ``grad_smoothed(z, y, eps)`` = d/dz of the label-smoothed mean cross-entropy,
    (softmax(z) - t) / N with t = (1 - eps) onehot(y) + eps / C, against finite differences.
    """
    rng = np.random.default_rng(15)
    cases = []
    for n, c, eps in ((4, 3, 0.1), (6, 10, 0.2), (3, 4, 0.0)):
        z, y = rng.normal(scale=2.0, size=(n, c)), rng.integers(0, c, size=n)
        numeric = numerical_gradient(
            lambda z_, y=y, eps=eps: float(cross_entropy_from_logits(z_, y, label_smoothing=eps)),
            z,
        )
        cases.append(Case((z, y, eps), numeric, label=f"grad_smoothed(z {n}x{c}, y, eps={eps})"))

    def other_classes_only(z, y, eps):
        onehot = one_hot(y, z.shape[1])
        t = (1 - eps) * onehot + (1 - onehot) * eps / (z.shape[1] - 1)
        return (softmax(z) - t) / len(z)

    mistakes = [
        Mistake(
            lambda z, y, eps: (softmax(z) - one_hot(y, z.shape[1])) / len(z),
            "that is the gradient WITHOUT smoothing: the target in q - t is the smoothed one, "
            "t = (1 - eps) * onehot + eps / C.",
        ),
        Mistake(
            other_classes_only,
            "you spread eps over the C - 1 wrong classes only; the loss spreads it over all C.",
        ),
        Mistake(
            lambda z, y, eps: softmax(z) - (1 - eps) * one_hot(y, z.shape[1]) - eps / z.shape[1],
            "your gradient is N times too large: the loss is the MEAN over N = len(z) rows.",
        ),
        Mistake(
            lambda z, y, eps: (softmax(z) - (1 - eps) * one_hot(y, z.shape[1]) - eps) / len(z),
            "eps must be divided by C: the smoothed target gives eps / C to every class, so that "
            "it still sums to 1.",
        ),
        Mistake(
            lambda z, y, eps: (
                (softmax(z) - (1 - eps) * one_hot(y, z.shape[1]) - eps / z.shape[1])
                / (len(z) * z.shape[1])
            ),
            "you divided by N * C: the loss sums over the C classes and averages over the N rows "
            "only, so divide by N.",
        ),
        Mistake(
            lambda z, y, eps: (
                ((1 - eps) * one_hot(y, z.shape[1]) + eps / z.shape[1] - softmax(z)) / len(z)
            ),
            "sign error: it is prediction minus target, q - t.",
        ),
        Mistake(
            lambda z, y, eps: (softmax(z) - one_hot(y, z.shape[1]) - eps / z.shape[1]) / len(z),
            "the one-hot part of the target is scaled by (1 - eps) too: t = (1 - eps) onehot + eps / C.",
        ),
        Mistake(
            lambda z, y, eps: (1 - eps) * (softmax(z) - one_hot(y, z.shape[1])) / len(z),
            "you scaled the whole gradient by (1 - eps): only the target is smoothed; q itself is "
            "not, so the gradient is q - t with t = (1 - eps) onehot + eps / C.",
        ),
        Mistake(
            lambda z, y, eps: (
                (softmax(z) - (1 - eps) * one_hot(y, z.shape[1]) - eps / len(z)) / len(z)
            ),
            "eps is spread over the C classes (eps / C), not over the N rows (eps / N).",
        ),
        Mistake(
            lambda z, y, eps: (
                (softmax(z, axis=0) - (1 - eps) * one_hot(y, z.shape[1]) - eps / z.shape[1])
                / len(z)
            ),
            "softmax over axis 0 normalises each CLASS across the examples; each row is one "
            "example's distribution over the classes: softmax along axis -1.",
        ),
        Mistake(
            lambda z, y, eps: (
                ((1 - eps) * softmax(z) - (1 - eps) * one_hot(y, z.shape[1]) - eps / z.shape[1])
                / len(z)
            ),
            "the prediction q is not smoothed: only the target is. The gradient is q - t.",
        ),
    ]
    return run_check(
        grad_smoothed,
        cases,
        name="grad_smoothed",
        mistakes=mistakes,
        rtol=1e-5,
        atol=1e-8,
        success="Still prediction minus target: the derivation never used that t is one-hot, "
        "only that it sums to 1.",
    )


def step_with_bug(W, X, y, lr, bug: str | None = None) -> np.ndarray:
    """One gradient-descent step of softmax regression (no bias): ``W - lr * X^T (q - y) / N``,
    or the same step with one of the bugs in :data:`STEP_BUGS`.
    """
    if bug is not None and bug not in STEP_BUGS:
        raise ValueError(f"bug must be None or one of {list(STEP_BUGS)}, got {bug!r}")
    q = softmax(X @ W)
    if bug == "softmax twice":
        q = softmax(q)
    dz = q - one_hot(y, W.shape[1])
    if bug != "1/N missing":
        dz = dz / len(X)
    return W + lr * X.T @ dz if bug == "sign flipped" else W - lr * X.T @ dz


STEP_BUGS = ("sign flipped", "1/N missing", "softmax twice")
_CURVE_BUG = {"A": "softmax twice", "B": "sign flipped", "C": "1/N missing"}


def buggy_training_curves(
    X, y, epochs: int = 20, lr: float = 0.1, batch_size: int = 32, validation=None
) -> dict:
    """Training loss (nats) at the start and after each epoch of mini-batch SGD for the correct step
    (key ``"correct"``) and three buggy steps, keys ``"A"``, ``"B"``, ``"C"`` (which
    bug is which is the exercise of :func:`check_bug_diagnosis`). Seeded: every run
    gives the same curves. With ``validation=(X_validation, y_validation)`` the curves are
    the loss on those rows instead (the runs are the same).
    """
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    X_score, y_score = (X, y) if validation is None else validation
    X_score, y_score = np.asarray(X_score, dtype=float), np.asarray(y_score)
    n_classes = int(y.max()) + 1
    curves = {}
    for key, bug in {"correct": None, **_CURVE_BUG}.items():
        W = np.random.default_rng(0).normal(scale=0.01, size=(X.shape[1], n_classes))
        rng, losses = (
            np.random.default_rng(1),
            [float(cross_entropy_from_logits(X_score @ W, y_score))],
        )
        for _ in range(epochs):
            order = rng.permutation(len(X))
            for start in range(0, len(X), batch_size):
                batch = order[start : start + batch_size]
                W = step_with_bug(W, X[batch], y[batch], lr, bug)
            losses.append(float(cross_entropy_from_logits(X_score @ W, y_score)))
        curves[key] = losses
    return curves


_WHY = {
    "sign flipped": "every step goes UPHILL, so the loss rises from the first epoch and never stops",
    "1/N missing": "every step is as many times too long as the batch has rows: the correct "
    "step at learning rate 0.1 x 32 = 3.2 for full batches (2.2 for the last, shorter one): the "
    "training loss bumps up and down yet ends far BELOW the correct run's, a bug that looks like "
    "an improvement until you score held-out rows",
    "softmax twice": "softmax of probabilities in [0, 1] is nearly uniform, so q - y never "
    "shrinks as the model gets right: the push on the weights never stops; the loss falls in "
    "the first epoch, then turns and climbs for good",
}


def check_bug_diagnosis(diagnosis) -> Feedback:
    """Check ``diagnosis``, a dict from curve ``"A"``, ``"B"``, ``"C"`` of
    :func:`buggy_training_curves` to the bug in :data:`STEP_BUGS` that drew it.
    """
    if diagnosis is None or diagnosis is Ellipsis:
        return Feedback(False, "⏳ Set diagnosis first, then run this check.", "not done")
    expected = f'{{"A": ..., "B": ..., "C": ...}} with values from {list(STEP_BUGS)}'
    if not isinstance(diagnosis, dict) or set(diagnosis) != set(_CURVE_BUG):
        return Feedback(False, f"✗ diagnosis must be a dict {expected}, got {diagnosis!r}.")
    diagnosis = {
        k: v.strip() if isinstance(v, str) else v for k, v in diagnosis.items()
    }  # a stray space is not a mistake
    unknown = [v for v in diagnosis.values() if v not in STEP_BUGS]
    if unknown:
        return Feedback(False, f"✗ {unknown[0]!r} is not one of the bugs; use {expected}.")
    wrong = [k for k in sorted(_CURVE_BUG) if diagnosis[k] != _CURVE_BUG[k]]
    if not wrong:
        return Feedback(
            True,
            "✓ All three right. "
            + "; ".join(f"{k}: {bug}, {_WHY[bug]}" for k, bug in sorted(_CURVE_BUG.items()))
            + ".",
        )
    lines = [
        f"✗ Curve {k} is not '{diagnosis[k]}'. With '{diagnosis[k]}', {_WHY[diagnosis[k]]}. "
        f"Does curve {k} do that?"
        for k in wrong
    ]
    return Feedback(False, "\n".join(lines))
