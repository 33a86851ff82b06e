"""The instructor guide, the cheat sheet and the start notebook's map stay true."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

import helpers as h
from tools import course_facts

ROOT = Path(__file__).resolve().parents[1]
GUIDE = (ROOT / "docs" / "instructor-guide.md").read_text()
CHEATSHEET = (ROOT / "docs" / "cheatsheet.md").read_text()
FACTS = course_facts.all_facts()


def test_guide_generated_sections_are_up_to_date():
    fresh = course_facts.render(GUIDE, course_facts.generated_sections(FACTS))
    assert fresh == GUIDE, "docs/instructor-guide.md is stale: run `make docs`"


def test_guide_names_every_notebook_and_every_exercise():
    for f in FACTS:
        assert f["name"] in GUIDE
        for exercise in f["exercises"]:
            assert exercise in GUIDE, f"{f['name']}: {exercise!r} missing from the guide"


def test_both_schedules_fit_their_slots():
    _, total_3h = course_facts.schedule(FACTS, short=False)
    _, total_90 = course_facts.schedule(FACTS, short=True)
    assert 150 <= total_3h <= 180
    assert 75 <= total_90 <= 90


def test_every_notebook_states_its_times_and_the_map_agrees():
    start = "".join(
        "".join(c["source"])
        for c in json.loads((ROOT / "notebooks" / "00_start.ipynb").read_text())["cells"]
    )
    for f in FACTS[1:]:
        assert f["self_min"] and f["workshop_min"], f"{f['name']} has no Time: line"
        row = re.search(
            rf"\[[^\]]+\]\({re.escape(f['name'])}\).*\| (\d+) min \| (\d+) min \|", start
        )
        assert row, f"00_start's map has no row for {f['name']}"
        assert (int(row.group(1)), int(row.group(2))) == (f["self_min"], f["workshop_min"])


def test_start_notebook_and_readme_link_the_guide_and_cheat_sheet():
    start = (ROOT / "notebooks" / "00_start.ipynb").read_text()
    readme = (ROOT / "README.md").read_text()
    for doc in ("docs/instructor-guide.md", "docs/cheatsheet.md"):
        assert doc in readme
        assert doc.split("/")[1] in start


def test_every_notebook_has_a_measured_run_time():
    measured = course_facts.measured_seconds()
    assert set(measured) == {f["stem"] for f in FACTS}, (
        "benchmarks/RESULTS.md lacks a notebook: run make bench"
    )


# --- the cheat sheet: every helpers name exists, every identity holds -------------


def test_every_helpers_name_on_the_cheat_sheet_exists():
    names = set(re.findall(r"`h\.(\w+)\(", CHEATSHEET))
    assert len(names) >= 12
    assert not [n for n in names if not hasattr(h, n)]


rng = np.random.default_rng(0)
P, Q = rng.dirichlet(np.ones(5)), rng.dirichlet(np.ones(5))
Z = rng.normal(scale=3, size=(4, 5))
Y = np.array([0, 3, 1, 4])


def _training_gradients_hold() -> bool:
    """The cheat sheet's training rows: dL/dW, dL/db, weight decay, the binary and smoothed gradients."""
    model = h.SoftmaxRegression(3, 5, np.random.default_rng(1), init_scale=1.0)
    X = np.random.default_rng(2).normal(size=(4, 3))
    q, y = h.softmax(model.logits(X)), h.one_hot(Y, 5)
    dW, db = model.gradients(X, Y, weight_decay=0.1)
    eps, zb = 0.2, Z[:, 0]
    smoothed = h.numerical_gradient(
        lambda z: float(h.cross_entropy_from_logits(z, Y, label_smoothing=eps)), Z
    )
    binary = h.numerical_gradient(
        lambda z: float(np.mean(h.binary_cross_entropy(Y % 2, h.sigmoid(z)))), zb
    )
    return (
        np.allclose(dW, X.T @ (q - y) / 4 + 0.1 * model.W)
        and np.allclose(db, (q - y).sum(0) / 4)
        and np.allclose(smoothed, (h.softmax(Z) - ((1 - eps) * h.one_hot(Y, 5) + eps / 5)) / 4)
        and np.allclose(binary, (h.sigmoid(zb) - Y % 2) / 4, atol=1e-8)
    )


@pytest.mark.parametrize(
    "identity",
    [
        lambda: np.isclose(h.cross_entropy(P, Q), h.entropy(P) + h.kl_divergence(P, Q)),
        lambda: h.cross_entropy(P, Q) >= h.entropy(P),  # Gibbs (KL itself: Pinsker, test_theorems)
        lambda: (
            0 <= h.entropy(P) <= np.log(5) and np.isclose(h.entropy(np.full(5, 0.2)), np.log(5))
        ),
        lambda: round(float(h.cross_entropy([0, 0, 1], [0.6, 0.2, 0.2])), 4) == 1.6094,
        lambda: np.isclose(h.perplexity(P), 2 ** h.entropy(P, base=2)),
        lambda: np.isclose(h.entropy(P, base=2), h.entropy(P) / np.log(2)),
        lambda: np.allclose(h.softmax(Z + 7.5), h.softmax(Z)),
        lambda: np.allclose(h.log_softmax(Z), Z - h.logsumexp(Z)[:, None]),
        lambda: np.isclose(
            h.cross_entropy_from_logits(Z, Y), -np.mean(h.log_softmax(Z)[np.arange(4), Y])
        ),
        lambda: np.allclose(h.cross_entropy_grad(Z, Y), (h.softmax(Z) - h.one_hot(Y, 5)) / 4),
        lambda: np.isclose(
            h.binary_cross_entropy(0.3, 0.8), h.cross_entropy([0.3, 0.7], [0.8, 0.2])
        ),
        lambda: np.isclose(h.sigmoid(1.3), h.softmax([1.3, 0.0])[0]),
        lambda: np.allclose(
            h.cross_entropy_grad(Z[:1], Y[:1]), h.softmax(Z[:1]) - h.one_hot(Y[:1], 5)
        ),  # per example: q - y, no 1/N
        lambda: _training_gradients_hold(),
        lambda: np.isclose(
            h.brier_score(h.softmax(Z), Y),
            np.mean(np.sum((h.softmax(Z) - h.one_hot(Y, 5)) ** 2, 1)),
        ),
        lambda: (
            h.reliability_curve(np.eye(5)[[0, 1, 2, 3]], Y, 3, "quantile")[3]
            == 1 - np.mean(Y == [0, 1, 2, 3])
        ),  # ECE = 1 - accuracy when every confidence is 1
        lambda: np.array_equal(h.softmax(Z / 3.0).argmax(1), Z.argmax(1)),  # T keeps the argmax
        lambda: np.isclose(
            h.average_nll(["anna", "bob"], h.fit_bigram(h.bigram_counts(["anna", "bob"]), 0.5)),
            h.empirical_cross_entropy(
                h.bigram_counts(["anna", "bob"]),
                h.fit_bigram(h.bigram_counts(["anna", "bob"]), 0.5),
            ),
        ),
        lambda: (
            lambda c: (
                h.entropy(Q, base=2)
                <= h.average_code_length(c, dict(enumerate(Q)))
                < h.entropy(Q, base=2) + 1
            )
        )(h.huffman_code(dict(enumerate(Q)))),
    ],
    ids=[
        "H(p,q)=H(p)+KL",
        "Gibbs",
        "H<=log n",
        "one-hot 1.6094",
        "perplexity",
        "bits=nats/ln2",
        "softmax shift",
        "log_softmax",
        "loss from logits",
        "gradient q-y",
        "BCE two-class",
        "sigmoid",
        "per-example gradient",
        "dW, db, weight decay, binary, smoothed",
        "Brier",
        "ECE bound",
        "temperature",
        "NLL=cross-entropy",
        "source coding",
    ],
)
def test_cheat_sheet_identity(identity):
    assert identity()


def test_readme_speed_summary_is_generated_from_the_results():
    """`make docs` writes it (tools/course_facts.py): no figure is copied by hand."""
    readme = (ROOT / "README.md").read_text()
    results = (ROOT / "benchmarks" / "RESULTS.md").read_text()
    fresh = course_facts.render(readme, {"speed": course_facts.readme_speed(results)})
    assert fresh == readme, "README.md's speed section is stale: run `make docs`"


def test_the_speed_summary_follows_the_results():
    results = (ROOT / "benchmarks" / "RESULTS.md").read_text()
    moved, n = re.subn(
        r"^\| encode \| [^|]+\|$", "| encode | 9.87 (9.80–9.99) |", results, flags=re.M
    )
    assert n == 1
    assert "in 9.87 s" in course_facts.readme_speed(moved)


def test_readme_quotes_the_benchmark_results():
    readme = (ROOT / "README.md").read_text()
    speed = readme.split("## Speed", 1)[1].split("\n## ", 1)[0]
    results = (ROOT / "benchmarks" / "RESULTS.md").read_text()
    number = r"\d+\.\d+(?:e-\d+)?"
    quoted = re.findall(number, speed)
    assert len(quoted) >= 10
    # Whole numbers only: "0.70" must not match inside "10.70".
    in_results = set(re.findall(rf"(?<![\d.]){number}(?![\d])", results))
    missing = [q for q in quoted if q not in in_results]
    assert not missing, f"README quotes numbers that benchmarks/RESULTS.md does not hold: {missing}"
