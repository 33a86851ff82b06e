"""Shannon's guessing game: the entropy of English measured by prediction.

A reader guesses the next symbol of a hidden passage until right; the *guess
number* of each symbol is how many tries it took (1 = right at once). Shannon
(*Prediction and Entropy of Printed English*, Bell System Technical Journal 30(1),
1951) showed that the frequencies of the guess numbers bound the entropy of the
text, per symbol, from below and from above. Here the symbols are the 26 letters
and the space, as in his 27-symbol experiments.

A character n-gram model can play too: it guesses symbols in order of their
probability, so its guess number is the *rank* of the true symbol.
"""

from __future__ import annotations

import re
import string

import numpy as np

from helpers._validation import check_count, check_nonnegative, quote

__all__ = [
    "SYMBOLS",
    "letters_and_spaces",
    "shannon_bounds",
    "NgramModel",
    "guess_numbers",
]

#: The 27 symbols of the game: space first, then a-z.
SYMBOLS = " " + string.ascii_lowercase
_INDEX = {ch: i for i, ch in enumerate(SYMBOLS)}


def letters_and_spaces(text: str) -> str:
    """Lower-case ``text`` and keep letters, with every run of anything else as one space.

    >>> letters_and_spaces("In the beginning, God...")
    'in the beginning god '
    """
    return re.sub(r"[^a-z]+", " ", text.lower())


def shannon_bounds(guess_numbers, n_symbols: int = 27) -> tuple[float, float]:
    r"""Shannon's lower and upper bounds on the entropy per symbol, in bits, from guess numbers.

    With :math:`q_i` the fraction of symbols guessed at try :math:`i`:

    .. math:: \sum_i i\,(q_i - q_{i+1}) \log_2 i \;\le\; H \;\le\; -\sum_i q_i \log_2 q_i

    The upper bound is the entropy of the guess numbers themselves: a reader who
    can reproduce the guesses recovers the text from them. The lower bound's
    derivation assumes an ideal predictor, whose :math:`q_1 \ge q_2 \ge \dots`;
    measured frequencies need not be ordered, so they are sorted decreasing first.
    Sorted, :math:`q` is a mixture of uniform distributions over the first
    :math:`i` guesses with weights :math:`i (q_i - q_{i+1})`; the lower bound is the
    weighted average of their entropies :math:`\log_2 i`, so it never exceeds the
    entropy of the mixture (concavity) — the upper bound.

    Parameters
    ----------
    guess_numbers : sequence of int
        One per symbol, each in ``1 .. n_symbols``.
    n_symbols : int, default 27

    Returns
    -------
    (lower, upper) : tuple of float, bits per symbol

    Examples
    --------
    >>> shannon_bounds([1, 1, 1, 1])  # every symbol right at the first try
    (0.0, 0.0)
    >>> lower, upper = shannon_bounds(range(1, 28))  # every try equally often
    >>> round(lower, 4), round(upper, 4)  # both log2 27
    (4.7549, 4.7549)
    """
    n_symbols = check_count(n_symbols, "n_symbols", minimum=1)
    g = np.asarray(
        list(guess_numbers) if not isinstance(guess_numbers, np.ndarray) else guess_numbers
    )
    if g.size == 0:
        raise ValueError("guess_numbers is empty: play at least one symbol first")
    if not np.issubdtype(g.dtype, np.integer):
        raise ValueError(f"guess_numbers must be whole numbers of tries, got dtype {g.dtype}")
    bad = (g < 1) | (g > n_symbols)
    if bad.any():
        raise ValueError(
            f"guess_numbers must lie in 1..{n_symbols} (tries until right), got {quote(g[bad])}"
        )
    q = np.sort(np.bincount(g, minlength=n_symbols + 1)[1:] / g.size)[::-1]
    nonzero = q[q > 0]
    upper = float(-np.sum(nonzero * np.log2(nonzero)))
    i = np.arange(1, n_symbols + 1)
    drops = q - np.append(q[1:], 0.0)
    lower = float(np.sum(i * drops * np.log2(i)))
    return max(lower, 0.0) + 0.0, max(upper, 0.0) + 0.0


class NgramModel:
    """A character n-gram model over the 27 symbols, fitted by counting with add-alpha smoothing.

    ``P(next | previous order symbols) = (count + alpha) / (context count + 27 alpha)``.
    Order 0 ignores the context (symbol frequencies).

    Parameters
    ----------
    order : int
        How many previous symbols the model looks at (0-3 here).
    segments : sequence of str
        Training text, already ``letters_and_spaces``; n-grams are counted inside each
        segment, never across the joins (the held-out passages are cut out).
    alpha : float
        Pseudo-count added to every (context, next symbol) pair.
    """

    def __init__(self, order: int, segments, alpha: float = 0.5):
        self.order = check_count(order, "order")
        self.alpha = check_nonnegative(alpha, "alpha")
        k = len(SYMBOLS)
        self.counts = np.zeros((k,) * (self.order + 1), dtype=np.float64)
        for segment in segments:
            codes = _codes(segment)
            if len(codes) <= self.order:
                continue
            columns = tuple(codes[j : len(codes) - self.order + j] for j in range(self.order + 1))
            np.add.at(self.counts, columns, 1)
        if self.counts.sum() == 0:
            raise ValueError("segments hold no n-gram of this order: give more training text")

    def __repr__(self) -> str:
        return f"NgramModel(order={self.order}, alpha={self.alpha}, n_grams={int(self.counts.sum()):,})"

    def predict(self, context: str) -> np.ndarray:
        """The distribution of the next symbol (27 probabilities) after ``context``."""
        if len(context) < self.order:
            raise ValueError(f"context {context!r} is shorter than the model's order {self.order}")
        row = (
            self.counts[tuple(_codes(context[len(context) - self.order :]))]
            if self.order
            else self.counts
        )
        smoothed = row + self.alpha
        return smoothed / smoothed.sum()


def _codes(text: str) -> np.ndarray:
    unknown = set(text) - set(_INDEX)
    if unknown:
        raise ValueError(
            f"text contains symbols outside the 27 (a-z and space): {sorted(unknown)[:5]}; "
            "pass letters_and_spaces(text)"
        )
    return np.fromiter((_INDEX[ch] for ch in text), dtype=np.int64, count=len(text))


def guess_numbers(
    model: NgramModel, text: str, start: int, length: int
) -> tuple[np.ndarray, float]:
    """A model plays Shannon's game on ``text[start : start + length]``.

    It guesses symbols in order of decreasing probability given the symbols before
    (ties: in the order of ``SYMBOLS``), so each guess number is the rank of the
    true symbol. Also returns the model's cross-entropy on the same symbols, in bits
    per symbol: the rank uses only the *order* of the probabilities, the
    cross-entropy the probability of the true symbol itself.

    Returns
    -------
    guesses : numpy.ndarray of int, shape (length,)
    cross_entropy_bits : float
    """
    check_count(start, "start", minimum=model.order)
    check_count(length, "length", minimum=1)
    if start + length > len(text):
        raise ValueError(f"the passage runs past the text's end ({start} + {length} > {len(text)})")
    guesses = np.empty(length, dtype=np.int64)
    bits = 0.0
    for t in range(length):
        q = model.predict(text[start + t - model.order : start + t])
        true = _INDEX[text[start + t]]
        # Ahead of the true symbol: every more probable one, and equally probable ones earlier in SYMBOLS.
        guesses[t] = 1 + int(np.sum(q > q[true]) + np.sum(q[:true] == q[true]))
        with np.errstate(divide="ignore"):  # probability 0 (alpha = 0): infinite surprise
            bits -= float(np.log2(q[true]))
    return guesses, bits / length
