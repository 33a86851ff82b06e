"""Exercises that say "without h.something": catch a learner who calls it anyway.

An exercise that asks for a quantity *from its definition* is passed trivially by
calling the helper that computes it. :func:`without` wraps the learner's function
so that, while it runs, each forbidden flat name (``helpers.<name>``, what
``h.<name>`` reads in a notebook) is replaced by a stub that raises
:class:`ForbiddenHelperUsed`. :func:`~helpers.exercises._engine.run_check` turns that
exception into a ✗ whose message names the helper, so Run All keeps going.

Only the flat names are replaced: the course's own modules import from their
submodules, so a helper that uses another internally is not caught by mistake.
A learner who imported the function by name before the check
(``from helpers import entropy``) is not caught; the exercises' text asks for
``h.`` names, and the catalogue tests use them.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Sequence
from typing import Any

__all__ = ["ForbiddenHelperUsed", "without"]


class ForbiddenHelperUsed(Exception):
    """Raised inside a check when the learner's function calls a forbidden helper."""


def without(names: Sequence[str], func: Any) -> Any:
    """Return ``func`` wrapped so that calling any ``helpers.<name>`` in ``names`` fails.

    Parameters
    ----------
    names : sequence of str
        Flat helper names the exercise forbids, e.g. ``("conditional_entropy",)``.
    func : callable
        The learner's function; anything not callable is returned unchanged, so
        the check's own "pass your function" message still shows.

    Returns
    -------
    callable
        Calls ``func``; while it runs, the forbidden names raise
        :class:`ForbiddenHelperUsed` with a message naming the helper.

    Examples
    --------
    >>> import helpers as h
    >>> cheat = without(["entropy"], lambda p: h.entropy(p))
    >>> try:
    ...     cheat([0.5, 0.5])
    ... except ForbiddenHelperUsed as exc:
    ...     print(exc)
    you called h.entropy, which this exercise asks you to do without: write the computation from its definition.
    >>> float(h.entropy([0.5, 0.5], base=2))  # restored afterwards
    1.0
    """
    if not callable(func):
        return func
    helpers = sys.modules[__name__.split(".")[0]]  # the package whose flat names notebooks call

    missing = [n for n in names if not hasattr(helpers, n)]
    if missing:
        raise ValueError(
            f"names: helpers has no {missing[0]!r}; name a flat helpers.<name> to forbid"
        )

    def stub(name: str) -> Callable[..., Any]:
        def forbidden(*args: Any, **kwargs: Any) -> Any:
            raise ForbiddenHelperUsed(
                f"you called h.{name}, which this exercise asks you to do without: "
                "write the computation from its definition."
            )

        return forbidden

    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        saved = {n: getattr(helpers, n) for n in names}
        try:
            for n in names:
                setattr(helpers, n, stub(n))
            return func(*args, **kwargs)
        finally:
            for n, original in saved.items():
                setattr(helpers, n, original)

    return guarded
