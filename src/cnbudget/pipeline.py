"""The library's front door: a path in, a recognised (and audited) `Document` out.

`extract` raises `UnreadableSource` when a file yields nothing at all, and its
subclass `NotADisclosure` when what it yields is no disclosure (recognise/
disclosure.py); every lesser trouble is data on the document (`status`,
`problems`, `findings`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from cnbudget.ingest.errors import UnreadableSource
from cnbudget.ingest.isolation import extract_isolated
from cnbudget.ingest.limits import Limits
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
