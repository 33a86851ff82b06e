"""helpers.evaluation: intervals for held-out scores, compressors as baselines."""

from __future__ import annotations

import bz2
import lzma
import zlib

import numpy as np
import pytest

import helpers as h


@pytest.mark.parametrize(
    ("method", "compress"),
    [
        ("zlib", lambda b: zlib.compress(b, 9)),
        ("bz2", lambda b: bz2.compress(b, 9)),
        ("lzma", lambda b: lzma.compress(b, preset=9)),
    ],
)
def test_compressed_bits_are_the_libraries_at_their_strongest(method, compress):
    """lzma with a 1 MiB dictionary gives preset 9's own output for texts this size."""
    text = "".join(w + "." for w in h.load_names()[:3000])
    assert h.compressed_bits(text, method) == 8 * len(compress(text.encode()))


def test_compressed_bits_given_is_the_extra_cost():
    a, b = "anna.bob.carla." * 20, "dave.eve.anna." * 10
    assert h.compressed_bits(b, "zlib", given=a) == 8 * (
        len(zlib.compress((a + b).encode(), 9)) - len(zlib.compress(a.encode(), 9))
    )
    with pytest.raises(ValueError, match="method"):
        h.compressed_bits("a", "gzip")
    with pytest.raises(ValueError, match="ASCII"):
        h.compressed_bits("é", "zlib")


def test_bootstrap_interval_covers_the_mean_and_refuses_bad_input():
    x = np.random.default_rng(3).normal(size=300)
    low, high = h.bootstrap_interval(lambda i: x[i].mean(), len(x), np.random.default_rng(0))
    se = x.std() / np.sqrt(len(x))
    assert low < x.mean() < high and high - low == pytest.approx(2 * 1.96 * se, rel=0.15)
    with pytest.raises(ValueError, match="level"):
        h.bootstrap_interval(lambda i: 0.0, 10, np.random.default_rng(0), level=1.5)


def test_bootstrap_interval_vectorized_is_the_loops_interval_in_one_call():
    """vectorized=True: one call with every resample as a row, the loop's resamples and interval."""
    x = np.random.default_rng(5).exponential(size=120)
    w = np.random.default_rng(6).integers(1, 9, size=120).astype(float)

    def ratio(i):
        return x[i].sum(axis=-1) / w[i].sum(axis=-1)

    calls = []
    loop = h.bootstrap_interval(ratio, 120, np.random.default_rng(0), 500)
    vec = h.bootstrap_interval(
        lambda i: calls.append(i.shape) or ratio(i),
        120,
        np.random.default_rng(0),
        500,
        vectorized=True,
    )
    assert vec == loop and calls == [(500, 120)]
    both = h.bootstrap_interval(
        lambda i: np.stack([ratio(i), x[i].mean(axis=-1)], axis=-1),
        120,
        np.random.default_rng(0),
        500,
        vectorized=True,
        bias_corrected=True,
    )
    assert both[0].shape == (2,) and np.all(both[0] < both[1])
    with pytest.raises(ValueError, match="one value per resample"):
        h.bootstrap_interval(lambda i: x[i].sum(), 120, np.random.default_rng(0), vectorized=True)


def test_bootstrap_interval_matches_scipys_percentile_interval():
    """iid case: SciPy's ``scipy.stats.bootstrap(method="percentile")`` on the same data."""
    scipy_stats = pytest.importorskip("scipy.stats")
    x = np.random.default_rng(4).exponential(size=200)
    ours = h.bootstrap_interval(lambda i: x[i].mean(), x.size, np.random.default_rng(0), 4000)
    theirs = scipy_stats.bootstrap(
        (x,), np.mean, n_resamples=4000, method="percentile", random_state=np.random.default_rng(1)
    ).confidence_interval
    width = theirs.high - theirs.low
    assert abs(ours[0] - theirs.low) < 0.05 * width  # Monte Carlo error of 4000 resamples
    assert abs(ours[1] - theirs.high) < 0.05 * width


def test_block_bootstrap_recovers_the_variance_of_an_ar1_mean():
    """AR(1) x_t = phi x_{t-1} + e_t: Var(mean) ~ sigma_x^2 (1 + phi) / ((1 - phi) n) for large n.

    With phi = 0.6 that is 4x the iid variance, so the iid bootstrap's interval is half as wide
    as it should be, and a moving-block bootstrap with blocks >> 1 / (1 - phi) gets it right.
    """
    phi, n = 0.6, 20_000
    rng = np.random.default_rng(5)
    e = rng.normal(size=n)
    x = np.empty(n)
    x[0] = e[0] / np.sqrt(1 - phi**2)  # start in the stationary distribution
    for t in range(1, n):
        x[t] = phi * x[t - 1] + e[t]
    sd_x = 1 / np.sqrt(1 - phi**2)
    true_width = 2 * 1.959964 * sd_x * np.sqrt((1 + phi) / (1 - phi) / n)

    def mean(i):
        return x[i].mean()

    naive = h.bootstrap_interval(mean, n, np.random.default_rng(0), 400)
    block = h.bootstrap_interval(mean, n, np.random.default_rng(0), 400, block=50)
    assert block[1] - block[0] == pytest.approx(true_width, rel=0.15)
    assert naive[1] - naive[0] == pytest.approx(true_width / 2, rel=0.15)  # sqrt(4) too narrow


def test_bootstrap_interval_blocks_and_vector_statistics():
    x = np.arange(10.0)
    # block = n: every resample is the whole series, in order
    assert h.bootstrap_interval(lambda i: x[i].mean(), 10, np.random.default_rng(0), block=10) == (
        4.5,
        4.5,
    )
    seen = []
    h.bootstrap_interval(lambda i: seen.append(i) or 0.0, 10, np.random.default_rng(0), 5, block=4)
    for i in seen:  # runs of 4 consecutive indices, cut to 10
        assert len(i) == 10 and all(np.diff(i[k : k + 4]).tolist() == [1, 1, 1] for k in (0, 4))
    low, high = h.bootstrap_interval(
        lambda i: np.array([x[i].min(), x[i].max()]), 10, np.random.default_rng(0)
    )
    assert low.shape == high.shape == (2,) and low[0] <= high[0] and low[1] <= high[1]
    with pytest.raises(ValueError, match="block"):
        h.bootstrap_interval(lambda i: 0.0, 10, np.random.default_rng(0), block=11)
    with pytest.raises(ValueError, match="block"):
        h.bootstrap_interval(lambda i: 0.0, 10, np.random.default_rng(0), block=0)


def test_half_sample_interval_matches_the_standard_error_and_pairs():
    """A half-sample without replacement has the whole set's variance: the width is 2 * 1.96 * se."""
    x = np.random.default_rng(5).normal(size=400)
    y = x + np.random.default_rng(6).normal(scale=0.1, size=400)
    low, high = h.half_sample_interval(
        lambda i: np.array([x[i].mean(), (y[i] - x[i]).mean()]), 400, np.random.default_rng(0), 400
    )
    se = x.std() / np.sqrt(400)
    assert high[0] - low[0] == pytest.approx(2 * 1.96 * se, rel=0.15)
    assert high[1] - low[1] < (high[0] - low[0]) / 5  # paired: the shared noise cancels


def test_half_sample_interval_never_repeats_an_item():
    seen = []
    h.half_sample_interval(lambda i: seen.append(i) or 0.0, 10, np.random.default_rng(0), 5)
    assert all(len(set(i.tolist())) == len(i) for i in seen)


def test_block_resample_keeps_every_run_inside_its_segment():
    """No run crosses a segment's end: each segment's share of the resample is its own length,
    drawn from its own items, in runs of consecutive items."""
    lengths = [7, 12, 3, 10]
    starts = np.cumsum([0, *lengths[:-1]])
    rows = h.block_resample(
        sum(lengths), np.random.default_rng(0), block=4, segments=lengths, size=200
    )
    assert rows.shape == (200, 32)
    for first, length in zip(starts, lengths, strict=True):
        part = rows[:, first : first + length]
        assert part.min() >= first and part.max() < first + length
        run = min(4, length)
        for r in range(0, length, run):  # each run is consecutive items
            chunk = part[:, r : r + run]
            assert np.all(np.diff(chunk, axis=1) == 1)
    one = h.block_resample(sum(lengths), np.random.default_rng(0), block=4, segments=lengths)
    assert one.shape == (32,)


def test_block_resample_without_segments_is_the_moving_block_bootstrap():
    """Same draws as runs of `block` started anywhere (Kunsch 1989), written out by hand."""
    got = h.block_resample(10, np.random.default_rng(1), block=3)
    starts = np.random.default_rng(1).integers(0, 10 - 3 + 1, 4)
    assert got.tolist() == [s + k for s in starts for k in range(3)][:10]
    with pytest.raises(ValueError, match="segments must add up to n_items = 10"):
        h.block_resample(10, np.random.default_rng(0), segments=[4, 5])


def test_bias_corrected_interval_moves_by_twice_the_bootstrap_bias():
    """Against the resamples drawn again by hand: low - 2b, high - 2b with b = mean - statistic."""
    x = np.random.default_rng(2).exponential(size=40)
    stat = lambda i: float(np.max(x[i]))  # noqa: E731 - the maximum: biased low on resamples
    low, high = h.bootstrap_interval(stat, 40, np.random.default_rng(3), 300, bias_corrected=True)
    rng = np.random.default_rng(3)
    values = np.array([stat(h.block_resample(40, rng)) for _ in range(300)])
    bias = values.mean() - x.max()
    lo, hi = np.percentile(values, [2.5, 97.5])
    assert (low, high) == pytest.approx((lo - 2 * bias, hi - 2 * bias))
    assert bias < 0 and low > lo  # the maximum of a resample is never above the sample's
