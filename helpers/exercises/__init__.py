"""The exercises' checks: nothing outside this subpackage imports from it.

- :mod:`helpers.exercises._engine` — the check engine (:func:`run_check`, :class:`Feedback`)
  and the hints several checkers share
- :mod:`helpers.exercises.surprise`, :mod:`helpers.exercises.information`,
  :mod:`helpers.exercises.cross_entropy`, :mod:`helpers.exercises.logits`, :mod:`helpers.exercises.likelihood`,
  :mod:`helpers.exercises.learning` — the checks, by topic (notebooks 01; 02; 03; 04; 05),
  and the buggy-SGD simulator of notebook 05
"""

from helpers.exercises import cross_entropy, information, learning, likelihood, logits, surprise
from helpers.exercises.cross_entropy import *  # noqa: F403
from helpers.exercises.information import *  # noqa: F403
from helpers.exercises.learning import *  # noqa: F403
from helpers.exercises.likelihood import *  # noqa: F403
from helpers.exercises.logits import *  # noqa: F403
from helpers.exercises.surprise import *  # noqa: F403

__all__ = [
    *surprise.__all__,
    *information.__all__,
    *cross_entropy.__all__,
    *logits.__all__,
    *likelihood.__all__,
    *learning.__all__,
]
