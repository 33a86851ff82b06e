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
    quietly,
    run_check,
)
from helpers.information import conditional_entropy, entropy

__all__ = [
    "check_entropy_bits",
    "check_conditional_entropy",
]


#: Equally likely outcomes of the entropy exercise's last case: 2^18 of them, each p = 2^-18
#: (about 3.8e-6), so H = 18 bits and an epsilon of 1e-10 or more, or a clip above p, shows.
_MANY = 2**18


def check_entropy_bits(entropy_bits) -> Feedback:
    """Check ``entropy_bits(p)`` = the entropy of distribution ``p`` in bits, with 0 log 0 = 0.

    Written from NumPy only: every ``helpers`` function or class and every SciPy function
    (``scipy.stats.entropy``, the element-wise ``entr``, ``rel_entr``, ``kl_div``, ``xlogy``,
    ``xlog1py``, ...) is refused, found as it is called (see ``_forbidden.library_calls``
    for the routes watched). The last case,
    a quarter of a million equally likely outcomes, makes an epsilon inside the log (1e-10 or larger) or a
    clip of small probabilities change the answer; a smaller epsilon changes nothing at the
    6 significant figures checked.
    """
    # the first case tells the known mistakes apart (perplexity, Gini, mean... differ on it)
    dists = ([0.7, 0.2, 0.1], [0.5, 0.5], [0.25] * 4, [1.0, 0.0], [0.5, 0.25, 0.25, 0.0])
    cases = [Case((np.array(p),), entropy(p, base=2), label=f"entropy_bits({p})") for p in dists]
    # a tiny probability: a clip of p (np.clip(p, 1e-6, 1)) changes this entropy by 13%
    tiny = [1 - 1e-7, 1e-7]
    cases.append(Case((np.array(tiny),), entropy(tiny, base=2), label=f"entropy_bits({tiny})"))
    many = np.full(_MANY, 1.0 / _MANY)
    cases.append(Case((many,), entropy(many, base=2), label="entropy_bits(np.full(2**18, 2**-18))"))
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
        Mistake(
            lambda p: float(2 ** entropy(p, base=2)),
            "that is the perplexity 2^H, the effective number of outcomes. The entropy is its "
            "log2: -sum(p * log2 p), in bits.",
        ),
        Mistake(
            lambda p: float(1 - np.sum(np.asarray(p) ** 2)),
            "that is the Gini impurity 1 - sum(p^2), another measure of spread (decision trees "
            "use it). Entropy weights each outcome's SURPRISE, -log2 p, by p.",
        ),
        Mistake(
            lambda p: float(np.log2(len(p))),
            "that is log2 of the number of outcomes (all n, or those with p > 0): the entropy of "
            "EQUALLY likely outcomes, the most they can have. Weight each outcome's own surprise, "
            "-log2 p, by its own p.",
        ),
        Mistake(
            lambda p: float(np.sum(-log_base(p[p > 0], 2)) / np.count_nonzero(p)),
            "you averaged the surprises with equal weights, as if every outcome were equally "
            "likely. Weight each surprise by its probability p.",
        ),
    ]
    feedback = run_check(
        quietly(entropy_bits),
        cases,
        name="entropy_bits",
        mistakes=mistakes,
        unit="bits",
        # NumPy only: every helpers function or class (conditional_entropy, kl_divergence...
        # do the 0 log 0 step too) and every SciPy function, named where a learner reaches for it
        forbidden=(
            *_every_helper(),
            "scipy.stats.entropy",
            "scipy.special.entr",  # -p ln p elementwise: a library's entropy under another name
            "scipy.special.rel_entr",  # p ln(p / 1)
            "scipy.special.kl_div",  # p ln p - p + 1
            "scipy.special.xlogy",  # p ln p with 0 ln 0 = 0: the step the exercise is about
            "scipy.*",  # any other (xlog1py(p, p - 1), ...), by any route
        ),
        rounding_hint=True,
        success="Zeros handled: an outcome that never happens adds nothing.",
    )
    if not feedback.passed and "calls scipy." in feedback.message:
        return Feedback(  # an element-wise piece of the answer, not the function to write
            False,
            feedback.message.replace(
                "the function this exercise asks you to write yourself",
                "a library function this exercise asks you not to use",
            ).replace("calls scipy.*,", "calls a SciPy function,"),
            feedback.status,
        )
    if feedback.passed or "Hint: compare your formula" not in feedback.message:
        return feedback
    if not _slightly_off(entropy_bits, cases):
        return feedback
    return feedback.with_hint(
        "very close, but not equal: an epsilon inside the log (np.log2(p + eps)) or a "
        "clip (np.clip(p, eps, 1)) shifts the answer a little — at p = 0 or 1, at p = 1e-7, and "
        "on the last case, where each of 2^18 outcomes has p = 2^-18 (about 3.8e-6) and an eps of "
        "1e-10 is no longer small beside p. Leave them out: skip the zero probabilities (p[p > 0])."
    )


def _every_helper() -> tuple[str, ...]:
    """The names of every ``helpers`` function and class (the checks aside)."""
    package = sys.modules.get("helpers")
    names = getattr(package, "__all__", ())
    return tuple(
        n for n in names if not n.startswith("check_") and callable(getattr(package, n, None))
    )


def _slightly_off(func, cases) -> bool:
    """Whether ``func`` is within 0.1% (or 1e-3 bits) of the answer on the first case it fails."""
    with np.errstate(all="ignore"):
        for case in cases:
            try:
                got = float(func(*case.args))
            except Exception:  # run_check has explained it already
                return False
            expected = float(case.expected)
            if not np.isclose(got, expected, rtol=1e-6, atol=1e-9):
                return bool(abs(got - expected) <= 1e-3 * max(1.0, abs(expected)))
    return False


_PAIRS = (
    ([0.0, 0.0, 1.0], [0.6, 0.2, 0.2]),
    ([0.5, 0.5], [0.9, 0.1]),
    ([0.7, 0.2, 0.1], [0.7, 0.2, 0.1]),
    ([0.5, 0.5, 0.0], [0.25, 0.25, 0.5]),
    ([0.5, 0.5, 0.0], [0.5, 0.5, 0.0]),
)


def check_conditional_entropy(conditional_entropy_bits) -> Feedback:
    """Check ``conditional_entropy_bits(counts)`` = ``(rows, total)`` in bits, from pair counts.

    Rows of ``counts`` are the previous symbol X, columns the next symbol Y; a row may be all
    zeros. ``rows[x]`` is H(Y | X = x) (0, or nan, for an empty row) and ``total`` is H(Y | X),
    the rows' average weighted by p(x). The rows test the definition (the chain rule
    H(X, Y) - H(X) cannot give them); the total may be computed either way, so a learner
    may check one against the other inside the function.
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

    def row_entropies(c, base=2.0):
        c = np.asarray(c, dtype=float)
        with np.errstate(invalid="ignore", divide="ignore"):
            q = c / c.sum(axis=1, keepdims=True)
            terms = np.where(q > 0, q * np.log(np.where(q > 0, q, 1.0)), 0.0)
        return np.where(c.sum(axis=1) > 0, -terms.sum(axis=1) / np.log(base), 0.0) + 0.0

    def weights(c):
        return normalised(c).sum(axis=1)

    def unnormalised_rows(c):  # -sum N log2 N over each row's raw counts
        c = np.asarray(c, dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            return -np.sum(np.where(c > 0, c * np.log2(np.where(c > 0, c, 1.0)), 0.0), axis=1)

    def joint_rows(c):  # each row's cells divided by the table's total, not the row's
        p = normalised(c)
        with np.errstate(divide="ignore", invalid="ignore"):
            return -np.sum(np.where(p > 0, p * np.log2(np.where(p > 0, p, 1.0)), 0.0), axis=1)

    def rows_of(c):
        answer = conditional_entropy_bits(c)
        if not isinstance(answer, (tuple, list)) or len(answer) != 2:
            shown = repr(answer) if len(repr(answer)) <= 60 else repr(answer)[:57] + "..."
            raise TypeError(
                f"got {shown}: return two things, `return rows, total` — the array "
                "H(Y | X = x) of every row and their weighted average"
            )
        rows = np.array(answer[0], dtype=float)
        empty = np.asarray(c).sum(axis=1) == 0
        if rows.shape == empty.shape:
            rows[empty & np.isnan(rows)] = 0.0  # an empty row has no distribution: nan is fine
        return rows

    def total_of(c):
        return conditional_entropy_bits(c)[1]

    forbidden = ("conditional_entropy", "conditional_entropy_rows", "mutual_information")
    row_cases = [
        Case((np.array(t),), row_entropies(t), label=f"conditional_entropy_bits({t})[0] (rows)")
        for t in tables
    ]
    row_mistakes = [
        Mistake(
            lambda c: np.zeros(len(c)),
            "your rows are all 0: the chain rule H(X, Y) - H(X) gives the total, not the rows. "
            "Compute each row's own entropy, H(Y | X = x), from the row turned into a distribution.",
        ),
        Mistake(lambda c: row_entropies(c, np.e), NATURAL_LOG_HINT),
        Mistake(lambda c: row_entropies(c, 10.0), "that is log base 10. Bits need np.log2."),
        Mistake(lambda c: -row_entropies(c), "the wrong sign: a row's entropy is -sum(q log2 q)."),
        Mistake(
            unnormalised_rows,
            "you took the entropy formula of each row's raw COUNTS. Turn the row into a "
            "distribution first, q(y | x) = N(x, y) / N(x), then -sum(q log2 q).",
        ),
        Mistake(
            joint_rows,
            "you divided each row by the total of the WHOLE table: those are p(x, y), which do "
            "not sum to 1 in a row. Divide by the row's own total, N(x).",
        ),
        Mistake(
            lambda c: row_entropies(np.asarray(c, dtype=float).T),
            "those are the COLUMNS' entropies, H(X | Y = y): rows are the previous symbol X.",
        ),
        Mistake(
            lambda c: weights(c) * row_entropies(c),
            "those are the rows' entropies already weighted by p(x): rows[x] is H(Y | X = x) "
            "itself; the weighting makes the total.",
        ),
    ]
    feedback = run_check(
        quietly(rows_of),
        row_cases,
        name="conditional_entropy_bits",
        mistakes=row_mistakes,
        unit="bits",
        forbidden=forbidden,
    )
    if not feedback.passed:
        return feedback
    cases = [
        Case(
            (np.array(t),),
            float(conditional_entropy(normalised(t), base=2)),
            label=f"conditional_entropy_bits({t})[1] (total)",
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
            lambda c: float(np.mean(row_entropies(c)[np.asarray(c).sum(axis=1) > 0])),
            "you averaged the rows' entropies equally. Weight each by p(x), how often its symbol "
            "occurs: common symbols count more.",
        ),
        Mistake(
            lambda c: float(np.mean(row_entropies(c))),
            "you averaged the rows' entropies equally (the empty row included). Weight each by "
            "p(x), how often its symbol occurs.",
        ),
        Mistake(
            lambda c: float(np.sum(row_entropies(c))),
            "you added the rows' entropies without weights. Weight each by p(x), the row's share "
            "of all pairs.",
        ),
        Mistake(
            lambda c: float(np.sum(np.asarray(c, dtype=float).sum(axis=1) * row_entropies(c))),
            "you weighted the rows by their raw COUNTS N(x). The weights must be probabilities: "
            "p(x) = N(x) / (all pairs), which sum to 1.",
        ),
        Mistake(
            lambda c: float(np.sum(normalised(c).sum(axis=0) * row_entropies(c))),
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
        quietly(total_of),
        cases,
        name="conditional_entropy_bits",
        mistakes=mistakes,
        unit="bits",
        forbidden=forbidden,
        success="Rows and total right. On average, knowing what came before cannot raise the "
        "entropy: H(Y) - H(Y | X) = I(X; Y), a KL divergence, >= 0 by Gibbs. A single row "
        "H(Y | X = x) can be higher (after 'e' in this text).",
    )
    if not feedback.passed and "contains nan" in feedback.message:
        empty_table = np.array(tables[-1])  # its last row is empty
        try:
            with np.errstate(all="ignore"):
                rows, total = conditional_entropy_bits(empty_table)
            nan_row = bool(np.isnan(np.asarray(rows, dtype=float)[-1]))
            nan_total = bool(np.isnan(float(total)))
        except Exception:  # the engine's message stands
            nan_row = nan_total = False
        if nan_row and nan_total:
            return feedback.with_hint(
                "your nan for the empty row (allowed) multiplies into the total: 0 * nan "
                "is nan. Add the rows up with np.nansum, or give the empty row 0."
            )
    return feedback
