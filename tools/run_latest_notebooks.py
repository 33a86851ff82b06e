"""The notebooks on the newest releases: run inside .venv-latest by tools/latest_releases.py.

Runs each notebook top to bottom in a fresh kernel with the project's own runner, notes
anything on stderr and each code cell whose text differs from the stored one, and writes
that with constraints.txt's pins (read here, where ``packaging`` is installed) as JSON.

    .venv-latest/bin/python tools/run_latest_notebooks.py OUT.json
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from latest_releases import ROOT, shown  # noqa: E402
from pins import pins  # noqa: E402
from run_notebooks import execute  # noqa: E402 - the project's runner (fresh kernel, seeded)


def run_notebooks() -> list[dict]:
    """Each notebook run, compared with the stored one."""
    results = []
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        stored = json.loads(path.read_text(encoding="utf-8"))
        start = time.perf_counter()
        entry = {"notebook": path.name, "error": None, "stderr": [], "differ": []}
        try:
            ran = json.loads(json.dumps(execute(path)))
        except Exception as exc:  # a cell raised: the first line says which and why
            entry["error"] = " ".join(str(exc).split())[:400]
            results.append(entry)
            continue
        entry["seconds"] = round(time.perf_counter() - start, 1)
        for index, (old, new) in enumerate(zip(stored["cells"], ran["cells"], strict=True)):
            if new["cell_type"] != "code":
                continue
            for out in new["outputs"]:
                if out["output_type"] == "stream" and out["name"] == "stderr":
                    entry["stderr"].append([index, "".join(out["text"])[:400]])
            if shown(old) != shown(new):
                first = next(
                    (
                        (a, b)
                        for a, b in zip(
                            shown(old).splitlines() + [""],
                            shown(new).splitlines() + [""],
                            strict=False,
                        )
                        if a != b
                    ),
                    ("", ""),
                )
                entry["differ"].append([index, first[0][:160], first[1][:160]])
        results.append(entry)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="where the JSON result goes")
    args = parser.parse_args(argv)
    result = {"notebooks": run_notebooks(), "pinned": pins(ROOT / "constraints.txt")}
    args.out.write_text(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
