"""Do the course's pins install as wheels on the laptops learners bring?

For each platform (Windows x86-64, macOS arm64, Linux x86-64) and Python 3.11-3.14,
asks uv (pinned in requirements-dev.txt, the tool that writes the lock) to resolve
``requirements.txt`` with ``constraints.txt`` using wheels only, for that platform and
Python (``uv pip compile --python-platform``: nothing is installed), checks that every
package it picks is pinned and at its pin, and prints a table. Exit status 1 if any
combination fails. uv evaluates every environment marker for the target: pip, asked
with ``--platform``, reads them for the machine it runs on, so resolved on Linux a
Windows row never met pywinpty or colorama, nor a macOS row appnope.

Measured on this 2-core machine (user + sys of the whole process tree, one run each, cold
caches, other sessions' load varying): pip's twelve ``install --dry-run --report``
resolutions 225.5 CPU-s straight from the index (load 8-12; pip 23.2.1 and an index with
no PEP 658 metadata, so pip downloads every wheel it picks), 123.3 CPU-s through
:class:`PinnedIndex` with the platform pins (load 10-14); uv's twelve rows 6.7 CPU-s
(load 3-4; uv reads metadata only). Given up by the move: no test resolves the Windows
and macOS rows with pip any more, only with uv (the lock's own writer), so a difference
between the two resolvers there (yanked files, tag priority) would go unseen; pip still
resolves and installs the README's and plan B's Linux blocks as learners run them, and
:class:`PinnedIndex` serves tools/wheelhouse.py's pip downloads.

:class:`PinnedIndex` is a local proxy of the index that fetches each project's page once
for all its pips and serves only the files of the pinned version: pip, told
``==version`` by constraints.txt, drops every other file anyway (a project with no pin
that applies here is served whole; pip evaluates a constraint's marker on the
interpreter that runs it). It fetches the learners' pages at once when it starts,
answers an index it cannot reach with a 502 that says why, and trusts the system's
certificates plus pip's own bundle, so it reaches the index wherever pip does. Since pip
reads markers for this machine, each of its downloads also names the pins only its
platform needs (:func:`platform_pins`).

    python tools/check_wheels.py
"""

from __future__ import annotations

import json
import os
import ssl
import subprocess
import sys
import tempfile
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from packaging.markers import default_environment
from packaging.utils import (
    InvalidSdistFilename,
    InvalidWheelFilename,
    canonicalize_name,
    parse_sdist_filename,
    parse_wheel_filename,
)
from packaging.version import Version

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pins import closure, pins, requirements  # noqa: E402
from targets import (  # noqa: E402
    MARKER_ENVIRONMENTS,
    PLATFORMS,
    PYTHONS,
    isolated_env,
    load_scale,
)

ROOT = Path(__file__).resolve().parents[1]


def wheel_args(platform: str, python: str) -> list[str]:
    """pip's options to take wheels only, for one of PLATFORMS and a Python version."""
    args = ["--only-binary=:all:", "--python-version", python]
    return args + [arg for tag in PLATFORMS[platform] for arg in ("--platform", tag)]


def marker_environment(platform: str, python: str) -> dict[str, str]:
    """The PEP 508 marker values of ``platform`` (one of PLATFORMS) with CPython ``python``."""
    env = dict(default_environment(), **MARKER_ENVIRONMENTS[platform])
    env.update(python_version=python, python_full_version=f"{python}.0")
    env.update(implementation_name="cpython", platform_python_implementation="CPython")
    return env


def platform_pins(platform: str, python: str) -> list[str]:
    """constraints.txt's pins that requirements.txt needs (the lock's ``# via`` lines) under
    a marker that holds on ``platform`` and ``python`` (``pywinpty==3.1.2`` and
    ``colorama==0.4.6`` for Windows, ``appnope==1.0.0`` for macOS), as requirements."""
    env = marker_environment(platform, python)
    learners = closure(ROOT / "constraints.txt", "requirements.txt")
    return [
        f"{r.name}{r.specifier}"
        for r in requirements(ROOT / "constraints.txt")
        if r.marker is not None and r.marker.evaluate(env) and canonicalize_name(r.name) in learners
    ]


def pinned_wheels_command(verb: str, platform: str, python: str) -> list[str]:
    """``pip <verb>`` of the course's pins (requirements.txt with constraints.txt, and the
    pins that only that platform needs) as wheels for ``platform`` and ``python``; run it
    from the repository root."""
    cmd = [sys.executable, "-m", "pip", verb, *wheel_args(platform, python)]
    cmd += ["-r", "requirements.txt", "-c", "constraints.txt", *platform_pins(platform, python)]
    return cmd + ["--quiet", "--disable-pip-version-check"]


def proxied(cmd: list[str], index_url: str | None) -> tuple[list[str], dict[str, str]]:
    """A pip command and its environment (pip's configuration off), reading ``index_url``
    if given: never through an HTTP proxy, and with a timeout stretched by the load (a
    page the proxy is still fetching for another pip must not time this one out)."""
    env = isolated_env()
    if index_url:
        cmd = [*cmd, "--index-url", index_url, "--timeout", str(int(60 * load_scale()))]
        env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    return cmd, env


# uv's target for each platform, the same floors as PLATFORMS' pip tags: Windows x86-64;
# glibc 2.28 (manylinux_2_28, which accepts 2_17 and 2014 wheels too, refuses 2_34);
# Apple silicon on macOS 11 (MACOS_FLOOR below; tested against PLATFORMS).
UV_PLATFORMS = {
    "Windows x86-64": "x86_64-pc-windows-msvc",
    "macOS arm64": "aarch64-apple-darwin",
    "Linux x86-64": "x86_64-manylinux_2_28",
}
MACOS_FLOOR = "11.0"  # the oldest macOS on Apple silicon: targets.PLATFORMS' macosx_11_0_arm64


# uv settings that only say how to reach the index (kept); every other UV_* can change
# what is resolved (an index, find-links, constraints, pre-releases, ...) and is dropped.
UV_NETWORK = {"UV_NATIVE_TLS", "UV_HTTP_TIMEOUT", "UV_HTTP_RETRIES", "UV_CONCURRENT_DOWNLOADS"}


def uv_env() -> dict[str, str]:
    """This environment without pip's settings and uv's resolution settings (its network
    ones kept: UV_NATIVE_TLS trusts the system's certificates), and macOS's floor as uv
    reads it (MACOSX_DEPLOYMENT_TARGET: uv's own default is a newer macOS, 13)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("PIP_") and (not k.startswith("UV_") or k in UV_NETWORK)
    }
    return dict(env, MACOSX_DEPLOYMENT_TARGET=MACOS_FLOOR)


def resolve(
    platform: str,
    python: str,
    cache: Path,
    requirements_file: Path = ROOT / "requirements.txt",
    constraints_file: Path = ROOT / "constraints.txt",
    index_args: tuple[str, ...] = (),
) -> tuple[bool, str]:
    """(ok, summary): whether ``requirements_file`` with ``constraints_file`` resolves to
    wheels only for ``platform`` and ``python``, every package pinned and at its pin.

    ``uv pip compile --python-platform``: uv evaluates every marker (a dependency's, a
    constraint's) for that platform and Python, so Windows meets pywinpty and colorama and
    macOS appnope, which pip run here never would (it reads markers for this machine).
    ``cache``: uv's cache, new for each :func:`check_all` (it holds only what this run fetched
    from the index, so it cannot supply a wheel the index does not have)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "resolved.txt"
        cmd = [sys.executable, "-m", "uv", "pip", "compile", str(requirements_file)]
        cmd += ["-c", str(constraints_file), "--python-platform", UV_PLATFORMS[platform]]
        cmd += ["--python-version", python, "--only-binary", ":all:", "--no-config"]
        # uv resolves for --python-version; without --python it first hunts for such an
        # interpreter on this machine (seconds each row, through pyenv's shims here).
        cmd += ["--python", sys.executable, "--no-python-downloads"]
        cmd += ["--no-header", "--no-annotate", "--quiet", "--cache-dir", str(cache)]
        cmd += ["-o", str(out), *index_args]
        result = subprocess.run(
            cmd, cwd=ROOT, env=uv_env(), capture_output=True, text=True,
            timeout=600 * load_scale(),
        )  # fmt: skip
        if result.returncode != 0:
            lines = [ln.strip(" ╰─▶×│") for ln in result.stderr.splitlines()]
            return False, " ".join(ln for ln in lines if ln)[:400] or "uv failed"
        resolved = pins(out)
    # a pin applies where its marker holds
    wanted = pins(constraints_file, environment=marker_environment(platform, python))
    unpinned = sorted(set(resolved) - set(wanted))
    if unpinned:  # the lock must cover this platform, not only the one that wrote it
        where = f"{platform} / Python {python}"
        return False, f"not pinned in {constraints_file.name} for {where}: {', '.join(unpinned)}"
    moved = sorted(f"{n} {v} (pinned {wanted[n]})" for n, v in resolved.items() if v != wanted[n])
    if moved:
        return False, f"not at the pinned version: {', '.join(moved)}"
    return True, f"{len(resolved)} wheels"


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


def tls_context() -> ssl.SSLContext:
    """The system's certificates and the bundle pip itself trusts (its own certifi): the
    proxy reaches the index wherever the pips would have (python.org's Python on macOS has
    an empty system store; a network that inspects TLS adds its authority to pip's bundle)."""
    context = ssl.create_default_context()
    try:
        from pip._vendor import certifi  # the file pip verifies the index with
    except ImportError:
        return context
    context.load_verify_locations(cafile=certifi.where())
    return context


def fetch(url: str, accept: str | None = None) -> bytes | None:
    """The body at ``url`` (None for a 404)."""
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        timeout = 60 * load_scale()
        with urllib.request.urlopen(request, timeout=timeout, context=tls_context()) as r:
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
                try:
                    body, kind = index.answer(self.path)
                except OSError as exc:  # the index unreachable: say so, once
                    index.report(exc)
                    self.send_error(502, f"the proxy could not reach {index.upstream}: {exc}")
                    return
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
        self.error: str | None = None  # the first failure to reach upstream
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/simple/"

    def answer(self, path: str) -> tuple[bytes | None, str]:
        """(body, content type) for a request: a project's page (``/simple/<name>/``)."""
        parts = path.split("?")[0].strip("/").split("/")
        if parts[0] == "simple" and len(parts) == 2:
            name = canonicalize_name(parts[1])
            return self.once(name, lambda: self.project_page(name)), JSON_PAGE
        return None, ""

    def report(self, exc: OSError) -> None:
        with self.guard:
            if self.error is None:
                self.error = str(exc)
                print(f"check_wheels: cannot reach {self.upstream}: {exc}", file=sys.stderr)

    def once(self, key: str, make):
        """``make()``, computed once for all resolutions (the others wait for the first); a
        404 or an error is not kept, so a transient one is tried again by the next ask."""
        with self.guard:
            lock = self.locks.setdefault(key, threading.Lock())
        with lock:
            if self.cache.get(key) is None:
                self.cache[key] = make()
            return self.cache[key]

    def prefetch(self) -> None:
        """Fetch the page of every pin requirements.txt needs now, eight at a time, in the
        background (not the dev and doc tools' pins: no resolution here asks for those)."""

        def one(name: str) -> None:
            if self.error is not None:  # the index is unreachable: stop trying the rest
                return
            try:
                self.once(name, lambda: self.project_page(name))
            except OSError as exc:
                self.report(exc)  # a pip that asks for it gets the 502 and the reason

        self.prefetching = ThreadPoolExecutor(max_workers=8)
        for name in sorted(closure(ROOT / "constraints.txt", "requirements.txt")):
            self.prefetching.submit(one, name)

    def project_page(self, name: str) -> bytes | None:
        page = fetch(f"{self.upstream}{name}/", accept=JSON_PAGE)
        if page is None:
            return None
        served = pinned_page(json.loads(page), self.pins.get(name))
        return json.dumps(served).encode()

    def __enter__(self) -> PinnedIndex:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.prefetch()
        return self

    def __exit__(self, *exc) -> None:
        self.prefetching.shutdown(
            wait=False, cancel_futures=True
        )  # no queued fetch starts after it
        self.server.shutdown()
        self.server.server_close()


def check_all() -> dict[tuple[str, str], tuple[bool, str]]:
    """Every platform and Python at once (each row waits on the index more than it
    computes: about 0.6 CPU-s a row here), sharing one new uv cache."""
    jobs = [(name, python) for name in PLATFORMS for python in PYTHONS]
    with tempfile.TemporaryDirectory() as cache, ThreadPoolExecutor(len(jobs)) as pool:
        found = pool.map(lambda job: resolve(*job, cache=Path(cache)), jobs)
        return dict(zip(jobs, found, strict=True))


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
