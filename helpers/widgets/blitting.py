"""The machinery every explorer shares: controls, a readout and a blitted plot.

The plot is drawn once; moving a control changes only the artists that move
(a marker, bar heights, text) and redraws just those over a cached picture of
the rest ("blitting"), which keeps an update well under 100 ms where
re-rendering the whole figure takes about as long by itself.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

__all__ = ["Explorer", "Frame"]


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

    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(rgba, "RGBA").save(buf, format="png", compress_level=1)
    return buf.getvalue()


class Explorer:
    """Controls, a readout and a plot, kept in step.

    A subclass draws the figure's static parts in :meth:`draw` and returns, from
    :meth:`frame`, what the controls' values change; its state (the artists that
    move, what was drawn for which values) lives in attributes. A caller may pass
    ``build`` instead (the training explorer does).

    Parameters
    ----------
    controls : dict name -> ipywidgets control
    build : callable(fig) -> callable(values: dict) -> Frame, optional
        Draws the figure's static parts once, and returns the function that
        updates it for the controls' values. Default: :meth:`draw`, then :meth:`frame`.
    figsize : tuple
    """

    def __init__(self, controls: dict, build: Callable | None = None, figsize=(6.4, 3.6)):
        import ipywidgets as widgets

        self.controls = controls
        self.figure = _figure(figsize)
        if build is None:
            self.draw(self.figure)
            self._frame = self.frame
        else:
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

    def draw(self, fig) -> None:
        """Draw the figure's static parts, once (subclasses)."""
        raise NotImplementedError

    def frame(self, values: dict) -> Frame:
        """Update the moving artists for ``values`` and return them with the readout (subclasses)."""
        raise NotImplementedError

    @property
    def values(self) -> dict:
        """Each control's current value, by name."""
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
