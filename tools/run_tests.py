"""`make test`: every test, the pip-bound tier side by side with the others.

The ``network`` tests (tests/test_set_up_commands.py: pip resolutions and installs into
fresh venvs) spend their time waiting on the package index and the disk, the other tiers
(unit, property, doctest, ``notebooks``, ``browser``) on the CPU. So two pytest runs start
at once: the network tier in the background, its output kept in
test-artifacts/network.log and printed when it ends, and everything else in the
foreground. Every test runs in exactly one of them. The exit status is 0 only if both
passed; the last line adds up both runs' counts.

    python tools/run_tests.py [pytest options...]

Options are passed to both runs. With your own marker selection (``-m expr``, ``-mexpr``,
``-qm expr``) or with test paths (``tests/test_ngram.py``, ``tests/test_x.py::test_y``) a
single run does it all: ``-m`` runs the whole suite with your selection, paths run those
only.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
PATHS = ["helpers", "tools", "tests"]
NO_TESTS = 5  # pytest's exit status when its selection is empty


def pytest_command(selection: str | None, junit: Path, extra: list[str]) -> list[str]:
    """``pytest --doctest-modules helpers tools tests``, with ``-m selection`` if given."""
    cmd = [sys.executable, "-m", "pytest", "--doctest-modules", *PATHS]
    cmd += ["-m", selection] if selection else []
    return cmd + [f"--junitxml={junit}", *extra]


def counts(junit: Path) -> dict[str, int]:
    """passed, failed (failures and errors) and skipped, from a run's JUnit XML report."""
    totals = {"passed": 0, "failed": 0, "skipped": 0}
    if not junit.exists():  # the run died before writing it
        return totals
    for suite in ET.parse(junit).getroot().iter("testsuite"):
        n = {k: int(suite.get(k, 0)) for k in ("tests", "failures", "errors", "skipped")}
        totals["failed"] += n["failures"] + n["errors"]
        totals["skipped"] += n["skipped"]
        totals["passed"] += n["tests"] - n["failures"] - n["errors"] - n["skipped"]
    return totals


def combined_status(codes: list[int]) -> int:
    """0 if every run passed (a run with nothing selected is no failure unless all are)."""
    if all(code == NO_TESTS for code in codes):
        return NO_TESTS
    return 0 if all(code in (0, NO_TESTS) for code in codes) else 1


# pytest's options that take a value (the next word, or the rest of a short-flag cluster):
# that word is no test path, and in ``-km`` the ``m`` is part of -k's expression.
VALUED_SHORT = set("kmpocWrn")
VALUED_LONG = {
    "--deselect", "--ignore", "--ignore-glob", "--rootdir", "--basetemp", "--confcutdir",
    "--junitxml", "--junit-xml", "--durations", "--maxfail", "--tb", "--import-mode",
    "--override-ini", "--log-level", "--hypothesis-profile", "--hypothesis-seed", "--dist",
    "--nbval-sanitize-with", "--capture", "--doctest-glob",
}  # fmt: skip


def parse_options(extra: list[str]) -> tuple[bool, list[str]]:
    """(has its own ``-m`` selection, the test paths) in pytest options ``extra``.

    A short-flag cluster is read as argparse reads it: ``-qm expr`` and ``-qmexpr`` select
    markers, ``-kmy_test`` does not (everything after ``-k`` is its expression). A path is
    a word that is no known option's value and names a file or folder of the repository
    (``tests/x.py::test_y``: its file): the value of an option not in the lists above
    (``--color yes``) is then no path, and the whole suite runs, split as usual."""
    markers, paths, value_next = False, [], False
    for word in extra:
        if value_next:
            value_next = False
        elif word.startswith("--"):
            value_next = "=" not in word and word in VALUED_LONG
        elif word.startswith("-") and len(word) > 1:
            for i, flag in enumerate(word[1:], start=1):
                if flag in VALUED_SHORT:
                    markers = markers or flag == "m"
                    value_next = i == len(word) - 1  # else the rest of the word is the value
                    break
        elif (ROOT / word.split("::")[0]).exists():
            paths.append(word)
    return markers, paths


def selects_markers(extra: list[str]) -> bool:
    """Whether the options hold a ``-m`` selection of their own (``-m expr``, ``-mexpr``, ``-qm expr``)."""
    return parse_options(extra)[0]


def given_paths(extra: list[str]) -> list[str]:
    """The test paths among the options (``tests/test_ngram.py``, ``tests/x.py::test_y``)."""
    return parse_options(extra)[1]


def stop(proc: subprocess.Popen) -> None:
    """Stop a background pytest and what it started (pip, venvs): its whole process group
    on Linux and macOS. On Windows only pytest itself is stopped (terminate, then kill if
    it lingers): the pip processes it started are not reached."""
    if proc.poll() is not None:
        return
    if hasattr(os, "killpg"):
        os.killpg(proc.pid, signal.SIGTERM)
    else:
        proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        if hasattr(os, "killpg"):
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
        proc.wait()


def unblocked_in_child(signals: set) -> dict:
    """Popen's option that unblocks ``signals`` in the child (a signal mask is inherited)."""
    if not hasattr(signal, "pthread_sigmask"):
        return {}
    return {"preexec_fn": lambda: signal.pthread_sigmask(signal.SIG_UNBLOCK, signals)}


def _exit_on(signum, _frame) -> None:
    raise SystemExit(128 + signum)  # unwinds main(), so its finally stops the network run


def main(extra: list[str]) -> int:
    ARTIFACTS.mkdir(exist_ok=True)
    for name in ("SIGTERM", "SIGHUP"):  # a CI timeout, a closed terminal: not only Ctrl-C
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _exit_on)
    if paths := given_paths(extra):  # those tests only (with the caller's -m, if any): one run
        print(f"run_tests: test paths given ({', '.join(paths)}): one run of those only")
        one = [sys.executable, "-m", "pytest", "--doctest-modules"]
        one += [f"--junitxml={ARTIFACTS / 'junit.xml'}", *extra]
        return subprocess.run(one, cwd=ROOT).returncode
    if selects_markers(extra):  # the caller's own selection of the whole suite: one run
        one = pytest_command(None, ARTIFACTS / "junit.xml", extra)
        return subprocess.run(one, cwd=ROOT).returncode
    start = time.monotonic()
    junits = {tier: ARTIFACTS / f"junit-{tier}.xml" for tier in ("network", "rest")}
    log_path = ARTIFACTS / "network.log"
    for stale in (*junits.values(), log_path):  # a run that dies writes none: no old counts
        stale.unlink(missing_ok=True)
    with log_path.open("w") as log:
        held = {getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n)}
        if hasattr(signal, "pthread_sigmask"):  # no signal between the fork and `network =`
            signal.pthread_sigmask(signal.SIG_BLOCK, held)
        network = subprocess.Popen(
            pytest_command("network", junits["network"], extra),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=ROOT,
            start_new_session=hasattr(os, "killpg"),  # its own group, so stop() reaches pip
            **unblocked_in_child(held),  # the child must not inherit the blocked signals
        )
        try:
            if hasattr(signal, "pthread_sigmask"):  # a signal held till now lands in this try
                signal.pthread_sigmask(signal.SIG_UNBLOCK, held)
            rest = subprocess.run(
                pytest_command("not network", junits["rest"], extra), cwd=ROOT
            ).returncode
            rest_s = time.monotonic() - start
            network_code = network.wait()
        finally:
            stop(network)  # interrupted: stop the background run too (a no-op once it ended)
    print(f"\n---- network tier (ran beside the others; {log_path}) ----")
    print(log_path.read_text().rstrip())
    total = {k: sum(counts(j)[k] for j in junits.values()) for k in ("passed", "failed", "skipped")}
    wall = time.monotonic() - start
    print(
        f"---- make test: {wall:.0f} s wall (the other tiers {rest_s:.0f} s); "
        f"exit status: network {network_code}, others {rest} ----"
    )
    print(f"total: {total['passed']} passed, {total['failed']} failed, {total['skipped']} skipped")
    return combined_status([network_code, rest])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
