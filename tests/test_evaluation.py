"""helpers.evaluation: held-out scores per word, intervals, compressors as baselines."""

from __future__ import annotations

import bz2
import lzma
import math
import zlib

import numpy as np
import pytest

import helpers as h

WORDS = ["anna", "bob", "carla", "dave", "eve", "frank", "gina"]


@pytest.mark.parametrize("order", [0, 1, 2, 3])
def test_word_surprisals_sum_to_the_models_log_loss(order):
    model = h.NgramModel(order, WORDS[:5], alpha=0.3, alphabet=h.NAME_ALPHABET, boundary=".")
    held_out = WORDS[5:]
    bits = h.word_surprisals(model, held_out)
    n = sum(len(w) + 1 for w in held_out)
    assert bits.sum() / n == pytest.approx(model.log_loss(held_out, base=2), rel=1e-12)


def test_word_surprisals_other_alphas_without_refitting():
    model = h.NgramModel(1, WORDS, alpha=0.5, alphabet=h.NAME_ALPHABET, boundary=".")
    table = h.word_surprisals(model, WORDS, base=math.e, alpha=[0.1, 0.5])
    refit = h.NgramModel(1, WORDS, alpha=0.1, alphabet=h.NAME_ALPHABET, boundary=".")
    assert table.shape == (2, len(WORDS))
    assert table[0].sum() / sum(len(w) + 1 for w in WORDS) == pytest.approx(refit.log_loss(WORDS))
    assert np.allclose(table[1], h.word_surprisals(model, WORDS, base=math.e))


def test_word_surprisals_order_one_is_the_bigram_table():
    """The n-gram model of order 1 and notebook 04's bigram table are the same model."""
    model = h.NgramModel(1, WORDS, alpha=0.2, alphabet=h.NAME_ALPHABET, boundary=".")
    table = h.fit_bigram(h.bigram_counts(WORDS), 0.2)
    per_word = np.array([h.average_nll([w], table) * (len(w) + 1) for w in ["zed", "ann"]])
    assert np.allclose(h.word_surprisals(model, ["zed", "ann"], base=math.e), per_word)


def test_word_surprisals_unseen_with_alpha_zero_is_infinite():
    model = h.NgramModel(1, ["ab"], alpha=0.0, alphabet=h.NAME_ALPHABET, boundary=".")
    assert np.isinf(h.word_surprisals(model, ["ba"])[0])


def test_word_surprisals_refuses_bad_input():
    model = h.NgramModel(1, ["ab"], alphabet=h.NAME_ALPHABET, boundary=".")
    with pytest.raises(ValueError, match="alpha"):
        h.word_surprisals(model, ["ab"], alpha=-1.0)
    with pytest.raises(ValueError, match="words"):
        h.word_surprisals(model, [])
    with pytest.raises(ValueError, match="boundary"):
        h.word_surprisals(h.NgramModel(1, ["ab"]), ["ab"])


def test_adaptive_code_bits_by_hand():
    # order 0, alphabet ".ab", alpha 1: 'a' 1/3, 'b' 1/4 (a seen), '.' 1/5 (a, b seen)
    bits = h.adaptive_code_bits(["ab"], order=0, alpha=1.0, alphabet=".ab")
    assert bits[0] == pytest.approx(math.log2(3) + math.log2(4) + math.log2(5))


def test_adaptive_code_bits_learn():
    """The second copy of a word costs less than the first: the model has counted it."""
    bits = h.adaptive_code_bits(["anna", "anna"], order=1, alpha=0.5, alphabet=h.NAME_ALPHABET)
    assert bits[1] < bits[0]
    with pytest.raises(ValueError, match="alpha"):
        h.adaptive_code_bits(["a"], order=0, alpha=0.0, alphabet=".a")


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
