"""How good is a trained classifier: accuracy, confusion matrix, calibration, baselines."""

from __future__ import annotations

import numpy as np

from helpers._validation import as_float_array, check_count, check_distribution, check_labels

__all__ = [
    "accuracy",
    "confusion_matrix",
    "reliability_curve",
    "brier_score",
    "majority_baseline",
    "nearest_mean_baseline",
    "fit_temperature",
]

_STRATEGIES = ("uniform", "quantile")


def accuracy(model, X, y) -> float:
    """The fraction of rows of ``X`` whose most probable class (``model.predict``) is ``y``."""
    y = np.asarray(y)
    predicted = model.predict(X)
    if y.shape != predicted.shape:
        raise ValueError(
            f"y has shape {y.shape} but X has {len(predicted)} rows; one label per row"
        )
    return float(np.mean(predicted == y))


def confusion_matrix(y_true, y_pred, n_classes: int) -> np.ndarray:
    """``M[i, j]`` = how many examples of class ``i`` were predicted as ``j``."""
    check_count(n_classes, "n_classes", minimum=1)
    y_true = check_labels(np.asarray(y_true), n_classes, np.size(y_true), "y_true")
    y_pred = check_labels(np.asarray(y_pred), n_classes, len(y_true), "y_pred")
    m = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(m, (y_true, y_pred), 1)
    return m


def _check_proba_and_labels(proba, y):
    proba = check_distribution(proba, "proba")
    if proba.ndim != 2:
        raise ValueError(
            f"proba must have shape (N, C), one distribution per row, got {proba.shape}"
        )
    y = check_labels(np.asarray(y), proba.shape[1], len(proba), "y")
    if len(proba) == 0:
        raise ValueError("proba has 0 rows: calibration needs at least one prediction")
    return proba, y


def reliability_curve(proba, y, n_bins: int = 10, strategy: str = "uniform"):
    r"""Confidence vs accuracy, for a reliability diagram, and the expected calibration error.

    Each prediction's confidence is its largest probability. Predictions are grouped
    into ``n_bins`` bins of confidence: of equal width on [0, 1] (``"uniform"``, Guo et
    al. 2017), or each holding the same number of predictions (``"quantile"``, as
    scikit-learn's ``calibration_curve(strategy="quantile")``), so that no bin is a
    handful of points.

    .. math:: \mathrm{ECE} = \sum_b \frac{n_b}{N} \left|\mathrm{acc}_b - \mathrm{conf}_b\right|

    ECE is a fraction (no unit). As every confidence goes to 1 it goes to ``1 - accuracy`` (the
    limit); it is at most ``1 - accuracy`` when every bin is over-confident (confidence >= accuracy
    in each), not in general. Its value, and a ranking by it, depend on the bins.

    Parameters
    ----------
    proba : array_like, shape (N, C)
        Predicted distributions, one per row.
    y : array_like of int, shape (N,)
        True labels.
    n_bins : int
    strategy : {"uniform", "quantile"}

    Returns
    -------
    confidence, accuracy, counts : numpy.ndarray, shape (n_bins,)
        Mean confidence and accuracy per bin (``nan`` for empty bins), and bin sizes.
    ece : float
        Expected calibration error: ``sum(counts * |accuracy - confidence|) / N``.

    Examples
    --------
    >>> conf, acc, counts, ece = reliability_curve([[0.9, 0.1], [0.6, 0.4]], [0, 1], n_bins=2)
    >>> counts.tolist(), round(ece, 2)  # 0.9 right, 0.6 wrong: gaps 0.1 and 0.6
    ([0, 2], 0.25)
    """
    proba, y = _check_proba_and_labels(proba, y)
    check_count(n_bins, "n_bins", minimum=1)
    if strategy not in _STRATEGIES:
        raise ValueError(f"strategy must be one of {list(_STRATEGIES)}, got {strategy!r}")
    conf = proba.max(axis=1)
    correct = proba.argmax(axis=1) == y
    if strategy == "uniform":
        bins = np.minimum((conf * n_bins).astype(int), n_bins - 1)
    else:  # equal counts: rank the confidences, cut the ranks into n_bins runs
        ranks = np.empty(len(conf), dtype=int)
        ranks[np.argsort(conf, kind="stable")] = np.arange(len(conf))
        bins = ranks * n_bins // len(conf)
    counts = np.bincount(bins, minlength=n_bins)
    with np.errstate(invalid="ignore"):  # empty bins: 0 / 0 -> nan, shown as gaps
        mean_conf = np.bincount(bins, weights=conf, minlength=n_bins) / counts
        mean_acc = np.bincount(bins, weights=correct, minlength=n_bins) / counts
    filled = counts > 0
    ece = float(np.sum(counts[filled] * np.abs(mean_acc[filled] - mean_conf[filled])) / len(conf))
    return mean_conf, mean_acc, counts, ece


def brier_score(proba, y) -> float:
    r"""Mean squared distance between the predicted distribution and the one-hot label.

    .. math:: \mathrm{Brier} = \frac{1}{N} \sum_n \sum_c (q_{nc} - [c = y_n])^2

    No unit; 0 is perfect, 2 the worst. Like cross-entropy a proper scoring rule, but
    it counts every class's probability, where cross-entropy reads only ``q_y``. (The
    course's ``mse`` loss is this score of the softmax.)

    Examples
    --------
    >>> brier_score([[0.5, 0.5]], [1])
    0.5
    """
    proba, y = _check_proba_and_labels(proba, y)
    onehot = np.zeros_like(proba)
    onehot[np.arange(len(y)), y] = 1.0
    return float(np.mean(np.sum((proba - onehot) ** 2, axis=1)))


def majority_baseline(y_train, y, n_classes: int):
    """Accuracy and cross-entropy (nats) on labels ``y`` of the model that ignores the input.

    Its prediction is the class frequencies of ``y_train`` (add-one smoothed, so no class
    has probability 0): its accuracy is the share of the most common training class in
    ``y``, its cross-entropy that of the frequencies, close to ``ln C`` for balanced classes.

    Parameters
    ----------
    y_train : array_like of int
        The labels the frequencies are counted from.
    y : array_like of int
        The labels it is scored on.
    n_classes : int

    Returns
    -------
    accuracy, cross_entropy : float
        A fraction, and nats.

    Examples
    --------
    >>> acc, ce = majority_baseline([0, 0, 1], [0, 1], 2)  # predicts [3/5, 2/5], says 0
    >>> acc, round(ce, 4)  # -(ln 0.6 + ln 0.4) / 2
    (0.5, 0.7136)
    """
    check_count(n_classes, "n_classes", minimum=2)
    y_train = check_labels(np.asarray(y_train), n_classes, np.size(y_train), "y_train")
    y = check_labels(np.asarray(y), n_classes, np.size(y), "y")
    counts = np.bincount(y_train, minlength=n_classes) + 1.0
    freq = counts / counts.sum()
    return float(np.mean(y == np.argmax(counts))), float(-np.mean(np.log(freq[y])))


def nearest_mean_baseline(X_train, y_train, X, y, n_classes: int) -> float:
    """Accuracy on ``(X, y)`` of the nearest class mean, a baseline with nothing to tune.

    Each row gets the class whose mean training row is closest (Euclidean). No learning
    rate, no loss, no probabilities.

    Parameters
    ----------
    X_train, y_train : array_like, shapes (N, D) and (N,)
        The rows the class means are taken over (every class must occur).
    X, y : array_like, shapes (M, D) and (M,)
        The rows it is scored on.
    n_classes : int

    Returns
    -------
    float
        The fraction of rows of ``X`` given their label.

    Examples
    --------
    >>> nearest_mean_baseline([[0.0], [1.0], [9.0], [10.0]], [0, 0, 1, 1], [[2.0], [8.0]], [0, 1], 2)
    1.0
    """
    check_count(n_classes, "n_classes", minimum=2)
    X_train, X = np.asarray(X_train, dtype=float), np.asarray(X, dtype=float)
    y_train = check_labels(np.asarray(y_train), n_classes, len(X_train), "y_train")
    y = check_labels(np.asarray(y), n_classes, len(X), "y")
    missing = sorted(set(range(n_classes)) - set(y_train.tolist()))
    if missing:
        raise ValueError(f"y_train has no example of class {missing[0]}: every class needs a mean")
    means = np.stack([X_train[y_train == c].mean(axis=0) for c in range(n_classes)])
    distance = ((X[:, None, :] - means[None]) ** 2).sum(axis=-1)
    return float(np.mean(distance.argmin(axis=1) == y))


def fit_temperature(logits, y, iterations: int = 50) -> float:
    r"""The temperature :math:`T` that minimises the mean cross-entropy of ``softmax(logits / T)``.

    Guo et al. (2017) fit :math:`T` this way, on validation rows. Newton's method on
    :math:`\beta = 1/T`: the loss :math:`\ell(\beta) = \overline{\operatorname{logsumexp}(\beta z) - \beta z_y}`
    is convex in :math:`\beta`, with derivative :math:`\overline{\mathbb E_q[z] - z_y}` and second
    derivative :math:`\overline{\operatorname{Var}_q(z)} \ge 0`, where :math:`q = \operatorname{softmax}(\beta z)`.

    Parameters
    ----------
    logits : array_like, shape (N, C)
    y : array_like of int, shape (N,)
        Class labels.
    iterations : int
        Newton steps at most (it stops once a step is below 1e-12).

    Returns
    -------
    float
        :math:`T > 0`. Raises ``ValueError`` when no finite positive :math:`T` is best: every
        row right (the loss falls as :math:`T \to 0`), or no better than chance (:math:`T \to \infty`).

    Examples
    --------
    Two rows right and one wrong, each with logits (2, 0): the loss is lowest where
    :math:`\sigma(2\beta) = 2/3`, i.e. :math:`T = 1/\beta = 2 / \ln 2`:

    >>> z = np.array([[2.0, 0.0], [0.0, 2.0], [2.0, 0.0]])
    >>> round(fit_temperature(z, np.array([0, 1, 1])), 6), round(2 / float(np.log(2)), 6)
    (2.88539, 2.88539)
    """
    z = as_float_array(logits, "logits")
    if z.ndim != 2:
        raise ValueError(f"logits must have shape (N, C), got {z.shape}")
    y = check_labels(y, z.shape[1], len(z), "y")
    check_count(iterations, "iterations", minimum=1)
    z_y = z[np.arange(len(z)), y]
    if np.all(z_y > _others_max(z, y)):
        raise ValueError("no finite temperature minimises the loss: every row is already right")
    beta = 1.0
    for _ in range(iterations):
        s = beta * z
        q = np.exp(s - s.max(axis=1, keepdims=True))
        q /= q.sum(axis=1, keepdims=True)
        mean_z = np.sum(q * z, axis=1)
        slope = np.mean(mean_z - z_y)
        curvature = np.mean(np.sum(q * z**2, axis=1) - mean_z**2)
        if curvature <= 0 or not np.isfinite(curvature):
            break
        new = beta - slope / curvature
        if new <= 0:
            new = beta / 2  # stay on the positive side: halve towards 0
        done = abs(new - beta) < 1e-12 * max(1.0, beta)
        beta = new
        if done:
            break
    if not np.isfinite(beta) or beta < 1e-12:
        raise ValueError(
            "no finite temperature minimises the loss: the logits do no better than chance"
        )
    return float(1.0 / beta)


def _others_max(z: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The largest logit of each row other than the label's."""
    others = z.astype(float, copy=True)
    others[np.arange(len(z)), y] = -np.inf
    return others.max(axis=1)
