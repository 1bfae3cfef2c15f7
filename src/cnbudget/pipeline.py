"""The library's front door: a path in, a recognised (and audited) `Document` out.

`extract` raises `UnreadableSource` when a file yields nothing at all, and its
subclass `NotADisclosure` when what it yields is no disclosure (recognise/
disclosure.py); every lesser trouble is data on the document (`status`,
`problems`, `findings`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from cnbudget.ingest.errors import UnreadableSource, unreadable
from cnbudget.ingest.isolation import (
    TASK_KINDS,
    Task,
    WorkerFailed,
    in_worker,
    read_here,
    run_isolated,
)
from cnbudget.ingest.limits import Limits, current_limits
from cnbudget.model import Document
from cnbudget.registry import load_plugins

if TYPE_CHECKING:  # the readers and recognition load where they run: in the worker
    from cnbudget.ingest.readers import SourceRead


def _finish(doc: Document, audit: bool) -> Document:
    if audit:
        from cnbudget.audit.engine import audit_document

        audit_document(doc)
    return doc


def extract(path: Path | str, *, audit: bool = True, limits: Limits | None = None,
            isolate: bool = True, disclosures_only: bool = True) -> Document:
    """Extract one file. Unless `isolate` is False it is read, recognised and audited
    in an isolated worker process under `limits` (cnbudget.ingest.isolation): a
    hostile file costs a per-file error, never this process. `disclosures_only=False`
    reads any document (a fragment, a single table) without asking whether it is a
    disclosure; that is a developer's reading of a trusted file, done in this process."""
    if not isolate or not disclosures_only:
        from cnbudget.ingest.readers import read_source

        load_plugins()
        return extract_read(read_source(Path(path), limits), audit=audit,
                            disclosures_only=disclosures_only)
    doc = extract_isolated(path, limits, audit=audit)
    if isinstance(doc, UnreadableSource):
        raise doc
    return doc


def extract_read(read: SourceRead, *, audit: bool = True, disclosures_only: bool = True) -> Document:
    """A file already read (a `SourceRead`) recognised, refused if it is no
    disclosure, and audited."""
    from cnbudget.recognise.disclosure import require_disclosure
    from cnbudget.recognise.document import recognise

    doc = recognise(read)
    if disclosures_only:
        require_disclosure(doc, read.layout.lines)
    return _finish(doc, audit)


def extract_bytes(data: bytes, name: str, *, audit: bool = True, disclosures_only: bool = True) -> Document:
    from cnbudget.ingest.readers import read_bytes

    load_plugins()
    return extract_read(read_bytes(data, name), audit=audit, disclosures_only=disclosures_only)


def extract_here(task: Task, limits: Limits) -> Document:
    """A whole extraction (or a contract file loaded) in this process: the worker's
    side of an `extract` or `contract` task (registered below, run by the reading
    worker through cnbudget.ingest.isolation.run_here)."""
    path = Path(task.path)
    if task.kind == "contract":
        import hashlib
        from dataclasses import replace

        from cnbudget.ingest.containers import member_bytes
        from cnbudget.ingest.files import regular_file_bytes
        from cnbudget.model.contract import loads

        data = member_bytes(path, task.member, task.name, limits) if task.member \
            else regular_file_bytes(path, limits)
        try:
            doc = loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
            raise unreadable("source.unreadable", task.name,
                             reason=f"not a cnbudget document JSON: {exc}"[:500]) from exc
        # its identity is the bytes read, never the hash it claims for its source
        doc.source = replace(doc.source, sha256=hashlib.sha256(data).hexdigest())
        return doc
    return extract_read(read_here(path, task.name, task.member, limits), audit=task.audit)




def extract_isolated(path: Path | str, limits: Limits | None = None, *,
                     audit: bool = True) -> Document | UnreadableSource:
    """The whole extraction of one untrusted file (reading, recognition, audit) in a
    worker under `limits`: its `Document`, or the `UnreadableSource` saying why not."""
    chosen = limits or current_limits()
    task = Task(str(Path(path).absolute()), str(path), "extract", None, audit)
    if in_worker():
        try:
            return extract_here(task, chosen)
        except UnreadableSource as exc:
            return exc
    outcome = run_isolated(task, chosen)
    if isinstance(outcome, WorkerFailed):
        raise outcome
    return outcome  # type: ignore[return-value]


TASK_KINDS.add("extract", extract_here)
TASK_KINDS.add("contract", extract_here)
