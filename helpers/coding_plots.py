"""Pictures of codes: entropy ladder, code explorer panels, arithmetic intervals, guesses.

The entropy ladder, the two panels of the code explorer, arithmetic coding as nested
intervals, and the guess numbers of Shannon's game.

Each takes ``ax=None`` (or ``axes``) and returns what it drew on; nothing here touches ``rcParams``.
"""

from __future__ import annotations

import numpy as np

from helpers._figures import new_axes as _new_axes
from helpers.arithmetic_coding import arithmetic_intervals
from helpers.coding import huffman_code
from helpers.plots import COLORS, plot_code_lengths, plot_distribution

__all__ = [
    "plot_entropy_ladder",
    "plot_code_panels",
    "plot_arithmetic_intervals",
    "plot_guess_histogram",
]


def plot_entropy_ladder(groups: dict, ax=None):
    """Bits per letter, one bar each, coloured by what kind of number it is.

    ``groups`` maps a group's legend label (say what the numbers are: in-sample
    plug-in estimates, held-out code lengths, real compressed files) to a dict
    name -> bits per letter. Groups are drawn top to bottom in order.
    """
    if (
        not isinstance(groups, dict)
        or not groups
        or not all(isinstance(g, dict) and g for g in groups.values())
    ):
        raise ValueError(
            "groups must be a non-empty dict label -> non-empty dict name -> bits per letter"
        )
    from matplotlib.patches import Patch

    names, values, colors, handles = [], [], [], []
    for k, (label, group) in enumerate(groups.items()):
        color = COLORS[(2, 0, 1, 4, 3)[k % 5]]
        handles.append(Patch(color=color, label=label))
        for name, value in group.items():
            names.append(name)
            values.append(float(value))
            colors.append(color)
    ax = _new_axes(ax, figsize=(8, 0.4 * len(names) + 1.6))
    bars = ax.barh(names[::-1], values[::-1], color=colors[::-1])
    for bar, value in zip(bars, values[::-1], strict=True):
        ax.text(value, bar.get_y() + bar.get_height() / 2, f" {value:.3f}", va="center", fontsize=8)
    ax.legend(handles=handles, loc="lower right", fontsize=8, framealpha=1)
    ax.set_xlim(0, max(values) * 1.6)  # room for the legend right of the shorter bars
    ax.set_xlabel("bits per letter")
    ax.set_title("Bits per letter, by what each number is")
    return ax


def plot_code_panels(p, axes=None, max_bits: float = 7):
    """A distribution with its Huffman codewords, beside each codeword's length vs its surprise.

    The two panels of :func:`helpers.entropy_explorer`.
    """
    if axes is None:
        import matplotlib.pyplot as plt

        axes = plt.subplots(1, 2, figsize=(9, 3.4), layout="constrained")[1]
    ax1, ax2 = axes
    code = huffman_code(p)
    labels = list(p)
    plot_distribution(
        [p[k] for k in labels],
        labels,
        ax=ax1,
        annotate=[code.get(k, "no code") for k in labels],
        title="probabilities and Huffman codewords",
    )
    ax1.set_ylim(0, 1.1)
    plot_code_lengths(p, code, ax=ax2, max_bits=max_bits)
    return axes


def plot_arithmetic_intervals(message, model, ax=None):
    """Arithmetic coding as nested intervals, then the codeword's dyadic interval.

    One row per symbol, each the previous row's chosen piece zoomed to full width
    (MacKay, ITILA ch. 6).
    """
    steps, codeword = arithmetic_intervals(message, model)
    ax = _new_axes(ax, figsize=(9, 0.9 * len(steps) + 1.6))
    symbols = [s for s, q in model.items() if q > 0]
    total = float(sum(model[s] for s in symbols))
    low, high = 0.0, 1.0
    n_rows = len(steps) + 1
    for row, step in enumerate(steps):
        y = n_rows - row
        position = 0.0
        for k, s in enumerate(symbols):
            piece = model[s] / total
            chosen = s == step.symbol
            ax.barh(
                y,
                piece,
                left=position,
                height=0.5,
                color=COLORS[3] if chosen else (COLORS[5] if k % 2 else "#D9D9D9"),
                edgecolor="white",
                lw=0.5,
            )
            if chosen or piece > 0.06:
                ax.text(
                    position + piece / 2,
                    y,
                    str(s),
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if chosen else "black",
                )
            if chosen:
                a, b = position, position + piece
            position += piece
        ax.text(-0.01, y, f"[{low:.6f},\n {high:.6f})", ha="right", va="center", fontsize=7)
        ax.plot([a, 0], [y - 0.25, y - 0.75], color="grey", lw=0.6)  # zoom lines to the next row
        ax.plot([b, 1], [y - 0.25, y - 0.75], color="grey", lw=0.6)
        low, high = step.low, step.high
    # last row: the final interval, and the codeword's dyadic interval inside it
    m = len(codeword)
    k = int(codeword, 2) if m else 0
    d_low, d_high = k / 2**m, (k + 1) / 2**m
    span = high - low
    ax.barh(1, 1.0, height=0.5, color=COLORS[3])
    ax.barh(1, (d_high - d_low) / span, left=(d_low - low) / span, height=0.25, color=COLORS[7])
    ax.text(-0.01, 1, f"[{low:.6f},\n {high:.6f})", ha="right", va="center", fontsize=7)
    ax.text(
        0.5,
        0.55,
        f"codeword {codeword} ({m} bits): its dyadic interval (black) lies inside "
        f"the final one; surprise {-np.log2(span):.2f} bits",
        ha="center",
        va="top",
        fontsize=8,
    )
    ax.set_yticks(
        [1] + [n_rows - r for r in range(len(steps))],
        ["final"] + [f"symbol {r + 1}: {step.symbol!r}" for r, step in enumerate(steps)],
    )
    ax.set_xlim(-0.18, 1.01)
    ax.set_ylim(0.2, n_rows + 0.5)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1], ["low", "", "", "", "high"])
    ax.set_xlabel("position inside the current interval (each row zoomed to full width)")
    ax.set_title(
        f"Arithmetic coding of {''.join(map(str, message))!r}: each symbol keeps its piece of the interval"
    )
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    return ax


def plot_guess_histogram(guesses: dict, ax=None, max_guess: int = 27):
    """How often each guess number occurred, one histogram (steps) per player: what Shannon's bounds are computed from.

    Tries 1 to 15 get a bin each; the rare tries 16 to ``max_guess`` share one wide bin,
    drawn at its fraction *per try* (its total divided by its width), so that every bin's
    area is its fraction of the symbols.
    """
    if not isinstance(guesses, dict) or not guesses:
        raise ValueError("guesses must be a non-empty dict player -> guess numbers")
    ax = _new_axes(ax, figsize=(8, 3.4))
    shown = min(15, max_guess - 1)  # tries 1..15 one by one, then one bin "16 or more"
    edges = np.append(np.arange(0.5, shown + 1.5), max_guess + 0.5)
    widths = np.diff(edges)
    for k, (name, g) in enumerate(guesses.items()):
        g = np.asarray(g)
        counts = np.bincount(g, minlength=max_guess + 1)[1 : max_guess + 1] / g.size
        counts = np.append(counts[:shown], counts[shown:].sum())  # no mass dropped
        ax.stairs(
            counts / widths,
            edges,
            color=COLORS[k % len(COLORS)],
            lw=2,
            label=f"{name} (n = {g.size})",
        )
    ax.set_xlim(0.5, max_guess + 0.5)
    ax.set_xticks([1, 5, 10, 15, max_guess])
    ax.set_xlabel(
        f"guess number (tries until right; {shown + 1} to {max_guess} share one bin, drawn per try)"
    )
    ax.set_ylabel("fraction of symbols per try")
    ax.set_title("Better predictors find more symbols at the first try")
    ax.legend(fontsize=8)
    return ax
