"""Temporary upload files (`.….part`) left by a server that stopped mid-upload are
removed when a server starts and, while it runs, every SWEEP_SECONDS by the job
worker; a fresh one (an upload being written) and every other file stay."""

from __future__ import annotations

import os
import time
import uuid
from pathlib import Path

from fastapi.testclient import TestClient

from cnbudget.store import Store
from cnbudget.web.app import create_app
from cnbudget.web.uploads import STALE_PART_SECONDS, remove_stale_parts
from cnbudget.web.worker import SWEEP_SECONDS, JobWorker


def _part(folder: Path, age: float) -> str:
    """A temporary upload file last written `age` seconds ago."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f".{uuid.uuid4().hex}.part"
    path.write_bytes(b"%PDF-1.7 half an upload")
    then = time.time() - age
    os.utime(path, (then, then))
    return path.name


def _others(folder: Path) -> list[str]:
    """Files that look alike but are not save_upload's temporaries, all old."""
    names = ["0123456789abcdef0123456789abcdef.pdf", ".notes.part", "kept.part", ".x.part.pdf"]
    for name in names:
        (folder / name).write_bytes(b"keep")
        os.utime(folder / name, (0, 0))
    return names


def test_only_stale_temporaries_are_removed(tmp_path: Path) -> None:
    stale = _part(tmp_path, STALE_PART_SECONDS + 60)
    fresh = _part(tmp_path, 5)
    others = _others(tmp_path)
    assert remove_stale_parts(tmp_path) == [stale]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([fresh, *others])
    assert remove_stale_parts(tmp_path / "missing") == []


def test_a_starting_server_removes_them(tmp_path: Path) -> None:
    uploads = tmp_path / "uploads"
    stale = _part(uploads, STALE_PART_SECONDS * 3)
    fresh = _part(uploads, 1)
    app = create_app(str(tmp_path / "web.db"), uploads, worker=False)
    assert (uploads / stale).exists()  # made, not started
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert sorted(p.name for p in uploads.iterdir()) == [fresh]


def test_the_worker_sweeps_when_due(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "web.db"))
    try:
        worker = JobWorker(store, tmp_path)
        first = _part(tmp_path, STALE_PART_SECONDS + 1)
        assert worker.sweep_if_due(1000.0) == [first]
        second = _part(tmp_path, STALE_PART_SECONDS + 1)
        assert worker.sweep_if_due(1000.0 + SWEEP_SECONDS - 1) == []  # not yet due
        assert (tmp_path / second).exists()
        assert worker.sweep_if_due(1000.0 + SWEEP_SECONDS) == [second]
    finally:
        store.close()
