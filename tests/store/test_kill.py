"""Kill `cnbudget ingest` mid-batch (SIGKILL): nothing committed is lost, the
database is consistent, and a re-run completes the rest."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

from cnbudget.model.contract import dumps, loads
from cnbudget.store import Store
from tests.hostile.helpers import workers_of

from .test_batch import write_corpus

N = 160


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:  # schema not created yet
        return 0


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-c", "from cnbudget.cli.main import main; main()", *args]


def test_kill_mid_batch_then_resume(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "in", N)
    db = tmp_path / "kill.db"
    proc = subprocess.Popen(_cli("ingest", str(tmp_path / "in"), "--db", str(db), "--jobs", "2"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    while _count(db) < 10 and proc.poll() is None:
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read().decode() if proc.stderr else ""
    stored_before = _count(db)
    assert 10 <= stored_before < N, "the batch should have been killed mid-way"
    stop = time.monotonic() + 10
    while workers_of(proc.pid) and time.monotonic() < stop:
        time.sleep(0.05)
    assert workers_of(proc.pid) == [], "worker processes outlived the killed ingest"

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    # a stored contract's identity is the hash of its file's bytes
    by_hash = {hashlib.sha256(p.read_bytes()).hexdigest(): p for p in paths}
    with Store(db) as store, sqlite3.connect(db) as conn:
        ids = conn.execute("SELECT id, sha256 FROM documents").fetchall()
        # every committed document is there whole, exactly as in its file
        for doc_id, sha in ids:
            expected = loads(by_hash[sha].read_text(encoding="utf-8"))
            expected.source = replace(expected.source, sha256=sha)
            assert dumps(store.load(doc_id)) == dumps(expected)

    rerun = subprocess.run(_cli("ingest", str(tmp_path / "in"), "--db", str(db), "--json"),
                           capture_output=True, text=True, check=True)
    report = json.loads(rerun.stdout)
    assert report["skipped"] == stored_before
    assert report["stored"] == N - stored_before and report["failed"] == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(DISTINCT sha256), count(*) FROM documents"
                            ).fetchone() == (N, N)
        # the killed run is left unfinished, the re-run is finished
        runs = conn.execute("SELECT finished_at IS NOT NULL FROM ingest_runs ORDER BY id").fetchall()
        assert runs == [(0,), (1,)]
