"""Do the course's pins install as wheels on the laptops learners bring?

For each platform (Windows x86-64, macOS arm64, Linux x86-64) and Python 3.11-3.14,
asks pip to resolve ``requirements.txt`` with ``constraints.txt`` using wheels only
(``--dry-run --report``: pip downloads the wheels it picks, to read their metadata, and
installs nothing), and prints a table. Exit status 1 if any combination fails.

The twelve resolutions read the index through :class:`PinnedIndex`, a local proxy that
fetches each project's page once for all twelve and serves it with only the files of the
pinned version: pip, told ``==version`` by constraints.txt, drops every other file anyway
(a project with no pin that applies here is served whole; pip evaluates a constraint's
marker on the interpreter that runs it, whatever ``--platform`` says). Each resolution is
still pip's own, against the index's own files. Measured on this 2-core machine (user +
sys of the twelve pips and this process): 225.5 CPU-s straight from the index (each pip
parsing some 47,000 file links of every version), 119.7 CPU-s through the proxy; the
same table, and for Windows / Python 3.13 the same report (102 names, versions, URLs
and hashes).

    python tools/check_wheels.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from packaging.utils import (
    InvalidSdistFilename,
    InvalidWheelFilename,
    canonicalize_name,
    parse_sdist_filename,
    parse_wheel_filename,
)
from packaging.version import Version

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pins import pins  # noqa: E402
from targets import PLATFORMS, PYTHONS, isolated_env, load_scale  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def wheel_args(platform: str, python: str) -> list[str]:
    """pip's options to take wheels only, for one of PLATFORMS and a Python version."""
    args = ["--only-binary=:all:", "--python-version", python]
    return args + [arg for tag in PLATFORMS[platform] for arg in ("--platform", tag)]


def pinned_wheels_command(verb: str, platform: str, python: str) -> list[str]:
    """``pip <verb>`` of the course's pins (requirements.txt with constraints.txt) as
    wheels for ``platform`` and ``python``; run it from the repository root."""
    cmd = [sys.executable, "-m", "pip", verb, *wheel_args(platform, python)]
    cmd += ["-r", "requirements.txt", "-c", "constraints.txt"]
    return cmd + ["--quiet", "--disable-pip-version-check"]


def resolve(platform: str, python: str, index_url: str | None = None) -> tuple[bool, str]:
    """(ok, summary): whether every requirement resolves to a wheel, and how many packages.
    ``index_url``: read the index there (a :class:`PinnedIndex`) instead of pip's default."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        cmd = pinned_wheels_command("install", platform, python)
        cmd += ["--dry-run", "--ignore-installed", "--target", tmp, "--report", str(report)]
        cmd += ["--index-url", index_url] if index_url else []
        result = subprocess.run(
            cmd, cwd=ROOT, env=isolated_env(), capture_output=True, text=True,
            timeout=600 * load_scale(),  # twelve at once on a busy machine: 600 s was too few
        )  # fmt: skip
        if result.returncode != 0:
            last = (result.stderr.strip().splitlines() or ["pip failed"])[-1]
            return False, last
        installs = json.loads(report.read_text())["install"]
        names = {canonicalize_name(i["metadata"]["name"]) for i in installs}
        unpinned = sorted(names - set(locked()))
        if unpinned:  # the lock must cover this platform, not only the one that wrote it
            return False, f"not pinned in constraints.txt: {', '.join(unpinned)}"
        return True, f"{len(installs)} wheels"


def locked() -> dict[str, str]:
    """The pins of constraints.txt, every platform's (an environment marker allowed)."""
    return pins(ROOT / "constraints.txt")


def pins_here() -> dict[str, Version]:
    """constraints.txt's pins that apply in this process: pip evaluates a constraint's
    environment marker on the interpreter that runs it, not the ``--platform`` it
    resolves for, so these are the pins every resolution here obeys."""
    return {name: Version(v) for name, v in pins(ROOT / "constraints.txt", here_only=True).items()}


def file_version(filename: str) -> Version | None:
    """The version in a wheel's or sdist's file name (None if it is neither)."""
    try:
        if filename.endswith(".whl"):
            return parse_wheel_filename(filename)[1]
        return parse_sdist_filename(filename)[1]
    except (InvalidWheelFilename, InvalidSdistFilename):
        return None


def pinned_page(page: dict, pin: Version | None) -> dict:
    """A PEP 691 project page with only the pinned version's files (every file when
    ``pin`` is None, and any file whose version cannot be read from its name)."""
    files = []
    for entry in page["files"]:
        version = file_version(entry["filename"])
        if pin is not None and version is not None and version != pin:
            continue
        files.append(entry)
    return dict(page, files=files)


JSON_PAGE = "application/vnd.pypi.simple.v1+json"


def fetch(url: str, accept: str | None = None) -> bytes | None:
    """The body at ``url`` (None for a 404)."""
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=180) as r:
            return r.read()
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return None
        raise


class PinnedIndex:
    """A local index in front of ``upstream``: see the module's docstring. Use as a
    context manager; ``url`` is its simple index."""

    def __init__(self, upstream: str = "https://pypi.org/simple/"):
        self.upstream, self.pins = upstream, pins_here()
        self.cache: dict[str, bytes | None] = {}
        self.locks: dict[str, threading.Lock] = {}
        self.guard = threading.Lock()
        index = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                body, kind = index.answer(self.path)
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):  # pip says what failed; no log per request
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/simple/"

    def answer(self, path: str) -> tuple[bytes | None, str]:
        """(body, content type) for a request: a project's page (``/simple/<name>/``)."""
        parts = path.split("?")[0].strip("/").split("/")
        if parts[0] == "simple" and len(parts) == 2:
            name = canonicalize_name(parts[1])
            return self.once(name, lambda: self.project_page(name)), JSON_PAGE
        return None, ""

    def once(self, key: str, make):
        """``make()``, computed once for all resolutions (the others wait for the first)."""
        with self.guard:
            lock = self.locks.setdefault(key, threading.Lock())
        with lock:
            if key not in self.cache:
                self.cache[key] = make()
            return self.cache[key]

    def project_page(self, name: str) -> bytes | None:
        page = fetch(f"{self.upstream}{name}/", accept=JSON_PAGE)
        if page is None:
            return None
        served = pinned_page(json.loads(page), self.pins.get(name))
        return json.dumps(served).encode()

    def __enter__(self) -> PinnedIndex:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def check_all(index: PinnedIndex | None = None) -> dict[tuple[str, str], tuple[bool, str]]:
    """Every platform and Python at once, through ``index`` (started) or a new PinnedIndex."""
    if index is None:
        with PinnedIndex() as index:
            return check_all(index)
    jobs = [(name, python) for name in PLATFORMS for python in PYTHONS]
    # All at once: each resolution waits on the index far more than it computes.
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        results = pool.map(lambda job: resolve(*job, index.url), jobs)
        return dict(zip(jobs, results, strict=True))


def table(results: dict[tuple[str, str], tuple[bool, str]]) -> str:
    lines = ["| platform | " + " | ".join(f"Python {v}" for v in PYTHONS) + " |"]
    lines.append("|---" * (len(PYTHONS) + 1) + "|")
    for name in PLATFORMS:
        cells = [("✓ " if ok else "✗ ") + text for ok, text in (results[name, v] for v in PYTHONS)]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> int:
    # The table's marks print on a Windows console or redirected stdout too (cp1252 lacks them).
    sys.stdout.reconfigure(encoding="utf-8", errors="replace")
    results = check_all()
    print(table(results))
    return 0 if all(ok for ok, _ in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
