"""helpers: the small, tested package behind "Cross-entropy from first principles".

Modules by theme:

- :mod:`helpers.information` — surprise, entropy, cross-entropy, KL divergence
- :mod:`helpers.softmax` — logsumexp, softmax, log_softmax, cross-entropy from logits
- :mod:`helpers.checks` — friendly checks for the notebooks' exercises
- :mod:`helpers.environment` — the start notebook's set-up check

Every function takes array-likes, works along ``axis=-1``, and reports results
in nats unless you pass ``base=2`` (bits).
"""

from helpers.environment import check_environment
from helpers.information import (
    binary_cross_entropy,
    cross_entropy,
    entropy,
    kl_divergence,
    perplexity,
    surprise,
)
from helpers.softmax import (
    cross_entropy_from_logits,
    log_softmax,
    logsumexp,
    one_hot,
    sigmoid,
    softmax,
)

__version__ = "0.1.0"

__all__ = [
    "binary_cross_entropy",
    "check_environment",
    "cross_entropy",
    "cross_entropy_from_logits",
    "entropy",
    "kl_divergence",
    "log_softmax",
    "logsumexp",
    "one_hot",
    "perplexity",
    "sigmoid",
    "softmax",
    "surprise",
]
