"""Exercise checks for entropy, codes, cross-entropy and KL: ``h.check_entropy_bits(f)``.

Each one knows the right answers (computed by :mod:`helpers`, never typed in)
and the usual mistakes, and returns a :class:`~helpers.exercises._engine.Feedback`.
"""

from __future__ import annotations

import sys

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
from helpers.information import conditional_entropy, entropy

__all__ = [
    "check_entropy_bits",
    "check_conditional_entropy",
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


def check_conditional_entropy(conditional_entropy_bits) -> Feedback:
    """Check ``conditional_entropy_bits(counts)`` = H(Y | X) in bits, from pair counts.

    Rows are the previous symbol X, columns the next symbol Y; a row may be all zeros.
    """
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
    feedback = run_check(
        conditional_entropy_bits,
        cases,
        name="conditional_entropy_bits",
        mistakes=mistakes,
        unit="bits",
        forbidden=("conditional_entropy", "mutual_information"),
        success="On average, knowing what came before cannot raise the entropy: H(Y) - H(Y | X) "
        "= I(X; Y), a KL divergence, >= 0 by Gibbs. A single row H(Y | X = x) can be higher "
        "(after 'e' in this text).",
    )
    if feedback.passed and _takes_the_whole_tables_entropy(conditional_entropy_bits, tables[0]):
        return Feedback(
            False,
            "✗ conditional_entropy_bits gets the right numbers by the chain rule, H(X, Y) - H(X): "
            "it takes the entropy of the whole table of pairs.\nHint: the exercise asks for the "
            "definition: each ROW's entropy H(Y | X = x), weighted by p(x), the row's share of all "
            "pairs. Keep the chain rule to test your loop (both give the same number).",
        )
    return feedback


def _takes_the_whole_tables_entropy(func, table) -> bool:
    """Whether ``func(table)`` calls ``h.entropy`` on all the table's cells at once (the chain rule)."""
    helpers = sys.modules["helpers"]  # the package the learner calls as h (already imported)
    table = np.array(table, dtype=float)
    sizes: list[int] = []
    original = helpers.entropy

    def spy(p, *args, **kwargs):
        sizes.append(int(np.size(p)))
        return original(p, *args, **kwargs)

    helpers.entropy = spy  # the learner's h.entropy(...) looks the name up when it runs
    try:
        func(table)
    except Exception:  # run_check already ran it on this table: nothing new to say
        return False
    finally:
        helpers.entropy = original
    return table.size in sizes
