"""tools/run_tests.py (`make test`): two pytest runs that together run every test once,
and a status and count that add up both."""

from __future__ import annotations

from pathlib import Path

from tools import run_tests

JUNIT = """<?xml version="1.0" encoding="utf-8"?><testsuites name="pytest tests">
<testsuite name="pytest" errors="{e}" failures="{f}" skipped="{s}" tests="{t}" time="1.0"/>
</testsuites>"""


def test_counts_read_the_junit_report(tmp_path):
    path = tmp_path / "junit.xml"
    path.write_text(JUNIT.format(e=1, f=2, s=3, t=10))
    assert run_tests.counts(path) == {"passed": 4, "failed": 3, "skipped": 3}
    assert run_tests.counts(tmp_path / "missing.xml") == {"passed": 0, "failed": 0, "skipped": 0}


def test_the_status_fails_if_either_run_fails():
    assert run_tests.combined_status([0, 0]) == 0
    assert run_tests.combined_status([5, 0]) == 0  # nothing selected in one run: no failure
    assert run_tests.combined_status([5, 5]) == 5
    for codes in ([1, 0], [0, 1], [2, 0], [0, 3], [5, 1]):
        assert run_tests.combined_status(codes) == 1, codes


def test_the_two_selections_split_the_suite_by_the_network_marker():
    junit = Path("x.xml")
    network = run_tests.pytest_command("network", junit, ["-q"])
    rest = run_tests.pytest_command("not network", junit, ["-q"])
    for cmd in (network, rest):
        assert cmd[3:7] == ["--doctest-modules", "helpers", "tools", "tests"], cmd
        assert cmd[-1] == "-q"
    assert network[7:9] == ["-m", "network"] and rest[7:9] == ["-m", "not network"]
    assert "-m" not in run_tests.pytest_command(None, junit, [])[3:]


def test_timeouts_stretch_with_the_load_per_core(monkeypatch):
    """tools/targets.load_scale: 1 on an idle machine, the load per core when busier, at most
    MAX_LOAD_SCALE, times TIMEOUT_SCALE; the browser's and pip's timeouts use it."""
    from tools import targets

    monkeypatch.delenv("TIMEOUT_SCALE", raising=False)
    monkeypatch.setattr(targets.os, "cpu_count", lambda: 2)
    for load, scale in [(0.3, 1.0), (2.0, 1.0), (7.0, 3.5), (22.6, targets.MAX_LOAD_SCALE)]:
        monkeypatch.setattr(targets.os, "getloadavg", lambda load=load: (load, 0.0, 0.0))
        assert targets.load_scale() == scale, load
    monkeypatch.setenv("TIMEOUT_SCALE", "2")
    assert targets.load_scale() == 2 * targets.MAX_LOAD_SCALE
