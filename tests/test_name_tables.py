"""Character models fitted by counting, and the coin's likelihood."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

import helpers as h

words_strategy = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8), min_size=1, max_size=20
)


def test_counts_include_start_and_end():
    c = h.bigram_counts(["anna"])
    ix = h.NAME_ALPHABET.index
    assert c.sum() == 5  # .a an nn na a.
    assert c[0, ix("a")] == 1 and c[ix("n"), ix("n")] == 1 and c[ix("a"), 0] == 1


def test_mle_is_normalised_counts_and_rows_sum_to_one():
    counts = h.bigram_counts(h.load_names())
    p = h.fit_bigram(counts)
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    np.testing.assert_allclose(p, counts / counts.sum(axis=1, keepdims=True))


@given(words_strategy, st.floats(0.001, 5.0))
def test_smoothed_rows_sum_to_one_and_nothing_is_impossible(words, alpha):
    p = h.fit_bigram(h.bigram_counts(words), alpha)
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    assert np.all(p > 0)


@settings(max_examples=50)
@given(words_strategy, st.floats(0.001, 5.0))
def test_average_nll_is_the_empirical_cross_entropy(words, alpha):
    counts = h.bigram_counts(words)
    for model in (h.fit_bigram(counts, alpha), h.fit_unigram(counts, alpha), h.uniform_model()):
        assert h.average_nll(words, model) == pytest.approx(
            h.empirical_cross_entropy(counts, model), rel=1e-12
        )


# Every character appears in this word, so every row of the counts is non-empty
# and the unsmoothed (maximum-likelihood) model is defined.
PANGRAM = "abcdefghijklmnopqrstuvwxyz"


@given(words_strategy)
def test_mle_maximises_training_likelihood(words):
    words = [*words, PANGRAM]
    counts = h.bigram_counts(words)
    best = h.average_nll(words, h.fit_bigram(counts))
    for alpha in (0.01, 0.5):
        assert best <= h.average_nll(words, h.fit_bigram(counts, alpha)) + 1e-12


def test_uniform_model_scores_ln27():
    assert h.average_nll(["abc", "x"], h.uniform_model()) == pytest.approx(math.log(27))


def test_unseen_pair_gives_infinite_nll_without_smoothing():
    counts = h.bigram_counts([PANGRAM])
    model = h.fit_bigram(counts)
    assert h.average_nll(["aa"], model) == math.inf  # "aa" never occurs in training
    assert math.isfinite(h.average_nll(["aa"], h.fit_bigram(counts, 0.1)))


def test_sampling_is_seeded_and_uses_the_alphabet():
    model = h.fit_bigram(h.bigram_counts(h.load_names()), 0.1)
    a = h.sample_words(model, 20, np.random.default_rng(0))
    b = h.sample_words(model, 20, np.random.default_rng(0))
    assert a == b
    assert all(set(w) <= set(h.ALPHABET) for w in a)


def test_sampling_follows_the_model():
    # a model that always writes "ab" then stops
    model = np.full((27, 27), 1e-12)
    ix = h.NAME_ALPHABET.index
    model[0, ix("a")] = model[ix("a"), ix("b")] = model[ix("b"), 0] = 1.0
    model /= model.sum(axis=1, keepdims=True)
    assert set(h.sample_words(model, 10, np.random.default_rng(1))) == {"ab"}


def test_split_words():
    train, test = h.split_words(list("abcdefghij"), 0.3, np.random.default_rng(0))
    assert len(test) == 3 and sorted(train + test) == list("abcdefghij")


@pytest.mark.parametrize(("k", "n"), [(7, 10), (0, 5), (5, 5), (578, 2000)])
def test_bernoulli_log_likelihood_matches_scipy(k, n):
    theta = np.array([0.1, 0.3, 0.7, 0.95])
    # binom.logpmf counts every order of the flips; one particular sequence drops log C(n, k)
    log_comb = math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)
    np.testing.assert_allclose(
        h.bernoulli_log_likelihood(theta, k, n - k), stats.binom.logpmf(k, n, theta) - log_comb
    )


def test_bernoulli_edge_cases():
    assert h.bernoulli_log_likelihood(0.0, 0, 3) == 0.0
    assert h.bernoulli_log_likelihood(0.0, 1, 3) == -math.inf


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: h.bigram_counts(["ann3"]), r"word 'ann3' contains '3'"),
        (lambda: h.bigram_counts([""]), r"words must be non-empty strings"),
        (lambda: h.fit_bigram(np.zeros((27, 27))), r"counts are all zero and alpha = 0.*alpha > 0"),
        (
            lambda: h.fit_unigram(np.zeros((27, 27))),
            r"counts are all zero and alpha = 0.*alpha > 0",
        ),
        (lambda: h.fit_bigram(np.diag(np.r_[0.0, np.ones(26)])), r"row '\.' of counts is empty"),
        (
            lambda: h.fit_bigram(np.ones((27, 27)), alpha=-1),
            r"alpha must be a finite number >= 0, got -1",
        ),
        (lambda: h.fit_bigram(np.ones((3, 3))), r"counts must have 27 entries along every axis"),
        (lambda: h.bigram_counts(["a.b"]), r"word 'a\.b' contains '\.', which is not in a-z"),
        (
            lambda: h.average_nll(["ab"], np.ones((3, 3)) / 3),
            r"model must be a 27 x 27 transition table",
        ),
        (lambda: h.average_nll(["ab"], np.ones((27, 27))), r"model must sum to 1"),
        (lambda: h.sample_words(h.uniform_model(), 2, 42), r"rng must be a numpy.random.Generator"),
        (
            lambda: h.split_words(["a"], 1.5, np.random.default_rng()),
            r"test_fraction must lie strictly",
        ),
        (
            lambda: h.bernoulli_log_likelihood(0.5, -1, 2),
            r"heads must be a whole number >= 0, got -1",
        ),
        (lambda: h.bernoulli_log_likelihood(1.5, 1, 2), r"theta contains values greater than 1"),
    ],
)
def test_bad_input_is_refused(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_the_ml_models_empirical_cross_entropy_is_the_conditional_entropy_on_shipped_names():
    """The docstring's claim, on the 5,163 shipped names, against a Counter and the formula."""
    names = h.load_names()
    pairs = Counter(p for w in names for p in zip("." + w, w + ".", strict=True))
    rows = Counter(a for a, _ in pairs.elements())
    total = sum(pairs.values())
    by_hand = -sum(n / total * math.log(n / rows[a]) for (a, _), n in pairs.items())
    counts = h.bigram_counts(names)
    got = h.empirical_cross_entropy(counts, h.fit_bigram(counts))
    assert got == pytest.approx(by_hand, rel=1e-12)
    assert h.conditional_entropy(counts / counts.sum()) == pytest.approx(by_hand, rel=1e-12)
