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


def pins(path: Path, here_only: bool = False) -> dict[str, str]:
    """Canonical name -> version of every ``name==version`` line of ``path``.

    Comments and option lines (``-r``, ``-c``) are skipped; an environment marker after
    ``;`` is allowed, and with ``here_only`` a pin whose marker does not hold on this
    interpreter and platform is left out (what pip would install here).
    """
    found = {}
    for line in Path(path).read_text().splitlines():
        line = line.split("#")[0].strip()
        if not line or line.startswith("-"):
            continue
        requirement = Requirement(line)
        if here_only and requirement.marker and not requirement.marker.evaluate():
            continue
        specifiers = list(requirement.specifier)
        if len(specifiers) != 1 or specifiers[0].operator != "==":
            raise ValueError(f"{Path(path).name}: {line!r} is not a pin (name==version)")
        found[canonicalize_name(requirement.name)] = specifiers[0].version
    return found
