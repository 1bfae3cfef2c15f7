"""The job queue of the web application, kept in the database (table `jobs`).

A job is claimed by one worker at a time: `claim` moves the oldest queued job to
running with one UPDATE whose WHERE re-checks `status = 'queued'`, so two
workers (threads, processes, machines on one PostgreSQL) never run the same
job. A running worker beats (`heartbeat_at`); a job whose worker stopped
beating, or whose worker process on this machine is gone, is queued again
(`requeue_abandoned`), so a restart loses no job.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, Engine, insert, select, update

from cnbudget.ingest.isolation import pid_alive
from cnbudget.store.engine import writing
from cnbudget.store.schema import job_documents, jobs

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
STALE_AFTER = timedelta(minutes=2)  # a running job's worker beats every few seconds


@dataclass(frozen=True, slots=True)
class Job:
    id: int
    kind: str
    status: str
    file_name: str
    stored_name: str
    format: str
    document_id: int | None
    attempts: int
    error: str | None
    message: str | None
    document_ids: tuple[int, ...] = ()


def _job(row: object, document_ids: tuple[int, ...] = ()) -> Job:
    return Job(int(row.id), row.kind, row.status, row.file_name, row.stored_name,  # type: ignore[attr-defined]
               row.format, row.document_id, int(row.attempts), row.error, row.message,  # type: ignore[attr-defined]
               document_ids)


def enqueue(conn: Connection, *, kind: str, file_name: str, stored_name: str, fmt: str,
            user_id: int | None, document_id: int | None = None) -> int:
    return int(conn.execute(insert(jobs).values(
        kind=kind, status=QUEUED, file_name=file_name, stored_name=stored_name, format=fmt,
        user_id=user_id, document_id=document_id, created_at=datetime.now(UTC),
    )).inserted_primary_key[0])


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{os.urandom(4).hex()}"


def claim(engine: Engine, worker: str) -> Job | None:
    """The oldest queued job, now running under `worker`; None when none is queued."""
    with writing(engine) as conn:
        oldest = select(jobs.c.id).where(jobs.c.status == QUEUED).order_by(jobs.c.id).limit(1)
        job_id = conn.execute(oldest).scalar()
        if job_id is None:
            return None
        now = datetime.now(UTC)
        taken = conn.execute(
            update(jobs).where(jobs.c.id == job_id, jobs.c.status == QUEUED)
            .values(status=RUNNING, worker=worker, started_at=now, heartbeat_at=now,
                    attempts=jobs.c.attempts + 1))
        if taken.rowcount != 1:  # another worker took it first
            return None
        return _job(conn.execute(select(jobs).where(jobs.c.id == job_id)).one())


def beat(engine: Engine, job_id: int, worker: str) -> None:
    with writing(engine) as conn:
        conn.execute(update(jobs).where(jobs.c.id == job_id, jobs.c.worker == worker)
                     .values(heartbeat_at=datetime.now(UTC)))


def finish(engine: Engine, job_id: int, worker: str, *, document_ids: list[int],
           error: str | None = None, message: str | None = None) -> None:
    """Done (with the documents it made) or failed (with a stable error code)."""
    with writing(engine) as conn:
        done = conn.execute(
            update(jobs).where(jobs.c.id == job_id, jobs.c.worker == worker,
                               jobs.c.status == RUNNING)
            .values(status=FAILED if error and not document_ids else DONE,
                    finished_at=datetime.now(UTC), error=error, message=message))
        if done.rowcount != 1:
            return  # requeued meanwhile (this worker was taken for dead): the next run counts
        for document_id in dict.fromkeys(document_ids):
            conn.execute(insert(job_documents).values(job_id=job_id, document_id=document_id))


    return True


def requeue_abandoned(engine: Engine, now: datetime | None = None) -> list[int]:
    """Queue again every running job whose worker is gone: its heartbeat is older
    than STALE_AFTER, or its worker was a process of this machine no longer alive."""
    now = now or datetime.now(UTC)
    host = socket.gethostname()
    with writing(engine) as conn:
        running = conn.execute(select(jobs.c.id, jobs.c.worker, jobs.c.heartbeat_at)
                               .where(jobs.c.status == RUNNING)).all()
        abandoned = []
        for row in running:
            beat_at = row.heartbeat_at
            if beat_at is not None and beat_at.tzinfo is None:
                beat_at = beat_at.replace(tzinfo=UTC)  # SQLite keeps no zone
            w_host, _, rest = (row.worker or "").partition(":")
            pid = rest.partition(":")[0]
            dead_here = w_host == host and pid.isdigit() and not pid_alive(int(pid))
            if dead_here or beat_at is None or now - beat_at > STALE_AFTER:
                abandoned.append(int(row.id))
        if abandoned:
            conn.execute(update(jobs).where(jobs.c.id.in_(abandoned), jobs.c.status == RUNNING)
                         .values(status=QUEUED, worker=None))
        return abandoned


def get_job(conn: Connection, job_id: int) -> Job | None:
    row = conn.execute(select(jobs).where(jobs.c.id == job_id)).first()
    if row is None:
        return None
    made = tuple(int(d) for d in conn.execute(
        select(job_documents.c.document_id).where(job_documents.c.job_id == job_id)
        .order_by(job_documents.c.document_id)).scalars())
    return _job(row, made)


def upload_of(conn: Connection, document_id: int) -> Job | None:
    """The latest finished job that made `document_id` from an uploaded file."""
    row = conn.execute(
        select(jobs).join(job_documents, job_documents.c.job_id == jobs.c.id)
        .where(job_documents.c.document_id == document_id, jobs.c.status == DONE)
        .order_by(jobs.c.id.desc()).limit(1)).first()
    return _job(row) if row else None


def recent_jobs(conn: Connection, limit: int = 100) -> list[Job]:
    """The latest jobs, newest first, each with the documents it made."""
    rows = conn.execute(select(jobs).order_by(jobs.c.id.desc()).limit(limit)).all()
    made: dict[int, list[int]] = {}
    if rows:
        for job_id, document_id in conn.execute(
                select(job_documents.c.job_id, job_documents.c.document_id)
                .where(job_documents.c.job_id.in_([r.id for r in rows]))
                .order_by(job_documents.c.document_id)).all():
            made.setdefault(int(job_id), []).append(int(document_id))
    return [_job(r, tuple(made.get(int(r.id), ()))) for r in rows]
