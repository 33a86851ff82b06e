"""Exercise checks for entropy, codes, cross-entropy and KL: ``h.check_entropy_bits(f)``.

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
from helpers.information import cross_entropy, entropy, kl_divergence

__all__ = [
    "check_entropy_bits",
    "check_conditional_entropy",
    "check_cross_entropy",
    "check_kl_divergence",
    "check_logsumexp",
    "check_label_smoothed_cross_entropy",
]


def check_entropy_bits(entropy_bits) -> Feedback:
    """Check ``entropy_bits(p)`` = the entropy of distribution ``p`` in bits, with 0 log 0 = 0."""
    # the first case tells the known mistakes apart (perplexity, Gini, mean... differ on it)
    dists = ([0.7, 0.2, 0.1], [0.5, 0.5], [0.25] * 4, [1.0, 0.0], [0.5, 0.25, 0.25, 0.0])
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
        Mistake(
            lambda p: float(np.mean(-p[p > 0] * log_base(p[p > 0], 2))),
            "you took the MEAN of the terms p * surprise; entropy is their SUM (the weights p "
            "already average).",
        ),
        Mistake(
            lambda p: entropy(p, base=10),
            "that is log base 10 (hartleys). Bits need np.log2.",
        ),
        Mistake(
            lambda p: float(-np.sum(p * log_base(p + 1e-3, 2))),
            "an epsilon inside the log (log2(p + eps)) changes every term, not only the zeros: "
            "leave the zero probabilities out of the sum instead (p[p > 0]).",
        ),
        Mistake(
            lambda p: float(np.max(-log_base(p[p > 0], 2))),
            "that is the largest surprise, of the rarest outcome; entropy is the AVERAGE surprise.",
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


def check_conditional_entropy(conditional_entropy_bits) -> Feedback:
    """Check ``conditional_entropy_bits(counts)`` = H(Y | X) in bits, from pair counts
    (rows: the previous symbol X, columns: the next symbol Y); a row may be all zeros."""
    from helpers.information import conditional_entropy

    tables = (  # the first one tells the known mistakes apart (they differ on it)
        [[8, 1, 1], [2, 6, 2], [1, 3, 5]],  # row and column sums differ
        [[10, 0], [0, 10]],  # the next symbol copies the previous one: 0 bits
        [[5, 5], [5, 5]],  # independent fair coins: 1 bit
        [[30, 10, 0], [0, 4, 2], [0, 0, 0]],  # a symbol never followed by anything
    )

    def normalised(c):
        c = np.asarray(c, dtype=float)
        return c / c.sum()

    def rows(c):
        c = np.asarray(c, dtype=float)
        with np.errstate(invalid="ignore", divide="ignore"):
            q = c / c.sum(axis=1, keepdims=True)
            return -np.nansum(np.where(q > 0, q * np.log2(q), 0.0), axis=1), c.sum(axis=1) > 0

    def unweighted(c):
        h_rows, used = rows(c)
        return float(np.mean(h_rows[used]))

    def column_weighted(c):
        h_rows, _ = rows(c)
        return float(np.sum(normalised(c).sum(axis=0) * h_rows))

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
            "that is the joint entropy H(X, Y) of the pairs. The definition weights each ROW's "
            "entropy H(Y | X = x) by p(x).",
        ),
        Mistake(
            lambda c: float(entropy(normalised(c).sum(axis=0), base=2)),
            "that is H(Y), the next symbol's entropy ignoring what came before.",
        ),
        Mistake(
            lambda c: float(conditional_entropy(normalised(c).T, base=2)),
            "that is H(X | Y): rows are the PREVIOUS symbol, so take each row's entropy, weighted by the row sums.",
        ),
        Mistake(
            unweighted,
            "you averaged the rows' entropies equally. Weight each by p(x), how often its symbol "
            "occurs: common symbols count more.",
        ),
        Mistake(
            column_weighted,
            "you weighted the rows by the COLUMN sums, p(y). The weight of row x is p(x), its row's share of all pairs.",
        ),
        Mistake(
            lambda c: float(entropy(normalised(c).sum(axis=1), base=2)),
            "that is H(X), the entropy of the previous symbol alone.",
        ),
        Mistake(
            lambda c: float(
                entropy(normalised(c).sum(axis=0), base=2)
                - conditional_entropy(normalised(c), base=2)
            ),
            "that is the mutual information I(X; Y) = H(Y) - H(Y | X): what the previous symbol "
            "SAVES, not what is left.",
        ),
    ]
    return run_check(
        conditional_entropy_bits,
        cases,
        name="conditional_entropy_bits",
        mistakes=mistakes,
        unit="bits",
        forbidden=("conditional_entropy", "mutual_information"),
        success="On average, knowing what came before can only lower the entropy, H(Y | X) <= H(Y); "
        "a single row H(Y | X = x) can be higher (after 'e' in this text).",
    )


def check_logsumexp(logsumexp) -> Feedback:
    """Check ``logsumexp(z)`` = log(sum(exp(z))) for a 1-D array, stable at +-1000 and in float32."""
    from helpers.logits import logsumexp as reference

    rows = (
        np.array([1.0, 2.0, 3.0]),
        np.array([1000.0, 1000.0]),
        np.array([-1000.0, -1000.0, -1001.0]),
        np.array([100.0, 100.0], dtype=np.float32),  # e^100 overflows float32
        np.array([0.0, -20.0]),
    )
    cases = [
        Case((z,), float(reference(z)), label=f"logsumexp({z.tolist()}, dtype={z.dtype})")
        for z in rows
    ]

    def naive(z):
        with np.errstate(over="ignore", divide="ignore"):
            return np.log(np.sum(np.exp(z)))

    mistakes = [
        Mistake(
            naive,
            "np.exp overflows (e^1000 = inf) or underflows (e^-1000 = 0) before the log. Subtract "
            "the largest entry m first: log sum exp(z) = m + log sum exp(z - m).",
        ),
        Mistake(
            lambda z: float(np.log(np.sum(np.exp(z - np.max(z))))),
            "you subtracted the maximum m but did not add it back: the answer is m + log sum exp(z - m).",
        ),
        Mistake(
            lambda z: float(np.max(z)),
            "that is only the maximum: the other terms add log sum exp(z - m).",
        ),
    ]
    return run_check(
        logsumexp,
        cases,
        name="logsumexp",
        mistakes=mistakes,
        rtol=1e-6,
        success="Shifting by the maximum makes every exponent <= 0: nothing overflows, and the largest term is exactly 1.",
    )


def check_label_smoothed_cross_entropy(smoothed_cross_entropy) -> Feedback:
    """Check ``smoothed_cross_entropy(logits, labels, eps)`` = mean over rows of -sum t log softmax(z),
    with t = (1 - eps) onehot + eps / C (PyTorch's definition), in nats."""
    from helpers.logits import cross_entropy_from_logits, log_softmax, one_hot

    rng = np.random.default_rng(14)
    cases = []
    for n, c, eps in ((4, 3, 0.1), (6, 5, 0.2), (3, 4, 0.0), (5, 10, 1.0)):
        z, y = rng.normal(scale=2, size=(n, c)), rng.integers(0, c, size=n)
        cases.append(
            Case(
                (z, y, eps),
                float(cross_entropy_from_logits(z, y, label_smoothing=eps)),
                label=f"smoothed_cross_entropy(z {n}x{c}, y, eps={eps})",
            )
        )

    def smoothing_on_wrong_classes_only(z, y, eps):
        c = z.shape[1]
        t = one_hot(y, c) * (1 - eps) + (1 - one_hot(y, c)) * eps / (c - 1)
        return float(np.mean(-np.sum(t * log_softmax(z), axis=1)))

    mistakes = [
        Mistake(
            lambda z, y, eps: float(cross_entropy_from_logits(z, y)),
            "that is the plain cross-entropy: smooth the target first, t = (1 - eps) * onehot + eps / C.",
        ),
        Mistake(
            smoothing_on_wrong_classes_only,
            "you spread eps over the C - 1 wrong classes only. PyTorch (and this course) spread it over "
            "all C classes, the true one included: t = (1 - eps) * onehot + eps / C.",
        ),
        Mistake(
            lambda z, y, eps: float(len(y) * cross_entropy_from_logits(z, y, label_smoothing=eps)),
            "that is the sum over rows; the loss is the mean.",
        ),
    ]
    return run_check(
        smoothed_cross_entropy,
        cases,
        name="smoothed_cross_entropy",
        mistakes=mistakes,
        unit="nats",
        success="One formula: -sum t log softmax(z), whatever the target t is; smoothing only changes t.",
    )
