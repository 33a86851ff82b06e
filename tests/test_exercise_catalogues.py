"""For every checker of notebooks 01, 02 and 02b: a catalogue of plausible wrong answers, each
rejected with a hint that names the mistake, and correct answers written differently, each accepted.
The counts per checker are reported in the closing note of issue 22."""

from __future__ import annotations

import functools
import math
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
import scipy.special
import scipy.stats
from scipy.special import entr

import helpers as h

# --- 01: surprise_bits ---------------------------------------------------------

SURPRISE_WRONG = [
    (lambda p: 1 - p, "NOT happening: it never exceeds 1"),
    (lambda p: -np.log(p), "nats"),
    (lambda p: -np.log10(p), "base 10"),
    (lambda p: np.log2(p), "wrong sign"),
    (lambda p: 1 / p if p else math.inf, "LOG of 1/p"),
    (lambda p: -np.log2(p) if p > 0 else 0.0, "infinitely surprising"),
    (lambda p: -np.log2(p + 1e-12), "hides the infinity"),
    (lambda p: float(round(-math.log2(p))) if p else math.inf, "rounded to whole bits"),
    (lambda p: -np.log2(p + 1e-9), "epsilon or a clip hides"),
    (lambda p: -np.log2(np.clip(p, 1e-300, 1)), "epsilon or a clip hides"),
    (lambda p: -math.log2(p), "math.log2(0) raises"),
    (lambda p: -np.log2(p) if p > 0 else math.nan, "surprise_bits(0.0) is nan"),
    (lambda p: str(-np.log2(p)), "returned the string"),
    (lambda p: -np.log(p) * np.log(2), "multiplied the nats by ln 2"),
    (lambda p: -np.log2(1 - p), "NOT happening"),
    (lambda p: -p * np.log2(p), "one term of an entropy"),
    (lambda p: -np.log(p) / np.log(4), "log base 4"),
    (lambda p: -np.log2(p) / 2, "log base 4"),
    (lambda p: 1 - np.log2(p), "one bit too many"),
    (lambda p: np.log2(p) ** 2, "squared the logarithm"),
    (lambda p: -np.log(2) / np.log(p), "upside down"),
    (lambda p: h.surprise(p, base=2), "calls h.surprise"),
    (lambda p: round(float(-np.log2(p)), 2) if p > 0 else math.inf, "rounded to 2 decimals"),
]
SURPRISE_RIGHT = [
    lambda p: -np.log2(p),
    lambda p: -np.log(p) / np.log(2),
    lambda p: math.inf if p == 0 else math.log2(1 / p),
    lambda p: -math.log(p, 2) if p > 0 else math.inf,
    lambda p: np.log2(1 / p),  # 1 / p is inf at p = 0 for the NumPy floats the check passes
    lambda p: -np.log2(np.float64(p)),
]


@pytest.mark.parametrize(("wrong", "hint"), SURPRISE_WRONG)
def test_surprise_bits_rejects(wrong, hint):
    with np.errstate(divide="ignore"):
        fb = h.check_surprise_bits(wrong)
    assert not fb.passed and hint in fb.message, fb.message


@pytest.mark.parametrize("right", SURPRISE_RIGHT)
def test_surprise_bits_accepts(right):
    with np.errstate(divide="ignore"):
        assert h.check_surprise_bits(right).passed


# --- 01: unit_from_a_quarter ---------------------------------------------------

UNIT_WRONG = [
    ((2, 4), "you multiplied"),
    ((1, 2), "fair coin in bits"),
    ((0.25, 4), "two halvings"),
    ((0.5, 2), "unit of bits"),
    ((0.5, 0.25), "below 1"),
    ((0.5, 2**0.5), "that is 2^c"),
    ((0.5, 0.5), "looks like the coin's surprise"),
    ((0.504, 4), "write 1/4 as a product"),  # three decimals: not 0.5 rounded
    ((0.5, 4.004), "which b makes"),
    (("0.5", 4), "must be a number"),
    ((math.log(2), 4), "in nats (ln 2)"),
    ((0.48, 4), "multiplied nats by ln 2"),
    ((0.415, 4), "NOT happening"),
    ((0.5, math.e), "base of nats"),
    ((0.5, 16), "2^2, not 2^4"),
    ((-0.5, 4), "never negative"),
]


@pytest.mark.parametrize(("answer", "hint"), UNIT_WRONG)
def test_unit_from_a_quarter_rejects(answer, hint):
    fb = h.check_unit_from_a_quarter(*answer)
    assert not fb.passed and hint in fb.message, fb.message


@pytest.mark.parametrize(
    "answer",
    [(0.5, 4), (1 / 2, 4.0), (Fraction(1, 2), Decimal("4")), (np.float64(0.5), 2 ** (1 / 0.5))],
)
def test_unit_from_a_quarter_accepts(answer):
    assert h.check_unit_from_a_quarter(*answer).passed


# --- 01: one_over_p_adds ---------------------------------------------------------

ONE_OVER_P_WRONG = [
    ((1.0, 1.0), "two certain events"),
    ((0.0, 1.0), "is not a probability"),
    ((1.5, -0.5), "is not a probability"),
    ((0.5, 0.6), "try p = q first"),
    ((0.3, 0.7005), "close: p + q is"),  # 1e-3 off: no longer passes
    ((0.2, 0.2), "has one solution only"),
    (("0.5", 0.5), "must be a number"),
    (([0.3], 0.7), "must be a number"),
    ((..., 0.5), "Set p first"),
    ((0.25, 0.25), "has one solution only"),
    ((0.5, 0.4999), "close: p + q is"),
    ((1.0, 1e-12), "close: p + q is"),  # p + q = 1 + 1e-12: not 1 to float precision
    ((0.1, 0.9000000001), "close: p + q is"),
    # p + q rounds to 1 in floating point, but the numbers given do not sum to 1
    ((1e-17, 1), "close: p + q is 1.00000000000000001"),
    ((1e-17, 1.0), "close: p + q is 1.00000000000000001"),
    ((0.3, 0.7000000000000002), "close: p + q is 1.0000000000000001"),  # one float step above 0.7
    ((0.5, 0.5000000000000001), "close: p + q is"),
]


@pytest.mark.parametrize(("answer", "hint"), ONE_OVER_P_WRONG)
def test_one_over_p_adds_rejects(answer, hint):
    fb = h.check_one_over_p_adds(*answer)
    assert not fb.passed and hint in fb.message, fb.message


@pytest.mark.parametrize(
    "answer",
    [
        (0.3, 0.7),
        (0.5, 0.5),
        (0.333, 0.667),
        (1 / 3, 2 / 3),  # computed floats: the nearest ones to a pair that sums to 1
        (1 / 3, 1 - 1 / 3),
        (1 / 7, 6 / 7),
        (Fraction(1, 3), Fraction(2, 3)),
        (Decimal("0.25"), Decimal("0.75")),
    ],
)
def test_one_over_p_adds_accepts(answer):
    assert h.check_one_over_p_adds(*answer).passed


# --- 01: surprise_of_the ---------------------------------------------------------


def _the():
    text = h.load_text()
    counts = h.word_counts(text)
    return counts["the"], sum(counts.values()), text


def test_surprise_of_the_catalogue():
    n_the, n_words, text = _the()
    right = -math.log2(n_the / n_words)
    letters = dict(zip(h.ALPHABET, h.letter_frequencies(text), strict=True))
    split = text.lower().split()
    wrong = [
        (-math.log(n_the / n_words), "nats"),
        (math.log2(n_the / n_words), "wrong sign"),
        (n_the / n_words, "probability of 'the'"),
        (sum(-math.log2(letters[c]) for c in "the"), "independent-letters"),
        (-math.log2(text.lower().count("the") / n_words), "inside 'there'"),
        (-math.log2(split.count("the") / len(split)), "split on spaces"),
        (-math.log2(n_the / len(text)), "number of WORDS"),
        (-math.log10(n_the / n_words), "log base 10"),
        (n_words / n_the, "that is 1/p"),
        (-math.log2(n_the / n_words) / 3, "per letter"),
        (3.67, "split on spaces"),  # the right answer truncated collides with this mistake: named
        (3.7, "give 4 decimals"),  # one decimal is also 3.671 (split) and 3.706 (case) rounded
        (3.71, "give 4 decimals"),  # 3.706 (case-sensitive) rounded
        (3.706, "case-sensitively"),
        ("3.68", "must be a number"),
        (-math.log2(text.split().count("the") / len(text.split())), "without lower-casing"),
        (-math.log2(text.lower().count(" the ") / n_words), "with spaces round it"),
        (-math.log2((n_the + 1) / (n_words + len(h.word_counts(text)))), "add-one"),
        (
            3.6634,
            "Close, but not the same number",
        ),  # full precision, no known method: no "give 3 decimals"
        (3.66, "give 4 decimals"),
        # smoothing variants: 2.4e-4 bits from the right answer, each named at 4 decimals
        (-math.log2((n_the + 1) / (n_words + 1)), "(count + 1) / (words + 1)"),
        (round(-math.log2((n_the + 1) / (n_words + 1)), 4), "(count + 1) / (words + 1)"),
        (-math.log2((n_the + 1) / n_words), "(count + 1) / words is a smoothed"),
        (-math.log2((n_the + 1) / (n_words + 2)), "Laplace's rule of succession"),
        (round(-math.log2((n_the + 1) / (n_words + 2)), 4), "Laplace's rule of succession"),
        (3.677, "give 4 decimals"),  # add-one to 3 decimals (the old check's slip accepted it)
        (round(right, 3), "give 4 decimals"),  # right to 3 decimals: a slip would look the same
        (round(right, 2), "give 4 decimals"),  # 3.68 is add-one smoothing rounded too
        (math.floor(right * 1e4) / 1e4, "cut off after 4 decimals"),
        (3.6777, "one off in the last of 4 decimals"),  # a slip, not another way of counting
        (-math.log2(n_the / (n_words - 1)), "one word too few"),
        (-math.log2((n_the + 0.5) / (n_words + 1)), "added a half"),
        (-math.log2((n_the - 1) / n_words), "took one off the count"),
        (3.6775, "2 of the usual ones round to it"),  # cut off, or c/(N-1), or (c+1/2)/(N+1)
        (
            -math.log2(n_the / sum(n for w, n in h.word_counts(text).items() if len(w) == 3)),
            "THREE-letter",
        ),
        (
            float(h.entropy(np.array(list(h.word_counts(text).values())) / n_words, base=2)),
            "entropy of the words",
        ),
    ]
    for value, hint in wrong:
        fb = h.check_surprise_of_the(value)
        assert not fb.passed and hint in fb.message, (value, fb.message)
        if isinstance(value, float):  # the number shown is the one typed, not rounded to 4 digits
            assert fb.message.startswith(f"✗ You answered {value!r} bits"), fb.message
    # the exercise's reason for 4 decimals: add-one smoothing moves the answer by 0.0002 bits
    assert round(right + math.log2((n_the + 1) / (n_words + 1)), 4) == 0.0002
    for value in (right, round(right, 4), np.float32(right), Decimal(f"{right:.4f}")):
        fb = h.check_surprise_of_the(value)
        assert fb.passed and "Like for like" in fb.message, fb.message


# --- 02: entropy_bits ---------------------------------------------------------------


def _entr_in_a_closure():
    e = entr

    def entropy_bits(p):
        return e(p).sum() / np.log(2)

    return entropy_bits


ENTROPY_WRONG = [
    (lambda p: -np.sum(p[p > 0] * np.log(p[p > 0])), "nats"),
    (lambda p: np.sum(p[p > 0] * np.log2(p[p > 0])), "entropy is -sum(p * log2 p)"),
    (lambda p: -np.sum(np.log2(p[p > 0])), "without weighting"),
    (lambda p: -np.sum(p * np.log2(p)), "nan"),  # the zeros not left out
    (lambda p: -np.mean(p[p > 0] * np.log2(p[p > 0])), "MEAN of the terms"),
    (lambda p: -np.sum(p[p > 0] * np.log10(p[p > 0])), "base 10"),
    (lambda p: 2 ** -np.sum(p[p > 0] * np.log2(p[p > 0])), "perplexity 2^H"),
    (lambda p: -np.sum(p * np.log2(p + 1e-3)), "epsilon inside the log"),
    (lambda p: np.max(-np.log2(p[p > 0])), "largest surprise"),
    (lambda p: str(-np.sum(p[p > 0] * np.log2(p[p > 0]))), "returned the string"),
    (lambda p: float(scipy.stats.entropy(p, base=2)), "calls scipy.stats.entropy"),
    # a library's entropy under another name: entr(p) = -p ln p, found as it is called
    (lambda p: scipy.special.entr(p).sum() / np.log(2), "calls scipy.special.entr"),
    (lambda p: entr(p).sum() / np.log(2), "calls scipy.special.entr"),  # from scipy.special import
    (
        lambda p: -scipy.special.rel_entr(p, 1).sum() / np.log(2),
        "calls scipy.special.rel_entr, a library function this exercise asks you not to use",
    ),
    (lambda p, e=entr: e(p).sum() / np.log(2), "calls scipy.special.entr"),  # a default argument
    (_entr_in_a_closure(), "calls scipy.special.entr"),
    (lambda p: scipy.special._ufuncs.entr(p).sum() / np.log(2), "calls scipy.special.entr"),
    (lambda p: -scipy.special.xlogy(p, p).sum() / np.log(2), "calls scipy.special.xlogy"),
    (
        lambda p: -(scipy.special.kl_div(p, 1) + p - 1).sum() / np.log(2),
        "calls scipy.special.kl_div",
    ),
    (lambda p: h.entropy(p, base=2), "calls h.entropy"),
    (lambda p: np.log2(h.perplexity(p)), "calls h.perplexity"),
    (lambda p: 1 - np.sum(p**2), "Gini impurity"),
    (lambda p: np.log2(len(p)), "EQUALLY likely outcomes"),  # the maximum, log2 n
    (lambda p: np.log2(np.count_nonzero(p)), "EQUALLY likely outcomes"),  # the support's size
    (lambda p: -np.sum(p * np.log2(p + 1e-10)), "an epsilon inside the log"),  # the 2^18 case
    (lambda p: -np.sum(p * np.log2(p + 1e-9)), "very close, but not equal"),  # at [1, 0]
    (lambda p: -np.sum(np.clip(p, 1e-5, 1) * np.log2(np.clip(p, 1e-5, 1))), "a clip"),
    (lambda p: -np.sum(np.log2(p[p > 0])) / np.count_nonzero(p), "equal weights"),
    (lambda p: -np.sum(p * np.log2(np.clip(p, 1e-6, 1))), "a clip"),  # at p = 1e-7, inside the log
    (lambda p: round(float(-np.sum(p[p > 0] * np.log2(p[p > 0]))), 3), "rounded to 3 decimals"),
    (lambda p: round(float(-np.sum(p[p > 0] * np.log2(p[p > 0]))), 6), "rounded to 6 decimals"),
]
ENTROPY_RIGHT = [
    lambda p: -np.sum(p[p > 0] * np.log2(p[p > 0])),
    lambda p: sum(-x * math.log2(x) for x in p if x > 0),
    lambda p: -np.nansum(p * np.log2(np.where(p > 0, p, 1.0))),
    lambda p: -np.sum(p * np.log(np.clip(p, 1e-300, 1))) / np.log(2),  # the clip only in the log
    lambda p: -np.sum(p * np.log2(np.clip(p, 1e-12, 1))),  # a clip below every p > 0: harmless
]


@pytest.mark.parametrize(("wrong", "hint"), ENTROPY_WRONG)
def test_entropy_bits_rejects(wrong, hint):
    with np.errstate(divide="ignore", invalid="ignore"):
        fb = h.check_entropy_bits(wrong)
    assert not fb.passed and hint in fb.message, fb.message


def test_entropy_bits_sees_a_library_imported_inside_the_function_on_its_first_run():
    # a fresh interpreter, where SciPy is not imported until the learner's function runs
    code = (
        "import helpers as h\n"
        "def entropy_bits(p):\n"
        "    from scipy.stats import entropy\n"
        "    return entropy(p, base=2)\n"
        "def entr_bits(p):\n"
        "    import scipy.special\n"
        "    return scipy.special.entr(p).sum() / 0.6931471805599453\n"
        "import sys\n"
        "assert 'scipy.stats' not in sys.modules\n"
        "print(h.check_entropy_bits(entropy_bits))\n"
        "print(h.check_entropy_bits(entr_bits))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    first, second = run.stdout.split("\n✗")[0], run.stdout
    assert "✗ entropy_bits calls scipy.stats.entropy" in first, run.stdout
    assert "calls scipy.special.entr" in second.split("\n", 2)[-1], run.stdout


_OPS = {"add": np.logaddexp}


class _Ops:
    add = np.logaddexp


class _Holder:
    def __init__(self):
        self.add = np.logaddexp


_HOLDER = _Holder()
_PARTIAL = functools.partial(functools.reduce, np.logaddexp)


def _behind_a_helper(z):
    return float(np.logaddexp.reduce(z))


def _in_a_closure():
    add = np.logaddexp

    def lse(z):
        return float(functools.reduce(add, z))

    return lse


LIBRARY_ROUTES = [  # n23r5's route test of library_calls, with the routes review r9a/r8b added
    _behind_a_helper,
    lambda z: float(functools.reduce(_OPS["add"], z)),  # a dict entry
    lambda z: float(functools.reduce(_Ops.add, z)),  # a class attribute
    lambda z: float(functools.reduce(_HOLDER.add, z)),  # an instance attribute
    lambda z: float(_PARTIAL(z)),  # functools.partial
    lambda z, add=np.logaddexp: float(functools.reduce(add, z)),  # a default argument
    _in_a_closure(),
    lambda z: float(functools.reduce(np._core.umath.logaddexp, z)),  # another module's name
    lambda z: float(np.logaddexp.accumulate(z)[-1]),  # a ufunc's method
]


@pytest.mark.parametrize(
    "route", LIBRARY_ROUTES, ids=[f"route{i}" for i in range(len(LIBRARY_ROUTES))]
)
def test_library_calls_finds_the_library_by_any_route_and_restores_it(route):
    from helpers.exercises._forbidden import library_calls

    called = set()
    names = ["numpy.logaddexp", "numpy.logaddexp.reduce", "numpy.logaddexp.accumulate"]
    value = library_calls(route, names, called)(np.array([0.0, 1.0, 2.0]))
    assert value == pytest.approx(float(np.logaddexp.reduce([0.0, 1.0, 2.0])))
    assert called & set(names), route
    assert np.logaddexp is _OPS["add"] is _Ops.add is _HOLDER.add is _PARTIAL.args[0]
    assert isinstance(np.logaddexp, np.ufunc) and np._core.umath.logaddexp is np.logaddexp


def _xlogy_from_sklearn(p):
    from sklearn._loss.loss import xlogy  # the same ufunc as scipy.special.xlogy

    return -np.sum(xlogy(p, p)) / np.log(2)


def _entr_from_scipy_stats(p):
    from scipy.stats._discrete_distns import entr

    return np.sum(entr(p)) / np.log(2)


NUMPY_ONLY_WRONG = [  # review r9a's routes: helpers that do 0 log 0, SciPy by any name
    (lambda p: float(h.conditional_entropy(p[None, :], base=2)), "calls h.conditional_entropy"),
    (
        lambda p: h.conditional_entropy_rows(p[None, :], base=2)[0],
        "calls h.conditional_entropy_rows",
    ),
    (
        lambda p: np.log2(len(p)) - h.kl_divergence(p, np.full(len(p), 1 / len(p)), base=2),
        "calls h.kl_divergence",
    ),
    (lambda p: -np.sum(scipy.special.xlog1py(p, p - 1)) / np.log(2), "calls a SciPy function"),
    (_xlogy_from_sklearn, "calls scipy.special.xlogy"),
    (_entr_from_scipy_stats, "calls scipy.special.entr"),
]


@pytest.mark.parametrize(("wrong", "hint"), NUMPY_ONLY_WRONG)
def test_entropy_bits_is_numpy_only(wrong, hint):
    with np.errstate(all="ignore"):
        fb = h.check_entropy_bits(wrong)
    assert not fb.passed and hint in fb.message, fb.message


def test_held_out_bits_sees_the_model_class_by_any_route():
    model = h.NgramModel  # an alias: found by the class's methods' code, not by the name

    def via_alias(train, test, alpha):
        return model(1, [train], alpha=alpha, alphabet=h.ALPHABET).log_loss([test], base=2)

    def via_getattr(train, test, alpha):
        m = getattr(h, "Ngram" + "Model")(1, [train], alpha=alpha, alphabet=h.ALPHABET)
        return m.log_loss([test], base=2)

    for answer in (via_alias, via_getattr):
        with np.errstate(all="ignore"):
            fb = h.check_held_out_bits(answer)
        assert not fb.passed and "calls h.NgramModel" in fb.message, fb.message


def test_entropy_bits_leaves_the_library_as_it_found_it():
    before = scipy.special.entr

    def with_default(p, e=entr):
        return e(p).sum() / np.log(2)

    closure = _entr_in_a_closure()
    for answer in (lambda p: entr(p).sum() / np.log(2), with_default, closure):
        h.check_entropy_bits(answer)
    assert scipy.special.entr is before and entr is before
    assert scipy.special._ufuncs.entr is before and with_default.__defaults__ == (before,)
    assert closure.__closure__[0].cell_contents is before


def test_entropy_bits_watches_a_method_and_accepts_callables():
    class Answers:
        def with_entr(self, p, e=entr):
            return e(p).sum() / np.log(2)

        def __call__(self, p):
            return -np.sum(p[p > 0] * np.log2(p[p > 0]))

    assert "calls scipy.special.entr" in h.check_entropy_bits(Answers().with_entr).message
    assert Answers.with_entr.__defaults__ == (entr,)
    assert h.check_entropy_bits(Answers()).passed  # a callable object, no __defaults__


@pytest.mark.parametrize("right", ENTROPY_RIGHT)
def test_entropy_bits_accepts(right):
    assert h.check_entropy_bits(right).passed


# --- 02: code_by_hand -----------------------------------------------------------------

CODE_WRONG = [
    ({"a": "0", "b": "01", "c": "11", "d": "110", "e": "111"}, "not even uniquely decodable"),
    ({"a": "0", "b": "01", "c": "011", "d": "0111", "e": "1111"}, "It is uniquely decodable"),
    ({"a": "000", "b": "001", "c": "010", "d": "011", "e": "100"}, "fixed-length code"),
    ({"a": "00", "b": "01", "c": "100", "d": "101", "e": "11000"}, "Shannon's lengths"),
    ({"a": "00", "b": "01", "c": "10", "d": "110", "e": "1110"}, "Kraft budget"),
    ({"a": "010", "b": "011", "c": "00", "d": "10", "e": "11"}, "LONGER codeword"),
    ({"a": "0", "b": "10", "c": "110", "d": "1110", "e": "1111"}, "merge the two LEAST"),
    ({"a": "0", "b": "10", "c": "11"}, "have no codeword"),
    ({"a": "0", "b": "1 0", "c": "110", "d": "1110", "e": "1111"}, "non-empty string"),
    ({"a": "0", "b": "10", "c": "110", "d": "1110", "e": "1110"}, "have the same codeword"),
    ({"a": "1", "b": "01", "c": "001", "d": "0001", "e": "00001"}, "Kraft budget"),
    ({"a": "11", "b": "10", "c": "00", "d": "011", "e": 11}, "non-empty string"),  # an int
    # keys: exactly the five lower-case symbols (the exercise says so)
    ({"A": "11", "B": "10", "C": "00", "D": "011", "E": "010"}, "the symbols are the lower-case"),
    ({"a": "11", "b": "10", "c": "00", "d": "011", "E": "010"}, "the symbols are the lower-case"),
    ({"a": "0", "b": "10", "c": "110", "d": "1110", "e": "1111", "E": "1"}, "the lower-case"),
    ({"a": "11", "b": "10", "c": "00", "d": "011", "e": "010", "f": "0"}, "is not a symbol"),
    ({"a": "0", "b": "10", "c": "110", "d": "1110", "e": "1111"}, "which outweighs a (0.35)"),
    ({"a": "1", "b": "01", "c": "001", "d": "0001", "e": "0000"}, "which outweighs a (0.35)"),
    # the same lengths the wrong way round: the swap is the mistake to name
    ({"a": "1111", "b": "1110", "c": "110", "d": "10", "e": "0"}, "LONGER codeword"),
]
CODE_RIGHT = [
    {"a": "11", "b": "10", "c": "00", "d": "011", "e": "010"},
    {"a": "00", "b": "01", "c": "10", "d": "110", "e": "111"},
    h.huffman_code({"a": 0.35, "b": 0.25, "c": 0.2, "d": 0.15, "e": 0.05}),
]


@pytest.mark.parametrize(("code", "hint"), CODE_WRONG)
def test_code_by_hand_rejects(code, hint):
    fb = h.check_code_by_hand(code)
    assert not fb.passed and hint in fb.message, fb.message


@pytest.mark.parametrize("code", CODE_RIGHT)
def test_code_by_hand_accepts(code):
    assert h.check_code_by_hand(code).passed


# --- 02: pair_code_prediction ------------------------------------------------------

PAIR_WRONG = [
    (1.29, "bits per PAIR"),
    (0.469, "the entropy H"),
    (1.0, "single-flip code"),
    (0.969, "upper bound H + 1/2"),
    (0.595, "break Kraft"),
    (0.685, "rarest pair"),
    (1.125, "without weighting"),
    (0.533, "TRIPLES"),
    (0.8, "Shannon's lengths"),
    (0.6, "give 3 decimals"),  # 0.645 rounded, but also 0.595 (lengths 1, 2, 2, 2) rounded
    (0.5, "the entropy H"),  # 0.469 and 0.533 (triples) rounded: the nearest is named
    (0.5, "give 3 decimals"),
    (0.7, "rarest pair"),  # 0.685 rounded
    (0.7, "give 3 decimals"),
    ("0.645", "must be a number"),
    (1.29, "bits per PAIR"),  # exact wrong values at full precision: their own hint
    (1, "single-flip code"),
    (0.644, "list the four pair probabilities"),  # the answer is exactly 0.645: no slip window
    (0.646, "list the four pair probabilities"),
    (0.65, "the answer rounded or cut off to 2 decimals"),  # named, not "give 3 decimals"
    (0.64, "the answer rounded or cut off to 2 decimals"),
    (0.66, "list the four pair probabilities"),  # 2 decimals, but not the answer rounded
]


@pytest.mark.parametrize(("answer", "hint"), PAIR_WRONG)
def test_pair_code_prediction_rejects(answer, hint):
    fb = h.check_pair_code_prediction(answer)
    assert not fb.passed and hint in fb.message, fb.message


@pytest.mark.parametrize(
    "answer", [0.645, 1.29 / 2, Fraction(129, 200), np.float64(0.645), Decimal("0.645")]
)
def test_pair_code_prediction_accepts(answer):
    assert h.check_pair_code_prediction(answer).passed


def test_pair_code_reference_is_an_independent_huffman():
    # HH 0.81, HT 0.09, TH 0.09, TT 0.01: lengths 1, 2, 3, 3 in some order -> 1.29 bits per pair
    p = [0.81, 0.09, 0.09, 0.01]
    assert sum(q * n for q, n in zip(p, [1, 2, 3, 3], strict=True)) / 2 == pytest.approx(0.645)


# --- 02b: conditional_entropy (by definition, with an empty row) -------------------


def _rows(c):
    c = np.asarray(c, dtype=float)
    out = []
    for row in c:
        if row.sum() == 0:
            out.append(0.0)
            continue
        q = row[row > 0] / row.sum()
        out.append(-np.sum(q * np.log2(q)))
    return np.array(out)


def _total(c):
    return float(np.sum(c.sum(axis=1) / c.sum() * _rows(c)))


def _naive_rows(c):
    q = c / c.sum(axis=1, keepdims=True)
    return -np.sum(q * np.log2(q), axis=1)


# The function returns (rows, total): rows[x] = H(Y | X = x), total = their p(x)-weighted mean.
COND_WRONG = [
    # the total wrong, the rows right
    (lambda c: (_rows(c), h.entropy((c / c.sum()).ravel(), base=2)), "joint entropy H(X, Y)"),
    (lambda c: (_rows(c), h.entropy((c / c.sum()).sum(axis=0), base=2)), "ignoring what came"),
    (lambda c: (_rows(c), np.mean(_rows(c)[c.sum(axis=1) > 0])), "averaged the rows' entropies"),
    (lambda c: (_rows(c), np.sum((c.sum(axis=0) / c.sum()) * _rows(c))), "COLUMN sums"),
    (lambda c: (_rows(c), np.sum(c.sum(axis=1) * _rows(c))), "raw COUNTS N(x)"),
    (lambda c: (_rows(c), np.sum(_rows(c))), "without weights"),
    (lambda c: (_rows(c), h.entropy((c / c.sum()).sum(axis=1), base=2)), "H(X), the entropy"),
    (lambda c: (_rows(c), _total(c) / np.log2(np.e)), "nats"),
    # the rows wrong
    (lambda c: (_rows(c) * np.log(2), _total(c) * np.log(2)), "nats"),
    # only the chain rule's total, the rows left at 0: the shortcut the exercise warns about
    (lambda c: (np.zeros(len(c)), _total(c)), "the chain rule H(X, Y) - H(X) gives the total"),
    (lambda c: (_rows(c.T), _total(c)), "COLUMNS' entropies"),
    (lambda c: (_naive_rows(c), _total(c)), "nan"),  # 0 * log 0 not skipped
    (
        lambda c: (-np.sum(np.where(c > 0, c * np.log2(np.where(c > 0, c, 1)), 0), axis=1), 0.0),
        "raw COUNTS. Turn the row",
    ),
    (lambda c: (c.sum(axis=1) / c.sum() * _rows(c), _total(c)), "already weighted"),
    (lambda c: (h.conditional_entropy_rows(c / c.sum(), base=2), _total(c)), "calls h.conditional"),
    (lambda c: _total(c), "return two things"),  # the total alone
    (  # nan for the empty row, as allowed, then a plain sum: nan
        lambda c: (
            np.where(c.sum(axis=1) > 0, _rows(c), np.nan),
            float(np.sum(c.sum(axis=1) / c.sum() * np.where(c.sum(axis=1) > 0, _rows(c), np.nan))),
        ),
        "multiplies into the total",
    ),
]


def _self_tested(c):
    """The definition, checked against the chain rule inside the function, as the text invites."""
    rows, total = _rows(c), _total(c)
    joint = c / c.sum()
    chain = h.entropy(joint.ravel(), base=2) - h.entropy(joint.sum(axis=1), base=2)
    assert abs(total - chain) < 1e-9
    return rows, total


COND_RIGHT = [
    lambda c: (_rows(c), _total(c)),
    _self_tested,
    lambda c: (  # the chain rule in NumPy for the total, the definition for the rows: accepted
        _rows(c),
        float(
            -np.sum((c / c.sum())[c > 0] * np.log2((c / c.sum())[c > 0]))
            + np.sum(
                (c.sum(axis=1) / c.sum())[c.sum(axis=1) > 0]
                * np.log2((c.sum(axis=1) / c.sum())[c.sum(axis=1) > 0])
            )
        ),
    ),
    lambda c: (
        [scipy.stats.entropy(row, base=2) if row.sum() > 0 else np.nan for row in c],
        float(
            sum(
                row.sum() / c.sum() * scipy.stats.entropy(row, base=2) for row in c if row.sum() > 0
            )
        ),
    ),
    lambda c: (  # h.entropy on each row (the definition), a list of rows
        [h.entropy(row / row.sum(), base=2) if row.sum() > 0 else 0.0 for row in c],
        float(
            sum(
                row.sum() / c.sum() * h.entropy(row / row.sum(), base=2)
                for row in c
                if row.sum() > 0
            )
        ),
    ),
]


@pytest.mark.parametrize(("wrong", "hint"), COND_WRONG)
def test_conditional_entropy_rejects(wrong, hint):
    with np.errstate(divide="ignore", invalid="ignore"):
        fb = h.check_conditional_entropy(wrong)
    assert not fb.passed and hint in fb.message, fb.message


@pytest.mark.parametrize("right", COND_RIGHT)
def test_conditional_entropy_accepts(right):
    assert h.check_conditional_entropy(right).passed


# --- 02b: held_out_bits -------------------------------------------------------------------

INDEX = {ch: i for i, ch in enumerate(h.ALPHABET)}


def bigram(train, alpha):
    counts = np.zeros((26, 26))
    for a, b in zip(train, train[1:], strict=False):
        counts[INDEX[a], INDEX[b]] += 1
    return counts


def score(q, test, eps=0.0, base=2.0):
    with np.errstate(divide="ignore"):
        bits = [
            -np.log(q[INDEX[a], INDEX[b]] + eps) / np.log(base)
            for a, b in zip(test, test[1:], strict=False)
        ]
    return float(np.mean(bits))


def rows_q(counts, alpha):
    with np.errstate(invalid="ignore"):
        return (counts + alpha) / (counts + alpha).sum(axis=1, keepdims=True)


HELD_WRONG = [
    (lambda tr, te, a: score(rows_q(bigram(te, a), a), te), "fitted the model on the TEST"),
    (lambda tr, te, a: score(rows_q(bigram(tr, a), a), te, eps=1e-10), "infinity is the answer"),
    (lambda tr, te, a: score(rows_q(bigram(tr, a), a), te, base=np.e), "nats"),
    (lambda tr, te, a: score(rows_q(bigram(tr, a), a).T, te), "transposed"),
    (lambda tr, te, a: score(rows_q(bigram(tr, a), a), te, base=10.0), "log base 10"),
    (lambda tr, te, a: score((bigram(tr, a) + a) / (bigram(tr, a) + a).sum(), te), "whole table"),
    (
        lambda tr, te, a: score(
            rows_q(bigram(tr, a) + 0 * a, 0)
            if a == 0
            else (bigram(tr, a) + a * (bigram(tr, a) > 0))
            / (bigram(tr, a) + a * (bigram(tr, a) > 0)).sum(axis=1, keepdims=True),
            te,
        ),
        "only to pairs seen",
    ),
    (lambda tr, te, a: score(rows_q(bigram(tr, a), a), te) * (len(te) - 1), "total in bits"),
    (
        lambda tr, te, a: score(rows_q(bigram(tr, a), a), te) * (len(te) - 1) / len(te),
        "len(test) - 1",
    ),
    (lambda tr, te, a: str(score(rows_q(bigram(tr, a), a), te)), "returned the string"),
    (  # fitted on train + test: the model has seen what it is scored on
        lambda tr, te, a: score(rows_q(bigram(tr, a) + bigram(te, a), a), te),
        "a leak",
    ),
    (lambda tr, te, a: score(rows_q(bigram(tr, a), a), te, eps=1e-12), "epsilon inside the log"),
    (lambda tr, te, a: score(rows_q(bigram(tr, a), a), tr), "scored the TRAIN text"),
    (
        lambda tr, te, a: score(np.clip(rows_q(bigram(tr, a), a), 1e-9, 1.0), te),
        "a clip of q",
    ),
    (lambda tr, te, a: score(rows_q(bigram(tr + te, a), a), te), "joined into one string"),
    (lambda tr, te, a: score(rows_q(bigram(te, a), a), tr), "swapped"),
    (lambda tr, te, a: score(rows_q(bigram(tr, a), 0.0), te), "alpha is ignored"),
    (
        lambda tr, te, a: score(
            (bigram(tr, a) + a) / (bigram(tr, a).sum(axis=1, keepdims=True) + 27 * a), te
        ),
        "27 alpha",
    ),
    (
        lambda tr, te, a: score(
            (bigram(tr, a) + a) / (bigram(tr, a).sum(axis=1, keepdims=True) + len(set(tr)) * a),
            te,
        ),
        "letters that occur in train only",
    ),
    (lambda tr, te, a: score((bigram(tr, a) + a) / (bigram(tr, a) + a).sum(axis=0), te), "COLUMNS"),
    (
        lambda tr, te, a: score(rows_q(bigram(tr, a), a), te, base=np.e) * np.log(2),
        "DIVIDE by ln 2",
    ),
    (
        lambda tr, te, a: (
            -np.log2(
                np.mean(
                    [
                        rows_q(bigram(tr, a), a)[INDEX[x], INDEX[y]]
                        for x, y in zip(te, te[1:], strict=False)
                    ]
                )
            )
        ),
        "MEAN probability",
    ),
    (lambda tr, te, a: 2 ** score(rows_q(bigram(tr, a), a), te), "perplexity"),
    (lambda tr, te, a: round(score(rows_q(bigram(tr, a), a), te), 3), "rounded to 3 decimals"),
    (lambda tr, te, a: -score(rows_q(bigram(tr, a), a), te), "wrong sign"),
    (  # math.log2 raises at q = 0
        lambda tr, te, a: float(
            np.mean(
                [
                    -math.log2(rows_q(bigram(tr, a), a)[INDEX[x], INDEX[y]])
                    for x, y in zip(te, te[1:], strict=False)
                ]
            )
        ),
        "math.log2(0) raises",
    ),
    (  # a tiny alpha put in for alpha = 0
        lambda tr, te, a: score(rows_q(bigram(tr, a or 1e-9), a or 1e-9), te),
        "still smooths a little",
    ),
    (
        lambda tr, te, a: score(
            (bigram(tr, a) + a * (bigram(tr, a) == 0))
            / (bigram(tr, a) + a * (bigram(tr, a) == 0)).sum(axis=1, keepdims=True),
            te,
        ),
        "only to the cells that are 0",
    ),
    (
        lambda tr, te, a: float(
            np.mean([-np.log2((tr.count(y) + a) / (len(tr) + 26 * a)) for y in te[1:]])
        ),
        "unigram model",
    ),
    (  # the pairs with q = 0 dropped: nan where none is left
        lambda tr, te, a: float(
            np.mean(
                [
                    -np.log2(rows_q(bigram(tr, a), a)[INDEX[x], INDEX[y]])
                    for x, y in zip(te, te[1:], strict=False)
                    if rows_q(bigram(tr, a), a)[INDEX[x], INDEX[y]] > 0
                ]
                or [np.nan]
            )
        ),
        "infinity is the answer",
    ),
    (  # the infinite bits dropped, the rest divided by all pairs: 0.0 where none is left
        lambda tr, te, a: float(
            np.sum(
                [
                    b
                    for b in (
                        -np.log2(rows_q(bigram(tr, a), a)[INDEX[x], INDEX[y]])
                        for x, y in zip(te, te[1:], strict=False)
                    )
                    if np.isfinite(b)
                ]
            )
            / (len(te) - 1)
        ),
        "an unseen pair costs infinitely many bits",
    ),
    (  # inf swapped for the largest float: 2 x 1.8e308 overflows back to inf on 'acb', not on 'abcb'
        lambda tr, te, a: float(
            np.mean(
                np.nan_to_num(
                    [
                        -np.log2(rows_q(bigram(tr, a), a)[INDEX[x], INDEX[y]])
                        for x, y in zip(te, te[1:], strict=False)
                    ]
                )
            )
        ),
        "np.nan_to_num",
    ),
    (  # the mean capped at the largest float: no mean divided it, and the hint does not say so
        lambda tr, te, a: float(
            min(
                np.mean(
                    [
                        -np.log2(rows_q(bigram(tr, a), a)[INDEX[x], INDEX[y]])
                        for x, y in zip(te, te[1:], strict=False)
                    ]
                ),
                np.finfo(float).max,
            )
        ),
        "into 1.8e308. Leave",
    ),
    (  # a clip of the bits at a large number: finite on the one unseen pair of 'abcb'
        lambda tr, te, a: float(
            np.mean(
                np.minimum(
                    [
                        -np.log2(rows_q(bigram(tr, a), a)[INDEX[x], INDEX[y]])
                        for x, y in zip(te, te[1:], strict=False)
                    ],
                    1e6,
                )
            )
        ),
        "the test pairs 'ac' and 'cb' never occur in train",
    ),
    (  # alpha spread over the row: alpha / 26 per cell
        lambda tr, te, a: score(
            (bigram(tr, a) + a / 26) / (bigram(tr, a).sum(axis=1, keepdims=True) + a), te
        ),
        "spread alpha over the row",
    ),
    (  # alpha, not 26 alpha, in the denominator
        lambda tr, te, a: score(
            (bigram(tr, a) + a) / (bigram(tr, a).sum(axis=1, keepdims=True) + a), te
        ),
        "needs 26 alpha, not alpha",
    ),
    (  # 26 alpha in the numerator too
        lambda tr, te, a: score(
            (bigram(tr, a) + 26 * a) / (bigram(tr, a).sum(axis=1, keepdims=True) + 26 * a), te
        ),
        "DENOMINATOR only",
    ),
    (  # alpha in the numerator only
        lambda tr, te, a: score((bigram(tr, a) + a) / bigram(tr, a).sum(axis=1, keepdims=True), te),
        "SMOOTHED row",
    ),
]
HELD_RIGHT = [
    lambda tr, te, a: score(rows_q(bigram(tr, a), a), te),
    lambda tr, te, a: float(
        np.mean(
            [
                -math.log2(
                    (bigram(tr, a)[INDEX[x], INDEX[y]] + a)
                    / (bigram(tr, a)[INDEX[x]].sum() + 26 * a)
                )
                if (bigram(tr, a)[INDEX[x], INDEX[y]] + a) > 0
                else math.inf
                for x, y in zip(te, te[1:], strict=False)
            ]
        )
    ),
    lambda tr, te, a: float(  # vectorised: np.add.at for the counts, fancy indexing to score
        np.mean(
            -np.log2(
                (
                    (lambda c: (c + a) / (c.sum(axis=1, keepdims=True) + 26 * a))(
                        np.add.at(
                            z := np.zeros((26, 26)),
                            ([INDEX[x] for x in tr[:-1]], [INDEX[y] for y in tr[1:]]),
                            1,
                        )
                        or z
                    )
                )[[INDEX[x] for x in te[:-1]], [INDEX[y] for y in te[1:]]]
            )
        )
    ),
]


@pytest.mark.parametrize(
    ("counter", "name"),
    [
        (h.letter_pair_counts, "letter_pair_counts"),
        # name_tables' counter: 27 x 27 with the boundary, which [1:, 1:] drops
        (lambda train: h.bigram_counts([train])[1:, 1:], "bigram_counts"),
    ],
)
def test_held_out_bits_refuses_a_pair_counting_helper(counter, name):
    def held_out_bits(train, test, alpha):
        c = counter(train)
        q = (c + alpha) / (c.sum(axis=1, keepdims=True) + 26 * alpha)
        return float(
            np.mean([-np.log2(q[INDEX[x], INDEX[y]]) for x, y in zip(test, test[1:], strict=False)])
        )

    with np.errstate(divide="ignore", invalid="ignore"):
        fb = h.check_held_out_bits(held_out_bits)
    assert not fb.passed and name in fb.message, fb.message


def test_held_out_bits_refuses_the_forbidden_helper():
    def held_out_bits(train, test, alpha):
        return h.NgramModel(1, [train], alpha=alpha, alphabet=h.ALPHABET).log_loss([test], base=2)

    with np.errstate(divide="ignore"):
        fb = h.check_held_out_bits(held_out_bits)
    assert not fb.passed and "calls h.NgramModel" in fb.message


def test_conditional_entropy_refuses_the_forbidden_helper():
    def conditional_entropy_bits(counts):
        rows = h.conditional_entropy_rows(counts / counts.sum(), base=2)
        return np.nan_to_num(rows), h.conditional_entropy(counts / counts.sum(), base=2)

    with np.errstate(divide="ignore", invalid="ignore"):
        fb = h.check_conditional_entropy(conditional_entropy_bits)
    assert not fb.passed and "calls h.conditional_entropy" in fb.message, fb.message


@pytest.mark.parametrize(("wrong", "hint"), HELD_WRONG)
def test_held_out_bits_rejects(wrong, hint):
    with np.errstate(divide="ignore", invalid="ignore"):
        fb = h.check_held_out_bits(wrong)
    assert not fb.passed and hint in fb.message, fb.message


@pytest.mark.parametrize("right", HELD_RIGHT)
def test_held_out_bits_accepts(right):
    with np.errstate(divide="ignore", invalid="ignore"):
        fb = h.check_held_out_bits(right)
    assert fb.passed, fb.message
