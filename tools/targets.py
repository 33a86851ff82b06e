"""What the course's set-up targets: the Pythons and platforms the README names, and pip
run without this machine's configuration. Standard library only (tools/latest_releases.py
imports it from any Python).
"""

from __future__ import annotations

import math
import os
import sys

PYTHONS = ["3.11", "3.12", "3.13", "3.14"]
THIS_PYTHON = f"{sys.version_info.major}.{sys.version_info.minor}"
# The --platform tags pip resolves for. macOS: only the oldest macOS on Apple silicon (11);
# pip also accepts older-tagged wheels for it (10.x universal2), never newer ones, so what
# resolves here installs on every Apple-silicon Mac. (Listing 14_0 too made pip pick
# macOS-14-only wheels, which a Mac on macOS 11-13 refuses.)
PLATFORMS = {
    "Windows x86-64": ["win_amd64"],
    "macOS arm64": ["macosx_11_0_arm64"],
    "Linux x86-64": ["manylinux_2_28_x86_64", "manylinux_2_17_x86_64", "manylinux2014_x86_64"],
}
# Each platform's PEP 508 marker values (the rest come from the Python version): what
# `sys_platform == 'win32'` and the like mean for a learner's laptop, not for this machine.
MARKER_ENVIRONMENTS = {
    "Windows x86-64": {
        "sys_platform": "win32", "os_name": "nt", "platform_system": "Windows",
        "platform_machine": "AMD64",
    },
    "macOS arm64": {
        "sys_platform": "darwin", "os_name": "posix", "platform_system": "Darwin",
        "platform_machine": "arm64",
    },
    "Linux x86-64": {
        "sys_platform": "linux", "os_name": "posix", "platform_system": "Linux",
        "platform_machine": "x86_64",
    },
}  # fmt: skip
# Which wheel platform tags each platform installs, matched whole (OS and architecture).
PLATFORM_TAGS = {
    "Windows x86-64": r"win_amd64",
    "macOS arm64": r"macosx_\d+_\d+_(arm64|universal2)",
    "Linux x86-64": r"(manylinux_\d+_\d+|manylinux1|manylinux2010|manylinux2014)_x86_64",
}


def isolated_env() -> dict[str, str]:
    """This process's environment with pip's configuration off: no ``PIP_*`` variable and
    no pip.conf, so no machine-wide index, wheel folder or constraint changes the answer."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env["PIP_CONFIG_FILE"] = os.devnull
    return env


# A pip run here can wait on a machine that others keep busy (the CPU, not the index, is
# then what it waits for): timeouts are set for an idle machine and stretched by the load.
MAX_LOAD_SCALE = 8.0


def load_scale() -> float:
    """How many times slower than idle this machine may be now: the 1-minute load average
    per core (at least 1, at most MAX_LOAD_SCALE), times TIMEOUT_SCALE if set (for a slow
    machine or a debugger). The tests' timeouts, the browser's included, use it. Where
    there is no load average (Windows) only TIMEOUT_SCALE applies; the cores are the
    affinity mask's, not a container's CPU quota."""
    load = load_average()
    per_core = 1.0 if load is None else load / usable_cores()
    return min(max(per_core, 1.0), MAX_LOAD_SCALE) * timeout_scale()


def timeout_scale() -> float:
    """TIMEOUT_SCALE from the environment (default 1): a finite number > 0."""
    if "BROWSER_TIMEOUT_SCALE" in os.environ:
        raise ValueError("BROWSER_TIMEOUT_SCALE was renamed TIMEOUT_SCALE: set that instead")
    value = os.environ.get("TIMEOUT_SCALE", "1")
    try:
        scale = float(value)
    except ValueError:
        scale = math.nan
    if not (math.isfinite(scale) and scale > 0):
        raise ValueError(f"TIMEOUT_SCALE must be a finite number > 0, got {value!r}")
    return scale


def load_average() -> float | None:
    """The 1-minute load average, or None where there is none (Windows has no
    ``os.getloadavg``; some systems raise OSError)."""
    getloadavg = getattr(os, "getloadavg", None)
    try:
        return None if getloadavg is None else getloadavg()[0]
    except OSError:
        return None


def usable_cores() -> int:
    """The cores this process may run on (its affinity where known), not the host's."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13+
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1
