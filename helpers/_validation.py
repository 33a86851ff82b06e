"""Argument checks shared by the public functions (private).

Every check raises ``ValueError`` naming the argument, quoting the bad value and
saying how to fix it: a teaching package must never answer a mistake with a
silent ``nan`` or a silent renormalisation.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping

import numpy as np

__all__: list[str] = []


def quote(values: np.ndarray, limit: int = 4) -> str:
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
        raise ValueError(f"{name} must be real, got complex values {quote(arr)}")
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
            f"{name} contains negative values: {quote(arr[arr < 0])}; probabilities must be >= 0"
        )
    if (arr > 1).any():
        raise ValueError(
            f"{name} contains values greater than 1: {quote(arr[arr > 1])}; "
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
            f"{name} must sum to 1 along axis {axis}, but sums to {quote(np.asarray(sums)[bad] if np.ndim(sums) else sums)}; "
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


def check_same_outcomes(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str, axis: int) -> None:
    """Two distributions over the same outcomes: equal length along ``axis``, batch axes broadcast.

    Broadcasting a length-1 outcome axis would compare a 3-outcome ``p`` with a
    "distribution" ``[1.0]`` stretched to ``[1, 1, 1]``, which is no distribution.
    """
    if a.shape[axis] != b.shape[axis]:
        raise ValueError(
            f"{name_a} has {a.shape[axis]} outcomes (shape {a.shape}) but {name_b} has "
            f"{b.shape[axis]} (shape {b.shape}) along axis {axis}; both must describe the "
            "same outcomes (the outcome axis is never broadcast)"
        )
    check_broadcast(a, b, name_a, name_b)


def check_labels(target, n_classes: int, n_rows: int, name: str = "target") -> np.ndarray:
    """Integer class indices, one per row, each in ``0 .. n_classes - 1``."""
    labels = np.asarray(target)
    if not np.issubdtype(labels.dtype, np.integer):
        if np.issubdtype(labels.dtype, np.floating) and labels.ndim == 1:
            raise ValueError(
                f"{name} has float dtype and shape {labels.shape}: class indices must be "
                f"integers, got {quote(labels)}; convert with {name}.astype(int), or pass "
                "class probabilities of shape (N, C)"
            )
        raise ValueError(
            f"{name} must be integer class indices of shape (N,) or probabilities of shape "
            f"(N, C), got dtype {labels.dtype} with shape {labels.shape}"
        )
    if labels.shape != (n_rows,):
        raise ValueError(
            f"{name} has shape {labels.shape} but there are {n_rows} rows to label; "
            f"give one class index per row, shape ({n_rows},)"
        )
    bad = (labels < 0) | (labels >= n_classes)
    if bad.any():
        raise ValueError(
            f"{name} contains class indices out of range: {quote(labels[bad])}; "
            f"with {n_classes} classes they must lie in 0..{n_classes - 1}"
        )
    return labels


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


def check_rng(rng, name: str = "rng") -> np.random.Generator:
    """A ``numpy.random.Generator``: the one source of randomness, so a seed fixes a run."""
    if not isinstance(rng, np.random.Generator):
        raise ValueError(
            f"{name} must be a numpy.random.Generator, got {rng!r}; use np.random.default_rng(seed)"
        )
    return rng


def _check_unit_interval(value, name: str, ends: bool) -> float:
    """A real number in [0, 1] (``ends``) or in (0, 1): the one convention for both."""
    inside = isinstance(value, numbers.Real) and not isinstance(value, bool)
    inside = inside and (0 <= value <= 1 if ends else 0 < value < 1)
    if not inside:
        rule = "be a number in [0, 1]" if ends else "lie strictly between 0 and 1"
        raise ValueError(f"{name} must {rule}, got {value!r}")
    return float(value)


def check_open_unit_interval(value, name: str) -> float:
    """A number in (0, 1), ends excluded (the share of a split, a confidence level)."""
    return _check_unit_interval(value, name, ends=False)


def check_count(value, name: str, minimum: int = 0) -> int:
    """A whole number ``>= minimum`` (a count of flips, epochs, rows, ...)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
        raise ValueError(f"{name} must be a whole number >= {minimum}, got {value!r}")
    return int(value)


def _check_finite_sign(value, name: str, hint: str, zero: bool) -> float:
    """A finite real number, ``>= 0`` (``zero``) or ``> 0``; ``hint`` is appended to the error."""
    real = isinstance(value, numbers.Real) and not isinstance(value, bool)
    if not (real and math.isfinite(value) and (value >= 0 if zero else value > 0)):
        rule = "a finite number >= 0" if zero else "a positive number"
        raise ValueError(f"{name} must be {rule}, got {value!r}{hint}")
    return float(value)


def check_nonnegative(value, name: str, hint: str = "") -> float:
    """A finite real number ``>= 0`` (a smoothing constant, a weight scale)."""
    return _check_finite_sign(value, name, hint, zero=True)


def check_positive(value, name: str, hint: str = "") -> float:
    """A finite real number ``> 0`` (a learning rate)."""
    return _check_finite_sign(value, name, hint, zero=False)


def check_counts(counts, name="counts", ndim=None, whole=False, symbols=None) -> np.ndarray:
    """Counts >= 0 as float64; ``whole``: non-empty whole numbers; ``symbols``: one per axis entry."""
    arr = as_float_array(counts, name).astype(np.float64, copy=False)
    if ndim is not None and arr.ndim != ndim:
        raise ValueError(f"{name} must have {ndim} dimensions, got shape {arr.shape}")
    if symbols is not None and (arr.ndim == 0 or arr.shape != (len(symbols),) * arr.ndim):
        raise ValueError(
            f"{name} must have {len(symbols)} entries along every axis (one per symbol of "
            f"{symbols!r}), got shape {arr.shape}"
        )
    if (arr < 0).any():
        raise ValueError(f"{name} must be >= 0, found {quote(arr[arr < 0])}")
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} must be finite, found {quote(arr[~np.isfinite(arr)])}")
    if whole and (arr.size == 0 or np.any(arr != np.round(arr))):
        raise ValueError(f"{name} must be a non-empty table of whole numbers >= 0")
    return arr


def check_alphas(alpha, name: str = "alpha") -> np.ndarray:
    """A number ``>= 0`` or a non-empty 1-D array of them (smoothing values), as a 1-D float array."""
    alphas = np.atleast_1d(np.asarray(alpha, dtype=float))
    if alphas.ndim != 1 or not alphas.size:
        raise ValueError(f"{name} must be a number or a 1-D array of numbers, got {alpha!r}")
    return np.array([check_nonnegative(float(a), name) for a in alphas])


def check_choice(value, choices, name: str):
    """One of a fixed set of names (``loss="cross_entropy"``, ``reduction="mean"``)."""
    options = tuple(choices)
    if not isinstance(value, str) or value not in options:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, options))}, got {value!r}")
    return value


def check_closed_unit_interval(value, name: str) -> float:
    """A number in [0, 1], ends included (a share of mass, like label smoothing)."""
    return _check_unit_interval(value, name, ends=True)


def check_real(value, name: str, finite: bool = False) -> float:
    """One real number (Python or NumPy scalar, not bool), finite if ``finite``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be a number, got {value!r} ({type(value).__name__})")
    if finite and not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return float(value)


def check_weights(
    weights, name: str, upper: float | None = None, what: str = "symbol -> weight", hint: str = ""
) -> dict:
    """A non-empty mapping key -> finite real ``>= 0`` (and ``<= upper``), as floats.

    Each value is named ``name[key]`` in the error; ``what`` says what the mapping holds
    and ``hint`` (appended) how to build one.
    """
    if not isinstance(weights, Mapping) or not weights:
        raise ValueError(f"{name} must be a non-empty mapping {what}, got {weights!r}{hint}")
    out = {}
    for key, w in weights.items():
        w = check_real(w, f"{name}[{key!r}]", finite=True)
        if upper is not None and not 0 <= w <= upper:
            raise ValueError(f"{name}[{key!r}] must lie in [0, {upper:g}], got {w!r}")
        if w < 0:
            raise ValueError(
                f"{name}[{key!r}] is {w}; weights must be finite and >= 0 (counts or probabilities)"
            )
        out[key] = w
    return out


def check_joint_table(joint, name: str = "joint") -> np.ndarray:
    """A 2-D table p(x, y) whose entries form one distribution, as float64."""
    table = as_float_array(joint, name)
    if table.ndim != 2:
        raise ValueError(f"{name} must be a 2-D table p(x, y), got shape {table.shape}")
    return check_distribution(table.reshape(-1), name).reshape(table.shape)


def check_whole_numbers(values, name: str, minimum: int = 0) -> list[int]:
    """Whole numbers ``>= minimum``: :func:`check_count` on each, named ``name[i]``."""
    return [check_count(v, f"{name}[{i}]", minimum) for i, v in enumerate(values)]


def check_alphabet(alphabet, name: str = "alphabet") -> str:
    """A non-empty string of distinct characters (the symbols a text model knows)."""
    if not isinstance(alphabet, str) or not alphabet or len(set(alphabet)) != len(alphabet):
        raise ValueError(
            f"{name} must be a non-empty string of distinct characters, got {alphabet!r}; "
            "for example helpers.ALPHABET ('abc...z')"
        )
    return alphabet


def check_symbol(symbol, alphabet: str, name: str) -> str:
    """One character of ``alphabet`` (a one-character string; anything else names ``name``)."""
    if not isinstance(symbol, str) or len(symbol) != 1 or symbol not in alphabet:
        raise ValueError(f"{name} must be one symbol of the alphabet {alphabet!r}, got {symbol!r}")
    return symbol


def check_transition_table(model, size: int, name: str = "model") -> np.ndarray:
    """A ``size x size`` table of probabilities, each row summing to 1, as float64."""
    p = check_distribution(model, name)
    if p.shape != (size, size):
        raise ValueError(f"{name} must be a {size} x {size} transition table, got shape {p.shape}")
    return p


def check_whole_numbers_in(
    values, name: str, low: int, high: int, unit: str = "", empty_hint: str = ""
) -> np.ndarray:
    """A non-empty array of integers (integer dtype) in ``low..high``, counted in ``unit``."""
    g = np.asarray(list(values) if not isinstance(values, np.ndarray) else values)
    of = f" of {unit}" if unit else ""
    if g.size == 0:
        raise ValueError(f"{name} is empty{empty_hint}")
    if not np.issubdtype(g.dtype, np.integer):
        raise ValueError(f"{name} must be whole numbers{of}, got dtype {g.dtype}")
    bad = (g < low) | (g > high)
    if bad.any():
        raise ValueError(f"{name} must lie in {low}..{high}{of}, got {quote(g[bad])}")
    return g


def check_text(text, name: str = "text", empty_ok: bool = True) -> str:
    """One string, non-empty unless ``empty_ok`` (:func:`check_words` checks several)."""
    if not isinstance(text, str) or not (text or empty_ok):
        raise ValueError(f"{name} must be a {'' if empty_ok else 'non-empty '}string, got {text!r}")
    return text


def check_words(words, name="words", empty_hint=None, boundary=None, empty_ok=False) -> list[str]:
    """Strings (non-empty unless ``empty_ok``, no ``boundary``); ``[]`` refused given ``empty_hint``."""
    words = list(words)
    if not words and empty_hint is not None:
        raise ValueError(f"{name} is empty: {empty_hint}")
    for word in words:
        if not isinstance(word, str) or not (word or empty_ok):
            kind = "strings" if empty_ok else "non-empty strings"
            raise ValueError(f"{name} must be {kind}, got {word!r}")
        if boundary is not None and boundary in word:
            rule = f"must not contain the boundary {boundary!r} (it marks their ends)"
            raise ValueError(f"{name} {rule}, got {word!r}; split the text at it")
    return words


def check_mixture_weights(weights, n: int, what: str, name: str = "weights") -> np.ndarray:
    """``n`` finite numbers ``>= 0`` summing to 1 (one per ``what``: the parts of a mixture)."""
    w = as_float_array(weights, name)
    if w.shape != (n,) or not np.isfinite(w).all() or (w < 0).any():
        raise ValueError(f"{name} must be one number >= 0 per {what} ({n}), got {weights!r}")
    if not math.isclose(w.sum(), 1.0, abs_tol=1e-9):
        raise ValueError(f"{name} must sum to 1, got {weights!r} (sum {w.sum():.6g})")
    return w
