"""Text as symbols: alphabets named by their role, cleaners, counts, and one n-gram model.

Three alphabets, each with one job:

- :data:`LETTERS` — ``a``-``z``: letter frequencies, codes for letters.
- :data:`LETTERS_AND_SPACE` — space, then ``a``-``z``: running text, as in Shannon's
  27-symbol experiments (clean with :func:`letters_and_spaces`).
- :data:`LETTERS_AND_BOUNDARY` — ``"."``, then ``a``-``z``: single words (names), where
  ``"."`` marks a word's start and its end.

:class:`NgramModel` counts n-grams of any order (0, 1, 2, 3, ...) over any of them,
with add-α smoothing; it gives the next symbol's distribution, scores held-out
text by its log-loss, and samples.
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Iterable

import numpy as np

from helpers._validation import (
    check_alphabet,
    check_base,
    check_count,
    check_nonnegative,
    check_rng,
    check_symbol,
)

__all__ = [
    "LETTERS",
    "LETTERS_AND_SPACE",
    "LETTERS_AND_BOUNDARY",
    "BOUNDARY",
    "ALPHABET",
    "SYMBOLS",
    "NAME_ALPHABET",
    "letters_only",
    "letters_and_spaces",
    "letter_counts",
    "letter_pair_counts",
    "letter_frequencies",
    "word_counts",
    "NgramModel",
]

#: The 26 letters ``a``-``z``.
LETTERS = string.ascii_lowercase
#: The 27 symbols of running text: space first, then a-z.
LETTERS_AND_SPACE = " " + LETTERS
#: Marks a word's start and end in :data:`LETTERS_AND_BOUNDARY`.
BOUNDARY = "."
#: The 27 symbols of single words: ``"."`` (start / end) first, then a-z.
LETTERS_AND_BOUNDARY = BOUNDARY + LETTERS

# The names the notebooks already use (same objects).
ALPHABET = LETTERS
SYMBOLS = LETTERS_AND_SPACE
NAME_ALPHABET = LETTERS_AND_BOUNDARY


def letters_only(text: str, alphabet: str = ALPHABET) -> str:
    """Lower-case ``text`` and keep only the characters in ``alphabet``.

    >>> letters_only("In the beginning, God!")
    'inthebeginninggod'
    """
    alphabet = check_alphabet(alphabet)
    keep = set(alphabet)
    return "".join(ch for ch in text.lower() if ch in keep)


def letters_and_spaces(text: str) -> str:
    """Lower-case ``text`` and keep letters, with every run of anything else as one space.

    >>> letters_and_spaces("In the beginning, God...")
    'in the beginning god '
    """
    return re.sub(r"[^a-z]+", " ", text.lower())


def letter_counts(text: str, alphabet: str = ALPHABET) -> np.ndarray:
    """How often each character of ``alphabet`` occurs in ``text`` (case-folded).

    >>> letter_counts("Abba", alphabet="ab")
    array([2, 2])
    """
    alphabet = check_alphabet(alphabet)
    codes = np.frombuffer(text.lower().encode("utf-32-le"), dtype=np.uint32)
    counts = np.bincount(codes, minlength=max(map(ord, alphabet)) + 1)
    return counts[[ord(ch) for ch in alphabet]]


def letter_pair_counts(letters: str, alphabet: str = ALPHABET) -> np.ndarray:
    """``counts[a, b]``: how often letter ``b`` directly follows letter ``a`` in ``letters``.

    ``letters`` is a string of letters only (``letters_only(text)``): the last letter of
    one word is followed by the first of the next. Divide by ``counts.sum()`` for the
    joint distribution of (previous letter, next letter).

    >>> letter_pair_counts("abab", alphabet="ab")
    array([[0, 2],
           [1, 0]])
    """
    alphabet = check_alphabet(alphabet)
    index = {ch: i for i, ch in enumerate(alphabet)}
    unknown = set(letters) - set(index)
    if unknown:
        raise ValueError(
            f"letters contains characters outside the alphabet: {sorted(unknown)[:5]}; "
            "pass letters_only(text)"
        )
    codes = np.array([index[ch] for ch in letters], dtype=np.int64)
    counts = np.zeros((len(alphabet), len(alphabet)), dtype=np.int64)
    np.add.at(counts, (codes[:-1], codes[1:]), 1)
    return counts


def letter_frequencies(text: str, alphabet: str = ALPHABET) -> np.ndarray:
    """Relative frequency of each letter of ``alphabet`` in ``text``: a distribution.

    Characters outside ``alphabet`` (spaces, punctuation) are ignored.

    >>> letter_frequencies("abba", alphabet="ab")
    array([0.5, 0.5])
    """
    counts = letter_counts(text, alphabet)
    if counts.sum() == 0:
        raise ValueError(
            f"text contains none of the letters {alphabet!r}, so it has no letter distribution; "
            "pass a longer text or another alphabet"
        )
    return counts / counts.sum()


def word_counts(text: str) -> dict[str, int]:
    """How often each word occurs, words being runs of letters a-z after lower-casing.

    >>> word_counts("The cat; the hat.")
    {'the': 2, 'cat': 1, 'hat': 1}
    """
    counts: dict[str, int] = {}
    for word in re.findall(r"[a-z]+", text.lower()):
        counts[word] = counts.get(word, 0) + 1
    return counts


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
        Training text: passages of running text, or single words. N-grams are
        counted inside each segment, never across the joins.
    alpha : float, default 0.5
        Pseudo-count added to every (context, next symbol) pair.
    alphabet : str, default :data:`LETTERS_AND_SPACE`
        The symbols; every character of every segment must be one of them.
    boundary : str or None, default None
        For single words: a symbol of ``alphabet`` (``"."`` in
        :data:`LETTERS_AND_BOUNDARY`) put ``order`` times before and once after
        each segment, so the model also predicts first letters and a word's end.

    Examples
    --------
    >>> m = NgramModel(1, ["ab", "ab"], alpha=0, alphabet=LETTERS_AND_BOUNDARY, boundary=".")
    >>> m.next_distribution(".")[:3]  # after the start: always "a"
    array([0., 1., 0.])
    >>> m.log_loss(["ab"], base=2)  # ".ab." is certain: 0 bits per symbol
    0.0
    """

    def __init__(
        self,
        order: int,
        segments: Iterable[str],
        alpha: float = 0.5,
        alphabet: str = LETTERS_AND_SPACE,
        boundary: str | None = None,
    ):
        self.order = check_count(order, "order")
        self.alpha = check_nonnegative(alpha, "alpha")
        self.alphabet = check_alphabet(alphabet)
        if boundary is not None:
            boundary = check_symbol(boundary, alphabet, "boundary")
        self.boundary = boundary
        self._index = {ch: i for i, ch in enumerate(alphabet)}
        k = len(alphabet)
        self.counts = np.zeros((k,) * (self.order + 1), dtype=np.float64)
        for segment in segments:
            codes = self.encode(self._padded(segment))
            if len(codes) <= self.order:
                continue
            columns = tuple(codes[j : len(codes) - self.order + j] for j in range(self.order + 1))
            np.add.at(self.counts, columns, 1)
        if self.counts.sum() == 0:
            raise ValueError("segments hold no n-gram of this order: give more training text")

    def __repr__(self) -> str:
        extra = "" if self.alphabet == LETTERS_AND_SPACE else f", alphabet={self.alphabet!r}"
        extra += "" if self.boundary is None else f", boundary={self.boundary!r}"
        return (
            f"NgramModel(order={self.order}, alpha={self.alpha}{extra}, "
            f"n_grams={int(self.counts.sum()):,})"
        )

    def _padded(self, segment: str) -> str:
        if not isinstance(segment, str):
            raise ValueError(f"segments must be strings, got {segment!r}")
        if self.boundary is None:
            return segment
        return self.boundary * self.order + segment + self.boundary

    def encode(self, text: str) -> np.ndarray:
        """The indices of ``text``'s symbols in the alphabet (int64)."""
        unknown = set(text) - set(self._index)
        if unknown:
            clean = (
                "pass letters_and_spaces(text)"
                if self.alphabet == LETTERS_AND_SPACE
                else f"keep only the symbols {self.alphabet!r}"
            )
            raise ValueError(
                f"text contains symbols outside the {len(self.alphabet)} "
                f"({_describe(self.alphabet)}): {sorted(unknown)[:5]}; {clean}"
            )
        return np.fromiter((self._index[ch] for ch in text), dtype=np.int64, count=len(text))

    def next_distribution(self, context: str) -> np.ndarray:
        """The distribution of the next symbol after ``context`` (one probability per symbol).

        Only the last ``order`` symbols of ``context`` matter.
        """
        if len(context) < self.order:
            raise ValueError(f"context {context!r} is shorter than the model's order {self.order}")
        row = (
            self.counts[tuple(self.encode(context[len(context) - self.order :]))]
            if self.order
            else self.counts
        )
        smoothed = row + self.alpha
        total = smoothed.sum()
        if total == 0:
            raise ValueError(
                f"context {context!r} was never seen in training and alpha = 0, so the next "
                "symbol's distribution is undefined; use alpha > 0 to smooth"
            )
        return smoothed / total

    #: The same as :meth:`next_distribution` (the older name; a distribution, not a label).
    predict = next_distribution

    def log_loss(self, segments: Iterable[str], base: float = math.e) -> float:
        r"""Average surprise per predicted symbol of held-out ``segments``: a cross-entropy.

        .. math:: -\frac{1}{T} \sum_t \log_b P(x_t \mid x_{t-k} \dots x_{t-1})

        Each segment's symbols from position ``order`` on are predicted (with a
        ``boundary``: every letter and the word's end). ``inf`` if one has probability 0.
        ``base=2`` gives bits per symbol, the default nats.
        """
        base = check_base(base)
        smoothed = self.counts + self.alpha
        with np.errstate(invalid="ignore", divide="ignore"):  # unseen context, alpha = 0: nan
            log_q = np.log(smoothed) - np.log(smoothed.sum(axis=-1, keepdims=True))
        total, n = 0.0, 0
        for segment in segments:  # vectorised over each segment's predictions
            codes = self.encode(self._padded(segment))
            if len(codes) <= self.order:
                continue
            columns = tuple(codes[j : len(codes) - self.order + j] for j in range(self.order + 1))
            terms = log_q[columns]
            if np.isnan(terms).any():
                bad = int(np.flatnonzero(np.isnan(terms))[0])
                context = "".join(self.alphabet[c] for c in codes[bad : bad + self.order])
                raise ValueError(
                    f"context {context!r} was never seen in training and alpha = 0, so the next "
                    "symbol's distribution is undefined; use alpha > 0 to smooth"
                )
            total -= float(terms.sum())
            n += len(terms)
        if n == 0:
            raise ValueError("segments hold no symbol to predict: give longer held-out text")
        return total / n / math.log(base)

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
            q = self.next_distribution(text[len(text) - self.order :] if self.order else "")
            ch = self.alphabet[int(rng.choice(len(self.alphabet), p=q))]
            if ch == self.boundary:
                break
            out.append(ch)
            text += ch
        return "".join(out)


def _describe(alphabet: str) -> str:
    if alphabet == LETTERS_AND_SPACE:
        return "a-z and space"
    if alphabet.endswith(LETTERS) and len(alphabet) == len(LETTERS) + 1:
        return f"{alphabet[0]!r} and a-z"
    return repr(alphabet)
