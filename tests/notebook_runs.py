"""Each notebook runs once per test session; that run feeds every test that needs one.

:func:`fresh_run` executes a notebook (``tools/run_notebooks.py``, as ``make notebooks``
does), then, in the same kernel, each exercise solution shown in its markdown followed by
the check call learners run. The strict comparison with the stored notebook, the stored-
notebook checks and the exercises' checks all read this one run.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import nbformat

from tools.run_notebooks import execute_then, render

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
SANITIZE = ROOT / "tests" / "sanitize.cfg"
IGNORE_OUTPUT = "nbval-ignore-output"
SOLUTION = re.compile(r"<summary>Solution</summary>\s*```python\n(.*?)```", re.S)
CHECK_CALL = re.compile(r"^(h\.check_\w+\(.*\))\s*$", re.M)
RESULT = "SOLUTION-RESULT "

# Run after the notebook: the solution in a copy of the notebook's globals (so one
# solution cannot help the next), its prints swallowed, then the check calls.
_RUN_SOLUTION = """\
import contextlib as _c, io as _io, json as _json
_ns = dict(globals())
with _c.redirect_stdout(_io.StringIO()):
    exec({body!r}, _ns)
    _res = [[_call, bool(_fb.passed), str(_fb.message)] for _call, _fb in ((c, eval(c, _ns)) for c in {calls!r})]
print({marker!r} + _json.dumps(_res))
"""


@dataclass(frozen=True)
class Solution:
    cell: int  # the markdown cell that shows it
    code: str
    calls: tuple[str, ...]


@dataclass(frozen=True)
class Run:
    notebook: nbformat.NotebookNode
    text: str  # as `make notebooks` would write it
    checks: tuple[tuple[Solution, tuple[tuple[str, bool, str], ...]], ...]


def solutions(path: Path) -> list[Solution]:
    nb = json.loads(path.read_text())
    found = []
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "markdown":
            for block in SOLUTION.findall("".join(cell["source"])):
                found.append(Solution(i, block, tuple(CHECK_CALL.findall(block))))
    return found


@cache
def fresh_run(path: Path) -> Run:
    sols = solutions(path)
    after = [
        _RUN_SOLUTION.format(body=CHECK_CALL.sub("", s.code), calls=list(s.calls), marker=RESULT)
        for s in sols
    ]
    nb, extra = execute_then(path, after)
    checks = []
    for sol, outputs in zip(sols, extra, strict=True):
        errors = [o for o in outputs if o.output_type == "error"]
        if errors:
            e = errors[0]
            results = ((sol.code, False, f"{e.ename}: {e.evalue}"),)
        else:
            text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
            line = next(ln for ln in text.splitlines() if ln.startswith(RESULT))
            results = tuple(tuple(r) for r in json.loads(line[len(RESULT) :]))
        checks.append((sol, results))
    return Run(nb, render(nb), tuple(checks))


@cache
def sanitizers() -> list[tuple[re.Pattern, str]]:
    """The (regex, replacement) pairs of tests/sanitize.cfg, the file nbval reads too."""
    lines = SANITIZE.read_text().splitlines()
    pairs = []
    for i, line in enumerate(lines):
        if line.startswith("regex: "):
            assert lines[i + 1].startswith("replace: "), f"sanitize.cfg line {i + 2}"
            pairs.append((re.compile(line[len("regex: ") :]), lines[i + 1][len("replace: ") :]))
    return pairs


def _sanitize(value):
    if isinstance(value, str):
        for regex, replacement in sanitizers():
            value = regex.sub(replacement, value)
        return value
    if isinstance(value, list):
        return [_sanitize(v) for v in value]
    if isinstance(value, dict):
        return {k: v if k.startswith("image/") else _sanitize(v) for k, v in value.items()}
    return value


def comparable(text: str) -> str:
    """A notebook's text as the strict comparison sees it: sanitised as nbval is, and the
    outputs of cells tagged ``nbval-ignore-output`` left out (they show this machine)."""
    nb = json.loads(text)
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        if IGNORE_OUTPUT in cell.get("metadata", {}).get("tags", []):
            cell["outputs"] = []
        else:
            cell["outputs"] = [_sanitize(o) for o in cell["outputs"]]
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False)


def first_difference(stored: str, fresh: str) -> str:
    a, b = json.loads(stored)["cells"], json.loads(fresh)["cells"]
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return (
                f"cell {i} differs:\nstored: {json.dumps(x)[:600]}\nfresh:  {json.dumps(y)[:600]}"
            )
    return f"the notebooks have {len(a)} and {len(b)} cells"
