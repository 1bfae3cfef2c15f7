"""Table blocks cut from the real seeds by line numbers, and the same blocks as
other extraction tools would give them.

Blocks are cut by hand (the line ranges were read off the seeds) so these
tests do not depend on segmentation. Variants are made by printing a block's
lines back to text in another tool's shape and reading that text with the
real text reader, or by turning tab cells into grid cells as a DOCX/XLSX
reader gives them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

import cnbudget.ingest.text  # noqa: F401 - registers the text reader
from cnbudget.ingest.layout import Cell, Delimiter, Line
from cnbudget.ingest.readers import read_bytes
from cnbudget.ingest.text import read_text
from cnbudget.model import Row, Table
from cnbudget.recognise.blocks import TABLE_PARSERS, ParsedTables, TableBlock
from cnbudget.recognise.tables import (  # noqa: F401 - importing registers the parsers
    assets,
    other,
    performance,
    procurement,
    project_expenditure,
    summary,
    three_public,
)

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


@cache
def seed_lines(prefix: str) -> tuple[Line, ...]:
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed {prefix} is absent from {SEEDS}: the real documents live in ../shared")
    return tuple(read_bytes(matches[0].read_bytes(), matches[0].name).layout.lines)


def seed_block(prefix: str, first: int, last: int, type_: str, title: str = "表",
               unit: str | None = None, context: tuple[str, ...] = (),
               document_unit: str | None = None) -> TableBlock:
    lines = [ln for ln in seed_lines(prefix) if ln.number is not None and first <= ln.number <= last]
    return TableBlock(type=type_, title=title, lines=lines, unit=unit, context=list(context),
                      document_unit=document_unit)


def parse(block: TableBlock) -> ParsedTables:
    return TABLE_PARSERS.get(block.type)(block)


def only_table(block: TableBlock) -> Table:
    parsed = parse(block)
    assert len(parsed.tables) == 1
    return parsed.tables[0]


def form_table(block: TableBlock) -> Table:
    """The one table of the block's own type: a per-project form gives its printed
    fields (项目基本信息) as tables of their own beside it."""
    (table,) = [t for t in parse(block).tables if t.type == block.type]
    return table


def yuan(text: str) -> Decimal:
    return Decimal(text)


def wan(text: str) -> Decimal:
    """A 万元 figure as printed, in yuan: computed here, not by the code under test."""
    return Decimal(text) * 10000


def values_by_key(table: Table) -> list[tuple[str | None, str | None, str | None, dict[str, Decimal | None]]]:
    """What a variant must reproduce: every row's keys and values, in order."""
    return [(r.side, r.item, r.texts.get("parent"), dict(r.values)) for r in table.rows]


def rows(table: Table, item: str, side: str | None = None) -> list[Row]:
    return [r for r in table.rows if r.item == item and (side is None or r.side == side)]


Variant = Callable[[TableBlock], TableBlock]


# ---- variants ---------------------------------------------------------------------------------


def _reread(text: str, like: TableBlock) -> TableBlock:
    lines = read_text(text.encode("utf-8"), "variant.txt").lines
    return replace(like, lines=lines)


def tabs_to_spaces(block: TableBlock) -> TableBlock:
    """pdfminer-style text: cells separated by runs of spaces, empty cells lost."""
    text = "\n\n".join("   ".join(c.text for c in ln.cells if c.text.strip()) for ln in block.lines)
    return _reread(text + "\n", block)


def joined_rows(block: TableBlock) -> TableBlock:
    """One row per line, cells separated by tabs (a markdown/OCR parser's output)."""
    text = "\n".join("\t".join(c.text for c in ln.cells) for ln in block.lines)
    return _reread(text + "\n", block)


def one_cell_per_line(block: TableBlock) -> TableBlock:
    """Tika's DOCX shape: each cell on its own tab-led line, a blank line between rows."""
    parts = []
    for ln in block.lines:
        if len(ln.cells) == 1 and ln.delimiter == Delimiter.NONE:
            parts.append(ln.cells[0].text)
        else:
            parts.append("\n".join("\t" + c.text for c in ln.cells))
    return _reread("\n\n".join(parts) + "\n", block)


def as_grid(block: TableBlock) -> TableBlock:
    """What a DOCX/XLSX/HTML reader gives: exact columns, one grid id."""
    lines = []
    for ln in block.lines:
        if ln.delimiter in (Delimiter.TAB, Delimiter.GRID):
            cells = tuple(Cell(c.text, col=i) for i, c in enumerate(ln.cells))
            lines.append(Line(cells, page=ln.page, number=ln.number, grid=1, delimiter=Delimiter.GRID))
        else:
            lines.append(ln)
    return replace(block, lines=lines)


def with_page_break(block: TableBlock, after: int) -> TableBlock:
    """A page footer and the next page's header printed inside the table body."""
    furniture = [
        Line((Cell("- 7 -"),), page=7, number=None, delimiter=Delimiter.NONE, raw="- 7 -"),
        Line((Cell("第 8 页"),), page=8, number=None, delimiter=Delimiter.NONE, raw="第 8 页"),
        Line((Cell(block.title),), page=8, number=None, delimiter=Delimiter.NONE, raw=block.title),
        Line((Cell("单位：万元"),), page=8, number=None, delimiter=Delimiter.NONE, raw="单位：万元"),
    ]
    lines = list(block.lines)
    return replace(block, lines=lines[:after] + furniture + lines[after:])
