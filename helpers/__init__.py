"""helpers: the small, tested package behind "Cross-entropy from first principles".

Modules by theme; each lists its public names in ``__all__``, and every name
there is re-exported here (``h.entropy``, ``h.NgramModel``, ...):

- :mod:`helpers.information` — surprise, entropy, cross-entropy, KL divergence, a coin's likelihood
- :mod:`helpers.logits` — logsumexp, softmax, log_softmax, cross-entropy from logits and its gradient
- :mod:`helpers.coding` — Huffman codes: entropy you can measure in bits
- :mod:`helpers.arithmetic_coding` — arithmetic codes: a message costs its surprise
- :mod:`helpers.model_cost` — what a model costs to send: a two-part code's table of counts
- :mod:`helpers.text` — alphabets by role, their index table, text as symbol codes and n-grams,
  cleaners, letter and word counts
- :mod:`helpers.ngram` — the one n-gram model (any order, any alphabet), letter-pair counts,
  the adaptive codes (the same smoothing with running counts)
- :mod:`helpers.name_tables` — the 27 x 27 tables of names notebooks 04 and 05 teach with (fitted
  by that model; scored as plain tables)
- :mod:`helpers.word_models` — n-gram models of words scored per word, mixtures of orders
- :mod:`helpers.evaluation` — bootstrap and half-sample intervals, compressors as baselines
- :mod:`helpers.shannon_game` — Shannon's guessing game: bounds and model players
- :mod:`helpers.datasets` — the shipped real data sets and the digits split
- :mod:`helpers.training` — a softmax classifier and the plain SGD loop that trains it
- :mod:`helpers.stacked_training` — many seeds x settings of that loop at once (``train_many``)
- :mod:`helpers.pytorch_messages` — what PyTorch itself says when its losses are misused
- :mod:`helpers.diagnostics` — accuracy, confusion matrix, calibration
- :mod:`helpers.experiments` — controlled experiments (cross-entropy vs MSE)
- :mod:`helpers.gradcheck` — numerical gradients to check derived ones
- :mod:`helpers.sgd_bugs` — three bugs of the gradient-descent loop, simulated
- :mod:`helpers.plots`, :mod:`helpers.coding_plots`, :mod:`helpers.loss_plots` — pictures
- :mod:`helpers.widgets` — the "Try it" explorers, the training widgets, Shannon's game
  (the only subpackage that imports ipywidgets)
- :mod:`helpers.exercises` — friendly checks for the exercises (imported only by this
  ``__init__``, for the flat ``h.check_*`` names)
- :mod:`helpers.environment` — the start notebook's set-up check

Private modules hold shared internals: ``helpers._validation`` (argument checks),
``helpers._numerics`` (stable pieces of softmax and logs), ``helpers._fused`` (the
fast, blocked cross-entropy kernel).

Every function takes array-likes, works along ``axis=-1``, and reports results
in nats unless you pass ``base=2`` (bits). Importing is light: matplotlib and
ipywidgets load only when a plot or widget is made.
"""

from importlib import metadata

from helpers import (
    _meta,
    arithmetic_coding,
    coding,
    coding_plots,
    datasets,
    diagnostics,
    environment,
    evaluation,
    exercises,
    experiments,
    gradcheck,
    information,
    logits,
    loss_plots,
    model_cost,
    name_tables,
    ngram,
    plots,
    pytorch_messages,
    sgd_bugs,
    shannon_game,
    stacked_training,
    text,
    training,
    widgets,
    word_models,
)
from helpers.arithmetic_coding import *  # noqa: F403
from helpers.coding import *  # noqa: F403
from helpers.coding_plots import *  # noqa: F403
from helpers.datasets import *  # noqa: F403
from helpers.diagnostics import *  # noqa: F403
from helpers.environment import *  # noqa: F403
from helpers.evaluation import *  # noqa: F403
from helpers.exercises import *  # noqa: F403
from helpers.experiments import *  # noqa: F403
from helpers.gradcheck import *  # noqa: F403
from helpers.information import *  # noqa: F403
from helpers.logits import *  # noqa: F403
from helpers.loss_plots import *  # noqa: F403
from helpers.model_cost import *  # noqa: F403
from helpers.name_tables import *  # noqa: F403
from helpers.ngram import *  # noqa: F403
from helpers.plots import *  # noqa: F403
from helpers.pytorch_messages import *  # noqa: F403
from helpers.sgd_bugs import *  # noqa: F403
from helpers.shannon_game import *  # noqa: F403
from helpers.stacked_training import *  # noqa: F403
from helpers.text import *  # noqa: F403
from helpers.training import *  # noqa: F403
from helpers.widgets import *  # noqa: F403
from helpers.word_models import *  # noqa: F403

#: The distribution's name on PyPI (helpers/_meta.py); the import name stays ``helpers``.
DISTRIBUTION = _meta.DISTRIBUTION
#: The installed version (one place: pyproject.toml). A copy of the folder that was
#: never installed (``PYTHONPATH=...``) still imports; ``check_environment`` then
#: says how to install it.
try:
    __version__ = metadata.version(DISTRIBUTION)
except metadata.PackageNotFoundError:
    __version__ = "0+unknown"

__all__ = [
    *arithmetic_coding.__all__,
    *name_tables.__all__,
    *coding.__all__,
    *coding_plots.__all__,
    *datasets.__all__,
    *diagnostics.__all__,
    *environment.__all__,
    *evaluation.__all__,
    *exercises.__all__,
    *experiments.__all__,
    *gradcheck.__all__,
    *information.__all__,
    *logits.__all__,
    *loss_plots.__all__,
    *model_cost.__all__,
    *ngram.__all__,
    *plots.__all__,
    *pytorch_messages.__all__,
    *sgd_bugs.__all__,
    *shannon_game.__all__,
    *text.__all__,
    *stacked_training.__all__,
    *training.__all__,
    *widgets.__all__,
    *word_models.__all__,
]
