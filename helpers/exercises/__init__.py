"""The exercises' checks: only ``helpers/__init__`` imports from it (for the flat ``h.check_*`` names).

- :mod:`helpers.exercises._engine` — the check engine (:func:`run_check`, :class:`Feedback`)
  and the hints several checkers share
- :mod:`helpers.exercises.surprise`, :mod:`helpers.exercises.information`,
  :mod:`helpers.exercises.learning` — the checks, by topic (notebooks 01; 02-03; 04-05),
  and the buggy-SGD simulator of notebook 05
"""

from helpers.exercises import information, learning, surprise
from helpers.exercises.information import *  # noqa: F403
from helpers.exercises.learning import *  # noqa: F403
from helpers.exercises.surprise import *  # noqa: F403

__all__ = [*surprise.__all__, *information.__all__, *learning.__all__]
