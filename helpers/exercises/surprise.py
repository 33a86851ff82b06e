"""Exercise checks for surprise: ``h.check_surprise_bits(f)``, ``h.check_unit_from_a_quarter(c, b)``,
``h.check_one_over_p_adds(p, q)`` (``h.check_surprise_of_the`` is in :mod:`helpers.exercises.words`).

Each one knows the right answers (computed by :mod:`helpers`, never typed in)
and the usual mistakes, and returns a :class:`~helpers.exercises._engine.Feedback`.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import numpy as np

from helpers._numerics import log_base
from helpers.exercises._engine import (
    NATURAL_LOG_HINT,
    SIGN_HINT,
    Case,
    Feedback,
    Mistake,
    number_not_done,
    run_check,
    typed_decimals,
    typed_match,
)
from helpers.information import surprise

__all__ = [
    "check_surprise_bits",
    "check_unit_from_a_quarter",
    "check_one_over_p_adds",
]


def check_surprise_bits(surprise_bits) -> Feedback:
    """Check ``surprise_bits(p)`` = -log2 p, including ``p = 0`` (infinitely surprising)."""
    # NumPy floats, as a NumPy array's elements are: np.log2(1 / p) at p = 0 is then inf
    # (1 / np.float64(0) = inf), where 1 / 0.0 in plain Python raises.
    ps = [np.float64(p) for p in (0.5, 0.25, 1.0, 0.1, 1e-6, 0.0)]
    cases = [Case((p,), float(surprise(p, base=2)), label=f"surprise_bits({p!s})") for p in ps]
    mistakes = [
        Mistake(lambda p: -log_base(p, math.e), NATURAL_LOG_HINT),
        Mistake(lambda p: -log_base(p, 10), "that is log base 10 (hartleys). Bits need np.log2."),
        Mistake(lambda p: log_base(p, 2), SIGN_HINT),
        Mistake(
            lambda p: -log_base(p, math.e) * math.log(2),
            "you multiplied the nats by ln 2; to turn nats into bits DIVIDE by ln 2 "
            "(1 bit = ln 2 nats): -np.log(p) / np.log(2), or simply -np.log2(p).",
        ),
        Mistake(
            lambda p: -log_base(p, 4),
            "that is log base 4 (the friend's unit of exercise 2, or -log2(p) / 2): half the bits. "
            "Bits need base 2: -np.log2(p).",
        ),
        Mistake(
            lambda p: 1 - log_base(p, 2),
            "one bit too many: 1 - log2(p) is the surprise plus 1. A certain event (p = 1) must "
            "carry 0 bits: -np.log2(p).",
        ),
        Mistake(
            lambda p: log_base(p, 2) ** 2,
            "you squared the logarithm. Surprise is -log2(p) itself: minus the log, not its square.",
        ),
        Mistake(
            lambda p: -math.log(2) / math.log(p) if 0 < p < 1 else math.nan,
            "that is log_p(2), the logarithm turned upside down: -np.log(p) / np.log(2), not "
            "-np.log(2) / np.log(p).",
        ),
        Mistake(
            lambda p: -log_base(1 - p, 2) if p else math.nan,  # at p = 0 it is another mistake's 0
            "that is the surprise of the event NOT happening, -log2(1 - p). The surprise of the "
            "event itself is -log2(p).",
        ),
        Mistake(
            lambda p: p * -log_base(p, 2) if p else math.nan,
            "that is p * (-log2 p), one term of an entropy (notebook 02). The surprise of one "
            "event is -log2(p) alone, not weighted by p.",
        ),
        Mistake(
            lambda p: 1 / p if p else math.inf,
            "that is 1/p. Surprise is the LOG of 1/p: -np.log2(p).",
        ),
        Mistake(
            lambda p: 1 - p,
            "that is 1 - p, the probability of the event NOT happening: it never exceeds 1 and does "
            "not add for independent events. Surprise is -log2(p).",
        ),
        Mistake(
            lambda p: -log_base(p + 1e-12, 2) if p == 0 else -math.log2(p),
            "an epsilon hides the infinity: -log2(0 + eps) is large but finite. An impossible "
            "event, if it happened, would be infinitely surprising: -log2(0) = inf.",
        ),
        Mistake(
            lambda p: float(round(-math.log2(p))) if p else math.inf,
            "you rounded to whole bits. Surprise is a real number: a 1-in-10 event carries 3.32 bits.",
        ),
        Mistake(
            lambda p: 0.0 if p == 0 else -math.log2(p),
            "an impossible event, if it happened, would be infinitely surprising: -log2(0) = inf, "
            "not 0. The convention 0 * log 0 = 0 belongs to AVERAGES of surprise (entropy, "
            "notebook 02), where an outcome that never happens contributes nothing.",
        ),
    ]
    with np.errstate(divide="ignore", invalid="ignore"):  # -log2(0) = inf is the right answer
        feedback = run_check(
            surprise_bits,
            cases,
            name="surprise_bits",
            mistakes=mistakes,
            unit="bits",
            forbidden=("surprise",),
            match_all_cases=True,  # name a mistake only if it fits every case (p = 0.5 alone fits several)
            rounding_hint=True,
            success="A fair coin carries 1 bit, a 1-in-a-million event about 20, an impossible one inf.",
        )
        first_line = feedback.message.split("\n")[0]
        if feedback.passed or not ("(0.0)" in first_line or "(1.0)" in first_line):
            return feedback  # the failing case is not p = 0 or p = 1: its own hint stands
        hint = _impossible_event_hint(surprise_bits)
    if hint is None:
        return feedback
    return feedback.with_hint(hint)


INF_EXPECTED = (
    "the check expects inf at p = 0: an impossible event, if it happened, would be infinitely "
    "surprising (the surprise grows without bound as p -> 0). -np.log2(0.0) gives inf"
)


def _impossible_event_hint(surprise_bits) -> str | None:
    """A hint for what the learner's function does at p = 0 and p = 1, if that is the mistake."""
    try:
        at_zero = surprise_bits(np.float64(0.0))
    except Exception as exc:  # a learner's bug is feedback, not a crash
        return f"surprise_bits(0.0) raised {type(exc).__name__} ({exc}); {INF_EXPECTED} (math.log2(0) raises instead)."
    try:
        at_zero = float(at_zero)
        at_one = float(surprise_bits(np.float64(1.0)))
    except Exception:
        return None
    if math.isnan(at_zero):
        return f"surprise_bits(0.0) is nan; {INF_EXPECTED}. (The 0 * log 0 = 0 convention is for averages, notebook 02.)"
    if math.isfinite(at_zero) and at_zero != 0:
        return (
            f"surprise_bits(0.0) = {at_zero:.4g}, large but finite: an epsilon or a clip hides the "
            f"infinity. {INF_EXPECTED[0].upper() + INF_EXPECTED[1:]}."
        )
    if -1e-3 < at_one < 0:
        return (
            f"surprise_bits(1.0) = {at_one:.3g}, not 0: an epsilon added inside the log shifts every "
            f"value a little. Leave it out; {INF_EXPECTED}."
        )
    return None


def check_unit_from_a_quarter(surprise_of_heads, base) -> Feedback:
    """A unit in which I(1/4) = 1: a fair coin's heads carries 1/2 of it, and the base is 4."""
    for value, name in ((surprise_of_heads, "surprise_of_heads"), (base, "base")):
        missing = number_not_done(value, name)
        if missing:
            return missing
    surprise_of_heads, base = float(surprise_of_heads), float(base)
    quarter_in_bits = float(surprise(1 / 4, base=2))  # 2 bits = 1 unit
    right_heads = float(surprise(1 / 2, base=2)) / quarter_in_bits
    right_base = 2 ** (1 / right_heads)
    heads_ok = typed_match(surprise_of_heads, right_heads)
    base_ok = typed_match(base, right_base)
    if heads_ok and base_ok:
        return Feedback(
            True,
            f"✓ I(1/2) = {right_heads:g} unit and b = {right_base:g}. 1/4 = 1/2 · 1/2, so "
            "I(1/4) = 2 I(1/2) = 1 gives I(1/2) = 1/2; and b = 2^(1/c) with c = 1/2 is 4: "
            "the friend's unit is the log base 4 (one unit = 2 bits).",
        )
    heads_hints = {
        2.0: "you multiplied: I(1/4) = 2 I(1/2), so I(1/2) is HALF of I(1/4), not twice it.",
        1.0: "that is the fair coin in bits. In the friend's unit it is 1/4 that carries 1.",
        0.25: "1/4 is two halvings (1/2 · 1/2), not four: I(1/4) = I(1/2) + I(1/2).",
        math.log(
            2
        ): "that is a fair coin in nats (ln 2). The friend's unit is set by I(1/4) = 1, not by a log base you pick.",
        math.log(2)
        ** 2: "you multiplied nats by ln 2. Work in the friend's unit: I(1/4) = 2 I(1/2) = 1.",
        math.log2(
            4 / 3
        ): "that is -log2(1 - 1/4), the surprise of 1/4 NOT happening. Use I(1/4) = 1 unit.",
    }
    base_hints = {
        2.0: "base 2 is the unit of bits. Section 2: b = 2^(1/c), with c the coin's surprise in this unit.",
        0.25: "a base below 1 gives negative logarithms: log_b(1/p) with b = 1/4 is negative for p < 1.",
        2
        ** 0.5: "that is 2^c. Section 2 has b = 2^(1/c): the smaller the coin's surprise, the larger the base.",
        0.5: "0.5 looks like the coin's surprise, not the base. The base is b = 2^(1/c).",
        math.e: "e is the base of nats, where a fair coin carries ln 2 = 0.693. Here it carries 1/2: b = 2^(1/c).",
        16.0: "b = 2^(1/c) with c = 1/2 is 2^2, not 2^4: check log_b(4) = 1.",
    }
    if not heads_ok:
        hint = next(
            (t for v, t in heads_hints.items() if typed_match(surprise_of_heads, v)),
            "a surprise is never negative: log_b(1/p) >= 0 for p <= 1 and a base b > 1."
            if surprise_of_heads < 0
            else "write 1/4 as a product of probabilities whose surprise you know, then use additivity.",
        )
        return Feedback(False, f"✗ surprise_of_heads = {surprise_of_heads:g}.\nHint: {hint}")
    hint = next(
        (t for v, t in base_hints.items() if typed_match(base, v)),
        "which b makes log_b(1/(1/4)) = 1? Or use b = 2^(1/c) from section 2.",
    )
    return Feedback(
        False,
        f"✗ base = {base:g} (your surprise_of_heads = {surprise_of_heads:g} is right).\nHint: {hint}",
    )


def check_one_over_p_adds(p, q) -> Feedback:
    """Find probabilities p, q for which 1/(pq) = 1/p + 1/q: the rare pairs where 1/p happens to add."""
    for value, name in ((p, "p"), (q, "q")):
        missing = number_not_done(value, name)
        if missing:
            return missing
        value = float(value)
        if not 0 < value <= 1:
            return Feedback(
                False,
                f"✗ {name} = {value:g} is not a probability of an event that can happen: use 0 < {name} <= 1.",
            )
    total, works = _pair_sum(p, q)
    p, q = float(p), float(q)
    joint, summed = 1 / (p * q), 1 / p + 1 / q
    if works:
        return Feedback(
            True,
            f"✓ 1/(pq) = {joint:.6g} and 1/p + 1/q = {summed:.6g}: equal. Multiply both sides by pq: 1 = q + p. So 1/p adds only when p + q = 1 (here "
            f"{p + q:.6g}), e.g. the two faces of a coin — which are not even independent events. "
            "-log adds for EVERY pair of independent events: that is why surprise is a logarithm.",
        )
    if p == q:
        hint = (
            f"p = q = {p:g} is the right idea, but 1/p² = 2/p has one solution only: which p?"
            if p != 1
            else "two certain events: 1/(1·1) = 1 but 1/1 + 1/1 = 2. 1/p gives a certain event a "
            "surprise of 1, not 0 — one more reason it cannot measure surprise."
        )
    elif abs(total - 1) < 0.01:
        hint = (
            f"close: p + q is {total}, not exactly 1 (in floating point the sum may round to 1; the "
            "equation is about the numbers themselves). The pairs that work share one exact "
            "property — what is p + q for p = q = 1/2?"
        )
    else:
        hint = (
            "try p = q first: which single value makes 1/p² = 2/p? Then look for another pair that "
            "shares what is special about it."
        )
    digits = next((d for d in (6, 10, 14, 17) if f"{joint:.{d}g}" != f"{summed:.{d}g}"), 17)
    return Feedback(
        False,
        f"✗ With p = {p:.{max(6, digits)}g}, q = {q:.{max(6, digits)}g}: 1/(pq) = {joint:.{digits}g} "
        f"but 1/p + 1/q = {summed:.{digits}g}.\nHint: {hint}",
    )


def _pair_sum(p, q) -> tuple[Decimal | Fraction, bool]:
    """``p + q`` exactly, and whether it is 1 (multiplied by pq, 1/(pq) = 1/p + 1/q reads 1 = q + p).

    A number is read as it was written: a Fraction, an int or a Decimal as itself, a float
    with up to 15 significant digits as the decimal a person typed (0.3 + 0.7 is 1; 1e-17 + 1
    is not, though 1e-17 + 1.0 == 1.0 in floating point). A float with more digits is a
    computed one (1/3, 2/3): it passes when it is the float nearest to a pair that sums to 1,
    that is when the reals that round to p and to q include a pair that sums to 1.
    """
    computed = False

    def exact(value):
        nonlocal computed
        if isinstance(value, (Fraction, Decimal, int, np.integer)) and not isinstance(value, bool):
            return Fraction(value)
        value = float(value)
        digits = repr(value).lower().split("e")[0].replace("-", "").replace(".", "").strip("0")
        if len(digits) <= 15:
            return Fraction(Decimal(repr(value)))
        computed = True
        return Fraction(value)

    total = exact(p) + exact(q)
    if computed:  # the reals that round to each float: half the gap to each neighbour
        floats = float(p), float(q)
        low = sum(Fraction(x) - Fraction(x - math.nextafter(x, 0.0)) / 2 for x in floats)
        high = sum(Fraction(x) + Fraction(math.ulp(x)) / 2 for x in floats)
        works = low <= 1 <= high
    else:
        works = total == 1
    shown = Decimal(total.numerator) / Decimal(total.denominator)
    return shown, works


def too_coarse_or_wrong(
    typed: float, right: float, known, unit: str, decimals: int = 3, slack: float = 1.5
):
    """``None`` if ``typed`` is ``right`` as typed and no known mistake rounds to it as well;
    else the hint: the mistake it matches, or "give ``decimals`` decimals" when the typed
    precision cannot tell the right method from a wrong one (3.7 is 3.678 and 3.706 rounded).

    ``known`` is a sequence of ``(wrong value, hint)``. A typed value equal to a wrong one
    (1.29, or 1 for 1.0) always gets that mistake's own hint, whatever its number of decimals.
    ``slack`` (in units of the last of ``decimals`` places) also accepts a slip in the last
    digit (3.677 or 3.679 for 3.6776); 0 accepts only ``right`` rounded.
    """
    exact = [(v, hint) for v, hint in known if abs(typed - v) <= 1e-9 * max(1.0, abs(v))]
    if exact and abs(typed - right) > 1e-9 * max(1.0, abs(right)):
        return exact[0][1]
    wrong = [(value, hint) for value, hint in known if typed_match(typed, value)]
    places = typed_decimals(typed)
    # a slip in the last of `decimals` typed places (3.677 for 3.6776); a number with more
    # places (a float from code) must be the right one, to float precision
    near = places == decimals and abs(typed - right) < slack * 10.0**-decimals
    if (typed_match(typed, right) or near) and not wrong:
        return None
    if not wrong:
        return ""  # not a catalogued mistake: the caller's generic hint
    if places >= decimals and not typed_match(typed, right):
        return wrong[0][1]
    values = ", ".join(f"{value:.{decimals}f}" for value, _ in wrong)
    what = f"wrong method{'s' if len(wrong) > 1 else ''} ({values})"
    if typed_match(typed, right):
        what = f"the right method ({right:.{decimals}f}) and {what}"
    nearest = min(wrong, key=lambda w: abs(w[0] - typed))[1]
    return (
        f"give {decimals} decimals. {typed:g} {unit} ({places} decimal{'s' if places != 1 else ''}) "
        f"is what {what} round to, so it cannot show which method you used. If yours is the "
        f"nearest wrong method: {nearest}"
    )
