"""Printed forms of other provinces' templates, written as the workbooks and PDFs
departments publish (one table per sheet, or a sheet's tables one below the other),
and read back through `cnbudget.pipeline.extract`.

The expected readings are written by hand from the printed cells (万元 → 元 by
the printed unit), never taken from cnbudget's own output.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

from cnbudget.model import Document, Table
from cnbudget.pipeline import extract

Cell = str | int | float | None
Sheet = tuple[str, Sequence[Sequence[Cell]]]
MergedSheet = tuple[str, Sequence[Sequence[Cell]], Sequence[str]]  # and its merged ranges (B5:B6)
WAN = Decimal(10000)
COVER: Sheet = ("封面", [["示例市数据资源管理局2023年度部门决算"]])


def wan(*figures: float | str | None) -> list[Decimal | None]:
    """Printed 万元 figures as yuan (None: a cell printed empty)."""
    return [None if f is None else Decimal(str(f)) * WAN for f in figures]


def workbook(path: Path, *sheets: Sheet | MergedSheet) -> Path:
    """A workbook with the cover and the sheets given, cells as printed, merged
    where a sheet names ranges."""
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in (COVER, *sheets):
        ws = wb.create_sheet(sheet[0])
        for row in sheet[1]:
            ws.append(list(row))
        for cells in sheet[2] if len(sheet) == 3 else ():
            ws.merge_cells(cells)
    wb.save(path)
    return path


def read(path: Path) -> Document:
    return extract(path, isolate=False)


def only(doc: Document, table_type: str) -> Table:
    tables = [t for t in doc.tables if t.type == table_type]
    assert len(tables) == 1, [(t.type, t.title) for t in doc.tables]
    return tables[0]


def by_code(table: Table) -> dict[str, dict[str, Decimal | None]]:
    """Each row's values by its code (the 合计 row as `total`)."""
    return {(r.code or r.item or "?"): r.values for r in table.rows}


def by_side_item(table: Table) -> dict[tuple[str | None, str | None], dict[str, Decimal | None]]:
    return {(r.side, r.item): r.values for r in table.rows if r.item}


def codes_and_names(table: Table) -> list[tuple[str | None, str | None]]:
    return [(r.code or r.item, r.name) for r in table.rows]
