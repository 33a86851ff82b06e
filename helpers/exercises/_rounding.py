"""An answer rounded to too few decimals: found, and named with the decimals the check needs."""

from __future__ import annotations

import numpy as np

__all__ = ["rounded_to", "rounding_hint_text"]


def rounded_to(got: np.ndarray | None, expected: np.ndarray | None) -> int:
    """The most decimals (1 to 10) ``expected`` can be rounded to and give ``got``; 0 if none.

    Every entry is either right or rounded, so a (choice, score) pair with only the score
    rounded counts too.
    """
    if got is None or expected is None or got.shape != expected.shape or got.size == 0:
        return 0
    if not (np.isfinite(got).all() and np.isfinite(expected).all()):
        return 0
    return next(
        (d for d in range(10, 0, -1) if np.all((got == expected) | (got == np.round(expected, d)))),
        0,
    )


def decimals_needed(allowed: float) -> int:
    """The fewest decimals whose rounding error (half a unit of the last one) is within ``allowed``."""
    return next((d for d in range(0, 11) if 0.5 * 10.0**-d <= allowed * (1 + 1e-9)), 11)


def rounding_hint_text(got: np.ndarray, expected: np.ndarray, atol: float, rtol: float) -> str:
    """The hint for a rounded answer: 'rounded to 2 decimals; this check needs at least 4 (...)'.

    The decimals needed come from the check's own tolerance on the rounded entries,
    ``atol + rtol * |expected|``; past 6 decimals it only says to return the number itself.
    """
    places = rounded_to(got, expected)
    allowed = atol + rtol * float(np.min(np.abs(expected[got != expected])))
    needed = decimals_needed(allowed)
    hint = f"that is the answer rounded to {places} decimal{'s' if places > 1 else ''}"
    if places < needed <= 6:
        hint += f"; this check needs at least {needed} (it allows an error of {allowed:.2g})"
    return hint + ": return the number itself (round only when you print it)."
