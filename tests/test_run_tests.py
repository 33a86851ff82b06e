"""tools/run_tests.py (`make test`): two pytest runs that together run every test once,
and a status and count that add up both."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tools import run_tests

JUNIT = """<?xml version="1.0" encoding="utf-8"?><testsuites name="pytest tests">
<testsuite name="pytest" errors="{e}" failures="{f}" skipped="{s}" tests="{t}" time="1.0"/>
</testsuites>"""


def test_counts_read_the_junit_report(tmp_path):
    path = tmp_path / "junit.xml"
    path.write_text(JUNIT.format(e=1, f=2, s=3, t=10))
    assert run_tests.counts(path) == {"passed": 4, "failed": 3, "skipped": 3}
    assert run_tests.counts(tmp_path / "missing.xml") == {"passed": 0, "failed": 0, "skipped": 0}


def test_the_status_fails_if_either_run_fails():
    assert run_tests.combined_status([0, 0]) == 0
    assert run_tests.combined_status([5, 0]) == 0  # nothing selected in one run: no failure
    assert run_tests.combined_status([5, 5]) == 5
    for codes in ([1, 0], [0, 1], [2, 0], [0, 3], [5, 1]):
        assert run_tests.combined_status(codes) == 1, codes


def test_the_two_selections_split_the_suite_by_the_network_marker():
    junit = Path("x.xml")
    network = run_tests.pytest_command("network", junit, ["-q"])
    rest = run_tests.pytest_command("not network", junit, ["-q"])
    for cmd in (network, rest):
        assert cmd[3:7] == ["--doctest-modules", "helpers", "tools", "tests"], cmd
        assert cmd[-1] == "-q"
    assert network[7:9] == ["-m", "network"] and rest[7:9] == ["-m", "not network"]
    assert "-m" not in run_tests.pytest_command(None, junit, [])[3:]


def test_timeouts_stretch_with_the_load_per_core(monkeypatch):
    """tools/targets.load_scale: 1 on an idle machine, the load per core when busier, at most
    MAX_LOAD_SCALE, times TIMEOUT_SCALE; the browser's and pip's timeouts use it."""
    from tools import targets

    monkeypatch.delenv("TIMEOUT_SCALE", raising=False)
    monkeypatch.setattr(targets, "usable_cores", lambda: 2)
    for load, scale in [(0.3, 1.0), (2.0, 1.0), (7.0, 3.5), (22.6, targets.MAX_LOAD_SCALE)]:
        monkeypatch.setattr(targets.os, "getloadavg", lambda load=load: (load, 0.0, 0.0))
        assert targets.load_scale() == scale, load
    monkeypatch.setenv("TIMEOUT_SCALE", "2")
    assert targets.load_scale() == 2 * targets.MAX_LOAD_SCALE
    for bad in ("0", "-1", "abc", "nan", "inf"):
        monkeypatch.setenv("TIMEOUT_SCALE", bad)
        with pytest.raises(
            ValueError, match=rf"TIMEOUT_SCALE must be a finite number > 0, got '{bad}'"
        ):
            targets.load_scale()
    monkeypatch.setenv("TIMEOUT_SCALE", "1")
    monkeypatch.setenv("BROWSER_TIMEOUT_SCALE", "2")
    with pytest.raises(ValueError, match="renamed TIMEOUT_SCALE"):
        targets.load_scale()


def test_timeouts_without_a_load_average_as_on_windows(monkeypatch):
    """Windows has no os.getloadavg (AttributeError, not OSError): the scale is then 1 and
    the browser tests' timeout message still reads."""
    from tests import conftest
    from tools import targets

    monkeypatch.delenv("TIMEOUT_SCALE", raising=False)
    monkeypatch.delattr(targets.os, "getloadavg")
    assert targets.load_average() is None and targets.load_scale() == 1.0
    assert conftest.load_note().startswith("no load average on ")
    assert conftest.scaled_ms(1000) == 1000

    def refuses():
        raise OSError("no load average here")

    monkeypatch.setattr(targets.os, "getloadavg", refuses, raising=False)
    assert targets.load_average() is None
    assert targets.usable_cores() >= 1


class FakeRuns:
    """subprocess.Popen and subprocess.run for run_tests.main: each run exits with its
    code and writes a JUnit report of one test that passed or failed accordingly."""

    def __init__(self, network: int, rest: int):
        self.codes = {"network": network, "not network": rest}
        self.commands: list[list[str]] = []
        self.silent = False

    def _finish(self, cmd) -> int:
        self.commands.append(cmd)
        if self.silent:  # died before writing its report
            return self.codes[
                "network" if "network" in cmd[cmd.index("-m", 3) + 1 :][:1] else "not network"
            ]
        selection = cmd[cmd.index("-m", 3) + 1] if "-m" in cmd[3:] else "not network"
        code = self.codes[selection]
        junit = Path(next(a for a in cmd if a.startswith("--junitxml="))[len("--junitxml=") :])
        failed = int(code not in (0, 5))
        junit.write_text(JUNIT.format(e=0, f=failed, s=0, t=0 if code == 5 else 1))
        return code

    def popen(self, cmd, **_):
        code = self._finish(cmd)

        class Proc:
            pid, returncode = None, code  # a stop() that signalled it would fail loudly

            def poll(self):
                return code

            def wait(self, timeout=None):
                return code

        return Proc()

    def run(self, cmd, **_):
        return subprocess.CompletedProcess(cmd, self._finish(cmd))

    def install(self, monkeypatch, artifacts: Path) -> None:
        """Make run_tests start these fake runs, writing their reports under ``artifacts``."""
        monkeypatch.setattr(run_tests, "ARTIFACTS", artifacts)
        monkeypatch.setattr(run_tests.subprocess, "Popen", self.popen)
        monkeypatch.setattr(run_tests.subprocess, "run", self.run)


@pytest.mark.parametrize(
    ("network", "rest", "status", "total"),
    [
        (0, 0, 0, "total: 2 passed, 0 failed, 0 skipped"),
        (1, 0, 1, "total: 1 passed, 1 failed, 0 skipped"),
        (0, 1, 1, "total: 1 passed, 1 failed, 0 skipped"),
        (5, 0, 0, "total: 1 passed, 0 failed, 0 skipped"),
    ],
)
def test_main_fails_if_either_run_fails_and_adds_up_both(
    monkeypatch, tmp_path, capsys, network, rest, status, total
):
    fake = FakeRuns(network, rest)
    fake.install(monkeypatch, tmp_path)
    assert run_tests.main(["-q"]) == status
    out = capsys.readouterr().out.rstrip().splitlines()
    assert out[-1] == total
    assert sorted(c[c.index("-m", 3) + 1] for c in fake.commands) == ["network", "not network"]


@pytest.mark.parametrize("selection", [["-m", "notebooks"], ["-mnotebooks"]])
def test_an_own_marker_selection_is_one_run(monkeypatch, tmp_path, selection):
    fake = FakeRuns(0, 0)
    fake.codes["notebooks"] = 0
    fake.install(monkeypatch, tmp_path)
    assert run_tests.main(selection) == 0
    assert len(fake.commands) == 1 and fake.commands[0][-len(selection) :] == selection
    assert not run_tests.selects_markers(["--maxfail=1", "-q"])


def test_a_run_that_writes_no_report_counts_nothing_not_the_last_runs_report(
    monkeypatch, tmp_path, capsys
):
    (tmp_path / "junit-network.xml").write_text(JUNIT.format(e=0, f=0, s=0, t=50))
    (tmp_path / "junit-rest.xml").write_text(JUNIT.format(e=0, f=0, s=0, t=900))
    fake = FakeRuns(1, 1)
    fake.silent = True
    fake.install(monkeypatch, tmp_path)
    assert run_tests.main([]) == 1
    assert (
        capsys.readouterr().out.rstrip().splitlines()[-1] == "total: 0 passed, 0 failed, 0 skipped"
    )


def test_sigterm_stops_the_background_run(tmp_path):
    """A SIGTERM to run_tests (a CI timeout) unwinds it, and the network run it started, in
    its own session, is stopped with its process group (here: a child that sleeps)."""
    import os
    import signal
    import sys
    import time

    if not hasattr(os, "killpg"):
        pytest.skip("process groups are POSIX")
    script = tmp_path / "fake_run_tests.py"
    script.write_text(
        "import subprocess, sys, time\n"
        f"sys.path.insert(0, {str(Path(run_tests.__file__).parents[1])!r})\n"
        "from tools import run_tests\n"
        "class Sleep(subprocess.Popen):\n"
        "    def __init__(self, cmd, **kw):\n"
        "        super().__init__([sys.executable, '-c', 'import time; time.sleep(60)'], **kw)\n"
        "        print(self.pid, flush=True)\n"
        "run_tests.subprocess.Popen = Sleep\n"
        "run_tests.subprocess.run = lambda *a, **k: time.sleep(60)\n"
        f"run_tests.ARTIFACTS = __import__('pathlib').Path({str(tmp_path)!r})\n"
        "run_tests.main([])\n"
    )
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    child = int(proc.stdout.readline())
    start = time.monotonic()
    os.kill(proc.pid, signal.SIGTERM)
    assert proc.wait(timeout=60) == 128 + signal.SIGTERM
    assert time.monotonic() - start < 20  # SIGTERM reached it: not the SIGKILL 30 s later
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        pytest.fail(f"the background run {child} outlived run_tests")


def test_notebook_workers_is_checked_by_name(monkeypatch):
    from tests import notebook_runs

    for good, n in (("1", 1), ("3", 3)):
        monkeypatch.setenv("NOTEBOOK_WORKERS", good)
        assert notebook_runs._workers() == n
    for bad in ("0", "-1", "x", "²", "2.5"):
        monkeypatch.setenv("NOTEBOOK_WORKERS", bad)
        with pytest.raises(ValueError, match=r"NOTEBOOK_WORKERS must be a whole number >= 1"):
            notebook_runs._workers()


def test_a_notebook_not_expected_queues_in_the_pool(monkeypatch):
    """With the pool started, a run nobody announced goes through it too (never a third kernel)."""
    from concurrent.futures import Future

    from tests import notebook_runs

    submitted = []

    class Pool:
        def submit(self, fn, path):
            submitted.append(path)
            done = Future()
            done.set_result(f"run of {path.name}")
            return done

    monkeypatch.setattr(notebook_runs, "_RUNS", {})
    monkeypatch.setattr(notebook_runs, "_PENDING", {})
    monkeypatch.setattr(notebook_runs, "_POOL", [Pool()])
    monkeypatch.setattr(notebook_runs, "_EXPECTED", [])
    monkeypatch.setattr(notebook_runs, "WORKERS", 2)
    monkeypatch.setattr(notebook_runs, "_run", lambda path: pytest.fail("ran in this process"))
    unexpected = Path("notebooks/zz_unexpected.ipynb")
    assert notebook_runs.fresh_run(unexpected) == "run of zz_unexpected.ipynb"
    assert submitted == [unexpected]
    assert notebook_runs.fresh_run(unexpected) == "run of zz_unexpected.ipynb"  # once only
    assert submitted == [unexpected]


class Lingering:
    """A process that ignores the polite stop: wait(timeout=...) times out once."""

    pid = 4242

    def __init__(self):
        self.calls: list[str] = []

    def poll(self):
        return None

    def wait(self, timeout=None):
        self.calls.append(f"wait {timeout}")
        if timeout is not None:
            raise subprocess.TimeoutExpired("pytest", timeout)
        return -9

    def terminate(self):
        self.calls.append("terminate")

    def kill(self):
        self.calls.append("kill")


@pytest.mark.skipif(not hasattr(__import__("signal"), "SIGKILL"), reason="no SIGKILL (Windows)")
def test_stop_kills_a_process_group_that_outlives_sigterm(monkeypatch):
    import signal

    sent = []
    proc = Lingering()
    monkeypatch.setattr(
        run_tests.os, "killpg", lambda pid, sig: sent.append((pid, sig)), raising=False
    )
    run_tests.stop(proc)
    assert sent == [(4242, signal.SIGTERM), (4242, signal.SIGKILL)]
    assert proc.calls == ["wait 30", "wait None"]


def test_stop_without_process_groups_as_on_windows(monkeypatch):
    """No os.killpg: pytest itself is terminated, then killed if it lingers."""
    monkeypatch.delattr(run_tests.os, "killpg", raising=False)
    proc = Lingering()
    run_tests.stop(proc)
    assert proc.calls == ["terminate", "wait 30", "kill", "wait None"]


def test_stop_leaves_a_finished_run_alone(monkeypatch):
    monkeypatch.setattr(run_tests.os, "killpg", lambda *a: pytest.fail("signalled"), raising=False)
    proc = Lingering()
    proc.poll = lambda: 0
    run_tests.stop(proc)
    assert proc.calls == []


def test_a_failing_network_run_fails_make_test_and_says_so(monkeypatch, tmp_path, capsys):
    """The rest passed, the network run failed: status 1, its log printed, the status line
    names which run failed, and the counts add both."""
    fake = FakeRuns(network=1, rest=0)
    fake.install(monkeypatch, tmp_path)
    assert run_tests.main([]) == 1
    out = capsys.readouterr().out
    assert "---- network tier (ran beside the others;" in out
    assert "exit status: network 1, others 0 ----" in out
    assert out.rstrip().splitlines()[-1] == "total: 1 passed, 1 failed, 0 skipped"


@pytest.mark.parametrize(
    ("options", "markers", "paths"),
    [
        (["-m", "notebooks"], True, []),
        (["-mnotebooks"], True, []),
        (["-qm", "not browser"], True, []),
        (["-vqmnotebooks"], True, []),
        (["-kmy_test"], False, []),  # -k's expression, not -m
        (["-k", "tests/x.py"], False, []),  # a -k expression, not a path
        (["-p", "no:cacheprovider", "-q"], False, []),
        (["tests/test_ngram.py"], False, ["tests/test_ngram.py"]),
        (["--maxfail", "2", "tests/test_text.py::test_b"], False, ["tests/test_text.py::test_b"]),
        (["--maxfail=2", "-x", "tests", "-m", "not slow"], True, ["tests"]),
        (["-vk", "expr", "helpers/ngram.py"], False, ["helpers/ngram.py"]),
        (["--color", "yes", "-q"], False, []),  # an option's value the lists miss: no path
        (["--durations-min", "1", "tests/no_such_file.py"], False, []),  # not in the repository
    ],
)
def test_options_are_read_as_pytest_reads_them(options, markers, paths):
    assert run_tests.parse_options(options) == (markers, paths)


@pytest.mark.parametrize(
    "options", [["tests/test_ngram.py"], ["-q", "tests/test_ngram.py::test_x", "-m", "not slow"]]
)
def test_paths_given_run_those_only_in_one_run(monkeypatch, tmp_path, options):
    """`make test PYTEST_ARGS=tests/test_ngram.py`: one pytest of that file, not the suite."""
    fake = FakeRuns(0, 0)
    fake.codes["not slow"] = 0
    fake.install(monkeypatch, tmp_path)
    assert run_tests.main(options) == 0
    assert len(fake.commands) == 1
    cmd = fake.commands[0]
    assert cmd[-len(options) :] == options
    assert not set(run_tests.PATHS) & set(cmd), cmd  # not helpers, tools, tests besides them


def test_an_unknown_options_value_still_runs_the_whole_split_suite(monkeypatch, tmp_path):
    """`make test PYTEST_ARGS="--color yes"`: both runs, over helpers, tools and tests."""
    fake = FakeRuns(0, 0)
    fake.install(monkeypatch, tmp_path)
    assert run_tests.main(["--color", "yes"]) == 0
    assert len(fake.commands) == 2
    for cmd in fake.commands:
        assert cmd[3:7] == ["--doctest-modules", *run_tests.PATHS] and cmd[-2:] == [
            "--color",
            "yes",
        ]


def test_notebook_runs_start_at_collection_only_when_they_can_run_beside(monkeypatch):
    """notebook_runs.start(): the expected runs go to the pool at once, the first expected
    first; not with NOTEBOOK_WORKERS=1 (one at a time, as each test asks), not with nothing
    expected, not twice; conftest does not call it for --collect-only."""
    from pathlib import Path as P
    from types import SimpleNamespace

    from tests import conftest, notebook_runs

    started = []
    monkeypatch.setattr(notebook_runs, "_start_expected", lambda first: started.append(first))
    monkeypatch.setattr(notebook_runs, "_POOL", [])
    monkeypatch.setattr(notebook_runs, "_EXPECTED", [P("a.ipynb"), P("b.ipynb")])
    monkeypatch.setattr(notebook_runs, "WORKERS", 1)
    notebook_runs.start()
    assert started == []
    monkeypatch.setattr(notebook_runs, "WORKERS", 2)
    notebook_runs.start()
    assert started == [P("a.ipynb")]
    monkeypatch.setattr(notebook_runs, "_POOL", ["a pool"])
    notebook_runs.start()
    assert started == [P("a.ipynb")]  # once only
    monkeypatch.setattr(notebook_runs, "_POOL", [])
    monkeypatch.setattr(notebook_runs, "_EXPECTED", [])
    notebook_runs.start()
    assert started == [P("a.ipynb")]

    calls = []
    monkeypatch.setattr(notebook_runs, "start", lambda: calls.append("start"))
    for collect_only, expected in ((True, []), (False, ["start"])):
        calls.clear()
        config = SimpleNamespace(option=SimpleNamespace(collectonly=collect_only))
        conftest.pytest_collection_finish(SimpleNamespace(items=[], config=config))
        assert calls == expected


def test_waits_stretch_for_the_notebook_runs_beside_them(monkeypatch):
    """Two notebook runs executing beside a browser test on 2 cores: waits x1.5 at least,
    whatever the (lagging) load average says."""
    from tests import conftest, notebook_runs
    from tools import targets

    monkeypatch.delenv("TIMEOUT_SCALE", raising=False)
    monkeypatch.setattr(conftest, "usable_cores", lambda: 2)
    monkeypatch.setattr(conftest, "load_scale", lambda: 1.0)
    monkeypatch.setattr(notebook_runs, "running", lambda: 2)
    assert conftest.wait_scale() == 1.5 and conftest.scaled_ms(1000) == 1500
    monkeypatch.setattr(conftest, "load_scale", lambda: 4.0)
    assert conftest.wait_scale() == 4.0
    monkeypatch.setattr(notebook_runs, "running", lambda: 0)
    monkeypatch.setattr(conftest, "load_scale", lambda: 1.0)
    assert conftest.wait_scale() == 1.0
    assert targets.timeout_scale() == 1.0


def test_running_counts_the_runs_executing_now(monkeypatch):
    from concurrent.futures import Future

    from tests import notebook_runs

    waiting, executing, done = Future(), Future(), Future()
    executing.set_running_or_notify_cancel()
    done.set_result(None)
    monkeypatch.setattr(notebook_runs, "_PENDING", {"a": waiting, "b": executing, "c": done})
    assert notebook_runs.running() == 1
