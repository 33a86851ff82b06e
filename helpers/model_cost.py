"""What a model costs to send: the two halves of an honest compression measurement.

A code built from a model needs the model at the decoder too. A *two-part code* sends
the model first (:func:`count_table_bits`: a table of counts), then the message coded
with it; an *adaptive code* sends no model at all (:func:`adaptive_text_bits`): both
sides learn the counts as they go, as a compressor does.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["count_table_bits", "adaptive_text_bits"]


def count_table_bits(counts) -> float:
    r"""Bits to send a table of counts: a two-part code's model cost.

    A table of ``K`` non-negative whole counts summing to ``N`` is sent as ``N`` (``N + 1`` in
    Elias's gamma code, ``2 floor(log2(N + 1)) + 1`` bits) and then its index among the
    :math:`\binom{N + K - 1}{K - 1}` tables with that total (an enumerative code). Any
    decoder that knows ``K`` rebuilds the table exactly.

    >>> round(count_table_bits([1, 0]), 4)  # N = 1 (3 bits), then one of 2 tables (1 bit)
    4.0
    """
    n = np.asarray(counts, dtype=float).ravel()
    if n.size == 0 or not np.all(np.isfinite(n)) or np.any(n < 0) or np.any(n != np.round(n)):
        raise ValueError("counts must be a non-empty table of whole numbers >= 0")
    total, k = float(n.sum()), n.size
    gamma = 2 * math.floor(math.log2(total + 1)) + 1
    log_tables = math.lgamma(total + k) - math.lgamma(k) - math.lgamma(total + 1)
    return gamma + log_tables / math.log(2)


def adaptive_text_bits(text: str, order: int, alpha: float, alphabet: str) -> float:
    r"""Bits of an *adaptive* counting code for ``text``: no table is sent.

    Encoder and decoder both start from empty counts and update them after each
    symbol, so symbol ``t`` is coded with ``q = (N_{<t}(context, x) + alpha) /
    (N_{<t}(context) + |A| alpha)`` from the symbols before it; the first ``order``
    symbols are coded as uniform. Returns the total surprise in bits (an arithmetic
    coder spends it plus at most 2 bits): a code whose model's cost is fully paid
    inside the message, as a compressor's is.

    >>> round(adaptive_text_bits("aaaa", 0, 1.0, "ab"), 4)  # 1/2 * 2/3 * 3/4 * 4/5 = 1/5: log2 5 bits
    2.3219
    """
    if alpha <= 0:
        raise ValueError(
            f"alpha must be > 0 (an adaptive code must give unseen symbols a chance), got {alpha}"
        )
    index = {ch: i for i, ch in enumerate(alphabet)}
    try:
        codes = np.array([index[ch] for ch in text], dtype=np.int64)
    except KeyError as exc:
        raise ValueError(f"text contains {exc.args[0]!r}, which is not in the alphabet") from None
    k = len(alphabet)
    n = codes.size - order
    if n <= 0:
        return order * math.log2(k)
    context = np.zeros(n, dtype=np.int64)
    for j in range(order):
        context = context * k + codes[j : j + n]
    gram = context * k + codes[order:]

    def seen_before(keys):
        # how often each key occurred earlier in the sequence (a running count per key)
        order_ = np.argsort(keys, kind="stable")
        sorted_keys = keys[order_]
        starts = np.r_[0, np.flatnonzero(np.diff(sorted_keys)) + 1]
        rank = np.arange(keys.size) - np.repeat(starts, np.diff(np.r_[starts, keys.size]))
        out = np.empty_like(rank)
        out[order_] = rank
        return out

    q = (seen_before(gram) + alpha) / (seen_before(context) + k * alpha)
    return float(order * math.log2(k) - np.log2(q).sum())
