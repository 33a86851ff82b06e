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
                previous.text = _text(previous.text) + _text(out.text)
                continue
            outputs.append(out)
        cell.outputs = outputs
    return nb


def _text(text) -> str:
    return text if isinstance(text, str) else "".join(text)


def execute(path: Path) -> nbformat.NotebookNode:
    """Run the notebook at ``path`` in a fresh kernel and return it cleaned."""
    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory() as spec_dir:
        client = NotebookClient(
            nb,
            km=_kernel_manager(Path(spec_dir)),
            timeout=TIMEOUT_S,
            record_timing=False,
            resources={"metadata": {"path": str(path.parent.resolve())}},
        )
        client.execute()
    return clean(nb)


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
