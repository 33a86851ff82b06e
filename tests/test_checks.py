"""The exercise-check engine: feedback, never a crash."""

from __future__ import annotations

import math

import numpy as np

from helpers.exercises._engine import Case, Mistake, run_check

CASES = [Case((0.5,), 1.0), Case((0.25,), 2.0)]
MISTAKES = [Mistake(lambda p: -math.log(p), "natural log: use np.log2 for bits")]


def right(p):
    return -math.log2(p)


def test_right_answer_passes():
    fb = run_check(right, CASES, name="surprise_bits", success="Well done.")
    assert fb.passed
    assert repr(fb) == "✓ surprise_bits: all 2 cases right. Well done."


def test_stub_is_not_done_yet():
    def stub(p):
        raise NotImplementedError("write the formula")

    fb = run_check(stub, CASES, name="surprise_bits")
    assert not fb.passed and fb.status == "not done"
    assert "not done yet" in fb.message


def test_known_mistake_gets_its_hint():
    fb = run_check(
        lambda p: -math.log(p), CASES, name="surprise_bits", mistakes=MISTAKES, unit="bits"
    )
    assert not fb.passed
    assert "surprise_bits(0.5) returned 0.693147, expected 1 bits" in fb.message
    assert "Hint: natural log" in fb.message


def test_crash_in_learner_code_is_feedback():
    fb = run_check(lambda p: 1 / 0, CASES, name="surprise_bits")
    assert not fb.passed and fb.status == "error"
    assert "ZeroDivisionError" in fb.message


def test_missing_return_is_explained():
    fb = run_check(lambda p: None, CASES, name="surprise_bits")
    assert "did you forget `return`" in fb.message


def test_nan_gets_the_zero_log_zero_hint():
    fb = run_check(lambda p: float("nan"), CASES, name="surprise_bits")
    assert "0 log 0 = 0" in fb.message


def test_passing_a_call_instead_of_the_function():
    fb = run_check(1.0, CASES, name="surprise_bits")
    assert "without brackets" in fb.message


def test_unknown_mistake_gets_the_generic_hint():
    fb = run_check(lambda p: 42.0, CASES, name="surprise_bits", mistakes=MISTAKES)
    assert "compare your formula" in fb.message


def test_a_rounded_answer_is_named():
    """An answer equal to the right one rounded (here to 2 decimals) gets that hint, not the generic one."""
    fb = run_check(
        lambda p: round(-math.log2(p), 2),
        [Case((0.1,), -math.log2(0.1))],
        name="surprise_bits",
        rounding_hint=True,
    )
    assert not fb.passed and "rounded to 2 decimals" in fb.message, fb.message


def test_shape_mismatch_is_named():
    fb = run_check(lambda p: np.array([1.0, 2.0]), CASES, name="surprise_bits")
    assert "shapes differ" in fb.message
