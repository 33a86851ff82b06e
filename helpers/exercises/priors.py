"""Exercise check for smoothing as a prior (notebook 04): the mean of a Dirichlet posterior.

It knows the right answers (computed from the formula, never typed in) and a catalogue of the
mistakes a learner really makes — the posterior's mode for its mean, the prior left out, one
pseudo-count for all — each with a hint that names it, and returns a
:class:`~helpers.exercises._engine.Feedback`.
"""

from __future__ import annotations

import numpy as np

from helpers.exercises._engine import Case, Feedback, Mistake, quietly, run_check

__all__ = ["check_posterior_mean"]


# --- smoothing is a prior: the posterior mean ----------------------------------------

_POSTERIOR_CASES = (
    ([3, 1, 0], [2.0, 0.5, 1.0]),  # an unequal prior: the known mistakes all differ here
    ([7, 3], [1, 1]),  # section 1's coin under a uniform prior: Laplace's rule, 8/12
    ([5, 0, 2, 1], [0.1, 0.1, 0.1, 0.1]),  # add-0.1
    ([0, 0, 0], [1.0, 2.0, 3.0]),  # no data: the prior's own mean
)


TOLERANCE = 6e-5  # an answer rounded to 4 decimals is within 5e-5 of the mean


def _changes_between_calls(func, case) -> Feedback | None:
    """Feedback for an answer that differs between two calls on the same case (it samples), else None."""
    try:
        first, second = (np.asarray(func(*case.args), dtype=float) for _ in range(2))
    except Exception:  # run_check reports errors, stubs and non-numbers
        return None
    if first.shape != second.shape or np.allclose(
        first, second, rtol=0, atol=1e-12, equal_nan=True
    ):
        return None
    return Feedback(
        False,
        f"✗ {case.show('posterior_mean')} gave {np.round(first, 4).tolist()}, then "
        f"{np.round(second, 4).tolist()} on the same counts; expected "
        f"{np.round(np.asarray(case.expected), 4).tolist()}.\nHint: your answer changes from call to call: "
        "it averages samples from the posterior (a Monte-Carlo estimate), which is only within about "
        "1 / sqrt(number of draws) of the mean. The Dirichlet's mean has a formula: derive it, "
        "b_k / sum(b).",
        "checked",
    )


def check_posterior_mean(posterior_mean) -> Feedback:
    """Check ``posterior_mean(counts, prior)`` = the mean of the Dirichlet posterior,
    (counts + prior) / (counts.sum() + prior.sum()).
    """
    cases = [
        Case(
            (np.array(n, dtype=float), np.array(a, dtype=float)),
            (np.array(n) + np.array(a)) / (np.sum(n) + np.sum(a)),
            label=f"posterior_mean({n}, prior={a})",
        )
        for n, a in _POSTERIOR_CASES
    ]
    mistakes = [
        Mistake(
            lambda n, a: n / n.sum(),
            "that is the maximum-likelihood estimate, counts / N: the prior is missing. The posterior "
            "Dirichlet(counts + prior) has mean (counts + prior) / (N + sum of prior).",
        ),
        Mistake(
            lambda n, a: (n + a - 1) / (n.sum() + a.sum() - len(n)),
            "that is the posterior's MODE (its peak, the MAP estimate), (n + a - 1) / (N + sum a - K). "
            "Add-alpha smoothing is its MEAN: (n + a) / (N + sum a).",
        ),
        Mistake(
            lambda n, a: (n + a) / (n.sum() + len(n)),
            "your denominator adds K = the number of outcomes, which is right only for a prior of 1 each: "
            "add the prior's total, sum(prior).",
        ),
        Mistake(
            lambda n, a: (n + a) / (n.sum() + a),
            "you divided each entry by its own N + a_k: the result no longer sums to 1. The denominator is "
            "one number, N + sum(prior).",
        ),
        Mistake(
            lambda n, a: (n + a) / n.sum(),
            "your answer does not sum to 1: divide by N + sum(prior), the total of counts + prior.",
        ),
        Mistake(
            lambda n, a: (n + 1) / (n.sum() + len(n)),
            "you added 1 to every count (add-one, the posterior mean for a prior of 1 each). This prior "
            "gives outcome k its own pseudo-count a_k: (n + a) / (N + sum a).",
        ),
        Mistake(
            lambda n, a: n + a,
            "those are the posterior's parameters, counts + prior; its MEAN divides them by their total.",
        ),
        Mistake(
            lambda n, a: a / a.sum(),
            "that is the prior's mean alone, before any data: add the counts.",
        ),
        Mistake(
            lambda n, a: (n / n.sum() + a / a.sum()) / 2,
            "you averaged the data's frequencies and the prior's mean with equal weight. The posterior "
            "weighs them by N and sum(prior): (n + a) / (N + sum a).",
        ),
        Mistake(
            lambda n, a: (n + a / a.sum()) / (n.sum() + 1),
            "you normalised the prior to sum to 1 first, so it weighs as one pretend observation. The "
            "pseudo-counts are a_k themselves: (n + a) / (N + sum a).",
        ),
        Mistake(
            lambda n, a: (
                a.sum() / (n.sum() + a.sum()) * n / n.sum()
                + n.sum() / (n.sum() + a.sum()) * a / a.sum()
            ),
            "you swapped the two weights: the data's frequencies get weight N / (N + sum a) and the prior's "
            "mean sum(a) / (N + sum a). More data must pull the answer TOWARDS the counts.",
        ),
        Mistake(
            lambda n, a: np.clip(n + a - 1, 0, None) / np.clip(n + a - 1, 0, None).sum(),
            "that is the posterior's MODE with the negative entries clipped to 0 (the peak of a Dirichlet "
            "with a parameter below 1 is on the edge). Add-alpha smoothing is the posterior MEAN: "
            "(n + a) / (N + sum a), no - 1.",
        ),
        Mistake(
            lambda n, a: (n + a + 1) / (n.sum() + a.sum() + len(n)),
            "you added 1 on top of the prior: add-one is already the prior a = 1. The pseudo-counts are "
            "a_k themselves, (n + a) / (N + sum a), with no extra 1.",
        ),
        Mistake(
            lambda n, a: (n + a[0]) / (n.sum() + len(n) * a[0]),
            "you used the first pseudo-count a[0] for every outcome; this prior gives outcome k its own a_k.",
        ),
        Mistake(
            lambda n, a: (n + a.mean()) / (n.sum() + len(n) * a.mean()),
            "you used one average pseudo-count for every outcome; this prior gives outcome k its own a_k.",
        ),
    ]
    mistakes = [
        Mistake(quietly(m.wrong), m.hint) for m in mistakes
    ]  # counts / N at N = 0: no warning
    if callable(posterior_mean):  # a Monte-Carlo mean changes from call to call: say so first
        sampled = _changes_between_calls(quietly(posterior_mean), cases[0])
        if sampled:
            return sampled
    feedback = run_check(
        quietly(posterior_mean),
        cases,
        name="posterior_mean",
        mistakes=mistakes,
        match_all_cases=True,
        rtol=0.0,
        atol=TOLERANCE,  # four decimal places, as the exercise asks
        rounding_hint=True,  # an answer rounded to fewer is named, with the decimals needed
        success="Pseudo-counts plus counts, normalised: with a prior of alpha for every outcome this is "
        "add-alpha smoothing, and with no data it is the prior's own mean.",
    )
    generic = "Hint: compare your formula with the one above the exercise, term by term."
    if not feedback.passed and generic in feedback.message:
        for case in (
            cases
        ):  # close to the mean, but not to 4 decimals: sampled with a fixed seed, or rounded
            try:
                got = np.asarray(quietly(posterior_mean)(*case.args), dtype=float)
            except Exception:
                break
            expected = np.asarray(case.expected, dtype=float)
            if got.shape == expected.shape and np.allclose(got, expected, rtol=0, atol=TOLERANCE):
                continue
            if got.shape == expected.shape and np.allclose(got, expected, rtol=0, atol=0.02):
                return Feedback(
                    False,
                    feedback.message.replace(
                        generic,
                        "Hint: close to the mean, but not to 4 decimals: a Monte-Carlo average of "
                        "posterior samples, or an answer rounded to fewer decimals? The mean has a "
                        "formula: derive it from the posterior's parameters.",
                    ),
                    feedback.status,
                )
            break
    if not feedback.passed and "[0, 0, 0]" in feedback.message and "nan" in feedback.message:
        return feedback.with_hint(
            "with no data, N = 0 and counts / N is 0 / 0 = nan. If you wrote the mean as a weighted "
            "average of counts / N and the prior's mean, N / (N + A) * counts / N + A / (N + A) * prior / A, "
            "it is right whenever N > 0 (the other cases), but at N = 0 its weight 0 multiplies nan, and "
            "0 * nan is still nan. With no data the posterior is the prior, whose mean exists; "
            "(counts + prior) / (N + sum(prior)) never divides by 0 and covers that case."
        )
    return feedback
