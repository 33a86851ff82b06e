"""The fast path behind ``cross_entropy_from_logits`` for integer labels.

It computes, row by row, exactly the formula the course teaches,

    loss_n = -sum_c t_nc * log_softmax(z_n)_c = log sum_c exp(s_nc) - sum_c t_nc * s_nc,

with ``s_n = z_n - max(z_n)`` the shifted logits and ``t_n`` the (smoothed) one-hot
target ``(1 - eps) * onehot(y_n) + eps / C`` (the right side holds because the
target sums to 1). Working with ``s`` rather than ``z`` is what keeps it exact at
any logit offset: ``log sum exp(s)`` lies in ``[0, log C]`` and ``s[y]`` is formed
by one subtraction, so nothing large is ever added to something small.

Why blocked, and why transposed. The plain NumPy version,
``-(z - logsumexp(z))[range(N), y]``, makes several N x C temporaries and reads
the logits from memory four or five times. Here rows are taken a block at a time
(about 2**15 entries: it stays in the CPU cache while it is read for the maximum,
shifted, exponentiated and summed), in one reused buffer, so the logits come from
memory once and the extra memory is one block. NumPy reduces fastest along a long
contiguous axis; with few classes (C <= 64) the rows are short, so the block is
copied transposed (classes x rows) and reduced across its rows instead.

Precision. Each row's sum of ``exp(s)`` is kept in the logits' own dtype: for
float32 that runs at float32 speed, and NumPy's pairwise summation bounds the
error by O(log C) ulps (for C <= 64, summed across rows, by O(C) ulps of a small
sum). The mean over rows is taken in float64 by the caller. Each row's loss is
exact to a few ulps *absolute* (of ``log C``): a near-zero loss (a confident, right
prediction) has a larger *relative* error, as in PyTorch, which also takes
``log(sum exp(s))`` rather than ``log1p`` of the other terms.
"""

from __future__ import annotations

import numpy as np

from helpers._validation import check_logits

__all__ = ["fused_cross_entropy"]

# One block of logits: 2**15 entries (128 kB in float32) stays in the CPU cache.
BLOCK_ENTRIES = 1 << 15
# Up to this many classes, a block is worked on transposed (see the module docstring).
TRANSPOSE_MAX_CLASSES = 64


def fused_cross_entropy(z: np.ndarray, labels: np.ndarray, label_smoothing: float = 0.0):
    """Per-row cross-entropy (nats, float64) of logits ``z`` (N, C) against class ``labels`` (N,).

    ``z`` must be a float array and ``labels`` valid class indices (the public
    ``cross_entropy_from_logits`` checks them); rows with NaN or +inf, or with every
    entry -inf, raise the same ``ValueError`` as ``check_logits``. A ``-inf`` logit
    of a class other than the label costs nothing; with label smoothing every class
    carries some target mass, so a ``-inf`` logit makes the loss ``inf``.
    """
    n, c = z.shape
    rows = max(1, BLOCK_ENTRIES // c)
    transposed = c <= TRANSPOSE_MAX_CLASSES
    axis = 0 if transposed else 1
    buf = np.empty((c, min(rows, n)) if transposed else (min(rows, n), c), dtype=z.dtype)
    out = np.empty(n, dtype=np.float64)
    for start in range(0, n, rows):
        block = z[start : start + rows]
        k = len(block)
        s = buf[:, :k] if transposed else buf[:k]
        if transposed:
            np.copyto(s, block.T)
            m = np.maximum.reduce(s, axis=0)
        else:
            m = np.maximum.reduce(block, axis=1)
        # The row maximum doubles as the argument check: NaN if the row has a NaN,
        # +inf if it has +inf, -inf only if every entry is -inf.
        if not np.isfinite(m).all():
            check_logits(block, "logits")  # raises with the precise message
        if transposed:
            np.subtract(s, m, out=s)
        else:
            np.subtract(block, m[:, None], out=s)
        here = slice(start, start + k)
        s_true = (block[np.arange(k), labels[here]] - m).astype(np.float64)
        if label_smoothing:
            with np.errstate(invalid="ignore"):  # -inf logits: the mean is -inf, the loss inf
                s_mean = s.mean(axis=axis, dtype=np.float64)
            target_dot_s = (1.0 - label_smoothing) * s_true + label_smoothing * s_mean
        else:
            target_dot_s = s_true
        np.exp(s, out=s)
        # Transposed, the sum runs across C <= 64 rows of the buffer; accumulating
        # it in float64 there costs nothing measurable and keeps float32 exact.
        sum_dtype = np.float64 if transposed else None
        log_norm = np.log(np.add.reduce(s, axis=axis, dtype=sum_dtype))
        out[here] = log_norm - target_dot_s
    return out
