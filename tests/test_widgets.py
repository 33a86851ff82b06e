"""The "Try it" explorers, driven on the kernel side: move a control, the readout follows."""

from __future__ import annotations

import numpy as np
import pytest

import helpers as h


def test_surprise_explorer_halves_p_and_codes_a_message():
    e = h.surprise_explorer(p=0.125)
    assert e.controls["p"].value == 0.125  # a power of 1/2 the slider can land on
    e.controls["p"].value = 0.5
    assert "1.000 bits" in e.readout.value and "0.693 nats" in e.readout.value
    assert "Ten such events in a row, arithmetic-coded: " in e.readout.value
    e.controls["p"].value = 0.25
    assert "2.000 bits" in e.readout.value and "1/p = 4 " in e.readout.value
    n_bits = int(e.readout.value.split("arithmetic-coded: ")[1].split(" bits")[0])
    assert 20 <= n_bits <= 22  # ten events of 2 bits each, plus at most 2


def test_entropy_explorer_normalises_weights_and_shows_the_code():
    e = h.entropy_explorer(weights=(1.0, 1.0, 1.0, 1.0))
    assert "H = 2.000 bits" in e.readout.value
    assert (
        "Huffman: L = 2.000 bits/symbol" in e.readout.value and "L - H = 0.000" in e.readout.value
    )
    for name in "BCD":
        e.controls[name].value = 0.0
    assert "H = 0.000 bits" in e.readout.value
    e.controls["A"].value = 0.0
    assert "All weights are 0" in e.readout.value


@pytest.mark.parametrize(
    "build",
    [
        h.surprise_explorer,
        h.entropy_explorer,
        h.cross_entropy_explorer,
        h.likelihood_explorer,
        h.training_explorer,
    ],
)
def test_every_control_change_redraws_once(build):
    e = build()
    before = e.updates
    for control in e.controls.values():
        if hasattr(control, "options"):
            value = control.options[-1]
        elif hasattr(control, "base"):  # a log slider's max is an exponent
            value = control.base**control.max
        else:
            value = control.max
        assert value != control.value, f"{control.description}: already at {value}"
        control.value = value
    assert e.updates == before + len(e.controls)


def test_cross_entropy_explorer_shows_the_seed_example_and_the_soft_floor():
    e = h.cross_entropy_explorer(weights=(6.0, 2.0, 2.0), target="label: class 2")
    assert "H(p, q) = 1.609 nats" in e.readout.value
    assert "gradient = [+0.60, +0.20, -0.80]" in e.readout.value
    e.controls["target"].value = "soft: [0.1, 0.1, 0.8]"
    for name, w in zip(["q0", "q1", "q2"], [1.0, 1.0, 8.0], strict=True):
        e.controls[name].value = w
    assert "H(p) = 0.639 nats" in e.readout.value
    assert "H(p, q) = 0.639 nats" in e.readout.value and "KL(p||q) = 0.000" in e.readout.value


def test_likelihood_explorer_tracks_theta_and_counts():
    e = h.likelihood_explorer(heads=7, tails=3, theta=0.5)
    assert "maximum-likelihood θ = 0.700" in e.readout.value
    assert "log-likelihood = -6.931 nats" in e.readout.value  # 10 ln 0.5
    e.controls["heads"].value = 35
    e.controls["tails"].value = 15
    assert "maximum-likelihood θ = 0.700" in e.readout.value
    e.controls["heads"].value = 0
    e.controls["tails"].value = 0
    assert "undefined" in e.readout.value


def test_training_explorer_retrains_both_losses():
    e = h.training_explorer(
        lr_cross_entropy=0.1, lr_mse=10.0, epochs=5, init="small weights (0.01)"
    )
    assert (
        "cross-entropy (lr 0.1): validation accuracy" in e.readout.value
        and "MSE (lr 10): validation accuracy" in e.readout.value
    )
    before = e.readout.value
    e.controls["init"].value = "confidently wrong (1.0)"
    assert e.readout.value != before
    assert "MSE (lr 10): validation accuracy" in e.readout.value
    e.controls["lr_mse"].value = 1.0  # one loss's rate moves, the other's stays
    # nats and unitless MSE never share an axis: a loss panel each, then accuracy
    labels = [ax.get_ylabel() for ax in e.figure.axes]
    assert labels == [
        "mean loss (nats)",
        "mean loss (MSE, no unit)",
        "error rate (%, log scale)",
    ]
    assert (
        "MSE (lr 1): validation" in e.readout.value
        and "cross-entropy (lr 0.1): validation" in e.readout.value
    )


def pixels(png: bytes):
    import io

    import numpy as np
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=np.int16)


@pytest.mark.parametrize(
    ("build", "control", "value"),
    [
        (h.surprise_explorer, "p", 2**-5.5),
        (h.entropy_explorer, "B", 7.5),
        (h.cross_entropy_explorer, "q1", 9.0),
        (h.cross_entropy_explorer, "target", "soft: [0.1, 0.1, 0.8]"),
        (h.likelihood_explorer, "theta", 0.83),
        (h.likelihood_explorer, "tails", 12),
    ],
)
def test_a_blitted_update_looks_like_a_full_render(build, control, value):
    """The quick path (cached background + moving artists) draws the picture a full render draws."""
    e = build()
    e.controls[control].value = value
    frame = e._frame(e.values)
    quick = pixels(e.render(frame))
    for artist in frame.animated:
        artist.set_animated(False)
    e.figure.canvas.draw()
    full = pixels(e.render(h.Frame(frame.readout, [], redraw=True)))
    assert quick.shape == full.shape
    differing = np.any(quick != full, axis=-1).mean()
    # Moving artists are drawn last, so where a bar meets an axis line the order differs.
    assert differing < 0.005, f"{differing:.2%} of the pixels differ"
    fresh = build()
    assert np.any(quick != pixels(fresh.render(fresh._frame(fresh.values)))), "the picture moved"


def test_entropy_explorer_a_certain_outcome_costs_no_bits():
    """Weights (10, 0, 0, 0): H = 0, and the code spends 0 bits, so L - H = 0 as the notebook says."""
    e = h.entropy_explorer(weights=(10.0, 0.0, 0.0, 0.0))
    text = e.readout.value
    assert "H = 0.000 bits" in text and "L = 0.000 bits/symbol" in text
    assert "L - H = 0.000 bits</b> = KL 0.000 + log2(1/Z) 0.000" in text


def test_training_explorer_trains_each_run_once():
    """Back to a rate seen before, or a shorter epoch count, trains nothing: the run is kept."""
    from helpers.widgets import training

    training._RUNS.clear()  # other tests' runs
    e = h.training_explorer(lr_cross_entropy=0.1, lr_mse=10.0, epochs=5)
    first = e.readout.value
    kept = dict(training._RUNS)
    e.controls["epochs"].value = 3
    e.controls["epochs"].value = 5
    assert e.readout.value == first and training._RUNS == kept  # the same History objects
    e.controls["lr_mse"].value = 1.0
    e.controls["lr_mse"].value = 10.0
    assert e.readout.value == first
    assert len(kept) == 2 and len(training._RUNS) == 3  # and lr 1 for MSE, once


def test_training_explorer_started_from_trained_runs_shows_the_same():
    """Handed section 4's runs (train_many, seed 0), it shows what it would have trained."""
    from helpers.widgets import training

    d = h.split_digits()
    runs = {
        loss: h.train_many(
            d.X_fit, d.y_fit, d.X_validation, d.y_validation,
            seeds=[0], lr=lr, init_scale=1.0, loss=loss, epochs=6,
        ).history(0, 0)
        for loss, lr in (("cross_entropy", 1.0), ("mse", 3.0))
    }  # fmt: skip
    args = {"lr_cross_entropy": 1.0, "lr_mse": 3.0, "epochs": 6, "init": "confidently wrong (1.0)"}
    training._RUNS.clear()
    given = h.training_explorer(**args, trained=runs).readout.value
    assert len(training._RUNS) == 2
    training._RUNS.clear()
    assert h.training_explorer(**args).readout.value == given
    with pytest.raises(ValueError, match="at least 7 epochs"):
        h.training_explorer(**{**args, "epochs": 7}, trained=runs)
    with pytest.raises(ValueError, match="not the run of this start and rate"):
        h.training_explorer(**{**args, "init": "small weights (0.01)"}, trained=runs)
