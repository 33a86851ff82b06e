"""Reference values from the mathematics, in 50-digit decimal arithmetic.

``Decimal(float)`` is exact, and ``Decimal.exp`` / ``Decimal.ln`` are correctly
rounded at the context's precision, so these are the true values of the formulas
for the given float inputs, to far more digits than float64 holds. Slow: for
small arrays only (a few thousand entries).
"""

from __future__ import annotations

from decimal import Decimal, localcontext

import numpy as np

PRECISION = 50


def log_softmax_exact(row) -> list[Decimal]:
    """``z_i - log sum_j exp(z_j)`` for one row of logits (``-inf`` allowed)."""
    with localcontext() as ctx:
        ctx.prec = PRECISION
        z = [Decimal(float(v)) for v in row]
        m = max(z)
        lse = m + sum((v - m).exp() for v in z).ln()
        return [v - lse for v in z]


def cross_entropy_exact(logits, target_rows) -> np.ndarray:
    """Per-row ``-sum_c t_c log softmax(z)_c`` (0 where ``t_c = 0``), rounded to float64 at the end."""
    out = []
    with localcontext() as ctx:
        ctx.prec = PRECISION
        for z, t in zip(np.asarray(logits), np.asarray(target_rows), strict=True):
            log_q = log_softmax_exact(z)
            out.append(
                float(
                    -sum(Decimal(float(tc)) * lq for tc, lq in zip(t, log_q, strict=True) if tc > 0)
                )
            )
    return np.array(out)


def smoothed_one_hot(labels, n_classes: int, label_smoothing: float) -> np.ndarray:
    """PyTorch's smoothed target rows: ``(1 - eps) * onehot(y) + eps / C``."""
    t = np.zeros((len(labels), n_classes))
    t[np.arange(len(labels)), labels] = 1.0
    return (1.0 - label_smoothing) * t + label_smoothing / n_classes


def cross_entropy_longdouble(logits, target_rows) -> np.ndarray:
    """Per-row cross-entropy in ``np.longdouble`` (64-bit mantissa on x86): fast, for large arrays."""
    z = np.asarray(logits, dtype=np.longdouble)
    t = np.asarray(target_rows, dtype=np.longdouble)
    m = z.max(axis=1, keepdims=True)
    s = z - m
    log_q = s - np.log(np.exp(s).sum(axis=1, keepdims=True))
    with np.errstate(invalid="ignore"):  # 0 * -inf: a class with target 0 costs nothing
        return -np.where(t > 0, t * log_q, 0).sum(axis=1)
