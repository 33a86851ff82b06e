"""The course on the newest releases: `make test-latest` -> drift/YYYY-MM-DD.md.

Builds a fresh venv (.venv-latest) with the newest jupyterlab, numpy, matplotlib and
ipywidgets and the newest test tools, with no pins and no constraints; installs the
course into it; runs every notebook top to bottom in a fresh kernel (an error, or
anything written to stderr such as a warning, fails; outputs may differ from the
stored ones and are listed); then runs the unit tests. Writes a dated result file
and exits 1 if anything failed. Not part of `make test`: its outcome depends on the
day's releases, which is the point (a maintainer sees drift before learners do).

    python3 tools/latest_releases.py          # any Python >= 3.11
    make test-latest PYTHON=python3.14    # the newest releases may need a newer Python

The result's table also names, from PyPI's metadata, the newest release for Python 3.14,
so a release this Python cannot install is still seen (the dated files in drift/ say
what each run found).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from targets import PYTHONS, THIS_PYTHON, isolated_env  # noqa: E402

VENV = ROOT / ".venv-latest"
RESULTS = ROOT / "drift"
COURSE = ["jupyterlab", "numpy", "matplotlib", "ipywidgets"]
TEST_TOOLS = ["pytest", "hypothesis", "scipy", "scikit-learn", "pyyaml"]
# The newest Python the README names: the day's releases may need a newer one than this.
NEWEST_PYTHON = PYTHONS[-1]
# pyyaml only lets a test read environment.yml: not a version worth a row.
REPORTED = [
    *COURSE,
    "ipykernel",
    "jupyter_server",
    "nbclient",
    *(t for t in TEST_TOOLS if t != "pyyaml"),
]
# Unit tests only: tests marked browser, network or pinned need a browser, the network, the
# pinned environment or the stored outputs to equal a run (which newer releases may change).
NOT_UNIT = "not browser and not network and not pinned"


def sanitize(text: str) -> str:
    """The replacements strict nbval applies (tests/sanitize.cfg), so addresses do not count."""
    lines = [ln for ln in (ROOT / "tests" / "sanitize.cfg").read_text().splitlines()]
    pairs = zip(lines, lines[1:], strict=False)
    for regex, replace in ((a, b) for a, b in pairs if a.startswith("regex: ")):
        if replace.startswith("replace: "):
            text = re.sub(regex.removeprefix("regex: "), replace.removeprefix("replace: "), text)
    return text


def shown(cell: dict) -> str:
    """What a reader compares: the text of a code cell's outputs (images left out)."""
    parts = []
    for out in cell.get("outputs", []):
        if out["output_type"] == "stream":
            parts.append(out["name"] + ": " + "".join(out["text"]))
        for mime in ("text/plain", "text/html", "text/latex"):
            if mime in out.get("data", {}):
                parts.append("".join(out["data"][mime]))
        if out["output_type"] == "error":
            parts.append(f"{out['ename']}: {out['evalue']}")
    return sanitize("\n".join(parts))


def venv_python(venv: Path) -> Path:
    """The venv's interpreter: ``Scripts\\python.exe`` on Windows, ``bin/python`` elsewhere."""
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def pip(*args: str) -> None:
    """pip in .venv-latest, with no machine-wide pip.conf or PIP_* setting (no constraints)."""
    cmd = [str(venv_python(VENV)), "-m", "pip", *args, "--disable-pip-version-check"]
    subprocess.run(cmd, cwd=ROOT, env=isolated_env(), check=True)


def versions() -> dict[str, str]:
    out = subprocess.run(
        [str(venv_python(VENV)), "-m", "pip", "list", "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = {p["name"].lower().replace("-", "_"): p["version"] for p in json.loads(out)}
    return {name: found.get(name.lower().replace("-", "_"), "-") for name in REPORTED}


def newest_on_pypi(name: str, python: str) -> str:
    """The newest release with a wheel for ``python`` (from the index's metadata, nothing
    installed), or "lookup failed: " and pip's last words."""
    cmd = [sys.executable, "-m", "pip", "index", "versions", name, "--python-version", python]
    cmd += ["--only-binary=:all:", "--disable-pip-version-check"]
    result = subprocess.run(cmd, capture_output=True, text=True, env=isolated_env())
    match = re.match(r"\S+ \(([^)]+)\)", result.stdout)
    if result.returncode != 0 or not match:
        last = (result.stderr.strip().splitlines() or ["no version in pip's answer"])[-1]
        return f"lookup failed: {last[:120]}"
    return match.group(1)


def unit_tests() -> tuple[bool, str, list[str]]:
    cmd = [str(venv_python(VENV)), "-m", "pytest", "tests", "--doctest-modules", "helpers"]
    cmd += ["-p", "no:cacheprovider", "-q", "-m", NOT_UNIT]
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    lines = result.stdout.strip().splitlines()
    summary = lines[-1] if lines else result.stderr.strip()[-300:]
    failures = [ln for ln in lines if ln.startswith(("FAILED", "ERROR"))]
    return result.returncode == 0, summary.strip("= "), failures


def report(day: str, seconds: float, vers, pins, notebooks, tests) -> tuple[str, bool]:
    ok_tests, summary, failures = tests
    bad = [n for n in notebooks if n["error"] or n["stderr"]]
    passed = ok_tests and not bad
    lines = [
        f"# `make test-latest`, {day}: {'PASS' if passed else 'FAIL'}",
        "",
        "The course on the newest releases, with no pins (tools/latest_releases.py). Python "
        f"{platform.python_version()} on {platform.system()} {platform.machine()}; "
        f"{seconds:.0f} s in all.",
        "",
        f"| package | pinned | installed (newest for Python {THIS_PYTHON}) "
        f"| newest for Python {NEWEST_PYTHON} (not run here) |",
        "|---|---|---|---|",
    ]
    for name, version in vers.items():
        pin = pins.get(name.lower().replace("_", "-"), "-")
        mark = "" if pin == version else " (differs)"
        later = newest_on_pypi(name, NEWEST_PYTHON)
        later += "" if later == version or later.startswith("lookup failed") else " (newer)"
        lines.append(f"| {name} | {pin} | {version}{mark} | {later} |")
    lines += ["", "## Notebooks (run top to bottom in a fresh kernel)", ""]
    for n in notebooks:
        if n["error"]:
            lines.append(f"- **{n['notebook']}: ERROR** {n['error']}")
            continue
        state = "warnings on stderr" if n["stderr"] else "ran, no error, nothing on stderr"
        differ = (
            f"{len(n['differ'])} code cells show other text than the stored outputs"
            if n["differ"]
            else "every text output as stored"
        )
        lines.append(f"- {n['notebook']}: {state}; {differ} ({n['seconds']} s)")
        for index, text in n["stderr"]:
            lines.append(f"  - cell {index} stderr: `{' '.join(text.split())[:300]}`")
        for index, old, new in n["differ"]:
            lines.append(f"  - cell {index}: stored `{old}` → now `{new}`")
    lines += ["", "## Unit tests", "", f"{'passed' if ok_tests else 'FAILED'}: {summary}"]
    lines += [f"- {f}" for f in failures]
    lines += ["", "Not run here (not unit tests): the tests marked browser, network or pinned.", ""]
    return "\n".join(lines), passed


def main(argv: list[str] | None = None) -> int:
    # The table's marks print on a Windows console or redirected stdout too (cp1252 lacks them).
    sys.stdout.reconfigure(encoding="utf-8", errors="replace")
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    start = time.perf_counter()
    shutil.rmtree(VENV, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    pip("install", "--quiet", "--upgrade", *COURSE, *TEST_TOOLS)
    pip("install", "--quiet", "--no-deps", "-e", ".")
    scratch = VENV / "notebooks.json"
    runner = [str(venv_python(VENV)), str(ROOT / "tools" / "run_latest_notebooks.py"), str(scratch)]
    subprocess.run(runner, cwd=ROOT, check=True)
    ran = json.loads(scratch.read_text())
    tests = unit_tests()
    day = datetime.date.today().isoformat()
    text, passed = report(
        day, time.perf_counter() - start, versions(), ran["pinned"], ran["notebooks"], tests
    )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{day}.md").write_text(text, encoding="utf-8")
    print(text)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
