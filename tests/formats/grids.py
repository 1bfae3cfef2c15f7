"""Test helpers: a read `Layout`'s grids as plain matrices, found by title, and
the original document's values located in them by header text and row label."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from cnbudget.ingest.layout import Delimiter, Layout, Line
from cnbudget.model import Row, Table
from cnbudget.model.table_types import NON_AMOUNT_COLUMNS, TABLE_TYPES
from cnbudget.normalise.amounts import parse_amount

WAN = Decimal(10000)


@dataclass
class Grid:
    title: str
    notes: list[str]  # paragraphs between the title and the grid, and right after it
    rows: list[list[str]]  # spans expanded: every covered position holds the cell's text
    lines: list[Line]


def grids_by_title(layout: Layout) -> dict[str, Grid]:
    """Each grid keyed by the last paragraph before it that is not a unit line."""
    out: dict[str, Grid] = {}
    paragraphs: list[str] = []
    current: Grid | None = None
    grid_id: int | None = None
    for line in layout.lines:
        if line.delimiter is not Delimiter.GRID:
            text = line.text.strip()
            if current is not None:
                current.notes.append(text)
            paragraphs.append(text)
            current = None if not text.startswith("注") else current
            continue
        if line.grid != grid_id:
            grid_id = line.grid
            title = next(p for p in reversed(paragraphs) if "单位：" not in p)
            current = Grid(title, [p for p in paragraphs[-2:] if "单位：" in p], [], [])
            out[title] = current
            paragraphs = []
        assert current is not None
        current.lines.append(line)
    for grid in out.values():
        grid.rows = expand(grid.lines)
    return out


def expand(lines: list[Line]) -> list[list[str]]:
    width = max(c.col + c.colspan for ln in lines for c in ln.cells)
    matrix = [[""] * width for _ in lines]
    for r, line in enumerate(lines):
        for cell in line.cells:
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    if r + dr < len(matrix):
                        matrix[r + dr][cell.col + dc] = cell.text
    return matrix


def printed(value: Decimal | None, column: str) -> Decimal | None:
    """A yuan value as the table prints it (in 万元), amounts only converted."""
    if value is None or column in NON_AMOUNT_COLUMNS:
        return value
    return value / WAN


def header_column(grid: Grid, header_rows: int, header: str, right_of: int) -> int:
    """The first column right of `right_of` whose header (any header row) reads `header`."""
    for c in range(right_of + 1, len(grid.rows[0])):
        if any(grid.rows[r][c] == header for r in range(header_rows)):
            return c
    raise AssertionError(f"no column headed {header!r} in {grid.title}")


def row_position(grid: Grid, table: Table, row: Row, start: int) -> tuple[int, int]:
    """(matrix row, label column) where the original row is printed."""
    label = row.code if row.code is not None else (row.name or "")
    for r in range(start, len(grid.rows)):
        cells = grid.rows[r]
        if row.code is not None or row.side == "income":
            if cells[0] == label:
                return r, 0
        elif row.side == "expenditure":
            if label in cells[1:]:
                return r, 1 + cells[1:].index(label)
        elif label in cells:
            return r, cells.index(label)
    raise AssertionError(f"row {row.key} ({label}) not found in {table.title}")


def check_values(grid: Grid, table: Table, header_rows: int) -> int:
    """Assert every value of every row of `table` sits under its header; returns cells checked."""
    ttype = TABLE_TYPES[table.type]
    checked = 0
    for row in table.rows:
        r, label_col = row_position(grid, table, row, header_rows)
        for key, value in row.values.items():
            header = ttype.column(key).header
            c = header_column(grid, header_rows, header, label_col)
            cell = grid.rows[r][c]
            got = parse_amount(cell)
            assert got == printed(value, key), f"{table.title} {row.key} {key}: {cell!r} != {value}"
            checked += 1
    return checked
