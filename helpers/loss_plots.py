"""Pictures of a prediction against its target: the cross-entropy explorer's two panels.

Target and prediction side by side, and the gradient ``q - p`` with the step gradient
descent takes; :func:`plot_cross_entropy_target` draws the static figure, and the explorer
redraws the same bars (:func:`draw_cross_entropy_target`, :func:`set_cross_entropy_target`).
"""

from __future__ import annotations

import numpy as np

from helpers._validation import check_distribution
from helpers.plots import COLORS

__all__ = ["plot_cross_entropy_target", "draw_cross_entropy_target", "set_cross_entropy_target"]


def draw_cross_entropy_target(axes) -> dict:
    """Draw the empty two panels of a 3-class prediction against its target.

    :func:`set_cross_entropy_target` fills them: the static plot and the explorer share them.

    Left: target ``p`` and prediction ``q`` side by side. Right: the cross-entropy gradient
    ``q - p`` with respect to each logit, and the step gradient descent takes, ``-(q - p)``
    per unit of learning rate. Returns the bars, by role.
    """
    ax1, ax2 = axes
    x, zeros, ticks = np.arange(3), np.zeros(3), ["class 0", "class 1", "class 2"]
    bars = {
        "p": list(ax1.bar(x - 0.2, zeros, 0.4, color=COLORS[1], label="target p")),
        "q": list(ax1.bar(x + 0.2, zeros, 0.4, color=COLORS[0], label="prediction q")),
        "gradient": list(ax2.bar(x - 0.2, zeros, 0.4, color=COLORS[3], label="gradient q - p")),
        "step": list(
            ax2.bar(
                x + 0.2,
                zeros,
                0.4,
                color=COLORS[2],
                hatch="//",
                edgecolor="white",
                label="descent step -(q - p), per unit of learning rate",
            )
        ),
    }
    ax1.set_xticks(x, ticks)
    # Each legend gets a band above the highest bar, so it never hides one.
    ax1.set_ylim(0, 1.3)
    ax1.set_yticks(np.linspace(0, 1, 6))
    ax1.set_ylabel("probability")
    ax1.set_title("target vs prediction")
    ax1.legend(fontsize=8, loc="upper center", ncol=2)
    ax2.axhline(0, color="black", lw=0.8)
    ax2.set_xticks(x, ticks)
    ax2.set_ylim(-1.05, 1.6)
    ax2.set_yticks(np.linspace(-1, 1, 5))
    ax2.set_ylabel("gradient (nats per unit of logit);\nstep (per unit of learning rate)")
    ax2.set_title("gradient q - p; descent moves each logit against it")
    ax2.legend(fontsize=7.5, loc="upper center")
    return bars


def set_cross_entropy_target(bars: dict, p, q) -> np.ndarray:
    """Set the bars of :func:`draw_cross_entropy_target` to ``p`` and ``q``; return ``q - p``."""
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    grad = q - p  # d H(p, softmax(z)) / dz
    values = {"p": p, "q": q, "gradient": grad, "step": -grad}
    for role, heights in values.items():
        for bar, value in zip(bars[role], heights, strict=True):
            bar.set_height(value)
    return grad


def plot_cross_entropy_target(p, q, axes=None):
    """A 3-class prediction ``q`` against its target ``p``: the cross-entropy explorer's panels.

    The two panels of :func:`~helpers.widgets.cross_entropy_explorer`: target and prediction
    side by side, and the gradient ``q - p`` with the step gradient descent takes, ``-(q - p)``.

    Returns
    -------
    tuple of two matplotlib Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax1, ax2 = plot_cross_entropy_target([0, 0, 1], [0.6, 0.2, 0.2])
    >>> [round(float(b.get_height()), 2) for b in ax2.patches[:3]]  # the gradient: wrong classes up, true one down
    [0.6, 0.2, -0.8]
    """
    p = check_distribution(p, "p")
    q = check_distribution(q, "q")
    if p.shape != (3,) or q.shape != (3,):
        raise ValueError(
            f"p and q must be distributions over 3 classes, got shapes {p.shape} and {q.shape}"
        )
    if axes is None:
        import matplotlib.pyplot as plt

        axes = plt.subplots(1, 2, figsize=(9, 3.4), layout="constrained")[1]
    set_cross_entropy_target(draw_cross_entropy_target(axes), p, q)
    return tuple(axes)
