"""Training a softmax classifier from scratch: model, gradient, SGD loop, diagnostics.

Names follow PyTorch, which learners meet next: a model has ``logits``,
``parameters`` and ``zero_grad``-free ``step``; the loss is
``cross_entropy_from_logits`` (``torch.nn.functional.cross_entropy``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from helpers._validation import as_float_array
from helpers.data import load_digits
from helpers.logits import (
    _cross_entropy_grad,
    _mse_grad,
    cross_entropy_from_logits,
    cross_entropy_grad,
    mse_from_logits,
    mse_grad,
    one_hot,
    softmax,
)

__all__ = [
    "SoftmaxRegression",
    "History",
    "train",
    "prepare_digits",
    "accuracy",
    "confusion_matrix",
    "reliability_curve",
    "compare_losses",
    "LOSSES",
]

#: The two losses the course compares: name -> (loss from logits, gradient w.r.t. logits).
LOSSES = {
    "cross_entropy": (cross_entropy_from_logits, cross_entropy_grad),
    "mse": (mse_from_logits, mse_grad),
}
# The same gradients without argument checks, for the inner loop of train() (its
# inputs were checked once, before the loop): one-hot targets, shape (N, C).
_FAST_GRADS = {"cross_entropy": _cross_entropy_grad, "mse": _mse_grad}


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
        if not isinstance(rng, np.random.Generator):
            raise ValueError(
                f"rng must be a numpy.random.Generator, got {rng!r}; use np.random.default_rng(seed)"
            )
        if not (isinstance(init_scale, (int, float)) and init_scale >= 0):
            raise ValueError(f"init_scale must be a number >= 0, got {init_scale!r}")
        self.W = rng.normal(scale=init_scale, size=(n_features, n_classes))
        self.b = np.zeros(n_classes)

    def __repr__(self) -> str:
        d, c = self.W.shape
        return f"SoftmaxRegression(n_features={d}, n_classes={c}, parameters={self.W.size + self.b.size})"

    def parameters(self) -> list[np.ndarray]:
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

    def loss(self, X, y, loss: str = "cross_entropy") -> float:
        """Mean loss over the rows of ``X`` (cross-entropy in nats, or MSE of the probabilities)."""
        _check_loss(loss)
        return float(LOSSES[loss][0](self.logits(X), y))

    def gradients(self, X, y, loss: str = "cross_entropy") -> list[np.ndarray]:
        r"""Gradients of the mean loss w.r.t. ``[W, b]``: the logits' gradient, chained.

        .. math:: \frac{\partial L}{\partial W} = X^\top \frac{\partial L}{\partial z}, \qquad
                  \frac{\partial L}{\partial b} = \sum_n \frac{\partial L}{\partial z_n}

        For cross-entropy, :math:`\partial L / \partial z = (\operatorname{softmax}(z) - \operatorname{onehot}(y)) / N`.
        """
        _check_loss(loss)
        X = as_float_array(X, "X")
        dz = LOSSES[loss][1](self.logits(X), y)
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

    def epochs_to(self, test_accuracy: float) -> int | None:
        """First epoch whose test accuracy reaches ``test_accuracy`` (``None`` if never)."""
        for epoch, acc in enumerate(self.test_accuracy):
            if acc >= test_accuracy:
                return epoch
        return None


def accuracy(model: SoftmaxRegression, X, y) -> float:
    return float(np.mean(model.predict(X) == np.asarray(y)))


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
    live: bool = False,
) -> History:
    """Mini-batch stochastic gradient descent, recording loss and accuracy per epoch.

    Each epoch shuffles the training rows with ``rng`` (so a seed fixes the run),
    then steps once per batch. ``live=True`` shows a progress bar and learning
    curves that update every epoch — for a person watching in JupyterLab; leave it
    off in stored notebooks, whose outputs must not depend on timing.
    """
    _check_loss(loss)
    if not (isinstance(epochs, int) and epochs >= 0):
        raise ValueError(f"epochs must be a whole number >= 0, got {epochs!r}")
    if not (isinstance(lr, (int, float)) and lr > 0):
        raise ValueError(f"lr must be a positive number, got {lr!r}")
    if not (isinstance(batch_size, int) and batch_size >= 1):
        raise ValueError(f"batch_size must be a whole number >= 1, got {batch_size!r}")
    X_train, X_test = as_float_array(X_train, "X_train"), as_float_array(X_test, "X_test")
    y_train, y_test = np.asarray(y_train), np.asarray(y_test)
    history = History()
    display = _LiveDisplay(epochs) if live else None
    start = time.perf_counter()

    def record():
        history.loss.append(model.loss(X_train, y_train, loss))
        history.train_accuracy.append(accuracy(model, X_train, y_train))
        history.test_accuracy.append(accuracy(model, X_test, y_test))
        history.elapsed.append(time.perf_counter() - start)
        if display:
            display.update(history)

    record()
    n = len(X_train)
    targets = one_hot(y_train, model.W.shape[1])
    grad_logits = _FAST_GRADS[loss]
    for _ in range(epochs):
        order = rng.permutation(n)
        for begin in range(0, n, batch_size):
            batch = order[begin : begin + batch_size]
            X = X_train[batch]
            dz = grad_logits(X @ model.W + model.b, targets[batch])
            model.step([X.T @ dz, dz.sum(axis=0)], lr)  # the same chain rule as model.gradients
        record()
    history.seconds = time.perf_counter() - start
    return history


class _LiveDisplay:
    """A progress bar and a learning-curve plot that refresh once per epoch."""

    def __init__(self, epochs: int):
        import ipywidgets as widgets
        from IPython.display import display

        self.bar = widgets.IntProgress(min=0, max=epochs, description="epoch 0")
        self.out = widgets.Output()
        display(widgets.VBox([self.bar, self.out]))

    def update(self, history: History) -> None:
        from IPython.display import display
        from matplotlib.figure import Figure

        from helpers.plots import plot_history

        epoch = len(history.loss) - 1
        self.bar.value = epoch
        self.bar.description = f"epoch {epoch}"
        fig = Figure(figsize=(8, 3), layout="constrained")
        plot_history(history, axes=fig.subplots(1, 2))
        with self.out:
            self.out.clear_output(wait=True)
            display(fig)


def prepare_digits(test_fraction: float = 0.25, seed: int = 0):
    """The shipped digits as standardised features and a seeded train/test split.

    Pixels become 64 features; each is standardised with the *training* mean and
    standard deviation (pixels that are constant in training keep scale 1).

    Returns
    -------
    X_train, X_test, y_train, y_test, images_test
        ``images_test`` are the raw 8x8 test images, for pictures.
    """
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must lie strictly between 0 and 1, got {test_fraction!r}")
    images, labels = load_digits()
    X = images.reshape(len(images), -1).astype(np.float64)
    order = np.random.default_rng(seed).permutation(len(X))
    n_test = round(len(X) * test_fraction)
    test, tr = order[:n_test], order[n_test:]
    mean, std = X[tr].mean(axis=0), X[tr].std(axis=0)
    std[std == 0] = 1.0
    return (X[tr] - mean) / std, (X[test] - mean) / std, labels[tr], labels[test], images[test]


def confusion_matrix(y_true, y_pred, n_classes: int) -> np.ndarray:
    """``M[i, j]`` = how many examples of class ``i`` were predicted as ``j``."""
    m = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(m, (np.asarray(y_true), np.asarray(y_pred)), 1)
    return m


def reliability_curve(proba, y, n_bins: int = 10):
    """Confidence vs accuracy, for a reliability diagram.

    Each prediction's confidence is its largest probability; predictions are
    grouped into ``n_bins`` equal-width confidence bins.

    Returns
    -------
    confidence, accuracy, counts : numpy.ndarray, shape (n_bins,)
        Mean confidence and accuracy per bin (``nan`` for empty bins), and bin sizes.
    ece : float
        Expected calibration error: ``sum(counts * |accuracy - confidence|) / N``.
    """
    proba = np.asarray(proba)
    conf = proba.max(axis=1)
    correct = proba.argmax(axis=1) == np.asarray(y)
    bins = np.minimum((conf * n_bins).astype(int), n_bins - 1)
    counts = np.bincount(bins, minlength=n_bins)
    with np.errstate(invalid="ignore"):  # empty bins: 0 / 0 -> nan, shown as gaps
        mean_conf = np.bincount(bins, weights=conf, minlength=n_bins) / counts
        mean_acc = np.bincount(bins, weights=correct, minlength=n_bins) / counts
    filled = counts > 0
    ece = float(np.sum(counts[filled] * np.abs(mean_acc[filled] - mean_conf[filled])) / len(conf))
    return mean_conf, mean_acc, counts, ece


def compare_losses(
    init_scale: float = 0.01, lr: float = 0.1, epochs: int = 30
) -> dict[str, History]:
    """Train the digits classifier once per loss, from the same initial weights and batches.

    The controlled experiment of notebook 05: only the loss differs (seeds 0 for the
    weights, 1 for the shuffling). Returns ``{"cross_entropy": History, "mse": History}``.
    """
    X_train, X_test, y_train, y_test, _ = prepare_digits()
    histories = {}
    for loss in LOSSES:
        model = SoftmaxRegression(64, 10, np.random.default_rng(0), init_scale=init_scale)
        histories[loss] = train(
            model,
            X_train,
            y_train,
            X_test,
            y_test,
            epochs=epochs,
            lr=lr,
            loss=loss,
            rng=np.random.default_rng(1),
        )
    return histories
