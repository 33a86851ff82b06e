"""The start notebook's set-up check: are the right packages here."""

from __future__ import annotations

import re
import sys
from importlib import metadata

from helpers._meta import DISTRIBUTION as _DISTRIBUTION

__all__ = ["check_environment", "REQUIREMENTS"]


def _floors() -> dict[str, tuple[int, ...]]:
    """The ``name>=version`` floors of the package's own metadata (pyproject.toml)."""
    try:
        requires = metadata.requires(_DISTRIBUTION) or []
    except metadata.PackageNotFoundError:  # check_environment then says how to install it
        return {}
    floors = {}
    for requirement in requires:
        match = re.match(r"^\s*([A-Za-z0-9_.-]+)\s*>=\s*([0-9.]+)\s*$", requirement)
        if match:
            floors[match[1]] = tuple(int(part) for part in match[2].split("."))
    return floors


#: Lowest versions the course is written for (the pinned ones are newer), read from
#: the installed package's metadata: one place, pyproject.toml's dependencies.
REQUIREMENTS = _floors()


def _python_floor() -> tuple[int, ...] | None:
    """Return pyproject.toml's ``requires-python`` floor, from the installed metadata.

    ``None`` when the package is not installed (no second copy of the number here).
    """
    try:
        spec = metadata.metadata(_DISTRIBUTION)["Requires-Python"] or ""
    except metadata.PackageNotFoundError:  # check_environment then says how to install it
        return None
    match = re.match(r"^\s*>=\s*([0-9.]+)\s*$", spec)
    return tuple(int(x) for x in match[1].split(".")) if match else None


#: The oldest Python the course supports: pyproject.toml's requires-python (``None``
#: when the package's metadata is missing).
PYTHON_FLOOR = _python_floor()

_FIX = (
    "Fix: from the course folder run `make lab` (it builds .venv with the pinned versions), "
    "or open the course on Binder (README)."
)


def _version_tuple(text: str) -> tuple[int, ...]:
    parts = []
    for piece in text.split(".")[:2]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts)


def check_environment(verbose: bool = True) -> bool:
    """Print the versions this notebook runs with and whether they are new enough.

    Returns ``True`` when everything the course needs is present. A passing Python line
    names the floor it tested ("✓ Python 3.11 or newer"), not the running version, so the
    start notebook's stored output is the same on every supported interpreter; a failing
    one shows the version found. Without the package's metadata (a copy that was never
    installed) nothing can be checked: the Python line starts with "?".

    Examples
    --------
    >>> check_environment(verbose=False)
    True
    """
    lines = []
    if PYTHON_FLOOR is None:
        ok = False
        lines.append(
            f"? Python {sys.version.split()[0]}: not checked, and neither are the packages "
            "(helpers' metadata, which holds the version floors, is missing)"
        )
    else:
        ok = sys.version_info >= PYTHON_FLOOR
        need = ".".join(map(str, PYTHON_FLOOR))
        # The passing line names the floor, not this interpreter's version, so that a stored
        # output is the same on every Python the course supports; a failure shows the version.
        lines.append(
            f"✓ Python {need} or newer"
            if ok
            else f"✗ Python {sys.version.split()[0]} (needs {need} or newer)"
        )
    for name, minimum in REQUIREMENTS.items():
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            ok = False
            lines.append(f"✗ {name} is not installed")
            continue
        good = _version_tuple(version) >= minimum
        ok &= good
        need = ".".join(map(str, minimum))
        lines.append(f"{'✓' if good else '✗'} {name} {version} (needs {need} or newer)")
    try:
        lines.append(f"✓ helpers {metadata.version(_DISTRIBUTION)} installed")
    except metadata.PackageNotFoundError:
        ok = False
        lines.append("✗ helpers is not installed (pip install --no-deps -e . in the course folder)")
    lines.append("All set: the course will run here." if ok else _FIX)
    if verbose:
        print("\n".join(lines))
    return ok
