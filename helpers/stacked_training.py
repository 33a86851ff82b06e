"""Many runs at once: softmax regression for every seed x setting, in one stacked loop.

The models are tiny, so one matrix product per batch serves every setting of a seed: the
seeds and settings a notebook compares train together instead of one after another.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from helpers._sgd import (
    check_loss,
    check_smoothing,
    check_training_data,
    epoch_scores,
    rows_times,
    sgd_epoch,
)
from helpers._validation import as_float_array, check_count, check_nonnegative, check_positive
from helpers.logits import one_hot
from helpers.training import History

__all__ = ["Runs", "train_many"]


@dataclass
class Runs:
    """Every run of :func:`train_many`: arrays indexed ``[seed, setting, epoch]``.

    Epoch 0 is before any step. ``train_loss`` is the loss trained on (its unit:
    nats for cross-entropy, none for MSE; with label smoothing, against the smoothed
    targets); ``validation_loss`` is always the plain cross-entropy in nats.
    ``weights[s, k, e]`` and ``biases[s, k, e]`` are the parameters after epoch ``e``.
    """

    seeds: np.ndarray
    lr: np.ndarray
    weight_decay: np.ndarray
    label_smoothing: np.ndarray
    init_scale: np.ndarray
    loss_name: str
    train_loss: np.ndarray
    train_accuracy: np.ndarray
    validation_loss: np.ndarray
    validation_accuracy: np.ndarray
    weights: np.ndarray
    biases: np.ndarray

    def logits(self, X, epoch: int = -1) -> np.ndarray:
        """Logits of every run at ``epoch`` (default: the last), shape (seeds, settings, N, C)."""
        X = as_float_array(X, "X")
        return rows_times(X, self.weights[:, :, epoch]) + self.biases[:, :, epoch, None, :]

    def history(self, seed: int, setting: int, epochs: int | None = None) -> History:
        """Run ``[seed, setting]`` (indices) as the :class:`~helpers.History` :func:`helpers.train` records.

        ``epochs`` keeps epochs 0 .. ``epochs`` (default: all). No wall times (``elapsed`` is empty).
        """
        end = self.train_loss.shape[-1] if epochs is None else check_count(epochs, "epochs") + 1
        run = (seed, setting, slice(0, end))
        return History(
            loss=self.train_loss[run].tolist(),
            train_accuracy=self.train_accuracy[run].tolist(),
            validation_accuracy=self.validation_accuracy[run].tolist(),
            validation_loss=self.validation_loss[run].tolist(),
            loss_name=self.loss_name,
        )


def _settings(value, name: str, k: int, positive: bool = False) -> np.ndarray:
    values = np.atleast_1d(np.asarray(value, dtype=object))
    if values.ndim != 1 or (k > 1 and len(values) not in (1, k)):
        raise ValueError(f"{name} must be one number or one per setting ({k}), got {value!r}")
    check = check_positive if positive else check_nonnegative
    out = np.array([check(v, name) for v in values], dtype=float)
    return np.broadcast_to(out, (k,)).copy()


def train_many(
    X_train,
    y_train,
    X_validation,
    y_validation,
    *,
    seeds,
    lr,
    weight_decay=0.0,
    label_smoothing=0.0,
    init_scale=0.01,
    epochs: int = 30,
    batch_size: int = 32,
    loss: str = "cross_entropy",
) -> Runs:
    """Train softmax regression for every seed x setting at once; score each epoch on validation.

    A *setting* is one learning rate, weight decay, label smoothing and initial scale:
    give each as one number (shared) or a list (one per setting; the lists must have one
    length K). Run ``(seed, k)`` starts from ``SoftmaxRegression(D, C, init_rng, init_scale)`` and
    shuffles with ``shuffle_rng``, where ``init_rng, shuffle_rng =
    np.random.default_rng(seed).spawn(2)``: the same run :func:`train` makes with those
    generators (a test checks it). Each seed's settings share its batches, so the
    comparison between settings is paired. A rate that diverges is a result, not an
    error: its losses are recorded as they come (the stable loss stays finite).

    Parameters
    ----------
    X_train, y_train : array_like, shapes (N, D) and (N,)
        The rows the steps are taken on; integer labels 0..C-1.
    X_validation, y_validation : array_like, shapes (M, D) and (M,)
        Scored after every epoch (never stepped on). Test rows do not belong here.
    seeds : sequence of int
        One run per seed and setting.
    lr : float or sequence of float
        Learning rate(s), > 0.
    weight_decay, label_smoothing, init_scale : float or sequence of float
        As in :func:`helpers.train` and :class:`helpers.SoftmaxRegression`.
    epochs, batch_size : int
    loss : {"cross_entropy", "mse"}

    Returns
    -------
    Runs
        Arrays of shape (len(seeds), K, epochs + 1), and the weights after every epoch.

    Examples
    --------
    Two seeds x two rates on a toy problem: one value per seed, rate and epoch.

    >>> X, y = np.array([[0.0], [1.0], [2.0], [3.0]]), np.array([0, 0, 1, 1])
    >>> runs = train_many(X, y, X, y, seeds=[0, 1], lr=[0.1, 1.0], epochs=3, batch_size=2)
    >>> runs.validation_loss.shape
    (2, 2, 4)
    >>> bool(np.all(runs.validation_loss[:, 1, -1] < runs.validation_loss[:, 0, -1]))
    True
    """
    check_loss(loss)
    check_count(epochs, "epochs")
    check_count(batch_size, "batch_size", minimum=1)
    seeds = [check_count(s, "seeds") for s in np.atleast_1d(np.asarray(seeds, dtype=object))]
    if not seeds:
        raise ValueError("seeds must hold at least one seed, e.g. range(5)")
    given = {"lr": lr, "weight_decay": weight_decay, "label_smoothing": label_smoothing}
    given["init_scale"] = init_scale
    lengths = {name: np.size(v) for name, v in given.items() if np.ndim(v) > 0}
    if len(set(lengths.values()) - {1}) > 1:
        raise ValueError(
            "lr, weight_decay, label_smoothing and init_scale must each be one number or one "
            f"per setting, all of one length; got lengths {lengths}"
        )
    k = max(np.size(v) for v in given.values())
    scales = _settings(init_scale, "init_scale", k)
    lrs = _settings(lr, "lr", k, positive=True)
    decays = _settings(weight_decay, "weight_decay", k)
    smoothing = _settings(label_smoothing, "label_smoothing", k)
    for eps in smoothing:
        check_smoothing(eps, loss)
    X_train, y_train, X_validation, y_validation, C = check_training_data(
        X_train, y_train, X_validation, y_validation
    )
    D = X_train.shape[1]
    onehot = one_hot(y_train, C)

    S = len(seeds)
    generators = [np.random.default_rng(s).spawn(2) for s in seeds]
    W = np.empty((S, D, k * C))
    for s, (init, _) in enumerate(generators):
        w = init.standard_normal(size=(D, C))  # SoftmaxRegression's draw, before its scale
        W[s] = (w[:, None, :] * scales[:, None]).reshape(D, k * C)  # each setting's scale
    b = np.zeros((S, k * C))
    # each setting's (smoothed) target rows, (N, K, C)
    targets = onehot[:, None, :] * (1 - smoothing)[:, None] + (smoothing / C)[:, None]
    E = epochs + 1
    out = {
        name: np.empty((S, k, E))
        for name in ("train_loss", "train_accuracy", "validation_loss", "validation_accuracy")
    }
    weights, biases = np.empty((S, k, E, D, C)), np.empty((S, k, E, C))

    def record(e):
        weights[:, :, e] = W.reshape(S, D, k, C).transpose(0, 2, 1, 3)
        biases[:, :, e] = b.reshape(S, k, C)
        scores = epoch_scores(
            W, b, X_train, y_train, targets, smoothing, X_validation, y_validation, loss
        )
        for name, value in zip(out, scores, strict=True):
            out[name][:, :, e] = value

    record(0)
    with np.errstate(over="ignore", invalid="ignore"):  # a diverging rate is a result, not an error
        for e in range(1, E):
            order = np.stack([shuffle.permutation(len(X_train)) for _, shuffle in generators])
            sgd_epoch(W, b, X_train, targets, order, lrs, decays, loss, batch_size)
            record(e)
    return Runs(
        np.array(seeds), lrs, decays, smoothing, scales, loss, **out, weights=weights, biases=biases
    )
