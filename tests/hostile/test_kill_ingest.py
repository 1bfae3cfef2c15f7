"""`cnbudget ingest` killed again and again (SIGKILL, SIGTERM) in the middle of a
batch of real extractions: the database stays consistent, every resume is exact,
and no worker process or temporary folder outlives the run."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from cnbudget.ingest.isolation import sweep_stale_work_dirs
from cnbudget.render import render_document
from cnbudget.samples import sample_series

from .helpers import cli, cli_popen, work_dirs, workers_of

N = 24  # documents read from HTML and XLSX (real extractions, ~0.1 s each)


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def _corpus(folder: Path) -> None:
    folder.mkdir()
    for i, doc in enumerate(sample_series(N)):
        render_document(doc, "html" if i % 2 else "xlsx", folder / f"{i:03d}.{'html' if i % 2 else 'xlsx'}")


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_ingest_killed_repeatedly_resumes_exactly(tmp_path: Path, how: signal.Signals,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "in"
    _corpus(folder)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = {"TMPDIR": str(tmp)}
    db = tmp_path / "k.db"
    kills = 0
    for round_ in range(3):
        before = _count(db)
        log = tmp_path / f"stderr-{round_}.txt"
        proc = cli_popen("ingest", str(folder), "--db", str(db), "-j", "2", stderr=log, env=env)
        deadline = time.monotonic() + 120
        while _count(db) < before + 2 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        if proc.poll() is not None:
            break  # it finished before it could be killed
        workers = workers_of(proc.pid)
        proc.send_signal(how)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGABRT)  # the faulthandler prints every thread's stack
            proc.wait(timeout=30)
            pytest.fail(f"round {round_}: ingest still running 60 s after {how.name}:\n"
                        + log.read_text(errors="replace")[-6000:])
        kills += 1
        if how == signal.SIGTERM:
            # SIGTERM unwinds: exit 143, workers stopped, their folders removed
            assert proc.returncode == 143, log.read_text(errors="replace")
            assert work_dirs(tmp) == [], f"round {round_}: SIGTERM left worker folders"
        else:
            assert proc.returncode == -signal.SIGKILL
        stop = time.monotonic() + 10
        while workers_of(proc.pid) and time.monotonic() < stop:
            time.sleep(0.05)
        assert workers_of(proc.pid) == [], f"round {round_}: workers {workers} outlived ingest"
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert kills >= 1, "the batch finished before any kill"
    done = cli("ingest", str(folder), "--db", str(db), "-j", "2", "--json", env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(DISTINCT sha256), count(*) FROM documents"
                            ).fetchone() == (N, N)
        assert conn.execute("SELECT count(*) FROM tables").fetchone()[0] > 0
    # the resumed run swept what the SIGKILLed ones could not remove; nothing else is left
    monkeypatch.setenv("TMPDIR", str(tmp))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    sweep_stale_work_dirs()
    assert list(tmp.iterdir()) == [], list(tmp.iterdir())
