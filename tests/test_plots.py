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
