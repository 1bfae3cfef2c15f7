"""The library's front door: a path in, a recognised (and audited) `Document` out.

`extract` raises `UnreadableSource` when a file yields nothing at all; every
lesser trouble is data on the document (`status`, `problems`, `findings`).
"""

from __future__ import annotations

from pathlib import Path

from cnbudget.ingest.readers import read_bytes, read_source
from cnbudget.model import Document
from cnbudget.recognise.document import recognise
from cnbudget.registry import load_plugins


def _finish(doc: Document, audit: bool) -> Document:
    if audit:
        from cnbudget.audit.engine import run_audit

        doc.findings = list(run_audit(doc).findings)
    return doc


def extract(path: Path | str, *, audit: bool = True) -> Document:
    load_plugins()
    return _finish(recognise(read_source(Path(path))), audit)


def extract_bytes(data: bytes, name: str, *, audit: bool = True) -> Document:
    load_plugins()
    return _finish(recognise(read_bytes(data, name)), audit)
