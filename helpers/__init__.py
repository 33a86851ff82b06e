"""helpers: the small, tested package behind "Cross-entropy from first principles".

Modules by theme (each lists its public names in ``__all__``; all are re-exported here):

- :mod:`helpers.information` — surprise, entropy, cross-entropy, KL divergence
- :mod:`helpers.logits` — logsumexp, softmax, log_softmax, cross-entropy from logits
- :mod:`helpers.gradcheck` — numerical gradients to check derived ones
- :mod:`helpers.ngram` — character models fitted by counting, likelihood and NLL
- :mod:`helpers.coding` — Huffman codes: entropy you can measure in bits
- :mod:`helpers.arithmetic_coding` — arithmetic codes: a message costs its surprise
- :mod:`helpers.fused_cross_entropy` — the fast, blocked kernel behind the loss
- :mod:`helpers.data` — the shipped real data sets and letter counting
- :mod:`helpers.plots`, :mod:`helpers.widgets` — pictures and "Try it" explorers
- :mod:`helpers.checks`, :mod:`helpers.exercises` — friendly checks for the exercises
- :mod:`helpers.training` — a softmax classifier trained from scratch, and its diagnostics
- :mod:`helpers.environment` — the start notebook's set-up check

Every function takes array-likes, works along ``axis=-1``, and reports results
in nats unless you pass ``base=2`` (bits). Importing is light: matplotlib and
ipywidgets load only when a plot or widget is made.
"""

from helpers import (
    arithmetic_coding,
    coding,
    data,
    environment,
    exercises,
    gradcheck,
    information,
    logits,
    ngram,
    plots,
    training,
    widgets,
)
from helpers.arithmetic_coding import *  # noqa: F403
from helpers.coding import *  # noqa: F403
from helpers.data import *  # noqa: F403
from helpers.environment import *  # noqa: F403
from helpers.exercises import *  # noqa: F403
from helpers.gradcheck import *  # noqa: F403
from helpers.information import *  # noqa: F403
from helpers.logits import *  # noqa: F403
from helpers.ngram import *  # noqa: F403
from helpers.plots import *  # noqa: F403
from helpers.training import *  # noqa: F403
from helpers.widgets import *  # noqa: F403

__version__ = "0.1.0"

__all__ = [
    *arithmetic_coding.__all__,
    *coding.__all__,
    *data.__all__,
    *environment.__all__,
    *exercises.__all__,
    *gradcheck.__all__,
    *information.__all__,
    *ngram.__all__,
    *plots.__all__,
    *logits.__all__,
    *training.__all__,
    *widgets.__all__,
]
