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
