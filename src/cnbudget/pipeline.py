"""The library's front door: a path in, a recognised (and audited) `Document` out.

`extract` raises `UnreadableSource` when a file yields nothing at all, and its
subclass `NotADisclosure` when what it yields is no disclosure (recognise/
disclosure.py); every lesser trouble is data on the document (`status`,
`problems`, `findings`).
"""

from __future__ import annotations

from pathlib import Path

from cnbudget.ingest.readers import SourceRead, read_bytes, read_source
from cnbudget.model import Document
from cnbudget.recognise.disclosure import require_disclosure
from cnbudget.recognise.document import recognise
from cnbudget.registry import load_plugins


def _finish(doc: Document, audit: bool) -> Document:
    if audit:
        from cnbudget.audit.engine import run_audit

        doc.findings = list(run_audit(doc).findings)
    return doc


def _recognised(source: SourceRead, disclosures_only: bool) -> Document:
    doc = recognise(source)
    if disclosures_only:
        require_disclosure(doc, source.layout.lines)
    return doc


def extract(path: Path | str, *, audit: bool = True, disclosures_only: bool = True) -> Document:
    """`disclosures_only=False` reads any document (a fragment, a single table) without
    asking whether it is a disclosure."""
    load_plugins()
    return _finish(_recognised(read_source(Path(path)), disclosures_only), audit)


def extract_bytes(data: bytes, name: str, *, audit: bool = True, disclosures_only: bool = True) -> Document:
    load_plugins()
    return _finish(_recognised(read_bytes(data, name), disclosures_only), audit)
