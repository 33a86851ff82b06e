"""Private: the one way plotting helpers get axes when none are given."""

from __future__ import annotations


def new_axes(ax=None, figsize=(6.4, 3.6)):
    """Return ``ax``, or axes on a new pyplot figure (shown by ``plt.show()``)."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=figsize, layout="constrained")[1]
