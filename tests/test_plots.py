"""The pure plotting functions behind the figures and widgets, tested on their own."""

from __future__ import annotations

import math

import numpy as np
import pytest
from matplotlib.figure import Figure

import helpers as h


def axes(n=1):
    fig = Figure()
    return fig.subplots(1, n) if n > 1 else fig.add_subplot()


def test_surprise_curve_draws_bits_nats_and_one_over_p():
    ax = h.plot_surprise_curve(p=0.25, ax=axes())
    curves = {
        line.get_label(): line for line in ax.get_lines() if not line.get_label().startswith("_")
    }
    assert set(curves) == {r"$-\log_2 p$ (bits)", r"$-\ln p$ (nats)", r"$1/p$ (no unit)"}
    x, y = curves[r"$-\log_2 p$ (bits)"].get_data()
    np.testing.assert_allclose(y, -np.log2(x))
    assert "bits" in ax.get_ylabel() and ax.get_xlabel()


def test_binary_entropy_peaks_at_one_bit():
    ax = h.plot_binary_entropy(p=0.9, ax=axes())
    x, y = ax.get_lines()[0].get_data()
    assert y.max() == pytest.approx(1.0) and x[np.argmax(y)] == pytest.approx(0.5)
    assert "bits" in ax.get_ylabel()


def test_distribution_bars_and_annotations():
    ax = h.plot_distribution(
        [0.5, 0.25, 0.25], ["a", "b", "c"], ax=axes(), annotate=["0", "10", "11"]
    )
    assert [p.get_height() for p in ax.patches] == [0.5, 0.25, 0.25]
    assert [t.get_text() for t in ax.texts] == ["0", "10", "11"]
    assert ax.get_ylim()[1] > 0.5  # room for the text above the tallest bar


def test_likelihood_returns_the_values_at_theta_and_marks_the_mle():
    lik, ll = h.plot_likelihood(7, 3, theta=0.5, axes=axes(2))
    assert ll == pytest.approx(10 * math.log(0.5))
    assert lik == pytest.approx(0.5**10)
    assert h.plot_likelihood(0, 0, axes=axes(2)) is None  # no flips: flat curve, nothing to mark


def test_history_plots_every_epoch():
    hist = h.History(
        loss=[2.3, 1.0, 0.5], train_accuracy=[0.1, 0.8, 0.9], test_accuracy=[0.1, 0.7, 0.85]
    )
    ax1, ax2 = h.plot_history(hist, axes=axes(2), label="ce")
    np.testing.assert_array_equal(ax1.get_lines()[0].get_ydata(), hist.loss)
    assert [line.get_label() for line in ax2.get_lines()] == ["ce: train", "ce: test"]


def test_plots_leave_rcparams_alone():
    import matplotlib

    before = dict(matplotlib.rcParams)
    h.plot_surprise_curve(ax=axes())
    assert dict(matplotlib.rcParams) == before


@pytest.mark.parametrize(
    "draw",
    [
        lambda: h.plot_surprise_curve(p=0.3),
        lambda: h.plot_distribution([0.5, 0.5], ["a", "b"], annotate=["0", "1"]),
        lambda: h.plot_binary_entropy(p=0.2),
        lambda: h.plot_likelihood(3, 2, theta=0.4),
        lambda: h.plot_history(
            h.History(loss=[1.0, 0.5], train_accuracy=[0.5, 0.8], test_accuracy=[0.4, 0.7])
        ),
    ],
    ids=["surprise", "distribution", "binary_entropy", "likelihood", "history"],
)
def test_without_axes_each_plot_makes_a_pyplot_figure_and_leaves_rcparams_alone(draw):
    import matplotlib
    import matplotlib.pyplot as plt

    matplotlib.use("Agg")
    before = dict(matplotlib.rcParams)
    figures = set(plt.get_fignums())
    try:
        draw()
        assert len(set(plt.get_fignums()) - figures) == 1, "one new figure, shown by plt.show()"
        assert dict(matplotlib.rcParams) == before
    finally:
        plt.close("all")


def test_mark_surprise_marks_only_what_fits_the_curve():
    ax = h.plot_surprise_curve(ax=axes())
    artists = h.mark_surprise(ax, 0.25)  # 2 bits, 1.39 nats, 1/p = 4: all within 0..12
    assert len(artists) == 4
    assert [a.get_ydata()[0] for a in artists[1:]] == pytest.approx([2.0, math.log(4), 4.0])
    assert len(h.mark_surprise(ax, 0.05)) == 3  # 1/p = 20 is off the chart: no marker


def test_mark_likelihood_returns_the_values_and_removable_artists():
    axs = axes(2)
    h.plot_likelihood(7, 3, axes=axs)
    lik, ll, artists = h.mark_likelihood(axs, 0.7, 7, 3)
    assert ll == pytest.approx(7 * math.log(0.7) + 3 * math.log(0.3))
    assert lik == pytest.approx(math.exp(ll))
    for artist in artists:
        artist.remove()
    assert all(len(ax.get_lines()) == 2 for ax in axs)  # the curve and the MLE line remain
