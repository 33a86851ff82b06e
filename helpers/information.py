"""Information measures: surprise, entropy, cross-entropy, KL divergence.

All results are in nats by default (natural logarithm). Pass ``base=2`` for bits.
One nat is ``1 / ln 2 ≈ 1.4427`` bits.
"""

from __future__ import annotations

import math

import numpy as np

from helpers._numerics import clip_rounding, nats_in_base, scalar_or_array
from helpers._numerics import plogq as _plogq
from helpers._validation import (
    check_base,
    check_broadcast,
    check_count,
    check_distribution,
    check_joint_table,
    check_probabilities,
    check_same_outcomes,
)

__all__ = [
    "surprise",
    "entropy",
    "cross_entropy",
    "kl_divergence",
    "binary_cross_entropy",
    "perplexity",
    "conditional_entropy",
    "conditional_entropy_rows",
    "mutual_information",
    "bernoulli_log_likelihood",
]


def surprise(p, base: float = math.e):
    r"""Information content (surprise) of an event with probability ``p``.

    .. math:: I(p) = -\log_b p

    Parameters
    ----------
    p : array_like
        Probabilities in [0, 1]; computed elementwise.
    base : float, default ``math.e``
        Logarithm base: ``math.e`` gives nats, ``2`` gives bits.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        ``0`` for a certain event, ``inf`` for an impossible one (``p = 0``):
        an impossible event, if it happened, would be infinitely surprising.

    Examples
    --------
    A fair coin landing heads carries one bit:

    >>> surprise(0.5, base=2)
    np.float64(1.0)
    >>> surprise([1.0, 0.0], base=2)
    array([ 0., inf])
    """
    base = check_base(base)
    p = check_probabilities(p, "p")
    with np.errstate(divide="ignore"):  # log(0) = -inf is the intended answer
        out = -np.log(p)
    return scalar_or_array(nats_in_base(out + 0.0, base))  # + 0.0 turns -0.0 into 0.0


def entropy(p, base: float = math.e, axis: int = -1):
    r"""Entropy: the expected surprise of a distribution.

    .. math:: H(p) = -\sum_i p_i \log_b p_i, \qquad 0 \log 0 := 0

    Parameters
    ----------
    p : array_like
        A probability distribution along ``axis`` (non-negative, sums to 1).
    base : float, default ``math.e``
        ``math.e`` for nats, ``2`` for bits.
    axis : int, default -1
        The axis that holds the outcomes.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        Between 0 (a certain outcome) and ``log_b n`` (uniform over n outcomes).

    Examples
    --------
    >>> entropy([0.5, 0.5], base=2)  # a fair coin
    np.float64(1.0)
    >>> entropy([1.0, 0.0], base=2)  # no uncertainty, no information
    np.float64(0.0)
    """
    base = check_base(base)
    p = check_distribution(p, "p", axis)
    h = -np.sum(_plogq(p, p), axis=axis) + 0.0
    return scalar_or_array(nats_in_base(h, base))


def cross_entropy(p, q, base: float = math.e, axis: int = -1):
    r"""Cross-entropy of ``q`` relative to ``p``.

    The average surprise of a world that follows ``p`` for someone who believes ``q``.

    .. math:: H(p, q) = -\sum_i p_i \log_b q_i

    Parameters
    ----------
    p : array_like
        The true distribution (the data, the label).
    q : array_like
        The believed distribution (the model, the prediction).
    base : float, default ``math.e``
        ``math.e`` for nats, ``2`` for bits.
    axis : int, default -1

    Returns
    -------
    numpy.float64 or numpy.ndarray
        ``H(p, q) = H(p) + KL(p || q) >= H(p)``; ``inf`` if some ``q_i = 0``
        where ``p_i > 0`` (an outcome the model calls impossible happens).

    Examples
    --------
    A one-hot label: the loss is the surprise of the true class.

    >>> cross_entropy([0, 0, 1], [0.6, 0.2, 0.2])  # -ln 0.2
    np.float64(1.6094379124341003)
    """
    base = check_base(base)
    p = check_distribution(p, "p", axis)
    q = check_distribution(q, "q", axis)
    check_same_outcomes(p, q, "p", "q", axis)
    h = -np.sum(_plogq(p, q), axis=axis) + 0.0
    return scalar_or_array(nats_in_base(h, base))


def kl_divergence(p, q, base: float = math.e, axis: int = -1):
    r"""Kullback-Leibler divergence of ``q`` from ``p``.

    The extra surprise of believing ``q`` when the world follows ``p``.

    .. math:: KL(p \| q) = \sum_i p_i \log_b \frac{p_i}{q_i} = H(p, q) - H(p)

    Returns
    -------
    numpy.float64 or numpy.ndarray
        ``>= 0`` (Gibbs' inequality), ``0`` only when ``q = p``, ``inf`` on a
        support mismatch. Not symmetric: ``KL(p||q) != KL(q||p)`` in general.

    Notes
    -----
    Rounding can make the sum a few ulps below zero when ``q`` is ``p``;
    a negative that small is returned as 0, the value the mathematics
    guarantees. A larger negative would be a bug and is not hidden.

    Examples
    --------
    >>> kl_divergence([0.5, 0.5], [0.5, 0.5])
    np.float64(0.0)
    >>> kl_divergence([0.5, 0.5], [0.9, 0.1], base=2)
    np.float64(0.7369655941662059)
    """
    base = check_base(base)
    p = check_distribution(p, "p", axis)
    q = check_distribution(q, "q", axis)
    check_same_outcomes(p, q, "p", "q", axis)
    terms = _plogq(p, p) - _plogq(p, q)
    with np.errstate(invalid="ignore"):  # inf - inf cannot occur: a mismatch is +inf alone
        scale = np.sum(np.abs(np.where(np.isfinite(terms), terms, 0.0)), axis=axis)
    d = clip_rounding(np.sum(terms, axis=axis), scale)
    return scalar_or_array(nats_in_base(d, base))


def binary_cross_entropy(y, q, base: float = math.e):
    r"""Cross-entropy of a two-outcome prediction, elementwise.

    .. math:: \mathrm{BCE}(y, q) = -\,[\,y \log q + (1 - y) \log (1 - q)\,]

    Parameters
    ----------
    y : array_like
        Targets in [0, 1]: hard labels 0/1 or soft targets.
    q : array_like
        Predicted probability of outcome 1.
    base : float, default ``math.e``

    Returns
    -------
    numpy.float64 or numpy.ndarray
        Elementwise loss; average it yourself (``.mean()``) for a batch loss.

    Examples
    --------
    >>> binary_cross_entropy(1, 0.5, base=2)  # a coin-flip guess costs 1 bit
    np.float64(1.0)
    """
    base = check_base(base)
    y = check_probabilities(y, "y")
    q = check_probabilities(q, "q")
    check_broadcast(y, q, "y", "q")
    loss = -(_plogq(y, q) + _plogq(1 - y, 1 - q)) + 0.0
    return scalar_or_array(nats_in_base(loss, base))


def perplexity(p, axis: int = -1):
    r"""Perplexity ``exp(H(p))``: the effective number of equally likely outcomes.

    It does not depend on the logarithm base (``2**H_bits == e**H_nats``).

    Examples
    --------
    >>> perplexity([0.25, 0.25, 0.25, 0.25])  # a fair four-sided die
    np.float64(4.0)
    """
    return scalar_or_array(np.exp(entropy(p, axis=axis)))


def conditional_entropy(joint, base: float = math.e):
    r"""Entropy of the column variable given the row variable, from a joint table.

    .. math:: H(Y \mid X) = H(X, Y) - H(X) = -\sum_{x,y} p(x, y) \log_b p(y \mid x)

    With rows = the previous letter and columns = the next letter, this is the
    average surprise of a letter for a reader who knows the letter before it.

    Parameters
    ----------
    joint : array_like, shape (n_x, n_y)
        A joint distribution (all entries sum to 1), e.g. normalised bigram counts.

    Examples
    --------
    Two fair coins, independent: knowing the first tells nothing about the second.

    >>> conditional_entropy([[0.25, 0.25], [0.25, 0.25]], base=2)
    np.float64(1.0)
    """
    base = check_base(base)
    table = check_joint_table(joint)
    flat = table.reshape(-1)
    h_joint = -np.sum(_plogq(flat, flat))
    rows = table.sum(axis=1)
    h_rows = -np.sum(_plogq(rows, rows))
    return scalar_or_array(nats_in_base(clip_rounding(h_joint - h_rows, h_joint), base))


def conditional_entropy_rows(joint, base: float = math.e) -> np.ndarray:
    r"""The entropy of the column variable in each row: :math:`H(Y \mid X = x)` for every ``x``.

    .. math:: H(Y \mid X = x) = -\sum_y p(y \mid x) \log_b p(y \mid x), \qquad p(y \mid x) = \frac{p(x, y)}{p(x)}

    Their average weighted by :math:`p(x)` is :func:`conditional_entropy`. A single row
    can exceed :math:`H(Y)`; only the average cannot. A row with :math:`p(x) = 0` has no
    conditional distribution: its entry is ``nan``.

    Examples
    --------
    >>> conditional_entropy_rows([[0.5, 0.0], [0.25, 0.25]], base=2)
    array([0., 1.])
    """
    base = check_base(base)
    table = np.asarray(joint)
    if table.ndim != 2:
        raise ValueError(f"joint must be a 2-D table p(x, y), got shape {table.shape}")
    table = check_distribution(table.reshape(-1), "joint").reshape(table.shape)
    rows = table.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):  # empty rows: 0/0, reported as nan
        conditional = table / rows
        h = -np.sum(_plogq(np.nan_to_num(conditional), np.nan_to_num(conditional)), axis=1)
    h = np.where(rows[:, 0] > 0, np.maximum(h, 0.0), np.nan)
    return nats_in_base(h, base) + 0.0


def mutual_information(joint, base: float = math.e):
    r"""How much knowing the row variable tells about the column variable, from a joint table.

    .. math:: I(X; Y) = H(Y) - H(Y \mid X) = H(X) + H(Y) - H(X, Y) \ge 0

    Symmetric in X and Y; 0 exactly when they are independent. With rows = the
    previous letter and columns = the next one, it is the number of bits per
    letter that knowing the letter before saves.

    Examples
    --------
    A variable and a copy of it: knowing one tells everything about the other.

    >>> mutual_information([[0.5, 0.0], [0.0, 0.5]], base=2)
    np.float64(1.0)
    >>> mutual_information([[0.25, 0.25], [0.25, 0.25]], base=2)  # independent coins
    np.float64(0.0)
    """
    base = check_base(base)
    table = check_joint_table(joint)
    rows, cols = table.sum(axis=1), table.sum(axis=0)
    h_rows, h_cols = -np.sum(_plogq(rows, rows)), -np.sum(_plogq(cols, cols))
    h_joint = -np.sum(_plogq(table, table))
    mi = clip_rounding(h_rows + h_cols - h_joint, h_rows + h_cols)
    return scalar_or_array(nats_in_base(mi, base))


def bernoulli_log_likelihood(theta, heads: int, tails: int):
    r"""Log-likelihood of ``theta = P(heads)`` after ``heads`` heads and ``tails`` tails, in nats.

    .. math:: \ell(\theta) = k \ln \theta + (n - k) \ln (1 - \theta)

    A function of ``theta`` with the data fixed; ``-inf`` where the data are impossible
    (``theta = 0`` after a head). Its maximum is at ``theta = heads / (heads + tails)``.

    Examples
    --------
    >>> float(bernoulli_log_likelihood(0.5, 1, 1))  # 2 ln 0.5
    -1.3862943611198906
    """
    theta = check_probabilities(theta, "theta")
    heads, tails = check_count(heads, "heads"), check_count(tails, "tails")
    with np.errstate(divide="ignore", invalid="ignore"):
        ll = np.where(heads > 0, heads * np.log(theta), 0.0) + np.where(
            tails > 0, tails * np.log1p(-theta), 0.0
        )
    return scalar_or_array(ll)
