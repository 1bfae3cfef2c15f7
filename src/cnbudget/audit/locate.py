"""Where on the page a finding is: its locations resolved to the boxes of the cells,
rows and sentences they name.

A `FindingLocation` names a table (type and printed title), a row (code, unit code
or item, and its label and page where the rule gave them) and a column, or a
narrative fact (key and quote), or a quote of the narrative. The document read
from a PDF carries boxes on rows (`Row.locator.box`), on cells (`Row.boxes`), on
facts and on narrative lines; this module finds the one a location means. A
location that names no row takes the table's title line; one that names only a
page has no box (the finding is about the page or the document as a whole).
"""

from __future__ import annotations

from collections.abc import Iterable

from cnbudget.audit.describe import row_name
from cnbudget.model import Box, Document, Fact, Finding, FindingLocation, Row, Table
from cnbudget.normalise.text import fold


def _tables(doc: Document, loc: FindingLocation) -> list[Table]:
    tables = [t for t in doc.tables if t.type == loc.table]
    if loc.title is not None:
        titled = [t for t in tables if t.title == loc.title]
        tables = titled or tables
    return tables


def _names_row(row: Row, loc: FindingLocation) -> bool:
    if loc.code is not None:
        return loc.code in (row.code, row.unit_code)
    return loc.item is not None and row.item == loc.item and row.code is None


def _best(candidates: list[tuple[Table, Row]], loc: FindingLocation) -> tuple[Table, Row] | None:
    """The row a location means among rows of the same key: the one printed under the
    label it quotes, on the page it names."""
    if not candidates:
        return None

    def score(pair: tuple[Table, Row]) -> tuple[bool, bool]:
        table, row = pair
        page = row.locator.page if row.locator is not None else None
        return (loc.label is not None and row_name(table, row) == loc.label,
                loc.page is not None and page == loc.page)

    return max(candidates, key=score)


def _table_box(table: Table, row: Row | None, loc: FindingLocation) -> Box | None:
    if row is not None:
        if loc.column is not None and loc.column in row.boxes:
            return row.boxes[loc.column]
        if row.locator is not None and row.locator.box is not None:
            return row.locator.box
    return table.locator.box if table.locator is not None else None


def _fact_box(doc: Document, loc: FindingLocation) -> Box | None:
    facts: list[Fact] = [f for f in doc.facts if f.key == loc.fact]
    if loc.quote is not None:
        facts = [f for f in facts if f.text == loc.quote] or facts
    if loc.page is not None:
        facts = [f for f in facts if f.locator is not None and f.locator.page == loc.page] or facts
    for fact in facts:
        if fact.locator is not None and fact.locator.box is not None:
            return fact.locator.box
    return None


def _quote_boxes(doc: Document, loc: FindingLocation) -> list[Box]:
    """The narrative lines a quote was printed on (a quote may run over lines: then
    the lines it starts and ends on, and those between)."""
    quote = fold(loc.quote or "").strip()
    if not quote:
        return []
    lines = [(fold(p.text), p.locator.box) for p in doc.narrative
             if p.locator is not None and p.locator.box is not None
             and (loc.page is None or p.locator.page == loc.page)]
    for text, box in lines:
        if quote in text:
            return [box]
    # over lines: the run of lines whose joined text holds the quote
    for i, (text, _) in enumerate(lines):
        joined = text
        for j in range(i + 1, min(i + 8, len(lines))):
            joined += lines[j][0]
            if quote in joined and quote[:4] in text:
                return [box for _, box in lines[i:j + 1]]
    for fact in doc.facts:  # a rule quoting a fact's sentence without naming the fact
        if fact.locator is not None and fact.locator.box is not None and fold(fact.text) == quote:
            return [fact.locator.box]
    return []


def location_boxes(doc: Document, loc: FindingLocation) -> list[Box]:
    """The boxes of what one location names; empty where it names nothing with a box."""
    if loc.table is not None:
        tables = _tables(doc, loc)
        if not tables:
            return []
        if loc.code is None and loc.item is None:
            box = _table_box(tables[0], None, loc)
            return [box] if box is not None else []
        found = _best([(t, r) for t in tables for r in t.rows if _names_row(r, loc)], loc)
        if found is None:
            box = _table_box(tables[0], None, loc)
        else:
            box = _table_box(found[0], found[1], loc)
        return [box] if box is not None else []
    if loc.fact is not None:
        box = _fact_box(doc, loc)
        return [box] if box is not None else []
    if loc.quote is not None:
        return _quote_boxes(doc, loc)
    return []


def finding_boxes(doc: Document, finding: Finding) -> list[Box]:
    """Every box a finding is about, each once, in the order of its locations."""
    return _unique(box for loc in finding.locations for box in location_boxes(doc, loc))


def carries_boxes(doc: Document) -> bool:
    """Whether the document carries any page box (read from a PDF, and stored with its
    boxes): when not, no finding of it can be placed by box."""
    for table in doc.tables:
        if table.locator is not None and table.locator.box is not None:
            return True
        if any(r.boxes or (r.locator is not None and r.locator.box is not None)
               for r in table.rows):
            return True
    return any(x.locator is not None and x.locator.box is not None
               for x in (*doc.facts, *doc.narrative))


def _unique(boxes: Iterable[Box]) -> list[Box]:
    return list(dict.fromkeys(boxes))
