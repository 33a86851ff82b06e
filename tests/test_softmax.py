"""logsumexp, softmax, log_softmax and cross-entropy from logits against SciPy,
scikit-learn and the mathematics."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import special
from sklearn.metrics import log_loss

import helpers as h
from tests.strategies import logit_rows


@given(logit_rows)
def test_logsumexp_softmax_log_softmax_match_scipy(z):
    assert h.logsumexp(z) == pytest.approx(special.logsumexp(z), rel=1e-12, abs=1e-12)
    np.testing.assert_allclose(h.softmax(z), special.softmax(z), rtol=1e-9, atol=1e-300)
    np.testing.assert_allclose(h.log_softmax(z), special.log_softmax(z), rtol=1e-9, atol=1e-9)


@given(logit_rows)
def test_softmax_is_a_distribution(z):
    q = h.softmax(z)
    assert np.all(q >= 0)
    assert q.sum() == pytest.approx(1.0, abs=1e-12)


@given(logit_rows, st.floats(-1e3, 1e3))
def test_softmax_is_shift_invariant(z, c):
    np.testing.assert_allclose(h.softmax(z + c), h.softmax(z), rtol=1e-6, atol=1e-12)


@given(logit_rows)
def test_log_softmax_is_log_of_softmax_where_that_is_finite(z):
    with np.errstate(divide="ignore"):
        naive = np.log(h.softmax(z))
    finite = np.isfinite(naive) & (h.softmax(z) > 1e-300)
    np.testing.assert_allclose(h.log_softmax(z)[finite], naive[finite], rtol=1e-9, atol=1e-9)


def test_extreme_logits_give_exact_finite_answers():
    z = np.array([1e4, -1e4, 0.0])
    np.testing.assert_array_equal(h.log_softmax(z), [0.0, -2e4, -1e4])
    np.testing.assert_array_equal(h.softmax(z), [1.0, 0.0, 0.0])
    assert h.logsumexp([1e4, 1e4]) == pytest.approx(1e4 + math.log(2), rel=1e-15)


def test_minus_inf_logits_mean_probability_zero():
    np.testing.assert_array_equal(h.softmax([0.0, -np.inf]), [1.0, 0.0])
    assert h.log_softmax([0.0, -np.inf])[1] == -np.inf


@pytest.mark.parametrize(
    ("z", "message"),
    [
        ([-np.inf, -np.inf], r"every entry is -inf"),
        ([0.0, np.inf], r"contains \+inf"),
        ([0.0, np.nan], r"contains NaN"),
        ([], r"is empty"),
    ],
)
def test_bad_logits_are_refused(z, message):
    with pytest.raises(ValueError, match=message):
        h.softmax(z)


def test_sigmoid_is_softmax_of_two_logits():
    z = np.array([-800.0, -3.0, 0.0, 2.5, 800.0])
    np.testing.assert_allclose(h.sigmoid(z), h.softmax(np.stack([z, np.zeros_like(z)], -1))[:, 0])
    np.testing.assert_allclose(h.sigmoid(z), special.expit(z))


# --- cross_entropy_from_logits ----------------------------------------------------


def test_seed_numbers_from_logits():
    assert round(float(h.cross_entropy_from_logits(np.log([[0.6, 0.2, 0.2]]), [2])), 4) == 1.6094
    assert round(float(h.cross_entropy_from_logits([[0.0, 0.0]], [0])), 4) == 0.6931


@given(st.integers(1, 40), st.integers(2, 8), st.integers(0, 2**32 - 1))
def test_matches_sklearn_log_loss(n, c, seed):
    rng = np.random.default_rng(seed)
    z = rng.normal(scale=3, size=(n, c))
    y = rng.integers(0, c, size=n)
    expected = log_loss(y, special.softmax(z, axis=1), labels=np.arange(c))
    assert h.cross_entropy_from_logits(z, y) == pytest.approx(expected, rel=1e-9)


def test_reductions():
    z = np.array([[2.0, 0.0, -1.0], [0.0, 0.0, 0.0]])
    y = np.array([0, 2])
    per_example = -special.log_softmax(z, axis=1)[[0, 1], y]
    np.testing.assert_allclose(h.cross_entropy_from_logits(z, y, reduction="none"), per_example)
    assert h.cross_entropy_from_logits(z, y, reduction="sum") == pytest.approx(per_example.sum())
    assert h.cross_entropy_from_logits(z, y) == pytest.approx(per_example.mean())


def test_probability_targets_equal_index_targets_when_one_hot():
    rng = np.random.default_rng(0)
    z = rng.normal(size=(5, 4))
    y = np.array([0, 3, 1, 1, 2])
    assert h.cross_entropy_from_logits(z, h.one_hot(y, 4)) == pytest.approx(
        h.cross_entropy_from_logits(z, y), rel=1e-12
    )


def test_probability_targets_are_cross_entropy_of_softmax():
    z = np.array([[1.0, 2.0, 0.5]])
    t = np.array([[0.2, 0.5, 0.3]])
    expected = h.cross_entropy(t[0], special.softmax(z[0]))
    assert h.cross_entropy_from_logits(z, t) == pytest.approx(expected, rel=1e-12)


@given(st.floats(0.0, 1.0), st.integers(0, 2**32 - 1))
def test_label_smoothing_is_cross_entropy_with_the_smoothed_target(eps, seed):
    # PyTorch's definition: target (1 - eps) * onehot + eps / C, for index and probability targets alike.
    rng = np.random.default_rng(seed)
    z = rng.normal(size=(6, 5))
    y = rng.integers(0, 5, size=6)
    smoothed = (1 - eps) * h.one_hot(y, 5) + eps / 5
    expected = np.mean(
        [h.cross_entropy(t, q) for t, q in zip(smoothed, special.softmax(z, axis=1), strict=True)]
    )
    assert h.cross_entropy_from_logits(z, y, label_smoothing=eps) == pytest.approx(
        expected, rel=1e-9
    )
    assert h.cross_entropy_from_logits(z, h.one_hot(y, 5), label_smoothing=eps) == pytest.approx(
        expected, rel=1e-9
    )


def test_single_example_with_1d_logits():
    assert h.cross_entropy_from_logits([0.0, 0.0], 1) == pytest.approx(math.log(2))


def test_huge_logits_stay_finite():
    z = np.array([[1e4, -1e4], [-1e4, 1e4]])
    assert h.cross_entropy_from_logits(z, [0, 1]) == 0.0
    assert h.cross_entropy_from_logits(z, [1, 1]) == pytest.approx(1e4)


def test_float32_logits_stay_float32():
    z = np.zeros((3, 4), dtype=np.float32)
    loss = h.cross_entropy_from_logits(z, [0, 1, 2])
    assert loss.dtype == np.float32
    assert loss == pytest.approx(math.log(4), rel=1e-6)


@pytest.mark.parametrize(
    ("target", "kwargs", "message"),
    [
        ([0, 3], {}, r"target contains class indices out of range: 3.*0\.\.2"),
        ([-1, 0], {}, r"out of range: -1"),
        ([0.0, 1.0], {}, r"target has float dtype.*astype\(int\)"),
        ([0, 1, 2], {}, r"target has shape \(3,\) but there are 2 rows to label"),
        ([0, 1], {"reduction": "avg"}, r"reduction must be one of .*'avg'"),
        (
            [0, 1],
            {"label_smoothing": 1.5},
            r"label_smoothing must be a number in \[0, 1\], got 1\.5",
        ),
        ([[0.5, 0.5, 0.5], [1.0, 0.0, 0.0]], {}, r"target must sum to 1"),
        ([["a"], ["b"]], {}, r"target must be integer class indices"),
    ],
)
def test_bad_arguments_are_refused(target, kwargs, message):
    with pytest.raises(ValueError, match=message):
        h.cross_entropy_from_logits(np.zeros((2, 3)), target, **kwargs)


def test_3d_logits_are_refused():
    with pytest.raises(ValueError, match=r"logits must have shape \(N, C\) or \(C,\)"):
        h.cross_entropy_from_logits(np.zeros((2, 3, 4)), [0, 1])


def test_one_hot_refuses_bad_class_counts():
    with pytest.raises(ValueError, match=r"n_classes must be a whole number >= 1, got 0"):
        h.one_hot([0], 0)


# --- exact at any offset: shift invariance to a few ulps of the result -----------------

# Logits k / 8 with |k| <= 800: adding an integer offset up to 1e6 (float32) or 1e15
# (float64) keeps every entry exactly representable, so the shifted logits are the same
# numbers and the results must agree to the last few bits.
eighths = st.lists(st.integers(-800, 800), min_size=1, max_size=12).map(lambda k: np.array(k) / 8)
OFFSET_LIMITS = {np.float32: 10**6, np.float64: 10**15}


@st.composite
def offset_logits(draw):
    dtype = draw(st.sampled_from([np.float32, np.float64]))
    z = draw(eighths).astype(dtype)
    c = dtype(draw(st.integers(-OFFSET_LIMITS[dtype], OFFSET_LIMITS[dtype])))
    assert np.array_equal((z + c) - c, z)  # the premise: z + c is exact
    return z, c


@given(offset_logits())
def test_log_softmax_is_shift_invariant_to_the_last_ulps(zc):
    z, c = zc
    np.testing.assert_array_max_ulp(h.log_softmax(z + c), h.log_softmax(z), maxulp=4)


@given(offset_logits())
def test_cross_entropy_from_logits_is_shift_invariant(zc):
    z, c = zc
    rows = np.stack([z, z[::-1]])
    y = np.array([0, len(z) - 1])
    for smoothing in (0.0, 0.1):
        shifted = h.cross_entropy_from_logits(
            rows + c, y, reduction="none", label_smoothing=smoothing
        )
        plain = h.cross_entropy_from_logits(rows, y, reduction="none", label_smoothing=smoothing)
        np.testing.assert_array_max_ulp(shifted, plain, maxulp=4)


@given(
    st.sampled_from([np.float32, np.float64]),
    st.lists(st.floats(-1e4, 1e4, allow_subnormal=False), min_size=1, max_size=12),
    st.floats(-1e300, 1e300),
)
def test_softmax_rows_sum_to_one_at_any_offset(dtype, z, c):
    with np.errstate(over="ignore"):  # a float32 offset beyond 3.4e38 becomes inf: skip those
        shifted = np.asarray(z, dtype=dtype) + dtype(c)
    if not np.all(np.isfinite(shifted)):
        return
    q = h.softmax(shifted)
    assert abs(float(q.sum()) - 1.0) <= len(z) * float(np.finfo(dtype).eps)
