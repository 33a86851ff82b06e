"""The set-up commands the README and the instructor guide show, read as shown and run.

Two blocks install the course in a fresh venv on Linux and macOS: the README's "without
make" (from the index) and the guide's plan B (from the wheel folder, ``--no-index``);
each has a Windows twin that must say the same for Windows. The tests run the Linux
blocks as written, adapted only as :func:`as_run` says, with pip's configuration off,
then import the course from the new venv.

The slow part is pip: those two installs, the wheel folder's download, and the wheel
check (uv: twelve resolutions). They wait on the index and the disk more than on the CPU, so the first
network test here starts every such job the session will run, side by side
(:func:`jobs`), and each test waits for its own and fails only on its own result.
"""

from __future__ import annotations

import contextlib
import re
import subprocess
import sys
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from tools import check_wheels, pins, targets, wheelhouse

ROOT = Path(__file__).resolve().parents[1]
BLOCKS = {  # name -> (the file, its marker before the Linux block; "-windows" for its twin)
    "readme": (ROOT / "README.md", "without-make"),
    "plan-b": (ROOT / "docs" / "instructor-guide.md", "plan-b"),
}
JOB_OF = {  # each network test, and the job whose result it reads
    "test_every_pin_has_a_wheel_for_the_laptops_learners_bring": "wheels",
    "test_the_linux_block_installs_the_course[readme]": "readme",
    "test_the_linux_block_installs_the_course[plan-b]": "plan-b",
    "test_every_wheel_in_the_folder_is_for_a_course_platform": "folder",
}
NEEDS = {"plan-b": "folder"}  # plan B installs from the folder the folder job makes


def doc_block(path: Path, marker: str) -> list[str]:
    """The command lines of the code block that follows ``<!-- marker -->`` in ``path``."""
    block = path.read_text().split(f"<!-- {marker} -->", 1)[1].split("```", 2)[1]
    return [ln for ln in block.splitlines()[1:] if ln.strip() and not ln.startswith("#")]


def as_run(line: str, venv: Path, folder: Path | None) -> str:
    """A Linux block's line as the test runs it. ADAPTED, and nothing else: this Python for
    ``python3``, a temporary venv for ``.venv``, the test's wheel folder for ``wheelhouse``,
    ``jupyter lab --version`` instead of opening JupyterLab, and ``--no-compile`` on each
    pip install (byte-compiling is half an install's CPU time: 26.8 s of user time with it,
    14.0 s without, measured here; no check reads the .pyc files)."""
    if " -m pip install " in line:
        line += " --no-compile"
    line = re.sub(r"^python3 ", f"{sys.executable} ", line)
    line = re.sub(r"(^| )\.venv(/|$)", lambda m: f"{m[1]}{venv}{m[2]}", line)
    if folder is not None:
        line = line.replace("--find-links wheelhouse ", f"--find-links {folder} ")
    return line.replace("jupyter lab notebooks/00_start.ipynb", "jupyter lab --version")


def install_as_shown(block: str, venv: Path, folder: Path | None = None) -> str | None:
    """Run a Linux block as :func:`as_run` adapts it, then import the course from the venv.
    None when all went well, else what failed (the command and pip's last words)."""
    lines = doc_block(BLOCKS[block][0], f"{BLOCKS[block][1]}-linux")
    assert lines[0] == "python3 -m venv .venv", lines[0]
    assert lines[-1] == ".venv/bin/jupyter lab notebooks/00_start.ipynb", lines[-1]
    env = dict(targets.isolated_env(), PIP_DISABLE_PIP_VERSION_CHECK="1")
    if folder is not None:  # plan B: every install from the folder alone, never the index
        pip_lines = [line for line in lines if " -m pip install " in line]
        assert pip_lines and all("--no-index --find-links wheelhouse " in ln for ln in pip_lines)
        env["PIP_NO_INDEX"] = "1"  # and pip is told so again: a dropped flag cannot reach PyPI
    for line in lines:
        command = as_run(line, venv, folder)
        if folder is not None and " -m pip install " in line:
            assert f"--find-links {folder} " in command, command
        result = subprocess.run(
            command, shell=True, cwd=ROOT, env=env,
            capture_output=True, text=True, timeout=900 * targets.load_scale(),
        )  # fmt: skip
        if result.returncode != 0:
            return f"{command}\n{result.stderr[-3000:]}"
    code = "import helpers, numpy, matplotlib, ipywidgets; print(helpers.__file__)"
    where = subprocess.run(
        [venv / "bin" / "python", "-c", code], cwd=venv.parent, capture_output=True, text=True
    )
    if where.returncode != 0:
        return where.stderr
    if not Path(where.stdout.strip()).is_relative_to(ROOT / "helpers"):
        return f"helpers imported from {where.stdout.strip()}, not from this repository"
    return None


def installs_offline(folder: Path) -> bool:
    """Whether pip, with no index, finds in ``folder`` everything requirements.txt needs here
    (a dry run: metadata from the wheels, nothing installed)."""
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed"]
        cmd += ["--no-index", "--find-links", str(folder), "--target", tmp, "--quiet"]
        cmd += ["-r", "requirements.txt", "-c", "constraints.txt", *wheelhouse.build_requirements()]
        env = targets.isolated_env()
        return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True).returncode == 0


def wheel_folder(tmp: Path, index: check_wheels.PinnedIndex | None = None) -> Path:
    """wheelhouse/ when `make wheelhouse` filled it for these pins; else the Linux
    part of it for this Python, built by tools/wheelhouse.py (from the index) into ``tmp``."""
    made = ROOT / "wheelhouse"
    if made.is_dir() and installs_offline(made):
        return made
    dest = tmp / "wheelhouse"
    python = targets.THIS_PYTHON
    args = ["--dest", str(dest), "--platform", "Linux x86-64", "--python", python]
    wheelhouse.main(args, index)
    return dest


@pytest.fixture(scope="module")
def jobs(request, tmp_path_factory) -> dict[str, Future]:
    """The network jobs this session's tests read, all started at once."""
    here = [i for i in request.session.items if getattr(i, "module", None) is request.module]
    jobless = [i.name for i in here if i.get_closest_marker("network") and i.name not in JOB_OF]
    assert not jobless, f"network tests without a job in JOB_OF: {jobless}"
    wanted = {JOB_OF[i.name] for i in here if i.name in JOB_OF}
    wanted |= {NEEDS[job] for job in wanted if job in NEEDS}
    tmp = tmp_path_factory.mktemp("set-up")
    started: dict[str, Future] = {}
    with contextlib.ExitStack() as stack:
        # The folder's pip downloads read the index through the proxy (the wheel check is
        # uv's; the README's and plan B's installs run as shown: from the index, the folder).
        index = None
        if "folder" in wanted:
            index = stack.enter_context(check_wheels.PinnedIndex())
        pool = ThreadPoolExecutor(max_workers=len(wanted) or 1)
        stack.callback(pool.shutdown, wait=True, cancel_futures=True)  # before the proxy stops
        if "folder" in wanted:
            started["folder"] = pool.submit(wheel_folder, tmp, index)
        if "wheels" in wanted:
            started["wheels"] = pool.submit(check_wheels.check_all)
        if "readme" in wanted:
            started["readme"] = pool.submit(install_as_shown, "readme", tmp / "venv-readme")
        if "plan-b" in wanted:
            folder = started["folder"]
            started["plan-b"] = pool.submit(
                lambda: install_as_shown("plan-b", tmp / "venv-plan-b", folder.result())
            )
        yield started


@pytest.mark.network
def test_every_pin_has_a_wheel_for_the_laptops_learners_bring(jobs):
    """win_amd64, macOS arm64 and manylinux x86-64 on Python 3.11-3.14, resolved from metadata."""
    results = jobs["wheels"].result()
    failed = {k: text for k, (ok, text) in results.items() if not ok}
    assert not failed, check_wheels.table(results)


@pytest.mark.network
@pytest.mark.parametrize("block", list(BLOCKS))
def test_the_linux_block_installs_the_course(block, jobs):
    failed = jobs[block].result()
    assert failed is None, failed


@pytest.mark.network
def test_every_wheel_in_the_folder_is_for_a_course_platform(jobs):
    """The folder plan B installs from holds only wheels for the platforms the course names
    (platform_of's own cases, known file names for and against: tests/test_wheelhouse.py)."""
    wheels = list(jobs["folder"].result().glob("*.whl"))
    assert wheels, "no wheel in the folder"
    for wheel in wheels:
        wheelhouse.platform_of(wheel)  # raises for a wheel of another platform


@pytest.mark.parametrize("block", list(BLOCKS))
def test_the_windows_block_is_the_linux_one_for_windows(block):
    """The Windows twin as shown: the `py` launcher asked for a Python the pins have wheels
    for, then the same commands with the venv's ``Scripts\\`` for ``bin/``."""
    path, marker = BLOCKS[block]
    linux = doc_block(path, f"{marker}-linux")
    windows = doc_block(path, f"{marker}-windows")
    launcher = re.fullmatch(r"py -(3\.\d+) -m venv \.venv", windows[0])
    assert launcher and launcher[1] in targets.PYTHONS, windows[0]
    assert linux[0] == "python3 -m venv .venv"
    assert [ln.replace(".venv\\Scripts\\", ".venv/bin/") for ln in windows[1:]] == linux[1:]
    assert not [ln for ln in windows if ".venv/" in ln or "\\bin\\" in ln], windows


def test_as_run_changes_only_what_it_says():
    venv, folder = Path("/tmp/v"), Path("/tmp/w")
    shown = ".venv/bin/python -m pip install --no-index --find-links wheelhouse -r requirements.txt"
    assert as_run(shown, venv, folder) == (
        "/tmp/v/bin/python -m pip install --no-index --find-links /tmp/w -r requirements.txt"
        " --no-compile"
    )
    assert as_run("python3 -m venv .venv", venv, None) == f"{sys.executable} -m venv /tmp/v"
    assert as_run("cd .venvx", venv, None) == "cd .venvx"


def test_the_pinned_index_serves_only_the_pinned_version(monkeypatch):
    """tools/check_wheels.PinnedIndex: a pinned project's page keeps that version's files
    only, each entry exactly as upstream served it (hashes, yanked, requires-python, PEP 658
    keys) and the page's other keys unchanged; an unpinned project's page is whole; each page
    is fetched from upstream once, as JSON; a 404 stays a 404 and is asked again."""
    import json
    import urllib.request

    def entry(name, **more):
        digest = {"sha256": f"{abs(hash(name)):064x}"[:64]}
        return {"filename": name, "url": f"https://files.example/{name}", "hashes": digest, **more}

    keep = [
        entry("numpy-2.4.6-cp313-cp313-win_amd64.whl", **{"requires-python": ">=3.11"}),
        entry("numpy-2.4.6.tar.gz", yanked="a reason", **{"core-metadata": False}),
        entry(
            "numpy-2.4.6-cp313-cp313-macosx_11_0_arm64.whl",
            **{"core-metadata": {"sha256": "ab"}, "data-dist-info-metadata": {"sha256": "ab"}},
        ),
        entry("numpy-latest.zip"),  # no version to read from the name: kept
    ]
    drop = [
        entry("numpy-2.4.5-cp313-cp313-win_amd64.whl", yanked=True),
        entry("numpy-2.5.0.tar.gz"),
    ]
    pages = {
        "numpy": {"meta": {"api-version": "1.1"}, "name": "numpy", "versions": ["2.4.5", "2.4.6", "2.5.0"], "files": [drop[0], *keep[:2], drop[1], *keep[2:]]},
        "somethingelse": {"meta": {"api-version": "1.1"}, "name": "somethingelse", "files": [entry("somethingelse-1.0-py3-none-any.whl")]},
    }  # fmt: skip
    fetched = []

    def fake_fetch(url, accept=None):
        fetched.append((url, accept))
        name = url.rstrip("/").rsplit("/", 1)[-1]
        return json.dumps(pages[name]).encode() if name in pages else None

    monkeypatch.setattr(check_wheels, "fetch", fake_fetch)
    monkeypatch.setattr(check_wheels, "pins_here", lambda: {"numpy": check_wheels.Version("2.4.6")})
    monkeypatch.setattr(check_wheels, "closure", lambda path, roots: set())  # no prefetch
    with check_wheels.PinnedIndex(upstream="https://index.example/simple/") as index:

        def get(project):
            with urllib.request.urlopen(f"{index.url}{project}/", timeout=10) as r:
                assert r.headers["Content-Type"] == check_wheels.JSON_PAGE
                return json.load(r)

        for _ in range(2):
            served = get("NumPy")
            assert served["files"] == keep
            assert {k: v for k, v in served.items() if k != "files"} == {
                k: v for k, v in pages["numpy"].items() if k != "files"
            }
        assert get("somethingelse") == pages["somethingelse"]
        for _ in range(2):
            with pytest.raises(urllib.error.HTTPError) as missing:
                get("nothing-here")
            assert missing.value.code == 404
    json_page = check_wheels.JSON_PAGE
    assert fetched == [
        ("https://index.example/simple/numpy/", json_page),
        ("https://index.example/simple/somethingelse/", json_page),
        ("https://index.example/simple/nothing-here/", json_page),
        ("https://index.example/simple/nothing-here/", json_page),
    ]


def test_an_index_the_proxy_cannot_reach_is_a_502_that_says_why(monkeypatch):
    import urllib.request

    def refuses(url, accept=None):
        raise urllib.error.URLError("no route to host")

    monkeypatch.setattr(check_wheels, "fetch", refuses)
    monkeypatch.setattr(check_wheels, "closure", lambda path, roots: set())
    with check_wheels.PinnedIndex(upstream="https://index.example/simple/") as index:
        with pytest.raises(urllib.error.HTTPError) as answer:
            urllib.request.urlopen(f"{index.url}numpy/", timeout=10)
    assert answer.value.code == 502
    assert "could not reach https://index.example/simple/" in answer.value.read().decode()


@pytest.mark.parametrize(
    ("platform", "wanted", "unwanted"),
    [
        ("Windows x86-64", {"pywinpty", "colorama"}, {"appnope", "pywin32"}),
        ("macOS arm64", {"appnope"}, {"pywinpty", "colorama"}),
        ("Linux x86-64", set(), {"appnope", "pywinpty", "colorama"}),
    ],
)
def test_each_row_names_the_pins_only_its_platform_needs(platform, wanted, unwanted):
    """pip reads markers for the machine it runs on, so a Windows row resolved on Linux would
    never meet pywinpty or colorama: check_wheels names them. pywin32 is pinned for Windows
    too, but only the dev tools need it (docker), not requirements.txt."""
    names = {pin.split("==")[0] for pin in check_wheels.platform_pins(platform, "3.13")}
    assert wanted <= names and not (unwanted & names), names
    cmd = check_wheels.pinned_wheels_command("install", platform, "3.13")
    assert set(check_wheels.platform_pins(platform, "3.13")) <= set(cmd)
    assert "overrides==7.7.0" in check_wheels.platform_pins(platform, "3.11")  # < 3.12 only
    assert "overrides==7.7.0" not in check_wheels.platform_pins(platform, "3.13")


def _wheel(folder: Path, filename: str, requires: tuple[str, ...] = ()) -> None:
    """A minimal wheel (its metadata is all a resolution reads) named ``filename``."""
    import zipfile

    name, version = filename.split("-")[:2]
    meta = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
    meta += "".join(f"Requires-Dist: {r}\n" for r in requires)
    info = f"{name}-{version}.dist-info"
    with zipfile.ZipFile(folder / filename, "w") as z:
        z.writestr(f"{name}/__init__.py", "")
        z.writestr(f"{info}/METADATA", meta)
        z.writestr(
            f"{info}/WHEEL", "Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
        )
        z.writestr(f"{info}/RECORD", "")


@pytest.mark.parametrize(
    ("files", "passes"),
    [
        (["demo-1.0.tar.gz"], set()),  # an sdist only: no row may pass
        (["demo-1.0-py3-none-any.whl"], {"Windows x86-64", "macOS arm64", "Linux x86-64"}),
        (["demo-1.0-cp313-cp313-win_amd64.whl"], {"Windows x86-64"}),
        (["demo-1.0-cp313-cp313-manylinux_2_17_x86_64.whl"], {"Linux x86-64"}),
        (["demo-1.0-cp313-cp313-macosx_11_0_arm64.whl"], {"macOS arm64"}),
        (["demo-1.0-cp313-cp313-macosx_14_0_arm64.whl"], set()),  # refused by a Mac on macOS 11
        (["demo-1.0-cp312-cp312-win_amd64.whl"], set()),  # another Python's wheel
        (["demo-2.0-py3-none-any.whl", "demo-1.0.tar.gz"], set()),  # a wheel, not of the pin
    ],
)
def test_a_row_passes_only_with_a_wheel_of_the_pin_for_its_platform(tmp_path, files, passes):
    """The wheel check's resolution (uv), offline from a folder: a pin with no wheel for a
    platform and Python fails that row and only that row."""
    folder = tmp_path / "index"
    folder.mkdir()
    for name in files:
        if name.endswith(".whl"):
            _wheel(folder, name)
        else:
            (folder / name).write_bytes(b"not read")
    (tmp_path / "requirements.txt").write_text("demo\n")
    (tmp_path / "constraints.txt").write_text("demo==1.0\n")
    offline = ("--no-index", "--find-links", str(folder))
    for platform in check_wheels.PLATFORMS:
        ok, text = check_wheels.resolve(
            platform, "3.13", tmp_path / "cache", tmp_path / "requirements.txt",
            tmp_path / "constraints.txt", offline,
        )  # fmt: skip
        assert ok == (platform in passes), (platform, text)


def test_a_row_fails_for_a_package_the_lock_does_not_pin(tmp_path):
    folder = tmp_path / "index"
    folder.mkdir()
    _wheel(folder, "demo-1.0-py3-none-any.whl", requires=("extra",))
    _wheel(folder, "extra-3.0-py3-none-any.whl")
    (tmp_path / "requirements.txt").write_text("demo\n")
    (tmp_path / "constraints.txt").write_text("demo==1.0\n")
    offline = ("--no-index", "--find-links", str(folder))
    ok, text = check_wheels.resolve(
        "Windows x86-64", "3.13", tmp_path / "cache", tmp_path / "requirements.txt",
        tmp_path / "constraints.txt", offline,
    )  # fmt: skip
    assert not ok and text == (
        "not pinned in constraints.txt for Windows x86-64 / Python 3.13: extra"
    ), text


def test_a_windows_only_dependency_is_met_by_the_windows_row_only(tmp_path):
    """uv reads a dependency's marker for the row's platform (pip here would not)."""
    folder = tmp_path / "index"
    folder.mkdir()
    _wheel(folder, "demo-1.0-py3-none-any.whl", requires=("winonly; sys_platform == 'win32'",))
    (tmp_path / "requirements.txt").write_text("demo\n")
    (tmp_path / "constraints.txt").write_text("demo==1.0\nwinonly==1.0 ; sys_platform == 'win32'\n")
    offline = ("--no-index", "--find-links", str(folder))
    args = (
        tmp_path / "cache",
        tmp_path / "requirements.txt",
        tmp_path / "constraints.txt",
        offline,
    )
    ok, text = check_wheels.resolve("Windows x86-64", "3.13", *args)
    assert not ok and "winonly" in text, text  # no wheel of it: the Windows row fails
    assert check_wheels.resolve("Linux x86-64", "3.13", *args) == (True, "1 wheels")
    _wheel(folder, "winonly-1.0-py3-none-win_amd64.whl")
    assert check_wheels.resolve("Windows x86-64", "3.13", *args) == (True, "2 wheels")


def _offline(tmp_path, files, constraints="demo==1.0\n"):
    folder = tmp_path / "index"
    folder.mkdir(exist_ok=True)
    for name in files:
        _wheel(folder, name)
    (tmp_path / "requirements.txt").write_text("demo\n")
    (tmp_path / "constraints.txt").write_text(constraints)
    offline = ("--no-index", "--find-links", str(folder))
    return (
        tmp_path / "cache",
        tmp_path / "requirements.txt",
        tmp_path / "constraints.txt",
        offline,
    )


@pytest.mark.parametrize(
    ("wheel", "python", "passes"),
    [
        ("demo-1.0-cp313-cp313-manylinux_2_34_x86_64.whl", "3.13", set()),  # newer than 2_28
        ("demo-1.0-cp311-cp311-macosx_10_9_universal2.whl", "3.11", {"macOS arm64"}),
        ("demo-1.0-cp311-abi3-win_amd64.whl", "3.14", {"Windows x86-64"}),
        ("demo-1.0-cp313-cp313t-win_amd64.whl", "3.13", set()),  # free-threaded only
    ],
)
def test_a_row_reads_tags_as_the_learners_pip_would(tmp_path, wheel, python, passes):
    args = _offline(tmp_path, [wheel])
    for platform in check_wheels.PLATFORMS:
        ok, text = check_wheels.resolve(platform, python, *args)
        assert ok == (platform in passes), (platform, text)


def test_a_pin_only_for_another_platform_leaves_this_row_unpinned(tmp_path):
    args = _offline(
        tmp_path, ["demo-1.0-py3-none-any.whl"], "demo==1.0 ; sys_platform == 'linux'\n"
    )
    assert check_wheels.resolve("Linux x86-64", "3.13", *args) == (True, "1 wheels")
    ok, text = check_wheels.resolve("Windows x86-64", "3.13", *args)
    assert not ok and text == "not pinned in constraints.txt for Windows x86-64 / Python 3.13: demo"


def test_the_cache_cannot_supply_a_wheel_the_index_no_longer_has(tmp_path, monkeypatch):
    args = _offline(tmp_path, ["demo-1.0-py3-none-any.whl"])
    assert check_wheels.resolve("Linux x86-64", "3.13", *args)[0]
    (tmp_path / "index" / "demo-1.0-py3-none-any.whl").unlink()
    assert not check_wheels.resolve("Linux x86-64", "3.13", *args)[0]  # same cache
    caches = []
    monkeypatch.setattr(
        check_wheels, "resolve", lambda p, v, cache: caches.append(cache) or (True, "")
    )
    check_wheels.check_all()
    check_wheels.check_all()
    assert len(caches) == 24 and len(set(caches[:12])) == 1 and caches[0] != caches[12]


def test_uv_targets_have_the_floors_of_the_pip_tags():
    """targets.PLATFORMS (pip's tags) and check_wheels' uv targets name the same floors."""
    from tools import targets

    mac = targets.PLATFORMS["macOS arm64"][0]
    assert mac == f"macosx_{check_wheels.MACOS_FLOOR.replace('.', '_')}_arm64"
    newest_linux = targets.PLATFORMS["Linux x86-64"][0]
    assert check_wheels.UV_PLATFORMS["Linux x86-64"] == "x86_64-" + newest_linux.removesuffix(
        "_x86_64"
    )
    assert targets.PLATFORMS["Windows x86-64"] == ["win_amd64"]
    assert check_wheels.UV_PLATFORMS["Windows x86-64"] == "x86_64-pc-windows-msvc"


def test_pins_here_are_the_pins_whose_marker_holds_here():
    """PinnedIndex filters a page only by a pin whose marker holds here (pip applies no
    other); Windows-only pins are served whole on Linux and macOS."""
    here = check_wheels.pins_here()
    locked = pins.pins(ROOT / "constraints.txt")  # every platform's, read without markers
    assert here["numpy"] == check_wheels.Version(locked["numpy"])
    assert set(here) <= set(locked)
    if sys.platform != "win32":
        assert not {"pywinpty", "colorama", "pywin32"} & set(here)
    if sys.platform != "darwin":
        assert "appnope" not in here


def test_the_prefetch_stops_at_an_unreachable_index_and_outlives_nothing(monkeypatch):
    import threading
    import time
    import urllib.error

    calls = []

    def slow_failure(url, accept=None):
        calls.append(url)
        time.sleep(0.3)
        raise urllib.error.URLError("unreachable")

    monkeypatch.setattr(check_wheels, "fetch", slow_failure)
    monkeypatch.setattr(check_wheels, "closure", lambda path, roots: {f"p{i}" for i in range(100)})
    before = threading.active_count()
    with check_wheels.PinnedIndex(upstream="https://index.example/simple/") as index:
        time.sleep(1.0)  # three rounds of eight 0.3 s fetches, were nothing to stop them
    start = time.monotonic()
    index.prefetching.shutdown(wait=True)
    assert time.monotonic() - start < 5
    assert len(calls) <= 16, len(calls)  # the first failures stop the rest
    assert index.error is not None and "unreachable" in index.error
    assert threading.active_count() <= before + 1
