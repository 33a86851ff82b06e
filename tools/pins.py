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

    Comments, option lines (``-r``, ``-c``) and ``--hash`` continuations are skipped; an
    environment marker after ``;`` is allowed, and with ``here_only`` a pin whose marker
    does not hold on this interpreter and platform is left out (what pip would install
    here). A line that is not one exact version (``>=``, ``==2.*``, a local ``+`` version)
    raises ValueError.
    """
    found = {}
    # A trailing backslash continues a line (pip-compile's --hash style).
    text = Path(path).read_text().replace("\\\n", " ")
    for line in text.splitlines():
        line = line.split("#")[0].split(" --hash")[0].strip()
        if not line or line.startswith("-"):
            continue
        requirement = Requirement(line)
        if here_only and requirement.marker and not requirement.marker.evaluate():
            continue
        specifiers = list(requirement.specifier)
        exact = len(specifiers) == 1 and specifiers[0].operator in ("==", "===")
        version = specifiers[0].version if exact else ""
        if not exact or "*" in version or "+" in version:
            raise ValueError(f"{Path(path).name}: {line!r} is not a pin (name==version)")
        found[canonicalize_name(requirement.name)] = version
    return found
