"""Widgets that train: the CE-vs-MSE explorer and a live learning-curve plot for ``train``."""

from __future__ import annotations

from helpers.widgets import Explorer, Frame

__all__ = ["training_explorer", "LiveTrainingPlot"]


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

    def build(fig):
        def frame(values):
            fig.clear()
            axes = fig.subplots(1, 2)
            parts = []
            histories = compare_losses(
                init_scale=INITS[values["init"]], lr=values["lr"], epochs=values["epochs"]
            )
            for (loss, history), color in zip(
                histories.items(), (COLORS[0], COLORS[3]), strict=True
            ):
                plot_history(history, axes=axes, label=loss, color=color)
                reached = history.epochs_to(0.9)
                parts.append(
                    f"{loss}: test accuracy {history.test_accuracy[-1]:.3f}, "
                    f"90% at epoch {reached if reached is not None else 'not reached'}"
                )
            axes[0].set_yscale("log")
            return Frame(" &nbsp;|&nbsp; ".join(parts), redraw=True)

        return frame

    controls = {
        "lr": widgets.FloatLogSlider(
            value=lr,
            base=10,
            min=-3,
            max=1,  # up to 10: MSE's best rates are large (notebook 05, section 4)
            step=0.25,
            description="learning rate",
            continuous_update=False,
        ),
        "epochs": widgets.IntSlider(
            value=epochs, min=1, max=60, description="epochs", continuous_update=False
        ),
        "init": widgets.Dropdown(options=list(INITS), value=init, description="init"),
    }
    return Explorer(controls, build, figsize=(9, 3.4))


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
