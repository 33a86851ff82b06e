"""Shared test settings, and the system Chromium the browser tests drive."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from hypothesis import settings

from tools.targets import MAX_LOAD_SCALE, load_average, load_scale, timeout_scale, usable_cores

# Property tests check mathematics, not speed: no per-example deadline (a slow CI
# machine must not fail them). Under CI the examples are derandomised, so a run is
# reproducible; on a developer's machine they stay random, to keep finding new cases.
settings.register_profile("course", deadline=None, print_blob=True)
settings.register_profile("ci", parent=settings.get_profile("course"), derandomize=True)
# `make test-fast`: the quick loop tries 25 examples per property instead of 100;
# `make test` and CI run the full count.
settings.register_profile("fast", parent=settings.get_profile("course"), max_examples=25)
settings.load_profile(
    "ci" if os.environ.get("CI") == "true" else os.environ.get("HYPOTHESIS_PROFILE", "course")
)

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # needed as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",  # no network here: no update or metrics calls
    "--disable-component-update",
    "--disable-sync",
]
HOW_TO_ENABLE = (
    "browser tests skipped: no Chromium found. Install it (Debian: apt-get install chromium) "
    "or point CHROMIUM=/path/to/chromium at one, then run make test again"
)


def find_chromium() -> str | None:
    for candidate in (
        os.environ.get("CHROMIUM"),
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def chromium_path():
    path = find_chromium()
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(
                "CI=true but no Chromium: .ci/run installs Debian's chromium; check that step"
            )
        pytest.skip(HOW_TO_ENABLE)
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    """One headless Chromium for the session's browser tests (JupyterLab's and the site's):
    each test opens its own page or context in it, so nothing carries over but the process.
    (A Chromium that crashes takes every later browser and site test with it, where a
    browser per module stopped the damage at its module.)"""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


# How often a browser test's wait re-evaluates its condition in the page. Playwright's
# default for wait_for_function is every animation frame (60 a second), and the conditions
# here read the whole notebook's DOM (innerText lays it out): for a Run All of 30 s that is
# 1,800 layouts the page did not need. A tenth of a second is far below any wait's length.
POLL_MS = 100


# The browser tests wait on JupyterLab and Chromium, whose speed is the machine's: timeouts
# are set for an idle machine and stretched by how busy it is *now* (each wait reads the load
# again: tools/targets.load_scale). TIMEOUT_SCALE=N multiplies them further.


def wait_scale() -> float:
    """How much longer than on an idle machine a wait may take now: :func:`load_scale`, or,
    if more, the notebook runs this session has handed to its workers (at most one more than
    are executing) plus this test, per core, at most MAX_LOAD_SCALE times TIMEOUT_SCALE: the
    1-minute load average lags their start by up to a minute."""
    from tests import notebook_runs

    ours = min((notebook_runs.running() + 1) / usable_cores(), MAX_LOAD_SCALE)
    return max(load_scale(), ours * timeout_scale())


def scaled_ms(idle_ms: float) -> int:
    """A timeout in milliseconds: ``idle_ms`` on an idle machine, times :func:`wait_scale`."""
    return int(idle_ms * wait_scale())


def load_note() -> str:
    """The machine's state, for a timeout's message."""
    load = load_average()
    shown = "no load average" if load is None else f"load average {load:.1f}"
    return (
        f"{shown} on {usable_cores()} cores, timeouts x{wait_scale():.1f}; "
        "on a busy or slow machine set TIMEOUT_SCALE=2 (or more) and run again"
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_serving(url: str, proc: subprocess.Popen, timeout: float = 60) -> bool:
    """Poll ``url`` until it answers 200: True, or False once ``proc`` exits or ``timeout``
    seconds (on an idle machine; times :func:`load_scale`) pass. A server that is starting
    gives no event to wait on, hence the polling."""
    deadline = time.monotonic() + timeout * wait_scale()
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return True
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            return False
        time.sleep(0.2)


def pytest_collection_finish(session):
    """Tell tests/notebook_runs.py which notebooks the selected tests will run, and start
    those runs (two at a time) now: they execute beside the tests that come first."""
    from tests import notebook_runs

    wanted = []
    for item in session.items:
        path = getattr(item, "callspec", None) and item.callspec.params.get("path")
        if item.get_closest_marker("notebooks") and path in notebook_runs.NOTEBOOKS:
            wanted.append(path)
    notebook_runs.expect(wanted)
    if not session.config.option.collectonly:
        notebook_runs.start()


# Under CI a skipped PyTorch test is a failure (as a missing Chromium is in
# test_browser.py): .ci/run installs benchmarks/requirements-peers.txt, so a skip there
# means that step broke and every "same as PyTorch" claim went unchecked. This covers any
# test file that skips on torch (pytest.importorskip("torch") at module or test level).
PEERS_REQUIRED_UNDER_CI = ("torch",)


def _is_peer_skip(report) -> bool:
    if not report.skipped or os.environ.get("CI") != "true":
        return False
    longrepr = report.longrepr
    reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
    return any(f"'{name}'" in reason for name in PEERS_REQUIRED_UNDER_CI)


def _fail(report) -> None:
    report.outcome = "failed"
    report.longrepr = (
        f"CI=true but a PyTorch test was skipped ({report.longrepr}): .ci/run installs "
        "benchmarks/requirements-peers.txt; check that step"
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    outcome = yield
    report = outcome.get_result()
    if _is_peer_skip(report):
        _fail(report)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if _is_peer_skip(report):
        _fail(report)
