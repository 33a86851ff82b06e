"""helpers: the small, tested package behind "Cross-entropy from first principles".

Modules by theme (each lists its public names in ``__all__``; all are re-exported here):

- :mod:`helpers.information` — surprise, entropy, cross-entropy, KL divergence, a coin's likelihood
- :mod:`helpers.logits` — logsumexp, softmax, log_softmax, cross-entropy from logits and its gradient
- :mod:`helpers.fused_cross_entropy` — the fast, blocked kernel behind that loss
- :mod:`helpers.coding` — Huffman codes: entropy you can measure in bits
- :mod:`helpers.arithmetic_coding` — arithmetic codes: a message costs its surprise
- :mod:`helpers.ngram` — character models fitted by counting, likelihood and NLL
- :mod:`helpers.shannon_game`, :mod:`helpers.shannon_game_widget` — Shannon's guessing game: bounds, model players, the game
- :mod:`helpers.datasets` — the shipped real data sets, letter counting, the digits split
- :mod:`helpers.training` — a softmax classifier and the plain SGD loop that trains it
- :mod:`helpers.diagnostics` — accuracy, confusion matrix, calibration
- :mod:`helpers.experiments` — controlled experiments (cross-entropy vs MSE)
- :mod:`helpers.gradcheck` — numerical gradients to check derived ones
- :mod:`helpers.plots`, :mod:`helpers.widgets` — pictures and "Try it" explorers
- :mod:`helpers.training_widgets` — the training explorer and a live plot for ``train``
- :mod:`helpers.checks`, :mod:`helpers.exercises_surprise`, :mod:`helpers.exercises_information`,
  :mod:`helpers.exercises_learning`
  — friendly checks for the exercises
- :mod:`helpers.environment` — the start notebook's set-up check

Every function takes array-likes, works along ``axis=-1``, and reports results
in nats unless you pass ``base=2`` (bits). Importing is light: matplotlib and
ipywidgets load only when a plot or widget is made.
"""

from importlib import metadata

from helpers import (
    arithmetic_coding,
    coding,
    datasets,
    diagnostics,
    environment,
    exercises_information,
    exercises_learning,
    exercises_surprise,
    experiments,
    gradcheck,
    information,
    logits,
    ngram,
    plots,
    shannon_game,
    shannon_game_widget,
    training,
    training_widgets,
    widgets,
)
from helpers.arithmetic_coding import *  # noqa: F403
from helpers.coding import *  # noqa: F403
from helpers.datasets import *  # noqa: F403
from helpers.diagnostics import *  # noqa: F403
from helpers.environment import *  # noqa: F403
from helpers.exercises_information import *  # noqa: F403
from helpers.exercises_learning import *  # noqa: F403
from helpers.exercises_surprise import *  # noqa: F403
from helpers.experiments import *  # noqa: F403
from helpers.gradcheck import *  # noqa: F403
from helpers.information import *  # noqa: F403
from helpers.logits import *  # noqa: F403
from helpers.ngram import *  # noqa: F403
from helpers.plots import *  # noqa: F403
from helpers.shannon_game import *  # noqa: F403
from helpers.shannon_game_widget import *  # noqa: F403
from helpers.training import *  # noqa: F403
from helpers.training_widgets import *  # noqa: F403
from helpers.widgets import *  # noqa: F403

#: The installed version (one place: pyproject.toml).
__version__ = metadata.version("helpers")

__all__ = [
    *arithmetic_coding.__all__,
    *coding.__all__,
    *datasets.__all__,
    *diagnostics.__all__,
    *environment.__all__,
    *exercises_information.__all__,
    *exercises_learning.__all__,
    *exercises_surprise.__all__,
    *experiments.__all__,
    *gradcheck.__all__,
    *information.__all__,
    *ngram.__all__,
    *plots.__all__,
    *shannon_game.__all__,
    *shannon_game_widget.__all__,
    *logits.__all__,
    *training.__all__,
    *training_widgets.__all__,
    *widgets.__all__,
]
