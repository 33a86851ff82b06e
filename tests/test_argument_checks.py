"""The shared argument checks, through the public functions that use them: every bad
argument is a ValueError that names it and quotes it."""

from __future__ import annotations

import numpy as np
import pytest

import helpers as h

RNG = np.random.default_rng(0)
MODEL = h.uniform_model()
COUNTS = h.bigram_counts(["ab", "ba"])


def softmax_model():
    return h.SoftmaxRegression(4, 3, np.random.default_rng(0))


X, Y = np.zeros((6, 4)), np.array([0, 1, 2, 0, 1, 2])


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (
            lambda: h.split_words(["a", "b"], 1.5, RNG),
            r"test_fraction must lie strictly between 0 and 1, got 1\.5",
        ),
        (
            lambda: h.split_words(["a", "b"], 0.5, 42),
            r"rng must be a numpy.random.Generator, got 42",
        ),
        (lambda: h.sample_words(MODEL, -1, RNG), r"n must be a whole number >= 0, got -1"),
        (
            lambda: h.sample_words(MODEL, 2, RNG, max_length=0),
            r"max_length must be a whole number >= 1",
        ),
        (
            lambda: h.fit_bigram(COUNTS, alpha=-1.0),
            r"alpha must be a finite number >= 0, got -1.0; 0 means no smoothing",
        ),
        (lambda: h.fit_unigram(-COUNTS - 1), r"counts must be >= 0, found -1"),
        (lambda: h.fit_unigram(np.zeros(27)), r"counts must have 2 dimensions"),
        (lambda: h.empirical_cross_entropy(np.zeros((27, 27)), MODEL), r"counts are all zero"),
        (
            lambda: h.empirical_cross_entropy(np.ones((3, 3)), MODEL),
            r"counts has shape \(3, 3\) but model has \(27, 27\)",
        ),
        (
            lambda: h.bernoulli_log_likelihood(0.5, -1, 2),
            r"heads must be a whole number >= 0, got -1",
        ),
        (
            lambda: h.bernoulli_log_likelihood(0.5, 1, 2.5),
            r"tails must be a whole number >= 0, got 2.5",
        ),
        (
            lambda: h.prepare_digits(test_fraction=0),
            r"test_fraction must lie strictly between 0 and 1, got 0",
        ),
        (lambda: h.SoftmaxRegression(4, 3, rng=1), r"rng must be a numpy.random.Generator, got 1"),
        (
            lambda: h.SoftmaxRegression(4, 3, RNG, init_scale=-0.1),
            r"init_scale must be a finite number >= 0, got -0.1",
        ),
        (lambda: h.SoftmaxRegression(4, 1, RNG), r"n_classes must be a whole number >= 2, got 1"),
        (
            lambda: h.train(softmax_model(), X, Y, X, Y, rng=RNG, lr=0),
            r"lr must be a positive number, got 0",
        ),
        (
            lambda: h.train(softmax_model(), X, Y, X, Y, rng=RNG, epochs=-2),
            r"epochs must be a whole number >= 0",
        ),
        (
            lambda: h.train(softmax_model(), X, Y, X, Y, rng=RNG, batch_size=0),
            r"batch_size must be a whole number >= 1",
        ),
        (
            lambda: h.train(softmax_model(), X, Y, X, Y, rng=None),
            r"rng must be a numpy.random.Generator",
        ),
        (lambda: h.accuracy(softmax_model(), X, Y[:3]), r"y has shape \(3,\) but X has 6 rows"),
        (
            lambda: h.confusion_matrix([0, 3], [0, 1], 3),
            r"y_true contains class indices out of range: 3",
        ),
        (
            lambda: h.confusion_matrix([0, 1], [0, 1, 2], 3),
            r"y_pred has shape \(3,\) but there are 2 rows to label",
        ),
        (lambda: h.reliability_curve([[0.5, 0.6]], [0]), r"proba must sum to 1"),
        (
            lambda: h.reliability_curve([[0.5, 0.5]], [2]),
            r"y contains class indices out of range: 2",
        ),
        (
            lambda: h.reliability_curve([[0.5, 0.5]], [0], n_bins=0),
            r"n_bins must be a whole number >= 1",
        ),
        (lambda: h.reliability_curve(np.zeros((0, 2)), np.zeros(0, int)), r"proba has 0 rows"),
    ],
)
def test_bad_arguments_are_named_and_quoted(call, match):
    with pytest.raises(ValueError, match=match):
        call()
