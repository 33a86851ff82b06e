"""Exercise checks for entropy and codes (notebook 02): ``h.check_entropy_bits(f)``.

Each one knows the right answers (computed by :mod:`helpers`, never typed in)
and the usual mistakes, and returns a :class:`~helpers.exercises._engine.Feedback`.
"""

from __future__ import annotations

import numpy as np

from helpers._numerics import log_base
from helpers.exercises._engine import (
    NATURAL_LOG_HINT,
    SIGN_HINT,
    Case,
    Feedback,
    Mistake,
    run_check,
)
from helpers.information import entropy

__all__ = [
    "check_entropy_bits",
    "check_code_by_hand",
    "check_conditional_entropy",
]


def check_entropy_bits(entropy_bits) -> Feedback:
    """Check ``entropy_bits(p)`` = the entropy of distribution ``p`` in bits, with 0 log 0 = 0."""
    dists = ([0.5, 0.5], [0.25] * 4, [0.7, 0.2, 0.1], [1.0, 0.0], [0.5, 0.25, 0.25, 0.0])
    cases = [Case((np.array(p),), entropy(p, base=2), label=f"entropy_bits({p})") for p in dists]
    mistakes = [
        Mistake(lambda p: entropy(p), NATURAL_LOG_HINT),
        Mistake(
            lambda p: -entropy(p, base=2),
            SIGN_HINT.replace("surprise is MINUS log p", "entropy is -sum(p * log2 p)"),
        ),
        Mistake(
            lambda p: float(np.sum(-log_base(p[p > 0], 2))),
            "you added the surprises without weighting them. Entropy is the EXPECTED "
            "surprise: multiply each surprise by its probability p before summing.",
        ),
    ]
    return run_check(
        entropy_bits,
        cases,
        name="entropy_bits",
        mistakes=mistakes,
        unit="bits",
        success="Zeros handled: an outcome that never happens adds nothing.",
    )


#: The distribution of the build-a-code-by-hand exercise (notebook 02).
HAND_CODE_P = {"a": 0.35, "b": 0.25, "c": 0.2, "d": 0.15, "e": 0.05}


def check_code_by_hand(code) -> Feedback:
    """Check a hand-built code for ``HAND_CODE_P``: every symbol has a codeword, the code is
    prefix-free (decodable without separators), and its average length is the best possible."""
    from helpers.coding import average_code_length, huffman_code

    if code is None or code is Ellipsis:
        return Feedback(False, "⏳ Fill in my_code first, then run this check.", "not done")
    if not isinstance(code, dict):
        return Feedback(False, f"✗ my_code must be a dict symbol -> '0'/'1' string, got {code!r}.")
    if any(word is Ellipsis for word in code.values()):
        return Feedback(
            False, "⏳ Replace every ... in my_code by a codeword, then run this check.", "not done"
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
    words = sorted(code.items(), key=lambda kv: len(kv[1]))
    for i, (s1, w1) in enumerate(words):
        for s2, w2 in words[i + 1 :]:
            if w2.startswith(w1):
                return Feedback(
                    False,
                    f"✗ {s1!r} -> {w1!r} is the start of {s2!r} -> {w2!r}: reading {w2!r}, a "
                    f"decoder cannot tell whether {s1!r} ended after its first {len(w1)} bit(s). "
                    "Hint: in a prefix code no codeword begins another; codewords are the leaves of a binary tree.",
                )
    best = average_code_length(huffman_code(HAND_CODE_P), HAND_CODE_P)
    yours = average_code_length(code, HAND_CODE_P)
    if yours <= best + 1e-12:
        return Feedback(
            True,
            f"✓ Prefix-free, {yours:.2f} bits per symbol on average: the best any prefix code can "
            f"do here (H = {entropy(list(HAND_CODE_P.values()), base=2):.3f} bits).",
        )
    hint = (
        "merge the two LEAST probable symbols into one node, repeat; the rarest symbols end up deepest."
        if len({len(w) for w in code.values()}) > 1
        else "a fixed-length code ignores the probabilities: give frequent symbols shorter words."
    )
    return Feedback(
        False,
        f"✗ Your code is prefix-free, but averages {yours:.2f} bits per symbol; a code with "
        f"{best:.2f} exists.\nHint: {hint}",
    )


def check_conditional_entropy(conditional_entropy_bits) -> Feedback:
    """Check ``conditional_entropy_bits(counts)`` = H(Y | X) in bits, from pair counts
    (rows: the previous symbol X, columns: the next symbol Y)."""
    from helpers.information import conditional_entropy

    tables = (  # the first one tells the known mistakes apart (they differ on it)
        [[8, 1, 1], [2, 6, 2], [0, 3, 3]],
        [[10, 0], [0, 10]],  # the next symbol copies the previous one: 0 bits
        [[5, 5], [5, 5]],  # independent fair coins: 1 bit
        [[30, 10], [0, 4]],
    )

    def normalised(c):
        c = np.asarray(c, dtype=float)
        return c / c.sum()

    cases = [
        Case(
            (np.array(t),),
            float(conditional_entropy(normalised(t), base=2)),
            label=f"conditional_entropy_bits({t})",
        )
        for t in tables
    ]
    mistakes = [
        Mistake(lambda c: float(conditional_entropy(normalised(c))), NATURAL_LOG_HINT),
        Mistake(
            lambda c: float(entropy(normalised(c).ravel(), base=2)),
            "that is the joint entropy H(X, Y) of the pairs. Subtract H(X), the entropy of the "
            "previous symbol: H(Y | X) = H(X, Y) - H(X).",
        ),
        Mistake(
            lambda c: float(entropy(normalised(c).sum(axis=0), base=2)),
            "that is H(Y), the next symbol's entropy ignoring what came before.",
        ),
        Mistake(
            lambda c: float(conditional_entropy(normalised(c).T, base=2)),
            "that is H(X | Y): rows are the PREVIOUS symbol, so subtract the entropy of the row sums.",
        ),
    ]
    return run_check(
        conditional_entropy_bits,
        cases,
        name="conditional_entropy_bits",
        mistakes=mistakes,
        unit="bits",
        success="Knowing what came before can only lower the entropy: H(Y | X) <= H(Y).",
    )
