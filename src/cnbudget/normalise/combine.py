"""One disclosure published as several files (the 情况说明 in one PDF, the tables in
another; a workbook beside its narrative) made one document, so that the audit
checks the narrative against the tables as it would in a single file.

The parts keep their own locators (a page number is of the file its table or
sentence came from); the combined source names every file. Metadata are taken
field by field from the first file that printed them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace

from cnbudget.model.document import (
    Department,
    Document,
    DocumentMeta,
    Region,
    SourceFile,
    Status,
)

_WORST = (Status.SUCCESS, Status.PARTIAL, Status.FAILURE)


def _first(values: Sequence[object]) -> object:
    return next((v for v in values if v is not None and v != ""), None)


def combined_meta(metas: Sequence[DocumentMeta]) -> DocumentMeta:
    units: list[str] = []
    for m in metas:
        units += [u for u in m.source_units if u not in units]
    return DocumentMeta(
        kind=_first([m.kind for m in metas]),  # type: ignore[arg-type]
        scope=_first([m.scope for m in metas]),  # type: ignore[arg-type]
        year=_first([m.year for m in metas]),  # type: ignore[arg-type]
        title=_first([m.title for m in metas]),  # type: ignore[arg-type]
        department=Department(_first([m.department.name for m in metas]),  # type: ignore[arg-type]
                              _first([m.department.code for m in metas])),  # type: ignore[arg-type]
        region=Region(_first([m.region.name for m in metas]),  # type: ignore[arg-type]
                      _first([m.region.level for m in metas])),  # type: ignore[arg-type]
        source_units=units,
    )


def combine_documents(documents: Sequence[Document]) -> Document:
    """The files of one disclosure as one document (its findings left to the audit)."""
    if not documents:
        raise ValueError("no document to combine")
    if len(documents) == 1:
        return replace(documents[0], findings=[])
    sources = [d.source for d in documents]
    pages = [s.pages for s in sources]
    source = SourceFile(
        file=" + ".join(s.file for s in sources),
        # no one file's bytes: the hash of the parts' hashes, in order
        sha256=hashlib.sha256("".join(s.sha256 for s in sources).encode()).hexdigest(),
        format=sources[0].format,
        pages=sum(p for p in pages if p is not None) if all(p is not None for p in pages) else None,
    )
    return Document(
        source=source,
        meta=combined_meta([d.meta for d in documents]),
        tables=[t for d in documents for t in d.tables],
        facts=[f for d in documents for f in d.facts],
        narrative=[p for d in documents for p in d.narrative],
        status=max((d.status for d in documents), key=_WORST.index),
        problems=[p for d in documents for p in d.problems],
    )
