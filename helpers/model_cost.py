"""What a model costs to send: the model half of a two-part code.

A code built from a model needs the model at the decoder too. A *two-part code* sends
the model first (:func:`count_table_bits`: a table of counts), then the message coded
with it. The alternative sends no model at all: an *adaptive code*, whose encoder and
decoder learn the counts as they go, as a compressor does
(:func:`helpers.ngram.adaptive_code_bits`, :func:`helpers.ngram.adaptive_text_bits`,
beside the n-gram model whose smoothing they share).
"""

from __future__ import annotations

import math

from helpers._numerics import nats_in_base
from helpers._validation import check_counts

__all__ = ["count_table_bits"]


def count_table_bits(counts) -> float:
    r"""Bits to send a table of counts: a two-part code's model cost.

    A table of ``K`` non-negative whole counts summing to ``N`` is sent as ``N`` (``N + 1`` in
    Elias's gamma code, ``2 floor(log2(N + 1)) + 1`` bits) and then its index among the
    :math:`\binom{N + K - 1}{K - 1}` tables with that total (an enumerative code). Any
    decoder that knows ``K`` rebuilds the table exactly.

    >>> round(count_table_bits([1, 0]), 4)  # N = 1 (3 bits), then one of 2 tables (1 bit)
    4.0
    """
    n = check_counts(counts, whole=True).ravel()
    total, k = float(n.sum()), n.size
    gamma = 2 * math.floor(math.log2(total + 1)) + 1
    log_tables = math.lgamma(total + k) - math.lgamma(k) - math.lgamma(total + 1)
    return gamma + float(nats_in_base(log_tables, 2))
