"""Tests that can fail for the right reason: inequalities a clip at 0 cannot satisfy by
accident, identities checked through a path independent of the code, a tie forced on
purpose, and clips that act only at rounding level."""

from __future__ import annotations

import importlib
import math

import numpy as np
import pytest
import scipy.stats
from hypothesis import assume, given
from hypothesis import strategies as st

import helpers as h
from helpers._numerics import clip_rounding
from tests.strategies import distribution_pairs, distributions

information = importlib.import_module("helpers.information")  # the module, not a name in h


@given(distribution_pairs())
def test_pinsker_inequality(pq):
    """KL(p || q) >= 2 TV(p, q)^2 in nats, TV = half the L1 distance. The bound is > 0
    whenever p != q, so a result clipped to 0 cannot pass it."""
    assert_pinsker(*pq)


def assert_pinsker(p, q):
    tv = 0.5 * np.abs(p - q).sum()
    assert h.kl_divergence(p, q) >= 2 * tv**2 - 1e-12


def test_pinsker_fails_a_kl_that_is_clipped_to_zero(monkeypatch):
    """The Pinsker check itself, run on a kl_divergence whose clip returns 0: it fails."""
    p, q = np.array([0.9, 0.1]), np.array([0.1, 0.9])
    assert_pinsker(p, q)
    monkeypatch.setattr(information, "clip_rounding", lambda value, scale: 0.0 * value)
    assert h.kl_divergence(p, q) == 0.0  # the patch reaches the public function
    with pytest.raises(AssertionError):
        assert_pinsker(p, q)


@given(st.integers(1, 5), st.integers(1, 5), st.data())
def test_mutual_information_is_kl_from_the_product_of_the_marginals(rows, cols, data):
    """Through SciPy, not through helpers' entropies: I(X; Y) = KL(p(x, y) || p(x) p(y))."""
    joint = data.draw(distributions(size=rows * cols)).reshape(rows, cols)
    product = np.outer(joint.sum(axis=1), joint.sum(axis=0)).ravel()
    # SciPy's reference needs p(x) p(y) > 0 wherever p(x, y) > 0; with p(x) ~ 1e-288 the
    # product underflows to 0 and SciPy says inf (a case hypothesis found on Python 3.13;
    # the value is checked by hand in the next test).
    assume(np.all(product[joint.ravel() > 0] > 0))
    expected = scipy.stats.entropy(joint.ravel(), product)  # nats
    assert h.mutual_information(joint) == pytest.approx(expected, rel=1e-9, abs=1e-12)


def test_mutual_information_where_the_product_of_the_marginals_underflows():
    """p = [[t, 0], [0, 1 - t]] with t = 1.52e-288: p(x) = p(y) = t for the first cell, so
    I = t ln(t / t^2) + (1 - t) ln((1 - t) / (1 - t)^2) = -t ln t (the second term is 0 in
    floating point), though t * t underflows to 0."""
    t = 1.52241371e-288
    joint = np.array([[t, 0.0], [0.0, 1.0]])
    assert t * t == 0.0
    assert h.mutual_information(joint) == pytest.approx(-t * math.log(t), rel=1e-12)


@given(st.integers(1, 5), st.integers(1, 5), st.data())
def test_conditional_entropy_is_an_average_of_row_entropies(rows, cols, data):
    """H(Y | X) = sum_x p(x) H(Y | X = x), with each row's entropy from SciPy."""
    joint = data.draw(distributions(size=rows * cols)).reshape(rows, cols)
    px = joint.sum(axis=1)
    expected = sum(
        p * scipy.stats.entropy(row / p) for p, row in zip(px, joint, strict=True) if p > 0
    )
    assert h.conditional_entropy(joint) == pytest.approx(expected, rel=1e-9, abs=1e-12)


def test_the_clip_acts_at_rounding_level_only():
    ulp = np.finfo(np.float64).eps
    assert clip_rounding(-3 * ulp, 1.0) == 0.0  # rounding: the mathematics' 0
    assert clip_rounding(-1e-9, 1.0) == -1e-9  # a real negative shows
    assert clip_rounding(-1e-12, 1e6) == 0.0  # the tolerance scales with the terms
    assert clip_rounding(0.25, 1.0) == 0.25
    np.testing.assert_array_equal(clip_rounding(np.array([-1e-3, -ulp]), 1.0), [-1e-3, 0.0])


def test_kl_of_identical_rows_is_exactly_zero_despite_rounding():
    """q is p computed another way (differences of its cumulative sum): the raw sum of
    the terms rounds below 0, and the clip returns the mathematics' 0."""
    p = np.arange(1, 8) / 28
    q = np.diff(np.cumsum(np.concatenate([[0.0], p])))
    raw = np.sum(information._plogq(p, p) - information._plogq(p, q))
    assert raw < 0  # rounding, about -1e-16
    assert h.kl_divergence(p, q) == 0.0
    p = np.full(7, 1 / 7)
    assert h.mutual_information(np.outer(p, p) / np.outer(p, p).sum()) == 0.0


@pytest.mark.parametrize("lrs", [[1e-300, 2e-300], [2e-300, 1e-300]])
def test_a_forced_learning_rate_tie_goes_to_the_smaller_rate(lrs):
    """Rates so small that no weight moves: both models are the initial one, so the
    validation scores tie exactly, whatever order the rates come in."""
    data = h.split_digits()
    best, scores = h.choose_learning_rate("cross_entropy", 0.01, lrs, data, epochs=1)
    assert scores[1e-300] == scores[2e-300]
    assert best == 1e-300


def test_shannon_bounds_are_never_negative_without_a_clip():
    """One guess number only: q = (1, 0, ...); both bounds are exactly 0.0, not -0.0."""
    lower, upper = h.shannon_bounds([3, 3, 3])
    assert (lower, upper) == (0.0, 0.0)
    assert math.copysign(1, lower) == 1 and math.copysign(1, upper) == 1
