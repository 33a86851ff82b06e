"""Exercise checks for codes and held-out scores (notebooks 02 and 02b):
``h.check_code_by_hand(code)``, ``h.check_pair_code_prediction(x)``, ``h.check_held_out_bits(f)``.

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
from helpers.exercises._engine import (
    NATURAL_LOG_HINT,
    Case,
    Feedback,
    Mistake,
    number_not_done,
    run_check,
)
from helpers.exercises.surprise import too_coarse_or_wrong
from helpers.information import entropy

__all__ = ["check_code_by_hand", "check_pair_code_prediction", "check_held_out_bits"]


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
    hint = too_coarse_or_wrong(bits_per_flip, right, known, "bits per flip")
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


def _bigram_bits(
    train: str,
    test: str,
    alpha: float,
    *,
    transpose=False,
    joint=False,
    alpha_on_seen=False,
    total=False,
    per_letter=False,
    eps=0.0,
    base=2.0,
    leak=False,
    clip=0.0,
    alpha_in=(1.0, 26.0),
) -> float:
    """The reference held-out score, and the known ways to get it wrong (keywords)."""
    index = {ch: i for i, ch in enumerate("abcdefghijklmnopqrstuvwxyz")}
    counts = np.zeros((26, 26))
    for text in (train, test) if leak else (train,):
        for a, b in zip(text, text[1:], strict=False):
            counts[index[a], index[b]] += 1
    if alpha_in != (1.0, 26.0):  # alpha times this many in the numerator, in the denominator
        num, den = alpha_in
        with np.errstate(divide="ignore", invalid="ignore"):
            q = (counts + num * alpha) / (counts.sum(axis=1, keepdims=True) + den * alpha)
        pairs = [(index[a], index[b]) for a, b in zip(test, test[1:], strict=False)]
        bits = -np.log2(np.array([q[a, b] for a, b in pairs]))
        return float(bits.mean())
    if alpha_on_seen:
        smoothed = counts + alpha * (counts > 0)
    else:
        smoothed = counts + alpha
    with np.errstate(divide="ignore", invalid="ignore"):
        q = smoothed / (smoothed.sum() if joint else smoothed.sum(axis=1, keepdims=True))
        if transpose:
            q = q.T
        if clip:
            q = np.clip(q, clip, 1.0)
        pairs = [(index[a], index[b]) for a, b in zip(test, test[1:], strict=False)]
        bits = np.array([-np.log(q[a, b] + eps) / np.log(base) for a, b in pairs])
    if total:
        return float(bits.sum())
    return float(bits.sum() / (len(test) if per_letter else len(pairs)))


#: The texts of the held-out exercise (notebook 02b): short, unsymmetric, one pair unseen in train.
HELD_OUT_CASES = (
    (
        "thethreethieves",
        "thieveshethe",
        1.0,
    ),  # held out first: the exercise is about not scoring in-sample
    ("abracadabra", "abracadabra", 0.5),
    ("aabbbcaab", "abcab", 0.1),
    ("abcabcab", "abca", 0.0),  # every test pair seen in train: alpha 0 is fine here
    ("abcabcab", "acb", 0.0),  # 'ac' never seen: probability 0, infinitely surprising
)


def check_held_out_bits(held_out_bits) -> Feedback:
    """Check ``held_out_bits(train, test, alpha)``: a bigram fitted on train with add-alpha
    smoothing over a-z, scored on test in bits per predicted letter.
    """
    cases = [
        Case(
            (tr, te, a), _bigram_bits(tr, te, a), label=f"held_out_bits({tr!r}, {te!r}, alpha={a})"
        )
        for tr, te, a in HELD_OUT_CASES
    ]
    mistakes = [
        Mistake(
            lambda tr, te, a: _bigram_bits(te, te, a),
            "you fitted the model on the TEST text: that scores it in-sample, an identity, not a "
            "measurement. Count the pairs of train, score the pairs of test.",
        ),
        Mistake(
            lambda tr, te, a: _bigram_bits(tr, te, a, eps=1e-10),
            "an epsilon inside the log hides the infinity: a pair the model gives probability 0 is "
            "infinitely surprising (the last case, with alpha = 0). Let -log2(0) be inf.",
        ),
        Mistake(
            lambda tr, te, a: _bigram_bits(tr, tr, a),
            "you scored the TRAIN text, in-sample: the model is scored on what it was fitted to. "
            "Score the pairs of test.",
        ),
        Mistake(
            lambda tr, te, a: _bigram_bits(tr, te, a, leak=True),
            "you counted the pairs of train AND test together: the model has seen the text it is "
            "scored on (a leak), so the score is too good. Count train's pairs only.",
        ),
        Mistake(
            lambda tr, te, a: _bigram_bits(tr, te, a, alpha_in=(1.0, 1.0)),
            "the denominator needs 26 alpha, not alpha: alpha is added to each of the 26 cells of "
            "the row, so the row's total grows by 26 alpha. q(y | x) = (N(x, y) + alpha) / (N(x) + 26 alpha).",
        ),
        Mistake(
            lambda tr, te, a: _bigram_bits(tr, te, a, alpha_in=(26.0, 26.0)),
            "26 alpha belongs in the DENOMINATOR only: each cell gets alpha, the row's total gets "
            "26 alpha. With 26 alpha on top the row sums to more than 1.",
        ),
        Mistake(
            lambda tr, te, a: _bigram_bits(tr, te, a, alpha_in=(1.0, 0.0)),
            "you added alpha to the cells but not to the row total: divide by N(x) + 26 alpha, "
            "the total of the SMOOTHED row, so that it sums to 1.",
        ),
        Mistake(lambda tr, te, a: _bigram_bits(tr, te, a, base=np.e), NATURAL_LOG_HINT),
        Mistake(
            lambda tr, te, a: _bigram_bits(tr, te, a, base=10.0),
            "that is log base 10. Bits need np.log2.",
        ),
        Mistake(
            lambda tr, te, a: _bigram_bits(tr, te, a, transpose=True),
            "you read the table transposed, q[next, previous]: rows are the PREVIOUS letter.",
        ),
        Mistake(
            lambda tr, te, a: _bigram_bits(tr, te, a, joint=True),
            "you divided by the total of the whole table: that is the joint p(x, y). Each ROW must "
            "sum to 1: q(y | x) = (N(x, y) + alpha) / (N(x) + 26 alpha).",
        ),
        Mistake(
            lambda tr, te, a: _bigram_bits(tr, te, a, alpha_on_seen=True),
            "you added alpha only to pairs seen in train. Smoothing adds it to EVERY cell, so an "
            "unseen pair gets alpha / (N(x) + 26 alpha) > 0.",
        ),
        Mistake(
            lambda tr, te, a: _bigram_bits(tr, te, a, total=True),
            "that is the total in bits; the question asks for bits per predicted letter (the mean).",
        ),
        Mistake(
            lambda tr, te, a: _bigram_bits(tr, te, a, per_letter=True),
            "you divided by every letter of test, but the first one is not predicted: there are "
            "len(test) - 1 pairs.",
        ),
    ]
    with np.errstate(divide="ignore", invalid="ignore"):
        feedback = run_check(
            held_out_bits,
            cases,
            name="held_out_bits",
            mistakes=mistakes,
            forbidden=(
                "NgramModel",
                "log_loss",
                "letter_pair_counts",
                "fit_bigram",
                "empirical_cross_entropy",
            ),
            unit="bits per letter",
            success="Fitted on one text, scored on another, smoothed so that an unseen pair costs "
            "bits instead of infinity — and with alpha = 0 an unseen pair is infinitely surprising.",
        )
        unseen = cases[-1]  # alpha = 0 and a test pair never seen in train: inf
        first_line = feedback.message.split("\n")[0]
        if feedback.passed or "Hint: compare your formula" not in feedback.message:
            return feedback  # right, or a named mistake
        if unseen.label not in first_line:
            return feedback  # it fails before the unseen pair: not an epsilon's doing
        try:
            got = float(held_out_bits(*unseen.args))
        except Exception:  # the engine's message already says what was raised
            return feedback
    if not np.isfinite(got):
        return feedback
    return Feedback(
        False,
        feedback.message.split("\nHint:")[0]
        + f"\nHint: your function gives a finite {got:.4g} bits on {unseen.show('held_out_bits')}, "
        "where the answer is inf: with "
        "alpha = 0 the pair 'ac' of test never occurs in train, so q = 0 and -log2 0 = inf. An "
        "epsilon added inside the log, or a clip of q (np.clip(q, 1e-12, 1)), hides that "
        "infinity. Leave them out: the infinity is the measurement (smoothing is the cure).",
        feedback.status,
    )
