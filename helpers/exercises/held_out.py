"""Exercise check for a held-out score (notebook 02b): ``h.check_held_out_bits(f)``.

It knows the right answers (computed here from the definition, never typed in) and the
usual mistakes, and returns a :class:`~helpers.exercises._engine.Feedback`.
"""

from __future__ import annotations

import numpy as np

from helpers.exercises._engine import (
    NATURAL_LOG_HINT,
    SIGN_HINT,
    Case,
    Feedback,
    Mistake,
    run_check,
)

__all__ = ["check_held_out_bits"]


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
    columns=False,
    seen_letters=False,
    mean_probability=False,
    perplexity=False,
    alpha_on_unseen=False,
) -> float:
    """The reference held-out score, and the known ways to get it wrong (keywords)."""
    index = {ch: i for i, ch in enumerate("abcdefghijklmnopqrstuvwxyz")}
    counts = np.zeros((26, 26))
    for text in (train, test) if leak else (train,):
        for a, b in zip(text, text[1:], strict=False):
            counts[index[a], index[b]] += 1
    if seen_letters:  # smoothing over the letters of train only: V alpha in the denominator
        alpha_in = (1.0, float(len(set(train))))
    if alpha_in != (1.0, 26.0):  # alpha times this many in the numerator, in the denominator
        num, den = alpha_in
        with np.errstate(divide="ignore", invalid="ignore"):
            q = (counts + num * alpha) / (counts.sum(axis=1, keepdims=True) + den * alpha)
        pairs = [(index[a], index[b]) for a, b in zip(test, test[1:], strict=False)]
        bits = -np.log2(np.array([q[a, b] for a, b in pairs]))
        return float(bits.mean())
    if alpha_on_seen:
        smoothed = counts + alpha * (counts > 0)
    elif alpha_on_unseen:
        smoothed = counts + alpha * (counts == 0)
    else:
        smoothed = counts + alpha
    with np.errstate(divide="ignore", invalid="ignore"):
        if joint:
            q = smoothed / smoothed.sum()
        elif columns:
            q = smoothed / smoothed.sum(axis=0, keepdims=True)
        else:
            q = smoothed / smoothed.sum(axis=1, keepdims=True)
        if transpose:
            q = q.T
        if clip:
            q = np.clip(q, clip, 1.0)
        pairs = [(index[a], index[b]) for a, b in zip(test, test[1:], strict=False)]
        bits = np.array([-np.log(q[a, b] + eps) / np.log(base) for a, b in pairs])
        if mean_probability:
            return float(-np.log2(np.mean([q[a, b] for a, b in pairs])))
    if perplexity:
        return float(2 ** bits.mean())
    if total:
        return float(bits.sum())
    return float(bits.sum() / (len(test) if per_letter else len(pairs)))


def _unigram_bits(train: str, test: str, alpha: float) -> float:
    """A unigram model's bits per predicted letter (the letters of test after its first)."""
    index = {ch: i for i, ch in enumerate("abcdefghijklmnopqrstuvwxyz")}
    counts = np.bincount([index[ch] for ch in train], minlength=26).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        q = (counts + alpha) / (counts.sum() + 26 * alpha)
        return float(np.mean(-np.log2(q[[index[ch] for ch in test[1:]]])))


#: The texts of the held-out exercise (notebook 02b): short, unsymmetric, the last two with pairs unseen in train.
HELD_OUT_CASES = (
    (
        "thethreethieves",
        "thieveshethe",
        1.0,
    ),  # held out first: the exercise is about not scoring in-sample
    ("abracadabra", "abracadabra", 0.5),
    ("aabbbcaab", "abcab", 0.1),
    ("abcabcab", "abca", 0.0),  # every test pair seen in train: alpha 0 is fine here
    ("abcabcab", "acb", 0.0),  # 'ac' and 'cb' never seen: probability 0, infinitely surprising
    # two pairs seen, 'cb' unseen: inf too, but an answer that swaps inf for the largest
    # float (np.nan_to_num) is finite here, where two of them overflowed back to inf above
    ("abcabcab", "abcb", 0.0),
)


def _unseen_pairs(train: str, test: str) -> list[str]:
    """The pairs of ``test`` that ``train`` never shows, in order, each once."""
    seen = {train[i : i + 2] for i in range(len(train) - 1)}
    pairs = [test[i : i + 2] for i in range(len(test) - 1)]
    return list(dict.fromkeys(pair for pair in pairs if pair not in seen))


def _quoted(pairs: list[str]) -> str:
    shown = [repr(pair) for pair in pairs]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


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
            lambda tr, te, a: -_bigram_bits(tr, te, a),
            SIGN_HINT.replace("surprise is MINUS log p", "the bits are the mean of MINUS log2 q"),
        ),
        Mistake(
            lambda tr, te, a: _bigram_bits(tr, te, a, alpha_on_unseen=True),
            "you added alpha only to the cells that are 0 in train. Add-alpha smoothing adds it to "
            "EVERY cell: q(y | x) = (N(x, y) + alpha) / (N(x) + 26 alpha).",
        ),
        Mistake(
            lambda tr, te, a: _unigram_bits(tr, te, a),
            "that is a unigram model, q(y) from the letter counts alone: the exercise asks for a "
            "BIGRAM, q(y | x), one smoothed row of pair counts for each previous letter x.",
        ),
        Mistake(
            lambda tr, te, a: _bigram_bits(tr + te, te, a),
            "you fitted on train + test joined into one string: the model has counted the very "
            "pairs it is scored on (a leak), so the score is too good. Count train's pairs only.",
        ),
        Mistake(
            lambda tr, te, a: _bigram_bits(te, tr, a),
            "train and test are swapped: you fitted on test and scored train. Fit on the first "
            "argument, score the second.",
        ),
        Mistake(
            lambda tr, te, a: _bigram_bits(tr, te, a, alpha_in=(1.0, 27.0)),
            "27 alpha in the denominator: the model here is over the 26 letters (no space), so "
            "a row's total grows by 26 alpha.",
        ),
        Mistake(
            lambda tr, te, a: _bigram_bits(tr, te, a, seen_letters=True),
            "you smoothed over the letters that occur in train only; the model is over all 26 "
            "letters, so the denominator is N(x) + 26 alpha, and a letter train never shows can "
            "still come.",
        ),
        Mistake(
            lambda tr, te, a: _bigram_bits(tr, te, a, columns=True),
            "you normalised the COLUMNS: q(y | x) is a distribution over the next letter y, so "
            "each ROW (previous letter x) must sum to 1.",
        ),
        Mistake(
            lambda tr, te, a: _bigram_bits(tr, te, a, base=np.e) * np.log(2),
            "you multiplied nats by ln 2; to turn nats into bits DIVIDE by ln 2 (or use np.log2).",
        ),
        Mistake(
            lambda tr, te, a: _bigram_bits(tr, te, a, mean_probability=True),
            "you took -log2 of the MEAN probability; the cross-entropy is the mean of -log2 q "
            "over the pairs (the average surprise), which is larger.",
        ),
        Mistake(
            lambda tr, te, a: _bigram_bits(tr, te, a, perplexity=True),
            "that is the perplexity 2^H; the question asks for bits per letter, H itself.",
        ),
        Mistake(
            lambda tr, te, a: _bigram_bits(tr, te, a, leak=True),
            "you counted the pairs of train AND test together: the model has seen the text it is "
            "scored on (a leak), so the score is too good. Count train's pairs only.",
        ),
        Mistake(
            lambda tr, te, a: _bigram_bits(tr, te, a, alpha_in=(1 / 26, 1.0)),
            "you spread alpha over the row (alpha / 26 per cell, alpha per row): add-alpha adds "
            "alpha to EVERY cell, so the row's total grows by 26 alpha: (N(x, y) + alpha) / (N(x) + 26 alpha).",
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
            "you added alpha only to pairs seen in train (or not at all: alpha is ignored). "
            "Smoothing adds it to EVERY cell, so an "
            "unseen pair gets alpha / (N(x) + 26 alpha) > 0.",
        ),
        Mistake(
            lambda tr, te, a: _bigram_bits(tr, te, 0.0),
            "alpha is ignored: with no smoothing a pair never seen in train gets q = 0. Add "
            "alpha to every cell: q(y | x) = (N(x, y) + alpha) / (N(x) + 26 alpha).",
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
    # the learner's log(0), nan and overflow (nan_to_num's 1.8e308 summed) are the check's to explain
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        feedback = run_check(
            held_out_bits,
            cases,
            name="held_out_bits",
            mistakes=mistakes,
            forbidden=(
                "NgramModel",
                "letter_pair_counts",
                "fit_bigram",
                "empirical_cross_entropy",
                "bigram_counts",  # counts the pairs for you ([1:, 1:] drops the boundary)
                "ngram_codes",
            ),
            unit="bits per letter",
            rounding_hint=True,
            success="Fitted on one text, scored on another, smoothed so that an unseen pair costs "
            "bits instead of infinity — and with alpha = 0 an unseen pair is infinitely surprising.",
        )
        first_line = feedback.message.split("\n")[0]
        all_seen = cases[-3]  # alpha = 0, every pair of test seen in train: a finite answer
        # alpha = 0 and test pairs never seen in train: inf (the case that failed, if one did)
        unseen = next((c for c in cases[-2:] if c.label in first_line), cases[-1])
        never = _unseen_pairs(*unseen.args[:2])
        where = (
            f"the test pair{'s' if len(never) > 1 else ''} {_quoted(never)} "
            f"never occur{'' if len(never) > 1 else 's'} in train"
        )
        if (
            not feedback.passed
            and all_seen.label in first_line
            and "compare your" in feedback.message
        ):
            try:
                near = abs(float(held_out_bits(*all_seen.args)) - all_seen.expected) < 1e-4
            except Exception:  # the engine's message already says what was raised
                near = False
            if near:  # a tiny alpha put in for alpha = 0: an epsilon by another name
                return feedback.with_hint(
                    "very close: with alpha = 0 your function still smooths a little (a "
                    "tiny alpha, or an epsilon, put in for 0). alpha = 0 means no smoothing at all: "
                    "use alpha as given, and let an unseen pair cost inf (the next case)."
                )
        if not feedback.passed and unseen.label in first_line and " raised " in first_line:
            return feedback.with_hint(
                f"with alpha = 0 {where}, so q = 0 and the answer is inf: an unseen pair costs infinitely many bits. np.log2(0) "
                "gives -inf (math.log2(0) raises instead, and 1 / 0 raises in plain Python)."
            )
        if feedback.passed or unseen.label not in first_line:
            return feedback  # right, or it fails before the unseen pair: its own hint stands
        try:
            got = float(held_out_bits(*unseen.args))
        except Exception:  # the engine's message already says what was raised
            return feedback
    if got == np.inf:
        return feedback
    # Right on every case before this one, so what differs is the unseen pair: an epsilon, a
    # clip, or dropping the pair (a finite mean of the rest, or nan if nothing is left).
    if np.isnan(got):
        how = "nan: you dropped the pairs with q = 0 (or their infinite bits), and nothing was left to average"
    elif got > 1e300:  # inf swapped for the largest float, 1.8e308 (then averaged, or not)
        how = (
            f"a finite {got:.4g} bits: np.nan_to_num (or a clip at the largest float) turned the infinite bits into 1.8e308"
            + (", and the mean divided that into a finite number" if got < 1e308 else "")
        )
    else:
        how = f"a finite {got:.4g} bits: an epsilon inside the log, a clip of q, or dropping the pairs with q = 0 (or their infinite bits) hides it"
    return feedback.with_hint(
        f"the infinity is the answer: an unseen pair costs infinitely many bits. With "
        f"alpha = 0 {where}, so q = 0 and -log2 0 = "
        f"inf; your function gives {how}. Leave the infinity in: it is the measurement "
        "(smoothing, alpha > 0, is the cure)."
    )
