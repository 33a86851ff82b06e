"""SciPy's own test cases, ported: ``scipy/special/tests/test_logsumexp.py`` (TestLogSumExp,
TestSoftmax), ``scipy/special/tests/test_log_softmax.py`` and
``scipy/stats/tests/test_entropy.py`` (TestEntropy). Same inputs and expected values
(SciPy's were computed with mpmath at 200 digits); SciPy is also called live where
its behaviour and ours coincide.

``scipy.stats.entropy(pk, qk)`` is our ``entropy(pk)`` or ``kl_divergence(pk, qk)``;
its default axis is 0, ours -1, so SciPy's 2-D cases are run with ``axis=0``.

Deliberate differences (each one a test below that asserts the ``ValueError``):

===========================================  ======================  =========================================
input                                        SciPy                   helpers, and why
===========================================  ======================  =========================================
``logsumexp([])``                            ``-inf``                ValueError: no class, no distribution
``logsumexp([inf])``, ``[-inf]``, ``[nan]``  inf, -inf, nan          ValueError: logits are finite or -inf,
                                                                     with one finite entry per row
scalar logits (``log_softmax(1.0)``)         treated as one class    ValueError: a row of classes is needed
``axis=None`` or a tuple of axes             flattens / joins axes   ValueError: every function works along
                                                                     one axis (default -1)
``entropy([0, 1, 2])`` (does not sum to 1)   renormalises silently   ValueError: a silent renormalisation
                                                                     hides the learner's mistake
``entropy(x, y)``, x (3,), y (2, 1)          broadcasts y's outcome  ValueError: the outcome axis is never
                                             axis of length 1        broadcast (1 outcome is not 3)
===========================================  ======================  =========================================
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import special, stats

import helpers as h

# mpmath values from SciPy's tests (mp.dps = 200), converted to float.
LOG_SOFTMAX_ARANGE4 = np.array(
    [-3.4401896985611953, -2.4401896985611953, -1.4401896985611953, -0.44018969856119533]
)
SOFTMAX_ARANGE4 = np.array(
    [0.03205860328008499, 0.08714431874203256, 0.23688281808991013, 0.6439142598879722]
)
SOFTMAX_MULTI_X = np.array([[-25, 0, 25, 50], [1, 325, 749, 750]])
SOFTMAX_MULTI_EXPECTED = np.array(
    [
        [2.678636961770877e-33, 1.9287498479371314e-22, 1.3887943864771144e-11, 0.999999999986112],
        [0.0, 1.9444526359919372e-185, 0.2689414213699951, 0.7310585786300048],
    ]
)
PK = np.array([[0.1, 0.2], [0.6, 0.3], [0.3, 0.5]])
QK = np.array([[0.2, 0.1], [0.3, 0.6], [0.5, 0.3]])


# --- logsumexp (TestLogSumExp) --------------------------------------------------------


def test_logsumexp_large_inputs_arange():
    a = np.arange(200.0)
    np.testing.assert_allclose(h.logsumexp(a), np.log(np.sum(np.exp(a))), rtol=1e-14)


@pytest.mark.parametrize(
    ("a", "expected"),
    [
        ([1000.0, 1000.0], 1000.0 + math.log(2.0)),
        (np.full(1000, 10000.0), 10000.0 + math.log(1000)),
        ([1000, 1000], 1000.0 + math.log(2.0)),  # test_list: a plain list of ints
    ],
)
def test_logsumexp_large_numbers(a, expected):
    assert h.logsumexp(a) == pytest.approx(expected, rel=1e-15)


@pytest.mark.parametrize("axis", [-1, 1, 0])
def test_logsumexp_many_tiny_terms(axis):
    x = np.full(1_000_000, 1e-40)
    X, logX = np.stack([x, x]), np.log(np.stack([x, x]))
    np.testing.assert_allclose(np.exp(h.logsumexp(logX, axis=axis)), X.sum(axis=axis), rtol=1e-9)


def test_logsumexp_different_magnitudes_on_the_axes():
    a = np.array([[1e10, 1e-10], [-1e10, -np.inf]])
    np.testing.assert_allclose(h.logsumexp(a, axis=-1), [1e10, -1e10], rtol=1e-15)


@pytest.mark.parametrize(
    ("dtype", "result_dtype"),
    [
        (np.float32, np.float32),
        (np.float64, np.float64),
        (np.int32, np.float64),
        (np.int64, np.float64),
    ],
)
def test_logsumexp_dtypes(dtype, result_dtype):
    a = np.array([1000.0, 1000.0], dtype=dtype)
    out = h.logsumexp(a)
    assert out.dtype == result_dtype
    assert out == pytest.approx(1000.0 + math.log(2.0), rel=float(np.finfo(result_dtype).eps))


def test_logsumexp_gh18295_tiny_terms_are_kept():
    a = np.array([0.0, -40.0])
    assert h.logsumexp(a) == pytest.approx(np.logaddexp(a[0], a[1]), rel=1e-15)
    assert h.logsumexp(a) == pytest.approx(special.logsumexp(a), rel=1e-15)
    assert h.logsumexp(a) > 0


def test_logsumexp_list_equals_array():
    assert h.logsumexp([1, 2, 3]) == h.logsumexp(np.array([1.0, 2.0, 3.0]))


@pytest.mark.parametrize(
    ("a", "message"),
    [
        ([], r"is empty"),
        ([np.inf], r"contains \+inf"),
        ([-np.inf], r"every entry is -inf"),
        ([-np.inf, -np.inf], r"every entry is -inf"),
        ([np.nan], r"contains NaN"),
        (1.0, r"at least one dimension"),
    ],
)
def test_logsumexp_special_values_are_refused(a, message):
    """Deliberate: SciPy returns -inf, inf, -inf, -inf, nan, 1.0; helpers raises."""
    with pytest.raises(ValueError, match=message):
        h.logsumexp(a)


# --- softmax (TestSoftmax) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "expected"),
    [
        ([1000, 0, 0, 0], [1, 0, 0, 0]),
        ([1, 1], [0.5, 0.5]),
        ([0, 1], np.array([1, np.e]) / (1 + np.e)),
        (np.arange(4), SOFTMAX_ARANGE4),
        (np.arange(4) + 100, SOFTMAX_ARANGE4),  # translation property
    ],
)
def test_softmax_fixtures(x, expected):
    np.testing.assert_allclose(h.softmax(x), expected, rtol=1e-13)


@pytest.mark.parametrize(
    ("axis", "expected"), [(0, [[0.5, 0.5], [0.5, 0.5]]), (1, [[1, 0], [1, 0]])]
)
def test_softmax_multi_axes(axis, expected):
    np.testing.assert_allclose(h.softmax([[1000, 0], [1000, 0]], axis=axis), expected, rtol=1e-13)


def test_softmax_mpmath_rows_and_columns():
    np.testing.assert_allclose(
        h.softmax(SOFTMAX_MULTI_X, axis=1), SOFTMAX_MULTI_EXPECTED, rtol=1e-13
    )
    np.testing.assert_allclose(
        h.softmax(SOFTMAX_MULTI_X.T, axis=0), SOFTMAX_MULTI_EXPECTED.T, rtol=1e-13
    )


@pytest.mark.parametrize("axis", [None, (1, 2)])
def test_softmax_over_several_axes_is_refused(axis):
    """Deliberate: SciPy joins the axes; helpers works along one axis."""
    with pytest.raises(ValueError, match=r"axis=.* is out of range"):
        h.softmax(SOFTMAX_MULTI_X.reshape(2, 2, 2), axis=axis)


# --- log_softmax (test_log_softmax.py) -------------------------------------------------


@pytest.mark.parametrize(
    ("x", "expected"),
    [
        (np.array([1000, 1]), np.array([0, -999])),
        (np.arange(4), LOG_SOFTMAX_ARANGE4),
        (np.arange(4) + 100, LOG_SOFTMAX_ARANGE4),  # test_log_softmax_translation
    ],
)
def test_log_softmax(x, expected):
    np.testing.assert_allclose(h.log_softmax(x), expected, rtol=1e-13)


@pytest.mark.parametrize(
    ("axis", "expected"),
    [(0, np.log(0.5) * np.ones((2, 2))), (1, np.array([[0, -999], [0, -999]]))],
)
def test_log_softmax_axes(axis, expected):
    np.testing.assert_allclose(
        h.log_softmax([[1000, 1], [1000, 1]], axis=axis), expected, rtol=1e-13
    )


def test_log_softmax_2d_axis1_and_axis0():
    x = np.arange(8).reshape(2, 4)
    expected = np.stack([LOG_SOFTMAX_ARANGE4, LOG_SOFTMAX_ARANGE4])
    np.testing.assert_allclose(h.log_softmax(x, axis=1), expected, rtol=1e-13)
    np.testing.assert_allclose(h.log_softmax(x.T, axis=0), expected.T, rtol=1e-13)


def test_log_softmax_scalar_is_refused():
    """Deliberate: SciPy returns 0.0 for the scalar 1.0 (one class)."""
    with pytest.raises(ValueError, match=r"at least one dimension"):
        h.log_softmax(1.0)


# --- entropy (TestEntropy) -------------------------------------------------------------


def test_entropy_positive():
    pk, qk = [0.5, 0.2, 0.3], [0.1, 0.25, 0.65]
    assert h.kl_divergence(pk, pk) == 0.0
    assert h.kl_divergence(pk, qk) > 0.0
    assert h.kl_divergence(pk, qk) == pytest.approx(stats.entropy(pk, qk), rel=1e-14)


def test_entropy_base():
    pk = np.ones(16) / 16
    assert h.entropy(pk, base=2) == pytest.approx(4.0, abs=1e-15)
    qk = np.where(np.arange(16) < 8, 2.0, 1.0)
    qk /= qk.sum()
    assert h.kl_divergence(pk, qk) / h.kl_divergence(pk, qk, base=2) == pytest.approx(
        math.log(2.0), rel=1e-14
    )


def test_entropy_zero():
    assert h.entropy(np.array([0.0, 1.0, 2.0]) / 3) == pytest.approx(0.63651416829481278, rel=1e-15)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: h.entropy([0.0, 1.0, 2.0]), r"greater than 1: 2; .* counts"),  # test_entropy_zero
        (lambda: h.entropy(np.ones(16), base=2), r"sum to 1 .* sums to 16; .* normalise first"),
        (lambda: h.entropy(PK, axis=1), r"sum to 1 along axis 1, .* normalise first"),
        (lambda: h.kl_divergence(PK, QK, axis=1), r"sum to 1 along axis 1, .* normalise first"),
    ],
)
def test_unnormalised_input_is_refused(call, message):
    """Deliberate: SciPy renormalises pk and qk silently; helpers says how to normalise."""
    with pytest.raises(ValueError, match=message):
        call()


def test_entropy_nondefault_axis_after_normalising():
    rows = PK / PK.sum(axis=1, keepdims=True)
    q_rows = QK / QK.sum(axis=1, keepdims=True)
    np.testing.assert_allclose(h.entropy(rows), [0.63651417, 0.63651417, 0.66156324], rtol=1e-7)
    np.testing.assert_allclose(
        h.kl_divergence(rows, q_rows), [0.23104906, 0.23104906, 0.12770641], rtol=1e-7
    )


def test_entropy_2d():
    np.testing.assert_allclose(h.kl_divergence(PK, QK, axis=0), [0.1933259, 0.18609809], rtol=1e-7)


def test_entropy_2d_zero():
    """SciPy's expected values, with the inputs normalised the way SciPy normalises them."""
    qk = np.array([[0.0, 0.1], [0.3, 0.6], [0.5, 0.3]])
    q = qk / qk.sum(axis=0)
    np.testing.assert_allclose(h.kl_divergence(PK, q, axis=0), [np.inf, 0.18609809], rtol=1e-7)
    pk = np.array([[0.0, 0.2], [0.6, 0.3], [0.3, 0.5]])
    p = pk / pk.sum(axis=0)
    np.testing.assert_allclose(h.kl_divergence(p, q, axis=0), [0.17403988, 0.18609809], rtol=1e-7)
    np.testing.assert_allclose(h.kl_divergence(p, q, axis=0), stats.entropy(pk, qk), rtol=1e-13)


def test_entropy_axis_0_is_the_transposed_default():
    np.testing.assert_allclose(h.entropy(PK, axis=0), h.entropy(PK.T), rtol=1e-15)
    np.testing.assert_allclose(h.kl_divergence(PK, QK, axis=0), h.kl_divergence(PK.T, QK.T))


@pytest.mark.parametrize(
    ("p", "q"),
    [
        (PK, np.full((2, 2), 0.5)),  # test_entropy_raises_value_error: (3, 2) vs (2, 2)
        (np.full((10, 1, 12), 1 / 12), np.full((11, 2), 0.5)),  # test_entropy_shape_mismatch
    ],
)
def test_shapes_that_do_not_broadcast_are_refused(p, q):
    with pytest.raises(ValueError, match=r"p has \d+ outcomes .* but q has \d+"):
        h.kl_divergence(p, q, axis=0 if p.ndim == 2 else -1)


def test_broadcasting_along_the_outcome_axis_is_refused():
    """Deliberate (test_entropy_broadcasting): SciPy stretches y (2, 1) across 3 outcomes."""
    rng = np.random.default_rng(74187315492831452)
    x = rng.random(3)
    x /= x.sum()
    with pytest.raises(ValueError, match=r"p has 3 outcomes .* q has 1"):
        h.kl_divergence(x, np.ones((2, 1)))


def test_broadcasting_along_batch_axes_stays_allowed():
    rng = np.random.default_rng(74187315492831452)
    x = rng.random(3)
    x /= x.sum()
    y = rng.random((2, 3))
    y /= y.sum(axis=1, keepdims=True)
    res = h.kl_divergence(x, y)
    assert res[0] == h.kl_divergence(x, y[0])
    assert res[1] == h.kl_divergence(x, y[1])


def test_negative_base_is_refused():
    with pytest.raises(ValueError, match=r"base must be a positive number"):
        h.entropy(np.ones(10) / 10, base=-2)
