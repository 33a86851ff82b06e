"""The package keeps the shape its README promises: small modules, no private names
crossing module borders, no module importing the package it belongs to."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "helpers"
MODULES = sorted(p for p in PACKAGE.glob("*.py") if p.name != "__init__.py")
MAX_LINES = 400


def imports(path: Path) -> list[ast.ImportFrom | ast.Import]:
    tree = ast.parse(path.read_text())
    return [node for node in ast.walk(tree) if isinstance(node, ast.Import | ast.ImportFrom)]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_private_name_is_imported_from_another_module(path):
    private = [
        f"{node.module}.{alias.name}"
        for node in imports(path)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("helpers")
        for alias in node.names
        if alias.name.startswith("_")
    ]
    assert not private, (
        f"{path.name} imports private names {private}: make them public or move them"
    )


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_module_imports_the_package_it_belongs_to(path):
    upward = [
        ast.unparse(node)
        for node in imports(path)
        if (isinstance(node, ast.Import) and any(a.name == "helpers" for a in node.names))
        or (isinstance(node, ast.ImportFrom) and node.module == "helpers")
    ]
    assert not upward, f"{path.name} imports its own package: {upward}; import the module instead"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_modules_stay_small(path):
    lines = len(path.read_text().splitlines())
    assert lines <= MAX_LINES, f"{path.name} has {lines} lines; split it by theme"


def test_the_structure_checks_can_fail(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import helpers\nfrom helpers.logits import _shift_and_normalise\n")
    assert [ast.unparse(n) for n in imports(bad)] == [
        "import helpers",
        "from helpers.logits import _shift_and_normalise",
    ]
    with pytest.raises(AssertionError, match="private names"):
        test_no_private_name_is_imported_from_another_module(bad)
    with pytest.raises(AssertionError, match="imports its own package"):
        test_no_module_imports_the_package_it_belongs_to(bad)
