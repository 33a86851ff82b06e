"""The pure parts of `make test-latest` and the doc tools' lock (the runs themselves are slow)."""

from __future__ import annotations

import sys

import pytest

from tools import latest_releases
from tools.pins import pins


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


def test_the_report_names_what_was_installed_and_a_failed_lookup(monkeypatch):
    monkeypatch.setattr(
        latest_releases, "newest_on_pypi", lambda name, python: "lookup failed: timed out"
    )
    vers = {"numpy": "2.5.0", "jupyter_server": "2.21.1"}
    pins = {"numpy": "2.4.6", "jupyter-server": "2.21.1"}
    notebooks = [{"notebook": "00_start.ipynb", "error": None, "stderr": [], "differ": []}]
    notebooks[0]["seconds"] = 1.0
    text, passed = latest_releases.report(
        "2026-12-01", 9.0, vers, pins, notebooks, (True, "3 passed", [])
    )
    assert passed
    header = next(ln for ln in text.splitlines() if ln.startswith("| package"))
    assert "| installed (newest for Python" in header and "ran with" not in header
    assert "| numpy | 2.4.6 | 2.5.0 (differs) | lookup failed: timed out |" in text
    assert "| jupyter_server | 2.21.1 | 2.21.1 | lookup failed: timed out |" in text


def test_reported_packages_leave_out_pyyaml_by_name():
    assert "pyyaml" in latest_releases.TEST_TOOLS
    assert "pyyaml" not in latest_releases.REPORTED
    assert set(latest_releases.TEST_TOOLS) - {"pyyaml"} <= set(latest_releases.REPORTED)


@pytest.mark.parametrize("line", ["numpy>=2.0", "numpy==2.*", "numpy==2.4.6+local", "numpy"])
def test_a_line_that_is_not_one_exact_version_is_not_a_pin(line, tmp_path):
    (tmp_path / "c.txt").write_text(line + "\n")
    with pytest.raises(ValueError, match="is not a pin"):
        pins(tmp_path / "c.txt")


def test_hash_continuations_and_markers_are_read(tmp_path):
    text = "Numpy==2.4.6 \\\n    --hash=sha256:abc \\\n    --hash=sha256:def\n"
    text += "pywin32==312 ; sys_platform == 'win32'\n-r other.txt\n"
    (tmp_path / "c.txt").write_text(text)
    assert pins(tmp_path / "c.txt") == {"numpy": "2.4.6", "pywin32": "312"}
    if sys.platform != "win32":
        assert pins(tmp_path / "c.txt", here_only=True) == {"numpy": "2.4.6"}
