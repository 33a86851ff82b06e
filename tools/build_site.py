"""Build the course site from the stored notebooks: `make site` -> site/.

Stages the pages into build/site-src (site-src/ config and index, notebooks/*.ipynb,
docs/*.md, benchmarks/RESULTS.md, keeping their relative links), then runs Sphinx
with MyST-NB, which renders each notebook from its stored outputs (no kernel runs).

Staging turns each figure cell's plain ``"alt"`` metadata (the course's convention,
read by people in JupyterLab too) into MyST-NB's cell option ``mystnb.image.alt``, so
the site's ``<img alt>`` says what the notebook says. The download button serves the
notebook exactly as stored (the staged copy is replaced by the original).

Offline: every theme asset and MathJax are copied into site/; nothing is fetched.
Warnings fail the build (-W), so a broken internal link fails it.

    python tools/build_site.py [--notebooks DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STAGE = ROOT / "build" / "site-src"
# Sphinx writes into build/ (MyST-NB puts a jupyter_execute/ folder beside its output),
# then the finished site moves to site/.
HTML = ROOT / "build" / "site-html"
DOCTREES = ROOT / "build" / "site-doctrees"
PAGES = ["docs/cheatsheet.md", "docs/instructor-guide.md", "benchmarks/RESULTS.md"]
PLACEHOLDER_REPOSITORY = "https://github.com/OWNER/REPO"


def repository_url() -> str:
    """The GitHub address Binder's links need: COURSE_REPOSITORY_URL, else git's origin."""
    if os.environ.get("COURSE_REPOSITORY_URL"):
        return os.environ["COURSE_REPOSITORY_URL"]
    remote = subprocess.run(
        ["git", "remote", "get-url", "origin"], cwd=ROOT, capture_output=True, text=True
    ).stdout
    match = re.search(r"github\.com[:/]([^/]+)/(.+?)(?:\.git)?/?$", remote.strip())
    if not match:
        print(
            "note: no GitHub remote named origin, so the Binder buttons point at "
            f"{PLACEHOLDER_REPOSITORY} (set COURSE_REPOSITORY_URL=https://github.com/you/repo)"
        )
        return PLACEHOLDER_REPOSITORY
    return "https://github.com/{}/{}".format(*match.groups())


def is_figure(output: dict) -> bool:
    return any(m.startswith("image/") for m in output.get("data", {}))


def with_alt_text(nb: dict) -> tuple[dict, list[int]]:
    """The notebook with each figure cell's "alt" passed to MyST-NB; cells missing one."""
    missing = []
    for index, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code" or not any(map(is_figure, cell["outputs"])):
            continue
        alt = cell["metadata"].get("alt")
        if not isinstance(alt, str) or not alt.strip():
            missing.append(index)
            continue
        options = cell["metadata"].setdefault("mystnb", {}).setdefault("image", {})
        options["alt"] = " ".join(alt.split())
    return nb, missing


def stage(notebooks: Path) -> None:
    shutil.rmtree(STAGE, ignore_errors=True)
    shutil.copytree(ROOT / "site-src", STAGE)
    (STAGE / "notebooks").mkdir()
    for path in sorted(notebooks.glob("*.ipynb")):
        nb, missing = with_alt_text(json.loads(path.read_text(encoding="utf-8")))
        if missing:
            print(f"warning: {path.name}: figure cells without alt text: {missing}")
        target = STAGE / "notebooks" / path.name
        target.write_text(json.dumps(nb, ensure_ascii=False, indent=1), encoding="utf-8")
    for page in PAGES:
        (STAGE / page).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / page, STAGE / page)


def build(out: Path, notebooks: Path) -> float:
    start = time.perf_counter()
    stage(notebooks)
    env = dict(os.environ, COURSE_REPOSITORY_URL=repository_url())
    shutil.rmtree(HTML, ignore_errors=True)
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-q"]
    cmd += ["-d", str(DOCTREES), str(STAGE), str(HTML)]
    subprocess.run(cmd, cwd=ROOT, env=env, check=True)
    # The download button serves _sources/<page>.ipynb: the notebook as stored, byte for byte.
    for path in notebooks.glob("*.ipynb"):
        shutil.copy2(path, HTML / "_sources" / "notebooks" / path.name)
    shutil.rmtree(out, ignore_errors=True)
    shutil.move(HTML, out)
    return time.perf_counter() - start


def pages(site: Path) -> list[Path]:
    """The site's reading pages (Sphinx's index and search pages and theme parts left out)."""
    found = site.rglob("*.html")
    skip = ("genindex.html", "search.html")
    return sorted(p for p in found if p.name not in skip and "_static" not in p.parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebooks", type=Path, default=ROOT / "notebooks")
    parser.add_argument("--out", type=Path, default=ROOT / "site")
    args = parser.parse_args(argv)
    seconds = build(args.out.resolve(), args.notebooks.resolve())
    print(f"site built in {seconds:.1f} s: {len(pages(args.out))} pages in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
