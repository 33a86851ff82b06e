"""Training a softmax classifier from scratch: the model, its gradient, the plain SGD loop.

Names follow PyTorch, which learners meet next: a model has ``logits``,
``parameters`` and ``zero_grad``-free ``step``; the loss is
``cross_entropy_from_logits`` (``torch.nn.functional.cross_entropy``).

The public functions validate their arguments once; the loops then call the private
kernels of :mod:`helpers._sgd`, which take checked arrays. :func:`train` trains one model
and records a :class:`History`; :func:`helpers.train_many` (in :mod:`helpers.stacked_training`)
trains a grid of seeds x settings at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from helpers._numerics import smooth_targets
from helpers._sgd import check_loss, check_smoothing, check_training_data, epoch_scores, sgd_epoch
from helpers._validation import (
    as_float_array,
    check_count,
    check_nonnegative,
    check_positive,
    check_rng,
)
from helpers.logits import (
    cross_entropy_from_logits,
    cross_entropy_grad,
    mse_from_logits,
    mse_grad,
    one_hot,
    softmax,
)

__all__ = ["SoftmaxRegression", "History", "train", "LOSSES"]

#: The two losses the course compares: name -> (loss from logits, gradient w.r.t. logits).
LOSSES = {
    "cross_entropy": (cross_entropy_from_logits, cross_entropy_grad),
    "mse": (mse_from_logits, mse_grad),
}


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
        confidently wrong from the start. (PyTorch's ``nn.Linear`` starts otherwise:
        uniform on ``±1/sqrt(n_features)``, bias included, and stores ``W`` transposed.)
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
        check_loss(loss)
        eps = check_smoothing(label_smoothing, loss)
        if not eps:
            return y
        return smooth_targets(one_hot(y, self.W.shape[1]), eps)

    def loss(self, X, y, loss: str = "cross_entropy", label_smoothing: float = 0.0) -> float:
        """Mean loss over the rows of ``X`` (cross-entropy in nats, or MSE of the probabilities)."""
        return float(LOSSES[loss][0](self.logits(X), self._targets(y, loss, label_smoothing)))

    def gradients(
        self,
        X,
        y,
        loss: str = "cross_entropy",
        label_smoothing: float = 0.0,
        weight_decay: float = 0.0,
    ) -> list[np.ndarray]:
        r"""Gradients of the mean loss (plus ``weight_decay / 2 * ||W||^2``) w.r.t. ``[W, b]``.

        .. math:: \frac{\partial L}{\partial W} = X^\top \frac{\partial L}{\partial z} + \lambda W,
                  \qquad \frac{\partial L}{\partial b} = \sum_n \frac{\partial L}{\partial z_n}

        For cross-entropy, :math:`\partial L / \partial z = (\operatorname{softmax}(z) - \operatorname{onehot}(y)) / N`.
        The bias is not decayed.
        """
        X = as_float_array(X, "X")
        weight_decay = check_nonnegative(weight_decay, "weight_decay")
        dz = LOSSES[loss][1](self.logits(X), self._targets(y, loss, label_smoothing))
        return [X.T @ dz + weight_decay * self.W, dz.sum(axis=0)]

    def step(self, grads: list[np.ndarray], lr: float) -> None:
        """One gradient-descent step: every parameter moves against its gradient."""
        for param, grad in zip(self.parameters(), grads, strict=True):
            param -= lr * grad


@dataclass
class History:
    """What :func:`train` records once per epoch (epoch 0 is before any step).

    ``loss`` is the training loss (the one trained on, on the training rows);
    ``validation_loss`` is the cross-entropy (nats) on the held-out rows given to
    :func:`train`, whatever the training loss.
    """

    loss: list[float] = field(default_factory=list)
    train_accuracy: list[float] = field(default_factory=list)
    validation_accuracy: list[float] = field(default_factory=list)
    validation_loss: list[float] = field(default_factory=list)
    seconds: float = 0.0
    #: wall time since the start of training at each record (for benchmarks, never printed in notebooks)
    elapsed: list[float] = field(default_factory=list)
    #: which loss ``loss`` holds: "cross_entropy" (nats) or "mse" (no unit)
    loss_name: str = "cross_entropy"

    def until(self, epoch: int) -> History:
        """The record of epochs 0 .. ``epoch`` only: the same run, stopped there (no wall times)."""
        end = check_count(epoch, "epoch") + 1
        return History(
            loss=self.loss[:end],
            train_accuracy=self.train_accuracy[:end],
            validation_accuracy=self.validation_accuracy[:end],
            validation_loss=self.validation_loss[:end],
            loss_name=self.loss_name,
        )

    def epochs_to(self, validation_accuracy: float) -> int | None:
        """First epoch whose validation accuracy reaches ``validation_accuracy`` (``None`` if never)."""
        for epoch, acc in enumerate(self.validation_accuracy):
            if acc >= validation_accuracy:
                return epoch
        return None


def train(
    model: SoftmaxRegression,
    X_train,
    y_train,
    X_validation,
    y_validation,
    *,
    epochs: int = 20,
    lr: float = 0.1,
    batch_size: int = 32,
    loss: str = "cross_entropy",
    rng: np.random.Generator,
    on_epoch: Callable[[History], None] | None = None,
    label_smoothing: float = 0.0,
    weight_decay: float = 0.0,
) -> History:
    """Mini-batch stochastic gradient descent, recording loss and accuracy per epoch.

    The loop is the one the notebook writes out: each epoch shuffles the training
    rows with ``rng`` (so a seed fixes the run), then for every batch takes the
    gradient of the mean loss on the batch and steps against it (``model.gradients``
    and ``model.step`` give the same step). After every epoch (and once before the
    first) it records the :class:`History` on the training rows and on the
    **validation** rows, and calls ``on_epoch(history)``: e.g.
    ``helpers.LiveTrainingPlot`` to watch the curves grow in JupyterLab.
    The test rows never go in here: score them once, at the end, yourself.

    Parameters
    ----------
    model : SoftmaxRegression
        Trained in place.
    X_train, y_train : array_like, shapes (N, D) and (N,)
        The rows the steps are taken on.
    X_validation, y_validation : array_like, shapes (M, D) and (M,)
        Held-out rows, scored after every epoch (never stepped on).
    epochs, lr, batch_size : int, float, int
    loss : {"cross_entropy", "mse"}
    rng : numpy.random.Generator
        Shuffles the training rows each epoch.
    on_epoch : callable, optional
    label_smoothing : float in [0, 1]
        Trains cross-entropy against ``(1 - eps) onehot + eps / C``.
    weight_decay : float >= 0
        Adds ``weight_decay / 2 * ||W||^2`` to the loss (so ``weight_decay * W`` to its
        gradient); the bias is not decayed.

    Returns
    -------
    History

    Examples
    --------
    >>> X, y = np.array([[0.0], [1.0], [2.0], [3.0]]), np.array([0, 0, 1, 1])
    >>> model = SoftmaxRegression(1, 2, np.random.default_rng(0))
    >>> history = train(model, X, y, X, y, epochs=3, lr=1.0, batch_size=2,
    ...                 rng=np.random.default_rng(1))
    >>> len(history.validation_loss), history.validation_loss[-1] < history.validation_loss[0]
    (4, True)
    """
    check_loss(loss)
    check_count(epochs, "epochs")
    lr = check_positive(lr, "lr")
    check_count(batch_size, "batch_size", minimum=1)
    check_rng(rng)
    eps = check_smoothing(label_smoothing, loss)
    weight_decay = check_nonnegative(weight_decay, "weight_decay")
    D, C = model.W.shape
    X_train, y_train, X_validation, y_validation, _ = check_training_data(
        X_train, y_train, X_validation, y_validation, n_features=D, n_classes=C
    )
    onehot = one_hot(y_train, C)
    target = smooth_targets(onehot, eps)
    history = History(loss_name=loss)
    start = time.perf_counter()
    W, b = model.W[None], model.b[None]  # views: the kernel steps the model's own arrays
    rates, decays = np.array([lr]), np.array([weight_decay])

    def record():
        train_loss, train_acc, val_loss, val_acc = (
            float(v[0, 0])
            for v in epoch_scores(
                W, b, X_train, y_train, target[:, None], np.array([eps]),
                X_validation, y_validation, loss,
            )
        )  # fmt: skip
        history.loss.append(train_loss)
        history.train_accuracy.append(train_acc)
        history.validation_loss.append(val_loss)
        history.validation_accuracy.append(val_acc)
        history.elapsed.append(time.perf_counter() - start)
        if on_epoch is not None:
            on_epoch(history)

    record()
    for _ in range(epochs):
        order = rng.permutation(len(X_train))[None]
        sgd_epoch(W, b, X_train, target[:, None], order, rates, decays, loss, batch_size)
        record()
    history.seconds = time.perf_counter() - start
    return history
