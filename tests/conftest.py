"""Shared test settings, and the system Chromium the browser tests drive."""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest
from hypothesis import settings

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


@pytest.fixture(scope="module")
def chromium_path():
    path = find_chromium()
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(
                "CI=true but no Chromium: .ci/run installs Debian's chromium; check that step"
            )
        pytest.skip(HOW_TO_ENABLE)
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
