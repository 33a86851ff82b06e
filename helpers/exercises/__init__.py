"""The exercises' checks: only ``helpers/__init__`` imports from it (for the flat ``h.check_*`` names).

- :mod:`helpers.exercises._engine` — the check engine (:func:`run_check`, :class:`Feedback`)
  and the hints several checkers share
- :mod:`helpers.exercises.surprise`, :mod:`helpers.exercises.words`, :mod:`helpers.exercises.information`,
  :mod:`helpers.exercises.coding`, :mod:`helpers.exercises.held_out`,
  :mod:`helpers.exercises.cross_entropy`,
  :mod:`helpers.exercises.logits`, :mod:`helpers.exercises.label_smoothing`,
  :mod:`helpers.exercises.likelihood`,
  :mod:`helpers.exercises.conditional_nll`, :mod:`helpers.exercises.priors`,
  :mod:`helpers.exercises.training`, :mod:`helpers.exercises.diagnosis`,
  :mod:`helpers.exercises.validation` — the checks, by topic (notebooks 01; 02-02b; 03; 04; 05)
"""

from helpers.exercises import (
    coding,
    conditional_nll,
    cross_entropy,
    diagnosis,
    held_out,
    information,
    label_smoothing,
    likelihood,
    logits,
    priors,
    surprise,
    training,
    validation,
    words,
)
from helpers.exercises.coding import *  # noqa: F403
from helpers.exercises.conditional_nll import *  # noqa: F403
from helpers.exercises.cross_entropy import *  # noqa: F403
from helpers.exercises.diagnosis import *  # noqa: F403
from helpers.exercises.held_out import *  # noqa: F403
from helpers.exercises.information import *  # noqa: F403
from helpers.exercises.label_smoothing import *  # noqa: F403
from helpers.exercises.likelihood import *  # noqa: F403
from helpers.exercises.logits import *  # noqa: F403
from helpers.exercises.priors import *  # noqa: F403
from helpers.exercises.surprise import *  # noqa: F403
from helpers.exercises.training import *  # noqa: F403
from helpers.exercises.validation import *  # noqa: F403
from helpers.exercises.words import *  # noqa: F403

__all__ = [
    *surprise.__all__,
    *words.__all__,
    *information.__all__,
    *coding.__all__,
    *held_out.__all__,
    *cross_entropy.__all__,
    *logits.__all__,
    *label_smoothing.__all__,
    *likelihood.__all__,
    *conditional_nll.__all__,
    *priors.__all__,
    *training.__all__,
    *diagnosis.__all__,
    *validation.__all__,
]
