"""What a model costs to send: the two halves of an honest compression measurement.

A code built from a model needs the model at the decoder too. A *two-part code* sends
the model first (:func:`count_table_bits`: a table of counts), then the message coded
with it; an *adaptive code* sends no model at all (:func:`adaptive_code_bits` for
words, :func:`adaptive_text_bits` for running text: one computation): both sides learn
the counts as they go, as a compressor does. The counts are running counts (their own
computation, not :class:`helpers.ngram.NgramModel`'s), taken over the n-grams of
:func:`helpers.ngram.ngram_codes`.
"""

from __future__ import annotations

import math

import numpy as np

from helpers._numerics import nats_in_base
from helpers._validation import (
    check_alphabet,
    check_count,
    check_counts,
    check_mixture_weights,
    check_positive,
    check_words,
)
from helpers.ngram import ngram_codes

__all__ = ["count_table_bits", "adaptive_code_bits", "adaptive_text_bits"]


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


def _position_in_run(keys: np.ndarray) -> np.ndarray:
    """Each entry's position inside its run of equal consecutive ``keys`` (0, 1, 2, ... per run)."""
    starts = np.r_[0, np.flatnonzero(np.diff(keys)) + 1]
    return np.arange(keys.size) - np.repeat(starts, np.diff(np.r_[starts, keys.size]))


def _seen_before(keys: np.ndarray) -> np.ndarray:
    """How often each key occurred earlier in the sequence (a running count per key)."""
    order = np.argsort(keys, kind="stable")
    rank = _position_in_run(keys[order])
    out = np.empty_like(rank)
    out[order] = rank
    return out


def adaptive_code_bits(
    words, order, alpha: float, alphabet: str, boundary: str | None = ".", weights=None
) -> np.ndarray:
    r"""Bits per word of an n-gram model that starts knowing nothing and learns while it codes.

    Each symbol costs :math:`-\log_2 \frac{N(\text{context}, x) + \alpha}{N(\text{context}) + |A|\alpha}`
    with the counts of everything coded *before* it, then is counted: what an adaptive
    arithmetic coder is driven by, with no training data —
    the fair partner of a compressor handed only the text. With several ``order`` values
    and ``weights``, the probability is the weighted mixture of the orders' (as
    :class:`helpers.word_models.NgramMixture`).

    Parameters
    ----------
    words : sequence of str
        Coded in this order; the counts carry over from one to the next.
    order : int or sequence of int
    alpha : float
        ``> 0``: a model that learns from nothing must give unseen symbols a chance.
    alphabet : str
    boundary : str or None, default "."
        Pads each word as :func:`helpers.ngram.ngram_codes` does (its letters and its end
        are coded). ``None``: each word's first ``max(order)`` symbols are not coded here
        (:func:`adaptive_text_bits` codes them as uniform).
    weights : sequence of float, optional
        One per order, ``>= 0``, summing to 1.

    Returns
    -------
    numpy.ndarray, shape (len(words),)
        Bits spent on each word, in the order coded.

    Examples
    --------
    >>> adaptive_code_bits(["a"], order=0, alpha=1.0, alphabet=".a").round(3)  # 'a' at 1/2, '.' at 1/3
    array([2.585])
    """
    orders = [check_count(k, "order") for k in np.atleast_1d(order).tolist()]
    w = np.ones(1) if weights is None else check_mixture_weights(weights, len(orders), "order")
    alpha = check_positive(
        alpha, "alpha", ": a model that learns from nothing must give unseen symbols a chance"
    )
    size, top, words = len(check_alphabet(alphabet)), max(orders), check_words(words)
    p, owner = 0.0, None
    for weight, k in zip(w, orders, strict=True):
        grams, owner_k = ngram_codes(words, k, alphabet, boundary)
        if boundary is None and k < top:  # predict the same positions as the longest order
            keep = _position_in_run(owner_k) >= top - k
            grams, owner_k = grams[:, keep], owner_k[keep]
        context = np.zeros(grams.shape[1], dtype=np.int64)
        for row in grams[:-1]:
            context = context * size + row
        seen = _seen_before(context * size + grams[-1])
        p = p + weight * (seen + alpha) / (_seen_before(context) + size * alpha)
        owner = owner_k
    if not owner.size:  # no word has a symbol to code (boundary None, words of <= order symbols)
        return np.zeros(len(words))
    return np.bincount(owner, weights=-np.log2(p), minlength=len(words)).astype(float)


def adaptive_text_bits(text: str, order: int, alpha: float, alphabet: str) -> float:
    r"""Bits of an *adaptive* counting code for ``text``: no table is sent.

    Encoder and decoder both start from empty counts and update them after each
    symbol, so symbol ``t`` is coded with ``q = (N_{<t}(context, x) + alpha) /
    (N_{<t}(context) + |A| alpha)`` from the symbols before it; the first ``order``
    symbols (all of a shorter text) are coded as uniform. Returns the total surprise in
    bits: a code whose model's cost is fully paid
    inside the message, as a compressor's is. The same computation as
    :func:`adaptive_code_bits` of the one segment ``text``, with no boundary.

    >>> round(adaptive_text_bits("aaaa", 0, 1.0, "ab"), 4)  # 1/2 * 2/3 * 3/4 * 4/5 = 1/5: log2 5 bits
    2.3219
    """
    order = check_count(order, "order")
    if not isinstance(text, str) or not text:
        raise ValueError(f"text must be a non-empty string, got {text!r}")
    size = len(check_alphabet(alphabet))
    bits = adaptive_code_bits([text], order, alpha, alphabet, boundary=None)
    return float(min(order, len(text)) * math.log2(size) + bits[0])
