"""The one n-gram model: counts of symbol sequences, of any order, over any alphabet.

:func:`ngram_codes` turns text into n-grams (rows of symbol indices), the one place
that does; :class:`NgramModel` counts them, with add-α smoothing, gives the next
symbol's distribution, scores held-out text by its log-loss, and samples. Built on it:
:func:`letter_pair_counts` (notebook 02b), the counts and fitted tables of
:mod:`helpers.name_tables` (04, 05), the per-word scores and mixtures of
:mod:`helpers.word_models` and the model player of :mod:`helpers.shannon_game`. Others
count or score on their own: :func:`helpers.text.letter_counts`, the adaptive codes of
:mod:`helpers.model_cost` (over :func:`ngram_codes`' n-grams) and
:func:`helpers.name_tables.average_nll` (any table).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from helpers._numerics import nats_in_base
from helpers._validation import (
    check_alphabet,
    check_alphas,
    check_base,
    check_count,
    check_counts,
    check_nonnegative,
    check_rng,
    check_symbol,
    check_words,
)
from helpers.text import ALPHABET, TEXT_ALPHABET, symbol_index

__all__ = ["ngram_codes", "NgramModel", "letter_pair_counts"]

_UNSEEN = (
    "was never seen in training and alpha = 0, so the next symbol's distribution is "
    "undefined; use alpha > 0 to smooth"
)


def _describe(alphabet: str) -> str:
    if alphabet == TEXT_ALPHABET:
        return "a-z and space"
    if alphabet == ALPHABET:
        return "a-z"
    if alphabet.endswith(ALPHABET) and len(alphabet) == len(ALPHABET) + 1:
        return f"{alphabet[0]!r} and a-z"
    return repr(alphabet)


def _encode(text: str, index: dict[str, int], alphabet: str) -> np.ndarray:
    unknown = set(text) - set(index)
    if unknown:
        cleaners = {TEXT_ALPHABET: "letters_and_spaces", ALPHABET: "letters_only"}
        clean = (
            f"pass {cleaners[alphabet]}(text)"
            if alphabet in cleaners
            else f"keep only the symbols {alphabet!r}"
        )
        raise ValueError(
            f"text contains symbols outside the {len(alphabet)} "
            f"({_describe(alphabet)}): {sorted(unknown)[:5]}; {clean}"
        )
    lookup = np.zeros(max(map(ord, alphabet)) + 1, dtype=np.int64)
    lookup[[ord(ch) for ch in alphabet]] = np.arange(len(alphabet))
    return lookup[np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)]


def ngram_codes(
    segments: Iterable[str], order: int, alphabet: str, boundary: str | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Every n-gram of ``segments`` (``order + 1`` symbols), as symbol indices.

    N-grams are taken inside each segment, never across the joins. With a ``boundary``
    each segment is first padded with ``order`` boundary symbols before and one after,
    so its first symbols and its end are predicted too (``len(segment) + 1`` n-grams).

    Parameters
    ----------
    segments : iterable of str
    order : int
        Symbols of context before the predicted one (0, 1, 2, ...).
    alphabet : str
        Every character of every segment must be one of these.
    boundary : str or None
        A symbol of ``alphabet`` marking a segment's start and end (never inside one), or None.

    Returns
    -------
    grams : numpy.ndarray of int64, shape (order + 1, T)
        Column ``t`` is the ``t``-th n-gram: context first, predicted symbol last.
    owner : numpy.ndarray of int64, shape (T,)
        The index of the segment each n-gram belongs to.

    Examples
    --------
    >>> grams, owner = ngram_codes(["ab"], 1, ".ab", boundary=".")  # ".a", "ab", "b."
    >>> grams.tolist(), owner.tolist()
    ([[0, 1, 2], [1, 2, 0]], [0, 0, 0])
    """
    order = check_count(order, "order")
    index = symbol_index(alphabet)
    if boundary is not None:
        check_symbol(boundary, alphabet, "boundary")
    padded = [
        segment if boundary is None else boundary * order + segment + boundary
        for segment in check_words(segments, "segments", boundary=boundary, empty_ok=True)
    ]
    # All segments encoded at once (a per-segment loop costs 10x on thousands of names).
    codes = _encode("".join(padded), index, alphabet)
    lengths = np.fromiter(map(len, padded), dtype=np.int64, count=len(padded))
    n = np.maximum(lengths - order, 0)  # n-grams per segment
    owner = np.repeat(np.arange(len(padded), dtype=np.int64), n)
    first = np.cumsum(n) - n  # where each segment's n-grams start among all n-grams
    start = (np.cumsum(lengths) - lengths)[owner] + np.arange(owner.size) - first[owner]
    return np.stack([codes[start + j] for j in range(order + 1)]), owner


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
        self._index = symbol_index(alphabet)

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
        if n.sum() == 0 and model.alpha == 0:  # what the constructor refuses: no distribution
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
        return _encode(text, self._index, self.alphabet)

    def ngrams(self, segments: Iterable[str]) -> tuple[np.ndarray, np.ndarray]:
        """:func:`ngram_codes` of ``segments`` with this model's order, alphabet and boundary."""
        return ngram_codes(segments, self.order, self.alphabet, self.boundary)

    def probabilities(self) -> np.ndarray:
        """Every context's next-symbol distribution: ``P[context..., next]`` (rows sum to 1).

        ``nan`` in the rows of contexts never seen when ``alpha = 0``.
        """
        smoothed, total = self._smoothed(self.counts)
        with np.errstate(invalid="ignore"):  # an unseen context with alpha = 0: 0 / 0
            return smoothed / total

    def _smoothed(self, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The formula for whole rows: ``counts + alpha`` and its total over the next symbol."""
        smoothed = counts + self.alpha
        return smoothed, smoothed.sum(axis=-1, keepdims=True)

    def _tail(self, context: str) -> str:
        """The last ``order`` symbols of ``context``: all the model reads."""
        return context[len(context) - self.order :] if self.order else ""

    def next_distribution(self, context: str) -> np.ndarray:
        """The distribution of the next symbol after ``context`` (one probability per symbol).

        Only the last ``order`` symbols of ``context`` matter.
        """
        if len(context) < self.order:
            raise ValueError(f"context {context!r} is shorter than the model's order {self.order}")
        smoothed, total = self._smoothed(self.counts[tuple(self.encode(self._tail(context)))])
        if total[0] == 0:
            raise ValueError(f"context {context!r} {_UNSEEN}")
        return smoothed / total

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
        a = alphas[:, None]
        with np.errstate(divide="ignore", invalid="ignore"):  # 0 / 0: never seen, alpha = 0
            probs = (n + a) / (context_total + len(self.alphabet) * a)
        return probs if np.ndim(alpha) else probs[0]

    def log_loss(self, segments: Iterable[str], base: float = math.e) -> float:
        r"""Average surprise per predicted symbol of held-out ``segments``: a cross-entropy.

        .. math:: -\frac{1}{T} \sum_t \log_b P(x_t \mid x_{t-k} \dots x_{t-1})

        Each segment's symbols from position ``order`` on are predicted (with a
        ``boundary``: every letter and the word's end). ``inf`` if one has probability 0.
        ``base=2`` gives bits per symbol, the default nats.
        """
        base = check_base(base)
        smoothed, total = self._smoothed(self.counts)
        with np.errstate(invalid="ignore", divide="ignore"):  # unseen context, alpha = 0: nan
            log_q = np.log(smoothed) - np.log(total)
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
        _encode(letters, symbol_index(alphabet), alphabet)  # other characters refused all the same
        return np.zeros((len(alphabet),) * 2, dtype=np.int64)
    return NgramModel(1, [letters], alpha=0, alphabet=alphabet).counts.astype(np.int64)
