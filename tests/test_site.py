"""The course site (`make site`) as a reader meets it: served from a laptop, no internet.

Serves site/ with `python -m http.server` on 127.0.0.1 and opens every page in headless
Chromium with every request to another host blocked, then checks what a person would
see: the maths typeset by the site's own MathJax (no raw TeX left), every image loaded
and described by alt text, solutions collapsed, every internal link and anchor alive,
and on each notebook page a Binder button and a download of the stored notebook.

The site is rebuilt first when it is missing or older than its sources.
Screenshots of two pages go to test-artifacts/ (ignored by git).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import POLL_MS, free_port, wait_until_serving
from tools import build_site

ROOT = Path(__file__).resolve().parents[1]
# SITE_DIR=/path tests a site built elsewhere (tools/build_site.py --out), as it is.
SITE = Path(os.environ.get("SITE_DIR", ROOT / "site"))
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
READING_ORDER = [f"notebooks/{p.stem}.html" for p in NOTEBOOKS] + [
    "docs/cheatsheet.html",
    "docs/instructor-guide.html",
    "benchmarks/RESULTS.html",
]
SCREENSHOTS = {"index.html", "notebooks/02_entropy.html"}

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(chromium_path):
    try:
        import myst_nb  # noqa: F401
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but the doc tools are missing: make test installs them")
        pytest.skip("the doc tools are not installed: run make site (or make test)")
    if "SITE_DIR" not in os.environ and build_site.stale(SITE):
        subprocess.run([sys.executable, "tools/build_site.py"], cwd=ROOT, check=True)
    return SITE


@pytest.fixture(scope="module")
def server(site, tmp_path_factory):
    """The site served exactly as the README tells a reader to serve it."""
    port = free_port()
    log = (tmp_path_factory.mktemp("http") / "server.log").open("w")
    cmd = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"]
    proc = subprocess.Popen(cmd + ["--directory", str(site)], stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}/"
    try:
        if not wait_until_serving(base, proc):
            pytest.fail("python -m http.server did not start")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


@pytest.fixture(scope="module")
def fetched():
    """Each internal page's HTML, fetched once (for links and their anchors)."""
    cache: dict[str, str] = {}

    def get(url: str) -> str:
        if url not in cache:
            with urllib.request.urlopen(url, timeout=10) as r:
                assert r.status == 200, url
                cache[url] = r.read().decode("utf-8", "replace")
        return cache[url]

    return get


PAGE_FACTS = """() => {
  const visible = el => !el.closest('pre, code, script, style, .highlight, mjx-container, mjx-assistive-mml');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let text = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.parentElement && visible(n.parentElement)) text += n.textContent + ' ';
  }
  return {
    rawTex: (text.match(/\\$\\$|\\\\\\(|\\\\\\[|\\\\frac|\\\\sum|\\\\log/g) || []).slice(0, 5),
    math: document.querySelectorAll('.math').length,
    untypeset: [...document.querySelectorAll('.math')].filter(m => !m.querySelector('mjx-container')).map(m => m.textContent.slice(0, 80)),
    mathErrors: document.querySelectorAll('mjx-merror').length,
    images: [...document.images].map(i => ({src: i.getAttribute('src').slice(0, 60), alt: i.alt, loaded: i.complete && i.naturalWidth > 0})),
    details: [...document.querySelectorAll('article details')].map(d => ({open: d.open, summary: (d.querySelector('summary') || {}).textContent})),
    links: [...document.querySelectorAll('a[href]')].map(a => a.href),
    binder: [...document.querySelectorAll('a[href*="mybinder.org"]')].map(a => a.href),
    downloads: [...document.querySelectorAll('a[href$=".ipynb"]')].map(a => a.href),
  };
}"""


def without_alt(nb: dict) -> dict:
    for cell in nb["cells"]:
        cell["metadata"].pop("alt", None)
    return nb


def stored_details(path: Path) -> int:
    nb = json.loads(path.read_text())
    return sum(
        "".join(c["source"]).count("<details") for c in nb["cells"] if c["cell_type"] == "markdown"
    )


def test_the_table_of_contents_is_in_reading_order(site):
    html = (site / "index.html").read_text()
    toc = html.split("bd-docs-nav", 1)[1].split("</nav>", 1)[0]  # the left sidebar
    positions = [toc.find(f'href="{page}"') for page in READING_ORDER]
    assert -1 not in positions, dict(zip(READING_ORDER, positions, strict=True))
    assert positions == sorted(positions)


@pytest.mark.parametrize("page", ["index.html", *READING_ORDER])
def test_every_page_reads_offline(page, server, browser, fetched, site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    elsewhere: list[str] = []
    failed: list[str] = []  # a missing font, stylesheet or script answers 404
    context.on(
        "response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None
    )

    def only_this_laptop(route):
        if route.request.url.startswith(server):
            route.continue_()
        else:  # the reader has no internet: note it and refuse it
            elsewhere.append(route.request.url)
            route.abort()

    context.route("**/*", only_this_laptop)
    p = context.new_page()
    try:
        p.goto(server + page, wait_until="load")
        if p.locator("script[src*='mathjax']").count():  # Sphinx adds it where there is maths
            p.wait_for_function(
                "() => !!(window.MathJax && MathJax.startup && MathJax.startup.promise)",
                polling=POLL_MS,
            )
            p.evaluate("() => MathJax.startup.promise.then(() => true)")
        facts = p.evaluate(PAGE_FACTS)
        if page in SCREENSHOTS:
            artifacts = ROOT / "test-artifacts"
            artifacts.mkdir(exist_ok=True)
            name = "site-" + page.replace("/", "-").removesuffix(".html") + ".png"
            p.screenshot(path=artifacts / name, full_page=False)
    finally:
        context.close()

    assert elsewhere == [], f"requests to another host: {elsewhere[:5]}"
    assert failed == [], f"files the page asked for and did not get: {failed[:5]}"
    assert facts["rawTex"] == [], f"TeX left untypeset in the text: {facts['rawTex']}"
    assert facts["untypeset"] == [] and facts["mathErrors"] == 0, facts["untypeset"][:3]
    for image in facts["images"]:
        assert image["loaded"], f"image not loaded: {image['src']}"
        alt = image["alt"].strip()
        assert alt and not re.search(r"\.(png|jpe?g|svg)$", alt), (
            f"{page}: an image without alt text ({image['src']}...): give its notebook cell a "
            'plain "alt" metadata string saying what the figure shows (make site names the cells)'
        )

    for url in sorted({link.split("#")[0] for link in facts["links"] if link.startswith(server)}):
        fetched(url)  # 200, or the test fails here
    for link in facts["links"]:
        if link.startswith(server) and "#" in link:
            url, anchor = link.split("#", 1)
            anchor = urllib.parse.unquote(anchor)
            if anchor:
                assert f'id="{anchor}"' in fetched(url), f"broken anchor: {link}"

    if page.startswith("notebooks/"):
        stem = Path(page).stem
        assert facts["math"] > 0 or stem == "00_start"
        repository = build_site.repository_url()
        if repository is None:  # no GitHub remote: no Binder button, never a dead one
            assert facts["binder"] == [], facts["binder"]
        else:
            owner_repo = repository.removeprefix("https://github.com/")
            expected = f"https://mybinder.org/v2/gh/{owner_repo}/HEAD?urlpath=lab/tree/notebooks/{stem}.ipynb"
            assert facts["binder"] and set(facts["binder"]) == {expected}, facts["binder"]
        download = next(
            u for u in facts["downloads"] if u.endswith(f"_sources/notebooks/{stem}.ipynb")
        )
        with urllib.request.urlopen(download, timeout=10) as r:
            served = r.read()
        stored = (ROOT / "notebooks" / f"{stem}.ipynb").read_bytes()
        if "SITE_DIR" in os.environ:  # built from a copy: the same notebook, bar its alt texts
            assert without_alt(json.loads(served)) == without_alt(json.loads(stored))
        else:
            assert served == stored, "the download is not the notebook as stored"
        details = facts["details"]
        assert len(details) == stored_details(ROOT / "notebooks" / f"{stem}.ipynb")
        assert not [d for d in details if d["open"]], "a hint or solution is open"


def test_figure_alt_text_comes_from_cell_metadata():
    """Staging gives MyST-NB the course's plain "alt" string; figures without one are named."""
    nb = {
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": "# T"},
            {
                "cell_type": "code",
                "metadata": {"alt": "Surprise falls\n as p rises."},
                "outputs": [{"output_type": "display_data", "data": {"image/png": "AA=="}}],
            },
            {
                "cell_type": "code",
                "metadata": {},
                "outputs": [{"output_type": "display_data", "data": {"image/png": "AA=="}}],
            },
            {"cell_type": "code", "metadata": {}, "outputs": []},
        ]
    }
    staged, missing = build_site.with_alt_text(nb)
    assert staged["cells"][1]["metadata"]["mystnb"] == {
        "image": {"alt": "Surprise falls as p rises."}
    }
    assert missing == [2]
    assert "mystnb" not in staged["cells"][3]["metadata"]


def test_a_figure_without_alt_text_stops_the_build(tmp_path):
    nb = {
        "cells": [
            {
                "cell_type": "code",
                "metadata": {},
                "outputs": [{"output_type": "display_data", "data": {"image/png": "AA=="}}],
            }
        ]
    }
    (tmp_path / "01_x.ipynb").write_text(json.dumps(nb))
    out = tmp_path / "out"
    code = build_site.main(["--notebooks", str(tmp_path), "--out", str(out)])
    assert code == 1
    assert not out.exists()


@pytest.mark.parametrize("where", ["root", "parent", "not-a-site"])
def test_the_build_refuses_to_replace_a_folder_that_is_not_a_site(where, tmp_path):
    out = {"root": ROOT, "parent": ROOT.parent, "not-a-site": tmp_path}[where]
    (tmp_path / "keep.txt").write_text("mine")
    with pytest.raises(build_site.SiteError, match="--out"):
        build_site.check_out(out)
    assert (tmp_path / "keep.txt").exists()
    (tmp_path / ".buildinfo").write_text("")
    build_site.check_out(tmp_path)  # a site built before may be replaced


@pytest.mark.parametrize(
    ("remote", "url"),
    [
        ("git@github.com:someone/course.git", "https://github.com/someone/course"),
        ("https://github.com/someone/course", "https://github.com/someone/course"),
        ("/srv/git/course.git", None),  # a clone of a local path, as in CI
    ],
)
def test_the_binder_address_comes_from_a_github_remote(remote, url, monkeypatch):
    monkeypatch.setenv("COURSE_REPOSITORY_URL", remote)
    assert build_site.repository_url() == url
