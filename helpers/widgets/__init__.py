"""Widgets: the one subpackage that imports ipywidgets (lazily, when a widget is made).

- :mod:`helpers.widgets.blitting` — the engine every explorer shares (:class:`Explorer`, :class:`Frame`)
- :mod:`helpers.widgets.explorers` — the "Try it" explorers, one small class each
- :mod:`helpers.widgets.training` — the training explorer and a live plot for ``train``
- :mod:`helpers.widgets.shannon_game` — Shannon's guessing game, played with the keyboard
"""

from helpers.widgets import blitting, explorers, shannon_game, training
from helpers.widgets.blitting import *  # noqa: F403
from helpers.widgets.explorers import *  # noqa: F403
from helpers.widgets.shannon_game import *  # noqa: F403
from helpers.widgets.training import *  # noqa: F403

__all__ = [*blitting.__all__, *explorers.__all__, *training.__all__, *shannon_game.__all__]
