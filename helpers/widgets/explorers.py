"""Interactive explorers for the notebooks ("Try it" cells).

Each builder returns an :class:`~helpers.widgets.blitting.Explorer` subclass:
controls on top, a text readout and a plot below; the subclass draws the static
parts once (``draw``) and says what each change of the controls moves (``frame``).
Kernel-side tests set ``explorer.controls[name].value`` and read
``explorer.readout.value``.
"""

from __future__ import annotations

import math

import numpy as np

from helpers.arithmetic_coding import arithmetic_encode
from helpers.coding import average_code_length, code_redundancy, huffman_code
from helpers.information import cross_entropy, entropy, kl_divergence, surprise
from helpers.loss_plots import draw_cross_entropy_target, set_cross_entropy_target
from helpers.plots import (
    COLORS,
    mark_likelihood,
    mark_surprise,
    plot_code_lengths,
    plot_distribution,
    plot_likelihood,
    plot_surprise_curve,
)
from helpers.widgets.blitting import Explorer, Frame

__all__ = [
    "surprise_explorer",
    "entropy_explorer",
    "cross_entropy_explorer",
    "likelihood_explorer",
]


def _replace(old: list, new: list) -> list:
    for artist in old:
        artist.remove()
    return new


def surprise_explorer(p: float = 0.125) -> Explorer:
    """A slider that halves ``p`` at each step, with the surprise of an event of probability ``p``.

    Shows the surprise (bits and nats), ``1/p`` beside it, and the bits an
    arithmetic code actually spends on ten such events in a row.
    """
    import ipywidgets as widgets

    slider = widgets.FloatLogSlider(
        value=p,
        base=2,
        min=-19.5,
        max=0,
        step=0.5,
        description="p",
        readout_format=".4g",
        continuous_update=False,
    )
    return SurpriseExplorer({"p": slider}, figsize=(9, 3.4))


class SurpriseExplorer(Explorer):
    """The explorer of :func:`surprise_explorer`: surprise curves, a marker at ``p``."""

    def draw(self, fig):
        """Both surprise curves (bits, and 1/p), once."""
        self.axes = fig.subplots(1, 2)
        plot_surprise_curve(axes=self.axes)
        self.marks = []

    def frame(self, values):
        """Move the markers to ``p``; code ten events of probability ``p``."""
        p = values["p"]
        self.marks = _replace(self.marks, mark_surprise(self.axes, p))
        bits_each = float(surprise(p, base=2))
        message = arithmetic_encode(["event"] * 10, {"event": p, "anything else": 1 - p})
        readout = (
            f"<b>p = 2<sup>{math.log2(p):g}</sup> = {p:.4g}</b> &nbsp; 1/p = {1 / p:,.4g} "
            f"&nbsp; surprise = <b>{bits_each:.3f} bits</b> = {float(surprise(p)):.3f} nats"
            f"<br>Ten such events in a row, arithmetic-coded: {len(message)} bits "
            f"(10 × {bits_each:.3f} = {10 * bits_each:.2f} bits of surprise, + at most 2): "
            f'<code style="word-break: break-all">{message}</code>'
        )
        return Frame(readout, self.marks)


def entropy_explorer(weights=(4.0, 2.0, 1.0, 1.0)) -> Explorer:
    """Sliders for 2-5 outcome weights: a distribution, its Huffman code and its entropy.

    The distribution with its Huffman codewords, and each
    codeword's length against its surprise; the readout gives H, the code's average L and L - H.
    """
    import ipywidgets as widgets

    labels = "ABCDE"[: len(weights)]
    controls = {
        k: widgets.FloatSlider(
            value=v,
            min=0.0,
            max=10.0,
            step=0.5,
            description=k,
            continuous_update=False,
            layout=widgets.Layout(width="300px"),
        )
        for k, v in zip(labels, weights, strict=True)
    }
    return EntropyExplorer(controls, figsize=(9, 3.4))


class EntropyExplorer(Explorer):
    """The explorer of :func:`entropy_explorer`: bars with codewords, lengths vs surprise."""

    def draw(self, fig):
        """Bars and codeword-length axes for the uniform distribution, once."""
        self.labels = labels = list(self.controls)
        uniform = [1 / len(labels)] * len(labels)
        self.h_max = entropy(uniform, base=2)
        ax1, ax2 = fig.subplots(1, 2)
        plot_distribution(
            uniform,
            labels,
            ax=ax1,
            color=COLORS[0],
            annotate=[""] * len(labels),
            title="probabilities and Huffman codewords",
        )
        ax1.set_ylim(0, 1.1)
        # Slider weights run from 0.5 to 10, so no surprise exceeds log2(81): 7 bits fit.
        start = dict(zip(labels, uniform, strict=True))
        plot_code_lengths(start, huffman_code(start), ax=ax2, max_bits=7, group_labels=False)
        self.points, self.names = ax2.lines[1], list(ax2.texts)
        self.bars, self.words = list(ax1.patches), list(ax1.texts)
        self.moving = self.bars + self.words + [self.points] + self.names

    def frame(self, values):
        """Normalise the weights, build their Huffman code, move bars, words and points."""
        labels, bars, words, names = self.labels, self.bars, self.words, self.names
        w = np.array([values[k] for k in labels])
        if w.sum() == 0:
            for artist in bars:
                artist.set_height(0)
            for text in words + names:
                text.set_text("")
            self.points.set_data([], [])
            message = "All weights are 0, so there is no distribution: move a slider up."
            return Frame(message, self.moving)
        p = dict(zip(labels, w / w.sum(), strict=True))
        code = huffman_code(p)
        xs, ys = [], []
        for bar, word, name, k in zip(bars, words, names, labels, strict=True):
            bar.set_height(p[k])
            word.set_text(code.get(k, "no code"))
            word.xy = (bar.get_x() + bar.get_width() / 2, p[k])
            if k in code:
                xs.append(float(surprise(p[k], base=2)))
                ys.append(len(code[k]))
                name.set_text(k)
                name.xy = (xs[-1], ys[-1])
            else:
                name.set_text("")
        self.points.set_data(xs, ys)
        shown: dict = {}  # symbols at the same point share one label, as in plot_code_lengths
        for name in names:
            if name.get_text():
                key = (round(name.xy[0], 9), name.xy[1])
                if key in shown:
                    shown[key].set_text(shown[key].get_text() + ", " + name.get_text())
                    name.set_text("")
                else:
                    shown[key] = name
        h = float(entropy(list(p.values()), base=2))
        avg = average_code_length(code, p)
        kl, slack = code_redundancy(p, {k: len(w) for k, w in code.items()})
        readout = (
            f"p = [{', '.join(f'{x:.2f}' for x in p.values())}] (weights divided by their sum) "
            f"&nbsp; <b>H = {h:.3f} bits</b> &nbsp; Huffman: L = {avg:.3f} bits/symbol &nbsp; "
            f"<b>L - H = {avg - h:.3f} bits</b> = KL {kl:.3f} + log2(1/Z) {slack:.3f} &nbsp; "
            f"maximum log2({len(labels)}) = {self.h_max:.3f} bits"
        )
        return Frame(readout, self.moving)


#: Targets offered by :func:`cross_entropy_explorer`: one-hot labels and one soft target.
TARGETS = {
    "label: class 0": (1.0, 0.0, 0.0),
    "label: class 1": (0.0, 1.0, 0.0),
    "label: class 2": (0.0, 0.0, 1.0),
    "soft: [0.1, 0.1, 0.8]": (0.1, 0.1, 0.8),
}


def cross_entropy_explorer(weights=(6.0, 2.0, 2.0), target="label: class 2") -> Explorer:
    """A 3-class prediction against a label or soft target: cross-entropy = entropy + KL.

    A 3-class prediction (sliders, renormalised) against a label or soft target:
    H(p), H(p, q), KL(p||q), MSE and the gradient q - p, updating together.
    """
    import ipywidgets as widgets

    controls = {
        f"q{i}": widgets.FloatSlider(
            value=v,
            min=0.0,
            max=10.0,
            step=0.5,
            description=f"class {i}",
            continuous_update=False,
            layout=widgets.Layout(width="300px"),
        )
        for i, v in enumerate(weights)
    }
    controls["target"] = widgets.Dropdown(options=list(TARGETS), value=target, description="target")
    return CrossEntropyExplorer(controls, figsize=(9, 3.4))


class CrossEntropyExplorer(Explorer):
    """The explorer of :func:`cross_entropy_explorer`: target and prediction bars, the gradient."""

    def draw(self, fig):
        """The two panels of :func:`~helpers.loss_plots.draw_cross_entropy_target`, once."""
        self.bars = draw_cross_entropy_target(fig.subplots(1, 2))
        bars = self.bars
        self.moving = bars["p"] + bars["q"] + bars["gradient"] + bars["step"]

    def frame(self, values):
        """Set the bars to p, the normalised q and q - p; the readout gives the measures."""
        w = np.array([values[f"q{i}"] for i in range(3)])
        p = np.array(TARGETS[values["target"]])
        if w.sum() == 0:
            for bar in self.bars["q"] + self.bars["gradient"] + self.bars["step"]:
                bar.set_height(0)
            message = "All weights are 0, so there is no prediction: move a slider up."
            return Frame(message, self.moving)
        q = w / w.sum()
        grad = set_cross_entropy_target(self.bars, p, q)
        readout = (
            f"q = [{', '.join(f'{v:.2f}' for v in q)}] &nbsp; "
            f"H(p) = {entropy(p):.3f} nats &nbsp; <b>H(p, q) = {cross_entropy(p, q):.3f} nats</b> "
            f"&nbsp; KL(p||q) = {kl_divergence(p, q):.3f} nats &nbsp; "
            f"MSE = {np.sum((q - p) ** 2):.3f} &nbsp; "
            f"gradient = [{', '.join(f'{g:+.2f}' for g in grad)}]"
        )
        return Frame(readout, self.moving)


def likelihood_explorer(heads: int = 7, tails: int = 3, theta: float = 0.5) -> Explorer:
    """A θ slider over a coin's likelihood and log-likelihood, with the counts adjustable.

    Moving θ moves two markers; changing the counts draws new curves.
    """
    import ipywidgets as widgets

    controls = {
        "theta": widgets.FloatSlider(
            value=theta, min=0.0, max=1.0, step=0.01, description="θ", continuous_update=False
        ),
        "heads": widgets.IntSlider(
            value=heads, min=0, max=50, description="heads", continuous_update=False
        ),
        "tails": widgets.IntSlider(
            value=tails, min=0, max=50, description="tails", continuous_update=False
        ),
    }
    return LikelihoodExplorer(controls, figsize=(9, 4.0))


class LikelihoodExplorer(Explorer):
    """The explorer of :func:`likelihood_explorer`: curves for the counts, markers at θ."""

    def draw(self, fig):
        """Two empty axes; the curves are drawn by the first frame, for its counts."""
        self.axes = fig.subplots(1, 2)
        fig.subplots_adjust(bottom=0.3)  # room for plot_likelihood's legends, below the panels
        self.drawn_for, self.marks = None, []

    def frame(self, values):
        """New curves when the counts changed; the markers always move to θ."""
        k, m, t = values["heads"], values["tails"], values["theta"]
        redraw = self.drawn_for != (k, m)
        if redraw:
            self.marks = []
            for ax in self.axes:
                ax.cla()
            plot_likelihood(k, m, axes=self.axes)
            self.drawn_for = (k, m)
        lik, ll, new_marks = mark_likelihood(self.axes, t, k, m)
        self.marks = _replace(self.marks, new_marks)
        mle = "undefined (no flips)" if k + m == 0 else f"{k / (k + m):.3f}"
        readout = (
            f"{k} heads, {m} tails &nbsp; θ = {t:.2f}: likelihood = {lik:.3g}, "
            f"<b>log-likelihood = {ll:.3f} nats</b> &nbsp; maximum-likelihood θ = {mle}"
        )
        return Frame(readout, self.marks, redraw=redraw)
