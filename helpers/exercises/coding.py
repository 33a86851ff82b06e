"""Exercise checks for codes (notebook 02): ``h.check_code_by_hand(code)``,
``h.check_pair_code_prediction(x)``. The held-out score's check is in
:mod:`helpers.exercises.held_out`.

Each one knows the right answers (computed by :mod:`helpers`, never typed in)
and the usual mistakes, and returns a :class:`~helpers.exercises._engine.Feedback`.
"""

from __future__ import annotations

import numpy as np

from helpers.coding import (
    average_code_length,
    huffman_code,
    kraft_sum,
    shannon_code_lengths,
    two_readings,
)
from helpers.exercises._engine import Feedback, number_not_done, typed_decimals
from helpers.exercises.surprise import too_coarse_or_wrong
from helpers.information import entropy

__all__ = ["check_code_by_hand", "check_pair_code_prediction"]


#: The distribution of the build-a-code-by-hand exercise (notebook 02).
HAND_CODE_P = {"a": 0.35, "b": 0.25, "c": 0.2, "d": 0.15, "e": 0.05}


def check_code_by_hand(code) -> Feedback:
    """Check a hand-built code for ``HAND_CODE_P``: every symbol has a codeword, the code is
    a prefix code (decodable as the bits arrive), and its average length is the best possible.
    """
    if code is None or code is Ellipsis:
        return Feedback(False, "⏳ Fill in my_code first, then run this check.", "not done")
    if not isinstance(code, dict):
        return Feedback(False, f"✗ my_code must be a dict symbol -> '0'/'1' string, got {code!r}.")
    if any(word is Ellipsis for word in code.values()):
        return Feedback(
            False, "⏳ Replace every ... in my_code by a codeword, then run this check.", "not done"
        )
    # The keys are the source's symbols exactly, as the exercise gives them: lower-case 'a'-'e'
    # (a symbol the source never emits would still take a branch of the tree).
    if {str(k).lower() for k in code} == set(HAND_CODE_P) and set(code) != set(HAND_CODE_P):
        return Feedback(
            False,
            f"✗ my_code's keys are {sorted(code, key=str)}: the symbols are the lower-case "
            f"{sorted(HAND_CODE_P)}, as in the exercise's probabilities.\nHint: use exactly those "
            "five keys, each once.",
        )
    extra = sorted((k for k in code if k not in HAND_CODE_P), key=str)
    if extra:
        return Feedback(
            False,
            f"✗ {extra} {'is not a symbol' if len(extra) == 1 else 'are not symbols'} of this "
            f"source, whose symbols are {sorted(HAND_CODE_P)} (lower-case).\nHint: give "
            "exactly those five keys a codeword: an extra one takes a branch of the tree.",
        )
    missing = sorted(set(HAND_CODE_P) - set(code))
    if missing:
        return Feedback(
            False, f"✗ {missing} have no codeword: every symbol that can occur needs one."
        )
    for symbol, word in code.items():
        if not isinstance(word, str) or not word or set(word) - {"0", "1"}:
            return Feedback(
                False,
                f"✗ the codeword of {symbol!r} is {word!r}: use a non-empty string of '0' and '1'.",
            )
    by_word: dict[str, str] = {}
    for symbol, word in code.items():
        if word in by_word:
            return Feedback(
                False,
                f"✗ {by_word[word]!r} and {symbol!r} have the same codeword {word!r}: after those "
                "bits a decoder cannot tell which symbol was sent, so the code is not even uniquely "
                "decodable.\nHint: every symbol needs its own leaf of the tree.",
            )
        by_word[word] = symbol
    words = sorted(code.items(), key=lambda kv: len(kv[1]))
    for i, (s1, w1) in enumerate(words):
        for s2, w2 in words[i + 1 :]:
            if w2.startswith(w1):
                ambiguous = two_readings(code)
                if ambiguous is not None:
                    bits, one, other = ambiguous
                    why = (
                        f"It is not even uniquely decodable: the bits {bits!r} read as "
                        f"{' '.join(one)} and as {' '.join(other)}."
                    )
                else:
                    why = (
                        "It is uniquely decodable (no bit string has two readings), but a decoder "
                        "must wait for later bits to know where a codeword ended; and by McMillan's "
                        "theorem it cannot beat the best prefix code anyway."
                    )
                return Feedback(
                    False,
                    f"✗ Not a prefix code: {s1!r} -> {w1!r} is the start of {s2!r} -> {w2!r}, so "
                    f"after reading {w1!r} a decoder cannot yet tell whether {s1!r} ended. {why}\n"
                    "Hint: in a prefix code no codeword begins another; codewords are the leaves of a binary tree.",
                )
    best = average_code_length(huffman_code(HAND_CODE_P), HAND_CODE_P)
    yours = average_code_length(code, HAND_CODE_P)
    if yours <= best + 1e-12:
        return Feedback(
            True,
            f"✓ A prefix code, {yours:.2f} bits per symbol on average: the best any uniquely "
            f"decodable code can do here (H = {entropy(list(HAND_CODE_P.values()), base=2):.3f} bits).",
        )
    lengths = {s: len(w) for s, w in code.items()}
    by_probability = sorted(HAND_CODE_P, key=HAND_CODE_P.get, reverse=True)
    if len(set(lengths.values())) == 1:
        hint = "a fixed-length code ignores the probabilities: give frequent symbols shorter words."
    elif lengths == shannon_code_lengths(HAND_CODE_P):
        hint = (
            "those are Shannon's lengths, each surprise rounded up: always below H + 1, but "
            "rounding every length up wastes bits. Huffman's merging does better."
        )
    elif kraft_sum(lengths) < 1:
        hint = (
            f"your lengths use only {kraft_sum(lengths):.3g} of the Kraft budget (sum of 2^-length < 1): "
            "some branch of your tree has no leaf. Shorten a codeword into the free branch."
        )
    elif any(
        lengths[a] > lengths[b]
        for i, a in enumerate(by_probability)
        for b in by_probability[i + 1 :]
    ):
        hint = "a more probable symbol got a LONGER codeword than a less probable one: swap them."
    elif [lengths[s] for s in by_probability] == [1, 2, 3, 4, 4]:
        hint = (
            "lengths 1, 2, 3, 4, 4 give 'a' a codeword to itself at depth 1. Run Huffman's merges: "
            "e + d make 0.20, with c 0.40, which outweighs a (0.35), so a is merged with b and does "
            "not end alone at depth 1: merge the two LEAST probable symbols into one node, repeat."
        )
    else:
        hint = "merge the two LEAST probable symbols into one node, repeat; the rarest symbols end up deepest."
    return Feedback(
        False,
        f"✗ Your code is a prefix code, but averages {yours:.2f} bits per symbol; a code with "
        f"{best:.2f} exists.\nHint: {hint}",
    )


#: The coin of the predict-the-pair-code exercise (notebook 02).
PAIR_COIN = {"H": 0.9, "T": 0.1}


def check_pair_code_prediction(bits_per_flip) -> Feedback:
    """The expected length per flip of Huffman's code for pairs of independent flips of ``PAIR_COIN``."""
    missing = number_not_done(bits_per_flip, "pair_code_bits_per_flip")
    if missing:
        return missing
    bits_per_flip = float(bits_per_flip)
    pairs = {a + b: PAIR_COIN[a] * PAIR_COIN[b] for a in PAIR_COIN for b in PAIR_COIN}
    code = huffman_code(pairs)
    per_pair = float(sum(pairs[k] * len(code[k]) for k in pairs))
    right = per_pair / 2
    h = float(entropy(list(PAIR_COIN.values()), base=2))
    triples = {
        a + b + c: PAIR_COIN[a] * PAIR_COIN[b] * PAIR_COIN[c]
        for a in PAIR_COIN
        for b in PAIR_COIN
        for c in PAIR_COIN
    }
    code3 = huffman_code(triples)
    known = [
        (per_pair, "that is L_2, the bits per PAIR. The question asks per flip: divide by 2."),
        (h, "that is the entropy H, the bound. A whole-bit code for pairs cannot reach it here."),
        (
            1.0,
            "that is the single-flip code (1 bit per flip). Pairs share the rounding: build the pair code.",
        ),
        (h + 0.5, "that is the upper bound H + 1/2, not the length of Huffman's code."),
        (
            float(sum(pairs[k] * np.ceil(-np.log2(pairs[k])) for k in pairs)) / 2,
            "those are Shannon's lengths, ceil(log2 1/p) (1, 4, 4, 7 bits): Huffman's merging does "
            "better on the same pairs.",
        ),
        (
            (0.81 * 1 + 0.09 * 2 + 0.09 * 2 + 0.01 * 2) / 2,
            "lengths 1, 2, 2, 2 break Kraft's inequality (1/2 + 3/4 > 1): no prefix code has them.",
        ),
        (
            (0.81 * 1 + 0.09 * 3 + 0.09 * 3 + 0.01 * 2) / 2,
            "the rarest pair (TT, 0.01) got a shorter codeword than HT and TH: merge the two least "
            "probable blocks first.",
        ),
        (
            float(np.mean([len(code[k]) for k in pairs])) / 2,
            "you averaged the codeword lengths without weighting them by the pairs' probabilities.",
        ),
        (
            float(sum(triples[k] * len(code3[k]) for k in triples)) / 3,
            "that is the code for TRIPLES of flips (L_3/3). The question is about pairs.",
        ),
    ]
    # the answer is exactly 0.645 (1.29 / 2): no slip in the last digit is accepted
    hint = too_coarse_or_wrong(bits_per_flip, right, known, "bits per flip", slack=0.0)
    places = typed_decimals(bits_per_flip)
    if hint is None and places < 3 and abs(bits_per_flip - right) < 10.0**-places:
        hint = (  # 0.65 or 0.64: the right number rounded or cut off, no wrong method's
            f"{bits_per_flip:g} is the answer rounded or cut off to {places} decimal"
            f"{'s' if places != 1 else ''}. L_2/2 here is exact with 3 decimals (probabilities "
            "with 2 decimals times whole-bit lengths, halved): give all 3, unrounded."
        )
    elif hint is None and places < 3 and abs(bits_per_flip - right) > 1e-9:
        hint = (
            f"give 3 decimals, as the exercise asks: at fewer decimals ({bits_per_flip:g}) the check "
            "cannot tell your method from a wrong one that rounds the same way."
        )
    if hint is None:
        return Feedback(
            True,
            f"✓ L_2/2 = {right:.3f} bits per flip (codeword lengths "
            f"{', '.join(f'{k} {len(code[k])}' for k in pairs)}). It lies between H = {h:.3f} and "
            f"H + 1/2 = {h + 0.5:.3f}: a pair code wastes less than one bit per PAIR, so less than "
            "half a bit per flip; it cannot reach H here because no pair probability is a power of 1/2.",
        )
    hint = hint or (
        "list the four pair probabilities, run Huffman's merging on paper, then average the lengths "
        "weighted by the probabilities, and divide by 2 flips."
    )
    return Feedback(False, f"✗ You answered {bits_per_flip:.4g} bits per flip.\nHint: {hint}")
