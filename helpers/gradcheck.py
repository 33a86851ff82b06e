"""Checking a gradient the way every deep-learning course should: numerically.

If ``grad`` is right, nudging one input by ``±eps`` changes ``f`` by about
``2 * eps * grad``. Central differences make a truncation error of order ``eps**2``
and a rounding error of order ``u / eps`` (``u`` = 2.2e-16 in float64), so the best
step is of order ``u ** (1/3)``, about 6e-6 for a function and derivatives of size 1.
Two ways to compare: :func:`relative_error`, CS231n's entry by entry (its thresholds:
below 1e-7 right, above 1e-2 wrong), and :func:`max_relative_error`, relative to the
largest entry (a different number: either can be the larger, since :func:`relative_error`
leaves out the entries below 1e-3 of the largest; CS231n's thresholds do not apply to it).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from helpers._validation import as_float_array, check_positive

__all__ = ["numerical_gradient", "max_relative_error", "relative_error"]


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


def relative_error(analytic, numeric, floor: float = 1e-3, return_kept: bool = False):
    r"""CS231n's relative error, entry by entry, worst entry: :math:`\max_i |a_i - n_i| / \max(|a_i|, |n_i|)`.

    CS231n's thresholds are for this number: above 1e-2 the gradient is probably wrong;
    below 1e-4 is fine only for a loss with kinks (ReLU, hinge); below 1e-7, right. An entry
    where both are near 0 makes it meaningless (rounding noise divided by almost nothing),
    so it keeps only the entries whose :math:`s_i = \max(|a_i|, |n_i|)` is at least
    ``floor`` times the largest :math:`s_i`; an error on the entries it leaves out is not seen.
    With ``return_kept``, returns ``(error, kept)``: also how many entries it compared.

    Examples
    --------
    >>> relative_error([1.0, -2.0, 1e-12], [1.25, -2.0, 3e-12])  # the tiny entry is skipped
    0.2
    >>> relative_error([1.0, -2.0, 1e-12], [1.25, -2.0, 3e-12], return_kept=True)
    (0.2, 2)
    >>> relative_error([1.0, -2.0], [0.5, -2.0])  # the first entry is wrong by half
    0.5
    """
    a, n = np.asarray(analytic, dtype=float), np.asarray(numeric, dtype=float)
    if a.shape != n.shape:
        raise ValueError(f"analytic has shape {a.shape} and numeric {n.shape}; they must match")
    floor = check_positive(floor, "floor")
    scale = np.maximum(np.abs(a), np.abs(n))
    if scale.size == 0 or scale.max() == 0:
        return (0.0, 0) if return_kept else 0.0
    big = scale >= floor * scale.max()
    error = float(np.max(np.abs(a - n)[big] / scale[big]))
    return (error, int(big.sum())) if return_kept else error
