"""Shared test settings."""

from __future__ import annotations

import os

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
