"""Recognition as one step: a read source (`SourceRead`) to a `Document`.

segment → parse each table block with the parser registered for its type →
per-project tables whose printed unit cannot be theirs read in 元
(recognise/project_units.py) → metadata → narrative facts. A parser that
fails on one table is reported as a problem naming the table and the
document is marked partial; the other tables are kept. Problems the
recognisers recovered from (amounts placed by the table's own sums, a cut
code completed) are listed but leave the document a success: `partial`
means something printed was not read.
"""

from __future__ import annotations

from cnbudget.ingest.layout import Layout, ReadProblem
from cnbudget.ingest.readers import SourceRead
from cnbudget.model import (
    Document,
    Locator,
    Paragraph,
    Problem,
    ProblemSeverity,
    SourceFile,
    Status,
    Table,
)
from cnbudget.model.problems import PROBLEM_TYPES, problem_of, with_params
from cnbudget.model.table_types import OTHER, TABLE_TYPES
from cnbudget.normalise.text import one_line
from cnbudget.recognise.accounting import figure_problems
from cnbudget.recognise.blocks import TABLE_PARSERS, ParsedTables, TableBlock
from cnbudget.recognise.boxes import attach_cell_boxes
from cnbudget.recognise.facts import extract_facts
from cnbudget.recognise.identities import verdict
from cnbudget.recognise.lines import located
from cnbudget.recognise.metadata import recognise_metadata
from cnbudget.recognise.ocr_digits import check_ocr_digits
from cnbudget.recognise.page_titles import with_page_titles
from cnbudget.recognise.precision import set_printed_decimals
from cnbudget.recognise.project_units import read_implausible_projects_in_yuan
from cnbudget.recognise.realign import realign_names
from cnbudget.recognise.segment import segment


def _parse_block(block: TableBlock) -> ParsedTables:
    name = block.type if block.type in TABLE_PARSERS else OTHER
    if name not in TABLE_PARSERS:
        return ParsedTables([], [problem_of("table.no-parser", block.locator,
                                            type=block.type, title=block.title)])
    return TABLE_PARSERS.get(name)(block)


def _read_problem(p: ReadProblem) -> Problem:
    where = Locator(page=p.page, line=p.line)
    if p.code in PROBLEM_TYPES:
        return problem_of(p.code, where, **p.details)
    # a plugin reader's own code, not catalogued: kept, as a loss
    return problem_of("read.unclassified", where, message=f"{p.code} {p.details}")


def recognise_layout(layout: Layout, source: SourceFile) -> Document:
    seg = segment(with_page_titles(layout.lines, layout.page_names))
    meta = recognise_metadata(layout.lines)
    doc = Document(source=source, meta=meta)
    # a reader reports what it could not take in (a scanned page, a hidden sheet)
    doc.problems.extend(_read_problem(p) for p in layout.problems)
    scanned = frozenset(p.page for p in layout.problems if p.code == "page.ocr" and p.page is not None)
    for block in seg.blocks:
        try:
            parsed = _parse_block(block)
        except Exception as exc:
            doc.problems.append(problem_of("table.parser-failed", block.locator, title=block.title,
                                           reason=f"{type(exc).__name__}: {exc}"))
            continue
        set_printed_decimals(block, parsed.tables)
        attach_cell_boxes(block, parsed.tables)
        if scanned:  # figures OCR read: the table's sums confirm, correct or report them
            doc.problems.extend(check_ocr_digits(parsed.tables, scanned))
        doc.tables.extend(parsed.tables)
        doc.problems.extend(with_params(p, title=block.title) for p in parsed.problems)
        doc.problems.extend(check_reading(block, parsed.tables, meta.year))
        for table in parsed.tables:
            names_on_one_line(table)
    read_implausible_projects_in_yuan(doc)
    units = {t.unit for t in doc.tables if t.unit}
    meta.source_units = sorted(units)
    doc.narrative = [
        Paragraph(line.text.strip(), located(line))
        for line in seg.narrative if line.text.strip()
    ]
    doc.facts = extract_facts(seg.narrative, meta.kind, meta.year)
    doc.status = status_of(doc.problems)
    return doc


def check_reading(block: TableBlock, tables: list[Table], year: int | None) -> list[Problem]:
    """The reader's checks of its own reading, whatever parser read the block: a
    table whose names mostly belong to a neighbouring row's code is realigned
    where that reading fits; one whose identities mostly fail (or whose names
    still belong to other codes) is marked misread; every printed figure is in
    some cell, or said not to be."""
    realigned = [p for p in (realign_names(t, year) for t in tables) if p is not None]
    found = realigned + [p for p in (verdict(t, year) for t in tables) if p is not None]
    return found + figure_problems(block, tables)


def names_on_one_line(table: Table) -> None:
    """Row names (and a project's item, the name itself) and the type's text columns
    printed wrapped inside their cell, as one line; indicator texts keep their lines."""
    ttype = TABLE_TYPES.get(table.type)
    text_keys = {c.key for c in ttype.columns if c.text} if ttype else set()
    for row in table.rows:
        if row.name is not None:
            name = one_line(row.name)
            if row.item == row.name:
                row.item = name
            row.name = name
        for key in text_keys & row.texts.keys():
            row.texts[key] = one_line(row.texts[key])


def status_of(problems: list[Problem]) -> Status:
    """`partial` when something printed was lost; recovered readings leave a success."""
    if any(p.severity is ProblemSeverity.PARTIAL for p in problems):
        return Status.PARTIAL
    return Status.SUCCESS


def recognise(source: SourceRead) -> Document:
    layout = source.layout
    return recognise_layout(layout, SourceFile(
        file=source.file, sha256=source.sha256, format=source.format, pages=layout.pages,
    ))
