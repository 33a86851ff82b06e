"""Exercise checks for surprise: ``h.check_surprise_bits(f)``, ``h.check_unit_from_a_quarter(c, b)``,
``h.check_one_over_p_adds(p, q)``, ``h.check_surprise_of_the(bits)``.

Each one knows the right answers (computed by :mod:`helpers`, never typed in)
and the usual mistakes, and returns a :class:`~helpers.exercises._engine.Feedback`.
"""

from __future__ import annotations

import math

import numpy as np

from helpers._numerics import log_base
from helpers.exercises._engine import (
    NATURAL_LOG_HINT,
    SIGN_HINT,
    TYPED,
    Case,
    Feedback,
    Mistake,
    number_not_done,
    run_check,
)
from helpers.information import surprise

__all__ = [
    "check_surprise_bits",
    "check_unit_from_a_quarter",
    "check_one_over_p_adds",
    "check_surprise_of_the",
]


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
    with np.errstate(divide="ignore"):  # -log2(0) = inf is the right answer, not a warning
        return run_check(
            surprise_bits,
            cases,
            name="surprise_bits",
            mistakes=mistakes,
            unit="bits",
            success="A fair coin carries 1 bit, a 1-in-a-million event about 20, an impossible one inf.",
        )


def check_unit_from_a_quarter(surprise_of_heads, base) -> Feedback:
    """A unit in which I(1/4) = 1: a fair coin's heads carries 1/2 of it, and the base is 4."""
    for value, name in ((surprise_of_heads, "surprise_of_heads"), (base, "base")):
        missing = number_not_done(value, name)
        if missing:
            return missing
    quarter_in_bits = float(surprise(1 / 4, base=2))  # 2 bits = 1 unit
    right_heads = float(surprise(1 / 2, base=2)) / quarter_in_bits
    right_base = 2 ** (1 / right_heads)
    heads_ok = abs(surprise_of_heads - right_heads) <= TYPED
    base_ok = abs(base - right_base) <= TYPED
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
    }
    base_hints = {
        2.0: "base 2 is the unit of bits. Section 2: b = 2^(1/c), with c the coin's surprise in this unit.",
        0.25: "a base below 1 gives negative logarithms: log_b(1/p) with b = 1/4 is negative for p < 1.",
        2
        ** 0.5: "that is 2^c. Section 2 has b = 2^(1/c): the smaller the coin's surprise, the larger the base.",
        0.5: "0.5 looks like the coin's surprise, not the base. The base is b = 2^(1/c).",
    }
    if not heads_ok:
        hint = next(
            (t for v, t in heads_hints.items() if abs(surprise_of_heads - v) <= TYPED),
            "write 1/4 as a product of probabilities whose surprise you know, then use additivity.",
        )
        return Feedback(False, f"✗ surprise_of_heads = {surprise_of_heads:g}.\nHint: {hint}")
    hint = next(
        (t for v, t in base_hints.items() if abs(base - v) <= TYPED),
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
        if not 0 < value <= 1:
            return Feedback(
                False,
                f"✗ {name} = {value:g} is not a probability of an event that can happen: use 0 < {name} <= 1.",
            )
    joint, summed = 1 / (p * q), 1 / p + 1 / q
    # Multiplied by pq the equation reads 1 = q + p: test that, at the precision a person types.
    if abs(p + q - 1.0) <= 1e-3:
        return Feedback(
            True,
            f"✓ 1/(pq) = {joint:.6g} and 1/p + 1/q = {summed:.6g}: equal (to the precision you "
            f"typed). Multiply both sides by pq: 1 = q + p. So 1/p adds only when p + q = 1 (here "
            f"{p + q:.6g}), e.g. the two faces of a coin — which are not even independent events. "
            "-log adds for EVERY pair of independent events: that is why surprise is a logarithm.",
        )
    if p == q == 1:
        hint = (
            "two certain events: 1/(1·1) = 1 but 1/1 + 1/1 = 2. 1/p gives a certain event a "
            "surprise of 1, not 0 — one more reason it cannot measure surprise."
        )
    else:
        hint = (
            "try p = q first: which single value makes 1/p² = 2/p? Then look for another pair that "
            "shares what is special about it."
        )
    return Feedback(
        False,
        f"✗ With p = {p:g}, q = {q:g}: 1/(pq) = {joint:.6g} but 1/p + 1/q = {summed:.6g}.\nHint: {hint}",
    )


def check_surprise_of_the(bits) -> Feedback:
    """The surprise of the word "the" estimated from how often it occurs among the text's words."""
    missing = number_not_done(bits, "surprise_of_the")
    if missing:
        return missing
    from helpers.datasets import load_text
    from helpers.text import letter_frequencies, word_counts

    text = load_text()
    counts = word_counts(text)
    n_words = sum(counts.values())
    right = float(surprise(counts["the"] / n_words, base=2))
    if abs(bits - right) <= TYPED:
        letters = dict(zip("abcdefghijklmnopqrstuvwxyz", letter_frequencies(text), strict=True))
        independent = float(sum(surprise(letters[c], base=2) for c in "the"))
        # Like for like: the letters model as a model of WORDS, each word's probability the
        # product of its letters', renormalised over the words that occur.
        product = {w: math.prod(letters[c] for c in w) for w in counts}
        as_words = float(-math.log2(product["the"] / math.fsum(product.values())))
        return Feedback(
            True,
            f"✓ 'the' is {counts['the']:,} of {n_words:,} words: {right:.3f} bits per word. The "
            f"{independent:.2f} bits of section 5 are not like for like: they charge three letter "
            "positions, and spend probability on every string of three letters, words or not. Made "
            "into a model of words (each word's probability the product of its letters', "
            f"renormalised over the {len(counts):,} words that occur), the independent-letters model "
            f"gives 'the' {as_words:.2f} bits. So {independent - as_words:.2f} bits of the gap are "
            f"probability wasted on non-words, and {as_words - right:.2f} bits are what the word "
            "counts know that independent letters do not: that t-h-e comes together, far more "
            "often than its letters' product says.",
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
        (text_ for value, text_ in known if abs(bits - value) <= TYPED),
        "estimate p('the') = (how often 'the' occurs) / (how many words there are), then -log2 p.",
    )
    return Feedback(False, f"✗ You answered {bits:.4g} bits.\nHint: {hint}")
