"""Every exercise: the solution shown to learners passes its check, a stub is
"not done yet", and the known mistakes get their hints."""

from __future__ import annotations

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


@pytest.mark.parametrize(
    ("answer", "hint"),
    [
        (8, "that is 1/p"),
        (0.125, "the probability itself"),
        (2, "three halvings"),
        (math.log(8), "ln 8, in nats"),
        (-3, "never negative"),
        (5, "product of probabilities"),
    ],
)
def test_surprise_of_an_eighth_mistakes(answer, hint):
    fb = h.check_surprise_of_an_eighth(answer)
    assert not fb.passed and hint in fb.message
    assert h.check_surprise_of_an_eighth(...).status == "not done"
    assert "must be a number" in h.check_surprise_of_an_eighth("3").message


@pytest.mark.parametrize(("p", "q"), [(0.5, 0.5), (0.1, 0.9), (1.0, 1e-9)])
def test_one_over_p_adds_exactly_when_p_plus_q_is_one(p, q):
    fb = h.check_one_over_p_adds(p, q)
    assert fb.passed == math.isclose(p + q, 1.0) and ("p + q = 1" in fb.message) == fb.passed


def test_one_over_p_adds_refuses_what_is_not_a_probability():
    assert "0 < p <= 1" in h.check_one_over_p_adds(0.0, 1.0).message
    assert "multiply both sides" in h.check_one_over_p_adds(1 / 6, 1 / 2).message


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


@pytest.mark.parametrize(
    ("wrong", "hint"),
    [
        (lambda p, q: h.cross_entropy(q, p), "swapped p and q"),
        (lambda p, q: h.cross_entropy(p, q, base=2), "in bits"),
        (lambda p, q: -h.cross_entropy(p, q), "wrong sign"),
        (lambda p, q: h.entropy(q), "entropy of the prediction"),
        (lambda p, q: -np.sum(p * np.log(q)), "0 log 0 = 0"),
    ],
)
def test_cross_entropy_mistakes(wrong, hint):
    with np.errstate(divide="ignore", invalid="ignore"):
        fb = h.check_cross_entropy(wrong)
    assert not fb.passed and hint in fb.message


@pytest.mark.parametrize(
    ("wrong", "hint"),
    [
        (lambda p, q: h.kl_divergence(q, p), "KL(q || p)"),
        (lambda p, q: -h.kl_divergence(p, q), "wrong sign"),
        (lambda p, q: h.cross_entropy(p, q) - h.entropy(q), "not H(q)"),
    ],
)
def test_kl_divergence_mistakes(wrong, hint):
    fb = h.check_kl_divergence(wrong)
    assert not fb.passed and hint in fb.message


@pytest.mark.parametrize(
    ("wrong", "hint"),
    [
        (lambda z: np.log(np.sum(np.exp(z))), "Subtract the largest entry"),
        (lambda z: np.log(np.sum(np.exp(z - np.max(z)))), "did not add it back"),
        (lambda z: np.max(z), "only the maximum"),
    ],
)
def test_logsumexp_mistakes(wrong, hint):
    with np.errstate(over="ignore", divide="ignore"):
        fb = h.check_logsumexp(wrong)
    assert not fb.passed and hint in fb.message


def _smoothed_wrong_classes_only(z, y, eps):
    c = z.shape[1]
    onehot = h.one_hot(y, c)
    t = onehot * (1 - eps) + (1 - onehot) * eps / (c - 1)
    return np.mean(-np.sum(t * h.log_softmax(z), axis=1))


@pytest.mark.parametrize(
    ("wrong", "hint"),
    [
        (lambda z, y, eps: h.cross_entropy_from_logits(z, y), "plain cross-entropy"),
        (_smoothed_wrong_classes_only, "C - 1 wrong classes only"),
        (
            lambda z, y, eps: h.cross_entropy_from_logits(
                z, y, reduction="sum", label_smoothing=eps
            ),
            "sum over rows",
        ),
    ],
)
def test_label_smoothed_cross_entropy_mistakes(wrong, hint):
    fb = h.check_label_smoothed_cross_entropy(wrong)
    assert not fb.passed and hint in fb.message


@pytest.mark.parametrize(
    ("wrong", "hint"),
    [
        (lambda f, t: np.prod(np.where(f == 1, t, 1 - t)), "likelihood itself"),
        (lambda f, t: -np.sum(np.log(np.where(f == 1, t, 1 - t))), "NEGATIVE log-likelihood"),
        (lambda f, t: np.sum(np.log2(np.where(f == 1, t, 1 - t))), "in bits"),
        (lambda f, t: np.sum(f) * np.log(t), "only counted the heads"),
        (lambda f, t: np.mean(np.log(np.where(f == 1, t, 1 - t))), "AVERAGE log-likelihood"),
    ],
)
def test_log_likelihood_mistakes(wrong, hint):
    fb = h.check_log_likelihood(wrong)
    assert not fb.passed and hint in fb.message


def _nll_on(words, counts, alphas):
    return [h.average_nll(words, h.fit_bigram(counts, a)) for a in alphas]


@pytest.mark.parametrize(
    ("wrong", "hint"),
    [
        (
            lambda tr, va, al: al[int(np.argmin(_nll_on(tr, h.bigram_counts(tr), al)))],
            "TRAINING words",
        ),
        (
            lambda tr, va, al: al[int(np.argmax(_nll_on(va, h.bigram_counts(tr), al)))],
            "HIGHEST validation",
        ),
        (
            lambda tr, va, al: min(_nll_on(va, h.bigram_counts(tr), al)),
            "best validation NLL itself",
        ),
    ],
)
def test_alpha_choice_mistakes(wrong, hint):
    fb = h.check_alpha_choice(wrong)
    assert not fb.passed and hint in fb.message


def _terms(words, model, start=True, end=True):
    out = []
    for w in words:
        chars = ("." if start else "") + w + ("." if end else "")
        out += [
            -np.log(model[h.NAME_ALPHABET.index(a), h.NAME_ALPHABET.index(b)])
            for a, b in zip(chars, chars[1:], strict=False)
        ]
    return np.array(out)


@pytest.mark.parametrize(
    ("wrong", "hint"),
    [
        (lambda w, m: np.mean(_terms(w, m, end=False)), "word's end"),
        (lambda w, m: np.mean(_terms(w, m, start=False)), "first letter"),
        (lambda w, m: np.mean(_terms(w, m)) / np.log(2), "in bits"),
        (lambda w, m: np.sum(_terms(w, m)), "total NLL"),
        (lambda w, m: np.sum(_terms(w, m)) / len(w), "per WORD"),
    ],
)
def test_average_nll_mistakes(wrong, hint):
    fb = h.check_average_nll(wrong)
    assert not fb.passed and hint in fb.message


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
    ],
)
def test_grad_binary_mistakes(wrong, hint):
    fb = h.check_grad_binary(wrong)
    assert not fb.passed and hint in fb.message


def test_grad_binary_reference_is_sklearn_log_loss_gradient():
    """The check's finite-difference reference agrees with scikit-learn's log loss, differentiated."""
    from sklearn.metrics import log_loss

    z, y = np.array([-1.5, 0.3, 2.0]), np.array([0, 1, 1])
    numeric = h.numerical_gradient(lambda z_: log_loss(y, h.sigmoid(z_), labels=[0, 1]), z)
    np.testing.assert_allclose(numeric, (h.sigmoid(z) - y) / len(z), rtol=1e-6)
    assert h.check_grad_binary(lambda z, y: (h.sigmoid(z) - y) / len(z)).passed


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
    ],
)
def test_grad_smoothed_mistakes(wrong, hint):
    fb = h.check_grad_smoothed(wrong)
    assert not fb.passed and hint in fb.message


def test_grad_smoothed_reference_is_the_derivation():
    """The check's finite-difference reference agrees with (q - t) / N from the mathematics."""
    fb = h.check_grad_smoothed(lambda z, y, eps: (h.softmax(z) - _smoothed(z, y, eps)) / len(z))
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
    by_bug = {bug: np.array(curves[k]) for k, bug in h.exercises.learning._CURVE_BUG.items()}
    correct = np.array(curves["correct"])
    assert np.all(np.diff(correct) < 0)
    assert np.all(np.diff(by_bug["sign flipped"]) > 0)  # rises from the first epoch, never stops
    missing = by_bug["1/N missing"]
    assert np.any(np.diff(missing) > 0) and missing[-1] < correct[-1] / 5  # bumpy, far below
    twice = by_bug["softmax twice"]
    assert twice[1] < twice[0] and np.all(np.diff(twice[1:]) > 0)  # falls once, then climbs


def test_bug_diagnosis():
    right = {"A": "softmax twice", "B": "sign flipped", "C": "1/N missing"}
    assert h.check_bug_diagnosis(right).passed
    swapped = {**right, "A": "sign flipped", "B": "softmax twice"}
    fb = h.check_bug_diagnosis(swapped)
    assert not fb.passed and "Curve A" in fb.message and "Curve B" in fb.message
    assert "Curve C" not in fb.message and "UPHILL" in fb.message
    assert h.check_bug_diagnosis(None).status == "not done"
    assert "must be a dict" in h.check_bug_diagnosis(["A"]).message
    assert "not one of the bugs" in h.check_bug_diagnosis({**right, "C": "typo"}).message


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


@pytest.mark.parametrize(
    ("wrong", "hint"),
    [
        (lambda c: h.conditional_entropy(c / c.sum()), "nats"),
        (lambda c: h.entropy((c / c.sum()).ravel(), base=2), "joint entropy H(X, Y)"),
        (lambda c: h.entropy((c / c.sum()).sum(axis=0), base=2), "ignoring what came before"),
        (lambda c: h.conditional_entropy((c / c.sum()).T, base=2), "H(X | Y)"),
    ],
)
def test_conditional_entropy_mistakes(wrong, hint):
    fb = h.check_conditional_entropy(wrong)
    assert not fb.passed and hint in fb.message


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
