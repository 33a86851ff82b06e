"""How good is a trained classifier: accuracy, confusion matrix, calibration."""

from __future__ import annotations

import numpy as np

from helpers._validation import check_count, check_distribution, check_labels

__all__ = ["accuracy", "confusion_matrix", "reliability_curve"]


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
    proba = check_distribution(proba, "proba")
    if proba.ndim != 2:
        raise ValueError(
            f"proba must have shape (N, C), one distribution per row, got {proba.shape}"
        )
    y = check_labels(np.asarray(y), proba.shape[1], len(proba), "y")
    check_count(n_bins, "n_bins", minimum=1)
    if len(proba) == 0:
        raise ValueError("proba has 0 rows: calibration needs at least one prediction")
    conf = proba.max(axis=1)
    correct = proba.argmax(axis=1) == y
    bins = np.minimum((conf * n_bins).astype(int), n_bins - 1)
    counts = np.bincount(bins, minlength=n_bins)
    with np.errstate(invalid="ignore"):  # empty bins: 0 / 0 -> nan, shown as gaps
        mean_conf = np.bincount(bins, weights=conf, minlength=n_bins) / counts
        mean_acc = np.bincount(bins, weights=correct, minlength=n_bins) / counts
    filled = counts > 0
    ece = float(np.sum(counts[filled] * np.abs(mean_acc[filled] - mean_conf[filled])) / len(conf))
    return mean_conf, mean_acc, counts, ece
