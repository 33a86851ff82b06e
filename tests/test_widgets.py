"""The "Try it" explorers, driven on the kernel side: move a control, the readout follows."""

from __future__ import annotations

import pytest

import helpers as h


def test_surprise_explorer_follows_the_slider():
    e = h.surprise_explorer(p=0.1)
    e.controls["p"].value = 0.5
    assert "1.000 bits" in e.readout.value and "0.693 nats" in e.readout.value
    e.controls["p"].value = 0.25
    assert "2.000 bits" in e.readout.value and "1/p = 4.00" in e.readout.value


def test_entropy_explorer_normalises_weights_and_shows_the_code():
    e = h.entropy_explorer(weights=(1.0, 1.0, 1.0, 1.0))
    assert "H = 2.000 bits" in e.readout.value
    assert "Huffman: 2.000 bits/symbol" in e.readout.value
    for name in "BCD":
        e.controls[name].value = 0.0
    assert "H = 0.000 bits" in e.readout.value
    e.controls["A"].value = 0.0
    assert "All weights are 0" in e.readout.value


@pytest.mark.parametrize("build", [h.surprise_explorer, h.entropy_explorer])
def test_every_control_change_redraws_once(build):
    e = build()
    before = e.updates
    for control in e.controls.values():
        control.value = control.max
    assert e.updates == before + len(e.controls)
