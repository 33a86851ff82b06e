"""The pure parts of `make test-latest` and the doc tools' lock (the runs themselves are slow)."""

from __future__ import annotations

from tools import latest_releases


def cell(*outputs):
    return {"cell_type": "code", "outputs": list(outputs)}


def test_drift_compares_text_not_addresses_or_images():
    stored = cell(
        {"output_type": "stream", "name": "stdout", "text": ["<obj at 0x7f01>\n"]},
        {"output_type": "display_data", "data": {"image/png": "AAA", "text/plain": ["<Figure>"]}},
    )
    rerun = cell(
        {"output_type": "stream", "name": "stdout", "text": "<obj at 0x55aa>\n"},
        {"output_type": "display_data", "data": {"image/png": "BBB", "text/plain": "<Figure>"}},
    )
    assert latest_releases.shown(stored) == latest_releases.shown(rerun)
    changed = cell({"output_type": "stream", "name": "stdout", "text": "<obj at 0x55aa> 0.25\n"})
    assert latest_releases.shown(changed) != latest_releases.shown(rerun)
    warned = cell({"output_type": "stream", "name": "stderr", "text": "DeprecationWarning"})
    assert latest_releases.shown(warned).startswith("stderr: ")
