"""The course as a learner meets it: JupyterLab in headless Chromium.

Starts JupyterLab with the same command as `make lab` (headless options added),
then for every notebook: clear outputs, Run All, wait for every cell, and check
what a person would see — no errors, every plot drawn, every widget a widget —
then move each widget and check that what it drives changes. Screenshots go to
test-artifacts/ (ignored by git).

Chromium comes from the system (Debian's `chromium`, or CHROMIUM=/path); Playwright
never downloads a browser. Under CI a missing Chromium is a failure, elsewhere a skip.
"""

from __future__ import annotations

import ast
import contextlib
import json
import os
import re
import secrets
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest

from tests.conftest import POLL_MS, free_port, load_note, scaled_ms, wait_until_serving

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
ARTIFACTS = ROOT / "test-artifacts"
# Timeouts on an idle machine; every wait stretches them by the load at that moment
# (tests/conftest.py's scaled_ms) and a timeout says the load it met (load_note).
RUN_ALL_TIMEOUT_MS = 120_000
OPEN_TIMEOUT_MS = 60_000
WIDGET_TIMEOUT_MS = 30_000

pytestmark = pytest.mark.browser


def processes_mentioning(text: str) -> list[str]:
    out = subprocess.run(["ps", "-eo", "pid,args"], capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if text in line and "ps -eo" not in line]


SERVER_GUARD = """\
from tornado.web import HTTPError


def refuse_save(path, **kwargs):
    raise HTTPError(403, f"the browser tests never save a notebook ({{path}})")


c.FileContentsManager.pre_save_hook = refuse_save
c.FileCheckpoints.checkpoint_dir = {checkpoints!r}
"""


def fingerprint() -> dict[str, tuple[int, bytes]]:
    """Every file under notebooks/ (checkpoints included) with its mtime and bytes."""
    return {
        str(p.relative_to(ROOT)): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted((ROOT / "notebooks").rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def lab(tmp_path_factory, chromium_path):
    """JupyterLab started by `make lab` itself, isolated in a temp folder; always stopped."""
    home = tmp_path_factory.mktemp("jupyter")
    dirs = {
        name: home / name
        for name in ("config", "data", "runtime", "ipython", "mpl", "settings", "workspaces")
    }
    for d in dirs.values():
        d.mkdir()
    # The "news?" pop-up must stay away by the course's own override (lab-settings/, installed
    # by make lab), as on a learner's first launch: no user setting for it here. One user
    # setting only: no autosave, so a test that stops halfway (outputs cleared, Run All not
    # done) cannot save that state over the stored notebook.
    docmanager = dirs["settings"] / "@jupyterlab" / "docmanager-extension"
    docmanager.mkdir(parents=True)
    (docmanager / "plugin.jupyterlab-settings").write_text(json.dumps({"autosave": False}))
    # Every cell attached to the page (windowing "none"), so counting cells counts them all
    # on a slow machine too (a count of 2 of 02b's 17 cells was seen under load).
    tracker = dirs["settings"] / "@jupyterlab" / "notebook-extension"
    tracker.mkdir(parents=True)
    (tracker / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    # And the server refuses every save (a save the settings miss, or Ctrl-S from a test)
    # and keeps its checkpoints out of notebooks/: nothing writes into the repository.
    (dirs["config"] / "jupyter_server_config.py").write_text(
        SERVER_GUARD.format(checkpoints=str(home / "checkpoints"))
    )
    before = fingerprint()
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(dirs["config"]),
        JUPYTER_DATA_DIR=str(dirs["data"]),
        JUPYTER_RUNTIME_DIR=str(dirs["runtime"]),
        IPYTHONDIR=str(dirs["ipython"]),
        MPLCONFIGDIR=str(dirs["mpl"]),
        JUPYTERLAB_SETTINGS_DIR=str(dirs["settings"]),
        JUPYTERLAB_WORKSPACES_DIR=str(dirs["workspaces"]),
        JUPYTER_PLATFORM_DIRS="1",
    )
    env.pop("JUPYTER_PATH", None)
    port, token = free_port(), secrets.token_hex(16)
    # As root, `make lab` adds --allow-root itself (the README's troubleshooting relies on it).
    args = f"--no-browser --ip 127.0.0.1 --port {port} --IdentityProvider.token={token}"
    log = (home / "lab.log").open("w")
    proc = subprocess.Popen(
        ["make", "--no-print-directory", "lab", f"LAB_ARGS={args}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    if not wait_until_serving(f"{base}/api/status?token={token}", proc):
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        pytest.fail(f"JupyterLab did not start: {(home / 'lab.log').read_text()[-2000:]}")
    try:
        yield {"base": base, "token": token, "runtime": dirs["runtime"], "home": home}
    finally:
        try:  # a clean shutdown stops the kernels too
            req = urllib.request.Request(f"{base}/api/shutdown?token={token}", method="POST")
            urllib.request.urlopen(req, timeout=5)
            proc.wait(timeout=20)
        except (OSError, subprocess.TimeoutExpired):
            pass
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        log.close()
        assert fingerprint() == before, "the browser tests wrote into notebooks/"
        leftovers = processes_mentioning(str(home))
        assert not leftovers, f"processes left running after the server stopped: {leftovers}"


def stored_counts(path: Path) -> dict:
    nb = json.loads(path.read_text())
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    return {
        "code_cells": len(code),
        "images": sum("image/png" in o.get("data", {}) for c in code for o in c["outputs"]),
        "raises_exception": sum(
            "raises-exception" in c.get("metadata", {}).get("tags", []) for c in code
        ),
        "widget_cells": sum(_shows_a_widget("".join(c["source"])) for c in code),
    }


def _shows_a_widget(source: str) -> bool:
    """Does the cell, run as stored, build a widget? (A builder called at the top level;
    one behind ``if watch:`` only runs when the learner turns it on.)"""

    builders = ("explorer", "LiveTrainingPlot", "ShannonGame")
    gated = (ast.If, ast.For, ast.While, ast.FunctionDef, ast.ClassDef)
    for statement in ast.parse(source).body:
        if isinstance(statement, gated):
            continue
        for node in ast.walk(statement):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", getattr(node.func, "id", ""))
                if name.endswith(builders):
                    return True
    return False


@contextlib.contextmanager
def patient(what: str):
    """Turn Playwright's timeout into a failure that says what was awaited and how busy the
    machine was (a timeout under load is a slow machine, not necessarily a broken course)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        yield
    except PlaywrightTimeout as exc:
        pytest.fail(f"timed out waiting for {what} ({load_note()}): {str(exc).splitlines()[0]}")


def menu(page, top: str, item: str) -> None:
    page.locator(f'.lm-MenuBar-itemLabel:text-is("{top}")').click()
    page.locator(f'.lm-Menu-itemLabel:text-is("{item}")').click()


ALL_RAN = """() => {
  const prompts = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt')];
  return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
}"""
IDLE = '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator[data-status="idle"]'


def open_notebook(browser, lab, url_path: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{lab['base']}{url_path}?reset&token={lab['token']}")
    with patient(f"{url_path} to open and its kernel to be idle"):
        page.wait_for_selector(".jp-NotebookPanel .jp-Notebook", timeout=scaled_ms(OPEN_TIMEOUT_MS))
        page.wait_for_function(
            KERNEL_OR_DIALOG, polling=POLL_MS, timeout=scaled_ms(OPEN_TIMEOUT_MS)
        )
        accept_kernel_dialog(page)
        page.wait_for_selector(IDLE, timeout=scaled_ms(OPEN_TIMEOUT_MS))
    return page


# A kernel attached to the open notebook, or the dialog that asks which one to start.
KERNEL_OR_DIALOG = """() => document.querySelector('.jp-Dialog') || [...document.querySelectorAll(
  '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-KernelName')].some(e => e.innerText.trim() && e.innerText.trim() !== 'No Kernel')"""


def accept_kernel_dialog(page) -> None:
    """Accept JupyterLab's "Select Kernel" dialog (Python 3, preselected) if it is up: it
    was seen over 02b when the keystroke test opened it first in a new JupyterLab, and
    then Run All ran nothing."""
    dialog = page.locator(".jp-Dialog", has_text="Select Kernel")
    if dialog.count():
        dialog.locator("button.jp-mod-accept").click()
        with patient("the kernel dialog to close"):
            dialog.wait_for(state="detached", timeout=scaled_ms(WIDGET_TIMEOUT_MS))


def run_all(page, name: str) -> None:
    """Clear every output, Run All, and wait until every cell ran and the kernel is idle."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    cleared = "() => document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output').length === 0"
    menu(page, "Edit", "Clear Outputs of All Cells")  # else stored prompts satisfy ALL_RAN
    try:  # 05 once kept its outputs for 30 s under load: a menu click that did not land
        page.wait_for_function(cleared, polling=POLL_MS, timeout=scaled_ms(WIDGET_TIMEOUT_MS))
    except PlaywrightTimeout:
        menu(page, "Edit", "Clear Outputs of All Cells")
        with patient(f"the outputs of {name} to clear"):
            page.wait_for_function(cleared, polling=POLL_MS, timeout=scaled_ms(WIDGET_TIMEOUT_MS))
    menu(page, "Run", "Run All Cells")
    with patient(f"Run All of {name}"):
        page.wait_for_function(ALL_RAN, polling=POLL_MS, timeout=scaled_ms(RUN_ALL_TIMEOUT_MS))
        page.wait_for_selector(IDLE, timeout=scaled_ms(RUN_ALL_TIMEOUT_MS))


# How many code cells of the open notebook show at least one rendered widget (a box of
# controls) in their output area. A widget that failed gets the class jupyter-widgets too
# (the renderer's "Error displaying widget"), so a cell with that text does not count.
WIDGET_CELLS = """() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell')]
  .filter(cell => cell.querySelector('.jp-Cell-outputArea .jupyter-widgets.widget-box')
    && !cell.querySelector('.jp-Cell-outputArea').innerText.includes('Error displaying widget')).length"""


# What a widget drives: its readout text plus the images it shows (in the page's JS).
WIDGET_STATE = """el => JSON.stringify([
  [...el.querySelectorAll('.widget-html-content')].map(e => e.innerText),
  [...el.querySelectorAll('.widget-output img')].map(e => e.src.slice(-200)),
])"""


def widget_state(area) -> str:
    return area.evaluate(WIDGET_STATE)


def move_widgets(page, report: dict) -> None:
    """Move every control as a person would and check that its output changes."""
    areas = page.locator(".jp-OutputArea-output:has(.widget-vbox)")
    for i in range(areas.count()):
        area = areas.nth(i)
        if area.locator(".widget-html-content").count() == 0:  # a progress display, not an explorer
            continue
        for j in range(area.locator(".widget-slider .noUi-handle").count()):
            before = widget_state(area)
            handle = area.locator(".widget-slider .noUi-handle").nth(j)
            handle.focus()
            handle.press("ArrowRight")
            handle.press("ArrowRight")
            wait_changed(page, area, before)
            report["moved"] += 1
        selects = area.locator(".widget-dropdown select")
        for j in range(selects.count()):
            before = widget_state(area)
            select = selects.nth(j)
            options = select.locator("option").all_inner_texts()
            current = select.evaluate("s => s.options[s.selectedIndex].text")
            select.select_option(label=next(o for o in options if o != current))
            wait_changed(page, area, before)
            report["moved"] += 1
        boxes = area.locator(".widget-text input")
        for j in range(boxes.count()):
            before = widget_state(area)
            boxes.nth(j).click()
            page.keyboard.type("e t")  # letters and a space, keystroke by keystroke
            wait_changed(page, area, before)
            report["typed"] += 1


def wait_changed(page, area, before: str, timeout_ms: int = 20_000) -> None:
    """Wait (on the DOM, no sleeping) until the widget's readout or plot differs from ``before``."""
    with patient("a widget's readout or plot to change after its control moved"):
        page.wait_for_function(
            f"([el, before]) => ({WIDGET_STATE})(el) !== before",
            arg=[area.element_handle(), before],
            polling=POLL_MS,
            timeout=scaled_ms(timeout_ms),
        )


def test_make_lab_ships_the_settings_that_keep_the_news_popup_away(lab):
    """JupyterLab reads the course's override: its schema defaults become the course's values
    (no news fetched, no update check), with no user setting in this isolated JupyterLab."""
    url = f"{lab['base']}/lab/api/settings/@jupyterlab/apputils-extension:notification"
    with urllib.request.urlopen(f"{url}?token={lab['token']}", timeout=10) as r:
        defaults = json.load(r)["schema"]["properties"]  # overrides become the schema's defaults
    assert defaults["fetchNews"]["default"] == "false"
    assert defaults["checkForUpdates"]["default"] is False


def test_nothing_the_browser_does_is_saved_into_the_repository(lab):
    """Autosave is off in this JupyterLab, and its server refuses a save anyway.

    The first check reads the setting back through JupyterLab's settings API: it fails if
    JupyterLab ignored the isolated settings folder the fixture wrote it into (then autosave
    would be on, whatever the file says)."""
    url = f"{lab['base']}/lab/api/settings/@jupyterlab/docmanager-extension:plugin"
    with urllib.request.urlopen(f"{url}?token={lab['token']}", timeout=10) as r:
        assert json.load(r)["settings"]["autosave"] is False
    probe = ROOT / "notebooks" / "zz-save-probe.ipynb"
    body = {"type": "notebook", "format": "json", "content": nbformat.v4.new_notebook()}
    req = urllib.request.Request(
        f"{lab['base']}/api/contents/notebooks/{probe.name}?token={lab['token']}",
        data=json.dumps(body).encode(),
        method="PUT",
        headers={"Content-Type": "application/json"},
    )
    try:
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(req, timeout=10)
        assert refused.value.code == 403
        assert not probe.exists()
    finally:
        probe.unlink(missing_ok=True)


def test_make_lab_lands_on_the_start_notebook(browser, lab):
    """`make lab` writes the page it would open in a browser; open that page and see where it lands."""
    # A learner's first launch has no saved workspace; make sure this one has none either.
    req = urllib.request.Request(
        f"{lab['base']}/lab/api/workspaces/default?token={lab['token']}", method="DELETE"
    )
    try:
        urllib.request.urlopen(req, timeout=5)
    except OSError:  # 404: nothing saved yet
        pass
    open_files = list(lab["runtime"].glob("jpserver-file-to-run-*-open.html"))
    assert len(open_files) == 1, f"expected one open-file page, found {open_files}"
    page = browser.new_page()
    try:
        page.goto(open_files[0].as_uri())
        page.wait_for_selector(".jp-NotebookPanel .jp-Notebook", timeout=60_000)
        assert "/lab/tree/notebooks/00_start.ipynb" in page.url
        current = page.locator(".lm-TabBar-tab.lm-mod-current.jp-mod-current .lm-TabBar-tabLabel")
        assert "00_start.ipynb" in current.all_inner_texts()
        # the start notebook's title, rendered (markdown renders after the panel appears)
        page.locator("h1", has_text="Cross-entropy from first principles").first.wait_for(
            timeout=30_000
        )
    finally:
        page.close()


# A notebook page that ran to the end, left open for a later test in this module (the
# Shannon game's keystroke test plays a fresh game there rather than running 02b again).
RAN: dict[str, object] = {}
KEPT_OPEN = {"02b_english.ipynb"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_in_jupyterlab(browser, lab, path, record_property):
    counts = stored_counts(path)
    page = open_notebook(browser, lab, f"/lab/tree/notebooks/{path.name}")
    kept = False
    try:
        start = time.monotonic()
        run_all(page, path.name)
        seconds = time.monotonic() - start

        panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
        errors = panel.locator('[data-mime-type="application/vnd.jupyter.error"]').all_inner_texts()
        # only cells tagged raises-exception may show an error (none do today)
        assert len(errors) <= counts["raises_exception"], f"error output: {errors[0][:500]}"
        stderr = panel.locator(
            '[data-mime-type="application/vnd.jupyter.stderr"]'
        ).all_inner_texts()
        assert not stderr, f"stderr output: {stderr[0][:500]}"
        assert panel.locator(".jp-CodeCell").count() == counts["code_cells"]

        images = panel.locator(".jp-RenderedImage img")
        with patient("every plot's image to load"):
            page.wait_for_function(
                "() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-RenderedImage img')].every(i => i.complete && i.naturalWidth > 0)",
                polling=POLL_MS,
                timeout=scaled_ms(WIDGET_TIMEOUT_MS),
            )
        assert images.count() >= counts["images"], (
            f"{images.count()} plots drawn, {counts['images']} stored"
        )

        text = panel.inner_text()
        for bad in ("model not found", "Error displaying widget", "Failed to load model"):
            assert bad not in text, f"a widget did not render: {bad!r}"
        assert not re.search(r"\b(VBox|IntSlider|FloatSlider|HBox)\(", text), (
            "a widget shows as text"
        )
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        # One count per cell, not per DOM node: a widget with nested boxes is one widget cell.
        try:  # a widget renders after its cell's kernel reply: wait on the DOM, no sleep
            page.wait_for_function(
                f"() => ({WIDGET_CELLS})() >= {counts['widget_cells']}",
                polling=POLL_MS,
                timeout=scaled_ms(WIDGET_TIMEOUT_MS),
            )
        except PlaywrightTimeout:
            pass  # the assertion below says what is missing
        shown = page.evaluate(WIDGET_CELLS)
        assert shown >= counts["widget_cells"], (
            f"{shown} code cells show a widget, {counts['widget_cells']} build one"
        )

        # The DOM-node count the check used before (several per widget: nested boxes) and
        # the widget mime outputs, kept in the report to compare with the per-cell count.
        report = {"moved": 0, "typed": 0, "widget_cells_shown": shown}
        report["vbox_nodes"] = panel.locator(".jupyter-widgets.widget-vbox").count()
        report["widget_view_outputs"] = panel.locator(
            '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.widget-view+json"]'
        ).count()
        move_widgets(page, report)
        if counts["widget_cells"]:
            assert report["moved"] + report["typed"] > 0, "no control could be moved"
        if "ShannonGame(" in path.read_text():
            assert report["typed"] > 0, "could not type into Shannon's game"
        record_property("widgets_moved", report["moved"])
        record_property("boxes_typed_into", report["typed"])
        record_property("run_all_seconds", round(seconds, 1))
        with patient("the kernel to be idle after the last widget redraw"):
            page.wait_for_selector(IDLE, timeout=scaled_ms(RUN_ALL_TIMEOUT_MS))
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{path.stem}.png"), full_page=False)
        with (ARTIFACTS / "browser-report.jsonl").open("a") as fh:
            fh.write(
                json.dumps(
                    {"notebook": path.name, "run_all_s": round(seconds, 1), **counts, **report}
                )
                + "\n"
            )
        if path.name in KEPT_OPEN:
            RAN[path.name], kept = page, True
    finally:
        if not kept:
            page.close()


TYPED = re.compile(r"guesses typed: (\d+)\.")
GAME_NOTEBOOK = ROOT / "notebooks" / "02b_english.ipynb"


def game_cell_index(path: Path) -> int:
    """The position among code cells of the cell that builds Shannon's game."""
    code = [c for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code"]
    return next(i for i, c in enumerate(code) if "ShannonGame(" in "".join(c["source"]))


def test_shannon_game_counts_every_fast_keystroke_once(browser, lab):
    """Typing fast (no delay between keys) must neither drop nor double a guess: the game only
    reads what was added to the box and never writes into it while the learner types.

    Plays a fresh game: the game's cell is run again (in 02b's page that the Run All test
    left open, else after a Run All here), so whatever typing came before does not count;
    every wait reads that one cell's output."""
    page = RAN.pop(GAME_NOTEBOOK.name, None)
    try:
        if page is None:  # that test did not run, or failed: run 02b here
            page = open_notebook(browser, lab, f"/lab/tree/notebooks/{GAME_NOTEBOOK.name}")
            run_all(page, GAME_NOTEBOOK.name)
        panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
        cell = panel.locator(".jp-CodeCell").nth(game_cell_index(GAME_NOTEBOOK))
        accept_kernel_dialog(page)
        prompt = cell.locator(".jp-InputPrompt").inner_text().strip()  # "[17]:", say
        cell.locator(".jp-InputArea-editor").click()
        page.keyboard.press("Shift+Enter")  # run this cell again: a new game
        with patient("the game's cell to run again and show a game with nothing typed"):
            page.wait_for_function(  # a new execution count, then the new game's box
                "([el, before]) => { const p = el.querySelector('.jp-InputPrompt').innerText.trim();"
                " return /\\[\\d+\\]/.test(p) && p !== before"
                " && el.querySelector('.widget-text input')"
                " && el.innerText.includes('guesses typed: 0.'); }",
                arg=[cell.element_handle(), prompt],
                polling=POLL_MS,
                timeout=scaled_ms(RUN_ALL_TIMEOUT_MS),
            )
            page.wait_for_selector(IDLE, timeout=scaled_ms(RUN_ALL_TIMEOUT_MS))
        box = cell.locator(".widget-text input").first
        box.click()
        page.keyboard.press("End")
        keys = "etaoinshrdlu etaoinshrdlu"  # 25 keystrokes, some repeated (already-wrong) guesses
        page.keyboard.type(keys, delay=0)
        with patient(f"the game to count {len(keys)} keystrokes"):
            page.wait_for_function(
                f"el => el.innerText.includes('guesses typed: {len(keys)}.')",
                arg=cell.element_handle(),
                polling=POLL_MS,
                timeout=scaled_ms(WIDGET_TIMEOUT_MS),
            )
            page.wait_for_selector(IDLE, timeout=scaled_ms(RUN_ALL_TIMEOUT_MS))
        assert TYPED.findall(cell.inner_text()) == [str(len(keys))]  # one game, nothing doubled
    finally:
        if page is not None:
            page.close()
