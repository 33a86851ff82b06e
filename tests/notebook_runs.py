"""Each notebook runs once per test session; that run feeds every test that needs one.

:func:`fresh_run` executes a notebook (``tools/run_notebooks.py``, as ``make notebooks``
does), then, in the same kernel, each exercise solution shown in its markdown followed by
the check call learners run. The strict comparison with the stored notebook and the
exercises' checks read this one run; the other stored-notebook checks (execution counts,
no stored errors, no widget state or machine paths) read the file on disk, which the
strict comparison ties to the run. A notebook that fails to run is run once too: the
failure is cached and every later test that asks for it gets the same error.

The runs this session's selected tests need (tests/conftest.py tells :func:`expect`) start
together as soon as the tests are collected (:func:`start`), :data:`WORKERS` at a time in
separate processes, so notebooks execute while other tests run and read earlier runs.
"""

from __future__ import annotations

import atexit
import copy
import json
import multiprocessing
import os
import re
from concurrent.futures import Future, ProcessPoolExecutor
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

# Run after Run All, so every solution sees the notebook's *final* state, not the state
# at the cell where it is shown. Each runs in its own namespace: a copy of the notebook's
# globals in which lists, dicts, sets and NumPy arrays are deep copies (so a solution
# that mutates one in place cannot help or break the next; other objects are shared),
# its prints swallowed, then the check calls.
_RUN_SOLUTION = """\
import contextlib as _c, copy as _copy, io as _io, json as _json
def _private(v):
    if isinstance(v, (list, dict, set)) or type(v).__name__ == "ndarray":
        try:
            return _copy.deepcopy(v)
        except Exception:
            return v
    return v
_ns = {{_k: (_v if _k.startswith("_") or _k in ("In", "Out") else _private(_v)) for _k, _v in globals().items()}}
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


_RUNS: dict[Path, Run | BaseException] = {}


# Notebooks executing at once (the machine has two cores); NOTEBOOK_WORKERS=1: one after
# another, in this process, as each test asks.
def _workers() -> int:
    value = os.environ.get("NOTEBOOK_WORKERS", "2")
    if not (value.isascii() and value.isdigit()) or int(value) < 1:
        raise ValueError(f"NOTEBOOK_WORKERS must be a whole number >= 1, got {value!r}")
    return int(value)


WORKERS = _workers()
_EXPECTED: list[Path] = []
_PENDING: dict[Path, Future] = {}


def expect(paths) -> None:
    """The notebooks this session's tests will ask :func:`fresh_run` for (conftest.py)."""
    _EXPECTED[:] = sorted(set(paths))


_POOL: list[ProcessPoolExecutor] = []  # the one pool, once started


def _start_expected(first: Path) -> None:
    """Submit every expected run, ``first`` first, to a pool of WORKERS processes."""
    pool = ProcessPoolExecutor(max_workers=WORKERS, mp_context=multiprocessing.get_context("spawn"))
    atexit.register(pool.shutdown, wait=False, cancel_futures=True)
    _POOL.append(pool)
    for path in [first, *(p for p in _EXPECTED if p != first)]:
        _PENDING[path] = pool.submit(_run, path)


def running() -> int:
    """How many notebook runs are executing right now (in the pool's processes)."""
    return sum(future.running() for future in list(_PENDING.values()))


def start() -> None:
    """Start the expected runs now, without waiting for the first test that reads one
    (conftest.py calls it once the session's tests are collected): they execute while the
    tests before it run (the browser's: JupyterLab leaves a core partly idle)."""
    if WORKERS > 1 and _EXPECTED and not _POOL:
        _start_expected(_EXPECTED[0])


def fresh_run(path: Path) -> Run:
    """The one run of ``path`` this session (a failed run is cached as its error)."""
    if path not in _RUNS:
        if WORKERS > 1 and not _POOL:
            _start_expected(path)
        if _POOL and path not in _PENDING:  # not expected: it queues in the pool all the same
            _PENDING[path] = _POOL[0].submit(_run, path)
        try:
            future = _PENDING.pop(path, None)
            _RUNS[path] = future.result() if future is not None else _run(path)
        except Exception as exc:  # noqa: BLE001 - cached, re-raised below
            _RUNS[path] = exc
    result = _RUNS[path]
    if isinstance(result, BaseException):
        raise RuntimeError(f"{path.name} failed to run (run once, error cached)") from result
    return result


def _run(path: Path) -> Run:
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


def sanitise(text: str) -> str:
    """``text`` with every regex of tests/sanitize.cfg applied, as nbval applies them."""
    for regex, replacement in sanitizers():
        text = regex.sub(replacement, text)
    return text


def comparable(stored: str, fresh: nbformat.NotebookNode) -> tuple[str, str]:
    """The two texts the strict comparison holds byte for byte: the stored file as it is,
    and the fresh run as ``make notebooks`` would write it, both sanitised as nbval is
    (the regexes run over the whole text). Cells tagged ``nbval-ignore-output`` show this
    machine: the fresh run takes the stored file's outputs for them before rendering, so
    only those outputs go unchecked here (tests check what they may contain)."""
    fresh = copy.deepcopy(fresh)
    stored_cells = nbformat.reads(stored, as_version=4).cells
    for old, new in zip(stored_cells, fresh.cells, strict=False):
        if new.cell_type == "code" and IGNORE_OUTPUT in new.metadata.get("tags", []):
            new.outputs = copy.deepcopy(old.get("outputs", []))
    return sanitise(stored), sanitise(render(fresh))


def _first_path(x, y, path: str = "") -> str:
    """The JSON path of the first place ``x`` and ``y`` differ."""
    if type(x) is not type(y):
        return f"{path} ({type(x).__name__} vs {type(y).__name__})"
    if isinstance(x, dict):
        for key in sorted(set(x) | set(y)):
            if key not in x or key not in y:
                return f"{path}.{key} (only in {'fresh' if key not in x else 'stored'})"
            if x[key] != y[key]:
                return _first_path(x[key], y[key], f"{path}.{key}")
    if isinstance(x, list):
        for i, (u, v) in enumerate(zip(x, y, strict=False)):
            if u != v:
                return _first_path(u, v, f"{path}[{i}]")
        return f"{path} ({len(x)} vs {len(y)} items)"
    if isinstance(x, str):
        i = next((k for k, (u, v) in enumerate(zip(x, y, strict=False)) if u != v), None)
        return f"{path} at character {min(len(x), len(y)) if i is None else i}"
    return path


def first_difference(stored: str, fresh: str, context: int = 60) -> str:
    """Where two notebook texts first differ: the JSON path (``cells[12].outputs[0].data.
    image/png at character 4051``, or "same JSON" when only the serialisation differs),
    then the line and column in the text with ``context`` characters of each around it."""
    try:
        a, b = json.loads(stored), json.loads(fresh)
        where = "same JSON, different serialisation" if a == b else _first_path(a, b)
    except json.JSONDecodeError as exc:
        where = f"not JSON ({exc})"
    i = next(
        (k for k, (u, v) in enumerate(zip(stored, fresh, strict=False)) if u != v),
        min(len(stored), len(fresh)),
    )
    line = stored.count("\n", 0, i) + 1
    column = i - (stored.rfind("\n", 0, i) + 1) + 1
    lo = max(0, i - context)
    return (
        f"first difference at {where}; text line {line}, column {column} (character {i}):\n"
        f"stored: {stored[lo : i + context]!r}\nfresh:  {fresh[lo : i + context]!r}"
    )
