"""Each read value back to the printed cell it came from: the cells' boxes on the rows.

The table parsers key a row by its printed line (`Row.locator`, whose box is the
line's where the reader knows positions) but read values through many shapes
(grid columns, tokens, shifted amounts), so instead of threading boxes through
each of them this step finds, after parsing, the cell of the row's line that
prints each value: the first cell not taken yet whose number is the value (as
printed or in yuan) or whose text is the text field; a value printed on another
line of the block (a form's fields) takes the one cell of the block printing it,
if only one does. Only rows with a box (PDF) are looked at, so other formats
cost nothing.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from cnbudget.ingest.layout import Line
from cnbudget.model import Box, Row, Table
from cnbudget.normalise.amounts import parse_amount, to_yuan
from cnbudget.normalise.text import fold
from cnbudget.recognise.blocks import TableBlock


def _number(text: str) -> Decimal | None:
    try:
        return parse_amount(text)
    except ValueError:
        return None


def _start(row: Row, texts: list[str]) -> int:
    """Where a side of a two-sided line begins: after the cell printing the row's name
    (收入总计 ... 支出总计 ... on one line hold the same figure twice)."""
    if row.side is None or not row.name:
        return 0
    name = fold(row.name)
    for i, text in enumerate(texts):
        if name and name in fold(text):
            return i + 1
    return 0


def value_boxes(row: Row, line: Line, unit: str | None) -> tuple[dict[str, Box], Box | None]:
    """The box of each of the row's values and text fields printed on `line`, and for a
    side of a two-sided line the box of that side (its name and values), else None."""
    cells = [(c.text, c.box) for c in line.cells if c.box is not None and c.text.strip()]
    texts = [text for text, _ in cells]
    start = _start(row, texts)
    numbers = [_number(text) for text in texts]
    taken: set[int] = set()
    boxes: dict[str, Box] = {}
    for key, value in row.values.items():
        if value is None:
            continue  # printed empty: which empty cell is not told by its text
        for i in range(start, len(cells)):
            n = numbers[i]
            if i not in taken and n is not None and (n == value or to_yuan(n, unit) == value):
                boxes[key] = cells[i][1]
                taken.add(i)
                break
    for key, text in row.texts.items():
        wanted = fold(text).strip()
        for i in range(len(cells)):
            if i not in taken and wanted and fold(texts[i]).strip() == wanted:
                boxes[key] = cells[i][1]
                taken.add(i)
                break
    side: Box | None = None
    if row.side is not None and start > 0:
        side = cells[start - 1][1]
        for box in boxes.values():
            side = box if side is None else side.union(box)
    return boxes, side


def attach_cell_boxes(block: TableBlock, tables: list[Table]) -> None:
    """Give the rows of a block's tables the boxes of their cells (rows read from PDF)."""
    by_box = {box: ln for ln in block.lines if (box := ln.box) is not None}
    if not by_box:
        return
    printed: list[tuple[Decimal, Box]] | None = None  # the block's numbers, read on first need
    for table in tables:
        unit = table.figures_unit or table.unit
        for row in table.rows:
            box = row.locator.box if row.locator is not None else None
            if box is None:
                continue
            line = by_box.get(box)
            if line is not None:
                row.boxes, side = value_boxes(row, line, unit)
                if side is not None and row.locator is not None:
                    row.locator = replace(row.locator, box=side)
            missing = [(k, v) for k, v in row.values.items() if v is not None and k not in row.boxes]
            if not missing:
                continue
            printed = _printed_numbers(block) if printed is None else printed
            for key, value in missing:
                found = _only_cell(printed, value, unit)
                if found is not None:
                    row.boxes[key] = found


def _printed_numbers(block: TableBlock) -> list[tuple[Decimal, Box]]:
    return [(n, cell.box) for line in block.lines for cell in line.cells
            if cell.box is not None and (n := _number(cell.text)) is not None]


def _only_cell(printed: list[tuple[Decimal, Box]], value: Decimal, unit: str | None) -> Box | None:
    """A value not printed on its row's line (a form's 预算 field under its title row):
    the box of the one cell of the block printing it, if only one does."""
    found = [box for n, box in printed if n == value or to_yuan(n, unit) == value]
    return found[0] if len(found) == 1 else None
