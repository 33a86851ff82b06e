"""Re-execute notebooks in place, deterministically: `make notebooks`.

Each notebook runs top to bottom in a fresh kernel of *this* Python (never a
user's own "python3" kernelspec), from its own folder. The stored file then
keeps only what a clean run produces: no saved widget state, no timing
metadata, no widget views (they cannot render without saved state, so the
static plot before each widget stands in for it). Two runs give identical bytes.

Usage: python tools/run_notebooks.py notebooks/*.ipynb
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import nbformat
from ipykernel.kernelspec import write_kernel_spec
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
TIMEOUT_S = 300


def _kernel_manager(spec_dir: Path) -> KernelManager:
    write_kernel_spec(spec_dir / "python3")  # argv: this interpreter, -m ipykernel_launcher
    ksm = KernelSpecManager(kernel_dirs=[str(spec_dir)], ensure_native_kernel=False)
    return KernelManager(kernel_name="python3", kernel_spec_manager=ksm)


def clean(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Strip everything a run records that is not the run's result."""
    # Widget state is saved by nbclient and dropped here, not refused with its own
    # store_widget_state=False: in nbclient 0.11.0 that option makes every Output
    # widget crash the run (nbclient/output_widget.py writes to
    # executor.widget_state[comm_id], which is then empty: KeyError; checked again
    # on this branch with a three-line notebook).
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = {"name": "python"}
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("collapsed", None)
        if cell.cell_type != "code":
            continue
        outputs = []
        for out in cell.outputs:
            if WIDGET_VIEW in out.get("data", {}):
                continue
            previous = outputs[-1] if outputs else None
            if (
                out.output_type == "stream"
                and previous is not None
                and previous.output_type == "stream"
                and previous.name == out.name
            ):
                # The kernel flushes stdout on a timer, so one print can arrive in two
                # messages when the machine is busy; merge them as JupyterLab does.
                # Not nbclient's coalesce_streams: it merges *every* stdout of a cell into
                # the first, so a print after a figure would move above it (05_training,
                # cell 27, checked on this branch).
                previous.text = _text(previous.text) + _text(out.text)
                continue
            outputs.append(out)
        cell.outputs = outputs
    return nb


def _text(text) -> str:
    return text if isinstance(text, str) else "".join(text)


def execute(path: Path) -> nbformat.NotebookNode:
    """Run the notebook at ``path`` in a fresh kernel and return it cleaned."""
    return execute_then(path, [])[0]


def execute_then(path: Path, after: list[str]) -> tuple[nbformat.NotebookNode, list[list]]:
    """Run the notebook, then the code cells ``after`` in the same kernel.

    Returns the cleaned notebook without those cells, and each extra cell's outputs:
    the tests run the exercises' solutions this way, on the notebook's own state,
    without a second execution.
    """
    nb = nbformat.read(path, as_version=4)
    n_cells = len(nb.cells)
    nb.cells.extend(nbformat.v4.new_code_cell(source) for source in after)
    with tempfile.TemporaryDirectory() as spec_dir:
        client = NotebookClient(
            nb,
            km=_kernel_manager(Path(spec_dir)),
            timeout=TIMEOUT_S,
            record_timing=False,
            resources={"metadata": {"path": str(path.parent.resolve())}},
        )
        client.execute()
    extra = [cell.outputs for cell in nb.cells[n_cells:]]
    del nb.cells[n_cells:]
    return clean(nb), extra


def render(nb: nbformat.NotebookNode) -> str:
    return nbformat.writes(nb) + "\n"


def main(paths: list[str]) -> int:
    if not paths:
        print(__doc__)
        return 2
    for name in paths:
        path = Path(name)
        start = time.perf_counter()
        text = render(execute(path))
        path.write_text(text, encoding="utf-8")
        print(f"{path}: ran in {time.perf_counter() - start:.1f} s, {len(text) / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
