"""The wheel folder installs the course with no index: the instructor guide's plan B, run.

Uses wheelhouse/ when `make wheelhouse` has filled it for the current constraints.txt;
otherwise builds the Linux part of it for this Python (tools/wheelhouse.py, from PyPI)
into a temporary folder. Then runs the guide's Linux commands, adapted only as the
ADAPTED list says (the temporary venv's and folder's paths, no JupyterLab window), in a
fresh venv with pip's configuration off (no machine-wide index or wheel folder can
help), and imports the course.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.utils import canonicalize_name, parse_wheel_filename

from tools import wheelhouse

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "instructor-guide.md"
THIS_PYTHON = f"{sys.version_info.major}.{sys.version_info.minor}"


def guide_block(marker: str) -> list[str]:
    """The command lines of the guide's code block that follows ``<!-- marker -->``."""
    block = GUIDE.read_text().split(f"<!-- {marker} -->", 1)[1].split("```", 2)[1]
    return [ln for ln in block.splitlines()[1:] if ln.strip() and not ln.startswith("#")]


def holds_the_pins(folder: Path) -> bool:
    """Whether the folder has a wheel of every package constraints.txt pins, at that version."""
    have = {
        (canonicalize_name(name), str(version))
        for name, version, *_ in map(parse_wheel_filename, (p.name for p in folder.glob("*.whl")))
    }
    pins = [ln.split("#")[0].strip() for ln in (ROOT / "constraints.txt").read_text().splitlines()]
    wanted = {(canonicalize_name(n), v) for n, v in (p.split("==") for p in pins if "==" in p)}
    return wanted <= have


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    made = ROOT / "wheelhouse"
    if made.is_dir() and holds_the_pins(made):
        return made
    dest = tmp_path_factory.mktemp("wheelhouse")
    wheelhouse.main(["--dest", str(dest), "--platform", "Linux x86-64", "--python", THIS_PYTHON])
    return dest


@pytest.mark.network
def test_the_course_installs_from_the_wheel_folder_alone(folder, tmp_path):
    lines = guide_block("plan-b-linux")
    venv = tmp_path / "venv"
    pip = "-m pip install --no-index --find-links"
    # ADAPTED: what the guide says (left), what this test runs (right); nothing else changes.
    guide_and_run = [
        ("python3 -m venv .venv", f"{sys.executable} -m venv {venv}"),
        (
            f".venv/bin/python {pip} wheelhouse -r requirements.txt -c constraints.txt",
            f"{venv}/bin/python {pip} {folder} -r requirements.txt -c constraints.txt",
        ),
        (
            f".venv/bin/python {pip} wheelhouse --no-deps -e .",
            f"{venv}/bin/python {pip} {folder} --no-deps -e .",
        ),
        (".venv/bin/jupyter lab notebooks/00_start.ipynb", f"{venv}/bin/jupyter lab --version"),
    ]
    assert lines == [guide for guide, _ in guide_and_run]
    commands = [run for _, run in guide_and_run]
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
    assert windows[0] == "py -3.13 -m venv .venv"
    assert [ln.replace(".venv\\Scripts\\", ".venv/bin/") for ln in windows[1:]] == linux[1:]


@pytest.mark.network
def test_every_wheel_in_the_folder_is_for_a_course_platform(folder):
    sizes = wheelhouse.sizes(folder)  # raises for a wheel of another platform
    linux = [p for p in folder.glob("*.whl") if wheelhouse.platform_of(p) == "Linux x86-64"]
    assert linux, "no Linux x86-64 wheel in the folder"
    assert sizes["Linux x86-64"] == sizes["pure-Python wheels (in each of the above)"] + sum(
        p.stat().st_size for p in linux
    )


@pytest.mark.parametrize(
    ("name", "platform"),
    [
        ("numpy-2.4.6-cp311-cp311-win_amd64.whl", "Windows x86-64"),
        ("numpy-2.4.6-cp313-cp313-macosx_14_0_arm64.whl", "macOS arm64"),
        ("argon2_cffi_bindings-25.1.0-cp39-abi3-macosx_10_9_universal2.whl", "macOS arm64"),
        (
            "numpy-2.4.6-cp312-cp312-manylinux_2_27_x86_64.manylinux_2_28_x86_64.whl",
            "Linux x86-64",
        ),
        ("jupyterlab-4.6.6-py3-none-any.whl", None),
    ],
)
def test_each_wheel_counts_for_its_platform(name, platform):
    assert wheelhouse.platform_of(Path(name)) == platform


@pytest.mark.parametrize(
    "tag",
    [
        "win32",  # 32-bit Windows
        "win_arm64",
        "macosx_10_13_x86_64",  # an Intel Mac
        "manylinux_2_17_aarch64",
        "manylinux2014_i686",
        "musllinux_1_2_x86_64",  # Alpine, not the glibc Linux the course names
    ],
)
def test_a_wheel_for_another_platform_is_refused(tag):
    with pytest.raises(ValueError, match="none of the course's platforms"):
        wheelhouse.platform_of(Path(f"numpy-2.4.6-cp311-cp311-{tag}.whl"))


def test_pure_wheels_count_for_every_platform(tmp_path):
    for name, size in [
        ("a-1-py3-none-any.whl", 10),
        ("b-1-cp311-cp311-win_amd64.whl", 100),
        ("b-1-cp311-cp311-macosx_11_0_arm64.whl", 200),
    ]:
        (tmp_path / name).write_bytes(b"x" * size)
    sizes = wheelhouse.sizes(tmp_path)
    assert sizes["Windows x86-64"] == 110
    assert sizes["macOS arm64"] == 210
    assert sizes["Linux x86-64"] == 10
    assert sizes["whole folder"] == 310
