"""The package's identity, in one place: its distribution name on PyPI.

The import name stays ``helpers``; the distribution (pyproject.toml's ``name``) is
``cross-entropy-course``. ``helpers/__init__`` and ``helpers.environment`` read it here.
"""

from __future__ import annotations

#: The distribution's name on PyPI (pyproject.toml); the import name stays ``helpers``.
DISTRIBUTION = "cross-entropy-course"
