"""Interactive explorers for the notebooks ("Try it" cells), and the machinery they share.

Each builder returns an :class:`Explorer`: controls on top, a text readout and
a plot below. The plot is drawn once; moving a control changes only the
artists that move (a marker, bar heights, text) and redraws just those over a
cached picture of the rest ("blitting"), which keeps an update well under 100 ms
where re-rendering the whole figure takes about as long by itself. Kernel-side
tests set ``explorer.controls[name].value`` and read ``explorer.readout.value``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = [
    "Explorer",
    "Frame",
    "surprise_explorer",
    "entropy_explorer",
    "cross_entropy_explorer",
    "likelihood_explorer",
]


@dataclass
class Frame:
    """What one update of an explorer produced.

    ``animated`` are the artists that change with the controls; everything else
    is background. ``redraw=True`` says the background changed too (new curves,
    new axis limits), so the whole figure is rendered again.
    """

    readout: str
    animated: list = field(default_factory=list)
    redraw: bool = False


def _figure(figsize):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, dpi=100)
    FigureCanvasAgg(fig)
    # Fixed margins instead of a layout engine: constrained layout costs an extra draw.
    fig.subplots_adjust(left=0.09, right=0.98, bottom=0.16, top=0.9, wspace=0.3)
    return fig


def _png(rgba) -> bytes:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(rgba, "RGBA").save(buf, format="png", compress_level=1)
    return buf.getvalue()


class Explorer:
    """Controls, a readout and a plot, kept in step.

    Parameters
    ----------
    controls : dict name -> ipywidgets control
    build : callable(fig) -> callable(values: dict) -> Frame
        Draws the figure's static parts once, and returns the function that
        updates it for the controls' values.
    figsize : tuple
    """

    def __init__(self, controls: dict, build: Callable, figsize=(6.4, 3.6)):
        import ipywidgets as widgets

        self.controls = controls
        self.figure = _figure(figsize)
        self._frame = build(self.figure)
        self._background = None
        self.readout = widgets.HTML()
        self.out = widgets.Output()
        self.updates = 0
        for control in controls.values():
            control.style.description_width = "initial"  # show "learning rate", not "learning r..."
            control.observe(self.update, names="value")
        row = widgets.HBox(list(controls.values()), layout=widgets.Layout(flex_flow="row wrap"))
        self.widget = widgets.VBox([row, self.readout, self.out])
        self.update()

    @property
    def values(self) -> dict:
        return {name: c.value for name, c in self.controls.items()}

    def update(self, change=None) -> None:
        """Recompute and redraw from the controls' current values."""
        from IPython.display import Image, display

        frame = self._frame(self.values)
        self.readout.value = frame.readout
        self.updates += 1
        image = Image(data=self.render(frame), format="png")
        with self.out:
            self.out.clear_output(wait=True)
            display(image)

    def render(self, frame: Frame) -> bytes:
        """The figure as PNG bytes: the cached background plus the frame's animated artists."""
        import numpy as np

        canvas = self.figure.canvas
        for artist in frame.animated:
            artist.set_animated(True)  # left out of the background, drawn on top below
        if frame.redraw or self._background is None:
            canvas.draw()
            self._background = canvas.copy_from_bbox(self.figure.bbox)
        else:
            canvas.restore_region(self._background)
        for artist in frame.animated:
            self.figure.draw_artist(artist)
        return _png(np.asarray(canvas.buffer_rgba()))

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def _replace(old: list, new: list) -> list:
    for artist in old:
        artist.remove()
    return new


def surprise_explorer(p: float = 0.125) -> Explorer:
    """A slider that halves ``p`` at each step: the surprise (bits and nats), ``1/p`` beside it,
    and the bits an arithmetic code actually spends on ten such events in a row."""
    import math

    import ipywidgets as widgets

    from helpers.arithmetic_coding import arithmetic_encode
    from helpers.information import surprise
    from helpers.plots import mark_surprise, plot_surprise_curve

    def build(fig):
        axes = fig.subplots(1, 2)
        plot_surprise_curve(axes=axes)
        marks = []

        def frame(values):
            nonlocal marks
            p = values["p"]
            marks = _replace(marks, mark_surprise(axes, p))
            bits_each = float(surprise(p, base=2))
            message = arithmetic_encode(["event"] * 10, {"event": p, "anything else": 1 - p})
            readout = (
                f"<b>p = 2<sup>{math.log2(p):g}</sup> = {p:.4g}</b> &nbsp; 1/p = {1 / p:,.4g} "
                f"&nbsp; surprise = <b>{bits_each:.3f} bits</b> = {float(surprise(p)):.3f} nats"
                f"<br>Ten such events in a row, arithmetic-coded: {len(message)} bits "
                f"(10 × {bits_each:.3f} = {10 * bits_each:.2f} bits of surprise, + at most 2): "
                f'<code style="word-break: break-all">{message}</code>'
            )
            return Frame(readout, marks)

        return frame

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
    return Explorer({"p": slider}, build, figsize=(9, 3.4))


def entropy_explorer(weights=(4.0, 2.0, 1.0, 1.0)) -> Explorer:
    """Sliders for 2-5 outcome weights: the distribution with its Huffman codewords, and each
    codeword's length against its surprise; the readout gives H, the code's average L and L - H."""
    import ipywidgets as widgets
    import numpy as np

    from helpers.coding import average_code_length, huffman_code
    from helpers.information import entropy, surprise
    from helpers.plots import COLORS, plot_code_lengths, plot_distribution

    labels = "ABCDE"[: len(weights)]
    h_max = entropy([1 / len(labels)] * len(labels), base=2)
    uniform = [1 / len(labels)] * len(labels)

    def build(fig):
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
        plot_code_lengths(start, huffman_code(start), ax=ax2, max_bits=7)
        points, names = ax2.lines[1], list(ax2.texts)
        bars, words = list(ax1.patches), list(ax1.texts)
        moving = bars + words + [points] + names

        def frame(values):
            w = np.array([values[k] for k in labels])
            if w.sum() == 0:
                for artist in bars:
                    artist.set_height(0)
                for text in words + names:
                    text.set_text("")
                points.set_data([], [])
                message = "All weights are 0, so there is no distribution: move a slider up."
                return Frame(message, moving)
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
            points.set_data(xs, ys)
            h = float(entropy(list(p.values()), base=2))
            avg = average_code_length(code, p)
            readout = (
                f"p = [{', '.join(f'{x:.2f}' for x in p.values())}] (weights divided by their sum) "
                f"&nbsp; <b>H = {h:.3f} bits</b> &nbsp; Huffman: L = {avg:.3f} bits/symbol &nbsp; "
                f"<b>L - H = {avg - h:.3f} bits</b> &nbsp; maximum log2({len(labels)}) = {h_max:.3f} bits"
            )
            return Frame(readout, moving)

        return frame

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
    return Explorer(controls, build, figsize=(9, 3.4))


#: Targets offered by :func:`cross_entropy_explorer`: one-hot labels and one soft target.
TARGETS = {
    "label: class 0": (1.0, 0.0, 0.0),
    "label: class 1": (0.0, 1.0, 0.0),
    "label: class 2": (0.0, 0.0, 1.0),
    "soft: [0.1, 0.1, 0.8]": (0.1, 0.1, 0.8),
}


def cross_entropy_explorer(weights=(6.0, 2.0, 2.0), target="label: class 2") -> Explorer:
    """A 3-class prediction (sliders, renormalised) against a label or soft target:
    H(p), H(p, q), KL(p||q), MSE and the gradient q - p, updating together."""
    import ipywidgets as widgets
    import numpy as np

    from helpers.information import cross_entropy, entropy, kl_divergence
    from helpers.plots import draw_cross_entropy_target, set_cross_entropy_target

    def build(fig):
        bars = draw_cross_entropy_target(fig.subplots(1, 2))
        moving = bars["p"] + bars["q"] + bars["gradient"] + bars["step"]

        def frame(values):
            w = np.array([values[f"q{i}"] for i in range(3)])
            p = np.array(TARGETS[values["target"]])
            if w.sum() == 0:
                for bar in bars["q"] + bars["gradient"] + bars["step"]:
                    bar.set_height(0)
                message = "All weights are 0, so there is no prediction: move a slider up."
                return Frame(message, moving)
            q = w / w.sum()
            grad = set_cross_entropy_target(bars, p, q)
            readout = (
                f"q = [{', '.join(f'{v:.2f}' for v in q)}] &nbsp; "
                f"H(p) = {entropy(p):.3f} nats &nbsp; <b>H(p, q) = {cross_entropy(p, q):.3f} nats</b> "
                f"&nbsp; KL(p||q) = {kl_divergence(p, q):.3f} nats &nbsp; "
                f"MSE = {np.sum((q - p) ** 2):.3f} &nbsp; "
                f"gradient = [{', '.join(f'{g:+.2f}' for g in grad)}]"
            )
            return Frame(readout, moving)

        return frame

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
    return Explorer(controls, build, figsize=(9, 3.4))


def likelihood_explorer(heads: int = 7, tails: int = 3, theta: float = 0.5) -> Explorer:
    """A θ slider over a coin's likelihood and log-likelihood, with the counts adjustable.

    Moving θ moves two markers; changing the counts draws new curves.
    """
    import ipywidgets as widgets

    from helpers.plots import mark_likelihood, plot_likelihood

    def build(fig):
        axes = fig.subplots(1, 2)
        fig.subplots_adjust(bottom=0.3)  # room for plot_likelihood's legends, below the panels
        drawn_for, marks = None, []

        def frame(values):
            nonlocal drawn_for, marks
            k, m, t = values["heads"], values["tails"], values["theta"]
            redraw = drawn_for != (k, m)
            if redraw:
                marks = []
                for ax in axes:
                    ax.cla()
                plot_likelihood(k, m, axes=axes)
                drawn_for = (k, m)
            lik, ll, new_marks = mark_likelihood(axes, t, k, m)
            marks = _replace(marks, new_marks)
            mle = "undefined (no flips)" if k + m == 0 else f"{k / (k + m):.3f}"
            readout = (
                f"{k} heads, {m} tails &nbsp; θ = {t:.2f}: likelihood = {lik:.3g}, "
                f"<b>log-likelihood = {ll:.3f} nats</b> &nbsp; maximum-likelihood θ = {mle}"
            )
            return Frame(readout, marks, redraw=redraw)

        return frame

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
    return Explorer(controls, build, figsize=(9, 4.0))
