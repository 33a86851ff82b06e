"""Controlled experiments the notebooks run: one thing varied, everything else fixed."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from helpers.datasets import DigitSplits, split_digits
from helpers.stacked_training import train_many
from helpers.training import LOSSES, History, SoftmaxRegression, train

__all__ = ["compare_losses", "digits_run", "choose_learning_rate"]


def compare_losses(
    lrs: Mapping[str, float], init_scale: float = 0.01, epochs: int = 30, seed: int = 0
) -> dict[str, History]:
    """Train the digits classifier once per loss, from the same initial weights and batches.

    The experiment behind notebook 05's training widget: the loss and its learning rate
    differ, nothing else. Both train on the fit rows of :func:`helpers.split_digits` and are
    scored every epoch on its validation rows (the test rows are not touched). ``lrs`` maps
    each loss to its own rate, ``{"cross_entropy": 1.0, "mse": 3.0}``: a fair comparison
    runs each loss at its best rate, never both at one shared rate. The generators are
    ``np.random.default_rng(seed).spawn(2)`` (weights, shuffling), as in
    :func:`helpers.train_many`. Returns ``{"cross_entropy": History, "mse": History}``.
    """
    if not isinstance(lrs, Mapping) or set(lrs) != set(LOSSES):
        raise ValueError(
            f"lrs must be a dict with one learning rate per loss, keys {list(LOSSES)}, got {lrs!r}"
        )
    return {loss: digits_run(loss, lrs[loss], init_scale, epochs, seed) for loss in LOSSES}


def digits_run(
    loss: str, lr: float, init_scale: float = 0.01, epochs: int = 30, seed: int = 0
) -> History:
    """One run of :func:`compare_losses`: the digits classifier trained with ``loss`` at ``lr``.

    On the fit rows of :func:`helpers.split_digits`, scored every epoch on its validation rows,
    from ``SoftmaxRegression(64, 10, init, init_scale)`` with ``init, shuffle =
    np.random.default_rng(seed).spawn(2)``. The first ``e`` epochs of a longer run are the
    run of ``e`` epochs (the shuffles are drawn epoch by epoch), so ``History.until`` can cut one.
    """
    data = split_digits()
    init, shuffle = np.random.default_rng(seed).spawn(2)
    model = SoftmaxRegression(64, 10, init, init_scale=init_scale)
    return train(
        model,
        data.X_fit,
        data.y_fit,
        data.X_validation,
        data.y_validation,
        epochs=epochs,
        lr=lr,
        loss=loss,
        rng=shuffle,
    )


def choose_learning_rate(
    loss: str, init_scale: float, lrs, data: DigitSplits, epochs: int = 30, seeds=range(5)
) -> tuple[float, dict[float, float]]:
    """Pick the learning rate for ``loss`` on the validation split, never on the test split.

    Every rate trains on the fit rows from each seed (:func:`helpers.train_many`); its score
    is the validation cross-entropy (nats) after the last epoch, averaged over the seeds.
    Cross-entropy, not accuracy: on a few hundred images accuracy moves in steps of one
    image and ties. Returns the best rate (ties go to the smaller one) and every rate's score.
    """
    lrs = sorted(float(lr) for lr in lrs)
    runs = train_many(
        data.X_fit, data.y_fit, data.X_validation, data.y_validation,
        seeds=seeds, lr=lrs, init_scale=init_scale, epochs=epochs, loss=loss,
    )  # fmt: skip
    mean = runs.validation_loss[:, :, -1].mean(axis=0)
    scores = {lr: float(v) for lr, v in zip(lrs, mean, strict=True)}
    best = min(scores, key=lambda lr: (scores[lr], lr))
    return best, scores
