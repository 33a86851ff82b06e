"""Exercise check for the surprise of a word (notebook 01): ``h.check_surprise_of_the(bits)``.

It knows the right answer (computed by :mod:`helpers`, never typed in) and the usual
mistakes, and returns a :class:`~helpers.exercises._engine.Feedback`.
"""

from __future__ import annotations

import math
import re

from helpers.datasets import load_text
from helpers.exercises._engine import (
    NATURAL_LOG_HINT,
    SIGN_HINT,
    Feedback,
    number_not_done,
    typed_decimals,
)
from helpers.exercises.surprise import too_coarse_or_wrong
from helpers.information import surprise
from helpers.text import ALPHABET, letter_frequencies, letters_only, word_counts

__all__ = ["check_surprise_of_the"]

#: The decimals the exercise asks for: add-one smoothing, (count + 1) / (words + 1), moves the
#: answer by 2.4e-4 bits, so at 3 decimals a slip in the last digit would hide it.
DECIMALS = 4


def check_surprise_of_the(bits) -> Feedback:
    """The surprise of the word "the" estimated from how often it occurs among the text's words."""
    missing = number_not_done(bits, "surprise_of_the")
    if missing:
        return missing
    bits = float(bits)

    text = load_text()
    counts = word_counts(text)
    n_words = sum(counts.values())
    right = float(surprise(counts["the"] / n_words, base=2))
    letters = dict(zip(ALPHABET, letter_frequencies(text), strict=True))
    p_the = counts["the"] / n_words
    split = text.lower().split()
    lower_words = re.findall(r"[a-z]+", text.lower())
    known = [
        (float(surprise(p_the)), NATURAL_LOG_HINT),
        (float(surprise(p_the, base=10)), "that is log base 10. Bits need np.log2."),
        (float(-surprise(p_the, base=2)), SIGN_HINT),
        (p_the, "that is the probability of 'the' among the words; its surprise is -log2 of it."),
        (1 / p_the, "that is 1/p. Surprise is the LOG of 1/p, in bits: -np.log2(p)."),
        (
            float(p_the * surprise(p_the, base=2)),
            "that is p * surprise, one term of an entropy; the surprise is -log2 p alone.",
        ),
        (
            float(sum(surprise(letters[c], base=2) for c in "the")),
            "that is the independent-letters estimate from section 5. Use how often the WORD "
            "'the' occurs among all words.",
        ),
        (
            float(surprise(text.lower().count("the") / n_words, base=2)),
            "you counted the letters t-h-e anywhere, inside 'there', 'them', 'brother' too. Count "
            "whole words: h.word_counts(text)['the'].",
        ),
        (
            float(surprise(split.count("the") / len(split), base=2)),
            "you split on spaces: split() keeps father's as one word, while the cell's regex "
            "counts father + s, so the number of words differs. Use the cell's words "
            "(re.findall(r'[a-z]+', text.lower())).",
        ),
        (
            float(surprise(re.findall(r"[A-Za-z]+", text).count("the") / n_words, base=2)),
            "you counted case-sensitively, so 'The' at the start of a verse was missed: lower-case first.",
        ),
        (
            float(surprise(counts["the"] / len(text), base=2)),
            "divide by the number of WORDS, not of characters.",
        ),
        (
            float(surprise(counts["the"] / len(letters_only(text)), base=2)),
            "divide by the number of WORDS, not of letters.",
        ),
        (
            -math.log2(counts["the"] / len(set(lower_words))),
            "you divided by the number of DISTINCT words; a probability divides by how many words "
            "there are in all (a surprise can never be negative).",
        ),
        (
            float(surprise(p_the, base=2)) / 3,
            "that is per letter of 'the'; the question asks for the whole word.",
        ),
        (
            float(surprise(text.split().count("the") / len(text.split()), base=2)),
            "you split on spaces without lower-casing: 'The' at the start of a verse is missed, "
            "and 'father's' stays one word. Use the cell's words (lower-case letters only).",
        ),
        (
            float(surprise(text.lower().count(" the ") / n_words, base=2)),
            "you counted ' the ' with spaces round it in the raw text: a 'the' at the start of a "
            "line or before a comma is missed. Count whole words: words.count('the').",
        ),
        (
            float(surprise((counts["the"] + 1) / (n_words + len(counts)), base=2)),
            "you smoothed the count (add-one over the distinct words, (count + 1) / (words + V)). "
            "The question asks for the word's frequency in this text, unsmoothed: count / number "
            "of words.",
        ),
        # the smoothing variants that move the answer only by 2.4e-4 bits: 4 decimals are asked for
        (
            float(surprise((counts["the"] + 1) / (n_words + 1), base=2)),
            "you added one to the count (and one to the number of words): (count + 1) / (words + 1), "
            "or (count + 1) / words, is a smoothed estimate. The question asks for the word's "
            "frequency in this text, unsmoothed: count / number of words.",
        ),
        (
            float(surprise((counts["the"] + 1) / n_words, base=2)),
            "you added one to the count: (count + 1) / words is a smoothed estimate. The question "
            "asks for the word's frequency in this text, unsmoothed: count / number of words.",
        ),
        (
            float(surprise((counts["the"] + 1) / (n_words + 2), base=2)),
            "that is Laplace's rule of succession, (count + 1) / (words + 2), for 'the' against "
            "'not the': a smoothed estimate. The question asks for the word's frequency in this "
            "text, unsmoothed: count / number of words.",
        ),
        (
            float(surprise((counts["the"] + 0.5) / (n_words + 1), base=2)),
            "you added a half to the count, (count + 1/2) / (words + 1): a smoothed estimate. The "
            "question asks for the word's frequency in this text, unsmoothed: count / number of words.",
        ),
        (
            float(surprise(counts["the"] / (n_words - 1), base=2)),
            "you divided by one word too few (words - 1): divide the count by len(words) itself.",
        ),
        (
            float(surprise((counts["the"] - 1) / n_words, base=2)),
            "you took one off the count (count - 1): count every 'the', then divide by len(words).",
        ),
    ]
    n_three_letter = sum(n for w, n in counts.items() if len(w) == 3)
    known += [
        (
            float(surprise(counts["the"] / n_three_letter, base=2)),
            "that is the surprise of 'the' among THREE-letter words only (the check's answer uses "
            "it, like for like); the question asks among all the words.",
        ),
        (
            float(sum(n / n_words * surprise(n / n_words, base=2) for n in counts.values())),
            "that is the entropy of the words, the AVERAGE surprise of a word; the question asks "
            "for the surprise of one word, 'the'.",
        ),
    ]
    hint = too_coarse_or_wrong(bits, right, known, "bits", decimals=DECIMALS, slack=0.0)
    places = typed_decimals(bits)
    if hint is None and places < DECIMALS and abs(bits - right) > 1e-9:
        hint = (
            f"give {DECIMALS} decimals, as the exercise asks: adding one to the count, (count + 1) "
            "/ (words + 1), moves this answer by only 0.0002 bits, so fewer decimals cannot show "
            "which count you used."
        )
    cut_off = math.floor(right * 10**DECIMALS) / 10**DECIMALS
    if places == DECIMALS and bits == cut_off:
        also = [h for v, h in known if round(v, DECIMALS) == cut_off]  # methods that round to it
        hint = (
            f"that is the answer cut off after {DECIMALS} decimals, not rounded: round(x, "
            f"{DECIMALS}) (or print it with :.{DECIMALS}f)."
            + (
                f" If you did round, it is another count ({len(also)} of the usual ones round "
                f"to it), for example: {also[0]}"
                if also
                else ""
            )
        )
    elif hint == "":  # no catalogued mistake
        if places == DECIMALS and abs(bits - right) < 1.5 * 10.0**-DECIMALS:
            hint = (  # one off in the last digit, and no catalogued method there
                f"one off in the last of {DECIMALS} decimals: compute the number and round it "
                f"(round(x, {DECIMALS})) rather than typing it."
            )
    if hint is None:
        independent = float(sum(surprise(letters[c], base=2) for c in "the"))
        # Like for like: both models asked the same question, "which three-letter word is it?"
        three = {w: n for w, n in counts.items() if len(w) == 3}
        n_three = sum(three.values())
        words_model = float(surprise(three["the"] / n_three, base=2))
        product = {w: math.prod(letters[c] for c in w) for w in three}
        letters_model = float(surprise(product["the"] / math.fsum(product.values()), base=2))
        length_bits = float(surprise(n_three / n_words, base=2))
        return Feedback(
            True,
            f"✓ 'the' is {counts['the']:,} of {n_words:,} words: {right:.4f} bits per word. The "
            f"{independent:.2f} bits of section 5 answer another question: the letters t, h, e at "
            "three given positions of the letter stream. Like for like, ask both models which "
            f"THREE-letter word it is ({right:.2f} bits = {length_bits:.2f} bits for 'a three-letter "
            f"word' + {words_model:.2f} bits for which one): the word counts say {words_model:.2f} "
            f"bits; the independent letters, renormalised over the {len(three):,} three-letter words "
            f"that occur, {letters_model:.2f} bits. So {independent - letters_model:.2f} bits of the "
            "letters' 9.9 went on three-letter strings that are not words, and a further "
            f"{letters_model - words_model:.2f} bits is what the word counts know that independent "
            "letters do not — both measured on this text, the models fitted to the same text "
            "they score.",
        )
    close = abs(bits - right) < 0.06
    if close and typed_decimals(bits) < DECIMALS:
        extra = f" You are close: give {DECIMALS} decimals, rounded."
    elif close:
        extra = (
            " Close, but not the same number: a different way of counting. Count 'the' among the "
            "cell's `words` and divide by len(words)."
        )
    else:
        extra = ""
    hint = hint or (
        "estimate p('the') = (how often 'the' occurs) / (how many words there are), then -log2 p."
        + extra
    )
    return Feedback(False, f"✗ You answered {bits!r} bits.\nHint: {hint}")
