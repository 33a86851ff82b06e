"""The check functions the notebooks' exercises call: ``h.check_surprise_bits(f)``.

Each one knows the right answers (computed by :mod:`helpers`, never typed in)
and the usual mistakes, and returns a :class:`~helpers.checks.Feedback`.
"""

from __future__ import annotations

import math

import numpy as np

from helpers.checks import Case, Feedback, Mistake, log_base, run_check
from helpers.information import entropy, perplexity, surprise

__all__ = [
    "check_surprise_bits",
    "check_word_surprise_bits",
    "check_entropy_bits",
    "check_perplexity",
    "check_more_entropy",
]

NATURAL_LOG_HINT = (
    "that is the answer in nats (natural log, np.log). Bits need log base 2: "
    "np.log2(p), or np.log(p) / np.log(2)."
)
SIGN_HINT = "your answer has the wrong sign. log p is negative for p < 1; surprise is MINUS log p."


def check_surprise_bits(surprise_bits) -> Feedback:
    """Check ``surprise_bits(p)`` = the surprise of an event of probability ``p``, in bits."""
    cases = [Case((p,), surprise(p, base=2)) for p in (0.5, 0.25, 1.0, 1 / 6, 1e-6)]
    mistakes = [
        Mistake(lambda p: -log_base(p, math.e), NATURAL_LOG_HINT),
        Mistake(lambda p: -log_base(p, 10), "that is log base 10 (hartleys). Bits need np.log2."),
        Mistake(lambda p: log_base(p, 2), SIGN_HINT),
        Mistake(lambda p: 1 / p, "that is 1/p. Surprise is the LOG of 1/p: -np.log2(p)."),
    ]
    return run_check(
        surprise_bits,
        cases,
        name="surprise_bits",
        mistakes=mistakes,
        unit="bits",
        success="A fair coin carries 1 bit, a 1-in-a-million event about 20.",
    )


def check_word_surprise_bits(word_surprise_bits) -> Feedback:
    """Check ``word_surprise_bits(word, probs)`` = sum of the letters' surprises in bits."""
    probs = {"a": 0.5, "b": 0.25, "c": 0.125, "d": 0.125}
    cases = [
        Case(
            (w, probs),
            float(np.sum(surprise([probs[c] for c in w], base=2))),
            label=f"word_surprise_bits({w!r}, probs)",
        )
        for w in ("a", "ab", "abcd", "dad", "ccc")
    ]

    def product(w, p):
        return float(np.prod([p[c] for c in w]))

    mistakes = [
        Mistake(lambda w, p: float(np.sum(-log_base([p[c] for c in w], math.e))), NATURAL_LOG_HINT),
        Mistake(
            product,
            "that is the probability of the word (a product). Its surprise is -log2 of it, "
            "which equals the SUM of the letters' surprises.",
        ),
        Mistake(
            lambda w, p: float(np.mean(-log_base([p[c] for c in w], 2))),
            "that is the average surprise per letter. Add the letters' surprises up instead.",
        ),
    ]
    return run_check(
        word_surprise_bits,
        cases,
        name="word_surprise_bits",
        mistakes=mistakes,
        unit="bits",
        success="Under independence, surprises add because probabilities multiply.",
    )


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


def check_perplexity(perplexity_fn) -> Feedback:
    """Check ``perplexity_fn(p)`` = 2 ** (entropy in bits) = the effective number of outcomes."""
    dists = ([1 / 6] * 6, [0.5, 0.5], [0.5, 0.1, 0.1, 0.1, 0.1, 0.1], [1.0, 0.0, 0.0])
    cases = [
        Case(
            (np.array(p),), perplexity(p), label=f"perplexity([{', '.join(f'{x:.3g}' for x in p)}])"
        )
        for p in dists
    ]
    mistakes = [
        Mistake(
            lambda p: entropy(p, base=2),
            "that is the entropy in bits. Perplexity is 2 ** H (bits).",
        ),
        Mistake(
            lambda p: 2 ** entropy(p),
            "you raised 2 to the entropy in NATS. Use the same base twice: "
            "2 ** H_bits or np.exp(H_nats).",
        ),
        Mistake(
            lambda p: float(np.count_nonzero(p)),
            "that counts the possible outcomes; perplexity weights "
            "them: an unlikely outcome counts for less than one.",
        ),
    ]
    return run_check(
        perplexity_fn,
        cases,
        name="perplexity",
        mistakes=mistakes,
        success="A fair die has perplexity 6; the loaded one behaves like fewer faces.",
    )


def check_more_entropy(answer, a, b) -> Feedback:
    """Predict-then-compute: which of two distributions has more entropy, "A" or "B"?"""
    h_a, h_b = entropy(a, base=2), entropy(b, base=2)
    right = "A" if h_a > h_b else "B"
    facts = f"H(A) = {h_a:.3f} bits, H(B) = {h_b:.3f} bits."
    if answer is None or str(answer).strip().upper() not in ("A", "B"):
        return Feedback(
            False, '⏳ Set my_prediction to "A" or "B" first, then run this check.', "not done"
        )
    if str(answer).strip().upper() == right:
        return Feedback(True, f"✓ Right: {right} has more entropy. {facts}")
    return Feedback(
        False,
        f"✗ Not quite: {right} has more entropy. {facts}\n"
        "Hint: entropy counts every possible outcome, weighted by how likely it is; "
        "a distribution that spreads over more outcomes can be more uncertain even if one outcome dominates.",
    )
