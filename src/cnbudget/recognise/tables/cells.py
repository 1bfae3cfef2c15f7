"""Cells of a table block as the itemised parsers read them.

Readers give lines of cells in three shapes: grid cells with an exact `col`,
tab-split cells whose index is their column (empty cells keep their place),
and space-split tokens where empty cells are lost and a name with inner
spaces (`项    目`) or a number (`37,83 2.13`) may be split. Parsers here work
on `Token`s: a cell's text, its column where the shape tells it, and whether
it is a number, so one parser serves every shape.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from cnbudget.ingest.layout import Line
from cnbudget.model import Locator, Problem, Table
from cnbudget.model.problems import problem_of
from cnbudget.normalise.amounts import is_empty_mark, is_number, parse_amount, to_yuan
from cnbudget.normalise.printed import is_note, says_empty, unit_in
from cnbudget.normalise.text import fold
from cnbudget.recognise.blocks import TableBlock
from cnbudget.recognise.lines import (
    is_column_numbers,
    is_furniture,
    located,
    positional,
    spans_over,
)

_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）])")
_SUB_ORDINAL = re.compile(r"^(?:\d+[、.．](?!\d)|[(（]\d+[)）]|其中\s*[:：]?)")
_CATALOG = re.compile(r"^[A-Ca-c]\d{2,}$")


@dataclass(frozen=True, slots=True)
class Token:
    """One cell (or one space-split piece of a cell) of a printed line."""

    text: str
    col: int | None  # the column where the line's shape tells it, else None
    number: bool  # a printed number or an empty mark (`-`, `——`)

    @property
    def empty(self) -> bool:
        return not self.text.strip()


def tokens(line: Line) -> list[Token]:
    """A line's cells as tokens; space-split number pieces joined (`604.` `4`)."""
    if positional(line):
        out = []
        for i, cell in enumerate(line.cells):
            col = cell.col if cell.col is not None else i
            out.append(Token(cell.text.strip(), col, is_number(cell.text)))
        return out
    pieces = join_number_pieces([c.text.strip() for c in line.cells if c.text.strip()])
    out: list[Token] = []
    for piece in pieces:
        if out and re.fullmatch(r"(?:19|20)\d\d", out[-1].text) and piece.startswith(("年", "年度")):
            out[-1] = Token(out[-1].text + piece, None, False)  # 2020 年部门预算…: a year, not an amount
        else:
            out.append(Token(piece, None, is_number(piece)))
    return out


def filled(toks: Iterable[Token]) -> list[Token]:
    return [t for t in toks if not t.empty]


def join_number_pieces(pieces: list[str]) -> list[str]:
    """Join the pieces of numbers that extraction split at a space or line end:
    `37,83` `2.13`, `604.` `4`, `2000` `.00`, `25.0` `0`."""
    out: list[str] = []
    for piece in pieces:
        if out and _continues_number(out[-1], piece):
            out[-1] = out[-1] + piece
        else:
            out.append(piece)
    return out


def _continues_number(left: str, right: str) -> bool:
    if left.endswith(".") and is_number(left[:-1]) and right.isdigit():
        return True  # 564. | 60
    if not (is_number(left) and is_number(right)) or is_empty_mark(left) or is_empty_mark(right):
        return False
    if right.startswith("."):
        return True
    if re.search(r",\d{1,2}$", left):  # a thousands group cut short: 37,83 | 2.13
        return True
    return bool(re.search(r"\.\d$", left) and re.fullmatch(r"\d", right))


def amount(text: str, unit: str | None) -> Decimal | None:
    """A printed amount in yuan; None for an empty cell. Raises ValueError for text."""
    return to_yuan(parse_amount(text), unit)


def plain_number(text: str) -> Decimal | None:
    """A rate, score or quantity: not converted. Raises ValueError for text."""
    return parse_amount(text)


def table_unit(block: TableBlock) -> str | None:
    """The unit amounts of the table are printed in."""
    if block.unit:
        return block.unit
    for line in block.lines[:8]:
        unit = unit_in(line.text)
        if unit:
            return unit
    return block.document_unit


def _first_note(block: TableBlock) -> int:
    return next((i for i, ln in enumerate(block.lines) if is_note(ln.text)), len(block.lines))


def note_of(block: TableBlock) -> str | None:
    """The notes printed under the table: from the first 注：/备注： line to the
    end (a note runs on: 注：1.… / 2.…), or a lone 空表 explanation."""
    start = _first_note(block)
    notes = [ln.text.strip() for ln in block.lines[start:] if not is_furniture(ln, block.title)]
    if not notes:
        notes = [ln.text.strip() for ln in block.lines
                 if len(ln.filled) == 1 and says_empty(ln.text)]
    return "\n".join(notes) if notes else None


def locator(line: Line) -> Locator:
    return located(line)


def has_ordinal(text: str) -> bool:
    """A top-level list number: 一、 / （一）."""
    return bool(_ORDINAL.match(fold(text)))


def has_sub_ordinal(text: str) -> bool:
    """A second-level list number or lead: 1、 / （1） / 其中：."""
    return bool(_SUB_ORDINAL.match(fold(text)))


def is_catalog_code(text: str) -> bool:
    return bool(_CATALOG.match(fold(text)))


def body_lines(block: TableBlock) -> list[Line]:
    """The block's lines above its notes, without page furniture."""
    return [ln for ln in block.lines[:_first_note(block)] if not is_furniture(ln, block.title)]


def new_table(block: TableBlock, unit: str | None) -> Table:
    note = note_of(block)
    return Table(type=block.type, title=block.title, unit=unit, locator=block.locator, note=note)


def finish(table: Table) -> Table:
    """Mark a table with no printed value as empty when its note says so."""
    has_value = any(v is not None for row in table.rows for v in row.values.values())
    if not has_value and (says_empty(table.note) or not table.rows):
        table.empty = True
    return table


def problem(problem_code: str, line: Line | None = None, /, **params: object) -> Problem:
    """A reading problem of a catalogued code at a printed line (the table's title
    is added by recognition: recognise/document.py)."""
    return problem_of(problem_code, locator(line) if line is not None else None, **params)


@dataclass(frozen=True, slots=True)
class GridRow:
    """A body line read against the header: (header, cell text) in printed order."""

    line: Line
    cells: tuple[tuple[str, str], ...]


def _continued(row: GridRow, tail: list[tuple[str, str]]) -> GridRow:
    """A grid row with the texts of the sheet row below it (its merged row) appended
    to its cells of the same columns."""
    more = {name: text for name, text in tail if text.strip()}
    cells = tuple((name, text + more.pop(name, "")) for name, text in row.cells)
    return GridRow(row.line, cells + tuple(more.items()))


def read_grid(lines: list[Line]) -> tuple[list[str], list[GridRow]]:
    """Header names and body rows of a plain table: the header is the lines
    before the first line with an amount (or the first line, in a table of
    text only); a cell's header is the header text at its column, or, where
    positions are unknown, the header in the same order. Empty cells are kept
    where their column is known."""
    start = next((i for i, ln in enumerate(lines)
                  if any(t.number and not t.empty for t in tokens(ln))
                  and not is_column_numbers([t.text for t in filled(tokens(ln))])), None)
    if start is None:
        start = 1 if lines else 0
    header_lines, body = lines[:start], lines[start:]
    by_col: dict[int, str] = {}
    ordered: list[str] = []
    for line in header_lines:
        for tok in filled(tokens(line)):
            if tok.col is not None:
                by_col[tok.col] = by_col.get(tok.col, "") + tok.text
            else:
                ordered.append(tok.text)
    rows: list[GridRow] = []
    for line in body:
        toks = filled(tokens(line))
        if not toks or is_column_numbers([t.text for t in toks]):
            continue
        if positional(line):  # empty cells under a header are printed empties
            toks = [t for t in tokens(line) if not t.empty or t.col in by_col]
        cells: list[tuple[str, str]] = []
        for k, tok in enumerate(toks):
            if tok.col is not None and tok.col in by_col:
                name = by_col[tok.col]
            elif tok.col is None and k < len(ordered):
                name = ordered[k]  # empty cells lost: the cells fill the columns from the left
            else:
                name = str(tok.col + 1 if tok.col is not None else k + 1)
            cells.append((fold(name), tok.text))
        if rows and spans_over(rows[-1].line, line) and not any(is_number(t) for _, t in cells if t.strip()):
            rows[-1] = _continued(rows[-1], cells)  # the name's end under figures merged down
            continue
        rows.append(GridRow(line, tuple(cells)))
    headers = [fold(h) for h in (list(by_col.values()) or ordered)]
    return headers, rows
