"""Reader for workbooks (XLSX, XLS, ODS) through python-calamine.

Finance bureaus publish one table per sheet, or several tables on one sheet
with their title rows above each block. Each sheet is one page (its position
in the workbook, its tab's name in `Layout.page_names`: some workbooks title a
table only there); its rows keep their sheet row number as `number`. Hidden
sheets were not published and are skipped, with a note in `problems`. A row holding one lone text (a title, a
unit line, a note) is a paragraph; rows with several filled cells, and the
lone-cell rows that continue them, form a grid. Numbers are given as stored: a
float's binary artefact (4097.1099999999997) is printed in its shortest
decimal form (4097.11), never as the displayed float; XLSX cells keep at
least the decimals their number format prints (973.6 under 0.00 → 973.60).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from lxml import etree
from python_calamine import (
    CalamineError,
    CalamineSheet,
    CalamineWorkbook,
    SheetTypeEnum,
    SheetVisibleEnum,
)

from cnbudget.ingest.errors import UnreadableSource
from cnbudget.ingest.layout import Cell, Delimiter, Layout, Line, ReadProblem
from cnbudget.ingest.limits import check_count, current_limits
from cnbudget.ingest.readers import READERS
from cnbudget.ingest.xlsx_formats import NumberFormat, SheetScan, scan_sheets

CellValue = str | int | float | bool | dt.date | dt.datetime | dt.time | dt.timedelta

# a float is taken as the shortest decimal within this relative distance:
# spreadsheet arithmetic leaves errors near 1e-16, printed amounts need < 1e-9
_FLOAT_TOLERANCE = 1e-12
_MAX_DECIMALS = 10


def number_text(value: float) -> str:
    """The decimal a stored float stands for: 4097.1099999999997 → "4097.11", 7.0 → "7"."""
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    for places in range(_MAX_DECIMALS + 1):
        rounded = round(value, places)
        if abs(rounded - value) <= abs(value) * _FLOAT_TOLERANCE:
            text = format(Decimal(repr(rounded)).quantize(Decimal(1).scaleb(-places)), "f")
            return "0" if text in ("-0", "-0.0") else text
    return repr(value)


def formatted_number(value: float | int, fmt: NumberFormat | None) -> str:
    """The stored number, shown with at least the decimals its format prints
    (973.6 under `0.00` → "973.60"; more precision stored is kept); a
    percent format prints the value in percent (0.5294 → "52.94%")."""
    text = number_text(float(value)) if isinstance(value, float) else str(value)
    if fmt is None:
        return text
    number = Decimal(text)
    if fmt.percent:
        number = number * 100
    exponent = number.normalize().as_tuple().exponent
    shown = max(fmt.decimals, -exponent if isinstance(exponent, int) else 0)
    out = format(number.quantize(Decimal(1).scaleb(-shown)), "f")
    return out + "%" if fmt.percent else out


def cell_text(value: CellValue, fmt: NumberFormat | None = None) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return formatted_number(value, fmt)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


@dataclass(frozen=True, slots=True)
class _Merge:
    row: int
    col: int
    rowspan: int
    colspan: int


def _merges(sheet: CalamineSheet) -> dict[tuple[int, int], _Merge]:
    """Merged ranges by their top-left cell (0-based row, col)."""
    out: dict[tuple[int, int], _Merge] = {}
    for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or ():
        out[(r0, c0)] = _Merge(r0, c0, r1 - r0 + 1, c1 - c0 + 1)
    return out


def _covered(merges: dict[tuple[int, int], _Merge], height: int, width: int) -> set[tuple[int, int]]:
    """Cells of the data range hidden under a merge (all but its top-left cell);
    a merge reaching past the data (whole rows or columns) is cut to it."""
    hidden: set[tuple[int, int]] = set()
    for m in merges.values():
        for r in range(m.row, min(m.row + m.rowspan, height)):
            for c in range(m.col, min(m.col + m.colspan, width)):
                if (r, c) != (m.row, m.col):
                    hidden.add((r, c))
    return hidden


@dataclass(slots=True)
class _Row:
    number: int  # 1-based sheet row
    cells: list[Cell]

    @property
    def filled(self) -> list[Cell]:
        return [c for c in self.cells if c.text]


def _sheet_rows(sheet: CalamineSheet, formats: dict[tuple[int, int], NumberFormat]) -> Iterator[_Row]:
    values: list[list[CellValue]] = sheet.to_python(skip_empty_area=False)
    merges = _merges(sheet)
    hidden = _covered(merges, len(values), max((len(r) for r in values), default=0))
    for r, row in enumerate(values):
        cells: list[Cell] = []
        for c, value in enumerate(row):
            if (r, c) in hidden:
                continue
            merge = merges.get((r, c))
            cells.append(Cell(
                cell_text(value, formats.get((r, c))), col=c,
                colspan=merge.colspan if merge else 1, rowspan=merge.rowspan if merge else 1,
            ))
        # trailing empty cells carry nothing; leading ones keep the grid positions via col
        while cells and not cells[-1].text and cells[-1].rowspan == 1 and cells[-1].colspan == 1:
            cells.pop()
        yield _Row(r + 1, cells)


_NOTE_STARTS = ("注", "备注", "说明")


def _multi_next(rows: list[_Row], i: int, step: int) -> bool:
    """Whether the block continues with a multi-cell row from row i in direction step
    (lone-cell rows passed over, an empty row ends the block)."""
    j = i + step
    while 0 <= j < len(rows):
        n = len(rows[j].filled)
        if n != 1:
            return n >= 2
        j += step
    return False


def _is_text_row(rows: list[_Row], i: int, width: int) -> bool:
    """A lone-cell row is a paragraph (title, unit line, note) unless it
    continues the multi-cell rows above it (a 合计 line of an empty table, a
    row with only its name). A lone cell merged across the sheet stays in the
    table only between its rows (a sub-heading)."""
    only = rows[i].filled[0]
    if only.text.startswith(_NOTE_STARTS):
        return True
    above = _multi_next(rows, i, -1)
    if only.colspan >= max(3, width // 2):
        return not (above and _multi_next(rows, i, 1))
    return not above


def _sheet_lines(sheet: CalamineSheet, formats: dict[tuple[int, int], NumberFormat], page: int,
                 next_grid: int) -> tuple[list[Line], int]:
    rows = list(_sheet_rows(sheet, formats))
    width = max((c.col + c.colspan for r in rows for c in r.cells if c.text and c.col is not None), default=0)
    lines: list[Line] = []
    grid: int | None = None
    for i, row in enumerate(rows):
        filled = row.filled
        if not filled:
            continue
        if len(filled) == 1 and _is_text_row(rows, i, width):
            grid = None
            lines.append(Line((Cell(filled[0].text),), page=page, number=row.number,
                              delimiter=Delimiter.NONE))
            continue
        if grid is None:
            grid, next_grid = next_grid, next_grid + 1
        lines.append(Line(tuple(row.cells), page=page, number=row.number, grid=grid,
                          delimiter=Delimiter.GRID))
    return lines, next_grid


def read_spreadsheet(data: bytes, name: str, fmt: str) -> Layout:
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except (CalamineError, ValueError, OSError) as exc:
        raise UnreadableSource(name, f"the workbook cannot be opened: {exc}") from exc
    lines: list[Line] = []
    problems: list[ReadProblem] = []
    names: dict[int, str] = {}
    next_grid = 1
    sheets = workbook.sheets_metadata
    check_count(name, "sheets", len(sheets), "sheets")
    scans = _xlsx_scans(data, problems) if fmt == "xlsx" else []
    for page, meta in enumerate(sheets, start=1):
        sheet_name = meta.name
        if meta.typ != SheetTypeEnum.WorkSheet:
            continue  # charts and macro sheets hold no table
        if meta.visible != SheetVisibleEnum.Visible:
            # a hidden sheet is not part of what was published (working data, old versions)
            problems.append(ReadProblem("sheet.hidden", page=page, details={"sheet": sheet_name}))
            continue
        scan = scans[page - 1] if page <= len(scans) else None
        too_large = _too_large(scan)
        if too_large:
            # the library would allocate the whole area before giving one cell
            problems.append(ReadProblem("sheet.too-large", page=page,
                                        details={"sheet": sheet_name, **too_large}))
            continue
        sheet_formats = scan.formats if scan else {}
        try:
            sheet = workbook.get_sheet_by_name(sheet_name)
            sheet_lines, next_grid = _sheet_lines(sheet, sheet_formats, page, next_grid)
        except (CalamineError, ValueError) as exc:
            problems.append(ReadProblem("sheet.unreadable", page=page,
                                        details={"sheet": sheet_name, "reason": str(exc)}))
            continue
        lines.extend(sheet_lines)
        names[page] = sheet_name
    if not lines and not problems:
        problems.append(ReadProblem("workbook.empty"))
    return Layout(lines=lines, format=fmt, pages=len(sheets), problems=problems, page_names=names)


def _too_large(scan: SheetScan | None) -> dict[str, str] | None:
    """The limit a sheet's filled extent passes ({what, value, limit, key}), else None."""
    if scan is None:
        return None
    limits = current_limits()
    for what, value, key in (("rows", scan.rows, "rows"), ("columns", scan.columns, "columns"),
                             ("cells", scan.rows * scan.columns, "cells")):
        limit = getattr(limits, key)
        if value > limit:
            return {"what": what, "value": f"{value:,}", "limit": f"{limit:,}", "key": key}
    return None


def _xlsx_scans(data: bytes, problems: list[ReadProblem]) -> list[SheetScan]:
    try:
        return scan_sheets(data)
    except (KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError) as exc:
        # the values are still right; only the printed decimals are unknown
        problems.append(ReadProblem("workbook.number-formats", details={"reason": str(exc)}))
        return []


def read_xlsx(data: bytes, name: str) -> Layout:
    return read_spreadsheet(data, name, "xlsx")


def read_xls(data: bytes, name: str) -> Layout:
    return read_spreadsheet(data, name, "xls")


def read_ods(data: bytes, name: str) -> Layout:
    return read_spreadsheet(data, name, "ods")


READERS.add("xlsx", read_xlsx)
READERS.add("xls", read_xls)
READERS.add("ods", read_ods)
