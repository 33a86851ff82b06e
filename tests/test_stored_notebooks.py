"""Every stored notebook is a clean top-to-bottom run, and regenerating it
(`make notebooks`) gives the same bytes, up to what tests/sanitize.cfg masks and the
outputs of cells tagged nbval-ignore-output: stored outputs can be trusted, on every
Python the README promises."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import nbformat
import pytest

from tests.notebook_runs import IGNORE_OUTPUT, comparable, first_difference, fresh_run
from tools.run_notebooks import (
    WIDGET_VIEW,
    clean,
    execute_then,
    refuse_a_print_after_a_display,
    render,
)

pytestmark = pytest.mark.pinned  # make test-latest leaves these out

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
PYTHON_VERSION = re.compile(r"(Python|python)[ =]?3\.\d+\.\d+")
MACHINE_PATH = re.compile(r"(/work/|/tmp/|/root/|/home/[a-z]|/Users/|site-packages|C:\\\\)")


def test_notebooks_are_numbered_in_reading_order():
    names = [p.name for p in NOTEBOOKS]
    assert names[0] == "00_start.ipynb"
    assert all(re.fullmatch(r"\d\d[a-z]?_[a-z_]+\.ipynb", n) for n in names), names


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: p.name)
def notebook(request):
    return request.param, json.loads(request.param.read_text())


def test_execution_counts_run_one_to_n(notebook):
    _, nb = notebook
    counts = [c["execution_count"] for c in nb["cells"] if c["cell_type"] == "code"]
    assert counts == list(range(1, len(counts) + 1))


def test_no_stored_errors(notebook):
    _, nb = notebook
    for i, cell in enumerate(nb["cells"]):
        if "raises-exception" in cell.get("metadata", {}).get("tags", []):
            continue
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", (
                f"cell {i}: {out.get('ename')}: {out.get('evalue')}"
            )
            assert out.get("name") != "stderr", f"cell {i} wrote to stderr: {out.get('text')}"


def test_no_widget_state_or_machine_paths(notebook):
    path, nb = notebook
    assert "widgets" not in nb["metadata"]
    for i, cell in enumerate(nb["cells"]):
        assert "execution" not in cell.get("metadata", {}), f"cell {i} stores timing"
        for out in cell.get("outputs", []):
            assert WIDGET_VIEW not in out.get("data", {}), f"cell {i} stores a widget view"
            text = json.dumps(
                {k: v for k, v in out.get("data", {}).items() if not k.startswith("image/")}
            )
            text += json.dumps(out.get("text", ""))
            assert not MACHINE_PATH.search(text), (
                f"cell {i} shows a machine path: {MACHINE_PATH.search(text)}"
            )


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_fresh_run_gives_the_stored_notebook(path):
    """The strict comparison: the stored file's bytes are what `make notebooks` writes
    from a fresh run, figures, indentation, key order and trailing newline included,
    except what tests/sanitize.cfg masks (applied to both texts) and the outputs of cells
    tagged nbval-ignore-output (they show this machine: the start notebook's Python;
    test_start_notebook_stores_a_passing_environment_check checks those). (How long a
    run takes is measured by `make bench`; a timing assertion would depend on the machine.)"""
    stored = path.read_text(encoding="utf-8")
    a, b = comparable(stored, fresh_run(path).notebook)
    assert a == b, (
        f"{path.name} is not what a fresh run produces: run `make notebooks` and commit the "
        f"result; {first_difference(a, b)}"
    )


def _two_cell_notebook():
    nb = nbformat.v4.new_notebook()
    shown = nbformat.v4.new_code_cell("print(object())")
    shown.outputs = [nbformat.v4.new_output("stream", name="stdout", text="<object at 0x7f01>\n")]
    hidden = nbformat.v4.new_code_cell("h.check_environment()")
    hidden.metadata["tags"] = [IGNORE_OUTPUT]
    hidden.outputs = [nbformat.v4.new_output("stream", name="stdout", text="Python 3.11.7\n")]
    nb.cells = [shown, hidden]
    return nb


def test_the_comparison_masks_only_what_it_should():
    stored = render(_two_cell_notebook())
    fresh = nbformat.reads(stored, as_version=4)  # same cell ids
    fresh.cells[0].outputs[0].text = "<object at 0x55aa>\n"
    fresh.cells[1].outputs[0].text = "Python 3.13.0\n"
    a, b = comparable(stored, fresh)
    assert a == b
    fresh.cells[0].outputs[0].text = "<object at 0x55aa> and more\n"
    a, b = comparable(stored, fresh)
    assert a != b
    assert "cells[0].outputs[0].text[0] at character 21" in first_difference(a, b)


@pytest.mark.parametrize(
    "rewrite",
    [
        lambda t: json.dumps(json.loads(t), indent=2) + "\n",  # another indentation
        lambda t: json.dumps(dict(reversed(json.loads(t).items())), indent=1) + "\n",  # key order
        lambda t: t.rstrip("\n"),  # no trailing newline
    ],
    ids=["indent", "key-order", "trailing-newline"],
)
def test_the_comparison_holds_bytes_not_just_json(rewrite):
    """A hand-edited or differently serialised file with the same JSON is refused."""
    fresh = _two_cell_notebook()
    stored = rewrite(render(fresh))
    assert json.loads(stored) == json.loads(render(fresh))
    a, b = comparable(stored, fresh)
    assert a != b
    assert "same JSON, different serialisation" in first_difference(a, b)


def test_first_difference_names_the_output_and_position():
    """A broken figure is located by key path and position, not a truncated cell dump."""
    nb = _two_cell_notebook()
    nb.cells[0].outputs = [
        nbformat.v4.new_output("display_data", data={"image/png": "A" * 5000, "text/plain": "x"})
    ]
    broken = copy.deepcopy(nb)
    broken.cells[0].outputs[0].data["image/png"] = "A" * 4000 + "B" + "A" * 999
    report = first_difference(render(nb), render(broken))
    assert "cells[0].outputs[0].data.image/png at character 4000" in report
    assert "B" in report.split("fresh:")[1]


def test_start_notebook_stores_a_passing_environment_check():
    """The one output the strict comparison skips (it shows this machine) holds no failure."""
    nb = json.loads((NOTEBOOKS[0]).read_text())
    ignored = [c for c in nb["cells"] if IGNORE_OUTPUT in c.get("metadata", {}).get("tags", [])]
    assert ignored, "00_start has no nbval-ignore-output cell: update this test"
    text = json.dumps([c["outputs"] for c in ignored], ensure_ascii=False)
    assert "check_environment" in "".join("".join(c["source"]) for c in ignored)
    assert "✓" in text
    assert "✗" not in text


def test_no_stored_output_holds_the_running_interpreters_version():
    """Not even the outputs the comparison skips (00_start's set-up check) hold this Python's
    exact version: a stored notebook is the same on every interpreter the course supports."""
    import platform

    version = platform.python_version()
    for path in NOTEBOOKS:
        for i, cell in enumerate(json.loads(path.read_text())["cells"]):
            for out in cell.get("outputs", []):
                text = json.dumps(out.get("text", "")) + json.dumps(
                    {k: v for k, v in out.get("data", {}).items() if not k.startswith("image/")}
                )
                assert version not in text, f"{path.name} cell {i} shows Python {version}"


def test_outputs_compared_strictly_hold_no_interpreter_version(notebook):
    """A Python version in a compared output would make the suite pass on one interpreter only."""
    _, nb = notebook
    for i, cell in enumerate(nb["cells"]):
        if IGNORE_OUTPUT in cell.get("metadata", {}).get("tags", []):
            continue
        for out in cell.get("outputs", []):
            text = json.dumps(out.get("text", "")) + json.dumps(
                {k: v for k, v in out.get("data", {}).items() if not k.startswith("image/")}
            )
            assert not PYTHON_VERSION.search(text), f"cell {i} shows {PYTHON_VERSION.search(text)}"


def test_clean_drops_widget_state_views_and_timing():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("w")
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="test accuracy 0.9577\n"),
        nbformat.v4.new_output(
            "display_data", data={WIDGET_VIEW: {"model_id": "x"}, "text/plain": "VBox()"}
        ),
    ]
    cell.metadata["execution"] = {"iopub.status.busy": "2026-01-01"}
    nb.cells.append(cell)
    nb.metadata["widgets"] = {"state": {}}
    out = clean(nb)
    assert [o.output_type for o in out.cells[0].outputs] == ["stream"]
    assert "widgets" not in out.metadata and "execution" not in out.cells[0].metadata


@pytest.mark.notebooks
def test_a_print_flushed_in_pieces_is_stored_as_one_output(tmp_path):
    """clean() merges consecutive pieces of one stream (the kernel flushes on a timer)."""
    nb = nbformat.v4.new_notebook()
    code = "import sys\nfor part in ('a', 'b\\n'):\n    sys.stdout.write(part); sys.stdout.flush()"
    nb.cells = [nbformat.v4.new_code_cell(code)]
    path = tmp_path / "split.ipynb"
    nbformat.write(nb, path)
    out, _ = execute_then(path, [])
    assert [(o.name, o.text) for o in out.cells[0].outputs] == [("stdout", "ab\n")]


@pytest.mark.notebooks
def test_a_run_refuses_a_cell_that_prints_after_a_figure(tmp_path):
    """The hook is wired into the run (nbclient's on_cell_executed, before its merge): a
    cell with print, figure, print stops `make notebooks` instead of being stored with
    both prints above the figure."""
    nb = nbformat.v4.new_notebook()
    code = (
        "from IPython.display import HTML, display\n"
        "print('a')\ndisplay(HTML('<b>figure</b>'))\nprint('b')"
    )
    nb.cells = [nbformat.v4.new_code_cell(code)]
    path = tmp_path / "print-figure-print.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(ValueError, match=r"cell 0 writes to stdout after another output"):
        execute_then(path, [])


def test_a_print_after_a_figure_is_refused_not_moved_above_it():
    """nbclient's coalesce_streams would merge the second print into the first, above the
    figure; the hook refuses that cell instead (a widget's view, dropped, separates nothing)."""
    stream = lambda text: nbformat.v4.new_output("stream", name="stdout", text=text)  # noqa: E731
    figure = nbformat.v4.new_output("display_data", data={"image/png": "x"})
    widget = nbformat.v4.new_output("display_data", data={WIDGET_VIEW: {}, "text/plain": "VBox()"})
    ok = [
        [stream("a"), stream("b\n"), figure],
        [figure, stream("a\n")],
        [stream("a"), widget, stream("b\n")],
        [stream("a\n"), nbformat.v4.new_output("stream", name="stderr", text="w\n")],
    ]
    for outputs in ok:
        refuse_a_print_after_a_display(nbformat.v4.new_code_cell(outputs=outputs), 3)
    with pytest.raises(ValueError, match=r"cell 3 writes to stdout after another output"):
        cell = nbformat.v4.new_code_cell(outputs=[stream("a\n"), figure, stream("b\n")])
        refuse_a_print_after_a_display(cell, 3)
