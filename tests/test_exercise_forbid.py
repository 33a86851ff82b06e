"""An exercise's forbidden helper is caught, named, and restored afterwards."""

import numpy as np
import pytest

import helpers as h
from helpers.exercises._engine import Case, run_check
from helpers.exercises._forbid import ForbiddenHelperUsed, without


def test_a_call_to_the_forbidden_helper_fails_the_check_and_names_it():
    cases = [Case(([0.5, 0.25, 0.25],), 1.5)]
    feedback = run_check(
        without(["entropy"], lambda p: h.entropy(p, base=2)), cases, name="entropy_bits"
    )
    assert not feedback.passed
    assert "h.entropy" in feedback.message and "ForbiddenHelperUsed" in feedback.message


def test_an_answer_from_the_definition_passes():
    def entropy_bits(p):
        p = np.asarray(p, dtype=float)
        return float(-(p * np.log2(p)).sum())

    cases = [Case(([0.5, 0.25, 0.25],), 1.5)]
    assert run_check(without(["entropy"], entropy_bits), cases, name="entropy_bits").passed


def test_the_helper_is_restored_even_when_the_learner_raises():
    original = h.entropy

    def broken(p):
        raise ZeroDivisionError("oops")

    with pytest.raises(ZeroDivisionError):
        without(["entropy"], broken)([1.0])
    assert h.entropy is original


def test_internal_uses_of_a_helper_are_not_caught():
    # mutual_information uses the information module's functions, not helpers.<name>.
    joint = np.array([[0.4, 0.1], [0.1, 0.4]])
    guarded = without(["entropy", "kl_divergence"], lambda j: h.mutual_information(j, base=2))
    assert guarded(joint) == pytest.approx(h.mutual_information(joint, base=2))


def test_not_callable_is_passed_through_and_unknown_names_refused():
    assert without(["entropy"], 3.0) == 3.0
    with pytest.raises(ValueError, match="names: helpers has no 'no_such_helper'"):
        without(["no_such_helper"], lambda: None)
    with pytest.raises(ForbiddenHelperUsed):
        without(["softmax"], lambda z: h.softmax(z))([0.0, 1.0])
