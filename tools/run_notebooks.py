"""Re-execute notebooks in place, deterministically: `make notebooks`.

Each notebook runs top to bottom in a fresh kernel of *this* Python (never a
user's own "python3" kernelspec), from its own folder. The stored file then
keeps only what a clean run produces: no saved widget state, no timing
metadata, no widget views (they cannot render without saved state, so the
static plot before each widget stands in for it), each stream of a cell as one
output (nbclient's own coalesce_streams). Two runs give identical bytes.

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
    # store_widget_state=False: in nbclient 0.11.0 that option makes every Output widget
    # crash the run (nbclient/output_widget.py writes executor.widget_state[comm_id]
    # ["outputs"], and with the option off that dict stays empty: KeyError). The course's
    # widgets hold Output widgets (helpers/widgets/blitting.py, training.py); checked again
    # on this branch with a five-line notebook (an Output widget and one print into it).
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = {"name": "python"}
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("collapsed", None)
        if cell.cell_type == "code":
            cell.outputs = [out for out in cell.outputs if WIDGET_VIEW not in out.get("data", {})]
    return nb


def refuse_a_print_after_a_display(cell, cell_index: int, **_) -> None:
    """nbclient's ``coalesce_streams`` merges *every* piece of a stream of a cell into its
    first one (what we want for one print the kernel flushed in two messages), so a print
    after a figure would be stored above the figure, where JupyterLab shows it below. Such
    a cell is refused (run before the merge, as nbclient's ``on_cell_executed`` hook)."""
    seen: dict[str, bool] = {}  # stream name -> another output came after it
    # A widget's view is dropped by clean(), so it separates nothing.
    for out in (o for o in cell.get("outputs", []) if WIDGET_VIEW not in o.get("data", {})):
        if out.output_type == "stream" and seen.get(out.name):
            raise ValueError(
                f"cell {cell_index} writes to {out.name} after another output (a figure?): "
                "the stored notebook would show it above; print before the figure, or split the cell"
            )
        for name in seen:
            seen[name] = seen[name] or out.output_type != "stream" or out.name != name
        if out.output_type == "stream":
            seen.setdefault(out.name, False)


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
            # One print flushed in pieces is stored as one output. (coalesce_streams also
            # applies \r and backspaces, as JupyterLab shows them, and puts stdout before
            # stderr; no stored notebook has either, and tests refuse stored stderr.)
            coalesce_streams=True,
            on_cell_executed=refuse_a_print_after_a_display,
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
