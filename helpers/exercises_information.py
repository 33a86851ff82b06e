"""Exercise checks for surprise, entropy, codes, cross-entropy and KL: ``h.check_surprise_bits(f)``.

Each one knows the right answers (computed by :mod:`helpers`, never typed in)
and the usual mistakes, and returns a :class:`~helpers.checks.Feedback`.
"""

from __future__ import annotations

import math

import numpy as np

from helpers.checks import Case, Feedback, Mistake, log_base, run_check
from helpers.information import cross_entropy, entropy, kl_divergence, perplexity, surprise

__all__ = [
    "check_surprise_bits",
    "check_word_surprise_bits",
    "check_entropy_bits",
    "check_perplexity",
    "check_more_entropy",
    "check_cross_entropy",
    "check_kl_divergence",
    "check_least_bad_code",
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


_PAIRS = (
    ([0.0, 0.0, 1.0], [0.6, 0.2, 0.2]),
    ([0.5, 0.5], [0.9, 0.1]),
    ([0.7, 0.2, 0.1], [0.7, 0.2, 0.1]),
    ([0.5, 0.5, 0.0], [0.25, 0.25, 0.5]),
    ([0.5, 0.5, 0.0], [0.5, 0.5, 0.0]),
)


def _pair_cases(reference, name):
    return [
        Case((np.array(p), np.array(q)), reference(p, q), label=f"{name}({p}, {q})")
        for p, q in _PAIRS
    ]


def check_cross_entropy(cross_entropy_fn) -> Feedback:
    """Check ``cross_entropy_fn(p, q)`` = -sum p log q in nats (terms with p = 0 add nothing)."""
    mistakes = [
        Mistake(
            lambda p, q: cross_entropy(q, p),
            "you swapped p and q. The true distribution p weighs the surprise of the "
            "belief q: -sum(p * log(q)). Swapped, a zero in p makes log(p) = -inf.",
        ),
        Mistake(
            lambda p, q: cross_entropy(p, q, base=2),
            "that is in bits; this exercise asks for nats (np.log).",
        ),
        Mistake(
            lambda p, q: -cross_entropy(p, q),
            "wrong sign: cross-entropy is MINUS sum p log q, and never negative.",
        ),
        Mistake(
            lambda p, q: entropy(q),
            "that is H(q), the entropy of the prediction alone. Cross-entropy "
            "mixes both: the surprise under q, averaged over p.",
        ),
    ]
    return run_check(
        cross_entropy_fn,
        _pair_cases(cross_entropy, "cross_entropy"),
        name="cross_entropy",
        mistakes=mistakes,
        unit="nats",
        success="With a one-hot p it is just -log q of the true class: 1.6094 nats for q = 0.2.",
    )


def check_kl_divergence(kl_fn) -> Feedback:
    """Check ``kl_fn(p, q)`` = H(p, q) - H(p) in nats."""
    mistakes = [
        Mistake(
            lambda p, q: kl_divergence(q, p),
            "you computed KL(q || p). KL is not symmetric: "
            "KL(p || q) = H(p, q) - H(p), with the TRUE distribution p first.",
        ),
        Mistake(
            lambda p, q: -kl_divergence(p, q),
            "wrong sign: it is H(p, q) - H(p), the EXTRA cost, never negative.",
        ),
        Mistake(
            lambda p, q: cross_entropy(p, q) - entropy(q),
            "subtract H(p), the entropy of the true "
            "distribution (the cost of the right code), not H(q).",
        ),
    ]
    return run_check(
        kl_fn,
        _pair_cases(kl_divergence, "kl_divergence"),
        name="kl_divergence",
        mistakes=mistakes,
        unit="nats",
        success="KL is the extra cost of the wrong belief, and 0 when q = p.",
    )


def check_least_bad_code(answer) -> Feedback:
    """Predict-then-compute: which other language's letter code is least bad for English text?"""
    from helpers.datasets import LANGUAGES, letter_frequencies, load_letter_frequencies, load_text

    p = letter_frequencies(load_text())
    extra = {
        lang: kl_divergence(p, load_letter_frequencies(lang), base=2)
        for lang in LANGUAGES
        if lang != "en"
    }
    best = min(extra, key=extra.get)
    table = ", ".join(f"{lang} {v:.3f}" for lang, v in sorted(extra.items(), key=lambda kv: kv[1]))
    if answer is None:
        return Feedback(
            False,
            '⏳ Set my_language to a language code first, e.g. "fr", then run this check.',
            "not done",
        )
    if answer not in extra:
        return Feedback(
            False, f"✗ {answer!r} is not one of the other languages: choose from {sorted(extra)}."
        )
    facts = f"Extra bits per letter, KL(English || language): {table}."
    if answer == best:
        return Feedback(True, f"✓ Right: {LANGUAGES[best]} ({best}). {facts}")
    return Feedback(
        False,
        f"✗ Not quite: the least bad is {LANGUAGES[best]} ({best}); {LANGUAGES[answer]} costs "
        f"{extra[answer]:.3f} extra bits per letter. {facts}\n"
        "Hint: what matters is how close the letter frequencies are, weighted by how often English uses each "
        "letter — not how related the languages feel.",
    )
