"""Plotting helpers: each takes ``ax=None`` and returns the ``Axes`` it drew on.

Colours are the Okabe-Ito palette (safe for colour-blind readers); nothing here
touches ``rcParams``. Axes are labelled with their units.
"""

from __future__ import annotations

import numpy as np

from helpers._figures import new_axes as _new_axes
from helpers.information import bernoulli_log_likelihood, entropy, surprise

__all__ = [
    "COLORS",
    "plot_surprise_curve",
    "plot_distribution",
    "plot_binary_entropy",
    "plot_likelihood",
    "mark_likelihood",
    "mark_surprise",
    "plot_history",
    "plot_loss_comparison",
    "plot_code_lengths",
]

#: Okabe-Ito colours, in the order the plots use them.
COLORS = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]


def plot_surprise_curve(p=None, axes=None, p_min: float = 1e-6):
    """Surprise against ``p`` on a log-p axis, beside ``1/p`` on a linear axis.

    On a logarithmic p axis the surprise is a straight line: every halving of ``p``
    is one step to the left and adds exactly one bit, without bound as ``p`` shrinks.
    ``1/p``, often mistaken for surprise, is drawn on a *linear* axis against the same
    log-p axis, with dots at the halvings ``p = 1, 1/2, 1/4, ...``: it doubles at each,
    flat for most of the range and then exploding. With ``p`` given, its values are
    marked (:func:`mark_surprise`). Returns the two axes.
    """
    if axes is None:
        import matplotlib.pyplot as plt

        axes = plt.subplots(1, 2, figsize=(9, 3.4), layout="constrained")[1]
    ax1, ax2 = axes
    grid = np.logspace(np.log10(p_min), 0, 400)
    halvings = 2.0 ** -np.arange(0, int(np.floor(-np.log2(p_min))) + 1)
    ax1.plot(grid, surprise(grid, base=2), color=COLORS[0], lw=2, label=r"$-\log_2 p$ (bits)")
    ax1.plot(grid, surprise(grid), color=COLORS[2], lw=2, ls="--", label=r"$-\ln p$ (nats)")
    ax1.plot(
        halvings, surprise(halvings, base=2), ".", color=COLORS[0], ms=5, label="halvings of p"
    )
    ax1.set_xscale("log")
    ax1.set_xlim(p_min, 1)
    ax1.set_ylim(0, float(surprise(p_min, base=2)) * 1.05)
    ax1.set_xlabel("probability p of the event (log scale)")
    ax1.set_ylabel("surprise (bits or nats)")
    ax1.set_title("Each halving of p adds one bit, without bound")
    ax1.legend(loc="upper right", fontsize=8)
    ax2.plot(grid, 1 / grid, color=COLORS[3], lw=2, label="1/p")
    ax2.plot(halvings, 1 / halvings, ".", color=COLORS[3], ms=5, label="halvings of p")
    ax2.set_xscale("log")
    ax2.set_xlim(p_min, 1)
    ax2.set_ylim(0, 1.05 / p_min)
    ax2.set_xlabel("probability p of the event (log scale)")
    ax2.yaxis.set_major_formatter(lambda value, _pos: f"{value:,.0f}")
    ax2.set_ylabel("1/p (no unit, linear scale)")
    ax2.set_title("1/p doubles at each halving: it explodes")
    ax2.legend(loc="upper right", fontsize=8)
    # inset: p from 1/64 to 1, where the main panel's 1/p lies on the floor, doubles there too
    inset = ax2.inset_axes([0.38, 0.3, 0.34, 0.4])
    near = grid[grid >= 1 / 64]
    inset.plot(near, 1 / near, color=COLORS[3], lw=1.5)
    inset.plot(halvings[:7], 1 / halvings[:7], ".", color=COLORS[3], ms=5)
    inset.set_xscale("log")
    inset.set_xlim(1 / 64, 1)
    inset.set_ylim(0, 68)
    inset.set_xticks([1 / 64, 1 / 8, 1], ["1/64", "1/8", "1"])
    inset.set_yticks([0, 8, 32, 64])
    inset.tick_params(labelsize=7)
    inset.set_title("zoom: p from 1/64 to 1", fontsize=7)
    if p is not None:
        mark_surprise(axes, p)
        if p >= 1 / 64:
            inset.plot([p], [1 / p], "o", color=COLORS[3])
    return axes


def mark_surprise(axes, p: float) -> list:
    """Mark ``-log2 p``, ``-ln p`` and ``1/p`` at ``p`` on :func:`plot_surprise_curve`'s axes.

    Returns the artists, so a widget can remove them and mark another ``p``.
    """
    ax1, ax2 = axes
    artists = [ax.axvline(p, color="grey", lw=0.8) for ax in axes]
    artists += ax1.plot([p], [surprise(p, base=2)], "o", color=COLORS[0])
    artists += ax1.plot([p], [surprise(p)], "o", color=COLORS[2])
    artists += ax2.plot([p], [1 / p], "o", color=COLORS[3])
    return artists


def plot_distribution(
    p,
    labels,
    ax=None,
    title=None,
    ylabel="probability",
    xlabel="outcome",
    color=None,
    annotate=None,
):
    """A bar chart of a distribution; ``annotate`` puts one text above each bar."""
    ax = _new_axes(ax)
    x = np.arange(len(labels))
    ax.bar(x, p, color=color or COLORS[0])
    ax.set_xticks(x, labels)
    ax.set_ylabel(ylabel)
    ax.set_xlabel(xlabel)
    if annotate is not None:
        ax.set_ylim(0, max(p) * 1.15)  # room for the text above the tallest bar
        for xi, yi, text in zip(x, p, annotate, strict=True):
            ax.annotate(
                str(text),
                (xi, yi),
                ha="center",
                va="bottom",
                fontsize=8,
                xytext=(0, 2),
                textcoords="offset points",
            )
    if title:
        ax.set_title(title)
    return ax


def plot_binary_entropy(p=None, ax=None):
    """The entropy of a coin with P(heads) = p, in bits: maximal (1 bit) at p = 0.5."""
    ax = _new_axes(ax)
    grid = np.linspace(0, 1, 401)
    h = entropy(np.stack([grid, 1 - grid], axis=-1), base=2)
    ax.plot(grid, h, color=COLORS[0], lw=2)
    if p is not None:
        hp = entropy([p, 1 - p], base=2)
        ax.plot([p], [hp], "o", color=COLORS[3])
        ax.annotate(  # above and to the left of the point, clear of the curve
            f"H = {hp:.3f} bits", (p, hp), xytext=(-12, 14), textcoords="offset points", ha="right"
        )
    ax.set_xlabel("P(heads)")
    ax.set_ylabel("entropy H (bits)")
    ax.set_ylim(0, 1.05)
    ax.set_title("A coin is most uncertain when fair: 1 bit at p = 0.5")
    return ax


def _likelihood_legend(ax) -> None:
    """Below the panel: the θ mark moves, and must never cross a legend drawn inside."""
    unique = dict(
        zip(*reversed(ax.get_legend_handles_labels()), strict=True)
    )  # label -> newest handle
    ax.legend(
        unique.values(),
        unique.keys(),
        fontsize=8,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.2),
        ncol=2,
        frameon=False,
    )


def plot_likelihood(heads: int, tails: int, theta=None, axes=None):
    """Likelihood and log-likelihood of a coin's ``theta`` after the given flips, side by side.

    Returns ``(likelihood, log_likelihood)`` at ``theta`` (or ``None`` without one).
    Both curves peak at the same place, ``heads / (heads + tails)``: log is monotonic.
    """
    if axes is None:
        import matplotlib.pyplot as plt

        axes = plt.subplots(1, 2, figsize=(9, 3.2), layout="constrained")[1]
    ax1, ax2 = axes
    grid = np.linspace(0, 1, 401)
    ll = bernoulli_log_likelihood(grid, heads, tails)
    ax1.plot(grid, np.exp(ll), color=COLORS[0], lw=2, label="likelihood")
    ax1.set_xlabel("θ = P(heads)")
    ax1.set_ylabel("likelihood P(data | θ)")
    ax1.set_title(f"Likelihood, {heads} heads and {tails} tails")
    ax2.plot(grid, ll, color=COLORS[2], lw=2, label="log-likelihood")
    finite = ll[np.isfinite(ll)]
    ax2.set_ylim(
        max(finite.min(), finite.max() - 30) if finite.size else -1,
        (finite.max() if finite.size else 0) + 1,
    )
    ax2.set_xlabel("θ = P(heads)")
    ax2.set_ylabel("log-likelihood (nats)")
    ax2.set_title("Log-likelihood: same peak")
    if heads + tails:
        for ax in axes:
            ax.axvline(
                heads / (heads + tails),
                color=COLORS[3],
                ls="--",
                lw=1,
                label=f"maximum at k/n = {heads / (heads + tails):.2f}",
            )
    for ax in axes:
        _likelihood_legend(ax)
    if theta is None:
        return None
    likelihood, log_likelihood, _ = mark_likelihood(axes, theta, heads, tails)
    return likelihood, log_likelihood


def mark_likelihood(axes, theta: float, heads: int, tails: int):
    """Mark ``theta`` on :func:`plot_likelihood`'s two axes.

    Returns ``(likelihood, log_likelihood, artists)``; the artists can be removed
    to mark another ``theta``.
    """
    at = float(bernoulli_log_likelihood(theta, heads, tails))
    artists = []
    for ax, value in zip(axes, (np.exp(at), at), strict=True):
        artists.append(ax.axvline(theta, color="grey", lw=0.8))
        if np.isfinite(value):
            artists += ax.plot(
                [theta], [value], "o", color=COLORS[1], label="the θ marked, and its value"
            )
        _likelihood_legend(ax)  # now naming the mark too
    return float(np.exp(at)), at, artists


def plot_history(history, axes=None, label: str = "", color=None):
    """Learning curves of a :class:`~helpers.training.History`: loss and error rate per epoch.

    The loss axis names its unit (nats for cross-entropy; MSE has none), so never put
    two histories with different losses on one ``axes[0]``: give each its own. For
    cross-entropy the validation loss is drawn beside the training loss (same unit).
    The second panel is the error rate, ``1 - accuracy``, on a log axis: a 0-1 accuracy
    axis hides the gap between 99% and 96%, which is a factor of four in errors.
    """
    if axes is None:
        import matplotlib.pyplot as plt

        axes = plt.subplots(1, 2, figsize=(9, 3.2), layout="constrained")[1]
    ax1, ax2 = axes
    epochs = np.arange(len(history.loss))
    color = color or COLORS[0]
    prefix = f"{label}: " if label else ""
    ax1.plot(epochs, history.loss, color=color, lw=1.5, ls="--", label=f"{prefix}training")
    if history.loss_name == "cross_entropy":
        ax1.plot(epochs, history.validation_loss, color=color, lw=2, label=f"{prefix}validation")
    ax1.set_xlabel("epoch")
    unit = "nats" if history.loss_name == "cross_entropy" else "MSE, no unit"
    ax1.set_ylabel(f"mean loss ({unit})")
    ax1.set_title("Cross-entropy" if history.loss_name == "cross_entropy" else "MSE (training)")
    with np.errstate(divide="ignore"):
        for values, ls, lw, part in (
            (history.train_accuracy, "--", 1.5, "training"),
            (history.validation_accuracy, "-", 2, "validation"),
        ):
            error = 100 * (1 - np.asarray(values))
            ax2.plot(epochs, np.where(error > 0, error, np.nan), color=color, lw=lw, ls=ls,
                     label=f"{prefix}{part}")  # fmt: skip
    ax2.set_yscale("log")
    ax2.set_xlabel("epoch")
    ax2.set_ylabel("error rate (%, log scale)")
    ax2.set_title("Errors (1 - accuracy)")
    for ax in axes:
        ax.legend(fontsize=8)
    return axes


#: How the figures name the losses (the code names are "cross_entropy" and "mse").
LOSS_TITLES = {"cross_entropy": "cross-entropy", "mse": "MSE"}


def plot_loss_comparison(histories, lrs, axes=None):
    """Cross-entropy and MSE trained side by side: a loss panel each, then both error rates.

    ``histories`` and ``lrs`` map ``"cross_entropy"`` and ``"mse"`` to a
    :class:`~helpers.training.History` and its learning rate (as
    :func:`helpers.compare_losses` returns and takes). The two losses never share an axis
    (nats and no unit); their error rates do. The picture of notebook 05's training
    widget, which draws it on every update. Returns the three axes.
    """
    if axes is None:
        import matplotlib.pyplot as plt

        axes = plt.subplots(1, 3, figsize=(12, 3.4), layout="constrained")[1]
    for (loss, history), color, ax in zip(
        histories.items(), (COLORS[0], COLORS[3]), axes[:2], strict=True
    ):
        name = LOSS_TITLES[loss]
        plot_history(history, axes=(ax, axes[2]), label=name, color=color)
        ax.set_yscale("log")
        ax.set_title(f"{name}, lr {lrs[loss]:.3g}")
    axes[2].set_title("Errors of both, per epoch")
    return axes


def plot_code_lengths(
    p, code, labels=None, ax=None, max_bits: float | None = None, group_labels: bool = True
):
    """Each symbol's codeword length against its surprise, with the line length = surprise.

    ``p`` and ``code`` are mappings symbol -> probability and symbol -> codeword. A
    Huffman code keeps every point within about a bit of the line: the codeword
    length is the surprise, rounded to a whole number of bits (roughly: not always
    to the nearest integer).

    With ``group_labels`` (the default) neighbouring symbols at one length share a label,
    so none overlap; without it each symbol gets its own text, in order (for a widget).
    """
    ax = _new_axes(ax)
    symbols = [s for s in p if p[s] > 0 and s in code]
    x = np.array([float(surprise(p[s], base=2)) for s in symbols])
    y = np.array([len(code[s]) for s in symbols])
    top = max_bits if max_bits is not None else max(x.max(), y.max()) + 1
    ax.plot([0, top], [0, top], color="grey", lw=1, ls="--", label="length = surprise")
    ax.plot(x, y, "o", color=COLORS[0], label="a symbol")
    names = [str(s) for s in (labels or symbols)]
    if not group_labels:  # one text per symbol, in order (a widget moves them one by one)
        for name, xi, yi in zip(names, x, y, strict=True):
            ax.annotate(name, (xi, yi), xytext=(3, 3), textcoords="offset points", fontsize=8)
        return _code_length_axes(ax, top)
    # neighbours at the same length (surprises within 0.6 bits) share one label, "m n", set
    # beside the group on the side away from the line length = surprise: to the right of a
    # group below the line (surprise > length), to the left of one above it, so no label
    # sits on the line, a mark or another row's label
    for length in np.unique(y):
        at = sorted(np.flatnonzero(y == length), key=lambda i: x[i])
        groups = [[at[0]]] if at else []
        for i in at[1:]:
            if x[i] - x[groups[-1][-1]] < 0.6:
                groups[-1].append(i)
            else:
                groups.append([i])
        for group in groups:
            right = float(np.mean(x[group])) >= length
            ax.annotate(
                " ".join(names[i] for i in group),
                (float(x[group[-1]] if right else x[group[0]]), float(length)),
                xytext=(6, 0) if right else (-6, 0),
                textcoords="offset points",
                fontsize=8,
                ha="left" if right else "right",
                va="center",
            )
    return _code_length_axes(ax, top)


def _code_length_axes(ax, top):
    ax.set_xlim(0, top)
    ax.set_ylim(0, top)
    ax.set_xlabel("surprise -log2 p (bits)")
    ax.set_ylabel("codeword length (bits)")
    ax.set_title("Codeword length tracks surprise")
    ax.legend(loc="upper left", fontsize=8)
    return ax
