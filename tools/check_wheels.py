"""Do the course's pins install as wheels on the laptops learners bring?

For each platform (Windows x86-64, macOS arm64, Linux x86-64) and Python 3.11-3.14,
asks pip to resolve ``requirements.txt`` with ``constraints.txt`` using wheels only,
from metadata alone (``--dry-run --report``: nothing is downloaded but the metadata,
about 7 s per platform), and prints a table. Exit status 1 if any combination fails.

    python tools/check_wheels.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from packaging.utils import canonicalize_name

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pins import pins  # noqa: E402
from targets import PLATFORMS, PYTHONS, isolated_env, load_scale  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def wheel_args(platform: str, python: str) -> list[str]:
    """pip's options to take wheels only, for one of PLATFORMS and a Python version."""
    args = ["--only-binary=:all:", "--python-version", python]
    return args + [arg for tag in PLATFORMS[platform] for arg in ("--platform", tag)]


def pinned_wheels_command(verb: str, platform: str, python: str) -> list[str]:
    """``pip <verb>`` of the course's pins (requirements.txt with constraints.txt) as
    wheels for ``platform`` and ``python``; run it from the repository root."""
    cmd = [sys.executable, "-m", "pip", verb, *wheel_args(platform, python)]
    cmd += ["-r", "requirements.txt", "-c", "constraints.txt"]
    return cmd + ["--quiet", "--disable-pip-version-check"]


def resolve(platform: str, python: str) -> tuple[bool, str]:
    """(ok, summary): whether every requirement resolves to a wheel, and how many packages."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        cmd = pinned_wheels_command("install", platform, python)
        cmd += ["--dry-run", "--ignore-installed", "--target", tmp, "--report", str(report)]
        result = subprocess.run(
            cmd, cwd=ROOT, env=isolated_env(), capture_output=True, text=True,
            timeout=600 * load_scale(),  # twelve at once on a busy machine: 600 s was too few
        )  # fmt: skip
        if result.returncode != 0:
            last = (result.stderr.strip().splitlines() or ["pip failed"])[-1]
            return False, last
        installs = json.loads(report.read_text())["install"]
        names = {canonicalize_name(i["metadata"]["name"]) for i in installs}
        unpinned = sorted(names - set(locked()))
        if unpinned:  # the lock must cover this platform, not only the one that wrote it
            return False, f"not pinned in constraints.txt: {', '.join(unpinned)}"
        return True, f"{len(installs)} wheels"


def locked() -> dict[str, str]:
    """The pins of constraints.txt, every platform's (an environment marker allowed)."""
    return pins(ROOT / "constraints.txt")


def check_all() -> dict[tuple[str, str], tuple[bool, str]]:
    jobs = [(name, python) for name in PLATFORMS for python in PYTHONS]
    # All at once: each resolution waits on the index far more than it computes.
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        results = pool.map(lambda job: resolve(*job), jobs)
        return dict(zip(jobs, results, strict=True))


def table(results: dict[tuple[str, str], tuple[bool, str]]) -> str:
    lines = ["| platform | " + " | ".join(f"Python {v}" for v in PYTHONS) + " |"]
    lines.append("|---" * (len(PYTHONS) + 1) + "|")
    for name in PLATFORMS:
        cells = [("✓ " if ok else "✗ ") + text for ok, text in (results[name, v] for v in PYTHONS)]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> int:
    # The table's marks print on a Windows console or redirected stdout too (cp1252 lacks them).
    sys.stdout.reconfigure(encoding="utf-8", errors="replace")
    results = check_all()
    print(table(results))
    return 0 if all(ok for ok, _ in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
