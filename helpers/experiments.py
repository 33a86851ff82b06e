"""Controlled experiments the notebooks run: one thing varied, everything else fixed."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from helpers.datasets import DigitSplits, prepare_digits
from helpers.training import LOSSES, History, SoftmaxRegression, train

__all__ = ["compare_losses", "choose_learning_rate"]


def compare_losses(
    lrs: Mapping[str, float], init_scale: float = 0.01, epochs: int = 30
) -> dict[str, History]:
    """Train the digits classifier once per loss, from the same initial weights and batches.

    The experiment behind notebook 05's training widget: the loss and its learning rate
    differ, nothing else (seeds 0 for the weights, 1 for the shuffling). ``lrs`` maps each
    loss to its own rate, ``{"cross_entropy": 1.0, "mse": 1.0}``: a fair comparison runs
    each loss at its best rate (:func:`choose_learning_rate`), never both at one shared rate.
    Returns ``{"cross_entropy": History, "mse": History}``.
    """
    if not isinstance(lrs, Mapping) or set(lrs) != set(LOSSES):
        raise ValueError(
            f"lrs must be a dict with one learning rate per loss, keys {list(LOSSES)}, got {lrs!r}"
        )
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
            lr=lrs[loss],
            loss=loss,
            rng=np.random.default_rng(1),
        )
    return histories


def choose_learning_rate(
    loss: str, init_scale: float, lrs, data: DigitSplits, epochs: int = 30
) -> tuple[float, dict[float, float]]:
    """Pick the learning rate for ``loss`` on the validation split, never on the test split.

    For each rate, train from the same initial weights (seed 0) and batches (seed 1)
    on the fit rows; score the final model's accuracy on the validation rows.
    Returns the best rate (ties go to the smaller one) and every rate's score.
    """
    scores = {}
    for lr in lrs:
        model = SoftmaxRegression(64, 10, np.random.default_rng(0), init_scale=init_scale)
        history = train(
            model, data.X_fit, data.y_fit, data.X_validation, data.y_validation,
            epochs=epochs, lr=float(lr), loss=loss, rng=np.random.default_rng(1),
        )  # fmt: skip
        scores[float(lr)] = history.test_accuracy[-1]  # scored on the validation rows here
    best = max(scores, key=lambda lr: (scores[lr], -lr))
    return best, scores
