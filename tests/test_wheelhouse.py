"""The wheel folder installs the course with no index: the instructor guide's plan B, run.

Uses wheelhouse/ when `make wheelhouse` has filled it; otherwise builds the Linux part
of it for this Python (tools/wheelhouse.py, from PyPI) into a temporary folder. Then runs
the guide's Linux commands as written, in a fresh venv, with pip's configuration off
(no machine-wide index or wheel folder can help), and imports the course.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tools import wheelhouse

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "instructor-guide.md"
THIS_PYTHON = f"{sys.version_info.major}.{sys.version_info.minor}"


def guide_block(marker: str) -> list[str]:
    """The command lines of the guide's code block that follows ``<!-- marker -->``."""
    block = GUIDE.read_text().split(f"<!-- {marker} -->", 1)[1].split("```", 2)[1]
    return [ln for ln in block.splitlines()[1:] if ln.strip() and not ln.startswith("#")]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    made = ROOT / "wheelhouse"
    if any(made.glob("*.whl")):
        return made
    dest = tmp_path_factory.mktemp("wheelhouse")
    wheelhouse.main(["--dest", str(dest), "--platform", "Linux x86-64", "--python", THIS_PYTHON])
    return dest


@pytest.mark.network
def test_the_course_installs_from_the_wheel_folder_alone(folder, tmp_path):
    lines = guide_block("plan-b-linux")
    assert lines[0] == "python3 -m venv .venv"
    assert all("--no-index --find-links wheelhouse" in ln for ln in lines if "pip install" in ln)
    venv = tmp_path / "venv"
    commands = [ln.replace(".venv/", f"{venv}/").replace(" .venv", f" {venv}") for ln in lines]
    commands = [c.replace("--find-links wheelhouse", f"--find-links {folder}") for c in commands]
    commands[0] = commands[0].replace("python3", sys.executable, 1)
    commands[-1] = f"{venv}/bin/jupyter lab --version"  # instead of opening JupyterLab
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env["PIP_CONFIG_FILE"] = os.devnull  # no index or wheel folder from this machine's pip.conf
    for command in commands:
        result = subprocess.run(
            command, shell=True, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
        )
        assert result.returncode == 0, f"{command}\n{result.stderr[-3000:]}"
    code = "import helpers, numpy, matplotlib, ipywidgets; print(helpers.__file__)"
    where = subprocess.run(
        [venv / "bin" / "python", "-c", code], cwd=tmp_path, capture_output=True, text=True
    )
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).is_relative_to(ROOT / "helpers")


def test_the_windows_plan_b_mirrors_the_linux_one():
    linux = guide_block("plan-b-linux")
    windows = guide_block("plan-b-windows")
    assert windows[0] == "py -3 -m venv .venv"
    assert [ln.replace(".venv\\Scripts\\", ".venv/bin/") for ln in windows[1:]] == linux[1:]


def test_every_wheel_in_the_folder_is_for_a_course_platform(folder):
    sizes = wheelhouse.sizes(folder)  # raises for a wheel of another platform
    assert sizes["Linux x86-64"] > sizes["pure-Python wheels (in each of the above)"] > 0
