"""The pins of a requirements or constraints file, read one way everywhere.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = Path(tmp) / "constraints.txt"
...     _ = path.write_text("Jupyter_Server==2.21.1  # via jupyterlab\\n-r base.txt\\n"
...                         "pywin32==312 ; sys_platform == 'win32'\\n")
...     pins(path)
{'jupyter-server': '2.21.1', 'pywin32': '312'}
"""

from __future__ import annotations

from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name


def requirements(path: Path) -> list[Requirement]:
    """Every requirement line of ``path`` (comments, option lines and ``--hash`` parts skipped)."""
    # A trailing backslash continues a line (pip-compile's --hash style).
    text = Path(path).read_text().replace("\\\n", " ")
    found = []
    for line in text.splitlines():
        line = line.split("#")[0].split(" --hash")[0].strip()
        if line and not line.startswith("-"):
            found.append(Requirement(line))
    return found


def needed_by(path: Path) -> dict[str, set[str]]:
    """Each pin's ``# via`` lines in a lock written by uv or pip-compile: canonical name ->
    what needs it (canonical names, or ``-r file`` for a requirements file)."""
    parents: dict[str, set[str]] = {}
    current = None
    for line in Path(path).read_text().splitlines():
        if line and not line.startswith((" ", "#", "-")):
            current = canonicalize_name(Requirement(line.split("#")[0].strip()).name)
            parents[current] = set()
        elif current and line.strip().startswith("#"):
            words = line.strip().lstrip("#").strip().removeprefix("via").strip()
            if words:
                parents[current].add(words if words.startswith("-r ") else canonicalize_name(words))
    return parents


def closure(path: Path, roots: str) -> set[str]:
    """The pins of the lock ``path`` that ``-r roots`` needs, directly or through others."""
    parents = needed_by(path)
    found = {name for name, needs in parents.items() if f"-r {roots}" in needs}
    while True:
        more = {name for name, needs in parents.items() if needs & found} - found
        if not more:
            return found
        found |= more


def pins(path: Path, here_only: bool = False, environment: dict | None = None) -> dict[str, str]:
    """Canonical name -> version of every ``name==version`` line of ``path``.

    Comments, option lines (``-r``, ``-c``) and ``--hash`` continuations are skipped; an
    environment marker after ``;`` is allowed, and with ``here_only`` a pin whose marker
    does not hold on this interpreter and platform is left out (what pip would install
    here); with ``environment`` (a marker environment, e.g. another platform's), one whose
    marker does not hold there. A line that is not one exact version (``>=``, ``==2.*``, a local ``+`` version)
    raises ValueError.
    """
    found = {}
    for requirement in requirements(path):
        applies = here_only or environment is not None
        if applies and requirement.marker and not requirement.marker.evaluate(environment):
            continue
        specifiers = list(requirement.specifier)
        exact = len(specifiers) == 1 and specifiers[0].operator in ("==", "===")
        version = specifiers[0].version if exact else ""
        if not exact or "*" in version or "+" in version:
            raise ValueError(
                f"{Path(path).name}: {str(requirement)!r} is not a pin (name==version)"
            )
        found[canonicalize_name(requirement.name)] = version
    return found
