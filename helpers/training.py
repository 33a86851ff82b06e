"""Training a softmax classifier from scratch: the model, its gradient, the plain SGD loop.

Names follow PyTorch, which learners meet next: a model has ``logits``,
``parameters`` and ``zero_grad``-free ``step``; the loss is
``cross_entropy_from_logits`` (``torch.nn.functional.cross_entropy``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from helpers._validation import (
    as_float_array,
    check_count,
    check_nonnegative,
    check_positive,
    check_rng,
)
from helpers.diagnostics import accuracy
from helpers.logits import (
    cross_entropy_from_logits,
    cross_entropy_grad,
    mse_from_logits,
    mse_grad,
    one_hot,
    smooth_targets,
    softmax,
)

__all__ = ["SoftmaxRegression", "History", "train", "LOSSES"]

#: The two losses the course compares: name -> (loss from logits, gradient w.r.t. logits).
LOSSES = {
    "cross_entropy": (cross_entropy_from_logits, cross_entropy_grad),
    "mse": (mse_from_logits, mse_grad),
}


def _check_loss(loss: str) -> None:
    if loss not in LOSSES:
        raise ValueError(f"loss must be one of {sorted(LOSSES)}, got {loss!r}")


class SoftmaxRegression:
    r"""A linear classifier with a softmax output: ``z = X W + b``, ``q = softmax(z)``.

    Parameters
    ----------
    n_features, n_classes : int
    rng : numpy.random.Generator
        Draws the initial weights.
    init_scale : float, default 0.01
        Standard deviation of the initial weights. Small gives logits near 0 (an
        honest "don't know"); large gives big random logits: a model that is
        confidently wrong from the start.
    """

    def __init__(
        self, n_features: int, n_classes: int, rng: np.random.Generator, init_scale: float = 0.01
    ):
        check_count(n_features, "n_features", minimum=1)
        check_count(n_classes, "n_classes", minimum=2)
        check_rng(rng)
        init_scale = check_nonnegative(init_scale, "init_scale")
        self.W = rng.normal(scale=init_scale, size=(n_features, n_classes))
        self.b = np.zeros(n_classes)

    def __repr__(self) -> str:
        d, c = self.W.shape
        return f"SoftmaxRegression(n_features={d}, n_classes={c}, parameters={self.W.size + self.b.size})"

    def parameters(self) -> list[np.ndarray]:
        """The arrays training updates, ``[W, b]`` (PyTorch's ``Module.parameters()``)."""
        return [self.W, self.b]

    def logits(self, X) -> np.ndarray:
        """Unnormalised log-probabilities, shape (N, C)."""
        X = as_float_array(X, "X")
        if X.ndim != 2 or X.shape[1] != self.W.shape[0]:
            raise ValueError(f"X must have shape (N, {self.W.shape[0]}), got {X.shape}")
        return X @ self.W + self.b

    def predict_proba(self, X) -> np.ndarray:
        """Class probabilities, each row sums to 1."""
        return softmax(self.logits(X))

    def predict(self, X) -> np.ndarray:
        """The most probable class of each row."""
        return np.argmax(self.logits(X), axis=1)

    def _targets(self, y, loss: str, label_smoothing: float):
        """The target the loss compares with: labels, or smoothed one-hot rows (cross-entropy only)."""
        _check_loss(loss)
        if not label_smoothing:
            return y
        if loss != "cross_entropy" or not 0 < label_smoothing <= 1:
            raise ValueError(
                f"label_smoothing must be in [0, 1] and goes with the cross_entropy loss, got "
                f"{label_smoothing!r} with {loss!r}"
            )
        return smooth_targets(one_hot(y, self.W.shape[1]), label_smoothing)

    def loss(self, X, y, loss: str = "cross_entropy", label_smoothing: float = 0.0) -> float:
        """Mean loss over the rows of ``X`` (cross-entropy in nats, or MSE of the probabilities)."""
        return float(LOSSES[loss][0](self.logits(X), self._targets(y, loss, label_smoothing)))

    def gradients(
        self, X, y, loss: str = "cross_entropy", label_smoothing: float = 0.0
    ) -> list[np.ndarray]:
        r"""Gradients of the mean loss w.r.t. ``[W, b]``: the logits' gradient, chained.

        .. math:: \frac{\partial L}{\partial W} = X^\top \frac{\partial L}{\partial z}, \qquad
                  \frac{\partial L}{\partial b} = \sum_n \frac{\partial L}{\partial z_n}

        For cross-entropy, :math:`\partial L / \partial z = (\operatorname{softmax}(z) - \operatorname{onehot}(y)) / N`.
        """
        X = as_float_array(X, "X")
        dz = LOSSES[loss][1](self.logits(X), self._targets(y, loss, label_smoothing))
        return [X.T @ dz, dz.sum(axis=0)]

    def step(self, grads: list[np.ndarray], lr: float) -> None:
        """One gradient-descent step: every parameter moves against its gradient."""
        for param, grad in zip(self.parameters(), grads, strict=True):
            param -= lr * grad


@dataclass
class History:
    """What :func:`train` records once per epoch (epoch 0 is before any step)."""

    loss: list[float] = field(default_factory=list)
    train_accuracy: list[float] = field(default_factory=list)
    test_accuracy: list[float] = field(default_factory=list)
    seconds: float = 0.0
    #: wall time since the start of training at each record (for benchmarks, never printed in notebooks)
    elapsed: list[float] = field(default_factory=list)
    #: which loss ``loss`` holds: "cross_entropy" (nats) or "mse" (no unit)
    loss_name: str = "cross_entropy"

    def epochs_to(self, test_accuracy: float) -> int | None:
        """First epoch whose test accuracy reaches ``test_accuracy`` (``None`` if never)."""
        for epoch, acc in enumerate(self.test_accuracy):
            if acc >= test_accuracy:
                return epoch
        return None


def train(
    model: SoftmaxRegression,
    X_train,
    y_train,
    X_test,
    y_test,
    *,
    epochs: int = 20,
    lr: float = 0.1,
    batch_size: int = 32,
    loss: str = "cross_entropy",
    rng: np.random.Generator,
    on_epoch: Callable[[History], None] | None = None,
    label_smoothing: float = 0.0,
) -> History:
    """Mini-batch stochastic gradient descent, recording loss and accuracy per epoch.

    The loop is the one the notebook writes out: each epoch shuffles the training
    rows with ``rng`` (so a seed fixes the run), then for every batch takes
    ``model.gradients`` and ``model.step``. After every epoch (and once before the
    first) it records the :class:`History` and calls ``on_epoch(history)``: e.g.
    ``helpers.LiveTrainingPlot`` to watch the curves grow in JupyterLab.
    ``label_smoothing`` trains cross-entropy against ``(1 - eps) onehot + eps / C``.
    """
    _check_loss(loss)
    check_count(epochs, "epochs")
    lr = check_positive(lr, "lr")
    check_count(batch_size, "batch_size", minimum=1)
    check_rng(rng)
    X_train, X_test = as_float_array(X_train, "X_train"), as_float_array(X_test, "X_test")
    y_train, y_test = np.asarray(y_train), np.asarray(y_test)
    history = History(loss_name=loss)
    start = time.perf_counter()

    def record():
        history.loss.append(model.loss(X_train, y_train, loss, label_smoothing))
        history.train_accuracy.append(accuracy(model, X_train, y_train))
        history.test_accuracy.append(accuracy(model, X_test, y_test))
        history.elapsed.append(time.perf_counter() - start)
        if on_epoch is not None:
            on_epoch(history)

    record()
    for _ in range(epochs):
        order = rng.permutation(len(X_train))
        for begin in range(0, len(X_train), batch_size):
            batch = order[begin : begin + batch_size]
            model.step(model.gradients(X_train[batch], y_train[batch], loss, label_smoothing), lr)
        record()
    history.seconds = time.perf_counter() - start
    return history
