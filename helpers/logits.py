"""From logits to probabilities and losses, as PyTorch computes them.

logsumexp, softmax, log_softmax, and cross-entropy computed straight from logits.

A logit is an unnormalised log-probability. ``softmax`` turns a row of logits
into a distribution; its log, ``log_softmax(z) = z - logsumexp(z)``, is what
a loss needs, and computing it that way never overflows.
"""

from __future__ import annotations

import numpy as np

from helpers._fused import fused_cross_entropy
from helpers._numerics import scalar_or_array, shift_and_normalise, smooth_targets, softmax_rows
from helpers._validation import (
    as_float_array,
    check_choice,
    check_closed_unit_interval,
    check_count,
    check_distribution,
    check_labels,
    check_logits,
)

__all__ = [
    "logsumexp",
    "softmax",
    "log_softmax",
    "sigmoid",
    "one_hot",
    "cross_entropy_from_logits",
    "cross_entropy_grad",
    "mse_from_logits",
    "mse_grad",
]


def logsumexp(z, axis: int = -1):
    r"""``log(sum(exp(z)))`` along ``axis``, without overflow.

    .. math:: \operatorname{LSE}(z) = m + \log \sum_i e^{z_i - m}, \quad m = \max_i z_i

    The sum is taken as ``log1p`` of the non-maximal terms, so tiny terms count:
    ``logsumexp([0, -40])`` is ``4.248e-18``, as ``np.logaddexp(0, -40)``.

    Parameters
    ----------
    z : array_like
        Logits: real numbers or ``-inf`` (at least one finite entry per row).
    axis : int, default -1

    Examples
    --------
    The naive formula overflows; this one does not:

    >>> import numpy as np
    >>> with np.errstate(over="ignore"):  # exp(1000) overflows: NumPy would warn
    ...     np.log(np.sum(np.exp([1000.0, 1000.0])))
    np.float64(inf)
    >>> logsumexp([1000.0, 1000.0])  # 1000 + ln 2
    np.float64(1000.6931471805599)
    >>> float(logsumexp([0.0, -40.0]))  # ln(1 + e^-40)
    4.248354255291589e-18
    """
    z = check_logits(z, "z", axis)
    _, _, log_norm, m = shift_and_normalise(z, axis)
    out = np.squeeze(m + log_norm, axis=axis)
    return scalar_or_array(out)


def softmax(z, axis: int = -1) -> np.ndarray:
    r"""Turn logits into a probability distribution.

    .. math:: \operatorname{softmax}(z)_i = \frac{e^{z_i}}{\sum_j e^{z_j}}

    Shift-invariant: ``softmax(z + c) == softmax(z)``, and computed so that it
    stays so at any offset (the logits are shifted by their maximum first). A
    ``-inf`` logit gives probability exactly 0.

    Examples
    --------
    >>> softmax([0.0, 0.0])
    array([0.5, 0.5])
    >>> softmax([1000.0, 0.0])  # the naive formula would give nan
    array([1., 0.])
    >>> softmax([1e17, 1e17])  # a large common offset cancels exactly
    array([0.5, 0.5])
    """
    z = check_logits(z, "z", axis)
    _, e, _, _ = shift_and_normalise(z, axis)
    return e / np.sum(e, axis=axis, keepdims=True)


def log_softmax(z, axis: int = -1) -> np.ndarray:
    r"""Log-probabilities from logits, exactly and stably.

    .. math:: \log \operatorname{softmax}(z)_i = s_i - \log \sum_j e^{s_j}, \qquad s = z - \max_j z_j

    Mathematically ``z - logsumexp(z)``; computed from the shifted logits ``s``
    so that ``log_softmax(z + c)`` equals ``log_softmax(z)`` to the last bit
    whenever ``z + c`` is exact (PyTorch's ``test_log_softmax_big``).

    Why it exists: ``np.log(softmax(z))`` rounds tiny probabilities to 0 and
    returns ``-inf``; this form keeps every finite answer.

    Examples
    --------
    >>> log_softmax([1000.0, 1.0])
    array([   0., -999.])

    The log of :func:`softmax` loses the second class: ``e^-999`` rounds to 0.

    >>> import numpy as np
    >>> with np.errstate(divide="ignore"):  # log 0: NumPy would warn
    ...     np.log(softmax([1000.0, 1.0]))
    array([  0., -inf])
    """
    z = check_logits(z, "z", axis)
    s, _, log_norm, _ = shift_and_normalise(z, axis)
    return s - log_norm


def sigmoid(z):
    r"""The logistic function ``1 / (1 + e^{-z})``: softmax of ``[z, 0]``.

    Evaluated in a form that never overflows for large ``|z|``.

    Examples
    --------
    >>> sigmoid(0.0)
    np.float64(0.5)
    """
    z = as_float_array(z, "z")
    e = np.exp(-np.abs(z))  # exp of a non-positive number never overflows
    out = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
    return scalar_or_array(out)


def one_hot(labels, n_classes: int) -> np.ndarray:
    """One-hot rows: ``one_hot([2], 3) -> [[0., 0., 1.]]``, a distribution with entropy 0."""
    n_classes = check_count(n_classes, "n_classes", minimum=1)
    labels = np.atleast_1d(labels)
    labels = check_labels(labels, n_classes, labels.shape[0], "labels")
    out = np.zeros((labels.shape[0], n_classes))
    out[np.arange(labels.shape[0]), labels] = 1.0
    return out


_REDUCTIONS = ("mean", "sum", "none")


def cross_entropy_from_logits(
    logits, target, reduction: str = "mean", label_smoothing: float = 0.0
):
    r"""Cross-entropy loss computed from logits, with PyTorch's semantics.

    Same as ``torch.nn.functional.cross_entropy(logits, target, reduction=...,
    label_smoothing=...)`` for 2-D logits (or 1-D for a single example).

    .. math:: \ell_n = -\sum_c t_{nc} \, \log \operatorname{softmax}(z_n)_c

    With integer labels ``t`` is one-hot, so ``\ell_n = -\log q_{n, y_n}``:
    the surprise of the true class. Label smoothing ``\varepsilon`` replaces
    ``t`` by ``(1 - \varepsilon) t + \varepsilon / C``.

    Parameters
    ----------
    logits : array_like, shape (N, C) or (C,)
    target : array_like
        Integer class indices, shape (N,) (or a scalar for 1-D logits), or
        class probabilities with the same shape as ``logits``.
    reduction : {"mean", "sum", "none"}
        ``"mean"`` averages over the N examples.
    label_smoothing : float in [0, 1]

    Returns
    -------
    numpy.float64, or numpy.ndarray of shape (N,) for ``reduction="none"``
        In nats, in the logits' float dtype. Exact at any common offset of the
        logits (they are shifted by their row maximum first).

    Raises
    ------
    ValueError
        Bad logits or targets; and ``reduction="mean"`` over zero rows, whose
        mean is undefined (``"sum"`` gives 0.0, ``"none"`` an empty array, as in
        PyTorch, which returns ``nan`` for the mean).

    Examples
    --------
    >>> import numpy as np
    >>> round(float(cross_entropy_from_logits(np.log([[0.6, 0.2, 0.2]]), [2])), 4)  # -ln 0.2
    1.6094
    >>> cross_entropy_from_logits([[0.0, 0.0]], [0])  # a 50/50 guess: ln 2 nats = 1 bit
    np.float64(0.6931471805599453)
    """
    check_choice(reduction, _REDUCTIONS, "reduction")
    label_smoothing = check_closed_unit_interval(label_smoothing, "label_smoothing")
    z = np.asarray(logits)
    if z.dtype.kind in "iub":
        z = z.astype(np.float64)
    elif z.dtype.kind != "f":
        raise ValueError(f"logits must contain real numbers, got dtype {z.dtype}")
    if z.ndim not in (1, 2) or z.shape[-1] == 0:
        raise ValueError(f"logits must have shape (N, C) or (C,) with C >= 1, got shape {z.shape}")
    single = z.ndim == 1
    z2 = z[None, :] if single else z
    n_rows, n_classes = z2.shape

    t = np.asarray(target)
    if t.shape == z.shape and np.issubdtype(t.dtype, np.floating):
        z2 = check_logits(z2, "logits")
        t = check_distribution(t, "target").reshape(z2.shape)
        losses = _cross_entropy_rows(z2, smooth_targets(t, label_smoothing))
    else:
        labels = check_labels(np.atleast_1d(t) if single else t, n_classes, n_rows)
        # The same formula with one-hot targets, fused and blocked for speed:
        # helpers._fused; the tests hold it to _cross_entropy_rows.
        losses = fused_cross_entropy(z2, labels, label_smoothing)
    if reduction == "none":
        losses = losses.astype(z.dtype, copy=False) + 0.0
        return losses[0] if single else losses
    if reduction == "mean" and n_rows == 0:
        raise ValueError(
            "logits has 0 rows: the mean loss of an empty batch is undefined (0 / 0); "
            'use reduction="sum" (gives 0.0) or "none" (an empty array), or skip empty batches'
        )
    total = losses.sum() if reduction == "sum" else losses.mean()
    return z.dtype.type(total)


def _cross_entropy_rows(z: np.ndarray, t: np.ndarray) -> np.ndarray:
    """``-(t * log_softmax(z)).sum(-1)``: the loss as the mathematics reads, per row.

    A class with target 0 costs nothing even when its logit is ``-inf``
    (``0 * log 0 = 0``, as in entropy).
    """
    s, _, log_norm, _ = shift_and_normalise(z, axis=-1)
    log_q = s - log_norm
    with np.errstate(invalid="ignore"):  # 0 * -inf, replaced by 0 just below
        return -np.where(t > 0, t * log_q, 0.0).sum(axis=-1)


def _as_target_distribution(target, n_rows: int, n_classes: int, like: np.ndarray) -> np.ndarray:
    """Integer labels -> one-hot rows; probability rows are validated and kept."""
    t = np.asarray(target)
    if t.shape == (n_rows, n_classes) and np.issubdtype(t.dtype, np.floating):
        return check_distribution(t, "target").astype(like.dtype, copy=False)
    labels = check_labels(t, n_classes, n_rows)
    out = np.zeros((n_rows, n_classes), dtype=like.dtype)
    out[np.arange(n_rows), labels] = 1
    return out


def _logits_2d(logits) -> np.ndarray:
    z = check_logits(logits, "logits")
    if z.ndim != 2:
        raise ValueError(
            f"logits must have shape (N, C), got shape {z.shape}; for one example use z[None, :]"
        )
    return z


def cross_entropy_grad(logits, target) -> np.ndarray:
    r"""Gradient of the mean cross-entropy loss with respect to the logits.

    .. math:: \frac{\partial L}{\partial z_{nc}} = \frac{q_{nc} - t_{nc}}{N},
              \qquad q_n = \operatorname{softmax}(z_n)

    The prediction minus the target: it never vanishes while the model is
    confidently wrong (``q_y`` near 0 gives ``-1/N`` on the true class).

    Parameters
    ----------
    logits : array_like, shape (N, C)
    target : integer labels, shape (N,), or probabilities, shape (N, C)

    Examples
    --------
    >>> cross_entropy_grad([[0.0, 0.0]], [1])
    array([[ 0.5, -0.5]])
    """
    z = _logits_2d(logits)
    n, c = z.shape
    return _cross_entropy_grad(z, _as_target_distribution(target, n, c, z))


def _cross_entropy_grad(z: np.ndarray, t: np.ndarray) -> np.ndarray:
    """(softmax(z) - t) / N for validated logits and target rows (the kernel, after the public function's checks)."""
    return (softmax_rows(z) - t) / len(z)


def mse_from_logits(logits, target):
    r"""Mean squared error between softmax probabilities and the target (the Brier score).

    .. math:: L = \frac{1}{N} \sum_n \sum_c \left(q_{nc} - t_{nc}\right)^2

    Summed over classes, averaged over examples. (PyTorch's ``mse_loss`` on the
    same tensors averages over classes too, i.e. divides this by C.)

    Examples
    --------
    >>> mse_from_logits([[0.0, 0.0]], [1])  # (0.5 - 0)^2 + (0.5 - 1)^2
    np.float64(0.5)
    """
    z = _logits_2d(logits)
    n, c = z.shape
    diff = softmax(z) - _as_target_distribution(target, n, c, z)
    return np.sum(diff**2) / n


def mse_grad(logits, target) -> np.ndarray:
    r"""Gradient of :func:`mse_from_logits` with respect to the logits.

    The chain rule through softmax, whose Jacobian is
    :math:`\partial q_c / \partial z_k = q_c(\delta_{ck} - q_k)`:

    .. math:: \frac{\partial L}{\partial z_{nk}} = q_{nk}\left(g_{nk} - \sum_c g_{nc} q_{nc}\right),
              \qquad g_{nc} = \frac{2 (q_{nc} - t_{nc})}{N}

    Every term carries a factor ``q``: when the model is confidently wrong
    (``q_y`` near 0) the gradient on the true class nearly vanishes.
    """
    z = _logits_2d(logits)
    n, c = z.shape
    return _mse_grad(z, _as_target_distribution(target, n, c, z))


def _mse_grad(z: np.ndarray, t: np.ndarray) -> np.ndarray:
    """The MSE gradient for validated logits and target rows (the kernel, after the public function's checks)."""
    q = softmax_rows(z)
    g = 2 * (q - t) / len(z)
    return q * (g - np.sum(g * q, axis=1, keepdims=True))
