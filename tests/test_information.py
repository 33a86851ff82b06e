"""Information measures against SciPy, known values, and the theorems they obey."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.stats
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

import helpers as h
from tests.strategies import distribution_pairs, distributions

LN2 = math.log(2)


# --- known values ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("p", "bits"),
    [
        (0.5, 1.0),
        (0.25, 2.0),
        (1 / 8, 3.0),
        (1.0, 0.0),
        (1 / 6, math.log2(6)),
        (1e-6, 6 * math.log2(10)),
    ],
)
def test_surprise_known_values_in_bits(p, bits):
    assert h.surprise(p, base=2) == pytest.approx(bits, rel=1e-15)


def test_surprise_of_an_impossible_event_is_infinite():
    assert h.surprise(0.0) == math.inf


def test_surprise_is_elementwise_and_in_nats_by_default():
    np.testing.assert_allclose(h.surprise([0.5, 0.1]), [math.log(2), math.log(10)], rtol=1e-15)


def test_fair_coin_has_one_bit_of_entropy():
    assert h.entropy([0.5, 0.5], base=2) == 1.0


def test_seed_examples_in_nats():
    assert round(float(h.cross_entropy([0, 0, 1], [0.6, 0.2, 0.2])), 4) == 1.6094
    assert round(float(h.cross_entropy([0, 1], [0.5, 0.5])), 4) == 0.6931
    assert h.cross_entropy([0, 1], [0.5, 0.5], base=2) == pytest.approx(1.0)


def test_zero_probabilities_contribute_nothing_to_entropy():
    assert h.entropy([1.0, 0.0, 0.0]) == 0.0
    assert h.entropy([0.5, 0.5, 0.0], base=2) == 1.0


def test_support_mismatch_gives_infinity():
    assert h.cross_entropy([0.5, 0.5], [1.0, 0.0]) == math.inf
    assert h.kl_divergence([0.5, 0.5], [1.0, 0.0]) == math.inf
    # the other way round is finite: q only needs to cover p's support
    assert math.isfinite(h.kl_divergence([1.0, 0.0], [0.5, 0.5]))


def test_binary_cross_entropy_known_values():
    assert h.binary_cross_entropy(1, 0.5, base=2) == 1.0
    assert h.binary_cross_entropy(0, 0.0) == 0.0
    assert h.binary_cross_entropy(1, 0.0) == math.inf
    np.testing.assert_allclose(
        h.binary_cross_entropy([1, 0], [0.8, 0.8]), [-math.log(0.8), -math.log(0.2)]
    )


def test_perplexity_of_a_fair_die():
    assert h.perplexity(np.full(6, 1 / 6)) == pytest.approx(6.0, rel=1e-12)


def test_axis_and_batches():
    p = np.array([[0.5, 0.5], [1.0, 0.0]])
    np.testing.assert_allclose(h.entropy(p, base=2), [1.0, 0.0])
    np.testing.assert_allclose(h.entropy(p.T, base=2, axis=0), [1.0, 0.0])


# --- against SciPy --------------------------------------------------------------


@given(distributions())
def test_entropy_matches_scipy(p):
    assert h.entropy(p) == pytest.approx(stats.entropy(p), rel=1e-12, abs=1e-15)
    assert h.entropy(p, base=2) == pytest.approx(stats.entropy(p, base=2), rel=1e-12, abs=1e-15)


@given(distribution_pairs())
def test_kl_divergence_matches_scipy(pq):
    p, q = pq
    expected = stats.entropy(p, q)
    assert h.kl_divergence(p, q) == pytest.approx(max(expected, 0.0), rel=1e-9, abs=1e-12)


# --- theorems -------------------------------------------------------------------


@given(distribution_pairs())
def test_gibbs_inequality(pq):
    """H(p, q) >= H(p); KL >= 0 is not asserted here (the code clips rounding to 0:
    tests/test_theorems.py checks Pinsker's bound instead, which a clip cannot meet)."""
    p, q = pq
    assert h.cross_entropy(p, q) >= h.entropy(p) - 1e-12


@given(distribution_pairs(zeros=False))
def test_cross_entropy_is_entropy_plus_kl(pq):
    p, q = pq
    lhs = h.cross_entropy(p, q)
    assert lhs == pytest.approx(h.entropy(p) + h.kl_divergence(p, q), rel=1e-9, abs=1e-12)


@given(distributions())
def test_cross_entropy_with_itself_is_entropy(p):
    assert h.cross_entropy(p, p) == pytest.approx(h.entropy(p), rel=1e-12, abs=1e-15)
    assert h.kl_divergence(p, p) == pytest.approx(0.0, abs=1e-12)


@given(distributions())
def test_entropy_is_at_most_log_n(p):
    assert h.entropy(p) <= math.log(p.size) + 1e-12


@given(st.integers(1, 64))
def test_uniform_distribution_reaches_log_n(n):
    assert h.entropy(np.full(n, 1 / n)) == pytest.approx(math.log(n), rel=1e-12, abs=1e-15)


@given(distributions())
def test_bits_are_nats_divided_by_ln2(p):
    assert h.entropy(p, base=2) == pytest.approx(h.entropy(p) / LN2, rel=1e-12, abs=1e-15)


# p, q >= 1e-150 keeps p * q a normal float (a subnormal product loses precision).
@given(st.floats(1e-150, 1.0), st.floats(1e-150, 1.0))
def test_surprises_of_independent_events_add(p, q):
    assert h.surprise(p * q) == pytest.approx(h.surprise(p) + h.surprise(q), rel=1e-9, abs=1e-12)


@given(st.floats(0.0, 1.0), st.floats(1e-9, 1 - 1e-9))
def test_binary_cross_entropy_is_the_two_class_cross_entropy(y, q):
    assert h.binary_cross_entropy(y, q) == pytest.approx(
        h.cross_entropy([y, 1 - y], [q, 1 - q]), rel=1e-9, abs=1e-12
    )


# --- bad input ------------------------------------------------------------------


@pytest.mark.parametrize("func", [h.entropy, h.perplexity])
@pytest.mark.parametrize(
    ("p", "message"),
    [
        ([0.5, -0.5, 1.0], r"p contains negative values: -0\.5"),
        ([0.5, float("nan")], r"p contains NaN"),
        ([0.5, 0.4], r"p must sum to 1 along axis -1, but sums to 0\.9.*normalise first"),
        ([2, 3], r"p contains values greater than 1: 2, 3"),
        ([], r"p is empty"),
        (0.5, r"p must be a distribution"),
        (["a", "b"], r"p must contain numbers"),
    ],
)
def test_bad_distributions_are_refused(func, p, message):
    with pytest.raises(ValueError, match=message):
        func(p)


@pytest.mark.parametrize("base", [0, -2, 1, 1.0, float("inf"), "2", True, None])
def test_bad_base_is_refused(base):
    with pytest.raises(
        ValueError, match=r"base must be a positive number other than 1.*use 2 for bits"
    ):
        h.entropy([0.5, 0.5], base=base)


def test_mismatched_shapes_are_refused():
    with pytest.raises(ValueError, match=r"p has 2 outcomes \(shape \(2,\)\) but q has 3"):
        h.cross_entropy([0.5, 0.5], [0.2, 0.3, 0.5])
    with pytest.raises(ValueError, match=r"y has shape \(2,\) and q has shape \(3,\)"):
        h.binary_cross_entropy([0, 1], [0.2, 0.3, 0.5])


def test_bad_q_is_named():
    with pytest.raises(ValueError, match=r"q must sum to 1"):
        h.kl_divergence([0.5, 0.5], [0.5, 0.6])
    with pytest.raises(ValueError, match=r"q contains values greater than 1: 1\.2"):
        h.binary_cross_entropy(1, 1.2)


def test_surprise_refuses_probabilities_outside_0_1():
    with pytest.raises(ValueError, match=r"p contains values greater than 1: 5.*percentages"):
        h.surprise(5)


def test_bad_axis_is_refused():
    with pytest.raises(ValueError, match=r"axis=3 is out of range"):
        h.entropy([0.5, 0.5], axis=3)


def test_float32_sums_use_a_float32_tolerance():
    p = np.array([0.1] * 10, dtype=np.float32)  # sums to 1 within float32 rounding
    assert h.entropy(p) == pytest.approx(math.log(10), rel=1e-6)


@given(distributions(size=3), distributions(size=4))
def test_mutual_information_of_independent_variables_is_zero(px, py):
    assert h.mutual_information(np.outer(px, py)) == pytest.approx(0.0, abs=1e-12)


@given(distributions(size=12))
def test_mutual_information_is_h_minus_conditional_entropy_and_symmetric(flat):
    joint = flat.reshape(3, 4)
    h_y = h.entropy(joint.sum(axis=0))
    assert h.mutual_information(joint) == pytest.approx(
        max(h_y - h.conditional_entropy(joint), 0.0), abs=1e-12
    )
    assert h.mutual_information(joint) == pytest.approx(h.mutual_information(joint.T), abs=1e-12)
    assert h.mutual_information(joint) <= min(h_y, h.entropy(joint.sum(axis=1))) + 1e-12


def test_mutual_information_matches_scikit_learn():
    from sklearn.metrics import mutual_info_score

    rng = np.random.default_rng(3)
    x = rng.integers(0, 4, size=500)
    y = (x + rng.integers(0, 2, size=500)) % 4
    joint = np.zeros((4, 4))
    np.add.at(joint, (x, y), 1)
    assert h.mutual_information(joint / joint.sum()) == pytest.approx(
        mutual_info_score(x, y), rel=1e-12
    )


def test_mutual_information_refuses_a_vector():
    with pytest.raises(ValueError, match=r"joint must be a 2-D table"):
        h.mutual_information([0.5, 0.5])


def test_conditional_entropy_rows_average_to_the_conditional_entropy():
    rng = np.random.default_rng(5)
    joint = rng.random((6, 5))
    joint[2] = 0  # a row that never occurs
    joint /= joint.sum()
    rows = h.conditional_entropy_rows(joint, base=2)
    assert np.isnan(rows[2])
    p_x = joint.sum(axis=1)
    assert np.nansum(p_x * rows) == pytest.approx(h.conditional_entropy(joint, base=2))
    for x in (0, 1, 3):  # each row by SciPy, independently
        assert rows[x] == pytest.approx(scipy.stats.entropy(joint[x], base=2))


def test_a_row_can_exceed_the_marginal_entropy_though_the_average_cannot():
    letters = h.letters_only(h.load_text())
    pairs = h.letter_pair_counts(letters)
    joint = pairs / pairs.sum()
    rows = h.conditional_entropy_rows(joint, base=2)
    H_y = h.entropy(joint.sum(axis=0), base=2)
    assert rows[h.ALPHABET.index("e")] > H_y  # after 'e': 4.161 > 4.105 (notebook 02b)
    assert h.conditional_entropy(joint, base=2) < H_y
