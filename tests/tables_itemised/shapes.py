"""Hand-made printed tables in each shape a reader gives them.

A table is written as its printed lines, HTML-style: each line lists its
cells left to right, a cell a text or `(text, colspan, rowspan)`, positions
covered by a rowspan from a line above skipped. Three shapes of it:

- `grid`: what a DOCX/XLSX/HTML reader or a ruled PDF gives — exact columns
  and spans, merged positions absent;
- `tab`: tab-separated text, one row per line (a merged cell's text in its
  first column, the positions it covers empty), read by the real text reader;
- `space`: pdfminer-style text, filled cells separated by runs of spaces
  (empty cells lost), read by the real text reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from cnbudget.ingest.layout import Cell, Delimiter, Line
from cnbudget.ingest.text import read_text
from cnbudget.model import Table
from cnbudget.recognise.accounting import figure_problems
from cnbudget.recognise.blocks import TABLE_PARSERS, TableBlock

PrintedCell = str | tuple[str, int] | tuple[str, int, int]


@dataclass(frozen=True)
class Placed:
    text: str
    col: int
    colspan: int
    rowspan: int


def place(lines: list[list[PrintedCell]]) -> list[list[Placed]]:
    """Column positions of each line's cells, HTML table rules."""
    covered: dict[tuple[int, int], bool] = {}
    out: list[list[Placed]] = []
    for r, line in enumerate(lines):
        col = 0
        placed: list[Placed] = []
        for cell in line:
            text, colspan, rowspan = (cell, 1, 1) if isinstance(cell, str) else (*cell, 1)[:3]
            while covered.get((r, col)):
                col += 1
            placed.append(Placed(text, col, colspan, rowspan))
            for dr in range(rowspan):
                for dc in range(colspan):
                    covered[(r + dr, col + dc)] = True
            col += colspan
        out.append(placed)
    return out


def _width(placed: list[list[Placed]]) -> int:
    return max(c.col + c.colspan for line in placed for c in line)


def grid(title: str, lines: list[list[PrintedCell]], type_: str, unit: str = "万元") -> TableBlock:
    rows = [Line(tuple(Cell(c.text, col=c.col, colspan=c.colspan, rowspan=c.rowspan) for c in line),
                 page=1, number=n + 1, grid=1, delimiter=Delimiter.GRID)
            for n, line in enumerate(place(lines))]
    return TableBlock(type_, title, rows, unit=unit)


def _full_rows(lines: list[list[PrintedCell]]) -> list[list[str]]:
    placed = place(lines)
    width = _width(placed)
    rows = []
    for line in placed:
        row = [""] * width
        for c in line:
            row[c.col] = c.text
        rows.append(row)
    return rows


def tab(title: str, lines: list[list[PrintedCell]], type_: str, unit: str = "万元") -> TableBlock:
    text = "\n".join("\t".join(row) for row in _full_rows(lines)) + "\n"
    return TableBlock(type_, title, read_text(text.encode("utf-8"), "t.txt").lines, unit=unit)


def space(title: str, lines: list[list[PrintedCell]], type_: str, unit: str = "万元") -> TableBlock:
    text = "\n".join("   ".join(t for t in row if t) for row in _full_rows(lines)) + "\n"
    return TableBlock(type_, title, read_text(text.encode("utf-8"), "s.txt").lines, unit=unit)


Shape = Callable[[str, list[list[PrintedCell]], str], TableBlock]
SHAPES: dict[str, Shape] = {"grid": grid, "tab": tab, "space": space}

_FIGURE = re.compile(r"^-?[\d,]+\.\d+$|^-?\d{1,3}(?:,\d{3})+$")


def printed_figures(lines: list[list[PrintedCell]], first_body_line: int) -> list[Decimal]:
    """The amounts printed in the body (numbers with decimals or thousands groups)."""
    out = []
    for row in _full_rows(lines)[first_body_line:]:
        out += [Decimal(t.replace(",", "")) for t in row if _FIGURE.match(t.strip())]
    return sorted(out)


def read_figures(table: Table, factor: Decimal = Decimal(10000)) -> list[Decimal]:
    """The amounts the reading holds, in the printed unit."""
    return sorted(v / factor for r in table.rows for k, v in r.values.items()
                  if v is not None and k != "quantity")


def read_checked(block: TableBlock) -> Table:
    """The block's one table, read with no problem, every printed figure accounted
    for by the reading's own check (recognise/accounting.py)."""
    parsed = TABLE_PARSERS.get(block.type)(block)
    assert not parsed.problems, [p.message for p in parsed.problems]
    unplaced = figure_problems(block, parsed.tables)
    assert not unplaced, [p.message for p in unplaced]
    (table,) = parsed.tables
    return table
