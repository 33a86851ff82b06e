"""The package keeps the shape its README promises: small modules; private names stay in
their module (shared internals live in private modules, ``helpers._*``); no module imports
the package it belongs to; ipywidgets only in ``helpers.widgets``; nothing outside
``helpers.exercises`` imports from it (but ``helpers/__init__``, for the flat ``h.`` names); no two re-exported modules export the same name."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import helpers

PACKAGE = Path(__file__).resolve().parents[1] / "helpers"
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py")
INITS = sorted(PACKAGE.rglob("__init__.py"))
MAX_LINES = 400


def ids(path: Path) -> str:
    return str(path.relative_to(PACKAGE))


def imports(path: Path) -> list[ast.ImportFrom | ast.Import]:
    tree = ast.parse(path.read_text())
    return [node for node in ast.walk(tree) if isinstance(node, ast.Import | ast.ImportFrom)]


def imported_modules(path: Path) -> list[str]:
    out = []
    for node in imports(path):
        if isinstance(node, ast.Import):
            out.extend(a.name for a in node.names)
        elif node.module:
            out.append(node.module)
    return out


def package_of(path: Path) -> str:
    """The dotted package a file belongs to (``helpers`` or ``helpers.widgets``)."""
    if not path.is_relative_to(PACKAGE):  # the self-test's files: as if in helpers/
        return "helpers"
    return ".".join(("helpers", *path.parent.relative_to(PACKAGE).parts))


@pytest.mark.parametrize("path", MODULES, ids=ids)
def test_no_private_name_is_imported_from_another_module(path):
    private = [
        f"{node.module}.{alias.name}"
        for node in imports(path)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("helpers")
        for alias in node.names
        if alias.name.startswith("_")
    ]
    assert not private, (
        f"{path.name} imports private names {private}: "
        "move shared internals to a private module (helpers._numerics) and import them from there"
    )


@pytest.mark.parametrize("path", MODULES, ids=ids)
def test_no_module_imports_the_package_it_belongs_to(path):
    own = {"helpers", package_of(path)}
    upward = [
        ast.unparse(node)
        for node in imports(path)
        if (isinstance(node, ast.Import) and any(a.name in own for a in node.names))
        or (isinstance(node, ast.ImportFrom) and node.module in own)
    ]
    assert not upward, f"{path.name} imports its own package: {upward}; import the module instead"


@pytest.mark.parametrize("path", MODULES + INITS, ids=ids)
def test_only_the_widgets_subpackage_imports_ipywidgets(path):
    if package_of(path) == "helpers.widgets":
        return
    widgets = [m for m in imported_modules(path) if m.split(".")[0] == "ipywidgets"]
    assert not widgets, f"{path.name} imports {widgets}: widgets belong in helpers/widgets/"


# The one importer allowed: the package's own __init__, for the flat h.check_* names.
EXERCISES_IMPORTER = PACKAGE / "__init__.py"


@pytest.mark.parametrize("path", MODULES + INITS, ids=ids)
def test_nothing_outside_exercises_imports_from_it(path):
    if package_of(path) == "helpers.exercises" or path == EXERCISES_IMPORTER:
        return
    used = [m for m in imported_modules(path) if m.startswith("helpers.exercises")]
    assert not used, f"{path.name} imports {used}: the exercises' checks are not a library"


@pytest.mark.parametrize("path", MODULES, ids=ids)
def test_modules_stay_small(path):
    lines = len(path.read_text().splitlines())
    assert lines <= MAX_LINES, f"{path.name} has {lines} lines; split it by theme"


def star_exports(init: Path) -> dict[str, list[str]]:
    """Each module star-imported by ``init``, with its ``__all__``."""
    out = {}
    for node in imports(init):
        if isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names):
            out[node.module] = list(importlib.import_module(node.module).__all__)
    return out


def duplicates(exports: dict[str, list[str]]) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = {}
    for module, names in exports.items():
        for name in names:
            seen.setdefault(name, []).append(module)
    return {name: mods for name, mods in seen.items() if len(mods) > 1}


@pytest.mark.parametrize("init", INITS, ids=ids)
def test_no_two_star_imports_export_the_same_name(init):
    clash = duplicates(star_exports(init))
    assert not clash, f"{ids(init)}: names exported by more than one module: {clash}"


def test_every_re_exported_name_exists():
    missing = [name for name in helpers.__all__ if not hasattr(helpers, name)]
    assert not missing
    assert len(set(helpers.__all__)) == len(helpers.__all__)


def test_the_structure_checks_can_fail(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import helpers\nimport ipywidgets\nfrom helpers.logits import _cross_entropy_rows\n"
        "from helpers.exercises import check_entropy_bits\n"
    )
    assert [ast.unparse(n) for n in imports(bad)] == [
        "import helpers",
        "import ipywidgets",
        "from helpers.logits import _cross_entropy_rows",
        "from helpers.exercises import check_entropy_bits",
    ]
    with pytest.raises(AssertionError, match="private names"):
        test_no_private_name_is_imported_from_another_module(bad)
    with pytest.raises(AssertionError, match="imports its own package"):
        test_no_module_imports_the_package_it_belongs_to(bad)
    with pytest.raises(AssertionError, match="belong in helpers/widgets"):
        test_only_the_widgets_subpackage_imports_ipywidgets(bad)
    with pytest.raises(AssertionError, match="not a library"):
        test_nothing_outside_exercises_imports_from_it(bad)
    assert duplicates({"a": ["x", "y"], "b": ["y"]}) == {"y": ["a", "b"]}


@pytest.mark.parametrize("path", [p for p in MODULES if not p.name.startswith("_")], ids=ids)
def test_every_public_module_is_re_exported_whole(path):
    """helpers/__init__.py's claim: every name in a module's __all__ is a flat h. name."""
    module = importlib.import_module(".".join((package_of(path), path.stem)))
    missing = [n for n in module.__all__ if getattr(helpers, n, None) is not getattr(module, n)]
    assert not missing, f"{ids(path)} exports {missing}, which helpers does not re-export"


LAZY = {"matplotlib", "ipywidgets", "IPython", "PIL"}


def function_level_imports(path: Path) -> list[str]:
    found = []
    for fn in ast.walk(ast.parse(path.read_text())):
        if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(fn):
                if isinstance(node, ast.Import):
                    found.extend(a.name for a in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module:
                    found.append(node.module)
    return found


@pytest.mark.parametrize("path", MODULES, ids=ids)
def test_only_the_heavy_libraries_are_imported_lazily(path):
    """Importing inside a function is for matplotlib, ipywidgets, IPython and PIL only
    (so `import helpers` stays light); everything else is imported at the top."""
    lazy = [m for m in function_level_imports(path) if m.split(".")[0] not in LAZY]
    assert not lazy, f"{ids(path)} imports {lazy} inside a function: import them at the top"


def test_the_lazy_import_check_can_fail(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    import matplotlib.pyplot\n    from helpers.plots import COLORS\n")
    assert function_level_imports(bad) == ["matplotlib.pyplot", "helpers.plots"]


def test_a_copy_that_was_never_installed_still_imports():
    """PYTHONPATH=course-folder (no pip install): import works; check_environment says what to do."""
    import subprocess
    import sys

    code = (
        "import importlib.metadata as m\n"
        "def missing(name):\n"
        "    raise m.PackageNotFoundError(name)\n"
        "m.version = missing\n"
        "import helpers\n"
        "print(helpers.__version__)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0+unknown"
