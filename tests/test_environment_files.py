"""The set-up files agree with each other, and Binder would build the course."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tools.binder_url import BINDER_PYTHON, binder_url
from tools.pins import pins

pytestmark = pytest.mark.pinned  # make test-latest leaves these out

ROOT = Path(__file__).resolve().parents[1]


def test_the_lock_pins_the_packages_only_windows_and_macos_install():
    """A universal lock (make lock), not one platform's pip freeze."""
    text = (ROOT / "constraints.txt").read_text()
    for name, marker in [
        ("appnope", "sys_platform == 'darwin'"),
        ("colorama", "sys_platform == 'win32'"),
        ("pywinpty", "os_name == 'nt'"),
    ]:
        assert re.search(rf"^{name}==[\d.]+ ; .*{re.escape(marker)}", text, re.M), name


def test_make_lock_reads_every_requirements_file():
    dry = subprocess.run(
        ["make", "-n", "lock", f"VENV={Path(sys.prefix)}"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    command = next(ln for ln in dry.splitlines() if "pip compile" in ln or "requirements" in ln)
    files = sorted(p.name for p in ROOT.glob("requirements*.txt"))
    assert files and all(f in dry for f in files), (files, command)
    assert "--universal" in dry


def test_environment_yml_takes_only_python_and_pip_from_conda():
    """Binder installs the course from the very files the tests install from."""
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    deps = env["dependencies"]
    conda_packages = [d for d in deps if isinstance(d, str)]
    pip_sections = [d["pip"] for d in deps if isinstance(d, dict)]
    assert conda_packages == [f"python={BINDER_PYTHON}", "pip"], (
        "conda supplies Binder's Python (a declared constant, not the tester's) and pip; nothing else"
    )
    assert pip_sections == [["-r requirements.txt", "-c constraints.txt", "-e ."]]


def test_constraints_agree_with_the_pins():
    locked = pins(ROOT / "constraints.txt")
    for req in sorted(p.name for p in ROOT.glob("requirements*.txt")):
        for name, version in pins(ROOT / req).items():
            assert locked.get(name) == version, (
                f"{name}: {req} says {version}, constraints.txt {locked.get(name)}"
            )


def test_the_package_is_installed_in_one_place():
    """environment.yml's pip section installs helpers; Binder's postBuild only copies settings."""
    commands = [
        line.strip()
        for line in (ROOT / "postBuild").read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    installers = re.compile(r"\b(pip|pip3|conda|mamba|micromamba|setup\.py)\b")
    assert not [c for c in commands if installers.search(c)], commands
    assert any("lab-settings/cross-entropy-course.json" in c for c in commands)


@pytest.mark.skipif(
    shutil.which("jupyter-repo2docker") is None
    and not (Path(sys.prefix) / "bin" / "jupyter-repo2docker").exists(),
    reason="jupyter-repo2docker is not installed",
)
def test_repo2docker_copies_the_repository_before_building_the_environment():
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
    # The conda buildpack, with local pip references: repo2docker copies the repository
    # first, then builds the environment from environment.yml (whose pip section reads
    # requirements.txt and constraints.txt from the copy).
    assert f"Building conda environment for python={BINDER_PYTHON}" in result.stderr
    copy = dockerfile.index("COPY --chown=0:0 src/ ${REPO_DIR}/")
    update = re.search(r'env update -p \$\{NB_PYTHON_PREFIX\} --file "environment.yml"', dockerfile)
    assert update and copy < update.start(), "the repository must be copied before env update"
    assert "src/environment.yml" not in dockerfile, "no pre-assembly from environment.yml alone"
    # postBuild (the JupyterLab settings) runs once the environment it writes into exists.
    assert update.start() < dockerfile.index("RUN ./postBuild")


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


def test_check_environment_reads_its_floors_from_the_package_metadata():
    """One place for version floors: pyproject.toml, as installed."""
    import tomllib

    import helpers as h

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    floors = {}
    for dep in project["dependencies"]:
        name, version = dep.split(">=")
        floors[name] = tuple(int(x) for x in version.split("."))
    assert h.REQUIREMENTS == floors
    assert h.environment.PYTHON_FLOOR == tuple(
        int(x) for x in project["requires-python"].removeprefix(">=").split(".")
    )


def test_check_environment_names_the_floor_not_the_running_python(capsys, monkeypatch):
    """A passing line is the same on every interpreter; a failing one shows the version."""
    import platform

    import helpers as h

    assert h.check_environment()
    out = capsys.readouterr().out
    floor = ".".join(map(str, h.environment.PYTHON_FLOOR))
    assert out.startswith(f"✓ Python {floor} or newer\n") and platform.python_version() not in out
    monkeypatch.setattr(h.environment, "PYTHON_FLOOR", (99, 0))
    assert not h.check_environment()
    assert f"✗ Python {platform.python_version()} (needs 99.0 or newer)" in capsys.readouterr().out


def test_check_environment_without_metadata_says_nothing_was_checked(capsys, monkeypatch):
    """No metadata: no floors, so no ✗ for Python (it was not tested) and no package lines."""
    import helpers as h

    monkeypatch.setattr(h.environment, "PYTHON_FLOOR", None)
    monkeypatch.setattr(h.environment, "REQUIREMENTS", {})
    assert not h.check_environment()
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("? Python") and "neither are the packages" in first, first


def test_the_readme_shows_the_binder_link_binder_url_makes():
    """The README's placeholder link is the form `make binder-url` prints, not a second copy."""
    readme = (ROOT / "README.md").read_text()
    assert f"`{binder_url('https://github.com/OWNER/REPO')}`" in readme
    assert "git clone https://github.com/OWNER/REPO.git" in readme
