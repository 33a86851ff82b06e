"""Widgets that train: the CE-vs-MSE explorer and a live learning-curve plot for ``train``."""

from __future__ import annotations

import numpy as np

from helpers.experiments import digits_run
from helpers.plots import LOSS_TITLES, plot_history, plot_loss_comparison
from helpers.widgets.blitting import Explorer, Frame

__all__ = ["training_explorer", "LiveTrainingPlot"]


#: Initialisations offered by :func:`training_explorer`: name -> standard deviation of the weights.
INITS = {"small weights (0.01)": 0.01, "confidently wrong (1.0)": 1.0}
#: The epochs slider's end: each run trains this far once, and the slider shows its first epochs.
MAX_EPOCHS = 60


#: Each panel's fixed y-range (log axes): cross-entropy in nats, MSE (no unit), error rate in %.
#: Wide enough for every rate and start the sliders reach, so an update moves curves only.
_Y_LIMITS = ((1e-3, 50.0), (1e-3, 2.0), (0.05, 100.0))


def _curves(histories) -> list:
    """The y-values of the widget's lines, in the order plot_loss_comparison draws them."""
    ce, mse = histories["cross_entropy"], histories["mse"]

    def errors(acc):
        e = 100 * (1 - np.asarray(acc, dtype=float))
        return np.where(e > 0, e, np.nan)  # no errors: nothing to draw on a log axis

    return [
        ce.loss, ce.validation_loss, mse.loss,
        errors(ce.train_accuracy), errors(ce.validation_accuracy),
        errors(mse.train_accuracy), errors(mse.validation_accuracy),
    ]  # fmt: skip


#: Every run the widget has trained this session, by (loss, rate, start): the longest so far.
_RUNS: dict = {}


def _run(loss: str, lr: float, init_scale: float, epochs: int):
    """One loss's run for ``epochs`` epochs, trained at most twice per (loss, rate, start).

    A new run trains for the epochs asked (as Run All shows it); asked for more later, it
    trains once to MAX_EPOCHS, and every shorter view after that is a cut of it.
    """
    key = (loss, lr, init_scale)
    have = _RUNS.get(key)
    if have is None or len(have.loss) <= epochs:
        longer = epochs if have is None else MAX_EPOCHS
        _RUNS[key] = have = digits_run(loss, lr, init_scale, epochs=longer)
    return have.until(epochs)


def training_explorer(
    lr_cross_entropy: float = 1.0,
    lr_mse: float = 1.0,
    epochs: int = 20,
    init: str = "small weights (0.01)",
    trained: dict | None = None,
) -> Explorer:
    """Retrain on the digits with cross-entropy and with MSE, and redraw both learning curves.

    Each loss's learning rate, epochs and initialisation -> retrain on the digits' fit rows
    with cross-entropy and with MSE (same seed, same everything else) and redraw both
    learning curves, scored on the validation rows (the test rows are never shown: a
    slider that showed them would invite tuning on them). One rate per loss: compared
    fairly, each loss runs at its own best rate. Each run (loss, rate, start) trains once,
    to ``MAX_EPOCHS``, and is kept for the session: moving the epochs slider, or back to a
    rate seen before, only redraws; a new rate trains that one loss. ``trained`` may hand it
    the starting runs already made, ``{"cross_entropy": History, "mse": History}`` at the
    starting rates and start with seed 0 (:func:`helpers.digits_run`'s runs, as
    ``Runs.history`` gives them from :func:`helpers.train_many`), so that it need not train them again.
    """
    import ipywidgets as widgets

    starting = {"cross_entropy": lr_cross_entropy, "mse": lr_mse}
    for loss, history in (trained or {}).items():
        if loss not in starting or len(history.loss) <= epochs:
            raise ValueError(
                f"trained must map 'cross_entropy' and 'mse' to runs of at least {epochs} epochs, "
                f"got {loss!r} with {len(history.loss) - 1} epochs"
            )
        key = (loss, float(starting[loss]), INITS[init])
        start = digits_run(loss, key[1], key[2], epochs=1)  # one epoch: the start and one step
        same = np.allclose(history.loss[:2], start.loss, rtol=1e-9) and np.allclose(
            history.validation_loss[:2], start.validation_loss, rtol=1e-9
        )  # to rounding: train_many scores many runs in one product, train one
        if not same:
            raise ValueError(
                f"trained[{loss!r}] is not the run of this start and rate (seed 0, {init!r}, "
                f"lr {key[1]:g}): its first epoch differs from that run's"
            )
        _RUNS.setdefault(key, history)

    def build(fig):
        axes = fig.subplots(1, 3)
        fig.subplots_adjust(left=0.07, right=0.98, bottom=0.2, top=0.9, wspace=0.4)
        drawn = {"epochs": None}  # set once the axes are drawn

        def histories_of(values):
            lrs = {"cross_entropy": values["lr_cross_entropy"], "mse": values["lr_mse"]}
            # a moved rate retrains that loss only, once; the epochs slider retrains nothing
            runs = {
                loss: _run(loss, float(lr), INITS[values["init"]], values["epochs"])
                for loss, lr in lrs.items()
            }
            return lrs, runs

        def frame(values):
            lrs, histories = histories_of(values)
            if drawn["epochs"] is None:  # the first frame draws the axes, legends and labels
                plot_loss_comparison(histories, lrs, axes=axes)
                for ax, (low, high) in zip(axes, _Y_LIMITS, strict=True):
                    ax.set_ylim(low, high)  # fixed, as the x-range: an update moves curves only
                    ax.set_xlim(0, MAX_EPOCHS)
                drawn["epochs"] = values["epochs"]
            lines = [*axes[0].lines, *axes[1].lines, *axes[2].lines]
            for line, ys in zip(lines, _curves(histories), strict=True):
                line.set_data(np.arange(len(ys)), ys)
            for ax, loss in zip(axes[:2], lrs, strict=True):
                ax.set_title(f"{LOSS_TITLES[loss]}, lr {lrs[loss]:.3g}")
            parts = []
            for loss, history in histories.items():
                reached = history.epochs_to(0.9)
                parts.append(
                    f"{LOSS_TITLES[loss]} (lr {lrs[loss]:.3g}): validation accuracy "
                    f"{history.validation_accuracy[-1]:.3f}, "
                    f"90% at epoch {reached if reached is not None else 'not reached'}"
                )
            animated = [*lines, axes[0].title, axes[1].title]
            return Frame(" &nbsp;|&nbsp; ".join(parts), animated=animated)

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
            value=epochs, min=1, max=MAX_EPOCHS, description="epochs", continuous_update=False
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
