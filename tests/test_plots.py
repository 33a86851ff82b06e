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


def test_surprise_curve_is_a_straight_line_on_a_log_p_axis_with_1_over_p_apart():
    ax1, ax2 = h.plot_surprise_curve(p=0.25, axes=axes(2))
    curves = {
        line.get_label(): line for line in ax1.get_lines() if not line.get_label().startswith("_")
    }
    assert set(curves) == {r"$-\log_2 p$ (bits)", r"$-\ln p$ (nats)", "halvings of p"}
    x, y = curves[r"$-\log_2 p$ (bits)"].get_data()
    np.testing.assert_allclose(y, -np.log2(x))
    assert ax1.get_xscale() == "log" and ax1.get_xlim()[0] == pytest.approx(1e-6)
    slope = np.diff(y) / np.diff(np.log2(x))
    np.testing.assert_allclose(slope, -1.0)  # one bit per halving, all the way down
    x2, y2 = ax2.get_lines()[0].get_data()
    np.testing.assert_allclose(y2, 1 / x2)
    assert ax2.get_yscale() == "linear"  # 1/p on a linear axis: it doubles at each halving
    hx, hy = ax2.get_lines()[1].get_data()
    np.testing.assert_allclose(hy[1:] / hy[:-1], 2.0)  # the dots: 1, 2, 4, ...
    # p is marked: a dot at (0.25, 2 bits) on the left, (0.25, 4) on the right
    assert any(
        list(line.get_xdata()) == [0.25] and list(line.get_ydata()) == [2.0]
        for line in ax1.get_lines()
    )
    assert any(
        list(line.get_xdata()) == [0.25] and list(line.get_ydata()) == [4.0]
        for line in ax2.get_lines()
    )
    assert (
        "1/p" in ax2.get_ylabel()
        and "surprise" in ax1.get_ylabel()
        and "1/p" not in ax1.get_ylabel()
    )


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
        loss=[2.3, 1.0, 0.5],
        train_accuracy=[0.1, 0.8, 1.0],
        validation_accuracy=[0.1, 0.7, 0.85],
        validation_loss=[2.3, 1.2, 0.8],
    )
    ax1, ax2 = h.plot_history(hist, axes=axes(2), label="ce")
    np.testing.assert_array_equal(ax1.get_lines()[0].get_ydata(), hist.loss)
    np.testing.assert_array_equal(ax1.get_lines()[1].get_ydata(), hist.validation_loss)
    assert [line.get_label() for line in ax2.get_lines()] == ["ce: training", "ce: validation"]
    # the error rate in %, on a log axis; an error of 0 is left out, not drawn at -inf
    np.testing.assert_allclose(ax2.get_lines()[1].get_ydata(), [90, 30, 15])
    assert np.isnan(ax2.get_lines()[0].get_ydata()[2]) and ax2.get_yscale() == "log"
    assert ax1.get_ylabel() == "mean loss (nats)"
    mse = h.History(
        loss=[0.9, 0.5], train_accuracy=[0.1, 0.8], validation_accuracy=[0.1, 0.7], loss_name="mse"
    )
    mse_ax = h.plot_history(mse, axes=axes(2))[0]
    assert mse_ax.get_ylabel() == "mean loss (MSE, no unit)" and len(mse_ax.get_lines()) == 1


def test_loss_comparison_gives_each_loss_its_own_axis_and_shares_the_errors():
    runs = {
        loss: h.History(
            loss=[1.0, 0.5],
            train_accuracy=[0.5, 0.8],
            validation_accuracy=[0.4, 0.7],
            validation_loss=[1.1, 0.7],
            loss_name=loss,
        )
        for loss in ("cross_entropy", "mse")
    }
    ce_ax, mse_ax, errors = h.plot_loss_comparison(runs, {"cross_entropy": 1, "mse": 3}, axes(3))
    assert (ce_ax.get_title(), mse_ax.get_title()) == ("cross-entropy, lr 1", "MSE, lr 3")
    assert (ce_ax.get_ylabel(), mse_ax.get_ylabel()) == (
        "mean loss (nats)",
        "mean loss (MSE, no unit)",
    )
    assert [line.get_label() for line in errors.get_lines()] == [
        "cross-entropy: training",
        "cross-entropy: validation",
        "MSE: training",
        "MSE: validation",
    ]


def test_plots_leave_rcparams_alone():
    import matplotlib

    before = dict(matplotlib.rcParams)
    h.plot_surprise_curve(axes=axes(2))
    assert dict(matplotlib.rcParams) == before


@pytest.mark.parametrize(
    "draw",
    [
        lambda: h.plot_surprise_curve(p=0.3),
        lambda: h.plot_code_lengths({"a": 0.5, "b": 0.5}, {"a": "0", "b": "1"}),
        lambda: h.plot_entropy_ladder({"plug-in": {"H": 4.1}, "compressor": {"zlib": 2.5}}),
        lambda: h.plot_arithmetic_intervals("ab", {"a": 0.6, "b": 0.4}),
        lambda: h.plot_guess_histogram({"order 0": [1, 2, 2, 5]}),
        lambda: h.plot_code_panels({"a": 0.5, "b": 0.5}),
        lambda: h.plot_distribution([0.5, 0.5], ["a", "b"], annotate=["0", "1"]),
        lambda: h.plot_binary_entropy(p=0.2),
        lambda: h.plot_likelihood(3, 2, theta=0.4),
        lambda: h.plot_history(
            h.History(
                loss=[1.0, 0.5],
                train_accuracy=[0.5, 0.8],
                validation_accuracy=[0.4, 0.7],
                validation_loss=[1.1, 0.7],
            )
        ),
    ],
    ids=[
        "surprise",
        "code_lengths",
        "ladder",
        "arithmetic_intervals",
        "guess_histogram",
        "code_panels",
        "distribution",
        "binary_entropy",
        "likelihood",
        "history",
    ],
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


def test_mark_surprise_marks_bits_nats_and_one_over_p():
    axs = h.plot_surprise_curve(axes=axes(2))
    artists = h.mark_surprise(axs, 0.25)
    assert len(artists) == 5  # two vertical lines, three markers
    assert [a.get_ydata()[0] for a in artists[2:]] == pytest.approx([2.0, math.log(4), 4.0])


def test_code_lengths_plot_puts_every_symbol_at_its_surprise_and_length():
    p = {"a": 0.5, "b": 0.3, "c": 0.2}
    code = h.huffman_code(p)
    ax = h.plot_code_lengths(p, code, ax=axes())
    x, y = ax.get_lines()[1].get_data()
    np.testing.assert_allclose(x, [-math.log2(v) for v in p.values()])
    assert list(y) == [len(code[s]) for s in p]
    assert sorted(" ".join(t.get_text() for t in ax.texts).split()) == sorted(p)  # all labelled


def test_entropy_ladder_labels_every_bar_and_says_what_kind_of_number_each_is():
    groups = {
        "plug-in, in-sample": {"H(X)": 4.1, "H(Y|X)": 3.4},
        "held out, model counted": {"order 1": 3.5},
        "real compressor": {"zlib": 2.5},
    }
    ax = h.plot_entropy_ladder(groups, ax=axes())
    assert sorted(t.get_text().strip() for t in ax.texts) == ["2.500", "3.400", "3.500", "4.100"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(groups)
    colours = {bar.get_facecolor() for bar in ax.patches}
    assert len(colours) == 3  # one colour per kind
    with pytest.raises(ValueError, match=r"groups must be"):
        h.plot_entropy_ladder({"H": 4.1}, ax=axes())


def test_arithmetic_intervals_picture_has_a_row_per_symbol_and_the_codeword():
    steps, codeword = h.arithmetic_intervals("ab", {"a": 0.6, "b": 0.4})
    ax = h.plot_arithmetic_intervals("ab", {"a": 0.6, "b": 0.4}, ax=axes())
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "final",
        "symbol 1: 'a'",
        "symbol 2: 'b'",
    ]
    assert any(codeword in t.get_text() for t in ax.texts)


def test_guess_histogram_draws_the_fractions_of_each_guess_number():
    ax = h.plot_guess_histogram({"a": [1, 1, 2, 3], "b": [1, 2]}, ax=axes())
    heights = [p.get_data()[0] for p in ax.patches]
    np.testing.assert_allclose(heights[0][:3], [0.5, 0.25, 0.25])
    np.testing.assert_allclose(heights[1][:2], [0.5, 0.5])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["a (n = 4)", "b (n = 2)"]


def test_mark_likelihood_returns_the_values_and_removable_artists():
    axs = axes(2)
    h.plot_likelihood(7, 3, axes=axs)
    lik, ll, artists = h.mark_likelihood(axs, 0.7, 7, 3)
    assert ll == pytest.approx(7 * math.log(0.7) + 3 * math.log(0.3))
    assert lik == pytest.approx(math.exp(ll))
    for artist in artists:
        artist.remove()
    assert all(len(ax.get_lines()) == 2 for ax in axs)  # the curve and the MLE line remain


def test_code_lengths_plot_gives_symbols_at_one_point_one_label():
    p = {"A": 0.5, "B": 0.25, "C": 0.125, "D": 0.125}  # C and D: same surprise, same length
    ax = h.plot_code_lengths(p, h.huffman_code(p), ax=axes())
    assert sorted(t.get_text() for t in ax.texts) == ["A", "B", "C D"]


def test_code_lengths_plot_labels_do_not_overlap_on_real_letters():
    text = h.load_text()
    freq = dict(zip(h.ALPHABET, h.letter_frequencies(text), strict=True))
    ax = h.plot_code_lengths(freq, h.huffman_code(freq), ax=axes())
    ax.figure.canvas.draw()
    boxes = [t.get_window_extent() for t in ax.texts if t.get_text()]
    assert sorted(" ".join(t.get_text() for t in ax.texts).split()) == sorted(h.ALPHABET)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b)
    # nor on a mark, nor on the dashed line length = surprise
    line, marks = ax.get_lines()
    top = line.get_xdata()[-1]
    on_line = ax.transData.transform(np.column_stack([np.linspace(0, top, 2000)] * 2))
    points = ax.transData.transform(np.column_stack(marks.get_data()))
    for box in boxes:
        padded = box.expanded(1.0, 1.0).padded(3)  # a mark's radius, about 3 pixels
        assert not any(padded.contains(px, py) for px, py in points), box
        assert not any(box.contains(px, py) for px, py in on_line), box


def test_guess_histogram_keeps_every_guess_in_an_overflow_bin():
    ax = h.plot_guess_histogram({"p": [1, 2, 16, 20, 27]}, ax=axes())
    (stairs,) = ax.patches
    values, edges = stairs.get_data().values, stairs.get_data().edges
    assert np.sum(values * np.diff(edges)) == pytest.approx(1.0)  # areas: nothing dropped
    assert (edges[-2], edges[-1]) == (15.5, 27.5)  # the last bin spans tries 16 to 27
    assert values[-1] == pytest.approx(3 / 5 / 12)  # 16, 20, 27 in it, drawn per try
    assert ax.get_xticklabels()[-1].get_text() == "27"  # the axis runs to the last try
