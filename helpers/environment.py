"""The start notebook's set-up check: are the right packages here?"""

from __future__ import annotations

import sys
from importlib import metadata

__all__ = ["check_environment", "REQUIREMENTS"]

# Lowest versions the course is written for (the pinned ones are newer).
# ipywidgets 8 needs the JupyterLab extension jupyterlab_widgets 3: with a
# mismatch, widgets show as plain text or "model not found".
REQUIREMENTS = {
    "numpy": (2, 0),
    "matplotlib": (3, 8),
    "ipywidgets": (8, 0),
    "jupyterlab_widgets": (3, 0),
}

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

    Returns ``True`` when everything the course needs is present.

    Examples
    --------
    >>> check_environment(verbose=False)
    True
    """
    lines = []
    ok = sys.version_info >= (3, 11)
    mark = "✓" if ok else "✗"
    lines.append(f"{mark} Python {sys.version.split()[0]} (needs 3.11 or newer)")
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
        lines.append(f"✓ helpers {metadata.version('cross-entropy-course')} installed")
    except metadata.PackageNotFoundError:
        ok = False
        lines.append("✗ helpers is not installed (pip install --no-deps -e . in the course folder)")
    lines.append("All set: the course will run here." if ok else _FIX)
    if verbose:
        print("\n".join(lines))
    return ok
