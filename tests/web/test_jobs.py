"""The job queue in the database: a job is claimed once, whatever the number of
workers; a job left running by a worker that died is queued again on start."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select, update

from cnbudget.store import Store
from cnbudget.store.engine import writing
from cnbudget.store.jobs import (
    DONE,
    QUEUED,
    RUNNING,
    claim,
    enqueue,
    finish,
    get_job,
    requeue_abandoned,
)
from cnbudget.store.schema import jobs


def _queue(store: Store, count: int) -> list[int]:
    with writing(store.engine) as conn:
        return [enqueue(conn, kind="ingest", file_name=f"f{i}.pdf", stored_name=f"{i}.pdf",
                        fmt="pdf", user_id=None) for i in range(count)]


def _claims_by_many_workers(store: Store, count: int) -> None:
    ids = _queue(store, count)
    taken: list[tuple[str, int]] = []
    lock = threading.Lock()

    def work(name: str) -> None:
        while (job := claim(store.engine, name)) is not None:
            with lock:
                taken.append((name, job.id))
            finish(store.engine, job.id, name, document_ids=[])

    threads = [threading.Thread(target=work, args=(f"w{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(job_id for _, job_id in taken) == ids  # each exactly once
    with store.engine.connect() as conn:
        assert set(conn.execute(select(jobs.c.status)).scalars()) == {DONE}
        assert set(conn.execute(select(jobs.c.attempts)).scalars()) == {1}


def test_each_job_is_claimed_once_sqlite(tmp_path: Path) -> None:
    with Store(tmp_path / "q.db") as store:
        _claims_by_many_workers(store, 40)


def test_each_job_is_claimed_once_postgres(postgres_url: str) -> None:
    with Store(postgres_url) as store:
        _claims_by_many_workers(store, 40)


def test_jobs_of_a_dead_worker_are_queued_again(tmp_path: Path) -> None:
    with Store(tmp_path / "q.db") as store:
        dead, stale, alive = _queue(store, 3)
        for _ in range(3):
            assert claim(store.engine, "x") is not None
        now = datetime.now(UTC)
        with writing(store.engine) as conn:
            # a process of this machine that is gone (pid beyond the kernel's maximum)
            import socket

            conn.execute(update(jobs).where(jobs.c.id == dead).values(
                worker=f"{socket.gethostname()}:4194305:ab", heartbeat_at=now))
            conn.execute(update(jobs).where(jobs.c.id == stale).values(
                worker="elsewhere:1:cd", heartbeat_at=now - timedelta(hours=1)))
            conn.execute(update(jobs).where(jobs.c.id == alive).values(
                worker="elsewhere:1:ef", heartbeat_at=now))
        assert sorted(requeue_abandoned(store.engine, now)) == sorted([dead, stale])
        with store.engine.connect() as conn:
            assert get_job(conn, dead).status == QUEUED  # type: ignore[union-attr]
            assert get_job(conn, stale).status == QUEUED  # type: ignore[union-attr]
            assert get_job(conn, alive).status == RUNNING  # type: ignore[union-attr]
        again = claim(store.engine, "y")
        assert again is not None and again.id == dead and again.attempts == 2
        # the dead worker's late finish is not taken for the new run's
        finish(store.engine, dead, "x", document_ids=[])
        with store.engine.connect() as conn:
            assert get_job(conn, dead).status == RUNNING  # type: ignore[union-attr]
