"""Every exercise: the solution shown to learners passes its check, a stub is
"not done yet", and the known mistakes get their hints."""

from __future__ import annotations

import hashlib
import json
import math
import re
from pathlib import Path

import numpy as np
import pytest

import helpers as h
from tests.notebook_runs import NOTEBOOKS, SOLUTION, fresh_run, solutions


def markdown(path: Path) -> str:
    cells = json.loads(path.read_text())["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


@pytest.mark.parametrize("path", NOTEBOOKS[1:], ids=lambda p: p.name)
def test_two_to_four_exercises_with_solutions(path):
    md = markdown(path)
    n = len(re.findall(r"^### Exercise \d", md, re.M))
    assert 2 <= n <= 4, f"{path.name} has {n} exercises"
    # a predict-then-compute exercise may compute its answer in place instead
    assert len(SOLUTION.findall(md)) >= n - 1


def all_solutions():
    for path in NOTEBOOKS:
        for k, sol in enumerate(solutions(path)):
            yield pytest.param(path, k, id=f"{path.stem}-cell{sol.cell}")


@pytest.mark.notebooks
@pytest.mark.parametrize(("path", "k"), list(all_solutions()))
def test_solution_passes_its_check(path, k):
    """Each solution shown to learners, run in the notebook's own kernel after Run All
    (the session's one run of that notebook), passes the check call it ends with."""
    sol, results = fresh_run(path).checks[k]
    assert sol.calls, "a solution ends with the check call learners run"
    for call, passed, message in results:
        assert passed, f"{call}: {message}"
        assert message.startswith("✓")


def test_stubs_in_the_stored_notebooks_say_not_done_yet():
    found = 0
    for path in NOTEBOOKS:
        for cell in json.loads(path.read_text())["cells"]:
            source = "".join(cell.get("source", ""))
            if cell["cell_type"] == "code" and "NotImplementedError" in source:
                found += 1
                shown = "".join(
                    "".join(o.get("data", {}).get("text/plain", "")) for o in cell["outputs"]
                )
                assert "not done yet" in shown, source
    assert found >= 2


# --- known mistakes get the right hint ------------------------------------------


@pytest.mark.parametrize(
    ("wrong", "hint"),
    [
        (lambda p: -np.log(p), "nats"),
        (lambda p: -np.log10(p), "base 10"),
        (lambda p: np.log2(p), "wrong sign"),
        (lambda p: 1 / p, "LOG of 1/p"),
        # the seed's answer: an impossible event "has surprise 0"
        (lambda p: -np.log2(p) if p > 0 else 0.0, "infinitely surprising"),
    ],
)
def test_surprise_bits_mistakes(wrong, hint):
    with np.errstate(divide="ignore"):
        fb = h.check_surprise_bits(wrong)
    assert not fb.passed and hint in fb.message


@pytest.mark.parametrize(("p", "q"), [(0.5, 0.5), (0.1, 0.9), (1.0, 1e-9)])
def test_one_over_p_adds_exactly_when_p_plus_q_is_one(p, q):
    fb = h.check_one_over_p_adds(p, q)
    exact = abs(p + q - 1.0) <= 4 * np.finfo(float).eps  # 1 + 1e-9 is not 1
    assert fb.passed == exact and ("p + q = 1" in fb.message) == fb.passed


def test_one_over_p_adds_refuses_what_is_not_a_probability():
    assert "0 < p <= 1" in h.check_one_over_p_adds(0.0, 1.0).message
    assert "try p = q first" in h.check_one_over_p_adds(1 / 6, 1 / 2).message


WORDS = re.findall(r"[a-z]+", h.load_text().lower())
TEXT = h.load_text().lower()


@pytest.mark.parametrize(
    ("bits", "hint"),
    [
        (-math.log(WORDS.count("the") / len(WORDS)), "nats"),
        (math.log2(WORDS.count("the") / len(WORDS)), "wrong sign"),
        (
            sum(-math.log2(f) for f in h.letter_frequencies(h.load_text())[[19, 7, 4]]),
            "independent-letters",
        ),
        (-math.log2(TEXT.count("the") / len(WORDS)), "'there'"),
        (-math.log2(TEXT.split().count("the") / len(TEXT.split())), "split on spaces"),
        (-math.log2(WORDS.count("the") / len(TEXT)), "number of WORDS"),
    ],
)
def test_surprise_of_the_mistakes(bits, hint):
    fb = h.check_surprise_of_the(bits)
    assert not fb.passed and hint in fb.message


@pytest.mark.parametrize(
    ("wrong", "hint"),
    [
        (lambda p: -np.sum(p * np.log2(p)), "0 log 0 = 0"),
        (lambda p: -np.sum(p[p > 0] * np.log(p[p > 0])), "nats"),
        (lambda p: np.sum(p[p > 0] * np.log2(p[p > 0])), "wrong sign"),
        (lambda p: -np.sum(np.log2(p[p > 0])), "without weighting"),
    ],
)
def test_entropy_bits_mistakes(wrong, hint):
    with np.errstate(divide="ignore", invalid="ignore"):
        fb = h.check_entropy_bits(wrong)
    assert not fb.passed and hint in fb.message


# Notebooks 03 and 04's checkers: tests/test_exercises_cross_entropy.py, tests/test_exercises_likelihood.py


@pytest.mark.parametrize(
    ("wrong", "hint"),
    [
        (lambda z, y: h.sigmoid(z) - y, "N times too large"),
        (lambda z, y: (y - h.sigmoid(z)) / len(z), "sign error"),
        (lambda z, y: (z - y) / len(z), "logit z instead"),
        (lambda z, y: (h.softmax(z) - y) / len(z), "ACROSS the examples"),
        (
            lambda z, y: (h.sigmoid(z) - y) * h.sigmoid(z) * (1 - h.sigmoid(z)) / len(z),
            "squared error",
        ),
        (lambda z, y: (h.sigmoid(-z) - y) / len(z), "probability of class 0"),
        (lambda z, y: (h.sigmoid(z) - y) / (2 * len(z)), "divided by 2N"),
        (lambda z, y: (h.sigmoid(z) - (1 - y)) / len(z), "not 1 - y"),
        (lambda z, y: np.mean(h.sigmoid(z) - y), "into one number"),
        (lambda z, y: [0.1] * len(z), "compare your formula"),
        (lambda z, y: "(sigmoid(z) - y) / N", "returned"),
        (lambda z, y: (np.clip(h.sigmoid(z), 1e-4, 1 - 1e-4) - y) / len(z), "clipped sigmoid"),
        (lambda z, y: (h.sigmoid(z) + 1e-7 - y) / len(z), "returned"),
        (lambda z, y: (np.tanh(z) - y) / len(z), "tanh is not the sigmoid"),
        (lambda z, y: (h.sigmoid(2 * z) - y) / len(z), "taken as [z, -z]"),
        (lambda z, y: ((1 + np.tanh(z)) / 2 - y) / len(z), "taken as [z, -z]"),
        (lambda z, y: (np.exp(z) / (1 + np.exp(z)) - y) / len(z), "overflows above z = 709.78"),
        (lambda z, y: (h.sigmoid(z) - y) / max(np.sum(y), 1), "number of positive labels"),
        (lambda z, y: (h.sigmoid(z.astype(np.float32)) - y) / len(z), "computed in float32"),
        (  # a forbidden helper on a loss of its own: named, though its numbers fail first
            lambda z, y: h.numerical_gradient(
                lambda v: float(
                    np.mean(-(y * np.log(h.sigmoid(v)) + (1 - y) * np.log(1 - h.sigmoid(v))))
                ),
                np.asarray(z, float),
            ),
            "calls h.numerical_gradient",
        ),
        (lambda z, y: ((h.sigmoid(z) - y) / len(z)).astype(np.float16), "float16"),
        (lambda z, y: (h.sigmoid(z) - y) / len(z) ** 2, "divided by N twice"),
        (lambda z, y: h.sigmoid(z) * (1 - h.sigmoid(z)) / len(z), "derivative of the sigmoid"),
        (
            lambda z, y: h.numerical_gradient(
                lambda v: float(np.mean(np.logaddexp(0.0, v) - y * v)), np.asarray(z, float)
            ),
            "numerical gradient",
        ),
        (lambda z, y: {"grad": 0}, "returned"),
        (
            lambda z, y: h.numerical_gradient(
                lambda v: float(np.mean(np.logaddexp(0.0, v) - y * v)),
                np.asarray(z, float),
                eps=1e-5,
            ),
            "numerical gradient",
        ),
        (lambda z, y: _own_central_difference(z, y, 1e-5), "numerical gradient"),
        (
            lambda z, y: (np.clip(h.sigmoid(z), 1e-15, 1 - 1e-15) - y) / len(z),
            "clipped sigmoid (here at 1e-15)",
        ),
        (
            lambda z, y: (np.clip(h.sigmoid(z), 1e-7, 1 - 1e-7) - y) / len(z),
            "clipped sigmoid (here at 1e-07)",
        ),
        (lambda z, y: np.round((h.sigmoid(z) - y) / len(z), 6), "rounded to 6 decimals"),
        (lambda z, y: np.round((h.sigmoid(z) - y) / len(z), 4), "rounded to 4 decimals"),
    ],
)
def test_grad_binary_mistakes(wrong, hint):
    fb = h.check_grad_binary(wrong)
    assert not fb.passed and hint in fb.message


def _own_central_difference(z, y, eps):  # a learner's loop, without h.numerical_gradient
    z = np.asarray(z, dtype=float)
    out = np.empty_like(z)
    for i in range(len(z)):
        up, down = z.copy(), z.copy()
        up[i] += eps
        down[i] -= eps
        f_up = float(np.mean(np.logaddexp(0.0, up) - y * up))
        f_down = float(np.mean(np.logaddexp(0.0, down) - y * down))
        out[i] = (f_up - f_down) / (2 * eps)
    return out


def test_grad_binary_reference_is_sklearn_log_loss_gradient():
    """The check's finite-difference reference agrees with scikit-learn's log loss, differentiated."""
    from sklearn.metrics import log_loss

    z, y = np.array([-1.5, 0.3, 2.0]), np.array([0, 1, 1])
    numeric = h.numerical_gradient(lambda z_: log_loss(y, h.sigmoid(z_), labels=[0, 1]), z)
    np.testing.assert_allclose(numeric, (h.sigmoid(z) - y) / len(z), rtol=1e-6)
    assert h.check_grad_binary(lambda z, y: (h.sigmoid(z) - y) / len(z)).passed


@pytest.mark.parametrize(
    "right",
    [
        lambda z, y: (1 / (1 + np.exp(-z)) - y) / len(z),
        lambda z, y: np.array(
            [(h.softmax([zi, 0.0])[0] - yi) / len(z) for zi, yi in zip(z, y, strict=True)]
        ),
        lambda z, y: np.mean((h.sigmoid(z) - y)[:, None] * np.eye(len(z)), axis=0),
        # float32, right to float32's precision
        lambda z, y: ((h.sigmoid(z) - y) / len(z)).astype(np.float32),
        # float32 all through: sigmoid(z) - y cancels near y, so float32 is right to ~1e-7 absolute
        lambda z, y: (h.sigmoid(z.astype(np.float32)) - y.astype(np.float32)) / np.float32(len(z)),
        # the piecewise stable sigmoid, written out (float32 answers for smoothing: see below)
        lambda z, y: (
            (
                np.where(
                    z >= 0,
                    1 / (1 + np.exp(-np.abs(z))),
                    np.exp(-np.abs(z)) / (1 + np.exp(-np.abs(z))),
                )
                - y
            )
            / len(z)
        ),
    ],
)
def test_grad_binary_accepts_answers_written_differently(right):
    fb = h.check_grad_binary(right)
    assert fb.passed, fb.message


@pytest.mark.parametrize(
    "right",
    [  # exact in algebra; in float64 sigmoid(-40) rounds to 0 in each (4e-18 lost, not 1e-15)
        lambda z, y: ((1 - h.sigmoid(-z)) - y) / len(z),
        lambda z, y: ((1 + np.tanh(z / 2)) / 2 - y) / len(z),
        lambda z, y: (0.5 * np.tanh(0.5 * z) + 0.5 - y) / len(z),
        lambda z, y: np.where(y == 1, -h.sigmoid(-z), h.sigmoid(z)) / len(z),
        lambda z, y: -(y - 1 / (1 + np.exp(-z))) / len(z),
    ],
)
def test_grad_binary_accepts_every_exact_form_at_z_minus_40(right):
    with np.errstate(over="ignore", invalid="ignore"):
        fb = h.check_grad_binary(right)
    assert fb.passed, fb.message


def test_grad_binary_tolerance_lies_between_rounding_and_a_clip():
    """At the far case the exact forms err by < 2**-53 / N; a clip at 1e-15 and every
    numerical gradient by more than the check's absolute tolerance."""
    from helpers.exercises.training import _BINARY_ATOL

    z, y = np.array([-40.0, 40.0, -35.0, 0.5, 12.0]), np.array([0, 0, 1, 1, 0])
    exact = (h.sigmoid(z) - y) / len(z)
    forms = [((1 - h.sigmoid(-z)) - y) / len(z), ((1 + np.tanh(z / 2)) / 2 - y) / len(z)]
    worst_exact = max(np.max(np.abs(f - exact)) for f in forms)
    clip = (np.clip(h.sigmoid(z), 1e-15, 1 - 1e-15) - y) / len(z)
    loss = lambda v: float(np.mean(np.logaddexp(0.0, v) - y * v))  # noqa: E731
    numeric = min(
        np.max(np.abs(h.numerical_gradient(loss, z, eps=e) - exact))
        for e in (1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8)
    )
    print(f"exact forms {worst_exact:.1e}, tolerance {_BINARY_ATOL:.0e}, clip 1e-15 "
          f"{np.max(np.abs(clip - exact)):.1e}, best numerical {numeric:.1e}")  # fmt: skip
    assert worst_exact <= 2.0**-53 / len(z) < _BINARY_ATOL
    assert _BINARY_ATOL < np.max(np.abs(clip - exact)) < numeric


def _shifted(z, shift):  # a softmax shifted by something other than each row's maximum
    with np.errstate(all="ignore"):
        e = np.exp(z - shift)
        return e / e.sum(axis=1, keepdims=True)


def _smoothed(z, y, eps):
    return (1 - eps) * np.eye(z.shape[1])[y] + eps / z.shape[1]


@pytest.mark.parametrize(
    ("wrong", "hint"),
    [
        (lambda z, y, eps: (h.softmax(z) - np.eye(z.shape[1])[y]) / len(z), "WITHOUT smoothing"),
        (lambda z, y, eps: h.softmax(z) - _smoothed(z, y, eps), "N times too large"),
        (
            lambda z, y, eps: (
                (
                    h.softmax(z)
                    - (1 - eps) * np.eye(z.shape[1])[y]
                    - (1 - np.eye(z.shape[1])[y]) * eps / (z.shape[1] - 1)
                )
                / len(z)
            ),
            "C - 1 wrong classes",
        ),
        (
            lambda z, y, eps: (h.softmax(z) - (1 - eps) * np.eye(z.shape[1])[y] - eps) / len(z),
            "divided by C",
        ),
        (
            lambda z, y, eps: (h.softmax(z) - _smoothed(z, y, eps)) / (len(z) * z.shape[1]),
            "N * C",
        ),
        (lambda z, y, eps: (_smoothed(z, y, eps) - h.softmax(z)) / len(z), "sign error"),
        (
            lambda z, y, eps: (h.softmax(z) - np.eye(z.shape[1])[y] - eps / z.shape[1]) / len(z),
            "scaled by (1 - eps) too",
        ),
        (
            lambda z, y, eps: (1 - eps) * (h.softmax(z) - np.eye(z.shape[1])[y]) / len(z),
            "scaled the whole gradient",
        ),
        (
            lambda z, y, eps: (
                (h.softmax(z) - (1 - eps) * np.eye(z.shape[1])[y] - eps / len(z)) / len(z)
            ),
            "not over the N rows",
        ),
        (
            lambda z, y, eps: (h.softmax(z, axis=0) - _smoothed(z, y, eps)) / len(z),
            "softmax over axis 0",
        ),
        (lambda z, y, eps: "(q - t) / N", "returned"),
        (lambda z, y, eps: {"q": 1}, "returned"),
        (lambda z, y, eps: [["a"] * z.shape[1]] * len(z), "returned"),
        (
            lambda z, y, eps: h.cross_entropy_grad(z, _smoothed(z, y, eps)),
            "calls h.cross_entropy_grad",
        ),
        (
            lambda z, y, eps: h.numerical_gradient(
                lambda v: float(h.cross_entropy_from_logits(v, y, label_smoothing=eps)), z
            ),
            "numerical gradient",
        ),
        (
            lambda z, y, eps: (
                (np.exp(z) / np.exp(z).sum(axis=1, keepdims=True) - _smoothed(z, y, eps)) / len(z)
            ),
            "overflows",
        ),
        # shifts and clips that the rows near +-1000 (largest logit not first) expose
        (lambda z, y, eps: (_shifted(z, z.max()) - _smoothed(z, y, eps)) / len(z), "BATCH"),
        (lambda z, y, eps: (_shifted(z, 500.0) - _smoothed(z, y, eps)) / len(z), "BATCH"),
        (lambda z, y, eps: (_shifted(z, z[:, :1]) - _smoothed(z, y, eps)) / len(z), "its first"),
        (
            lambda z, y, eps: (
                (_shifted(z, z.min(axis=1, keepdims=True)) - _smoothed(z, y, eps)) / len(z)
            ),
            "less than its largest logit",
        ),
        (
            lambda z, y, eps: (h.softmax(np.clip(z, -20, 20)) - _smoothed(z, y, eps)) / len(z),
            "clipping the logits",
        ),
        (
            lambda z, y, eps: (h.softmax(np.clip(z, -700, 700)) - _smoothed(z, y, eps)) / len(z),
            "clipping the logits",
        ),
        (  # nan from 0 / 0 gets a hint about exp, not the engine's one about log(0)
            lambda z, y, eps: (
                (_shifted(z, np.abs(z).max(axis=1, keepdims=True) + 800) - _smoothed(z, y, eps))
                / len(z)
            ),
            "takes no log",
        ),
    ],
)
def test_grad_smoothed_mistakes(wrong, hint):
    fb = h.check_grad_smoothed(wrong)
    assert not fb.passed and hint in fb.message


def test_grad_smoothed_reference_is_the_derivation():
    """The check's finite-difference reference agrees with (q - t) / N from the mathematics."""
    fb = h.check_grad_smoothed(lambda z, y, eps: (h.softmax(z) - _smoothed(z, y, eps)) / len(z))
    assert fb.passed, fb.message


def test_grad_smoothed_accepts_answers_written_differently():
    def loop(z, y, eps):
        n, c = z.shape
        out = np.empty_like(z)
        for i in range(n):
            q = np.exp(z[i] - z[i].max())
            q /= q.sum()
            t = np.full(c, eps / c)
            t[y[i]] += 1 - eps
            out[i] = (q - t) / n
        return out

    def from_plain(z, y, eps):  # the unsmoothed gradient plus the smoothing's shift
        plain = (h.softmax(z) - np.eye(z.shape[1])[y]) / len(z)
        return plain + eps * (np.eye(z.shape[1])[y] - 1 / z.shape[1]) / len(z)

    def in_float32(z, y, eps):
        return ((h.softmax(z) - _smoothed(z, y, eps)) / len(z)).astype(np.float32)

    for right in (loop, from_plain, in_float32):
        fb = h.check_grad_smoothed(right)
        assert fb.passed, fb.message


@pytest.fixture(scope="module")
def digits():
    X_train, _, y_train, _, _ = h.prepare_digits(test_fraction=0.25, seed=0)
    return X_train, y_train


def test_step_with_bug_matches_each_description(digits):
    X, y = digits[0][:32], digits[1][:32]
    W = np.random.default_rng(0).normal(size=(64, 10))
    right = W - 0.1 * X.T @ ((h.softmax(X @ W) - np.eye(10)[y]) / len(X))
    np.testing.assert_allclose(h.step_with_bug(W, X, y, 0.1), right)
    np.testing.assert_allclose(h.step_with_bug(W, X, y, 0.1, "sign flipped") - W, W - right)
    # without 1/N a step is N times as long: the correct step at learning rate N * lr
    np.testing.assert_allclose(
        h.step_with_bug(W, X, y, 0.1, "1/N missing"), h.step_with_bug(W, X, y, 0.1 * len(X))
    )
    twice = W - 0.1 * X.T @ ((h.softmax(h.softmax(X @ W)) - np.eye(10)[y]) / len(X))
    np.testing.assert_allclose(h.step_with_bug(W, X, y, 0.1, "softmax twice"), twice)
    with pytest.raises(ValueError, match="bug must be"):
        h.step_with_bug(W, X, y, 0.1, "typo")


def test_buggy_curves_do_what_the_feedback_says(digits):
    """Every claim in the diagnosis feedback, measured on the curves the notebook plots."""
    curves = h.buggy_training_curves(*digits)
    assert set(curves) == {"correct", "A", "B", "C"}
    assert len({c[0] for c in curves.values()}) == 1  # the same start
    assert all(len(c) == 21 for c in curves.values())
    by_bug = {bug: np.array(curves[k]) for k, bug in h.exercises.diagnosis._CURVE_BUG.items()}
    correct = np.array(curves["correct"])
    assert np.all(np.diff(correct) < 0)
    assert np.all(np.diff(by_bug["sign flipped"]) > 0)  # rises from the first epoch, never stops
    missing = by_bug["1/N missing"]
    assert np.any(np.diff(missing) > 0) and missing[-1] < correct[-1] / 5  # bumpy, far below
    twice = by_bug["softmax twice"]
    assert twice[1] < twice[0] and np.all(np.diff(twice[1:]) > 0)  # falls once, then climbs


def test_missing_one_over_n_flatters_the_training_curve_only():
    """Notebook 05's solution: C's training loss ends below the correct run's, its validation loss above."""
    d = h.split_digits()
    train = h.buggy_training_curves(d.X_fit, d.y_fit)
    val = h.buggy_training_curves(d.X_fit, d.y_fit, validation=(d.X_validation, d.y_validation))
    key = {bug: k for k, bug in h.exercises.diagnosis._CURVE_BUG.items()}["1/N missing"]
    assert train[key][-1] < train["correct"][-1]
    assert val[key][-1] > val["correct"][-1]
    assert val["correct"][0] == pytest.approx(
        h.cross_entropy_from_logits(
            d.X_validation @ np.random.default_rng(0).normal(scale=0.01, size=(64, 10)),
            d.y_validation,
        )
    )


_RIGHT_DIAGNOSIS = {
    "A": ("softmax twice", "falls, then climbs for good"),
    "B": ("sign flipped", "rises from the first epoch"),
    "C": ("1/N missing", "ends below the correct run"),
}


def test_bug_diagnosis():
    assert h.check_bug_diagnosis(_RIGHT_DIAGNOSIS).passed
    assert h.check_bug_diagnosis(None).status == "not done"
    assert "must be a dict" in h.check_bug_diagnosis(["A"]).message


def test_bug_diagnosis_feedback_never_names_a_curves_bug():
    """Every wrong order of the bugs (with any behaviours) gets feedback that names no curve's bug."""
    import itertools

    answer = h.exercises.diagnosis._CURVE_BUG
    for bugs in itertools.permutations(h.STEP_BUGS):
        for shapes in itertools.product(h.LOSS_BEHAVIOURS, repeat=3):
            guess = dict(zip("ABC", zip(bugs, shapes, strict=True), strict=True))
            fb = h.check_bug_diagnosis(guess)
            if fb.passed:
                assert guess == _RIGHT_DIAGNOSIS
                continue
            for k, bug in answer.items():
                assert f"Curve {k}" not in fb.message and f"{k}: {bug}" not in fb.message


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ({"a": "0", "b": "01", "c": "10", "d": "110", "e": "111"}, "is the start of"),
        ({"a": "000", "b": "001", "c": "010", "d": "011", "e": "100"}, "fixed-length code"),
        ({"a": "0", "b": "10", "c": "110", "d": "1110", "e": "1111"}, "merge the two LEAST"),
        ({"a": "0", "b": "10", "c": "11"}, "have no codeword"),
        ({"a": "0", "b": "1 0", "c": "110", "d": "1110", "e": "1111"}, "non-empty string"),
        ({"a": ..., "b": "10", "c": "110", "d": "1110", "e": "1111"}, "Replace every ..."),
    ],
)
def test_code_by_hand_mistakes(code, message):
    fb = h.check_code_by_hand(code)
    assert not fb.passed and message in fb.message


# check_conditional_entropy (rows and total): tests/test_exercise_catalogues.py


# --- choosing the weight decay on validation (notebook 05, exercise 4) ---------------


_RUNS_SEEN: dict = {}  # the learners' trainings, by what they train on: each runs once


def _decay_runs(d, decays, lr=1.0, epochs=15):
    arrays = [np.asarray(a) for a in (d.X_fit, d.y_fit, d.X_validation, d.y_validation, decays)]
    key = tuple(
        (a.shape, a.dtype.str, hashlib.sha1(np.ascontiguousarray(a)).hexdigest()) for a in arrays
    ) + (lr, epochs)
    if key not in _RUNS_SEEN:
        _RUNS_SEEN[key] = h.train_many(
            d.X_fit, d.y_fit, d.X_validation, d.y_validation,
            seeds=range(3), lr=lr, weight_decay=decays, epochs=epochs,
        )  # fmt: skip
    return _RUNS_SEEN[key]


def _choose_right(d, decays):
    return decays[int(np.argmin(_decay_runs(d, decays).validation_loss[:, :, -1].mean(axis=0)))]


def _choose_by_loop(d, decays):
    runs, best = _decay_runs(d, decays), None
    for k, decay in enumerate(decays):
        loss = sum(runs.validation_loss[s, k, -1] for s in range(3)) / 3
        if best is None or loss < best[0]:
            best = (loss, decay)
    return round(float(best[1]), 6)  # as a person would type it


def _choose_by_one_run_each(d, decays):  # train_many once per decay: the same runs
    scores = []
    for decay in decays:
        scores.append(_decay_runs(d, decay).validation_loss[:, 0, -1].mean())
    return float(decays[int(np.argmin(scores))])


def _test_loss(d, decays):
    runs = _decay_runs(d, decays)
    return [
        np.mean([h.cross_entropy_from_logits(z, d.y_test) for z in runs.logits(d.X_test)[:, k]])
        for k in range(len(decays))
    ]


@pytest.mark.parametrize(
    "right",
    [
        _choose_right,
        _choose_by_loop,
        _choose_by_one_run_each,
        lambda d, dec: np.array(_choose_right(d, dec)),  # a 0-d array
        lambda d, dec: np.array([_choose_right(d, dec)]),  # a one-element array
        lambda d, dec: np.float32(_choose_right(d, dec)),  # float32: 0.0005 to 7 digits
    ],
)
def test_weight_decay_choice_accepts_answers_written_differently(right):
    fb = h.check_weight_decay_choice(right)
    assert fb.passed, fb.message


@pytest.mark.parametrize(
    ("wrong", "hint"),
    [
        (lambda d, dec: dec[int(np.argmin(_test_loss(d, dec)))], "read data.X_test"),
        (
            lambda d, dec: dec[int(np.argmin(_decay_runs(d, dec).train_loss[:, :, -1].mean(0)))],
            "TRAINING loss",
        ),
        (
            lambda d, dec: dec[
                int(np.argmax(_decay_runs(d, dec).validation_accuracy[:, :, -1].mean(0)))
            ],
            "ACCURACY",
        ),
        (
            lambda d, dec: dec[
                int(np.argmax(_decay_runs(d, dec).validation_loss[:, :, -1].mean(0)))
            ],
            "HIGHEST",
        ),
        (
            lambda d, dec: dec[
                int(np.argmin(_decay_runs(d, dec).validation_loss.min(axis=-1).mean(0)))
            ],
            "LAST epoch",
        ),
        (
            lambda d, dec: dec[
                int(np.argmin(_decay_runs(d, dec).validation_loss.mean(axis=(0, 2))))
            ],
            "other epochs than the last",  # the mean over the epochs: best epoch's answers here
        ),
        (
            lambda d, dec: float(np.min(_decay_runs(d, dec).validation_loss[:, :, -1].mean(0))),
            "the lowest validation loss itself",
        ),
        (lambda d, dec: str(_choose_right(d, dec)), "not a number"),
        (lambda d, dec: [_choose_right(d, dec)], "not a list"),
        (lambda d, dec: list(dec[:2]), "not a list"),
        (
            lambda d, dec: dec[
                int(
                    np.argmin(
                        _decay_runs(d, dec, lr=0.3, epochs=15).validation_loss[:, :, -1].mean(0)
                    )
                )
            ],
            "learning rate 0.3",
        ),
        (
            lambda d, dec: dec[  # the last of the lowest: the larger decay on a tie
                np.flatnonzero(
                    (m := _decay_runs(d, dec).validation_loss[:, :, -1].mean(0)) == m.min()
                )[-1]
            ],
            "take the SMALLER decay",
        ),
        (
            lambda d, dec: dec[
                int(
                    np.argmin(
                        _decay_runs(d, dec, lr=1.0, epochs=30).validation_loss[:, :, -1].mean(0)
                    )
                )
            ],
            "after 30 epochs",
        ),
        (
            lambda d, dec: float(
                np.array([0.0, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2])[
                    int(
                        np.argmin(
                            _decay_runs(d, np.array([0.0, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2]))
                            .validation_loss[:, :, -1]
                            .mean(0)
                        )
                    )
                ]
            ),
            "compare your steps",
        ),  # fmt: skip  (the notebook's own grid instead of the argument)
        (lambda d, dec: (d.y_test, _choose_right(d, dec))[1], "read data.X_test or data.y_test"),
        (lambda d, dec: dec[2], "compare your steps"),
    ],
)
def test_weight_decay_choice_mistakes(wrong, hint):
    fb = h.check_weight_decay_choice(wrong)
    assert not fb.passed and hint in fb.message, fb.message


@pytest.mark.parametrize(
    "summary",
    [
        lambda L: np.median(L[:, :, -1], axis=0),  # the median of the seeds
        lambda L: L[0, :, -1],  # the first seed alone
        lambda L: L[:, :, -1].min(axis=0),  # each decay's best seed
        lambda L: np.exp(np.log(L[:, :, -1]).mean(axis=0)),  # the geometric mean
        lambda L: L[:, :, -3:].mean(axis=(0, 2)),  # the last three epochs' mean
        lambda L: L[:, :, -2].mean(axis=0),  # the epoch before the last
    ],
)
def test_weight_decay_choice_where_the_choice_is_clear_other_summaries_agree(summary):
    """Not the exercise's recipe, but on problems whose right decay is clear of seed noise
    they choose the same decays, so the check (which grades the choice) passes them."""

    def choose(d, dec):
        return dec[int(np.argmin(summary(_decay_runs(d, dec).validation_loss)))]

    fb = h.check_weight_decay_choice(choose)
    assert fb.passed, fb.message


def test_weight_decay_choice_problems_are_clear_of_seed_noise():
    """Each problem's right decay beats every other by >= 3 SDs of the per-seed paired
    difference (seeds 0-7), and every three consecutive seeds of 0-7 choose it."""
    from helpers.exercises import validation

    decays = np.array(validation._DECAYS)
    settings = {**validation._DECAY_SETTINGS, "seeds": range(8)}
    for arrays in validation._decay_problems()[:-1]:  # the last is the tie
        L = h.train_many(*arrays[:4], weight_decay=decays, **settings).validation_loss[:, :, -1]
        mean = L[:3].mean(axis=0)
        best = int(np.argmin(mean))
        others = [k for k in range(len(decays)) if k != best]
        paired = {k: L[:, k] - L[:, best] for k in others}  # the same seed, two decays
        z = {k: (mean[k] - mean[best]) / paired[k].std(ddof=1) for k in others}
        runner = min(others, key=lambda k: mean[k])
        print(
            f"decay {decays[best]:g}: margin {mean[runner] - mean[best]:.4f} nats over "
            f"{decays[runner]:g}; paired SD {paired[runner].std(ddof=1):.4f}, seed SD of the "
            f"loss {L[:, best].std(ddof=1):.4f}; smallest margin / paired SD {min(z.values()):.1f}"
        )
        assert min(z.values()) >= 3
        assert all(int(np.argmin(L[s : s + 3].mean(axis=0))) == best for s in range(6))


def test_weight_decay_choice_problems_separate_every_mistake():
    """On the problems every wrong way of choosing gives a different tuple of decays."""
    from helpers.exercises import validation

    problems = validation._decay_problems()
    answers = validation._decay_answers(problems)
    triples = list(answers.values())
    assert len(set(triples)) == len(triples), answers
    # and the right decay wins by a margin the random stream does not decide
    assert answers == validation._check_answers()
    tie = h.train_many(
        *problems[-1][:4], weight_decay=np.array(validation._DECAYS), **validation._DECAY_SETTINGS
    ).validation_loss[:, :, -1]
    assert np.all(tie == tie[:, :1])  # every decay exactly the same: a tie


def test_weight_decay_choice_stub_and_errors():
    def stub(d, dec):
        raise NotImplementedError

    assert h.check_weight_decay_choice(stub).status == "not done"
    assert h.check_weight_decay_choice(lambda d, dec: 1 / 0).status == "error"
    assert "needs your function itself" in h.check_weight_decay_choice(0.001).message


_R = _RIGHT_DIAGNOSIS


@pytest.mark.parametrize(
    ("wrong", "hint"),
    [
        # the right behaviours, bugs swapped: the link from bug to behaviour is wrong
        ({**_R, "A": ("sign flipped", _R["A"][1]), "B": ("softmax twice", _R["B"][1])}, "UPHILL"),
        ({**_R, "A": ("1/N missing", _R["A"][1]), "C": ("softmax twice", _R["C"][1])}, "too long"),
        # at lr 3.2 a missing 1/N does not climb for good (section 3: the training loss is lower
        # the larger the rate)
        ({**_R, "C": ("1/N missing", "falls, then climbs for good")}, "TRAINING loss"),
        (
            {"A": ("1/N missing", _R["A"][1]), "B": _R["B"], "C": ("softmax twice", _R["A"][1])},
            "too long",
        ),
        ({**_R, "B": ("1/N missing", _R["B"][1]), "C": ("sign flipped", _R["C"][1])}, "too long"),
        # consistent pairs on the wrong curves: the curve does not do what it is said to
        ({"A": _R["B"], "B": _R["A"], "C": _R["C"]}, "2 of the 3 curves do"),
        ({"A": _R["C"], "B": _R["B"], "C": _R["A"]}, "2 of the 3 curves do"),
        ({"A": _R["B"], "B": _R["C"], "C": _R["A"]}, "3 of the 3 curves do"),
        # a behaviour no curve shows
        (
            {**_R, "C": ("1/N missing", "falls more slowly than the correct run")},
            "too long",
        ),
        ({**_R, "A": ("softmax twice", "stays flat")}, "never stops"),
        # the old format, a bug without its reason
        ({"A": "softmax twice", "B": "sign flipped", "C": "1/N missing"}, "give a pair"),
        ({**_R, "C": ("1/N missing",)}, "must be a pair"),
        ({**_R, "B": ("sign flipped", "sign flipped")}, "not one of the behaviours"),
        ({**_R, "C": ("1/n missing", _R["C"][1])}, "not one of the bugs"),
        ({**_R, "C": ("sign flipped", _R["C"][1])}, "use each of h.STEP_BUGS once"),
        ({"A": _R["A"], "B": _R["B"]}, "must be a dict"),
        ('{"A": ("softmax twice", ...)}', "must be a dict"),
    ],
)
def test_bug_diagnosis_mistakes(wrong, hint):
    fb = h.check_bug_diagnosis(wrong)
    assert not fb.passed and hint in fb.message, fb.message


@pytest.mark.parametrize(
    "right",
    [
        _RIGHT_DIAGNOSIS,
        dict(C=list(_R["C"]), B=_R["B"], A=_R["A"]),  # lists, another key order
        {**_R, "A": (" softmax twice", "falls, then climbs for good ")},  # stray spaces
        {
            k: (h.STEP_BUGS[h.STEP_BUGS.index(b)], h.LOSS_BEHAVIOURS[h.LOSS_BEHAVIOURS.index(s)])
            for k, (b, s) in _R.items()
        },  # fmt: skip
    ],
)
def test_bug_diagnosis_accepts_answers_written_differently(right):
    assert h.check_bug_diagnosis(right).passed


def test_a_solution_that_mutates_an_array_cannot_change_the_next():
    """Solutions run after Run All, each on deep copies of the notebook's lists, dicts,
    sets and arrays: one that edits an array in place leaves the next its original."""
    import types

    import numpy as np

    from tests.notebook_runs import _RUN_SOLUTION, RESULT

    seen = []

    def check_first(value):
        seen.append(float(value[0]))
        return types.SimpleNamespace(passed=True, message="ok")

    namespace = {"np": np, "arr": np.zeros(3), "h": types.SimpleNamespace(check_x=check_first)}
    printed = []
    namespace["print"] = printed.append
    for body in ("arr[0] = 5.0", "pass"):
        exec(_RUN_SOLUTION.format(body=body, calls=["h.check_x(arr)"], marker=RESULT), namespace)
    assert seen == [5.0, 0.0]
    assert namespace["arr"][0] == 0.0
    assert all(p.startswith(RESULT) for p in printed)


def _named_not_generic(check, wrong, hint):
    """``check`` rejects ``wrong`` with a hint naming the mistake, not the engine's generic one."""
    with np.errstate(all="ignore"):
        fb = check(wrong)
    assert not fb.passed and hint in fb.message, fb.message
    assert "compare your formula" not in fb.message


def _t_smoothed(z, y, eps):  # the right smoothed target, (1 - eps) onehot + eps / C
    return (1 - eps) * h.one_hot(y, z.shape[1]) + eps / z.shape[1]


def _mse_through_softmax(z, y, eps):
    q = h.softmax(z)
    g = 2 * (q - _t_smoothed(z, y, eps)) / len(z)
    return q * (g - np.sum(g * q, axis=-1, keepdims=True))


def _float32_smoothed(z, y, eps):  # float32 all through, returned as float64
    z32 = z.astype(np.float32)
    e = np.exp(z32 - z32.max(axis=1, keepdims=True))
    q = e / e.sum(axis=1, keepdims=True)
    return ((q - _t_smoothed(z, y, eps).astype(np.float32)) / np.float32(len(z))).astype(float)


@pytest.mark.parametrize(
    ("wrong", "hint"),
    [  # the gradients of another loss, of another quantity, or of half the loss
        (lambda z, y: 2 * (h.sigmoid(z) - y) * h.sigmoid(z) * (1 - h.sigmoid(z)) / len(z),
         "gradient of the squared error (sigmoid(z) - y)^2"),
        (lambda z, y: 2 * (h.sigmoid(z) - y) / len(z), "the factor 2 is a squared error's"),
        (lambda z, y: 2 * (z - y) / len(z), "on the logit itself"),
        (lambda z, y: -y * h.sigmoid(-y * z) / len(z), "labels in {-1, +1}, with labels 0 and 1"),
        (lambda z, y: (-y / h.sigmoid(z) + (1 - y) / (1 - h.sigmoid(z))) / len(z),
         "with respect to the probability"),
        (lambda z, y: np.stack([h.sigmoid(z) - y, y - h.sigmoid(z)], axis=1) / len(z),
         "both logits [z, 0]"),
        (lambda z, y: y * (h.sigmoid(z) - 1) / len(z), "0 wherever y = 0"),
        (lambda z, y: (1 - y) * h.sigmoid(z) / len(z), "only the term -(1 - y) ln(1 - sigmoid(z))"),
        (lambda z, y: (np.round(h.sigmoid(z)) - y) / len(z), "not the predicted label"),
        (lambda z, y: ((z > 0).astype(float) - y) / len(z), "not the predicted label"),
        (lambda z, y: (np.log(h.sigmoid(z)) - y) / len(z), "is in the LOSS"),
        (lambda z, y: (h.sigmoid(z) - y) / (len(z) - 1), "N - 1"),
        (lambda z, y: y - h.sigmoid(z), "two slips"),
        (lambda z, y: ((h.sigmoid(z.astype(np.float32)) - y) / len(z)).astype(float), "float32"),
    ],
)  # fmt: skip
def test_grad_binary_names_other_gradients(wrong, hint):
    _named_not_generic(h.check_grad_binary, wrong, hint)


@pytest.mark.parametrize(
    ("wrong", "hint"),
    [  # the target, the normalisation, the shape, another loss or quantity
        (lambda z, y, e: h.softmax(z) / len(z), "you left out the target"),
        (lambda z, y, e: (h.softmax(z) - e / z.shape[1]) / len(z), "part is missing"),
        (lambda z, y, e: (h.softmax(z) - (1 - e) * h.one_hot(y, z.shape[1]) - e / (z.shape[1] - 1))
         / len(z), "eps / (C - 1) to every class"),
        (lambda z, y, e: (h.softmax(z) - (1 - e) * h.one_hot(y, z.shape[1])
                          - (1 - h.one_hot(y, z.shape[1])) * e / z.shape[1]) / len(z),
         "to the wrong classes only, so t sums to 1 - eps / C"),
        (lambda z, y, e: (h.softmax(z) - (1 - e + e / z.shape[1]) * h.one_hot(y, z.shape[1]))
         / len(z), "to the true class only"),
        (lambda z, y, e: ((h.softmax(z) - _t_smoothed(z, y, e)) / len(z)).T, "transposed"),
        (lambda z, y, e: (h.softmax(z) - _t_smoothed(z, y, e)).sum(axis=0) / len(z), "BIAS's gradient"),
        (lambda z, y, e: (np.exp(z - z.max(axis=1, keepdims=True))
                          / np.exp(z - z.max(axis=1, keepdims=True)).sum() - _t_smoothed(z, y, e))
         / len(z), "the whole batch"),
        (_float32_smoothed, "float32"),
        (lambda z, y, e: (h.softmax(z) - _t_smoothed(z, y, e)) / len(z) ** 2, "divided by N twice"),
        (lambda z, y, e: (h.softmax(z) - _t_smoothed(z, y, e)) / z.shape[1], "you divided by C"),
        (lambda z, y, e: 2 * (h.softmax(z) - _t_smoothed(z, y, e)) / len(z), "the factor 2"),
        (_mse_through_softmax, "squared error of the probabilities"),
        (lambda z, y, e: -_t_smoothed(z, y, e) / h.softmax(z) / len(z), "with respect to the probabilities"),
        (lambda z, y, e: (h.log_softmax(z) - _t_smoothed(z, y, e)) / len(z), "is in the LOSS"),
        (lambda z, y, e: (h.one_hot(np.argmax(z, axis=1), z.shape[1]) - _t_smoothed(z, y, e)) / len(z),
         "argmax"),
        (lambda z, y, e: float(np.mean(h.softmax(z) - _t_smoothed(z, y, e))), "into one number"),
    ],
)  # fmt: skip
def test_grad_smoothed_names_target_and_shape_mistakes(wrong, hint):
    _named_not_generic(h.check_grad_smoothed, wrong, hint)


@pytest.mark.parametrize(
    "right",
    [  # the true class's entry written as one number; scipy's softmax; a loop over rows
        lambda z, y, e: (h.softmax(z) - np.where(h.one_hot(y, z.shape[1]) > 0, 1 - e + e / z.shape[1],
                                                 e / z.shape[1])) / len(z),
        lambda z, y, e: (__import__("scipy.special").special.softmax(z, axis=1) - _t_smoothed(z, y, e))
        / len(z),
        lambda z, y, e: np.array([(h.softmax(r) - _t_smoothed(r[None], [c], e)[0]) / len(z)
                                  for r, c in zip(z, y, strict=True)]),
    ],
)  # fmt: skip
def test_grad_smoothed_accepts_targets_written_differently(right):
    fb = h.check_grad_smoothed(right)
    assert fb.passed, fb.message


def _own_central_difference_of(loss, z, eps):  # a learner's loop over the entries of z
    out = np.zeros(np.shape(z))
    for i in np.ndindex(out.shape):
        up, down = np.array(z, dtype=float), np.array(z, dtype=float)
        up[i] += eps
        down[i] -= eps
        out[i] = (loss(up) - loss(down)) / (2 * eps)
    return out


def _naive_binary_loss(y):  # -y ln p - (1 - y) ln(1 - p), written with logs
    return lambda z: np.mean(-y * np.log(h.sigmoid(z)) - (1 - y) * np.log(1 - h.sigmoid(z)))


@pytest.mark.parametrize(
    ("wrong", "hint"),
    [  # a clip, a rounding or an epsilon at any value: named by what it did, never "float32" alone
        (lambda z, y: (np.clip(h.sigmoid(z), 1e-9, 1 - 1e-9) - y) / len(z), "clipped sigmoid (here at 1e-09)"),
        (lambda z, y: (np.clip(h.sigmoid(z), 1e-13, 1 - 1e-13) - y) / len(z), "clipped sigmoid (here at 1e-13)"),
        (lambda z, y: np.round((h.sigmoid(z) - y) / len(z), 7), "rounded to 7 decimals"),
        (lambda z, y: np.round((h.sigmoid(z) - y) / len(z), 9), "rounded to 9 decimals"),
        (lambda z, y: (h.sigmoid(np.clip(z, -30, 30)) - y) / len(z), "clipped the logits at about +-30"),
        (lambda z, y: (1 / (1 + np.exp(-z) + 1e-12) - y) / len(z), "an added epsilon or a clip"),
        (lambda z, y: _own_central_difference_of(_naive_binary_loss(y), z, 1e-6),
         "numerical gradient (central differences) of the loss written with logs"),
    ],
)  # fmt: skip
def test_grad_binary_names_clips_roundings_and_epsilons_by_value(wrong, hint):
    with np.errstate(all="ignore"):
        fb = h.check_grad_binary(wrong)
    assert not fb.passed and hint in fb.message, fb.message


@pytest.mark.parametrize(
    ("wrong", "hint"),
    [
        (lambda z, y, e: np.round((h.softmax(z) - _t_smoothed(z, y, e)) / len(z), 3), "rounded to 3 decimals"),
        (lambda z, y, e: np.round((h.softmax(z) - _t_smoothed(z, y, e)) / len(z), 7), "rounded to 7 decimals"),
        (lambda z, y, e: (h.softmax(np.clip(z, -80, 80)) - _t_smoothed(z, y, e)) / len(z),
         "clipped the logits at about +-80"),
        (lambda z, y, e: (h.softmax(z) + 1e-9 - _t_smoothed(z, y, e)) / len(z), "an added epsilon or a clip"),
        (lambda z, y, e: (h.softmax(z) - e * h.one_hot(y, z.shape[1]) - (1 - e) / z.shape[1]) / len(z),
         "swapped"),
        (lambda z, y, e: _own_central_difference_of(
            lambda v: float(h.cross_entropy_from_logits(v, y, label_smoothing=e)), z, 1e-6),
         "numerical gradient"),
    ],
)  # fmt: skip
def test_grad_smoothed_names_clips_roundings_and_swaps_by_value(wrong, hint):
    with np.errstate(all="ignore"):
        fb = h.check_grad_smoothed(wrong)
    assert not fb.passed and hint in fb.message, fb.message


def _in_place_sigmoid_gradient(z, y):  # right, written in place on z (the package's own style)
    np.negative(z, out=z)
    np.exp(z, out=z)
    z += 1
    np.reciprocal(z, out=z)
    return (z - y) / len(z)


def _in_place_smoothed_gradient(z, y, eps):  # right, the shifted softmax written in place on z
    z -= z.max(axis=1, keepdims=True)
    np.exp(z, out=z)
    z /= z.sum(axis=1, keepdims=True)
    return (z - _t_smoothed(z, y, eps)) / len(z)


def test_gradient_checkers_accept_a_function_that_writes_its_input():
    with np.errstate(all="ignore"):
        assert h.check_grad_binary(_in_place_sigmoid_gradient).passed
        assert h.check_grad_smoothed(_in_place_smoothed_gradient).passed


def _in_place_sign_slip(z, y):  # y - sigmoid(z), written in place on z
    return (y - _in_place_sigmoid_gradient(z, 0 * y) * len(z)) / len(z)


def _in_place_batch_shift(z, y, eps):  # z -= z.max() (the whole batch's), in place
    z -= z.max()
    q = np.exp(z)
    q /= q.sum(axis=1, keepdims=True)
    return (q - _t_smoothed(z, y, eps)) / len(z)


@pytest.mark.parametrize(
    ("check", "wrong", "hint"),
    [
        (h.check_grad_binary, _in_place_sign_slip, "sign"),
        (h.check_grad_smoothed, _in_place_batch_shift, "BATCH"),
    ],
)
def test_a_mistake_written_in_place_keeps_its_own_hint(check, wrong, hint):
    """Every case, the later ones too, runs on a copy: the mistake models see the true inputs."""
    _named_not_generic(check, wrong, hint)


@pytest.mark.parametrize(
    ("check", "wrong", "hint"),
    [
        (h.check_grad_binary, lambda z, y: ((1 + np.tanh(z)) / 2 - y) / len(z), "sigmoid(2 z)"),
        (h.check_grad_smoothed,
         lambda z, y, e: (h.softmax(np.clip(z, -105, 105)) - _t_smoothed(z, y, e)) / len(z),
         "clipped the logits at about +-105"),
        (h.check_grad_smoothed,
         lambda z, y, e: (h.softmax(z) - (1 - e / z.shape[1]) * h.one_hot(y, z.shape[1]) - e / z.shape[1])
         / len(z), "sums to more than 1"),
    ],
)  # fmt: skip
def test_gradient_checkers_name_the_second_reviews_mistakes(check, wrong, hint):
    fb = check(wrong)
    assert not fb.passed and hint in fb.message, fb.message
