"""Analytic gradients of the losses agree with central differences."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import helpers as h


@st.composite
def problems(draw):
    n, c = draw(st.integers(1, 6)), draw(st.integers(2, 5))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    z = rng.normal(scale=draw(st.floats(0.1, 5.0)), size=(n, c))
    if draw(st.booleans()):
        return z, rng.integers(0, c, size=n)
    t = rng.dirichlet(np.ones(c), size=n)
    return z, t


@settings(max_examples=60)
@given(problems())
def test_cross_entropy_gradient_matches_numerical(problem):
    z, t = problem
    numeric = h.numerical_gradient(lambda x: float(h.cross_entropy_from_logits(x, t)), z)
    # central differences with eps = 1e-6 carry an absolute error near |f| * 2e-16 / 1e-6,
    # up to ~1e-9 for losses of size ~10: atol covers that, rtol checks the rest
    np.testing.assert_allclose(h.cross_entropy_grad(z, t), numeric, rtol=1e-6, atol=1e-8)


@settings(max_examples=60)
@given(problems())
def test_mse_gradient_matches_numerical(problem):
    z, t = problem
    numeric = h.numerical_gradient(lambda x: float(h.mse_from_logits(x, t)), z)
    np.testing.assert_allclose(h.mse_grad(z, t), numeric, rtol=1e-6, atol=1e-8)


def test_gradient_is_prediction_minus_target():
    z = np.log([[0.6, 0.2, 0.2]])
    np.testing.assert_allclose(h.cross_entropy_grad(z, [2]), [[0.6, 0.2, -0.8]])


def test_confidently_wrong_ce_gradient_dwarfs_mse():
    q_y = 1e-3
    z = np.log([[q_y, (1 - q_y) / 2, (1 - q_y) / 2]])
    ce, mse = h.cross_entropy_grad(z, [0])[0, 0], h.mse_grad(z, [0])[0, 0]
    assert ce == pytest.approx(q_y - 1)
    # d/dz_y of sum_c (q_c - y_c)^2 with the wrong mass split evenly, from the softmax Jacobian
    expected_mse = 2 * q_y * ((q_y - 1) * (1 - q_y) - 2 * ((1 - q_y) / 2) ** 2)
    assert mse == pytest.approx(expected_mse, rel=1e-9)
    assert abs(ce / mse) > 300


def test_mse_matches_its_definition():
    z = np.array([[0.0, 0.0], [1.0, -1.0]])
    q = h.softmax(z)
    expected = np.mean(np.sum((q - h.one_hot([1, 0], 2)) ** 2, axis=1))
    assert h.mse_from_logits(z, [1, 0]) == pytest.approx(expected)


def test_max_relative_error_flags_sign_errors_and_missing_scale():
    g = np.array([[0.3, -0.5], [0.2, 0.0]])
    assert h.max_relative_error(g, g) == 0.0
    assert h.max_relative_error(-g, g) == pytest.approx(2.0)
    assert h.max_relative_error(2 * g, g) == pytest.approx(0.5)  # a missing factor 1/2


def test_numerical_gradient_refuses_bad_eps():
    with pytest.raises(ValueError, match=r"eps must be a positive number, got 0"):
        h.numerical_gradient(np.sum, np.zeros(2), eps=0)


def test_max_relative_error_refuses_shape_mismatch():
    with pytest.raises(ValueError, match=r"analytic has shape \(2,\) and numeric \(3,\)"):
        h.max_relative_error(np.zeros(2), np.zeros(3))


def test_gradients_refuse_1d_logits():
    with pytest.raises(ValueError, match=r"logits must have shape \(N, C\)"):
        h.cross_entropy_grad([0.0, 1.0], [0])


def test_relative_error_keeps_the_entries_it_says():
    """The rule, by hand: s_i = max(|a_i|, |n_i|) kept when s_i >= floor * max s; the count too."""
    a = np.array([1.0, -2.0, 1.5e-3, 2.6e-3, 0.0])
    n = np.array([1.0, -2.5, 3.0e-3, 2.6e-3, 1e-9])
    # s = [1, 2.5, 3e-3, 2.6e-3, 1e-9]; kept: s >= 2.5e-3, the first four entries
    error, kept = h.relative_error(a, n, return_kept=True)
    assert kept == 4
    assert error == pytest.approx(max(0.0, 0.5 / 2.5, 1.5e-3 / 3e-3, 0.0))  # 0.5
    assert h.relative_error(a, n) == error
    assert h.relative_error(a, n, floor=0.3, return_kept=True) == (pytest.approx(0.2), 2)
    assert h.relative_error(np.zeros(3), np.zeros(3), return_kept=True) == (0.0, 0)
