"""Interactive explorers for the notebooks ("Try it" cells).

Each builder returns an :class:`Explorer`: controls on top, a text readout and
a plot below. Moving a control calls a pure drawing function from
:mod:`helpers.plots` (tested on its own) and refreshes both. Kernel-side tests
set ``explorer.controls[name].value`` and read ``explorer.readout.value``.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = [
    "Explorer",
    "surprise_explorer",
    "entropy_explorer",
    "cross_entropy_explorer",
    "likelihood_explorer",
    "training_explorer",
    "LiveTrainingPlot",
]


def _figure(figsize):
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize)
    # Fixed margins instead of a layout engine: constrained layout costs an extra
    # draw (about 50 ms here), and a widget should answer within about 100 ms.
    fig.subplots_adjust(left=0.09, right=0.98, bottom=0.16, top=0.9, wspace=0.3)
    return fig


def _png(fig) -> bytes:
    import io

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    return buf.getvalue()


class Explorer:
    """Controls, a readout and a plot, kept in step.

    Parameters
    ----------
    controls : dict name -> ipywidgets control
    draw : callable(values: dict, fig: Figure) -> str
        Draws on ``fig`` and returns the readout's HTML.
    figsize : tuple
    """

    def __init__(self, controls: dict, draw: Callable, figsize=(6.4, 3.6)):
        import ipywidgets as widgets

        self.controls = controls
        self.draw = draw
        self.figsize = figsize
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

        fig = _figure(self.figsize)
        self.readout.value = self.draw(self.values, fig)
        self.updates += 1
        image = Image(data=_png(fig), format="png")
        with self.out:
            self.out.clear_output(wait=True)
            display(image)

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def surprise_explorer(p: float = 0.1) -> Explorer:
    """A probability slider on the surprise curve: ``p``, ``1/p``, bits and nats together."""
    import ipywidgets as widgets

    from helpers.information import surprise
    from helpers.plots import plot_surprise_curve

    def draw(values, fig):
        p = values["p"]
        plot_surprise_curve(p, ax=fig.add_subplot())
        return (
            f"<b>p = {p:.3f}</b> &nbsp; 1/p = {1 / p:.2f} &nbsp; "
            f"surprise = <b>{surprise(p, base=2):.3f} bits</b> = {surprise(p):.3f} nats"
        )

    slider = widgets.FloatSlider(
        value=p,
        min=0.01,
        max=1.0,
        step=0.01,
        description="p",
        readout_format=".2f",
        continuous_update=False,
    )
    return Explorer({"p": slider}, draw)


def entropy_explorer(weights=(4.0, 2.0, 1.0, 1.0)) -> Explorer:
    """Sliders for 2-5 outcome weights; shows the distribution (weights / their sum),
    its entropy, and the Huffman code lengths, updating together."""
    import ipywidgets as widgets

    from helpers.coding import average_code_length, huffman_code
    from helpers.information import entropy
    from helpers.plots import COLORS, plot_distribution

    labels = "ABCDE"[: len(weights)]

    def draw(values, fig):
        w = [values[k] for k in labels]
        ax = fig.add_subplot()
        if sum(w) == 0:
            ax.set_axis_off()
            return "All weights are 0, so there is no distribution: move a slider up."
        p = [x / sum(w) for x in w]
        code = huffman_code(dict(zip(labels, p, strict=True)))
        lengths = [len(code[k]) if k in code else "-" for k in labels]
        plot_distribution(
            p,
            labels,
            ax=ax,
            color=COLORS[0],
            annotate=[f"{code[k]}" if k in code else "no code" for k in labels],
            title="probabilities (bar) and Huffman codewords (text)",
        )
        ax.set_ylim(0, 1.1)
        h = entropy(p, base=2)
        avg = average_code_length(code, dict(zip(labels, p, strict=True)))
        return (
            f"p = [{', '.join(f'{x:.2f}' for x in p)}] (weights divided by their sum) &nbsp; "
            f"<b>H = {h:.3f} bits</b> &nbsp; Huffman: {avg:.3f} bits/symbol "
            f"(lengths {lengths}) &nbsp; maximum log2({len(labels)}) = {entropy([1 / len(labels)] * len(labels), base=2):.3f} bits"
        )

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
    return Explorer(controls, draw)


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
    from helpers.plots import COLORS

    def draw(values, fig):
        w = np.array([values[f"q{i}"] for i in range(3)])
        if w.sum() == 0:
            fig.add_subplot().set_axis_off()
            return "All weights are 0, so there is no prediction: move a slider up."
        q = w / w.sum()
        p = np.array(TARGETS[values["target"]])
        grad = q - p  # d H(p, softmax(z)) / dz
        ax1, ax2 = fig.subplots(1, 2)
        x = np.arange(3)
        ax1.bar(x - 0.2, p, 0.4, color=COLORS[1], label="target p")
        ax1.bar(x + 0.2, q, 0.4, color=COLORS[0], label="prediction q")
        ax1.set_xticks(x, ["class 0", "class 1", "class 2"])
        ax1.set_ylim(0, 1.05)
        ax1.set_ylabel("probability")
        ax1.set_title("target vs prediction")
        ax1.legend(fontsize=8)
        ax2.bar(x, grad, color=[COLORS[3] if g > 0 else COLORS[2] for g in grad])
        ax2.axhline(0, color="black", lw=0.8)
        ax2.set_xticks(x, ["class 0", "class 1", "class 2"])
        ax2.set_ylim(-1.05, 1.05)
        ax2.set_ylabel("dLoss/dlogit (per example)")
        ax2.set_title("cross-entropy gradient q - p")
        ce = cross_entropy(p, q)
        return (
            f"q = [{', '.join(f'{v:.2f}' for v in q)}] &nbsp; "
            f"H(p) = {entropy(p):.3f} nats &nbsp; <b>H(p, q) = {ce:.3f} nats</b> &nbsp; "
            f"KL(p||q) = {kl_divergence(p, q):.3f} nats &nbsp; MSE = {np.sum((q - p) ** 2):.3f} &nbsp; "
            f"gradient = [{', '.join(f'{g:+.2f}' for g in grad)}]"
        )

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
    return Explorer(controls, draw, figsize=(8, 3.2))


def likelihood_explorer(heads: int = 7, tails: int = 3, theta: float = 0.5) -> Explorer:
    """A θ slider over a coin's likelihood and log-likelihood, with the counts adjustable."""
    import ipywidgets as widgets

    from helpers.plots import plot_likelihood

    def draw(values, fig):
        k, m, t = values["heads"], values["tails"], values["theta"]
        ax1, ax2 = fig.subplots(1, 2)
        lik, ll = plot_likelihood(k, m, theta=t, axes=(ax1, ax2))
        mle = "undefined (no flips)" if k + m == 0 else f"{k / (k + m):.3f}"
        return (
            f"{k} heads, {m} tails &nbsp; θ = {t:.2f}: likelihood = {lik:.3g}, "
            f"<b>log-likelihood = {ll:.3f} nats</b> &nbsp; maximum-likelihood θ = {mle}"
        )

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
    return Explorer(controls, draw, figsize=(9, 3.2))


#: Initialisations offered by :func:`training_explorer`: name -> standard deviation of the weights.
INITS = {"small weights (0.01)": 0.01, "confidently wrong (1.0)": 1.0}


def training_explorer(
    lr: float = 0.1, epochs: int = 20, init: str = "small weights (0.01)"
) -> Explorer:
    """Learning rate, epochs and initialisation -> retrain on the digits with cross-entropy
    and with MSE (same seed, same everything else) and redraw both learning curves."""
    import ipywidgets as widgets

    from helpers.experiments import compare_losses
    from helpers.plots import COLORS, plot_history

    def draw(values, fig):
        axes = fig.subplots(1, 2)
        parts = []
        histories = compare_losses(
            init_scale=INITS[values["init"]], lr=values["lr"], epochs=values["epochs"]
        )
        for (loss, history), color in zip(histories.items(), (COLORS[0], COLORS[3]), strict=True):
            plot_history(history, axes=axes, label=loss, color=color)
            reached = history.epochs_to(0.9)
            parts.append(
                f"{loss}: test accuracy {history.test_accuracy[-1]:.3f}, "
                f"90% at epoch {reached if reached is not None else 'not reached'}"
            )
        axes[0].set_yscale("log")
        return " &nbsp;|&nbsp; ".join(parts)

    controls = {
        "lr": widgets.FloatLogSlider(
            value=lr,
            base=10,
            min=-3,
            max=0,
            step=0.25,
            description="learning rate",
            continuous_update=False,
        ),
        "epochs": widgets.IntSlider(
            value=epochs, min=1, max=60, description="epochs", continuous_update=False
        ),
        "init": widgets.Dropdown(options=list(INITS), value=init, description="init"),
    }
    return Explorer(controls, draw, figsize=(9, 3.4))


class LiveTrainingPlot:
    """A progress bar and learning curves that refresh once per epoch: an ``on_epoch`` for ``train``.

    For a person watching in JupyterLab; stored notebooks leave it out, since its
    output depends on timing. ``h.train(..., epochs=10, on_epoch=h.LiveTrainingPlot(10))``.
    """

    def __init__(self, epochs: int):
        import ipywidgets as widgets
        from IPython.display import display

        self.bar = widgets.IntProgress(min=0, max=epochs, description="epoch 0")
        self.out = widgets.Output()
        display(widgets.VBox([self.bar, self.out]))

    def __call__(self, history) -> None:
        from IPython.display import display
        from matplotlib.figure import Figure

        from helpers.plots import plot_history

        epoch = len(history.loss) - 1
        self.bar.value = epoch
        self.bar.description = f"epoch {epoch}"
        fig = Figure(figsize=(8, 3), layout="constrained")
        plot_history(history, axes=fig.subplots(1, 2))
        with self.out:
            self.out.clear_output(wait=True)
            display(fig)
