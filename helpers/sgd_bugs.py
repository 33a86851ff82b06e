"""Three bugs people type into a gradient-descent loop, simulated: what each does to the loss.

A flipped sign (``W += ...``), the ``1/N`` of the mean missing, and softmax applied twice.
:func:`step_with_bug` is one step of softmax regression (no bias) with one of them;
:func:`curves_with_bugs` runs the whole mini-batch loop with each, from one start and one
batch order, so the curves differ by the bug alone. The curves are the material of a
"which bug drew which curve?" exercise (:func:`helpers.buggy_training_curves`).
"""

from __future__ import annotations

import numpy as np

from helpers._validation import as_float_array, check_count, check_positive
from helpers.logits import cross_entropy_from_logits, one_hot, softmax

__all__ = ["STEP_BUGS", "step_with_bug", "curves_with_bugs"]

#: The bugs :func:`step_with_bug` knows.
STEP_BUGS = ("sign flipped", "1/N missing", "softmax twice")


def _check_bug(bug) -> None:
    if bug is not None and bug not in STEP_BUGS:
        raise ValueError(f"bug must be None or one of {list(STEP_BUGS)}, got {bug!r}")


def step_with_bug(W, X, y, lr, bug: str | None = None) -> np.ndarray:
    """One gradient-descent step of softmax regression (no bias), with or without a bug.

    The correct step is ``W - lr * X^T (softmax(X W) - onehot(y)) / N``; ``bug`` (one of
    :data:`STEP_BUGS`) flips its sign, drops the ``/ N``, or takes the softmax of the
    softmax. Returns the new weights (``W`` is not changed).

    Examples
    --------
    Without the ``1/N`` a step on N rows is the correct step at N times the rate:

    >>> X, y, W = np.eye(2), np.array([0, 1]), np.zeros((2, 2))
    >>> bool(np.allclose(step_with_bug(W, X, y, 0.1, "1/N missing"), step_with_bug(W, X, y, 0.2)))
    True
    """
    _check_bug(bug)
    q = softmax(X @ W)
    if bug == "softmax twice":
        q = softmax(q)
    dz = q - one_hot(y, W.shape[1])
    if bug != "1/N missing":
        dz = dz / len(X)
    return W + lr * X.T @ dz if bug == "sign flipped" else W - lr * X.T @ dz


def curves_with_bugs(
    X, y, bugs=STEP_BUGS, epochs: int = 20, lr: float = 0.1, batch_size: int = 32, validation=None
) -> dict:
    """The cross-entropy (nats) at the start and after each epoch, for the correct loop and each bug.

    Every loop starts from the same weights (``N(0, 0.01^2)``, seed 0) and shuffles with the
    same generator (seed 1), so two curves differ by their bug alone. Keys: ``"correct"``
    and each of ``bugs``. The loss is scored on the training rows ``X, y``, or with
    ``validation=(X_validation, y_validation)`` on those rows instead (the runs are the same).
    """
    X = as_float_array(X, "X")
    y = np.asarray(y)
    for bug in bugs:
        _check_bug(bug)
    check_count(epochs, "epochs")
    lr = check_positive(lr, "lr")
    check_count(batch_size, "batch_size", minimum=1)
    X_score, y_score = (X, y) if validation is None else validation
    X_score, y_score = as_float_array(X_score, "validation"), np.asarray(y_score)
    n_classes = int(y.max()) + 1
    curves = {}
    for bug in (None, *bugs):
        W = np.random.default_rng(0).normal(scale=0.01, size=(X.shape[1], n_classes))
        rng = np.random.default_rng(1)
        losses = [float(cross_entropy_from_logits(X_score @ W, y_score))]
        for _ in range(epochs):
            order = rng.permutation(len(X))
            for start in range(0, len(X), batch_size):
                batch = order[start : start + batch_size]
                W = step_with_bug(W, X[batch], y[batch], lr, bug)
            losses.append(float(cross_entropy_from_logits(X_score @ W, y_score)))
        curves["correct" if bug is None else bug] = losses
    return curves
