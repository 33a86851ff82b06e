"""Exercise checks for surprise: ``h.check_surprise_bits(f)``, ``h.check_surprise_of_an_eighth(x)``,
``h.check_one_over_p_adds(p, q)``, ``h.check_surprise_of_the(bits)``.

Each one knows the right answers (computed by :mod:`helpers`, never typed in)
and the usual mistakes, and returns a :class:`~helpers.exercises._engine.Feedback`.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from helpers._numerics import log_base
from helpers.datasets import load_text
from helpers.exercises._engine import (
    NATURAL_LOG_HINT,
    SIGN_HINT,
    Case,
    Feedback,
    Mistake,
    run_check,
)
from helpers.information import surprise
from helpers.text import letter_frequencies, word_counts

__all__ = [
    "check_surprise_bits",
    "check_surprise_of_an_eighth",
    "check_one_over_p_adds",
    "check_surprise_of_the",
]

NOT_A_NUMBER = "✗ {name} must be a number, got {value!r}."


def _not_done(value, what: str) -> Feedback | None:
    if value is None or value is Ellipsis:
        return Feedback(False, f"⏳ Set {what} first, then run this check.", "not done")
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return Feedback(False, NOT_A_NUMBER.format(name=what, value=value), "checked")
    return None


def check_surprise_bits(surprise_bits) -> Feedback:
    """Check ``surprise_bits(p)`` = -log2 p, including ``p = 0`` (infinitely surprising)."""
    ps = (0.5, 0.25, 1.0, 0.1, 1e-6, 0.0)
    cases = [Case((p,), float(surprise(p, base=2)), label=f"surprise_bits({p})") for p in ps]
    mistakes = [
        Mistake(lambda p: -log_base(p, math.e), NATURAL_LOG_HINT),
        Mistake(lambda p: -log_base(p, 10), "that is log base 10 (hartleys). Bits need np.log2."),
        Mistake(lambda p: log_base(p, 2), SIGN_HINT),
        Mistake(
            lambda p: 1 / p if p else math.inf,
            "that is 1/p. Surprise is the LOG of 1/p: -np.log2(p).",
        ),
        Mistake(
            lambda p: 0.0 if p == 0 else -math.log2(p),
            "an impossible event, if it happened, would be infinitely surprising: -log2(0) = inf, "
            "not 0. The convention 0 * log 0 = 0 belongs to AVERAGES of surprise (entropy, "
            "notebook 02), where an outcome that never happens contributes nothing.",
        ),
    ]
    with np.errstate(divide="ignore"):  # -log2(0) = inf is the right answer, not a warning
        return run_check(
            surprise_bits,
            cases,
            name="surprise_bits",
            mistakes=mistakes,
            unit="bits",
            success="A fair coin carries 1 bit, a 1-in-a-million event about 20, an impossible one inf.",
        )


def check_surprise_of_an_eighth(answer) -> Feedback:
    """Derive I(1/8) from I(1/2) = 1 bit and I(pq) = I(p) + I(q) alone (no logarithm needed)."""
    missing = _not_done(answer, "surprise_of_an_eighth")
    if missing:
        return missing
    right = float(surprise(1 / 8, base=2))  # 3, computed, never typed in
    if math.isclose(answer, right, rel_tol=1e-9):
        return Feedback(
            True,
            f"✓ I(1/8) = {right:g} bits. 1/8 = 1/2 · 1/2 · 1/2, three independent halvings, so "
            "I(1/8) = I(1/2) + I(1/2) + I(1/2) = 1 + 1 + 1. Every power of 1/2 follows the same way.",
        )
    known = {
        8.0: "that is 1/p. Additivity never multiplies surprises: it adds them.",
        0.125: "that is the probability itself. The question asks for its surprise, in bits.",
        2.0: "1/8 is three halvings (1/2 · 1/2 · 1/2), not two.",
        round(math.log(8), 6): "that is ln 8, in nats. The unit here is I(1/2) = 1 bit.",
        -right: "surprise is never negative: rarer events are MORE surprising than certain ones (I(1) = 0).",
    }
    hint = next(
        (text for value, text in known.items() if math.isclose(answer, value, rel_tol=1e-6)),
        "write 1/8 as a product of probabilities whose surprise you already know, then use I(pq) = I(p) + I(q).",
    )
    return Feedback(False, f"✗ You answered {answer:g} bits.\nHint: {hint}")


def check_one_over_p_adds(p, q) -> Feedback:
    """Find probabilities p, q for which 1/(pq) = 1/p + 1/q: the rare pairs where 1/p happens to add."""
    for value, name in ((p, "p"), (q, "q")):
        missing = _not_done(value, name)
        if missing:
            return missing
        if not 0 < value <= 1:
            return Feedback(
                False,
                f"✗ {name} = {value:g} is not a probability of an event that can happen: use 0 < {name} <= 1.",
            )
    joint, summed = 1 / (p * q), 1 / p + 1 / q
    # Multiplied by pq the equation reads 1 = q + p: test that, not two huge numbers.
    if math.isclose(p + q, 1.0, rel_tol=1e-12):
        return Feedback(
            True,
            f"✓ 1/(pq) = {joint:.6g} = 1/p + 1/q = {summed:.6g}. Multiply both sides by pq: "
            f"1 = q + p. So 1/p adds only when p + q = 1 (here {p + q:.6g}), e.g. the two faces of a "
            "coin — not for independent events in general. -log adds for EVERY pair: that is why "
            "surprise is a logarithm.",
        )
    return Feedback(
        False,
        f"✗ With p = {p:g}, q = {q:g}: 1/(pq) = {joint:.6g} but 1/p + 1/q = {summed:.6g}.\n"
        "Hint: try a few pairs and see what the ones that come closest have in common; "
        "or multiply both sides of 1/(pq) = 1/p + 1/q by pq and read off the condition.",
    )


def check_surprise_of_the(bits) -> Feedback:
    """The surprise of the word "the" estimated from how often it occurs among the text's words."""
    missing = _not_done(bits, "surprise_of_the")
    if missing:
        return missing

    text = load_text()
    counts = word_counts(text)
    n_words = sum(counts.values())
    right = float(surprise(counts["the"] / n_words, base=2))
    if math.isclose(bits, right, rel_tol=1e-4):
        letters = dict(zip("abcdefghijklmnopqrstuvwxyz", letter_frequencies(text), strict=True))
        independent = float(sum(surprise(letters[c], base=2) for c in "the"))
        return Feedback(
            True,
            f"✓ 'the' is {counts['the']:,} of {n_words:,} words: {right:.3f} bits. The "
            f"independent-letters model charged {independent:.2f} bits; the word model knows "
            "that t-h-e comes together, and the most common word is much less surprising.",
        )
    p_the = counts["the"] / n_words
    split = text.lower().split()
    substring = text.lower().count("the")
    letters = dict(zip("abcdefghijklmnopqrstuvwxyz", letter_frequencies(text), strict=True))
    known = [
        (float(surprise(p_the)), NATURAL_LOG_HINT),
        (float(-surprise(p_the, base=2)), SIGN_HINT),
        (p_the, "that is the probability of 'the' among the words; its surprise is -log2 of it."),
        (
            float(sum(surprise(letters[c], base=2) for c in "the")),
            "that is the independent-letters estimate from section 5. Use how often the WORD "
            "'the' occurs among all words.",
        ),
        (
            float(surprise(substring / n_words, base=2)),
            "you counted the letters t-h-e anywhere, inside 'there', 'them', 'brother' too. Count "
            "whole words: word_counts(text)['the'].",
        ),
        (
            float(surprise(split.count("the") / len(split), base=2)),
            "you split on spaces, so 'the,' and 'the;' were not counted as 'the'. Use "
            "re.findall(r'[a-z]+', text.lower()) or h.word_counts(text).",
        ),
        (
            float(surprise(counts["the"] / len(text), base=2)),
            "divide by the number of WORDS, not of characters.",
        ),
    ]
    hint = next(
        (text_ for value, text_ in known if math.isclose(bits, value, rel_tol=1e-4)),
        "estimate p('the') = (how often 'the' occurs) / (how many words there are), then -log2 p.",
    )
    return Feedback(False, f"✗ You answered {bits:.4g} bits.\nHint: {hint}")
