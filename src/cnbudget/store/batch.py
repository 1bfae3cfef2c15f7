"""Batch ingest: many files into the database, in parallel, resumable.

Extraction runs in isolated worker processes (cnbudget.ingest.isolation: memory,
CPU and time limits per file; a worker that crashes costs its one file); the
parent alone writes, in input order (so which file is the newer version of a
disclosure does not depend on timing), on one writer thread that commits what
has arrived in batches (one transaction and one disk sync per batch, each
document in its own savepoint), so the workers never wait on the database and
the database never waits on one file. A document already stored (same
content hash) is skipped before extraction, so a re-run after a crash or kill
resumes where it stopped (the hash is of the bytes read, a contract file's own
bytes included: never a hash a file claims); with `replace`, every file is extracted again and a
stored one replaced in place (after a cnbudget upgrade that reads better).
Every per-file failure is recorded in `ingest_errors` and reported; none aborts
the batch. Other processes may ingest into the same database at once: a file
one of them stored first counts as already stored.
"""

from __future__ import annotations

import os
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from cnbudget.ingest.errors import UnreadableSource
from cnbudget.ingest.isolation import IsolatedPool, Task, WorkerFailed
from cnbudget.ingest.limits import Limits
from cnbudget.model.document import Document
from cnbudget.store.database import Store
from cnbudget.store.sources import Source, collect, source_sha256
from cnbudget.store.types import AmountOutOfRange
from cnbudget.store.write import Stored


@dataclass(frozen=True, slots=True)
class FileError:
    name: str
    error: str
    message: str


@dataclass(frozen=True, slots=True)
class Extracted:
    """What a worker sends back: a document, or why there is none."""

    document: Document | None
    error: str | None = None
    message: str | None = None


@dataclass(slots=True)
class IngestReport:
    run_id: int
    files: int = 0
    stored: int = 0
    skipped: int = 0  # already in the database (same content hash)
    new_versions: int = 0
    replaced: int = 0  # stored documents re-stored in place (`replace`)
    errors: list[FileError] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        return len(self.errors)


# (file name, outcome: stored|replaced|skipped|failed) per file
Progress = Callable[[str, str], None]
# results held for in-order writing, per worker, while an earlier file is still being read
_WINDOW_PER_JOB = 8
# at most this many documents per commit: a crash before it re-extracts no more than these
BATCH_DOCUMENTS = 32
ENGINES = ("local", "dask")


def _jobs(jobs: int | None) -> int:
    return max(1, jobs or os.cpu_count() or 1)


def _extracted(outcome: object) -> Extracted:
    if isinstance(outcome, Document):
        return Extracted(outcome)
    if isinstance(outcome, tuple) and len(outcome) == 2:  # (code, message) from a Dask worker
        return Extracted(None, str(outcome[0]), str(outcome[1]))
    if isinstance(outcome, UnreadableSource):
        return Extracted(None, outcome.code, outcome.reason)
    if isinstance(outcome, WorkerFailed):
        return Extracted(None, f"internal.{outcome.error}", outcome.message)
    return Extracted(None, "internal.unexpected", repr(outcome)[:200])


class _Batch:
    def __init__(self, store: Store, report: IngestReport, progress: Progress | None,
                 replace: bool = False) -> None:
        self.store = store
        self.report = report
        self.replace = replace
        self.progress = progress or (lambda _name, _outcome: None)

    def fail(self, name: str, error: str, message: str, sha256: str | None = None) -> None:
        self.report.errors.append(FileError(name, error, message))
        self.store.record_error(self.report.run_id, name, error, message, sha256)
        self.progress(name, "failed")

    def skip(self, name: str) -> None:
        self.report.skipped += 1
        self.progress(name, "skipped")

    def write(self, source: Source, result: Extracted) -> None:
        if result.document is None:
            self.fail(source.name, result.error or "Error", result.message or "")
            return
        write = self.store.replace if self.replace else self.store.store
        try:
            stored = write(result.document, self.report.run_id)
        except (AmountOutOfRange, SQLAlchemyError) as exc:
            self.fail(source.name, type(exc).__name__, str(exc), result.document.source.sha256)
            return
        self._count(source, stored)

    def write_many(self, results: list[tuple[Source, Extracted]]) -> None:
        """Results in one transaction (Store.store_many); should the batch itself fail,
        each is written alone, so one file's trouble stays that file's."""
        documents = [(src, r.document) for src, r in results if r.document is not None]
        errors = [(src.name, r.error or "Error", r.message or "", None)
                  for src, r in results if r.document is None]
        try:
            stored = self.store.store_many([d for _, d in documents], self.report.run_id,
                                           replace=self.replace, errors=errors)
        except SQLAlchemyError:
            for source, result in results:
                self.write(source, result)
            return
        by_source = {id(src): outcome for (src, _), outcome in zip(documents, stored, strict=True)}
        for source, result in results:
            if result.document is None:
                self.report.errors.append(FileError(source.name, result.error or "Error",
                                                    result.message or ""))
                self.progress(source.name, "failed")
                continue
            outcome = by_source[id(source)]
            if isinstance(outcome, Exception):
                self.fail(source.name, type(outcome).__name__, str(outcome),
                          result.document.source.sha256)
            else:
                self._count(source, outcome)

    def _count(self, source: Source, stored: Stored) -> None:
        if stored.replaced:
            self.report.replaced += 1
            self.progress(source.name, "replaced")
            return
        if not stored.new:
            self.skip(source.name)
            return
        self.report.stored += 1
        self.report.new_versions += stored.supersedes is not None
        self.progress(source.name, "stored")


def ingest(
    store: Store,
    paths: list[Path],
    *,
    jobs: int | None = None,
    progress: Progress | None = None,
    on_total: Callable[[int], None] | None = None,
    replace: bool = False,
    limits: Limits | None = None,
    engine: str = "local",
    scheduler: str | None = None,
) -> IngestReport:
    """Ingest every document under `paths` into `store`; see the module doc.
    `engine="dask"` extracts on Dask distributed workers (store/dask_ingest.py): on
    the cluster at `scheduler`, else on a local cluster of `jobs` workers."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; one of {', '.join(ENGINES)}")
    started = time.perf_counter()
    chosen = limits or Limits.from_env()
    report = IngestReport(run_id=store.start_run([str(p) for p in paths]))
    batch = _Batch(store, report, progress, replace)
    sources, input_errors = collect(paths, chosen)
    report.files = len(sources) + len(input_errors)
    if on_total:
        on_total(report.files)
    for bad in input_errors:
        batch.fail(bad.name, bad.error, bad.message)
    todo = sources if replace else _not_yet_stored(store, sources, batch, chosen)
    if todo and engine == "dask":
        _run_dask(todo, batch, chosen, scheduler, _jobs(jobs))
    elif todo:
        _run_pool(todo, batch, _jobs(jobs), chosen)
    if report.stored or report.replaced:
        store.optimize()
    report.seconds = time.perf_counter() - started
    store.finish_run(report.run_id, files=report.files, stored=report.stored,
                     skipped=report.skipped, failed=report.failed,
                     replaced=report.replaced)
    return report


def _not_yet_stored(store: Store, sources: list[Source], batch: _Batch,
                    limits: Limits) -> list[Source]:
    """The sources whose bytes are not stored yet (contract files too: a contract's
    identity is its own bytes, never the hash it claims)."""
    known = store.known_sha256()
    todo = []
    for source in sources:
        try:
            if source_sha256(source, limits) in known:
                batch.skip(source.name)
                continue
        except UnreadableSource as exc:
            batch.fail(source.name, exc.code, exc.reason)
            continue
        todo.append(source)
    return todo


def _task(source: Source) -> Task:
    return Task(str(source.path.absolute()), source.name,
                "contract" if source.is_contract else "extract", source.member)


class _Writer:
    """The one writer: results, in input order, committed in batches of what has
    arrived (up to BATCH_DOCUMENTS) on its own thread while the workers go on."""

    _DONE = None

    def __init__(self, batch: _Batch) -> None:
        self.batch = batch
        self.queue: queue.Queue[tuple[Source, Extracted] | None] = queue.Queue()
        self.failure: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="cnbudget-writer", daemon=True)
        self.thread.start()

    def put(self, source: Source, result: Extracted) -> None:
        if self.failure is not None:
            raise self.failure
        self.queue.put((source, result))

    def _run(self) -> None:
        done = False
        while not done:
            item = self.queue.get()
            pending: list[tuple[Source, Extracted]] = []
            while item is not self._DONE:
                pending.append(item)
                if len(pending) >= BATCH_DOCUMENTS:
                    break
                try:
                    item = self.queue.get_nowait()
                except queue.Empty:
                    break
            else:
                done = True
            if pending and self.failure is None:
                try:
                    self.batch.write_many(pending)
                except BaseException as exc:  # the main thread re-raises it
                    self.failure = exc

    def close(self) -> None:
        """Write what is queued, then stop; a failure of the writer is raised here."""
        self.queue.put(self._DONE)
        self.thread.join()
        if self.failure is not None:
            raise self.failure


class _InOrder:
    """Outcomes arriving in any order handed to the writer in input order."""

    def __init__(self, todo: list[Source], writer: _Writer) -> None:
        self.todo, self.writer = todo, writer
        self.results: dict[int, Extracted] = {}
        self.next = 0

    def held(self) -> int:
        return len(self.results) + self.writer.queue.qsize()

    def deliver(self, index: int, outcome: object) -> None:
        self.results[index] = _extracted(outcome)
        while self.next in self.results:
            self.writer.put(self.todo[self.next], self.results.pop(self.next))
            self.next += 1


def _run_pool(todo: list[Source], batch: _Batch, jobs: int, limits: Limits) -> None:
    """Extract on `jobs` isolated workers (cnbudget.ingest.isolation), writing results
    in input order. A file that kills, exhausts or stalls its worker is that file's
    error; the worker is replaced and the batch goes on."""
    window = jobs * _WINDOW_PER_JOB

    def tasks() -> Iterator[tuple[int, Task]]:
        for index, source in enumerate(todo):
            yield index, _task(source)

    writer = _Writer(batch)
    try:
        order = _InOrder(todo, writer)
        with IsolatedPool(jobs, limits) as pool:
            # held results, the writer's queue included, stay within the window
            for index, outcome in pool.run(tasks(), may_submit=lambda: order.held() < window):
                order.deliver(index, outcome)
    finally:
        writer.close()  # what was extracted is written, even on Ctrl-C or SIGTERM


def _run_dask(todo: list[Source], batch: _Batch, limits: Limits, scheduler: str | None,
              workers: int) -> None:
    """The same extraction on Dask distributed workers; this process the one writer."""
    from cnbudget.store.dask_ingest import run_on_dask

    writer = _Writer(batch)
    try:
        order = _InOrder(todo, writer)
        run_on_dask([_task(s) for s in todo], limits, order.deliver, scheduler=scheduler,
                    workers=workers)
    finally:
        writer.close()
