"""From logits to probabilities and losses: logsumexp, softmax, log_softmax,
and cross-entropy computed straight from logits, as PyTorch does.

A logit is an unnormalised log-probability. ``softmax`` turns a row of logits
into a distribution; its log, ``log_softmax(z) = z - logsumexp(z)``, is what
a loss needs, and computing it that way never overflows.
"""

from __future__ import annotations

import numbers

import numpy as np

from helpers._validation import _quote, as_float_array, check_distribution, check_logits

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


def _logsumexp_keepdims(z: np.ndarray, axis: int) -> np.ndarray:
    # Subtracting the row maximum makes every exponent <= 0, so exp never
    # overflows, and the largest term is exactly 1, so the log never sees 0.
    m = np.max(z, axis=axis, keepdims=True)
    with np.errstate(invalid="ignore"):  # -inf - (-inf) cannot occur: rows have a finite max
        return m + np.log(np.sum(np.exp(z - m), axis=axis, keepdims=True))


def logsumexp(z, axis: int = -1):
    r"""``log(sum(exp(z)))`` along ``axis``, without overflow.

    .. math:: \operatorname{LSE}(z) = m + \log \sum_i e^{z_i - m}, \quad m = \max_i z_i

    Parameters
    ----------
    z : array_like
        Logits: real numbers or ``-inf`` (at least one finite entry per row).
    axis : int, default -1

    Examples
    --------
    The naive formula overflows; this one does not:

    >>> import numpy as np
    >>> np.log(np.sum(np.exp([1000.0, 1000.0])))  # doctest: +SKIP
    inf
    >>> logsumexp([1000.0, 1000.0])  # 1000 + ln 2
    np.float64(1000.6931471805599)
    """
    z = check_logits(z, "z", axis)
    out = np.squeeze(_logsumexp_keepdims(z, axis), axis=axis)
    return out[()] if out.ndim == 0 else out


def softmax(z, axis: int = -1) -> np.ndarray:
    r"""Turn logits into a probability distribution.

    .. math:: \operatorname{softmax}(z)_i = \frac{e^{z_i}}{\sum_j e^{z_j}}

    Shift-invariant: ``softmax(z + c) == softmax(z)``. A ``-inf`` logit gives
    probability exactly 0.

    Examples
    --------
    >>> softmax([0.0, 0.0])
    array([0.5, 0.5])
    >>> softmax([1000.0, 0.0])  # the naive formula would give nan
    array([1., 0.])
    """
    z = check_logits(z, "z", axis)
    return np.exp(z - _logsumexp_keepdims(z, axis))


def log_softmax(z, axis: int = -1) -> np.ndarray:
    r"""Log-probabilities from logits, exactly and stably.

    .. math:: \log \operatorname{softmax}(z)_i = z_i - \operatorname{LSE}(z)

    Why it exists: ``np.log(softmax(z))`` rounds tiny probabilities to 0 and
    returns ``-inf``; this form keeps every finite answer.

    Examples
    --------
    >>> log_softmax([1000.0, 1.0])
    array([   0., -999.])
    """
    z = check_logits(z, "z", axis)
    return z - _logsumexp_keepdims(z, axis)


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
    return out[()] if out.ndim == 0 else out


def _check_labels(target, n_classes: int, n_rows: int) -> np.ndarray:
    labels = np.asarray(target)
    if not np.issubdtype(labels.dtype, np.integer):
        if np.issubdtype(labels.dtype, np.floating) and labels.ndim == 1:
            raise ValueError(
                f"target has float dtype and shape {labels.shape}: class indices must be "
                f"integers, got {_quote(labels)}; convert with target.astype(int), or pass "
                "class probabilities of shape (N, C)"
            )
        raise ValueError(
            f"target must be integer class indices of shape (N,) or probabilities of shape "
            f"(N, C), got dtype {labels.dtype} with shape {labels.shape}"
        )
    if labels.shape != (n_rows,):
        raise ValueError(
            f"target has shape {labels.shape} but logits have {n_rows} rows; "
            f"give one class index per row, shape ({n_rows},)"
        )
    bad = (labels < 0) | (labels >= n_classes)
    if bad.any():
        raise ValueError(
            f"target contains class indices out of range: {_quote(labels[bad])}; "
            f"with {n_classes} classes they must lie in 0..{n_classes - 1}"
        )
    return labels


def one_hot(labels, n_classes: int) -> np.ndarray:
    """One-hot rows: ``one_hot([2], 3) -> [[0., 0., 1.]]``, a distribution with entropy 0."""
    if isinstance(n_classes, bool) or not isinstance(n_classes, numbers.Integral) or n_classes < 1:
        raise ValueError(f"n_classes must be a positive integer, got {n_classes!r}")
    labels = _check_labels(np.atleast_1d(labels), n_classes, np.atleast_1d(labels).shape[0])
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
        In nats.

    Examples
    --------
    >>> import numpy as np
    >>> round(float(cross_entropy_from_logits(np.log([[0.6, 0.2, 0.2]]), [2])), 4)  # -ln 0.2
    1.6094
    >>> cross_entropy_from_logits([[0.0, 0.0]], [0])  # a 50/50 guess: ln 2 nats = 1 bit
    np.float64(0.6931471805599453)
    """
    if reduction not in _REDUCTIONS:
        raise ValueError(f"reduction must be one of {_REDUCTIONS}, got {reduction!r}")
    if (
        isinstance(label_smoothing, bool)
        or not isinstance(label_smoothing, numbers.Real)
        or not 0.0 <= label_smoothing <= 1.0
    ):
        raise ValueError(f"label_smoothing must be a number in [0, 1], got {label_smoothing!r}")
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
        logp = z2 - _logsumexp_keepdims(z2, axis=-1)
        t = check_distribution(t, "target").reshape(z2.shape)
        if label_smoothing:
            t = (1.0 - label_smoothing) * t + label_smoothing / n_classes
        with np.errstate(invalid="ignore"):  # 0 * -inf: a class with t = 0 costs nothing
            losses = -np.where(t > 0, t * logp, 0.0).sum(axis=-1)
    else:
        labels = _check_labels(np.atleast_1d(t) if single else t, n_classes, n_rows)
        losses = _nll_blocked(z2, labels, label_smoothing)
    if reduction == "none":
        losses = losses.astype(z.dtype, copy=False) + 0.0
        return losses[0] if single else losses
    total = losses.sum() if reduction == "sum" else losses.mean()
    return z.dtype.type(total)


# Rows per block are chosen so one block of logits (2**15 entries: 128 kB in float32)
# stays in the CPU cache while it is read three times (max, exp, sum).
_BLOCK_ENTRIES = 1 << 15


def _nll_blocked(z: np.ndarray, labels: np.ndarray, label_smoothing: float = 0.0) -> np.ndarray:
    """Per-row ``logsumexp(z) - z[y]`` (and the smoothing term), computed in row blocks.

    The plain version, ``-(z - logsumexp(z))[range(N), y]``, makes several N x C
    temporaries; this one reuses one small buffer, so it reads the logits from
    memory once. The row maximum doubles as the argument check: it is NaN if the
    row has a NaN, +inf if it has +inf, and -inf only if every entry is -inf.
    Sums are accumulated in float64, so float32 logits lose nothing in the sum.
    """
    n, c = z.shape
    rows = max(1, _BLOCK_ENTRIES // c)
    # NumPy reduces fastest along a long contiguous axis. With few classes the rows
    # are short, so the block is worked on transposed (classes x rows).
    transposed = c <= 64
    axis = 0 if transposed else 1
    buf = np.empty((c, min(rows, n)) if transposed else (min(rows, n), c), dtype=z.dtype)
    out = np.empty(n, dtype=np.float64)
    for start in range(0, n, rows):
        block = z[start : start + rows]
        k = len(block)
        b = buf[:, :k] if transposed else buf[:k]
        if transposed:
            np.copyto(b, block.T)
            m = np.maximum.reduce(b, axis=0)
        else:
            m = np.maximum.reduce(block, axis=1)
        if not np.isfinite(m).all():
            check_logits(block, "logits")  # raises with the precise message
        np.subtract(b if transposed else block, m if transposed else m[:, None], out=b)
        np.exp(b, out=b)
        lse = m + np.log(np.add.reduce(b, axis=axis, dtype=np.float64))
        rows_here = slice(start, start + k)
        out[rows_here] = lse - block[np.arange(k), labels[rows_here]]
        if label_smoothing:
            with np.errstate(invalid="ignore"):  # a -inf logit: its class costs inf
                uniform = lse - block.mean(axis=1, dtype=np.float64)
            out[rows_here] = (1.0 - label_smoothing) * out[rows_here] + label_smoothing * uniform
    return out


def _as_target_distribution(target, n_rows: int, n_classes: int, like: np.ndarray) -> np.ndarray:
    """Integer labels -> one-hot rows; probability rows are validated and kept."""
    t = np.asarray(target)
    if t.shape == (n_rows, n_classes) and np.issubdtype(t.dtype, np.floating):
        return check_distribution(t, "target").astype(like.dtype, copy=False)
    labels = _check_labels(t, n_classes, n_rows)
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
    """(softmax(z) - t) / N for validated logits and target rows (the training loop's fast path)."""
    return (np.exp(z - _logsumexp_keepdims(z, axis=-1)) - t) / len(z)


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
    """The MSE gradient for validated logits and target rows (the training loop's fast path)."""
    q = np.exp(z - _logsumexp_keepdims(z, axis=-1))
    g = 2 * (q - t) / len(z)
    return q * (g - np.sum(g * q, axis=1, keepdims=True))
