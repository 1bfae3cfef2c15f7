"""The job worker: a thread of the server process that runs the queued jobs.

Each job is one uploaded file (a zip counts as one) run through the same batch
ingest as `cnbudget ingest` (cnbudget.store.batch: an isolated worker process
reads it under the limits; the same store writes it). A re-check ingests the
stored upload again with `replace` and then drops the reviews whose finding
no longer appears (cnbudget.store.reviews). Jobs are claimed from the
database (cnbudget.store.jobs), so several servers on one database share the
queue, and a job left running by a server that died is queued again when a
server starts. Every ten minutes the worker also removes the temporary files of
uploads left by a server that stopped mid-upload (cnbudget.web.uploads).
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from cnbudget.ingest.errors import UnreadableSource
from cnbudget.ingest.limits import Limits
from cnbudget.store import Store
from cnbudget.store.batch import ingest
from cnbudget.store.engine import writing
from cnbudget.store.jobs import Job, beat, claim, finish, requeue_abandoned, worker_name
from cnbudget.store.reviews import prune
from cnbudget.store.sources import collect, source_sha256
from cnbudget.store.write import find_by_sha256
from cnbudget.web.uploads import remove_stale_parts

log = logging.getLogger("cnbudget.web.worker")
POLL_SECONDS = 2.0  # how often an idle worker looks for a job another server queued
BEAT_SECONDS = 10.0
SWEEP_SECONDS = 600.0  # how often stale upload temporaries are looked for


class JobWorker:
    def __init__(self, store: Store, upload_dir: Path, limits: Limits | None = None) -> None:
        self.store, self.upload_dir = store, upload_dir
        self.limits = limits or Limits.from_env()
        self.name = worker_name()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._next_sweep = 0.0

    def start(self) -> None:
        requeue_abandoned(self.store.engine)
        self._thread = threading.Thread(target=self._run, name="cnbudget-jobs", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """A job was queued: look now rather than at the next poll."""
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=120)

    def sweep_if_due(self, now: float) -> list[str]:
        """Remove stale upload temporaries when SWEEP_SECONDS have passed since the last
        look (`now`: a monotonic clock); the names removed."""
        if now < self._next_sweep:
            return []
        self._next_sweep = now + SWEEP_SECONDS
        removed = remove_stale_parts(self.upload_dir)
        if removed:
            log.info("removed %d stale upload temporaries: %s", len(removed), removed)
        return removed

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.sweep_if_due(time.monotonic())
                worked = self.run_one()
            except Exception:
                log.exception("job worker")
                worked = False
            if not worked:
                self._wake.wait(POLL_SECONDS)
                self._wake.clear()

    def run_one(self) -> bool:
        """Claim and run one job; False when none is queued."""
        job = claim(self.store.engine, self.name)
        if job is None:
            return False
        beating = threading.Event()

        def heartbeat() -> None:
            while not beating.wait(BEAT_SECONDS):
                beat(self.store.engine, job.id, self.name)

        threading.Thread(target=heartbeat, name=f"cnbudget-job-{job.id}", daemon=True).start()
        try:
            self._execute(job)
        except Exception as exc:
            log.exception("job %s", job.id)
            finish(self.store.engine, job.id, self.name, document_ids=[],
                   error="internal.unexpected", message=repr(exc)[:500])
        finally:
            beating.set()
        return True

    def _execute(self, job: Job) -> None:
        path = self.upload_dir / job.stored_name
        if not path.is_file():
            finish(self.store.engine, job.id, self.name, document_ids=[],
                   error="upload.missing", message=f"上传的文件已不在：{job.stored_name}")
            return
        report = ingest(self.store, [path], jobs=1, replace=job.kind == "recheck",
                        limits=self.limits)
        made = self._documents_of(path)
        if job.kind == "recheck":
            with writing(self.store.engine) as conn:
                for document_id in made:
                    prune(conn, document_id, self.store.load(document_id).findings)
        first = report.errors[0] if report.errors else None
        finish(self.store.engine, job.id, self.name, document_ids=made,
               error=first.error if first else None,
               message=_shown("；".join(f"{e.name}：{e.message}" for e in report.errors),
                              path, job.file_name) or None)

    def _documents_of(self, path: Path) -> list[int]:
        """The stored documents the file holds (a zip: each member's)."""
        sources, _ = collect([path], self.limits)
        found = []
        with self.store.engine.connect() as conn:
            for source in sources:
                try:
                    known = find_by_sha256(conn, source_sha256(source, self.limits))
                except UnreadableSource:
                    continue
                if known is not None:
                    found.append(known[0])
        return found


def _shown(message: str, path: Path, file_name: str) -> str:
    """A message naming the file as uploaded, never its stored name or folder."""
    return message.replace(str(path), file_name).replace(path.name, file_name)[:2000]
