"""Tables of names: the likelihood view of cross-entropy, as notebooks 04 and 05 teach it.

Every model here is a transition table ``P[a, b] = P(next char b | previous char a)``
over :data:`~helpers.text.NAME_ALPHABET` (``"."`` marks the start and the end of a word,
then a-z). A *bigram* model has a different row for each previous character; a *unigram*
model repeats one row (it ignores the previous character); the *uniform* model
gives every character ``1/27``. One function, :func:`average_nll`, scores them all.

The counts, the fitted tables and the sampler (:func:`bigram_counts`, :func:`fit_bigram`,
:func:`fit_unigram`, :func:`sample_words`) are views of the one model,
:class:`helpers.ngram.NgramModel` of order 1 with the boundary ``"."``. The scores
(:func:`average_nll`, :func:`empirical_cross_entropy`) are not: they take any table
(fitted, uniform, or a learner's own) and compute on their own, over the pairs of
:func:`helpers.text.ngram_codes`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from helpers._numerics import plogq
from helpers._validation import (
    check_count,
    check_counts,
    check_nonnegative,
    check_open_unit_interval,
    check_rng,
    check_transition_table,
    check_words,
)
from helpers.ngram import NgramModel
from helpers.text import ALPHABET, BOUNDARY, NAME_ALPHABET, ngram_codes

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


def _words(words: Iterable[str]) -> list[str]:
    """Non-empty strings of a-z, lower-cased (the names' own check and hint)."""
    words = [word.lower() for word in check_words(words)]
    if set("".join(words)) - set(ALPHABET):  # rare: find the word to name ("." included)
        for word in words:
            bad = [ch for ch in word if ch not in ALPHABET]
            if bad:
                raise ValueError(
                    f"word {word!r} contains {bad[0]!r}, which is not in a-z; "
                    "clean it with helpers.letters_only(word)"
                )
    return words


def _pairs(words: Iterable[str]) -> tuple[np.ndarray, np.ndarray]:
    """Indices of (previous, next) for every prediction: '.name.' gives len(name) + 1 pairs."""
    grams, _ = ngram_codes(_words(words), 1, NAME_ALPHABET, BOUNDARY)
    return grams[0], grams[1]


def _model(counts, alpha: float) -> NgramModel:
    return NgramModel.from_counts(counts, alpha, alphabet=NAME_ALPHABET, boundary=BOUNDARY)


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
    words = _words(words)
    if not words:  # nothing to fit: an empty table
        return np.zeros((len(NAME_ALPHABET),) * 2, dtype=np.int64)
    model = NgramModel(1, words, alpha=0, alphabet=NAME_ALPHABET, boundary=BOUNDARY)
    return model.counts.astype(np.int64)


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
    p = _model(check_counts(counts, ndim=2), alpha).probabilities()
    empty = np.flatnonzero(np.isnan(p[:, 0]))  # a row the model cannot normalise: 0 / 0
    if empty.size:
        raise ValueError(
            f"row {NAME_ALPHABET[empty[0]]!r} of counts is empty, so P(. | {NAME_ALPHABET[empty[0]]!r}) "
            "is undefined; use alpha > 0 to smooth"
        )
    return p


def fit_unigram(counts, alpha: float = 0.0) -> np.ndarray:
    """A model that ignores the previous character: every row is P(next char), from column totals."""
    alpha = check_nonnegative(alpha, "alpha", _ALPHA_HINT)
    column = check_counts(counts, ndim=2).sum(axis=0)  # all zero at alpha 0: from_counts refuses
    return np.tile(_model(column, alpha).probabilities(), (column.size, 1))


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
    cross-entropy); for the maximum-likelihood model ``fit_bigram(counts)`` (which needs
    every row of ``counts`` non-empty) it is the data's conditional entropy
    ``conditional_entropy(counts / counts.sum())``.
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
    return float(-plogq(n / n.sum(), p).sum())


def sample_words(model, n: int, rng: np.random.Generator, max_length: int = 30) -> list[str]:
    """Generate ``n`` words: start after ``"."``, draw characters until ``"."`` comes again."""
    p = _check_model(model)
    check_count(n, "n")
    check_rng(rng)
    check_count(max_length, "max_length", minimum=1)
    # The table's rows as the model's counts: each row, normalised, is itself.
    model = _model(p, 0.0)
    return [model.sample(rng, max_length) for _ in range(n)]


def split_words(words: Sequence[str], test_fraction: float, rng: np.random.Generator):
    """Shuffle with ``rng`` and split into (train, test) lists."""
    check_open_unit_interval(test_fraction, "test_fraction")
    order = check_rng(rng).permutation(len(words))
    n_test = round(len(words) * test_fraction)
    return [words[i] for i in order[n_test:]], [words[i] for i in order[:n_test]]
