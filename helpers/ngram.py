"""Character models of words, fitted by counting: the likelihood view of cross-entropy.

Every model here is a transition table ``P[a, b] = P(next char b | previous char a)``
over :data:`NAME_ALPHABET` (``"."`` marks the start and the end of a word, then a-z).
A *bigram* model has a different row for each previous character; a *unigram*
model repeats one row (it ignores the previous character); the *uniform* model
gives every character ``1/27``. One function, :func:`average_nll`, scores them all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from helpers._validation import (
    check_count,
    check_counts,
    check_fraction,
    check_nonnegative,
    check_rng,
    check_transition_table,
)
from helpers.text import NAME_ALPHABET

__all__ = [
    "bigram_counts",
    "fit_bigram",
    "fit_unigram",
    "uniform_model",
    "average_nll",
    "empirical_cross_entropy",
    "sample_words",
    "split_words",
]

# "." marks a word's start and end: index 0 of every table.
_INDEX = {ch: i for i, ch in enumerate(NAME_ALPHABET)}


def _pairs(words: Iterable[str]) -> tuple[np.ndarray, np.ndarray]:
    """Indices of (previous, next) for every prediction: '.name.' gives len(name) + 1 pairs."""
    prev, nxt = [], []
    for word in words:
        if not isinstance(word, str) or not word:
            raise ValueError(f"words must be non-empty strings, got {word!r}")
        try:
            ids = [0] + [_INDEX[ch] for ch in word.lower()] + [0]
        except KeyError as exc:
            raise ValueError(
                f"word {word!r} contains {exc.args[0]!r}, which is not in a-z; "
                "clean it with helpers.letters_only(word)"
            ) from None
        prev.extend(ids[:-1])
        nxt.extend(ids[1:])
    return np.array(prev, dtype=np.intp), np.array(nxt, dtype=np.intp)


_ALPHA_HINT = "; 0 means no smoothing"


def bigram_counts(words: Iterable[str]) -> np.ndarray:
    """Count character pairs, with ``"."`` before and after every word.

    Returns
    -------
    numpy.ndarray of int, shape (27, 27)
        ``counts[a, b]`` = how often ``b`` follows ``a``; row 0 counts first letters,
        column 0 counts last letters.

    Examples
    --------
    >>> c = bigram_counts(["ab"])
    >>> int(c[0, 1]), int(c[1, 2]), int(c[2, 0])  # ".a", "ab", "b."
    (1, 1, 1)
    """
    prev, nxt = _pairs(words)
    counts = np.zeros((len(NAME_ALPHABET),) * 2, dtype=np.int64)
    np.add.at(counts, (prev, nxt), 1)
    return counts


def fit_bigram(counts, alpha: float = 0.0) -> np.ndarray:
    r"""Maximum-likelihood transition probabilities, with optional add-α smoothing.

    .. math:: P(b \mid a) = \frac{N(a, b) + \alpha}{\sum_{b'} N(a, b') + 27\,\alpha}

    With ``alpha = 0`` this is the maximum-likelihood estimate: normalised counts.
    A pair never seen in training then gets probability 0 — and infinite
    surprise if it turns up later. ``alpha > 0`` pretends every pair was seen
    ``alpha`` extra times.

    Returns
    -------
    numpy.ndarray, shape (27, 27)
        Each row sums to 1.
    """
    alpha = check_nonnegative(alpha, "alpha", _ALPHA_HINT)
    n = check_counts(counts, ndim=2)
    if n.shape[0] != n.shape[1]:
        raise ValueError(f"counts must be a square table, got shape {n.shape}")
    n = n + alpha
    totals = n.sum(axis=1, keepdims=True)
    empty = np.flatnonzero(totals[:, 0] == 0)
    if empty.size:
        raise ValueError(
            f"row {NAME_ALPHABET[empty[0]]!r} of counts is empty, so P(. | {NAME_ALPHABET[empty[0]]!r}) "
            "is undefined; use alpha > 0 to smooth"
        )
    return n / totals


def fit_unigram(counts, alpha: float = 0.0) -> np.ndarray:
    """A model that ignores the previous character: every row is P(next char), from column totals."""
    alpha = check_nonnegative(alpha, "alpha", _ALPHA_HINT)
    column = check_counts(counts, ndim=2).sum(axis=0) + alpha
    if column.sum() == 0:
        raise ValueError("counts are all zero; count some words first")
    return np.tile(column / column.sum(), (column.size, 1))


def uniform_model() -> np.ndarray:
    """Every next character equally likely: 1/27 each (the maximum-entropy guess)."""
    k = len(NAME_ALPHABET)
    return np.full((k, k), 1.0 / k)


def _check_model(model) -> np.ndarray:
    return check_transition_table(model, len(NAME_ALPHABET), "model")


def average_nll(words: Iterable[str], model) -> float:
    r"""Average negative log-likelihood per predicted character, in nats.

    .. math:: \mathrm{NLL} = -\frac{1}{T} \sum_{t=1}^{T} \ln P(x_t \mid x_{t-1})

    over all ``T`` predictions (each letter and each word's end). ``inf`` if any
    prediction has probability 0. ``exp(NLL)`` is the perplexity.

    Examples
    --------
    >>> round(average_nll(["ab"], uniform_model()), 4)  # ln 27
    3.2958
    """
    p = _check_model(model)
    prev, nxt = _pairs(words)
    with np.errstate(divide="ignore"):  # log 0 = -inf: an impossible character was seen
        return float(-np.mean(np.log(p[prev, nxt])))


def empirical_cross_entropy(counts, model) -> float:
    r"""The conditional cross-entropy of the next character given the previous one, in nats.

    .. math:: H_{\hat p, P}(B \mid A) = -\sum_{a, b} \hat p(a, b) \ln P(b \mid a), \qquad \hat p(a, b) = N(a, b) / T

    between the data's empirical pair distribution and the model's conditional
    distributions: the cross-entropy of each row, weighted by how often its context
    occurs. Equal to :func:`average_nll` of the same words (the average NLL *is* this
    cross-entropy); for the maximum-likelihood model ``fit_bigram(counts)`` it is the
    data's conditional entropy ``conditional_entropy(counts / counts.sum())``.
    """
    p = _check_model(model)
    n = check_counts(counts, ndim=2)
    if n.shape != p.shape:
        raise ValueError(
            f"counts has shape {n.shape} but model has {p.shape}; count the same pairs"
        )
    if n.sum() == 0:
        raise ValueError(
            "counts are all zero: no pairs, no empirical distribution; count some words"
        )
    emp = n / n.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(emp > 0, emp * np.log(p), 0.0)
    return float(-terms.sum())


def sample_words(model, n: int, rng: np.random.Generator, max_length: int = 30) -> list[str]:
    """Generate ``n`` words: start after ``"."``, draw characters until ``"."`` comes again."""
    p = _check_model(model)
    check_count(n, "n")
    check_rng(rng)
    check_count(max_length, "max_length", minimum=1)
    words = []
    for _ in range(n):
        out, prev = [], 0
        while len(out) < max_length:
            prev = int(rng.choice(len(NAME_ALPHABET), p=p[prev]))
            if prev == 0:
                break
            out.append(NAME_ALPHABET[prev])
        words.append("".join(out))
    return words


def split_words(words: Sequence[str], test_fraction: float, rng: np.random.Generator):
    """Shuffle with ``rng`` and split into (train, test) lists."""
    check_fraction(test_fraction, "test_fraction")
    order = check_rng(rng).permutation(len(words))
    n_test = round(len(words) * test_fraction)
    return [words[i] for i in order[n_test:]], [words[i] for i in order[:n_test]]
