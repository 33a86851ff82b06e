"""Argument checks shared by the public functions (private).

Every check raises ``ValueError`` naming the argument, quoting the bad value and
saying how to fix it: a teaching package must never answer a mistake with a
silent ``nan`` or a silent renormalisation.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

__all__: list[str] = []


def _quote(values: np.ndarray, limit: int = 4) -> str:
    """Show at most ``limit`` offending values, compactly."""
    flat = np.asarray(values).ravel()
    shown = ", ".join(f"{v:.6g}" for v in flat[:limit])
    return shown + (", ..." if flat.size > limit else "")


def as_float_array(x, name: str) -> np.ndarray:
    """Convert to a floating array, keeping float32/float64; reject NaN."""
    try:
        arr = np.asarray(x)
    except (TypeError, ValueError) as exc:  # ragged lists
        raise ValueError(f"{name} must be an array of numbers, got {x!r}: {exc}") from None
    if arr.dtype == object or not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool):
        raise ValueError(
            f"{name} must contain numbers, got dtype {arr.dtype} ({x!r}); "
            "pass a list or array of floats"
        )
    if np.iscomplexobj(arr):
        raise ValueError(f"{name} must be real, got complex values {_quote(arr)}")
    if not np.issubdtype(arr.dtype, np.floating):
        arr = arr.astype(np.float64)
    if np.isnan(arr).any():
        raise ValueError(
            f"{name} contains NaN at index {tuple(int(i) for i in np.argwhere(np.isnan(arr))[0])}; "
            "replace missing values before computing"
        )
    return arr


def check_probabilities(x, name: str) -> np.ndarray:
    """Values must lie in [0, 1] (each one a probability; no sum required)."""
    arr = as_float_array(x, name)
    if (arr < 0).any():
        raise ValueError(
            f"{name} contains negative values: {_quote(arr[arr < 0])}; probabilities must be >= 0"
        )
    if (arr > 1).any():
        raise ValueError(
            f"{name} contains values greater than 1: {_quote(arr[arr > 1])}; "
            "probabilities must be <= 1 (did you pass counts or percentages?)"
        )
    return arr


def sum_tolerance(dtype) -> float:
    """How far from 1 a sum may be: the square root of the dtype's epsilon.

    float64 allows 1.5e-8 and float32 3.5e-4, room for the rounding of
    normalised counts but far below any real mistake.
    """
    return math.sqrt(np.finfo(dtype).eps)


def check_distribution(x, name: str, axis: int = -1) -> np.ndarray:
    """Values in [0, 1] that sum to 1 along ``axis``."""
    arr = check_probabilities(x, name)
    if arr.ndim == 0:
        raise ValueError(
            f"{name} must be a distribution (a 1-D array of probabilities), got the scalar {arr}"
        )
    check_axis(arr, axis, name)
    if arr.shape[axis] == 0:
        raise ValueError(
            f"{name} is empty along axis {axis}; a distribution needs at least one outcome"
        )
    sums = arr.sum(axis=axis)
    bad = np.abs(sums - 1) > sum_tolerance(arr.dtype)
    if np.any(bad):
        raise ValueError(
            f"{name} must sum to 1 along axis {axis}, but sums to {_quote(np.asarray(sums)[bad] if np.ndim(sums) else sums)}; "
            f"if these are counts or weights, normalise first: {name} / {name}.sum(axis={axis}, keepdims=True)"
        )
    return arr


def check_axis(arr: np.ndarray, axis: int, name: str) -> None:
    if not isinstance(axis, numbers.Integral) or not -arr.ndim <= axis < max(arr.ndim, 1):
        raise ValueError(
            f"axis={axis!r} is out of range for {name} with shape {arr.shape}; "
            f"use an integer from {-arr.ndim} to {arr.ndim - 1}"
        )


def check_base(base) -> float:
    """A logarithm base: a finite real number > 0 and != 1."""
    if isinstance(base, bool) or not isinstance(base, numbers.Real):
        raise ValueError(
            f"base must be a positive number other than 1, got {base!r}; use 2 for bits or math.e for nats"
        )
    base = float(base)
    if not math.isfinite(base) or base <= 0 or base == 1:
        raise ValueError(
            f"base must be a positive number other than 1, got {base!r}; "
            "use 2 for bits or math.e for nats"
        )
    return base


def check_broadcast(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> None:
    try:
        np.broadcast_shapes(a.shape, b.shape)
    except ValueError:
        raise ValueError(
            f"{name_a} has shape {a.shape} and {name_b} has shape {b.shape}, which do not match; "
            "give both the same number of outcomes (the same shape)"
        ) from None


def check_logits(z, name: str = "logits", axis: int = -1) -> np.ndarray:
    """Real numbers or -inf (a class with zero probability); at least one finite per row."""
    arr = as_float_array(z, name)
    if arr.ndim == 0:
        raise ValueError(
            f"{name} must have at least one dimension (one entry per class), got the scalar {arr}"
        )
    check_axis(arr, axis, name)
    if np.isposinf(arr).any():
        raise ValueError(
            f"{name} contains +inf; logits must be finite (or -inf for a class with probability 0)"
        )
    if arr.shape[axis] == 0:
        raise ValueError(f"{name} is empty along axis {axis}; it needs at least one class")
    all_neg_inf = np.all(np.isneginf(arr), axis=axis)
    if np.any(all_neg_inf):
        raise ValueError(
            f"{name} has a row where every entry is -inf (row {tuple(int(i) for i in np.argwhere(np.atleast_1d(all_neg_inf))[0])}); "
            "at least one class must have a finite logit, otherwise no distribution exists"
        )
    return arr


def log_in_base(values: np.ndarray, base: float) -> np.ndarray:
    """Convert natural-log quantities (nats) to ``base``."""
    return values if base == math.e else values / math.log(base)
