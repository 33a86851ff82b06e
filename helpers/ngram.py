"""Counting n-grams: the one fitted n-gram model, and the adaptive codes that count as they go.

:class:`NgramModel` counts the n-grams of :func:`helpers.text.ngram_codes`, with add-α
smoothing, gives the next symbol's distribution, scores held-out text by its log-loss,
and samples. The adaptive codes (:func:`adaptive_code_bits` for words,
:func:`adaptive_text_bits` for running text) are the same smoothing over *running*
counts: a model that starts empty and learns while it codes (they keep their own running
counts, not an ``NgramModel``). The add-α smoothing of counts is written once here
(``_add_alpha``), the mixture of orders once in ``helpers._numerics.mix`` (the adaptive
codes' running counts here, :class:`helpers.word_models.NgramMixture`'s fitted models).
Built on the model: :func:`letter_pair_counts` (notebook 02b), the
fitted tables and sampler of :mod:`helpers.name_tables` (04, 05), the per-word scores and
mixtures of :mod:`helpers.word_models` and the model player of
:mod:`helpers.shannon_game`. Not built on it: :func:`helpers.text.letter_counts` (counts
letters on its own) and :func:`helpers.name_tables.average_nll` /
:func:`~helpers.name_tables.empirical_cross_entropy`, which score any 27 x 27 table
(fitted, uniform or a learner's own) without a model.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from helpers._numerics import mix, nats_in_base
from helpers._validation import (
    check_alphabet,
    check_alphas,
    check_base,
    check_count,
    check_counts,
    check_mixture_weights,
    check_nonnegative,
    check_positive,
    check_rng,
    check_symbol,
    check_text,
    check_words,
)
from helpers.text import ALPHABET, TEXT_ALPHABET, ngram_codes, symbol_codes

__all__ = ["NgramModel", "letter_pair_counts", "adaptive_code_bits", "adaptive_text_bits"]

_UNSEEN = (
    "was never seen in training and alpha = 0, so the next symbol's distribution is "
    "undefined; use alpha > 0 to smooth"
)


def _add_alpha(count, context_count, alpha, size: int):
    r"""Add-α smoothing, the one place it is written: (numerator, denominator).

    .. math:: \frac{N(\text{context}, x) + \alpha}{N(\text{context}) + |A|\,\alpha}

    for arrays of counts (``count``, ``context_count`` and ``alpha`` broadcast) and
    an alphabet of ``size`` symbols. The fitted model, its per-n-gram scores and the
    adaptive codes all call it (their counts differ: a table's, or running counts).
    """
    return count + alpha, context_count + size * alpha


class NgramModel:
    r"""A character n-gram model of any order over any alphabet, fitted by counting.

    .. math:: P(x_t \mid x_{t-k} \dots x_{t-1}) = \frac{N(x_{t-k} \dots x_t) + \alpha}
              {N(x_{t-k} \dots x_{t-1}\,\cdot) + |A|\,\alpha}

    with ``k = order`` and ``|A|`` the alphabet's size. Order 0 ignores the context
    (symbol frequencies); ``alpha = 0`` is the maximum-likelihood estimate.

    Parameters
    ----------
    order : int
        How many previous symbols the model looks at (0, 1, 2, ...).
    segments : iterable of str
        Training text: passages of running text, or single words (see :func:`ngram_codes`).
    alpha : float, default 0.5
        Pseudo-count added to every (context, next symbol) pair.
    alphabet : str, default :data:`~helpers.text.TEXT_ALPHABET`
        The symbols; every character of every segment must be one of them.
    boundary : str or None, default None
        For single words: a symbol of ``alphabet`` (``"."`` in
        :data:`~helpers.text.NAME_ALPHABET`) put ``order`` times before and once after
        each segment, so the model also predicts first letters and a word's end.

    Examples
    --------
    >>> m = NgramModel(1, ["ab", "ab"], alpha=0, alphabet=".ab", boundary=".")
    >>> m.next_distribution(".")  # after the start: always "a"
    array([0., 1., 0.])
    >>> m.log_loss(["ab"], base=2)  # ".ab." is certain: 0 bits per symbol
    0.0
    """

    def __init__(
        self,
        order: int,
        segments: Iterable[str],
        alpha: float = 0.5,
        alphabet: str = TEXT_ALPHABET,
        boundary: str | None = None,
    ):
        self._setup(order, alpha, alphabet, boundary)
        grams, _ = self.ngrams(segments)
        self.counts = np.zeros((len(alphabet),) * (self.order + 1), dtype=np.float64)
        np.add.at(self.counts, tuple(grams), 1)
        if self.counts.sum() == 0:
            raise ValueError("segments hold no n-gram of this order: give more training text")

    def _setup(self, order, alpha, alphabet, boundary) -> None:
        self.order = check_count(order, "order")
        self.alpha = check_nonnegative(alpha, "alpha", "; 0 means no smoothing")
        self.alphabet = check_alphabet(alphabet)
        self.boundary = None if boundary is None else check_symbol(boundary, alphabet, "boundary")

    @classmethod
    def from_counts(
        cls, counts, alpha: float = 0.5, alphabet: str = TEXT_ALPHABET, boundary=None
    ) -> NgramModel:
        """The model with these n-gram counts (a table of shape ``(|A|,) * (order + 1)``).

        Examples
        --------
        >>> NgramModel.from_counts([[0, 2], [1, 0]], alpha=0, alphabet="ab").next_distribution("b")
        array([1., 0.])
        """
        model = cls.__new__(cls)
        n = check_counts(counts, symbols=check_alphabet(alphabet))
        model._setup(n.ndim - 1, alpha, alphabet, boundary)
        # No distribution at all: all zero at alpha 0. (The constructor, which counts text,
        # refuses text with no n-gram at any alpha; a table of zeros with alpha > 0 is uniform.)
        if n.sum() == 0 and model.alpha == 0:
            raise ValueError(
                "counts are all zero and alpha = 0, so every next-symbol distribution is "
                "undefined: count some text, or use alpha > 0"
            )
        model.counts = n
        return model

    def __repr__(self) -> str:
        extra = "" if self.alphabet == TEXT_ALPHABET else f", alphabet={self.alphabet!r}"
        extra += "" if self.boundary is None else f", boundary={self.boundary!r}"
        return (
            f"NgramModel(order={self.order}, alpha={self.alpha}{extra}, "
            f"n_grams={int(self.counts.sum()):,})"
        )

    def encode(self, text: str) -> np.ndarray:
        """The indices of ``text``'s symbols in the alphabet (int64)."""
        return symbol_codes(text, self.alphabet)

    def ngrams(self, segments: Iterable[str]) -> tuple[np.ndarray, np.ndarray]:
        """:func:`ngram_codes` of ``segments`` with this model's order, alphabet and boundary."""
        return ngram_codes(segments, self.order, self.alphabet, self.boundary)

    def probabilities(self) -> np.ndarray:
        """Every context's next-symbol distribution: ``P[context..., next]`` (rows sum to 1).

        ``nan`` in the rows of contexts never seen when ``alpha = 0``.
        """
        numerator, denominator = self._add_alpha_rows(self.counts)
        with np.errstate(invalid="ignore"):  # an unseen context with alpha = 0: 0 / 0
            return numerator / denominator

    def _add_alpha_rows(self, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """:func:`_add_alpha` for whole rows of ``counts`` (the last axis is the next symbol)."""
        return _add_alpha(
            counts, counts.sum(axis=-1, keepdims=True), self.alpha, len(self.alphabet)
        )

    def _tail(self, context: str) -> str:
        """The last ``order`` symbols of ``context``: all the model reads."""
        return context[len(context) - self.order :] if self.order else ""

    def next_distribution(self, context: str) -> np.ndarray:
        """The distribution of the next symbol after ``context`` (one probability per symbol).

        Only the last ``order`` symbols of ``context`` matter.
        """
        if len(context) < self.order:
            raise ValueError(f"context {context!r} is shorter than the model's order {self.order}")
        row = self.counts[tuple(self.encode(self._tail(context)))]
        numerator, denominator = self._add_alpha_rows(row)
        if denominator[0] == 0:
            raise ValueError(f"context {context!r} {_UNSEEN}")
        return numerator / denominator

    def gram_probabilities(self, grams: np.ndarray, alpha=None) -> np.ndarray:
        r"""The probability of each n-gram's last symbol given its context (columns of ``grams``).

        :math:`\frac{N(\text{context}, x) + \alpha}{N(\text{context}) + |A|\,\alpha}`, with
        ``alpha`` (a number, or a 1-D array: one row per value) instead of ``self.alpha`` if
        given; ``nan`` where the context was never seen and ``alpha = 0``.
        """
        alphas = check_alphas(self.alpha if alpha is None else alpha)
        grams = tuple(np.asarray(grams))
        n = self.counts[grams]
        context_total = self.counts.sum(axis=-1)[grams[:-1]] if self.order else self.counts.sum()
        numerator, denominator = _add_alpha(n, context_total, alphas[:, None], len(self.alphabet))
        with np.errstate(divide="ignore", invalid="ignore"):  # 0 / 0: never seen, alpha = 0
            probs = numerator / denominator
        return probs if np.ndim(alpha) else probs[0]

    def log_loss(self, segments: Iterable[str], base: float = math.e) -> float:
        r"""Average surprise per predicted symbol of held-out ``segments``: a cross-entropy.

        .. math:: -\frac{1}{T} \sum_t \log_b P(x_t \mid x_{t-k} \dots x_{t-1})

        Each segment's symbols from position ``order`` on are predicted (with a
        ``boundary``: every letter and the word's end). ``inf`` if one has probability 0.
        ``base=2`` gives bits per symbol, the default nats.
        """
        base = check_base(base)
        numerator, denominator = self._add_alpha_rows(self.counts)
        with np.errstate(invalid="ignore", divide="ignore"):  # unseen context, alpha = 0: nan
            log_q = np.log(numerator) - np.log(denominator)
        grams, owner = self.ngrams(segments)
        if not owner.size:
            raise ValueError("segments hold no symbol to predict: give longer held-out text")
        terms = log_q[tuple(grams)]
        if np.isnan(terms).any():
            bad = int(np.flatnonzero(np.isnan(terms))[0])
            context = "".join(self.alphabet[c] for c in grams[:-1, bad])
            raise ValueError(f"context {context!r} {_UNSEEN}")
        nats = 0.0 - float(terms.sum())  # 0.0 - : never -0.0
        return float(nats_in_base(nats / owner.size, base))

    def sample(self, rng: np.random.Generator, length: int = 30, context: str = "") -> str:
        """Draw up to ``length`` symbols after ``context``, one at a time from the model.

        With a ``boundary`` the context starts as ``order`` boundary symbols and
        drawing stops at the first boundary (a whole word); the boundaries are not returned.
        """
        check_rng(rng)
        check_count(length, "length", minimum=1)
        text = (self.boundary * self.order if self.boundary else "") + context
        if len(text) < self.order:
            raise ValueError(f"context {context!r} is shorter than the model's order {self.order}")
        out = []
        for _ in range(length):
            q = self.next_distribution(self._tail(text))
            ch = self.alphabet[int(rng.choice(len(self.alphabet), p=q))]
            if ch == self.boundary:
                break
            out.append(ch)
            text += ch
        return "".join(out)


def letter_pair_counts(letters: str, alphabet: str = ALPHABET) -> np.ndarray:
    """``counts[a, b]``: how often letter ``b`` directly follows letter ``a`` in ``letters``.

    The counts of ``NgramModel(1, [letters], alphabet=alphabet)``. ``letters`` is a
    string of letters only (``letters_only(text)``): the last letter of one word is
    followed by the first of the next. Divide by ``counts.sum()`` for the joint
    distribution of (previous letter, next letter).

    >>> letter_pair_counts("abab", alphabet="ab")
    array([[0, 2],
           [1, 0]])
    """
    alphabet = check_alphabet(alphabet)
    if len(check_words([letters], "letters", empty_ok=True)[0]) < 2:  # no pair: an empty table
        symbol_codes(letters, alphabet)  # other characters refused all the same
        return np.zeros((len(alphabet),) * 2, dtype=np.int64)
    return NgramModel(1, [letters], alpha=0, alphabet=alphabet).counts.astype(np.int64)


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
        Pads each word as :func:`helpers.text.ngram_codes` does (its letters and its end
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
    per_order, owner = [], None
    for k in orders:
        grams, owner_k = ngram_codes(words, k, alphabet, boundary)
        if boundary is None and k < top:  # predict the same positions as the longest order
            keep = _position_in_run(owner_k) >= top - k
            grams, owner_k = grams[:, keep], owner_k[keep]
        if k == top:  # the positions every order predicts: those of the longest order
            owner = owner_k  # (ngram_codes keeps the words' order; mix fails on a length mismatch)
        context = np.zeros(grams.shape[1], dtype=np.int64)
        for row in grams[:-1]:
            context = context * size + row
        numerator, denominator = _add_alpha(
            _seen_before(context * size + grams[-1]), _seen_before(context), alpha, size
        )
        per_order.append(numerator / denominator)
    p = mix(w, per_order)
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
    check_text(text, "text", empty_ok=False)
    size = len(check_alphabet(alphabet))
    bits = adaptive_code_bits([text], order, alpha, alphabet, boundary=None)
    return float(min(order, len(text)) * math.log2(size) + bits[0])
