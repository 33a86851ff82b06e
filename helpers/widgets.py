"""Interactive explorers for the notebooks ("Try it" cells).

Each builder returns an :class:`Explorer`: controls on top, a text readout and
a plot below. Moving a control calls a pure drawing function from
:mod:`helpers.plots` (tested on its own) and refreshes both. Kernel-side tests
set ``explorer.controls[name].value`` and read ``explorer.readout.value``.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["Explorer", "surprise_explorer", "entropy_explorer"]


def _figure(figsize):
    from matplotlib.figure import Figure

    return Figure(figsize=figsize, layout="constrained")


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
            control.observe(self.update, names="value")
        self.widget = widgets.VBox([widgets.HBox(list(controls.values())), self.readout, self.out])
        self.update()

    @property
    def values(self) -> dict:
        return {name: c.value for name, c in self.controls.items()}

    def update(self, change=None) -> None:
        """Recompute and redraw from the controls' current values."""
        from IPython.display import display

        fig = _figure(self.figsize)
        self.readout.value = self.draw(self.values, fig)
        self.updates += 1
        with self.out:
            self.out.clear_output(wait=True)
            display(fig)

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
            layout=widgets.Layout(width="180px"),
        )
        for k, v in zip(labels, weights, strict=True)
    }
    return Explorer(controls, draw)
