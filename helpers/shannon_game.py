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

from typing import NamedTuple

import numpy as np

from helpers._validation import (
    check_count,
    check_distribution,
    check_open_unit_interval,
    check_whole_numbers_in,
)
from helpers.evaluation import block_resample, bootstrap_interval
from helpers.ngram import NgramModel

__all__ = [
    "shannon_bounds",
    "paired_bound_difference",
    "Bounds",
    "bounds_coverage",
    "guess_numbers",
]


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
    g = check_whole_numbers_in(
        guess_numbers,
        "guess_numbers",
        1,
        n_symbols,
        unit="tries",
        empty_hint=": play at least one symbol first",
    )
    q = np.sort(np.bincount(g, minlength=n_symbols + 1)[1:] / g.size)[::-1]
    nonzero = q[q > 0]
    upper = float(-np.sum(nonzero * np.log2(nonzero)))
    i = np.arange(1, n_symbols + 1)
    drops = q - np.append(q[1:], 0.0)
    lower = float(np.sum(i * drops * np.log2(i)))
    # No clip needed, so none hides a bug: sorted q makes every drop >= 0 exactly, and
    # -q log2 q >= 0 for q in (0, 1]. (+ 0.0 turns the -0.0 of q = (1, 0, ...) into 0.0.)
    return lower + 0.0, upper + 0.0


def _bounds_from_counts(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Shannon's bounds for each row of guess-number counts (tries 1..K in columns)."""
    q = -np.sort(-counts / counts.sum(axis=-1, keepdims=True), axis=-1)  # decreasing
    with np.errstate(divide="ignore", invalid="ignore"):
        upper = -np.sum(np.where(q > 0, q * np.log2(q), 0.0), axis=-1)
    i = np.arange(1, q.shape[-1] + 1)
    drops = q - np.concatenate([q[..., 1:], np.zeros(q.shape[:-1] + (1,))], axis=-1)
    lower = np.sum(i * drops * np.log2(i), axis=-1)
    return lower, upper


class Bounds(NamedTuple):
    """Shannon's bounds from ``n`` guess numbers, with bootstrap intervals (bits per symbol)."""

    n: int
    lower: float
    upper: float
    lower_interval: tuple[float, float]
    upper_interval: tuple[float, float]

    @classmethod
    def of(cls, guess_numbers, rng: np.random.Generator, n_symbols: int = 27, **options) -> Bounds:
        """The bounds of ``guess_numbers``, with percentile-bootstrap intervals.

        The intervals are :func:`helpers.evaluation.bootstrap_interval`'s (``options``:
        ``n_resamples``, default 2000; ``level``; ``block``, the runs of symbols resampled
        together, since successive guesses can depend on each other; ``segments``, the
        lengths of separate passages no run may cross; ``bias_corrected``).

        The percentile interval shows how much the bounds would move on another sample of
        the same size from the same player; it does not remove their bias on few symbols
        (both are plug-in entropies of guess-number counts, biased low on small samples), so
        it covers the true value less often than its level (:func:`bounds_coverage`
        measures how often). ``bias_corrected=True`` moves it by twice the bootstrap's bias
        estimate; the point values stay the plug-in bounds.

        Examples
        --------
        >>> b = Bounds.of([1] * 30, np.random.default_rng(0))
        >>> b.n, b.lower, b.upper, b.upper_interval
        (30, 0.0, 0.0, (0.0, 0.0))
        """
        lower, upper = shannon_bounds(guess_numbers, n_symbols)
        g = np.asarray(guess_numbers)
        low, high = bootstrap_interval(  # each an array: [lower bound's, upper bound's]
            lambda i: _bounds(g[i], n_symbols), g.size, rng, **{"n_resamples": 2000, **options}
        )
        # No clip at 0: every resampled bound is >= 0 exactly, so a negative end of a percentile
        # interval would be a bug and must show (+ 0.0 only turns -0.0 into 0.0).
        clean = lambda v: float(v) + 0.0  # noqa: E731
        return cls(
            int(g.size),
            lower,
            upper,
            (clean(low[0]), clean(high[0])),
            (clean(low[1]), clean(high[1])),
        )


def _bounds(guesses: np.ndarray, n_symbols: int) -> np.ndarray:
    """(lower, upper) of already-checked guess numbers, fast: the bootstrap calls it often."""
    counts = np.bincount(guesses, minlength=n_symbols + 1)[1:].astype(float)
    lower, upper = _bounds_from_counts(counts)
    return np.array([lower, upper])


def paired_bound_difference(
    guesses_a,
    guesses_b,
    rng: np.random.Generator,
    n_resamples: int = 2000,
    level: float = 0.95,
    block: int = 1,
    segments=None,
):
    """Player A's bounds minus player B's on the SAME symbols, with a paired bootstrap interval.

    Both players guessed the same positions, so the positions are resampled together (in
    runs of ``block``, as in :func:`helpers.evaluation.bootstrap_interval`): the interval of
    the difference is much narrower than two separate intervals suggest. ``segments``: the
    lengths of separate passages, which no run crosses.

    Returns
    -------
    ((lower_diff, (lo, hi)), (upper_diff, (lo, hi))) : bits per symbol

    Examples
    --------
    >>> (d_low, _), (d_up, _) = paired_bound_difference([1, 2, 3], [1, 2, 3], np.random.default_rng(0))
    >>> d_low, d_up
    (0.0, 0.0)
    """
    a, b = np.asarray(guesses_a), np.asarray(guesses_b)
    if a.shape != b.shape or a.ndim != 1:
        raise ValueError(
            f"guesses_a and guesses_b must be 1-D and the same length, got {a.shape} and {b.shape}"
        )
    (la, ua), (lb, ub) = shannon_bounds(a), shannon_bounds(b)
    low, high = bootstrap_interval(
        lambda i: _bounds(a[i], 27) - _bounds(b[i], 27),
        a.size,
        rng,
        n_resamples,
        level,
        block=block,
        segments=segments,
    )
    return (
        (la - lb, (float(low[0]) + 0.0, float(high[0]) + 0.0)),
        (ua - ub, (float(low[1]) + 0.0, float(high[1]) + 0.0)),
    )


def bounds_coverage(
    p,
    n: int,
    rng: np.random.Generator,
    n_sets: int = 200,
    n_resamples: int = 200,
    block: int = 1,
    level: float = 0.95,
) -> dict[str, tuple[float, float]]:
    """How often :meth:`Bounds.of`'s intervals contain the true bounds, by simulation.

    ``n_sets`` sets of ``n`` independent guess numbers are drawn from the distribution ``p``
    (``p[i]`` the probability of guess number ``i + 1``); each gets :meth:`Bounds.of`'s
    bootstrap interval (runs of ``block``, ``n_resamples`` resamples), both the percentile
    one and the bias-corrected one, from the same resamples. The true bounds are those of
    ``p`` itself.

    Returns
    -------
    dict
        ``{"percentile": (lower, upper), "bias-corrected": (lower, upper)}``: the fractions of
        the sets whose interval contains the true lower bound, the true upper bound.

    Examples
    --------
    A coin-like guesser (right at the first try 70% of the time), 200 symbols a set:

    >>> bounds_coverage([0.7, 0.3], 200, np.random.default_rng(0), n_sets=50)
    {'percentile': (0.94, 0.94), 'bias-corrected': (0.96, 0.92)}
    """
    p = check_distribution(p, "p")
    n = check_count(n, "n", minimum=1)
    n_sets = check_count(n_sets, "n_sets", minimum=1)
    n_resamples = check_count(n_resamples, "n_resamples", minimum=2)
    level = check_open_unit_interval(level, "level")
    k = p.size
    truth = np.array(_bounds_from_counts(p))
    sets = rng.choice(k, size=(n_sets, n), p=p)  # guess number - 1
    rows = np.arange(n_resamples)[:, None] * k
    tail = 100 * (1 - level) / 2
    covered = {"percentile": np.zeros(2), "bias-corrected": np.zeros(2)}
    for guesses in sets:
        resampled = guesses[block_resample(n, rng, block, size=n_resamples)]
        counts = np.bincount((rows + resampled).ravel(), minlength=n_resamples * k)
        values = np.array(_bounds_from_counts(counts.reshape(n_resamples, k).astype(float)))
        low, high = np.percentile(values, [tail, 100 - tail], axis=1)
        covered["percentile"] += (low <= truth) & (truth <= high)
        point = np.array(_bounds_from_counts(np.bincount(guesses, minlength=k).astype(float)))
        shift = 2 * (values.mean(axis=1) - point)  # as bootstrap_interval(bias_corrected=True)
        covered["bias-corrected"] += (low - shift <= truth) & (truth <= high - shift)
    return {name: (float(c[0] / n_sets), float(c[1] / n_sets)) for name, c in covered.items()}


def guess_numbers(
    model: NgramModel, text: str, start: int, length: int
) -> tuple[np.ndarray, float]:
    """A model plays Shannon's game on ``text[start : start + length]``.

    It guesses symbols in order of decreasing probability given the symbols before
    (ties: in the order of the model's alphabet), so each guess number is the rank of the
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
    codes = model.encode(text[start : start + length])
    for t in range(length):
        q = model.next_distribution(text[start + t - model.order : start + t])
        true = codes[t]
        # Ahead of the true symbol: every more probable one, and equally probable ones earlier in the alphabet.
        guesses[t] = 1 + int(np.sum(q > q[true]) + np.sum(q[:true] == q[true]))
        with np.errstate(divide="ignore"):  # probability 0 (alpha = 0): infinite surprise
            bits -= float(np.log2(q[true]))
    return guesses, bits / length
