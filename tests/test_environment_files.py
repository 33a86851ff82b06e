"""The set-up files agree with each other, and Binder would build the course."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tools.binder_url import binder_url

ROOT = Path(__file__).resolve().parents[1]
CONDA_TO_PIP = {"matplotlib-base": "matplotlib"}


def pip_pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            name, version = line.split("==")
            pins[name.lower()] = version
    return pins


def conda_pins(path: Path) -> dict[str, str]:
    pins = {}
    in_deps = False
    for line in path.read_text().splitlines():
        if line.startswith("dependencies:"):
            in_deps = True
            continue
        match = re.match(r"\s+-\s+([A-Za-z0-9_.-]+)=([^=\s]+)\s*$", line)
        if in_deps and match:
            name, version = match.groups()
            pins[CONDA_TO_PIP.get(name, name).lower()] = version
    return pins


def test_environment_yml_pins_the_same_versions_as_requirements():
    pip = pip_pins(ROOT / "requirements.txt")
    conda = conda_pins(ROOT / "environment.yml")
    python = conda.pop("python")
    assert conda == pip
    assert python == f"{sys.version_info.major}.{sys.version_info.minor}", (
        "environment.yml pins the Python the tests run on"
    )


def test_constraints_agree_with_the_pins():
    locked = pip_pins(ROOT / "constraints.txt")
    for req in ("requirements.txt", "requirements-dev.txt"):
        for name, version in pip_pins(ROOT / req).items():
            assert locked.get(name) == version, (
                f"{name}: {req} says {version}, constraints.txt {locked.get(name)}"
            )


def test_postbuild_installs_helpers_without_dependencies():
    text = (ROOT / "postBuild").read_text()
    assert "pip install --no-deps -e ." in text
    assert (ROOT / "postBuild").stat().st_mode & 0o111, "postBuild must be executable"


@pytest.mark.skipif(
    shutil.which("jupyter-repo2docker") is None
    and not (Path(sys.prefix) / "bin" / "jupyter-repo2docker").exists(),
    reason="jupyter-repo2docker is not installed",
)
def test_repo2docker_chooses_conda_and_runs_postbuild(tmp_path):
    exe = shutil.which("jupyter-repo2docker") or str(
        Path(sys.prefix) / "bin" / "jupyter-repo2docker"
    )
    result = subprocess.run(
        [exe, "--no-build", "--debug", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    dockerfile = result.stdout
    # The conda buildpack: it announces the Python it takes from environment.yml,
    # updates the notebook environment from that file, then runs postBuild.
    assert "Building conda environment for python=3.11" in result.stderr
    assert re.search(r'env update -p \$\{NB_PYTHON_PREFIX\} --file "environment.yml"', dockerfile)
    assert "RUN ./postBuild" in dockerfile


@pytest.mark.parametrize(
    "remote",
    [
        "https://github.com/alice/ce-course.git",
        "git@github.com:alice/ce-course.git",
        "https://github.com/alice/ce-course",
    ],
)
def test_binder_url_is_derived_from_the_remote(remote):
    assert binder_url(remote) == (
        "https://mybinder.org/v2/gh/alice/ce-course/HEAD?urlpath=lab/tree/notebooks/00_start.ipynb"
    )


def test_binder_url_refuses_other_hosts():
    with pytest.raises(ValueError, match="not a GitHub address"):
        binder_url("https://example.org/alice/ce-course.git")


def test_importing_helpers_is_light():
    """`import helpers` must not pull in plotting, widgets or the test-only references."""
    code = (
        "import sys, helpers; "
        "heavy = {'matplotlib', 'ipywidgets', 'scipy', 'sklearn', 'torch'} & set(sys.modules); "
        "print(sorted(heavy))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "[]"
