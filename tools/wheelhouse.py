"""The wheel folder for a room without internet: `make wheelhouse`.

Downloads every pinned package (``requirements.txt`` with ``constraints.txt``) as
wheels for Windows x86-64, macOS arm64 and Linux x86-64 on Python 3.11-3.14 into one
folder, adds pyproject.toml's build requirements (so ``pip install -e .`` builds the
course with ``--no-index``), and prints the folder's size per platform. An instructor
copies the folder to a USB stick; the instructor guide's plan B gives the install
commands.

    python tools/wheelhouse.py                      # every platform and Python
    python tools/wheelhouse.py --dest DIR --platform "Linux x86-64" --python 3.11
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.utils import parse_wheel_filename

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_wheels import PinnedIndex, pinned_wheels_command, proxied  # noqa: E402
from targets import PLATFORM_TAGS, PLATFORMS, PYTHONS  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
MB = 1_000_000
#: sizes()'s keys beside the platforms', and how main() prints them.
PURE, ALL = "pure", "all"
LABELS = {PURE: "pure-Python wheels (in each of the above)", ALL: "whole folder"}


def build_requirements() -> list[str]:
    """pyproject.toml's build-system requires: `pip install -e .` needs them, offline too."""
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["build-system"]["requires"]


def download(dest: Path, platform: str, python: str, index_url: str | None = None) -> None:
    """Every pinned wheel for one platform and Python version (pip skips files it has).
    ``index_url``: a :class:`check_wheels.PinnedIndex`'s, instead of pip's default index."""
    cmd = pinned_wheels_command("download", platform, python)
    cmd += ["--dest", str(dest), *build_requirements()]
    cmd, env = proxied(cmd, index_url)
    subprocess.run(cmd, cwd=ROOT, env=env, check=True)


def platform_of(wheel: Path) -> str | None:
    """The platform a wheel is for, or None for a pure-Python wheel (any platform)."""
    tags = parse_wheel_filename(wheel.name)[3]
    for name, pattern in PLATFORM_TAGS.items():
        if any(re.fullmatch(pattern, tag.platform) for tag in tags):
            return name
    if all(tag.platform == "any" for tag in tags):
        return None
    raise ValueError(f"{wheel.name}: a wheel for none of the course's platforms")


def sizes(folder: Path) -> dict[str, int]:
    """Bytes per platform (its own wheels plus the pure ones), and the whole folder."""
    shared = 0
    own = dict.fromkeys(PLATFORMS, 0)
    for wheel in folder.glob("*.whl"):
        name = platform_of(wheel)
        if name is None:
            shared += wheel.stat().st_size
        else:
            own[name] += wheel.stat().st_size
    result = {name: size + shared for name, size in own.items()}
    result[PURE] = shared
    result[ALL] = shared + sum(own.values())
    return result


def main(argv: list[str] | None = None, index: PinnedIndex | None = None) -> int:
    """``index``: a started PinnedIndex to download through (else a new one)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dest", type=Path, default=ROOT / "wheelhouse")
    parser.add_argument("--platform", choices=list(PLATFORMS), action="append")
    parser.add_argument("--python", choices=PYTHONS, action="append")
    args = parser.parse_args(argv)
    args.dest.mkdir(parents=True, exist_ok=True)
    if index is None:
        with PinnedIndex() as index:  # each project page fetched once, pinned files only
            return main(argv, index)
    for platform in args.platform or list(PLATFORMS):
        for python in args.python or PYTHONS:
            print(f"{platform}, Python {python} ...", flush=True)
            download(args.dest, platform, python, index.url)
    count = len(list(args.dest.glob("*.whl")))
    print(f"{args.dest}: {count} wheels")
    for name, size in sizes(args.dest).items():
        print(f"  {LABELS.get(name, name)}: {size / MB:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
