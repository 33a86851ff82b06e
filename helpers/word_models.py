"""N-gram models of words, scored on held-out words.

Per-word surprise and mixtures of orders.

:class:`~helpers.ngram.NgramModel` counts and scores; these functions read it.
:func:`symbol_probabilities` gives the probability a model gave each symbol that occurred
(the arrays of different orders line up), :func:`word_surprisals` each word's total
surprise (for intervals over words, :func:`helpers.evaluation.bootstrap_interval`),
:class:`NgramMixture` averages orders (Jelinek-Mercer interpolation). The cost of a
model that starts with no counts is :func:`helpers.ngram.adaptive_code_bits`.
"""

from __future__ import annotations

import math

import numpy as np

from helpers._numerics import mix, nats_in_base
from helpers._validation import check_base, check_mixture_weights, check_words

__all__ = ["symbol_probabilities", "word_surprisals", "NgramMixture"]


def _checked_words(words) -> list[str]:
    return check_words(words, empty_hint="give at least one word to score")


def symbol_probabilities(model, words, alpha=None) -> tuple[np.ndarray, np.ndarray]:
    r"""The probability a model gave each symbol that occurred in ``words``, and whose word it was.

    Every word has ``len(word) + 1`` predictions (its letters and its end), whatever the
    model's order, so the arrays of models of different orders line up entry by entry.

    Parameters
    ----------
    model : NgramModel or NgramMixture
        Fitted with a ``boundary`` (words), e.g. ``NgramModel(2, names, alphabet=NAME_ALPHABET, boundary=".")``.
    words : sequence of str
    alpha : float or 1-D array, optional
        For an ``NgramModel``: score its counts with this smoothing instead of ``model.alpha``
        (no refit); with an array, one row per value.

    Returns
    -------
    probabilities : numpy.ndarray, shape (T,), or (len(alpha), T) for an array of alphas
        :math:`\frac{N(\text{context}_t, x_t) + \alpha}{N(\text{context}_t) + |A|\,\alpha}` for
        each of the ``T`` predictions (``nan`` where the context was never seen and ``alpha = 0``).
    owner : numpy.ndarray of int, shape (T,)
        The index of the word each prediction belongs to.

    Examples
    --------
    >>> from helpers.ngram import NgramModel
    >>> from helpers.text import NAME_ALPHABET
    >>> m = NgramModel(1, ["ab"], alpha=0, alphabet=NAME_ALPHABET, boundary=".")
    >>> symbol_probabilities(m, ["ab"])  # ".ab.": each step was certain
    (array([1., 1., 1.]), array([0, 0, 0]))
    """
    words = _checked_words(words)
    if isinstance(model, NgramMixture):
        if alpha is not None:
            raise ValueError(
                "alpha applies to one NgramModel; a mixture uses its models' own alphas"
            )
        parts = [symbol_probabilities(m, words) for m in model.models]
        return mix(model.weights, [probs for probs, _ in parts]), parts[0][1]
    if model.boundary is None:
        raise ValueError("model must be fitted with a boundary (words); got boundary=None")
    grams, owner = model.ngrams(words)
    return model.gram_probabilities(grams, alpha), owner


def word_surprisals(model, words, base: float = 2, alpha=None) -> np.ndarray:
    r"""Each word's total surprise under an n-gram model (or mixture): every letter and the word's end.

    .. math:: s(w) = -\sum_t \log_b q(w_t \mid \text{context}_t)

    with :math:`q` from :func:`symbol_probabilities` (same ``model`` and ``alpha``).

    Returns
    -------
    numpy.ndarray, shape (len(words),), or (len(alpha), len(words)) for an array of alphas
        ``s.sum() / sum(len(w) + 1 for w in words)`` is the average surprise per character,
        ``model.log_loss(words, base)``; ``inf`` for a word with a symbol of probability 0.
        A context never seen in training at ``alpha = 0`` (probability undefined) raises a
        ``ValueError``, as ``model.log_loss`` does.

    Examples
    --------
    >>> from helpers.ngram import NgramModel
    >>> from helpers.text import NAME_ALPHABET
    >>> m = NgramModel(0, ["ab"], alpha=0, alphabet=NAME_ALPHABET, boundary=".")
    >>> word_surprisals(m, ["ab"]).round(3)  # a, b and the end, each 1/3: 3 * log2(3) bits
    array([4.755])
    """
    base = check_base(base)
    words = _checked_words(words)
    probs, owner = symbol_probabilities(model, words, alpha)
    if np.isnan(probs).any():  # 0 / 0: a context never seen in training, alpha = 0
        bad = words[owner[np.flatnonzero(np.isnan(np.atleast_2d(probs)).any(axis=0))[0]]]
        raise ValueError(
            f"word {bad!r} has a context that was never seen in training and alpha = 0, so "
            "its probability is undefined; use alpha > 0 to smooth"
        )
    with np.errstate(divide="ignore"):  # log 0: an impossible symbol was seen
        surprise = np.atleast_2d(nats_in_base(-np.log(probs), base))
    out = np.stack([np.bincount(owner, weights=row, minlength=len(words)) for row in surprise])
    return out if np.ndim(alpha) else out[0]


class NgramMixture:
    r"""A weighted average of n-gram models of different orders: Jelinek-Mercer interpolation.

    .. math:: q(x \mid \text{context}) = \sum_k w_k\, P_k(x \mid \text{context})

    The long-context models know the contexts they have counted; the short ones cover
    the rest: with every part smoothed (``alpha > 0``) and one of them of weight > 0, no
    symbol gets probability 0. A part with ``alpha = 0`` that meets an unseen context
    makes the score undefined, and scoring raises. The weights are chosen on validation
    data, like any smoothing.

    Parameters
    ----------
    models : sequence of NgramModel
        Over one alphabet and boundary.
    weights : sequence of float
        One per model, ``>= 0``, summing to 1.

    Examples
    --------
    >>> from helpers.ngram import NgramModel
    >>> from helpers.text import NAME_ALPHABET
    >>> words = ["ab", "ba"]
    >>> parts = [NgramModel(k, words, alpha=0.5, alphabet=NAME_ALPHABET, boundary=".") for k in (0, 1)]
    >>> mix = NgramMixture(parts, [0.25, 0.75])
    >>> mix.order, round(float(mix.next_distribution(".a")[2]), 4)  # P(b | a): 0.25 * P0(b) + 0.75 * P1(b | a)
    (1, 0.1046)
    """

    def __init__(self, models, weights):
        self.models = list(models)
        if not self.models:
            raise ValueError("models is empty: give at least one NgramModel")
        first = self.models[0]
        for m in self.models[1:]:
            if (m.alphabet, m.boundary) != (first.alphabet, first.boundary):
                raise ValueError("models must share one alphabet and boundary")
        self.weights = check_mixture_weights(weights, len(self.models), "model")
        self.order = max(m.order for m in self.models)
        self.alphabet, self.boundary = first.alphabet, first.boundary

    def __repr__(self) -> str:
        parts = ", ".join(
            f"{w:.2f} x order {m.order}" for w, m in zip(self.weights, self.models, strict=True)
        )
        return f"NgramMixture({parts})"

    def next_distribution(self, context: str) -> np.ndarray:
        """The mixed distribution of the next symbol after ``context`` (at least ``order`` symbols)."""
        # each model reads its own last `order` symbols
        return mix(self.weights, [m.next_distribution(context) for m in self.models])

    def log_loss(self, words, base: float = math.e) -> float:
        """Average surprise per predicted symbol of held-out ``words`` (nats, or ``base=2`` for bits)."""
        words = _checked_words(words)
        return float(word_surprisals(self, words, base).sum() / sum(len(w) + 1 for w in words))
