"""Batch ingest: many files into the database, in parallel, resumable.

Extraction runs in worker processes; the parent alone writes, one transaction
per document, in input order (so which file is the newer version of a
disclosure does not depend on timing). A document already stored (same
content hash) is skipped before extraction, so a re-run after a crash or kill
resumes where it stopped; with `replace`, every file is extracted again and a
stored one replaced in place (after a cnbudget upgrade that reads better).
Every per-file failure is recorded in `ingest_errors` and reported; none aborts
the batch. Other processes may ingest into the same database at once: a file
one of them stored first counts as already stored.
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from cnbudget.model.contract import loads
from cnbudget.model.document import Document
from cnbudget.store.database import Store
from cnbudget.store.sources import Source, collect, file_sha256
from cnbudget.store.types import AmountOutOfRange


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


CONTRACT_CHUNK = 16  # contract files per worker task: loading one takes about a millisecond

# (file name, outcome: stored|replaced|skipped|failed) per file
Progress = Callable[[str, str], None]


def extract_source(path: str, is_contract: bool) -> Extracted:
    """Worker: one file to a `Document`. Any failure is this file's error, reported as
    data, so one bad file never stops a batch."""
    try:
        if is_contract:
            return Extracted(loads(Path(path).read_text(encoding="utf-8")))
        from cnbudget.pipeline import extract

        return Extracted(extract(path))
    except Exception as exc:  # per-file errors are data (see module doc)
        reason = getattr(exc, "reason", None) or str(exc) or repr(exc)
        return Extracted(None, type(exc).__name__, reason)


def _jobs(jobs: int | None) -> int:
    return max(1, jobs or os.cpu_count() or 1)


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
) -> IngestReport:
    """Ingest every document under `paths` into `store`; see the module doc."""
    started = time.perf_counter()
    report = IngestReport(run_id=store.start_run([str(p) for p in paths]))
    batch = _Batch(store, report, progress, replace)
    with tempfile.TemporaryDirectory(prefix="cnbudget-ingest-") as workdir:
        sources, input_errors = collect(paths, Path(workdir))
        report.files = len(sources) + len(input_errors)
        if on_total:
            on_total(report.files)
        for bad in input_errors:
            batch.fail(bad.name, bad.error, bad.message)
        todo = sources if replace else _not_yet_stored(store, sources, batch)
        if todo:
            _run_pool(todo, batch, _jobs(jobs))
    if report.stored or report.replaced:
        store.optimize()
    report.seconds = time.perf_counter() - started
    store.finish_run(report.run_id, files=report.files, stored=report.stored,
                     skipped=report.skipped, failed=report.failed,
                     replaced=report.replaced)
    return report


def _not_yet_stored(store: Store, sources: list[Source], batch: _Batch) -> list[Source]:
    known = store.known_sha256()
    todo = []
    for source in sources:
        # a contract file's hash is the one of the document inside: checked after loading
        if not source.is_contract:
            try:
                if file_sha256(source.path) in known:
                    batch.skip(source.name)
                    continue
            except OSError as exc:
                batch.fail(source.name, type(exc).__name__, exc.strerror or str(exc))
                continue
        todo.append(source)
    return todo


def extract_sources(items: list[tuple[str, bool]]) -> list[Extracted]:
    """Worker: a chunk of files (contract JSON is cheap; it travels in chunks)."""
    return [extract_source(path, is_contract) for path, is_contract in items]


def _chunks(todo: list[Source]) -> list[list[int]]:
    chunks: list[list[int]] = []
    for index, source in enumerate(todo):
        if chunks and source.is_contract and len(chunks[-1]) < CONTRACT_CHUNK \
                and todo[chunks[-1][0]].is_contract:
            chunks[-1].append(index)
        else:
            chunks.append([index])
    return chunks


def _alone(source: Source, context: multiprocessing.context.BaseContext) -> Extracted:
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        try:
            return pool.submit(extract_source, str(source.path), source.is_contract).result()
        except BrokenProcessPool:
            return Extracted(None, "WorkerCrashed", "the extraction process died on this file")


def _run_pool(todo: list[Source], batch: _Batch, jobs: int) -> None:
    """Extract in `jobs` processes, writing results in input order. A worker that
    dies (a crashing native library) breaks the pool: the files in flight then are
    extracted again one by one, each alone, to find the one that kills its worker."""
    chunks = _chunks(todo)
    next_chunk = 0
    results: dict[int, list[Extracted]] = {}
    window = jobs * 4
    # forkserver: workers start clean, not forked from a parent running a progress thread
    context = multiprocessing.get_context("forkserver")
    while next_chunk < len(chunks):
        pending: dict[int, Future[list[Extracted]]] = {}
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            submit_at = next_chunk
            while next_chunk < len(chunks):
                while submit_at < len(chunks) and submit_at < next_chunk + window:
                    if submit_at not in results:
                        pending[submit_at] = pool.submit(extract_sources, [
                            (str(todo[i].path), todo[i].is_contract) for i in chunks[submit_at]
                        ])
                    submit_at += 1
                if next_chunk not in results:
                    try:
                        results[next_chunk] = pending.pop(next_chunk).result()
                    except BrokenProcessPool:
                        break
                for index, result in zip(chunks[next_chunk], results.pop(next_chunk),
                                         strict=True):
                    batch.write(todo[index], result)
                next_chunk += 1
            for chunk, future in pending.items():
                if future.done() and future.exception() is None:
                    results[chunk] = future.result()
        for chunk in range(next_chunk, submit_at):
            if chunk not in results:
                results[chunk] = [_alone(todo[i], context) for i in chunks[chunk]]
