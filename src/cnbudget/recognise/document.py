"""Recognition as one step: a read source (`SourceRead`) to a `Document`.

segment → parse each table block with the parser registered for its type →
metadata → narrative facts. A parser that fails on one table is reported as a
problem naming the table and the document is marked partial; the other tables
are kept.
"""

from __future__ import annotations

from cnbudget.ingest.layout import Layout
from cnbudget.ingest.readers import SourceRead
from cnbudget.model import Document, Locator, Paragraph, Problem, SourceFile, Status
from cnbudget.model.table_types import OTHER
from cnbudget.recognise.blocks import TABLE_PARSERS, ParsedTables, TableBlock
from cnbudget.recognise.facts import extract_facts
from cnbudget.recognise.metadata import recognise_metadata
from cnbudget.recognise.segment import segment


def _parse_block(block: TableBlock) -> ParsedTables:
    name = block.type if block.type in TABLE_PARSERS else OTHER
    if name not in TABLE_PARSERS:
        return ParsedTables([], [Problem(
            f"no parser is registered for table type {block.type!r}: "
            f"table {block.title!r}{_where(block)} was not read", block.locator,
        )])
    return TABLE_PARSERS.get(name)(block)


def _where(block: TableBlock) -> str:
    loc = block.locator
    if loc is None:
        return ""
    return f" (page {loc.page})" if loc.page is not None else f" (line {loc.line})"


def recognise_layout(layout: Layout, source: SourceFile) -> Document:
    seg = segment(layout.lines)
    meta = recognise_metadata(layout.lines)
    doc = Document(source=source, meta=meta)
    doc.problems.extend(
        Problem(p.message, Locator(page=p.page, line=p.line)) for p in layout.problems
    )
    for block in seg.blocks:
        try:
            parsed = _parse_block(block)
        except Exception as exc:
            doc.problems.append(Problem(
                f"table {block.title!r}{_where(block)} could not be read: "
                f"{type(exc).__name__}: {exc}", block.locator,
            ))
            continue
        doc.tables.extend(parsed.tables)
        doc.problems.extend(parsed.problems)
    units = {t.unit for t in doc.tables if t.unit}
    meta.source_units = sorted(units)
    doc.narrative = [
        Paragraph(line.text.strip(), Locator(page=line.page, line=line.number))
        for line in seg.narrative if line.text.strip()
    ]
    doc.facts = extract_facts(seg.narrative, meta.kind, meta.year)
    if doc.problems:
        doc.status = Status.PARTIAL
    return doc


def recognise(source: SourceRead) -> Document:
    layout = source.layout
    return recognise_layout(layout, SourceFile(
        file=source.file, sha256=source.sha256, format=source.format, pages=layout.pages,
    ))
