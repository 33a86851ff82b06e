"""Widgets that train: the CE-vs-MSE explorer and a live learning-curve plot for ``train``."""

from __future__ import annotations

from helpers.experiments import compare_losses
from helpers.plots import LOSS_TITLES, plot_history, plot_loss_comparison
from helpers.widgets.blitting import Explorer, Frame

__all__ = ["training_explorer", "LiveTrainingPlot"]


#: Initialisations offered by :func:`training_explorer`: name -> standard deviation of the weights.
INITS = {"small weights (0.01)": 0.01, "confidently wrong (1.0)": 1.0}


def training_explorer(
    lr_cross_entropy: float = 1.0,
    lr_mse: float = 1.0,
    epochs: int = 20,
    init: str = "small weights (0.01)",
) -> Explorer:
    """Retrain on the digits with cross-entropy and with MSE, and redraw both learning curves.

    Each loss's learning rate, epochs and initialisation -> retrain on the digits' fit rows
    with cross-entropy and with MSE (same seed, same everything else) and redraw both
    learning curves, scored on the validation rows (the test rows are never shown: a
    slider that showed them would invite tuning on them). One rate per loss: compared
    fairly, each loss runs at its own best rate.
    """
    import ipywidgets as widgets

    def build(fig):
        def frame(values):
            fig.clear()
            axes = fig.subplots(1, 3)
            fig.subplots_adjust(left=0.07, right=0.98, bottom=0.2, top=0.9, wspace=0.4)
            parts = []
            lrs = {"cross_entropy": values["lr_cross_entropy"], "mse": values["lr_mse"]}
            histories = compare_losses(
                lrs, init_scale=INITS[values["init"]], epochs=values["epochs"]
            )
            plot_loss_comparison(histories, lrs, axes=axes)
            for loss, history in histories.items():
                reached = history.epochs_to(0.9)
                parts.append(
                    f"{LOSS_TITLES[loss]} (lr {lrs[loss]:.3g}): validation accuracy "
                    f"{history.validation_accuracy[-1]:.3f}, "
                    f"90% at epoch {reached if reached is not None else 'not reached'}"
                )
            return Frame(" &nbsp;|&nbsp; ".join(parts), redraw=True)

        return frame

    def rate_slider(value, description):
        return widgets.FloatLogSlider(
            value=value,
            base=10,
            min=-3,
            max=1,  # up to 10: MSE's best rates are large (notebook 05, section 4)
            step=0.25,
            description=description,
            continuous_update=False,
        )

    controls = {
        "lr_cross_entropy": rate_slider(lr_cross_entropy, "lr, CE"),
        "lr_mse": rate_slider(lr_mse, "lr, MSE"),
        "epochs": widgets.IntSlider(
            value=epochs, min=1, max=60, description="epochs", continuous_update=False
        ),
        "init": widgets.Dropdown(options=list(INITS), value=init, description="init"),
    }
    return Explorer(controls, build, figsize=(11, 3.4))


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
        """Redraw after an epoch: ``train`` calls this with the ``History`` so far."""
        from IPython.display import display
        from matplotlib.figure import Figure

        epoch = len(history.loss) - 1
        self.bar.value = epoch
        self.bar.description = f"epoch {epoch}"
        fig = Figure(figsize=(8, 3), layout="constrained")
        plot_history(history, axes=fig.subplots(1, 2))
        with self.out:
            self.out.clear_output(wait=True)
            display(fig)
