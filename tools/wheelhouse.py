"""The wheel folder for a room without internet: `make wheelhouse`.

Downloads every pinned package (``requirements.txt`` with ``constraints.txt``) as
wheels for Windows x86-64, macOS arm64 and Linux x86-64 on Python 3.11-3.14 into one
folder, adds setuptools (so ``pip install -e .`` builds the course with ``--no-index``),
and prints the folder's size per platform. An instructor
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
from pathlib import Path

from packaging.utils import parse_wheel_filename

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_wheels import PLATFORM_TAGS, PLATFORMS, PYTHONS, wheel_args  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
# The build backend pyproject.toml names: `pip install -e .` needs it, offline too.
BUILD_REQUIREMENT = "setuptools>=68"
MB = 1_000_000


def download(dest: Path, platform: str, python: str) -> None:
    """Every pinned wheel for one platform and Python version (pip skips files it has)."""
    cmd = [sys.executable, "-m", "pip", "download", "--dest", str(dest)]
    cmd += [*wheel_args(PLATFORMS[platform], python), "--quiet", "--disable-pip-version-check"]
    cmd += ["-r", "requirements.txt", "-c", "constraints.txt", BUILD_REQUIREMENT]
    subprocess.run(cmd, cwd=ROOT, check=True)


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
    result["pure-Python wheels (in each of the above)"] = shared
    result["whole folder"] = shared + sum(own.values())
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dest", type=Path, default=ROOT / "wheelhouse")
    parser.add_argument("--platform", choices=list(PLATFORMS), action="append")
    parser.add_argument("--python", choices=PYTHONS, action="append")
    args = parser.parse_args(argv)
    args.dest.mkdir(parents=True, exist_ok=True)
    for platform in args.platform or list(PLATFORMS):
        for python in args.python or PYTHONS:
            print(f"{platform}, Python {python} ...", flush=True)
            download(args.dest, platform, python)
    count = len(list(args.dest.glob("*.whl")))
    print(f"{args.dest}: {count} wheels")
    for name, size in sizes(args.dest).items():
        print(f"  {name}: {size / MB:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
