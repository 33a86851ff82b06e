"""Exercise checks for likelihood and training: ``h.check_log_likelihood(f)``, ``h.check_sgd_step(f)``.

Each one knows the right answers (computed by :mod:`helpers`, never typed in)
and the usual mistakes, and returns a :class:`~helpers.checks.Feedback`.
"""

from __future__ import annotations

import math

import numpy as np

from helpers.checks import Case, Feedback, Mistake, run_check
from helpers.logits import cross_entropy_grad, one_hot, softmax

__all__ = [
    "check_log_likelihood",
    "check_mle",
    "check_perplexity_from_nll",
    "check_grad_logits",
    "check_sgd_step",
    "check_first_to_90",
]


_FLIPS = ([1, 0, 1, 1], [1, 1, 1], [0, 0, 1, 0, 0, 0], [1, 0])


def check_log_likelihood(log_likelihood_fn) -> Feedback:
    """Check ``log_likelihood_fn(flips, theta)`` = sum of ln P(flip), flips 1 = heads with P = theta."""

    def right(flips, theta):
        k = int(np.sum(flips))
        return float(k * np.log(theta) + (len(flips) - k) * np.log(1 - theta))

    cases = [
        Case((np.array(f), t), right(f, t), label=f"log_likelihood({f}, theta={t})")
        for f, t in zip(_FLIPS, (0.5, 0.9, 0.2, 0.7), strict=True)
    ]
    mistakes = [
        Mistake(
            lambda f, t: math.exp(right(f, t)),
            "that is the likelihood itself (the product). "
            "Take logs: the log of a product is the sum of the logs.",
        ),
        Mistake(
            lambda f, t: -right(f, t),
            "wrong sign: that is the NEGATIVE log-likelihood. "
            "Log-likelihood is the plain sum of log-probabilities (<= 0).",
        ),
        Mistake(
            lambda f, t: right(f, t) / math.log(2), "that is in bits; use the natural log (np.log)."
        ),
        Mistake(
            lambda f, t: float(np.sum(f) * np.log(t)),
            "you only counted the heads. Each tail contributes log(1 - theta).",
        ),
        Mistake(
            lambda f, t: right(f, t) / len(f),
            "that is the AVERAGE log-likelihood; the exercise asks for the sum over all flips.",
        ),
    ]
    return run_check(
        log_likelihood_fn,
        cases,
        name="log_likelihood",
        mistakes=mistakes,
        unit="nats",
        success="Sums of logs never underflow, unlike products of probabilities.",
    )


def check_mle(mle_fn) -> Feedback:
    """Check ``mle_fn(counts)`` = the maximum-likelihood categorical: counts / total."""
    count_sets = ([3, 1], [5, 0, 5], [1, 2, 3, 4], [0, 0, 7])
    cases = [Case((np.array(c),), np.array(c) / np.sum(c), label=f"mle({c})") for c in count_sets]
    mistakes = [
        Mistake(
            lambda c: np.asarray(c, dtype=float),
            "those are the counts themselves; probabilities must sum to 1: divide by the total.",
        ),
        Mistake(
            lambda c: np.asarray(c) / np.max(c),
            "you divided by the largest count; divide by the TOTAL so the probabilities sum to 1.",
        ),
        Mistake(
            lambda c: (np.asarray(c) + 1) / (np.sum(c) + len(c)),
            "that is add-one smoothing, not the maximum-likelihood estimate (use the raw counts).",
        ),
    ]
    return run_check(
        mle_fn,
        cases,
        name="mle",
        mistakes=mistakes,
        success="The MLE of a categorical is just the observed frequencies.",
    )


def check_perplexity_from_nll(perplexity_fn) -> Feedback:
    """Check ``perplexity_fn(nll)`` = exp(nll) for an average NLL in nats."""
    cases = [
        Case((v,), math.exp(v), label=f"perplexity_from_nll({v:.4g})")
        for v in (0.0, math.log(2), math.log(27), 2.35)
    ]
    mistakes = [
        Mistake(
            lambda v: 2**v,
            "2 ** nll undoes a log base 2, but this NLL is in nats: use np.exp(nll).",
        ),
        Mistake(lambda v: v, "that is the NLL itself; perplexity undoes the log: np.exp(nll)."),
        Mistake(lambda v: math.exp(-v), "wrong sign: perplexity is exp(+NLL), at least 1."),
    ]
    return run_check(
        perplexity_fn,
        cases,
        name="perplexity_from_nll",
        mistakes=mistakes,
        success="A model with perplexity k is as unsure as a uniform choice among k characters.",
    )


def _logit_cases():
    rng = np.random.default_rng(5)  # fixed cases: the same feedback on every run
    cases = []
    for n, c in ((1, 3), (4, 3), (6, 10)):
        z = rng.normal(scale=2.0, size=(n, c))
        y = rng.integers(0, c, size=n)
        cases.append(
            Case(
                (z, y),
                cross_entropy_grad(z, y),
                label=f"grad_logits(z of shape {z.shape}, y={y.tolist()})",
            )
        )
    return cases


def check_grad_logits(grad_logits) -> Feedback:
    """Check ``grad_logits(z, y)`` = d(mean cross-entropy)/dz = (softmax(z) - onehot(y)) / N.

    The reference is :func:`helpers.cross_entropy_grad`, itself tested against
    central differences (``helpers.numerical_gradient``).
    """
    cases = _logit_cases()

    mistakes = [
        Mistake(
            lambda z, y: softmax(z) - one_hot(y, z.shape[1]),
            "your gradient is N times too large: the "
            "loss is the MEAN over the N examples, so divide by N = len(z).",
        ),
        Mistake(
            lambda z, y: (one_hot(y, z.shape[1]) - softmax(z)) / len(z),
            "sign error: it is prediction "
            "minus target, (softmax(z) - onehot) / N. Minus that points downhill.",
        ),
        Mistake(
            lambda z, y: (z - one_hot(y, z.shape[1])) / len(z),
            "you used the logits z instead of the probabilities softmax(z).",
        ),
    ]
    return run_check(
        grad_logits,
        cases,
        name="grad_logits",
        mistakes=mistakes,
        success="Prediction minus target, averaged: the whole backward pass of softmax + cross-entropy.",
    )


def check_sgd_step(sgd_step) -> Feedback:
    """Check ``sgd_step(W, grad, lr)`` returns the weights after one gradient-descent step."""
    rng = np.random.default_rng(6)
    cases = []
    for lr in (0.1, 0.5):
        W, g = rng.normal(size=(3, 2)), rng.normal(size=(3, 2))
        cases.append(Case((W.copy(), g, lr), W - lr * g, label=f"sgd_step(W, grad, lr={lr})"))
    mistakes = [
        Mistake(
            lambda W, g, lr: W + lr * g,
            "that climbs the loss: gradient DESCENT subtracts, W - lr * grad.",
        ),
        Mistake(lambda W, g, lr: W - g, "the learning rate is missing: W - lr * grad."),
        Mistake(
            lambda W, g, lr: -lr * g,
            "that is only the change; return the new weights, W - lr * grad.",
        ),
    ]

    def safe(
        W, g, lr
    ):  # each call gets fresh copies, so an in-place update cannot leak between cases
        return sgd_step(W.copy(), g.copy(), lr)

    return run_check(safe, cases, name="sgd_step", mistakes=mistakes, success="One step downhill.")


def check_first_to_90(answer) -> Feedback:
    """Predict-then-measure: from a confidently wrong start, which loss reaches 90% test accuracy first?"""
    from helpers.experiments import compare_losses

    if answer not in ("cross_entropy", "mse"):
        return Feedback(
            False, '⏳ Set my_guess to "cross_entropy" or "mse", then run this check.', "not done"
        )
    reached = {loss: hist.epochs_to(0.9) for loss, hist in compare_losses(init_scale=1.0).items()}
    facts = ", ".join(
        f"{k}: {'epoch ' + str(v) if v is not None else 'not within 30 epochs'}"
        for k, v in reached.items()
    )
    order = sorted(reached, key=lambda k: reached[k] if reached[k] is not None else 10**9)
    winner = order[0]
    if answer == winner:
        return Feedback(True, f"✓ Right: {winner} gets there first. Measured: {facts}.")
    return Feedback(
        False,
        f"✗ Measured: {facts}.\nHint: with large initial logits the softmax saturates; MSE's gradient "
        "carries a factor q that is then tiny, cross-entropy's (q - y) does not.",
    )
