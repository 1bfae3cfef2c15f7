"""Ingest on Dask distributed into PostgreSQL: a real scheduler and two real workers
started here, a real PostgreSQL server; the database it builds equals, document for
document, a local ingest of the same files, and a re-run skips what is stored."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from cnbudget.model.contract import dumps
from cnbudget.render import render_document
from cnbudget.samples import budget_sample, final_account_sample
from cnbudget.store import Store
from cnbudget.store.batch import ingest
from cnbudget.store.schema import documents

from .test_batch import write_corpus

pytest.importorskip("distributed", reason="the dask extra is not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def dask_scheduler(tmp_path: Path) -> Iterator[str]:
    """A scheduler and two single-threaded workers, each its own process."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    log = (tmp_path / "dask.log").open("wb")
    procs = [subprocess.Popen(
        [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
         "--port", str(port), "--no-dashboard"], stdout=log, stderr=log)]
    try:
        for _ in range(2):
            procs.append(subprocess.Popen(
                [sys.executable, "-m", "distributed.cli.dask_worker", address, "--nthreads",
                 "1", "--no-dashboard", "--memory-limit", "0"], stdout=log, stderr=log,
                cwd=tmp_path))
        from distributed import Client

        deadline = time.monotonic() + 120
        while True:
            try:
                with Client(address, timeout=10) as client:
                    client.wait_for_workers(2, timeout=max(1, deadline - time.monotonic()))
                break
            except (OSError, TimeoutError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        yield address
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        log.close()


def _corpus(folder: Path) -> list[Path]:
    paths = write_corpus(folder, 5)
    # files read for real (the whole pipeline on the workers), two years of one
    # department so that versions and disclosures are at stake too
    render_document(budget_sample(0), "text", folder / "budget.txt")
    render_document(final_account_sample(0), "xlsx", folder / "final.xlsx")
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    return paths


def _stored(store: Store) -> dict[str, dict[str, object]]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(documents.c.id, documents.c.sha256, documents.c.version,
                                   documents.c.current)).all()
    return {r.sha256: {"version": r.version, "current": r.current,
                       "document": json.loads(dumps(store.load(r.id)))} for r in rows}


def test_dask_ingest_into_postgres_equals_local(tmp_path: Path, dask_scheduler: str,
                                                postgres_url: str) -> None:
    folder = tmp_path / "in"
    _corpus(folder)
    with Store(tmp_path / "local.db") as local:
        here = ingest(local, [folder], jobs=1)
        expected = _stored(local)
    seen: list[tuple[str, str]] = []
    with Store(postgres_url) as pg:
        remote = ingest(pg, [folder], engine="dask", scheduler=dask_scheduler,
                        progress=lambda name, outcome: seen.append((name, outcome)))
        assert (remote.stored, remote.failed) == (here.stored, here.failed) == (7, 1)
        assert [e.error for e in remote.errors] == [e.error for e in here.errors]
        # progress: one report per file, as the scheduler says it is done and it is written
        assert sorted(o for _, o in seen) == ["failed"] + ["stored"] * 7
        assert len({name for name, _ in seen}) == 8
        assert _stored(pg) == expected
        # resumed: nothing is extracted again, nothing stored twice
        again = ingest(pg, [folder], engine="dask", scheduler=dask_scheduler)
        assert (again.stored, again.skipped, again.failed) == (0, 7, 1)
        assert _stored(pg) == expected


def test_dask_local_cluster_of_workers(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_corpus(folder, 3)
    render_document(budget_sample(0), "text", folder / "budget.txt")
    with Store(tmp_path / "dask.db") as store:
        report = ingest(store, [folder], engine="dask", jobs=2)
        assert (report.stored, report.failed) == (4, 0)
        with Store(tmp_path / "local.db") as local:
            ingest(local, [folder], jobs=1)
            assert _stored(store) == _stored(local)
