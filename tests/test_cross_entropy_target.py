"""Notebook 03's static figure and the cross-entropy explorer draw the same two panels."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import helpers as h  # noqa: E402


def test_static_figure_has_both_panels_and_the_step_against_the_gradient():
    ax1, ax2 = h.plot_cross_entropy_target([0, 0, 1], [0.6, 0.2, 0.2])
    heights = [p.get_height() for p in ax2.patches]
    gradient, step = np.array(heights[:3]), np.array(heights[3:6])
    assert np.allclose(gradient, [0.6, 0.2, -0.8]) and np.allclose(step, -gradient)
    assert [p.get_height() for p in ax1.patches] == pytest.approx([0, 0, 1, 0.6, 0.2, 0.2])
    labels = [t.get_text() for ax in (ax1, ax2) for t in ax.get_legend().get_texts()]
    assert {"target p", "prediction q", "gradient q - p"} <= set(labels)
    assert any(label.startswith("descent step") for label in labels)
    assert "nats" in ax2.get_ylabel() and "learning rate" in ax2.get_ylabel()
    plt.close("all")


def test_static_figure_refuses_what_is_not_a_3_class_distribution():
    with pytest.raises(ValueError, match="3 classes"):
        h.plot_cross_entropy_target([0.5, 0.5], [0.5, 0.5])
    with pytest.raises(ValueError, match="q"):
        h.plot_cross_entropy_target([0, 0, 1], [0.6, 0.2, 0.3])


def test_explorer_draws_the_same_bars():
    pytest.importorskip("ipywidgets")
    explorer = h.cross_entropy_explorer(weights=(6.0, 2.0, 2.0), target="label: class 2")
    fig = explorer.figure if hasattr(explorer, "figure") else plt.gcf()
    ax2 = fig.axes[1]
    heights = [p.get_height() for p in ax2.patches]
    assert np.allclose(heights[:3], [0.6, 0.2, -0.8]) and np.allclose(
        heights[3:6], [-0.6, -0.2, 0.8]
    )
    plt.close("all")
