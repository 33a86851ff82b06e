"""PyTorch's own cross-entropy and log_softmax test cases, ported from ``test/test_nn.py``
(``test_log_softmax_big``, ``test_cross_entropy_label_smoothing_*``,
``test_cross_entropy_loss_one_hot_target``, ``test_invalid_reduction_strings``, the
no-batch-dimension cases) and the ``cross_entropy`` sample inputs of
``torch/testing/_internal/common_methods_invocations.py`` (reductions, label
smoothing 0 and 0.5, index and probability targets).

PyTorch is not a dependency of ``make test``: where its tests compare two PyTorch
calls, both sides here are ``helpers``; where they need a true value, it is computed
from the mathematics in 50-digit decimal arithmetic (``tests/reference.py``).

Deliberate differences (each one a test below):

=============================================  ===========================  =============================
input                                          PyTorch                      helpers, and why
=============================================  ===========================  =============================
``reduction="mean"`` over an empty batch        ``nan``                      ValueError: 0 / 0 is no loss
probability targets whose rows do not sum to 1  computes the formula anyway  ValueError: not a distribution
``label_smoothing`` outside [0, 1]              RuntimeError                 ValueError (same check)
class index out of range, float class indices   IndexError / RuntimeError    ValueError naming the fix
logits with more than 2 dimensions (N, C, d1)   loss per position            ValueError: the course's
                                                                             losses take (N, C) or (C,)
``weight=``, ``ignore_index=``                  supported                    not offered (no parameter)
=============================================  ===========================  =============================
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import helpers as h
from tests.reference import cross_entropy_exact, smoothed_one_hot

pytestmark = pytest.mark.pinned  # make test-latest leaves these out

REDUCTIONS = ["mean", "sum", "none"]
SMOOTHINGS = [0.05, 0.15, 0.25, 0.5]


def reduce(losses: np.ndarray, reduction: str):
    return {"mean": np.mean, "sum": np.sum, "none": lambda x: x}[reduction](losses)


def random_problem(n=10, c=4, seed=0):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, c)), rng.integers(0, c, size=n)


@pytest.mark.parametrize(("dtype", "offset"), [(np.float32, 1e7), (np.float64, 1e15)])
def test_log_softmax_big(dtype, offset):
    """Integers 0..99 and the same plus a big offset (both exact in the dtype): equal log_softmax."""
    x_small = np.random.default_rng(0).integers(0, 100, size=(16, 4)).astype(dtype)
    x_big = x_small + dtype(offset)
    np.testing.assert_array_equal(h.log_softmax(x_small), h.log_softmax(x_big))


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("label_smoothing", SMOOTHINGS)
def test_label_smoothing_consistent_index_target_and_probs(label_smoothing, reduction):
    z, y = random_problem()
    t = smoothed_one_hot(y, 4, label_smoothing)
    index = h.cross_entropy_from_logits(z, y, reduction=reduction, label_smoothing=label_smoothing)
    probs = h.cross_entropy_from_logits(z, t, reduction=reduction)
    np.testing.assert_allclose(index, probs, rtol=1e-13)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("label_smoothing", SMOOTHINGS)
def test_label_smoothing_with_probs(label_smoothing, reduction):
    """Smoothing a probability target: (1 - eps) t + eps / C, against the exact value."""
    z, _ = random_problem(seed=1)
    t = np.random.default_rng(2).dirichlet(np.ones(4), size=10)
    smoothed = (1 - label_smoothing) * t + label_smoothing / 4
    expected = reduce(cross_entropy_exact(z, smoothed), reduction)
    got = h.cross_entropy_from_logits(z, t, reduction=reduction, label_smoothing=label_smoothing)
    np.testing.assert_allclose(got, expected, rtol=1e-14)


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_one_hot_target_equals_index_target(reduction):
    z, y = random_problem(seed=3)
    np.testing.assert_allclose(
        h.cross_entropy_from_logits(z, h.one_hot(y, 4), reduction=reduction),
        h.cross_entropy_from_logits(z, y, reduction=reduction),
        rtol=1e-14,
    )


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("label_smoothing", [0.0, 0.5])
@pytest.mark.parametrize("target_kind", ["index", "probs"])
def test_sample_inputs_against_the_mathematics(target_kind, label_smoothing, reduction):
    """common_methods_invocations' cross_entropy samples: S = 5 rows, C = 10 classes."""
    rng = np.random.default_rng(4)
    z = rng.normal(size=(5, 10))
    if target_kind == "index":
        target = rng.integers(0, 10, size=5)
        t = smoothed_one_hot(target, 10, label_smoothing)
    else:
        target = rng.dirichlet(np.ones(10), size=5)
        t = (1 - label_smoothing) * target + label_smoothing / 10
    expected = reduce(cross_entropy_exact(z, t), reduction)
    got = h.cross_entropy_from_logits(
        z, target, reduction=reduction, label_smoothing=label_smoothing
    )
    np.testing.assert_allclose(got, expected, rtol=1e-14)


@pytest.mark.parametrize("label_smoothing", [-0.1, 1.1])
def test_label_smoothing_errors(label_smoothing):
    z, y = random_problem()
    with pytest.raises(ValueError, match=r"label_smoothing must be a number in \[0, 1\]"):
        h.cross_entropy_from_logits(z, y, label_smoothing=label_smoothing)


def test_invalid_reduction_strings():
    z, y = random_problem()
    with pytest.raises(ValueError, match=r"reduction must be one of .* got 'invalid'"):
        h.cross_entropy_from_logits(z, y, reduction="invalid")


@pytest.mark.parametrize("target_kind", ["index", "probs"])
def test_no_batch_dim(target_kind):
    z, y = random_problem(n=1, c=5, seed=6)
    target = y[0] if target_kind == "index" else h.one_hot(y, 5)[0]
    single = h.cross_entropy_from_logits(z[0], target)
    batched = h.cross_entropy_from_logits(z, y)
    assert single == pytest.approx(batched, rel=1e-15)
    assert h.cross_entropy_from_logits(z[0], target, reduction="none") == pytest.approx(batched)


@pytest.mark.parametrize("label_smoothing", [0.0, 0.1])
def test_large_common_offset_keeps_the_loss(label_smoothing):
    """The issue's regression: [[1e17, 1e17]] against class 0 is ln 2, with or without smoothing."""
    for target in ([0], np.array([[0.5, 0.5]])):
        loss = h.cross_entropy_from_logits([[1e17, 1e17]], target, label_smoothing=label_smoothing)
        assert loss == pytest.approx(math.log(2), rel=1e-15)
    np.testing.assert_array_equal(h.softmax([1e17, 1e17]), [0.5, 0.5])
    np.testing.assert_array_equal(h.softmax(np.array([1e30, 1e30])), [0.5, 0.5])
    np.testing.assert_array_equal(h.softmax(np.array([1e4, 1e4], dtype=np.float32)), [0.5, 0.5])


@pytest.mark.parametrize(
    ("dtype", "offset"), [(np.float32, 1e4), (np.float32, 1e6), (np.float64, 1e12)]
)
def test_softmax_of_integers_plus_an_offset(dtype, offset):
    z = np.random.default_rng(7).integers(0, 20, size=(8, 6)).astype(dtype)
    expected = h.softmax(z.astype(np.float64))
    q = h.softmax(z + dtype(offset))
    eps = float(np.finfo(dtype).eps)
    np.testing.assert_allclose(q, expected, rtol=8 * eps, atol=0)
    np.testing.assert_allclose(q.sum(axis=1), 1.0, rtol=0, atol=8 * eps)


def test_probability_target_loss_float32_at_an_offset():
    rng = np.random.default_rng(8)
    z = rng.integers(0, 20, size=(8, 6)).astype(np.float32)
    t = rng.dirichlet(np.ones(6), size=8)
    expected = float(np.mean(cross_entropy_exact(z.astype(np.float64), t)))
    got = h.cross_entropy_from_logits(z + np.float32(1e4), t)
    assert got == pytest.approx(expected, rel=4e-7)


@pytest.mark.parametrize(("reduction", "expected"), [("sum", 0.0), ("none", np.zeros(0))])
def test_empty_batch_sum_and_none(reduction, expected):
    out = h.cross_entropy_from_logits(np.zeros((0, 3)), np.zeros(0, dtype=int), reduction=reduction)
    np.testing.assert_array_equal(out, expected)


def test_empty_batch_mean_is_refused():
    """Deliberate: PyTorch returns nan (0 / 0)."""
    with pytest.raises(ValueError, match=r"mean loss of an empty batch is undefined"):
        h.cross_entropy_from_logits(np.zeros((0, 3)), np.zeros(0, dtype=int))


def test_probability_rows_must_sum_to_one():
    """Deliberate: PyTorch computes -sum(t * log_softmax(z)) for any t."""
    z, _ = random_problem(n=2, c=3)
    with pytest.raises(ValueError, match=r"target must sum to 1"):
        h.cross_entropy_from_logits(z, np.array([[0.5, 0.5, 0.5], [1.0, 0.0, 0.0]]))


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (np.array([0, 3]), r"class indices out of range: 3; .* 0\.\.2"),
        (np.array([0.0, 1.0]), r"float dtype .*\.astype\(int\)"),
    ],
)
def test_bad_class_indices(target, message):
    z, _ = random_problem(n=2, c=3)
    with pytest.raises(ValueError, match=message):
        h.cross_entropy_from_logits(z, target)


def test_spatial_logits_are_refused():
    """Deliberate: PyTorch accepts (N, C, d1, ...) logits; the course's loss takes (N, C)."""
    with pytest.raises(ValueError, match=r"shape \(N, C\) or \(C,\)"):
        h.cross_entropy_from_logits(np.zeros((2, 3, 4)), np.zeros((2, 4), dtype=int))


def test_float32_matches_float64():
    """test_cross_entropy_loss_precision, scaled down: float32 agrees with float64."""
    rng = np.random.default_rng(9)
    z = rng.normal(size=(4096, 50))
    y = rng.integers(0, 50, size=4096)
    loss32 = h.cross_entropy_from_logits(z.astype(np.float32), y)
    assert loss32.dtype == np.float32
    assert float(loss32) == pytest.approx(float(h.cross_entropy_from_logits(z, y)), rel=2e-7)
