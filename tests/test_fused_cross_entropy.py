"""The blocked kernel behind ``cross_entropy_from_logits`` (integer labels), held to the
plain formula ``-(t * log_softmax(z)).sum(-1)`` and to an extended-precision reference on
every branch: few classes (blocks worked on transposed) and many, one block and several
with a ragged last block, float32 and float64, memory layouts, label smoothing, -inf."""

from __future__ import annotations

import numpy as np
import pytest

import helpers as h
from helpers._fused import BLOCK_ENTRIES, TRANSPOSE_MAX_CLASSES, fused_cross_entropy
from tests.reference import cross_entropy_longdouble, smoothed_one_hot

# (classes, rows): both sides of the transposed/plain switch, one block and 2+ blocks
# with a last block that is not full.
CASES = [
    (3, 5),
    (TRANSPOSE_MAX_CLASSES, 2 * (BLOCK_ENTRIES // TRANSPOSE_MAX_CLASSES) + 7),
    (TRANSPOSE_MAX_CLASSES + 1, 2 * (BLOCK_ENTRIES // (TRANSPOSE_MAX_CLASSES + 1)) + 3),
    (1000, 3 * (BLOCK_ENTRIES // 1000) + 5),
    (BLOCK_ENTRIES + 10, 3),  # rows longer than a block: one row per block
]


def problem(c, n, dtype, seed=0):
    rng = np.random.default_rng(seed)
    return (3 * rng.standard_normal((n, c))).astype(dtype), rng.integers(0, c, size=n)


def tolerance(dtype):
    eps = float(np.finfo(dtype).eps)
    return {"rtol": 8 * eps, "atol": 8 * eps}


@pytest.mark.parametrize("label_smoothing", [0.0, 0.1])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize(("c", "n"), CASES)
def test_kernel_matches_extended_precision(c, n, dtype, label_smoothing):
    z, y = problem(c, n, dtype)
    expected = cross_entropy_longdouble(z, smoothed_one_hot(y, c, label_smoothing))
    got = fused_cross_entropy(z, y, label_smoothing)
    assert got.shape == (n,)
    np.testing.assert_allclose(got, expected.astype(np.float64), **tolerance(dtype))


@pytest.mark.parametrize("label_smoothing", [0.0, 0.1])
@pytest.mark.parametrize(("c", "n"), CASES)
def test_kernel_equals_the_plain_formula(c, n, label_smoothing):
    """Index targets (the kernel) and the same targets as probability rows (the formula)."""
    z, y = problem(c, n, np.float64, seed=1)
    t = smoothed_one_hot(y, c, label_smoothing)
    np.testing.assert_allclose(
        h.cross_entropy_from_logits(z, y, reduction="none", label_smoothing=label_smoothing),
        h.cross_entropy_from_logits(z, t, reduction="none"),
        rtol=1e-14,
        atol=1e-14,
    )


@pytest.mark.parametrize(
    "layout",
    [
        lambda z: np.asfortranarray(z),
        lambda z: np.ascontiguousarray(z.T).T,  # a transposed view
        lambda z: np.repeat(z, 2, axis=1)[:, ::2],  # strided columns
        lambda z: np.repeat(z, 2, axis=0)[::2],  # strided rows
    ],
    ids=["fortran", "transposed-view", "strided-columns", "strided-rows"],
)
@pytest.mark.parametrize(("c", "n"), [CASES[1], CASES[3]])
def test_memory_layout_does_not_matter(c, n, layout):
    z, y = problem(c, n, np.float64, seed=2)
    zl = layout(z)
    np.testing.assert_array_equal(zl, z)
    np.testing.assert_allclose(fused_cross_entropy(zl, y), fused_cross_entropy(z, y), rtol=1e-15)


@pytest.mark.parametrize(("c", "n"), [CASES[0], CASES[3]])
def test_minus_inf_logits(c, n):
    """A -inf logit of another class costs nothing; with smoothing every class counts: inf."""
    z, y = problem(c, n, np.float64, seed=3)
    other = (y + 1) % c
    z[np.arange(n), other] = -np.inf
    expected = cross_entropy_longdouble(z, smoothed_one_hot(y, c, 0.0)).astype(np.float64)
    np.testing.assert_allclose(fused_cross_entropy(z, y), expected, **tolerance(np.float64))
    assert np.all(fused_cross_entropy(z, y, 0.1) == np.inf)


@pytest.mark.parametrize(
    ("bad", "message"), [(np.nan, r"contains NaN"), (np.inf, r"contains \+inf")]
)
@pytest.mark.parametrize(("c", "n"), [CASES[1], CASES[3]])
def test_bad_logits_in_a_later_block_are_refused(c, n, bad, message):
    z, y = problem(c, n, np.float64)
    z[-1, 0] = bad
    with pytest.raises(ValueError, match=message):
        fused_cross_entropy(z, y)


def test_all_minus_inf_row_is_refused():
    z, y = problem(4, 3, np.float64)
    z[1] = -np.inf
    with pytest.raises(ValueError, match=r"every entry is -inf"):
        fused_cross_entropy(z, y)
