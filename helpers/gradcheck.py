"""Checking a gradient the way every deep-learning course should: numerically.

If ``grad`` is right, nudging one input by ``±eps`` changes ``f`` by about
``2 * eps * grad``. Central differences have error ``O(eps**2)``, so in float64
a correct analytic gradient agrees to about 1e-7 or better.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from helpers._validation import as_float_array, check_positive

__all__ = ["numerical_gradient", "max_relative_error"]


def numerical_gradient(f: Callable[[np.ndarray], float], x, eps: float = 1e-6) -> np.ndarray:
    r"""Central-difference gradient of a scalar function ``f`` at ``x``.

    .. math:: \frac{\partial f}{\partial x_i} \approx \frac{f(x + \varepsilon e_i) - f(x - \varepsilon e_i)}{2 \varepsilon}

    Costs two calls of ``f`` per entry of ``x``: fine for checking, far too slow
    for training (which is why we derive gradients by hand, or let autograd do it).

    Examples
    --------
    >>> numerical_gradient(lambda x: float(np.sum(x**2)), np.array([1.0, -2.0])).round(6)
    array([ 2., -4.])
    """
    eps = check_positive(eps, "eps")
    x = as_float_array(x, "x").astype(np.float64, copy=True)
    grad = np.zeros_like(x)
    flat, gflat = x.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + eps
        up = f(x)
        flat[i] = old - eps
        down = f(x)
        flat[i] = old
        gflat[i] = (up - down) / (2 * eps)
    return grad


def max_relative_error(analytic, numeric) -> float:
    r"""Largest entrywise difference, relative to the largest gradient entry.

    .. math:: \frac{\max_i |a_i - n_i|}{\max_i \max(|a_i|, |n_i|)}

    Scaling by the largest entry (not each entry's own size) keeps tiny entries,
    where central differences have an absolute error near 1e-10, from looking
    wrong. A correct float64 gradient gives about 1e-8 or less; a sign error or a
    missing ``1/N`` gives a number near 1.

    Examples
    --------
    >>> max_relative_error([1.0, -2.0], [1.0, -2.0])
    0.0
    >>> max_relative_error([1.0, -2.0], [1.0, 2.0])  # a sign error
    2.0
    """
    a, n = np.asarray(analytic, dtype=float), np.asarray(numeric, dtype=float)
    if a.shape != n.shape:
        raise ValueError(f"analytic has shape {a.shape} and numeric {n.shape}; they must match")
    scale = max(np.max(np.abs(a), initial=0.0), np.max(np.abs(n), initial=0.0))
    if scale == 0:
        return 0.0
    return float(np.max(np.abs(a - n)) / scale)
