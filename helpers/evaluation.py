"""Uncertainty for held-out scores, and general-purpose compressors as baselines.

:func:`bootstrap_interval` puts an interval on any per-item statistic by resampling items
(one by one, or in runs of consecutive items for a serially dependent sequence);
:func:`half_sample_interval` does it without repeating an item, for statistics (like a
compressor's output size) that a repeated item would fake.

A model's code length and a compressor's are compared fairly only when both start
with the same information:

- *alone*: everyone starts from nothing — the compressor on the test text, the model
  learning its counts as it codes (:func:`helpers.ngram.adaptive_code_bits`);
- *given the training text*: the compressor's extra bits for the test text after the
  training text, ``C(train + test) - C(train)`` (:func:`compressed_bits` with ``given``),
  against the model fitted on the training text (its decoder can refit it from the same
  training text, so sending the model costs nothing more).
"""

from __future__ import annotations

import bz2
import functools
import lzma
import statistics
import zlib
from collections.abc import Callable

import numpy as np

from helpers._validation import check_count, check_open_unit_interval, check_rng

__all__ = [
    "COMPRESSORS",
    "compressed_bits",
    "bootstrap_interval",
    "block_resample",
    "half_sample_interval",
]

# preset 9 with a 1 MiB dictionary instead of preset 9's 64 MiB: the same output for any text
# under 1 MiB (the dictionary never fills), allocated in a fraction of the time.
_LZMA_FILTERS = [{"id": lzma.FILTER_LZMA2, "preset": 9, "dict_size": 1 << 20}]

#: The general-purpose compressors, at their strongest settings: name -> bytes -> bytes.
COMPRESSORS: dict[str, Callable[[bytes], bytes]] = {
    "zlib": lambda data: zlib.compress(data, 9),
    "bz2": lambda data: bz2.compress(data, 9),
    "lzma": lambda data: lzma.compress(data, format=lzma.FORMAT_XZ, filters=_LZMA_FILTERS),
}


def compressed_bits(text: str, method: str, given: str = "") -> int:
    """Bits a compressor spends on ``text`` — after ``given``, if any.

    Parameters
    ----------
    text : str
        ASCII text to compress.
    method : {"zlib", "bz2", "lzma"}
        zlib level 9, bz2 level 9, or lzma preset 9 (xz container).
    given : str, optional
        Text the compressor has already seen: the result is then
        ``C(given + text) - C(given)``, the extra bits ``text`` costs once ``given`` is known.

    Returns
    -------
    int
        A number of bits (8 per byte of output).

    Examples
    --------
    >>> compressed_bits("abab" * 100, "zlib") < 8 * 400  # a repeated pattern compresses
    True
    >>> compressed_bits("abab" * 100, "zlib", given="abab" * 100) < compressed_bits("abab" * 100, "zlib")
    True
    """
    if method not in COMPRESSORS:
        raise ValueError(f"method must be one of {sorted(COMPRESSORS)}, got {method!r}")
    for value, name in ((text, "text"), (given, "given")):
        if not isinstance(value, str) or not value.isascii():
            raise ValueError(f"{name} must be an ASCII string, got {value!r:.40}")
    return _bits(method, given + text) - (_bits(method, given) if given else 0)


@functools.lru_cache(maxsize=8)  # the same `given` text is compressed again and again
def _bits(method: str, text: str) -> int:
    return 8 * len(COMPRESSORS[method](text.encode("ascii")))


def block_resample(
    n_items: int,
    rng: np.random.Generator,
    block: int = 1,
    segments=None,
    size: int | None = None,
) -> np.ndarray:
    """Item indices of one moving-block bootstrap resample (or ``size`` of them, one per row).

    Runs of ``block`` consecutive items, starting anywhere, are drawn with replacement and
    joined until there are ``n_items`` (Künsch 1989). With ``segments`` (lengths summing to
    ``n_items``: passages joined end to end) each segment is resampled on its own, from runs
    that start and end inside it, so no run straddles two segments; a segment shorter than
    ``block`` is resampled in runs of its own length.

    Parameters
    ----------
    n_items : int
    rng : numpy.random.Generator
    block : int, default 1
        Run length, 1 to ``n_items``; 1 is the ordinary bootstrap.
    segments : sequence of int, optional
        Lengths of consecutive segments that no run may cross.
    size : int, optional
        How many resamples, as the rows of one array (for a vectorised statistic).

    Returns
    -------
    numpy.ndarray of int, shape (n_items,), or (size, n_items)

    Examples
    --------
    >>> i = block_resample(10, np.random.default_rng(0), block=5, segments=[5, 5])
    >>> i.tolist()  # one run per passage: each passage is kept whole
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    """
    check_count(n_items, "n_items", minimum=1)
    check_rng(rng)
    check_count(block, "block", minimum=1)
    if block > n_items:
        raise ValueError(f"block must be at most n_items = {n_items}, got {block}")
    if segments is None:
        lengths = [n_items]
    else:
        lengths = [check_count(L, "segments", minimum=1) for L in segments]
        if sum(lengths) != n_items:
            raise ValueError(
                f"segments must add up to n_items = {n_items}, got {list(segments)} (sum {sum(lengths)})"
            )
    shape = () if size is None else (check_count(size, "size", minimum=1),)
    parts, first = [], 0
    for length in lengths:
        run = min(block, length)
        n_runs = -(-length // run)  # ceil
        starts = rng.integers(0, length - run + 1, shape + (n_runs,))
        runs = first + starts[..., None] + np.arange(run)
        parts.append(runs.reshape(shape + (-1,))[..., :length])
        first += length
    return parts[0] if len(parts) == 1 else np.concatenate(parts, axis=-1)


def bootstrap_interval(
    statistic: Callable[[np.ndarray], float],
    n_items: int,
    rng: np.random.Generator,
    n_resamples: int = 1000,
    level: float = 0.95,
    block: int = 1,
    segments=None,
    bias_corrected: bool = False,
    vectorized: bool = False,
):
    """Percentile bootstrap interval of ``statistic`` over items resampled with replacement.

    With ``block = 1`` the items are resampled one by one (the ordinary bootstrap, for
    independent items). With ``block = L > 1`` it is the *moving-block* bootstrap for a
    sequence whose neighbours depend on each other (Künsch 1989): runs of ``L`` consecutive
    items, starting anywhere, are drawn with replacement and joined until there are
    ``n_items``, so the dependence within a run is kept. Resampling single items of a
    positively correlated sequence makes the interval too narrow; ``L`` should span the
    dependence (the lag at which the autocorrelation has died out). ``segments`` keeps the
    runs inside separate passages (:func:`block_resample`).

    With ``bias_corrected`` the interval is moved by twice the bootstrap's estimate of the
    statistic's bias, ``b = mean(resampled values) - statistic(all items)``: the percentile
    interval sits around ``statistic + b``, the true value around ``statistic - b``
    (Efron and Tibshirani 1993, ch. 10). It helps a statistic biased on few items, such as a
    plug-in entropy.

    Parameters
    ----------
    statistic : callable
        Takes an array of ``n_items`` item indices (drawn with replacement) and returns a number,
        e.g. ``lambda i: bits[i].sum() / chars[i].sum()`` for bits per character over names,
        or a 1-D array of numbers (several statistics on the same resamples).
    n_items : int
        How many items (names, examples, symbols) the data has.
    rng : numpy.random.Generator
    n_resamples : int
    level : float
        The interval's coverage, e.g. 0.95.
    block : int, default 1
        The length of the runs of consecutive items resampled together, 1 to ``n_items``.
    segments : sequence of int, optional
        Lengths of consecutive passages (summing to ``n_items``) that no run may cross.
    bias_corrected : bool, default False
        Shift the interval by ``-2 b`` (see above).
    vectorized : bool, default False
        As SciPy's ``bootstrap(vectorized=True)``: ``statistic`` takes all the resamples at once,
        an array of shape ``(n_resamples, n_items)`` (one resample per row, from
        ``block_resample(..., size=n_resamples)``), and returns one value per row (a 1-D array,
        or 2-D: one row of several statistics per resample). Same interval, without a Python
        call per resample; with ``block = 1`` and no ``segments`` the resamples are the loop's own,
        drawn from ``rng`` in the same order. Reduce along ``axis=-1``: a statistic that reduces
        along axis 0 (over the resamples) is wrong, and is refused only when ``n_resamples`` differs
        from ``n_items`` (the shapes cannot tell otherwise).

    Returns
    -------
    (low, high) : tuple of float, or of arrays shaped like ``statistic``'s value

    Examples
    --------
    >>> x = np.arange(100.0)
    >>> low, high = bootstrap_interval(lambda i: x[i].mean(), 100, np.random.default_rng(0))
    >>> bool(low < 49.5 < high)
    True
    >>> low, high = bootstrap_interval(lambda i: x[i].mean(), 100, np.random.default_rng(0), block=10)
    >>> bool(low < 49.5 < high)
    True
    """
    check_count(n_items, "n_items", minimum=1)
    check_count(n_resamples, "n_resamples", minimum=2)
    level = check_open_unit_interval(level, "level")
    check_rng(rng)
    check_count(block, "block", minimum=1)
    if block > n_items:
        raise ValueError(f"block must be at most n_items = {n_items}, got {block}")
    if vectorized:
        resamples = block_resample(n_items, rng, block, segments, size=n_resamples)
        values = np.asarray(statistic(resamples), dtype=float)
        if values.shape[:1] != (n_resamples,):
            raise ValueError(
                f"statistic must return one value per resample (a first axis of {n_resamples}) "
                f"when vectorized=True, got shape {values.shape}: reduce along axis -1, "
                "e.g. lambda i: x[i].sum(axis=-1)"
            )
    else:
        values = np.array(
            [statistic(block_resample(n_items, rng, block, segments)) for _ in range(n_resamples)],
            dtype=float,
        )
    tail = 100 * (1 - level) / 2
    low, high = np.percentile(values, [tail, 100 - tail], axis=0)
    if bias_corrected:
        every = np.arange(n_items)
        whole = statistic(every[None, :])[0] if vectorized else statistic(every)
        bias = values.mean(axis=0) - np.asarray(whole, dtype=float)
        low, high = low - 2 * bias, high - 2 * bias
    return (float(low), float(high)) if values.ndim == 1 else (low, high)


def half_sample_interval(
    statistic: Callable[[np.ndarray], float],
    n_items: int,
    rng: np.random.Generator,
    n_resamples: int = 30,
    level: float = 0.95,
):
    r"""An interval for ``statistic`` from half-samples drawn *without* replacement.

    The bootstrap repeats items, and a compressor finds a repeated name for almost nothing, so
    a bootstrap resample of names compresses too well. A half-sample repeats nothing, and the
    mean of ``n/2`` items drawn without replacement from ``n`` has variance
    :math:`\frac{\sigma^2}{n/2}\,(1 - \tfrac12) = \sigma^2 / n`, the variance of the whole set's
    mean. So the interval is ``statistic(all) -+ z * sd(half-sample statistics)``, with ``z`` the
    normal quantile for ``level``.

    Parameters
    ----------
    statistic : callable
        Takes an array of distinct item indices and returns a number, or a 1-D array of
        numbers (several statistics on the same half-samples: their differences are paired).
    n_items : int
    rng : numpy.random.Generator
    n_resamples : int
    level : float

    Returns
    -------
    (low, high) : floats, or arrays like ``statistic``'s value

    Examples
    --------
    >>> x = np.random.default_rng(1).normal(size=400)
    >>> low, high = half_sample_interval(lambda i: x[i].mean(), 400, np.random.default_rng(0), 200)
    >>> bool(low < x.mean() < high)
    True
    >>> round(float((high - low) / (2 * 1.96 * x.std() / np.sqrt(400))), 1)  # the normal interval's width
    1.0
    """
    check_count(n_items, "n_items", minimum=2)
    check_count(n_resamples, "n_resamples", minimum=2)
    level = check_open_unit_interval(level, "level")
    check_rng(rng)
    centre = np.asarray(statistic(np.arange(n_items)), dtype=float)
    half = np.array(
        [statistic(rng.choice(n_items, n_items // 2, replace=False)) for _ in range(n_resamples)],
        dtype=float,
    )
    spread = statistics.NormalDist().inv_cdf(0.5 + level / 2) * np.std(half, axis=0, ddof=1)
    low, high = centre - spread, centre + spread
    return (float(low), float(high)) if centre.ndim == 0 else (low, high)
