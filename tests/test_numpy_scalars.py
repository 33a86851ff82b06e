"""Every public function's scalar arguments: a NumPy scalar is accepted and gives the same
result as the Python number (checks use numbers.Integral / numbers.Real), and a bad value
is a ValueError that names the argument."""

from __future__ import annotations

import math

import numpy as np
import pytest

import helpers as h

RNG = lambda: np.random.default_rng(0)  # noqa: E731 - a fresh generator per call
P = [0.5, 0.25, 0.25]
MODEL = {"a": 0.5, "b": 0.5}
BITS = h.arithmetic_encode("abba", MODEL)
WORDS = ["ab", "ba", "abba"]
COUNTS = h.bigram_counts(WORDS)


def same(a, b) -> bool:
    if isinstance(a, tuple | list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, h.NgramModel):
        return np.array_equal(a.counts, b.counts) and a.alpha == b.alpha
    if isinstance(a, str):
        return a == b
    return np.allclose(np.asarray(a, dtype=float), np.asarray(b, dtype=float), rtol=1e-6)


# (id, call taking the argument's value, Python value, NumPy value, bad values, argument name)
CASES = [
    (
        "relative-error-floor",
        lambda v: h.relative_error([1.0, 1e-4], [1.1, 2e-4], floor=v),
        1e-3,
        np.float64(1e-3),
        ["1e-3", 0, -1.0],
        "floor",
    ),
    (
        "fit-temperature-iterations",
        lambda v: h.fit_temperature([[2.0, 0.0], [0.0, 2.0], [2.0, 0.0]], [0, 1, 1], iterations=v),
        50,
        np.int64(50),
        [0, 2.5, "50"],
        "iterations",
    ),
    (
        "runs-history-epochs",
        lambda v: (
            h.train_many([[0.0], [1.0]], [0, 1], [[0.0]], [0], seeds=[0], lr=1.0, epochs=3)
            .history(0, 0, epochs=v)
            .loss
        ),
        2,
        np.int64(2),
        [2.5, -1, "2"],
        "epochs",
    ),
    ("surprise-base", lambda v: h.surprise(0.25, base=v), 2, np.int64(2), ["2", 1, -2], "base"),
    ("entropy-base", lambda v: h.entropy(P, base=v), 2.0, np.float32(2), [None, 0], "base"),
    ("entropy-axis", lambda v: h.entropy(P, axis=v), -1, np.int64(-1), [1.5, 3], "axis"),
    ("kl-base", lambda v: h.kl_divergence(P, P, base=v), 2, np.float64(2), ["e"], "base"),
    (
        "bernoulli-heads",
        lambda v: h.bernoulli_log_likelihood(0.5, v, 1),
        3,
        np.int64(3),
        [2.5, -1, "3", True],
        "heads",
    ),
    (
        "conditional-entropy-base",
        lambda v: h.conditional_entropy([[0.25, 0.25], [0.25, 0.25]], base=v),
        2,
        np.int32(2),
        ["2"],
        "base",
    ),
    ("one-hot-classes", lambda v: h.one_hot([0, 2], v), 3, np.int64(3), [0, 2.0, "3"], "n_classes"),
    (
        "ce-label-smoothing",
        lambda v: h.cross_entropy_from_logits([[1.0, 0.0]], [0], label_smoothing=v),
        0.1,
        np.float32(0.1),
        [1.5, -0.1, "0.1", True],
        "label_smoothing",
    ),
    (
        "ce-reduction",
        lambda v: h.cross_entropy_from_logits([[1.0, 0.0]], [0], reduction=v),
        "sum",
        np.str_("sum"),
        ["avg", None],
        "reduction",
    ),
    (
        "gradient-eps",
        lambda v: h.numerical_gradient(lambda x: float(np.sum(x**2)), np.ones(2), eps=v),
        1e-3,
        np.float32(1e-3),
        [0, -1e-3, "1e-3"],
        "eps",
    ),
    (
        "kraft-lengths",
        lambda v: h.kraft_sum(v),
        [1, 2, 3, 3],
        np.array([1, 2, 3, 3]),
        [[1, 2.5], [1, -1], [1, "2"]],
        "lengths",
    ),
    (
        "huffman-weights",
        lambda v: h.huffman_code({"a": v, "b": 1.0}),
        3.0,
        np.float32(3.0),
        ["3", None, -1.0],
        "frequencies",
    ),
    (
        "arithmetic-model",
        lambda v: h.arithmetic_encode("ab", {"a": v, "b": 0.5}),
        0.5,
        np.float64(0.5),
        ["0.5", None],
        "model",
    ),
    (
        "huffman-weights-finite",
        lambda v: h.huffman_code({"a": v, "b": 1.0}),
        3.0,
        np.float64(3.0),
        [math.inf, math.nan],
        "frequencies",
    ),
    (
        "shannon-code-sum",  # sums to 1 within sum_tolerance(float), as arithmetic coding
        lambda v: h.shannon_code_lengths({"a": v, "b": 0.5}),
        0.5,
        np.float64(0.5),
        [0.5 + 1e-6, 0.4],
        "p",
    ),
    (
        "arithmetic-model-range",
        lambda v: h.arithmetic_encode("ab", {"a": v, "b": 0.5}),
        0.5,
        np.float32(0.5),
        [1.5, -0.5, math.nan],
        "model",
    ),
    (
        "ngram-alphabet",
        lambda v: h.NgramModel(1, ["ab"], alphabet=v),
        "ab",
        "ab",
        ["", "aab", 5, None],
        "alphabet",
    ),
    (
        "ngram-boundary",
        lambda v: h.NgramModel(1, ["ab"], alphabet=".ab", boundary=v),
        ".",
        ".",
        [5, "..", "z", ""],
        "boundary",
    ),
    (
        "shannon-bounds-guesses",
        lambda v: h.shannon_bounds([v, 1]),
        2,
        np.int64(2),
        [1.5, 0, 28],
        "guess_numbers",
    ),
    (
        "arithmetic-length",
        lambda v: h.arithmetic_decode(BITS, MODEL, v),
        0,
        np.int64(0),
        [-1, 1.0, "4"],
        "length",
    ),
    (
        "fit-bigram-alpha",
        lambda v: h.fit_bigram(COUNTS, alpha=v),
        0.5,
        np.float32(0.5),
        [-1, "1"],
        "alpha",
    ),
    (
        "sample-words-n",
        lambda v: h.sample_words(h.uniform_model(), v, RNG()),
        2,
        np.int64(2),
        [-1, 2.0],
        "n",
    ),
    (
        "split-words-fraction",
        lambda v: h.split_words(WORDS, v, RNG()),
        0.5,
        np.float64(0.5),
        [0, 1, "0.5"],
        "test_fraction",
    ),
    ("ngram-order", lambda v: h.NgramModel(v, ["ab ba"]), 1, np.int64(1), [-1, 1.0], "order"),
    (
        "ngram-codes-order",
        lambda v: h.ngram_codes(["ab"], v, "ab"),
        1,
        np.int64(1),
        [-1, 1.0],
        "order",
    ),
    (
        "ngram-from-counts-alpha",
        lambda v: h.NgramModel.from_counts([[1, 2], [3, 0]], alpha=v, alphabet="ab"),
        0.5,
        np.float64(0.5),
        [-1, "a"],
        "alpha",
    ),
    (
        "adaptive-code-order",
        lambda v: h.adaptive_code_bits(["ab"], v, 0.5, ".ab"),
        1,
        np.int64(1),
        [-1, 1.5],
        "order",
    ),
    (
        "adaptive-text-alpha",
        lambda v: h.adaptive_text_bits("abab", 1, v, "ab"),
        0.5,
        np.float32(0.5),
        [-1, "a"],
        "alpha",
    ),
    (
        "ngram-alpha",
        lambda v: h.NgramModel(1, ["ab ba"], alpha=v),
        0.5,
        np.float32(0.5),
        [-0.5, "a"],
        "alpha",
    ),
    (
        "shannon-bounds-symbols",
        lambda v: h.shannon_bounds([1, 2, 2], n_symbols=v),
        27,
        np.int64(27),
        [0, 27.0],
        "n_symbols",
    ),
    (
        "block-resample-block",
        lambda v: h.block_resample(10, RNG(), block=v, segments=[5, 5]),
        3,
        np.int64(3),
        [0, 2.5],
        "block",
    ),
    (
        "block-resample-size",
        lambda v: h.block_resample(10, RNG(), block=2, size=v),
        4,
        np.int64(4),
        [0, 1.5],
        "size",
    ),
    (
        "block-resample-segments",
        lambda v: h.block_resample(10, RNG(), block=2, segments=[v, 10 - 4]),
        4,
        np.int64(4),
        [0, 4.5],
        "segments",
    ),
    (
        "bounds-coverage-sets",
        lambda v: h.bounds_coverage([0.5, 0.5], 20, RNG(), n_sets=v, n_resamples=20),
        5,
        np.int64(5),
        [0, 2.5],
        "n_sets",
    ),
    (
        "confusion-classes",
        lambda v: h.confusion_matrix([0, 1], [1, 1], v),
        2,
        np.int64(2),
        [0, 2.5],
        "n_classes",
    ),
]


@pytest.mark.parametrize(
    ("call", "python", "numpy"), [c[1:4] for c in CASES], ids=[c[0] for c in CASES]
)
def test_a_numpy_scalar_is_accepted_like_the_python_number(call, python, numpy):
    assert same(call(numpy), call(python))


@pytest.mark.parametrize(
    ("call", "bad", "name"),
    [pytest.param(c[1], bad, c[5], id=f"{c[0]}-{bad!r}") for c in CASES for bad in c[4]],
)
def test_a_bad_value_is_a_value_error_naming_the_argument(call, bad, name):
    with pytest.raises(ValueError, match=rf"\b{name}\b") as info:
        call(bad)
    assert "could not convert" not in str(info.value)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: h.conditional_entropy([[0.5], [0.25, 0.25]]), "joint"),
        (lambda: h.mutual_information([[0.5], [0.25, 0.25]]), "joint"),
        (lambda: h.entropy([[0.5, 0.5], [1.0]]), "p"),
    ],
)
def test_ragged_tables_are_refused_by_name(call, name):
    with pytest.raises(ValueError, match=rf"^{name} must be an array of numbers"):
        call()


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: h.mutual_information([0.5, 0.5]), "joint"),  # 1-D
        (lambda: h.conditional_entropy(np.full((2, 2, 1), 0.25)), "joint"),  # 3-D
        (lambda: h.average_nll(["ab"], np.full((3, 3), 1 / 3)), "model"),  # not 27 x 27
    ],
)
def test_table_shapes_are_refused_by_name(call, name):
    with pytest.raises(ValueError, match=rf"^{name} must be a"):
        call()


def test_the_case_table_can_fail():
    assert not same(1.0, 1.1)
    with pytest.raises(AssertionError):
        test_a_numpy_scalar_is_accepted_like_the_python_number(lambda v: v, 1, 2)
    assert math.isclose(float(h.surprise(0.25, base=np.int64(2))), 2.0)
