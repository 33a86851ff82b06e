"""Build the course site from the stored notebooks: `make site` -> site/.

Stages the pages into build/site-src (site-src/ config and index, notebooks/*.ipynb,
the PAGES below: the cheat sheet, the instructor guide, benchmarks/RESULTS.md; keeping
their relative links), then runs Sphinx
with MyST-NB, which renders each notebook from its stored outputs (no kernel runs).

Staging turns each figure cell's plain ``"alt"`` metadata (the course's convention,
read by people in JupyterLab too) into MyST-NB's cell option ``mystnb.image.alt``, so
the site's ``<img alt>`` says what the notebook says. The download button serves the
notebook exactly as stored (the staged copy is replaced by the original).

A figure cell without alt text stops the build before anything is written (exit
status 1, naming the cells), and so does any Sphinx warning (-W), a broken internal
link among them.

Binder buttons need the repository's GitHub address (COURSE_REPOSITORY_URL, else git's
origin remote); with neither, the pages have no Binder button rather than a dead one.

Offline: every theme asset and MathJax are copied into site/; nothing is fetched.

    python tools/build_site.py [--notebooks DIR] [--out DIR]
    python tools/build_site.py --if-stale    # make site: only when a source is newer
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


def repository_url() -> str | None:
    """The GitHub address Binder's links need: COURSE_REPOSITORY_URL, else git's origin.

    None when neither names a GitHub repository (a clone of a local path, as in CI).
    """
    remote = (
        os.environ.get("COURSE_REPOSITORY_URL")
        or subprocess.run(
            ["git", "remote", "get-url", "origin"], cwd=ROOT, capture_output=True, text=True
        ).stdout
    )
    match = re.search(r"github\.com[:/]([^/]+)/(.+?)(?:\.git)?/?$", remote.strip())
    if not match:
        return None
    return "https://github.com/{}/{}".format(*match.groups())


class SiteError(Exception):
    """A problem that stops the build before anything is written."""


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


def staged_notebooks(notebooks: Path) -> dict[str, dict]:
    """Each notebook ready for MyST-NB; SiteError naming every figure cell without alt text."""
    staged, problems = {}, []
    for path in sorted(notebooks.glob("*.ipynb")):
        staged[path.name], missing = with_alt_text(json.loads(path.read_text(encoding="utf-8")))
        if missing:
            problems.append(f"{path.name}: figure cells without alt text: {missing}")
    if problems:
        hint = 'give each cell a plain "alt" metadata string saying what its figure shows'
        raise SiteError("\n".join(problems + [hint]))
    return staged


def check_out(out: Path) -> None:
    """Refuse an output folder whose removal would delete the course or someone's files."""
    if out == ROOT or out in ROOT.parents:
        raise SiteError(f"--out {out}: that folder holds the course; choose a new folder")
    if out.exists() and not (out / ".buildinfo").exists():
        raise SiteError(f"--out {out}: exists and is not a built site (no .buildinfo)")


def stage(notebooks: Path) -> None:
    staged = staged_notebooks(notebooks)
    shutil.rmtree(STAGE, ignore_errors=True)
    shutil.copytree(ROOT / "site-src", STAGE)
    (STAGE / "notebooks").mkdir()
    for name, nb in staged.items():
        target = STAGE / "notebooks" / name
        target.write_text(json.dumps(nb, ensure_ascii=False, indent=1), encoding="utf-8")
    for page in PAGES:
        (STAGE / page).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / page, STAGE / page)


def build(out: Path, notebooks: Path) -> float:
    start = time.perf_counter()
    check_out(out)
    stage(notebooks)
    env = dict(os.environ, COURSE_REPOSITORY_URL=repository_url() or "")
    if not env["COURSE_REPOSITORY_URL"]:
        print(
            "note: no GitHub remote named origin, so the pages have no Binder button "
            "(set COURSE_REPOSITORY_URL=https://github.com/you/repo)"
        )
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


def sources(notebooks: Path = ROOT / "notebooks") -> list[Path]:
    """Every file the site is built from (``--if-stale`` and the site's tests read this list)."""
    found = [*sorted(notebooks.glob("*.ipynb")), *(ROOT / page for page in PAGES)]
    found += sorted(p for p in (ROOT / "site-src").rglob("*") if p.is_file())
    return [*found, Path(__file__).resolve()]


def stale(site: Path, notebooks: Path = ROOT / "notebooks") -> bool:
    """Whether ``site`` is missing or older than one of its sources."""
    index = site / "index.html"
    if not index.exists():
        return True
    return max(p.stat().st_mtime for p in sources(notebooks)) > index.stat().st_mtime


def pages(site: Path) -> list[Path]:
    """The site's reading pages (Sphinx's index and search pages and theme parts left out)."""
    found = site.rglob("*.html")
    skip = ("genindex.html", "search.html")
    return sorted(p for p in found if p.name not in skip and "_static" not in p.parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebooks", type=Path, default=ROOT / "notebooks")
    parser.add_argument("--out", type=Path, default=ROOT / "site")
    parser.add_argument(
        "--if-stale", action="store_true", help="build only if --out is older than a source"
    )
    args = parser.parse_args(argv)
    if args.if_stale and not stale(args.out.resolve(), args.notebooks.resolve()):
        print(f"{args.out} is up to date")
        return 0
    try:
        seconds = build(args.out.resolve(), args.notebooks.resolve())
    except SiteError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"site built in {seconds:.1f} s: {len(pages(args.out))} pages in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
