"""Friendly checks for the notebooks' exercises.

A check runs the learner's function on known cases and returns a
:class:`Feedback` that shows as text in the notebook: ✓ with what was right,
✗ with the failing case, expected vs got and a hint for the known mistakes, or
"not done yet" for an untouched stub. A check never raises on a learner's
mistake, so *Run All* keeps going.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from helpers.exercises._forbidden import helpers_called, watching
from helpers.exercises._rounding import rounded_to, rounding_hint_text

__all__ = ["Feedback", "Case", "Mistake", "run_check"]

# Hints shared by several exercises' checkers.
NATURAL_LOG_HINT = (
    "that is the answer in nats (natural log, np.log). Bits need log base 2: "
    "np.log2(p), or np.log(p) / np.log(2)."
)
SIGN_HINT = "your answer has the wrong sign. log p is negative for p < 1; surprise is MINUS log p."


@dataclass(frozen=True)
class Feedback:
    """The outcome of a check: ``passed`` and the message shown to the learner."""

    passed: bool
    message: str
    status: str = "checked"  # "checked", "not done", "error"

    def __repr__(self) -> str:
        return self.message

    def _repr_pretty_(self, printer, cycle) -> None:  # IPython display
        printer.text(self.message)

    def with_hint(self, hint: str) -> Feedback:
        """A failed check's message with its hint (or none) replaced by ``hint``."""
        assert not self.passed, "with_hint is for a failed check"
        return Feedback(False, self.message.split("\nHint:")[0] + "\nHint: " + hint, self.status)


@dataclass(frozen=True)
class Case:
    """One call of the learner's function and the right answer."""

    args: tuple
    expected: Any
    label: str = ""  # how to show the call; defaults to the arguments

    def show(self, name: str) -> str:
        return self.label or f"{name}({', '.join(_short(a) for a in self.args)})"


@dataclass(frozen=True)
class Mistake:
    """A known wrong answer: ``wrong(*args)`` is what that mistake returns."""

    wrong: Callable[..., Any]
    hint: str


@dataclass
class _Comparison:
    ok: bool
    got: Any = None
    problem: str = ""
    extra: dict = field(default_factory=dict)


def _short(value: Any) -> str:
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, (list, tuple)) and all(isinstance(v, (int, float)) for v in value):
        inner = ", ".join(f"{v:.4g}" if isinstance(v, float) else str(v) for v in value)
        return f"[{inner}]"
    if isinstance(value, dict) and len(value) > 6:
        return "{...}"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _holds_text(value: Any) -> bool:
    """A string anywhere inside a list or tuple (or a text array): never a number, even if
    NumPy would parse it as one.
    """
    if isinstance(value, (str, bytes)):
        return True
    if isinstance(value, np.ndarray):
        return value.dtype.kind in "SUO" and any(_holds_text(v) for v in value.ravel().tolist())
    if isinstance(value, (list, tuple)):
        return any(_holds_text(v) for v in value)
    return False


def _as_number_array(value: Any) -> np.ndarray | None:
    if _holds_text(value):
        return None
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
    return arr


def _shown_apart(got: Any, expected: Any) -> tuple[str, str]:
    """``got`` and ``expected`` as text, with enough digits that they do not look the same."""
    shown = _short(got), _short(expected)
    if shown[0] != shown[1]:
        return shown
    got_arr, expected_arr = _as_number_array(got), _as_number_array(expected)
    if got_arr is None or expected_arr is None:
        return shown
    for digits in (8, 10, 12, 17):
        pair = tuple(
            "[" + ", ".join(f"{v:.{digits}g}" for v in a.ravel()) + "]"
            if a.ndim
            else f"{float(a):.{digits}g}"
            for a in (got_arr, expected_arr)
        )
        if pair[0] != pair[1]:
            return pair
    return shown


def _close(a: np.ndarray, b: np.ndarray, rtol: float, atol: float) -> bool:
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=atol, equal_nan=False))


def _agrees(
    mistake: Mistake, case: Case, got: Any, rtol: float, atol: float, strict: bool = True
) -> bool:
    """Does ``mistake`` give what the learner gave on ``case``.

    With ``strict=False`` a nan on either side counts as agreeing (for the cases other
    than the failing one).
    """
    try:
        wrong_value = mistake.wrong(*case.args)
        wrong = _as_number_array(wrong_value)
    except Exception:  # a mistake model that does not apply to this case
        return False
    got_arr = _as_number_array(got)
    if got_arr is not None and wrong is not None:
        if not strict and (np.isnan(got_arr).any() or np.isnan(wrong).any()):
            return True  # nan (0 log 0, 0 / 0) tells the two apart no better than a coin: skip the case
        # a mistake that gives nan where the learner's does is still that mistake
        return got_arr.shape == wrong.shape and bool(
            np.allclose(got_arr, wrong, rtol=rtol, atol=atol, equal_nan=True)
        )
    return got_arr is None and wrong is None and _same(got, wrong_value)  # e.g. letters


def _same(a: Any, b: Any) -> bool:
    """``a == b`` as one bool, for answers that are not numbers (a list of letters, a string)."""
    try:
        return bool(np.all(a == b)) and type(a) is type(b)
    except (TypeError, ValueError):
        return False


def run_check(
    func: Any,
    cases: Sequence[Case],
    *,
    name: str,
    mistakes: Sequence[Mistake] = (),
    success: str = "",
    unit: str = "",
    rtol: float = 1e-6,
    atol: float = 1e-9,
    forbidden: Sequence[str] = (),
    match_all_cases: bool = False,
    rounding_hint: bool = False,
) -> Feedback:
    """Run ``func`` on every case and explain the first failure.

    Parameters
    ----------
    func : callable
        The learner's function.
    cases : sequence of Case
    name : str
        The function's name as the exercise gives it.
    mistakes : sequence of Mistake
        Known wrong answers; when the learner's result matches one, its hint is shown.
    success : str
        A sentence added to the ✓ message (what the learner just showed).
    unit : str
        Named after numbers in messages ("bits", "nats").
    forbidden : sequence of str
        ``helpers`` functions the exercise asks the learner to write without: a function
        that calls one of them (``h.average_nll(...)``) is refused, even when its numbers are right.
        A dotted name (``"scipy.stats.entropy"``) forbids a library's function the same way.
    match_all_cases : bool
        Name a mistake only if it agrees with the learner on every case, not just on the
        failing one (where two mistakes may both give ``inf`` or 0).
    rounding_hint : bool
        Name an answer that equals the right one rounded to 1-10 decimals (for a computed
        number; not for a choice among a grid of values, where it can be a coincidence).
    """
    if not callable(func):
        return Feedback(
            False,
            f"✗ check_{name} needs your function itself, got {_short(func)}. "
            f"Pass the name without brackets: check_{name}({name}).",
            "error",
        )
    unit_text = f" {unit}" if unit else ""
    called: set[str] = set()  # forbidden helpers the learner's code called, however it reached them
    learner = func
    if forbidden:
        func = watching(learner, forbidden, called)
    seen: list[tuple[Case, Any]] = []  # the cases run so far, with the learner's answers
    for case in cases:
        call = case.show(name)
        try:
            got = func(*copy.deepcopy(case.args))  # an answer that writes its input spoils no case
        except NotImplementedError:
            return Feedback(
                False,
                f"⏳ {name} is not done yet: replace the `raise NotImplementedError` line "
                "with your code, run that cell, then run this check again.",
                "not done",
            )
        except Exception as exc:  # a learner's bug is feedback, not a crash
            return Feedback(
                False,
                f"✗ {call} raised {type(exc).__name__}: {exc}\n"
                "Hint: read the message above; run your function on this input in a new cell to see where it fails.",
                "error",
            )
        if got is None:
            return Feedback(
                False, f"✗ {call} returned None. Hint: did you forget `return`?", "checked"
            )
        if isinstance(got, (str, bytes)) and not isinstance(case.expected, (str, bytes)):
            return Feedback(
                False,
                f"✗ {call} returned the string {_short(got)}, not a number. Hint: return the "
                "value itself (a float or an array), not its text.",
                "checked",
            )
        got_arr = _as_number_array(got)
        expected_arr = _as_number_array(case.expected)
        if _holds_text(got) and expected_arr is not None:
            return Feedback(
                False,
                f"✗ {call} returned {_short(got)}, which holds text where numbers are asked, "
                f"expected {_short(case.expected)}{unit_text}.\n"
                "Hint: return the numbers themselves, not their text (no str(), no f-string, no quotes).",
                "checked",
            )
        if isinstance(got, str) and expected_arr is not None:
            return Feedback(
                False,
                f"✗ {call} returned the string {got!r}, expected {_short(case.expected)}{unit_text}.\n"
                "Hint: return the number itself, not its text (no str(), no f-string).",
                "checked",
            )
        seen.append((case, got))
        if got_arr is None and expected_arr is not None:
            ok = False  # a dict, a ragged list where numbers are asked
        elif got_arr is None or expected_arr is None:
            ok = _same(got, case.expected)
        else:
            ok = _close(got_arr, expected_arr, rtol, atol)
        if ok:
            continue
        shown_got, shown_expected = _shown_apart(got, case.expected)
        lines = [f"✗ {call} returned {shown_got}, expected {shown_expected}{unit_text}."]
        hint = ""
        if got_arr is not None and got_arr.size and np.isnan(got_arr).any():
            hint = (
                "your answer contains nan. In floating point 0 * log(0) = 0 * (-inf) = nan; "
                "by convention 0 log 0 = 0, so skip (or mask out) the zero probabilities."
            )
        if match_all_cases:  # the learner's answers on the cases after this one too
            for later in cases[len(seen) :]:
                try:
                    seen.append((later, func(*copy.deepcopy(later.args))))
                except Exception:  # a later case the learner's code cannot run: compare the rest
                    pass
        for mistake in mistakes:
            others = [(c, g) for c, g in seen if c is not case] if match_all_cases else []
            if _agrees(mistake, case, got, rtol, atol) and all(
                _agrees(mistake, c, g, rtol, atol, strict=False) for c, g in others
            ):
                hint = mistake.hint
                break
        if isinstance(got, dict) and expected_arr is not None:
            hint = (
                "you returned a dict; return the number itself (or an array of them): a dict's values "
                "are not an array, and its keys are not part of the answer."
            )
        if forbidden and (not hint or hint.startswith("your answer contains nan")):
            used = sorted((helpers_called(learner) | called) & set(forbidden))
            if used:  # wrong AND built on a helper the exercise forbids: say the second first
                shown = used[0] if "." in used[0] else f"h.{used[0]}"  # scipy.stats.entropy as is
                hint = (
                    f"your code calls {shown}, which this exercise asks you not to use: build the "
                    "answer from the formula above the exercise."
                )
        if rounding_hint and not hint and rounded_to(got_arr, expected_arr):
            hint = rounding_hint_text(got_arr, expected_arr, atol, rtol)
        if got_arr is not None and expected_arr is not None and got_arr.shape != expected_arr.shape:
            hint = hint or (
                f"the shapes differ: yours is {got_arr.shape}, the answer's is {expected_arr.shape}."
            )
        lines.append(
            f"Hint: {hint}"
            if hint
            else "Hint: compare your formula with the one above the exercise, term by term."
        )
        return Feedback(False, "\n".join(lines), "checked")
    # Once the numbers are right: a wrong answer gets the hint that names its mistake first.
    copied = sorted((helpers_called(learner) | called) & set(forbidden))
    if copied:
        shown = copied[0] if "." in copied[0] else f"h.{copied[0]}"  # scipy.stats.entropy as is
        return Feedback(
            False,
            f"✗ {name} calls {shown}, the function this exercise asks you to write yourself.\n"
            "Hint: build it from NumPy (np.log, np.sum, ...) and the formula above the exercise.",
            "checked",
        )
    message = f"✓ {name}: all {len(cases)} cases right." if len(cases) > 1 else f"✓ {name}: right."
    if success:
        message += " " + success
    return Feedback(True, message, "checked")


NOT_A_NUMBER = "✗ {name} must be a number, got {value!r}."


def number_not_done(value, what: str) -> Feedback | None:
    """``None`` if ``value`` is a number (any type ``float()`` takes, not a string), else the feedback."""
    if value is None or value is Ellipsis:
        return Feedback(False, f"⏳ Set {what} first, then run this check.", "not done")
    if isinstance(value, (str, bytes, bool, np.bool_)):
        return Feedback(False, NOT_A_NUMBER.format(name=what, value=value), "checked")
    try:
        float(value)  # int, float, Fraction, Decimal, NumPy scalars and 0-d arrays
    except (TypeError, ValueError):
        return Feedback(False, NOT_A_NUMBER.format(name=what, value=value), "checked")
    return None


def typed_decimals(typed) -> int:
    """How many decimals ``typed`` shows as a person typed it: 0.645 has 3, 0.65 has 2, 1.0 has 1."""
    text = repr(float(typed))
    return len(text.split(".")[1]) if "." in text and "e" not in text else 0


def typed_match(typed, value) -> bool:
    """Is ``typed`` what a person types for ``value``: ``value`` rounded to as many decimals as
    ``typed`` shows (0.65 or 0.645 for 0.645, not 0.6449), with room for float error.
    """
    typed = float(typed)
    text = repr(typed)
    decimals = len(text.split(".")[1]) if "." in text and "e" not in text else 0
    tolerance = max(0.5 * 10.0**-decimals, 1e-6 * max(1.0, abs(value)))
    return bool(abs(typed - value) <= tolerance + 1e-12)


def quietly(func: Callable) -> Callable:
    """``func`` with NumPy's floating-point warnings off: a check explains ``inf`` and ``nan`` itself,
    so the learner's overflow or ``log(0)`` should not also print a warning.
    """
    if not callable(func):  # run_check explains what it got instead
        return func

    def call(*args):
        with np.errstate(all="ignore"):
            return func(*args)

    call.__wrapped__ = func  # so helpers_called reads the learner's own code
    return call
