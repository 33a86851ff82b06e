"""Numerical internals shared by several modules (private: not re-exported by ``helpers``).

Inputs here are already validated by the public function that calls them.
"""

from __future__ import annotations

import math

import numpy as np


def shift_and_normalise(z: np.ndarray, axis: int):
    """Return four arrays (kept dims): ``s = z - m``, ``e = exp(s)``, ``log sum exp(s)``, ``m``.

    ``m = max(z)`` along ``axis``. Despite the name nothing is normalised: ``e`` is the
    *unnormalised* ``exp(s)`` (callers divide by ``e.sum()`` or subtract ``log_norm``).
    Everything here is built from these, in this order, because each step is exact
    where the naive one is not:

    - ``s = z - m`` first: the largest entry is exactly 0, so ``exp`` never
      overflows, and a large common offset cancels *before* anything small is
      added to it (``m + log(...)`` would round the log away at ``m = 1e17``).
    - ``log sum exp(s) = log1p(sum of the others)``: the maximal term is exactly 1,
      so summing the other terms apart keeps those far below 1 (``e^-40`` adds
      4.2e-18, which ``log(1 + 4.2e-18)`` would round to 0). SciPy's ``logsumexp``
      does the same; SciPy's ``log_softmax`` does not (it takes ``np.log`` of the sum).
    """
    m = np.max(z, axis=axis, keepdims=True)
    s = z - m
    e = np.exp(s)
    top = np.argmax(s, axis=axis, keepdims=True)
    np.put_along_axis(e, top, 0.0, axis=axis)
    log_norm = np.log1p(np.sum(e, axis=axis, keepdims=True))
    np.put_along_axis(e, top, 1.0, axis=axis)
    return s, e, log_norm, m


def scalar_or_array(x):
    """A NumPy scalar for a 0-d result, the array otherwise (what NumPy's own functions return)."""
    x = np.asarray(x)
    return x[()] if x.ndim == 0 else x


def mix(weights, parts):
    """``sum_k weights[k] * parts[k]``: a mixture (of n-gram orders), the one place it is computed.

    Added left to right from the first part, as :class:`helpers.word_models.NgramMixture`
    and :func:`helpers.word_models.symbol_probabilities` always did (the same operations in
    the same order). :func:`helpers.ngram.adaptive_code_bits` used to compute
    ``(w * count) / total``; it now mixes ``w * (count / total)``, which can differ in the
    last bits, and is the same for a single order (``w = 1.0``: ``1.0 * x == x`` exactly),
    the only way a stored notebook calls it (regenerated: byte-identical).
    """
    mixed = 0.0
    for weight, part in zip(weights, parts, strict=True):
        mixed = mixed + weight * part
    return mixed


def softmax_rows(z: np.ndarray) -> np.ndarray:
    """``softmax`` of already checked logits ``z`` of shape (N, C), row by row (no argument checks)."""
    _, e, _, _ = shift_and_normalise(z, axis=-1)
    return e / e.sum(axis=-1, keepdims=True)


def smooth_targets(t: np.ndarray, label_smoothing: float) -> np.ndarray:
    r"""Label smoothing: move ``label_smoothing`` of each target row's mass to the uniform.

    .. math:: t' = (1 - \varepsilon)\, t + \varepsilon / C

    Examples
    --------
    >>> smooth_targets(np.array([[0.0, 1.0]]), 0.1)
    array([[0.05, 0.95]])
    """
    if not label_smoothing:
        return t
    return (1.0 - label_smoothing) * t + label_smoothing / t.shape[-1]


def nats_in_base(nats: np.ndarray, base: float) -> np.ndarray:
    """Convert natural-log quantities (nats) to ``base`` (``2``: bits): the one place that does."""
    return nats if base == math.e else nats / math.log(base)


def plogq(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Elementwise ``p * log q`` with the convention ``0 * log q = 0`` (even for q = 0)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(p > 0, p * np.log(q), 0.0)


def log_base(values, base: float) -> np.ndarray:
    """Logarithm of ``values`` in ``base`` (``log_base(p, 2)``), ``-inf`` at 0 without a warning."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return nats_in_base(np.log(np.asarray(values, dtype=float)), base)


def clip_rounding(value, scale):
    """Set to 0 a negative ``value`` no larger than rounding error.

    For a quantity that is ``>= 0`` mathematically (a divergence, a mutual
    information, an entropy difference).

    ``scale`` is the size of the terms that were summed or subtracted; the tolerance is
    64 ulps of it. A negative beyond that is returned as it is: it is a bug, and must show.
    """
    value = np.asarray(value, dtype=np.float64)
    tol = 64 * np.finfo(np.float64).eps * np.maximum(np.abs(scale), 1.0)
    out = np.where((value < 0) & (value >= -tol), 0.0, value)
    return out[()] if out.ndim == 0 else out
