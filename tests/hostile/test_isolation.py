"""Isolated parsing: a reader that aborts, segfaults, hangs, spins, eats memory,
exits or raises costs its one file, named; the pool goes on with a fresh worker;
workers die with their parent and leave no folder behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cnbudget.ingest.errors import UnreadableSource
from cnbudget.ingest.isolation import IsolatedPool, Task, sweep_stale_work_dirs
from cnbudget.ingest.limits import Limits
from cnbudget.ingest.readers import SourceRead
from cnbudget.render import render_document
from cnbudget.samples import budget_sample

from .helpers import crash_zip, install_crash_plugin, work_dirs, workers_of

pytestmark = pytest.mark.skipif(not Path("/proc/self").exists(), reason="needs Linux /proc")

EXPECTED = {
    "abort": "source.reader-crashed",
    "segv": "source.reader-crashed",
    "exit": "source.reader-crashed",
    "sleep": "source.timeout",  # wall clock: the process sleeps, it uses no CPU
    "spin": "source.timeout",  # CPU limit (SIGXCPU)
    "alloc": "source.out-of-memory",
    "raise": "source.reader-failed",
}


@pytest.fixture
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Workers see the crash plugin and write temporary files under a private TMPDIR."""
    plugin = install_crash_plugin(tmp_path / "plugin")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(plugin), os.environ.get("PYTHONPATH", "")]))
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    return tmp


def test_every_kind_of_reader_death_is_one_named_file(tmp_path: Path, isolated_env: Path) -> None:
    good = render_document(budget_sample(0), "html", tmp_path / "good.html")
    tasks: list[tuple[int, Task]] = []
    for i, how in enumerate(EXPECTED):
        tasks.append((2 * i, Task(str(crash_zip(tmp_path / f"{how}.zip", how)), f"{how}.zip")))
        tasks.append((2 * i + 1, Task(str(good), "good.html")))
    limits = Limits(seconds=1, memory_mb=300)
    with IsolatedPool(2, limits) as pool:
        outcomes = dict(pool.run(tasks))
        assert work_dirs(isolated_env), "workers keep their folder while they live"
    assert not work_dirs(isolated_env), "closing the pool removes every worker's folder"
    for i, how in enumerate(EXPECTED):
        bad, after = outcomes[2 * i], outcomes[2 * i + 1]
        assert isinstance(bad, UnreadableSource), (how, bad)
        assert (bad.code, bad.file) == (EXPECTED[how], f"{how}.zip"), (how, bad.reason)
        # the file after each death is read by a fresh worker
        assert isinstance(after, SourceRead) and after.layout.lines


def test_abort_names_the_signal(tmp_path: Path, isolated_env: Path) -> None:
    with IsolatedPool(1, Limits(seconds=5)) as pool:
        outcome = pool.one(Task(str(crash_zip(tmp_path / "a.zip", "abort")), "a.zip"))
    assert isinstance(outcome, UnreadableSource) and "SIGABRT" in outcome.reason


_HOLDER = """
import sys, time
from pathlib import Path
from cnbudget.ingest.isolation import IsolatedPool, Task
from cnbudget.ingest.limits import Limits
pool = IsolatedPool(2, Limits(seconds=600))
tasks = [(i, Task(sys.argv[1], "sleep.zip")) for i in range(2)]
print("started", flush=True)
for _ in pool.run(tasks):
    pass
"""


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_workers_die_with_their_parent(tmp_path: Path, isolated_env: Path,
                                       how: signal.Signals) -> None:
    sleeper = crash_zip(tmp_path / "sleep.zip", "sleep")
    parent = subprocess.Popen([sys.executable, "-c", _HOLDER, str(sleeper)],
                              stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None and parent.stdout.readline().strip() == "started"
    deadline = time.monotonic() + 60
    while len(workers_of(parent.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(workers_of(parent.pid)) == 2
    parent.send_signal(how)
    parent.wait(timeout=30)
    deadline = time.monotonic() + 10
    while workers_of(parent.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert workers_of(parent.pid) == [], "workers outlived their parent"
    # a parent killed outright leaves its workers' folders: the next pool sweeps them
    sweep_stale_work_dirs()
    assert work_dirs(isolated_env) == []
