"""XLSX writer (openpyxl): a 说明 sheet, then one sheet per table as finance
bureaus publish them — title row, unit row, merged header cells, amounts as
numbers with a two-decimal number format."""

from __future__ import annotations

import math
import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from cnbudget.model import Document
from cnbudget.model.table_types import TABLE_TYPES
from cnbudget.output import set_xlsx_text
from cnbudget.render.base import RENDERERS, document_title
from cnbudget.render.printed import Number, PrintedTable
from cnbudget.render.variants import DEFAULT_VARIANT, LayoutVariant, printed_tables

FORMAT = "xlsx"

_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_WIDE, _NARROW = 34, 14  # column widths in characters (a CJK character counts two)
_LINE_HEIGHT = 14  # points per wrapped text line
_NARRATIVE_WIDTH = 120
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _number_format(number: Number) -> str:
    decimals = "." + "0" * number.decimals if number.decimals else ""
    # a spreadsheet shows thousands separators unless the variant says none
    return ("0" if number.grouped is False else "#,##0") + decimals


def sheet_name(index: int, title: str, type_: str, used: set[str]) -> str:
    short = TABLE_TYPES[type_].name if type_ in TABLE_TYPES else title
    base = _SHEET_FORBIDDEN.sub("", f"{index:02d}{short}")[:31]
    name, n = base, 2
    while name in used:
        name = f"{base[:28]}-{n}"
        n += 1
    used.add(name)
    return name


def _text(ws: Worksheet, row: int, col: int, text: str) -> Cell:
    """A text cell: document text never becomes a formula (cnbudget.output)."""
    cell = ws.cell(row, col)
    set_xlsx_text(cell, text)
    return cell


def _write_table(ws: Worksheet, printed: PrintedTable) -> None:
    width = printed.width
    _text(ws, 1, 1, printed.title).font = Font(bold=True, size=14)
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    _text(ws, 2, 1, printed.unit_line).alignment = Alignment(horizontal="right")
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    top = 3
    for r, row in enumerate(printed.header):
        for cell in row:
            target = _text(ws, top + r, cell.col + 1, cell.text)
            target.font = Font(bold=True)
            if cell.colspan > 1 or cell.rowspan > 1:
                ws.merge_cells(start_row=top + r, start_column=cell.col + 1,
                               end_row=top + r + cell.rowspan - 1, end_column=cell.col + cell.colspan)
    first_body = top + printed.header_rows
    for r, values in enumerate(printed.body):
        for c, value in enumerate(values):
            target = ws.cell(first_body + r, c + 1)
            if isinstance(value, Number):
                target.value = value.value
                target.number_format = _number_format(value)
            elif value:
                set_xlsx_text(target, value)  # text, even when it starts with = (=45 个 is no formula)
    for span in printed.body_spans:
        row = first_body + span.row
        ws.merge_cells(start_row=row, start_column=span.col + 1, end_row=row, end_column=span.col + span.colspan)
    last = first_body + len(printed.body) - 1
    if printed.page_rows:
        # a page break after every page_rows body rows: printed, the header rows repeat
        for end in range(first_body + printed.page_rows - 1, last, printed.page_rows):
            ws.row_breaks.append(Break(id=end))
    for row_cells in ws.iter_rows(min_row=top, max_row=last, max_col=width):
        for target in row_cells:
            target.border = _BOX
            if target.row < first_body:
                target.alignment = _CENTER
    widths = [_WIDE if c in printed.wide_columns else _NARROW for c in range(width)]
    for c, w in enumerate(widths):
        ws.column_dimensions[get_column_letter(c + 1)].width = w
    if printed.note:
        # wrapped, from the top, in a row as tall as its lines: a note of several lines in a
        # row of one line spills upwards over the table's last row when printed (LibreOffice)
        _text(ws, last + 1, 1, printed.note).alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=last + 1, start_column=1, end_row=last + 1, end_column=width)
        ws.row_dimensions[last + 1].height = _LINE_HEIGHT * _lines(printed.note, sum(widths) - 1) + 4
    _header_heights(ws, printed, top, widths)
    _print_setup(ws, top, first_body - 1)


def _lines(text: str, room: int) -> int:
    """The lines `text` takes wrapped in a cell `room` width units wide (a CJK
    character takes two), each of its own lines at least one."""
    return sum(max(1, math.ceil(2 * len(line) / room)) for line in text.split("\n"))


def _header_heights(ws: Worksheet, printed: PrintedTable, top: int, widths: list[int]) -> None:
    """Tall enough header rows for wrapped headers: spreadsheet programs do not
    grow a row for wrapped text on their own, and the text then spills over
    the neighbouring cells when printed."""
    lines = [1] * printed.header_rows
    for r, row in enumerate(printed.header):
        for cell in row:
            needed = _lines(cell.text, sum(widths[cell.col:cell.col + cell.colspan]) - 1)
            per_row = math.ceil(needed / cell.rowspan)
            for k in range(cell.rowspan):
                lines[r + k] = max(lines[r + k], per_row)
    for r, n in enumerate(lines):
        ws.row_dimensions[top + r].height = _LINE_HEIGHT * n + 4


def _print_setup(ws: Worksheet, header_top: int, header_bottom: int) -> None:
    """Landscape, one page wide, header rows repeated: how bureaus print to PDF."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if header_bottom >= header_top:
        ws.print_title_rows = f"{header_top}:{header_bottom}"


def render_xlsx(doc: Document, path: Path, variant: LayoutVariant = DEFAULT_VARIANT) -> None:
    wb = Workbook()
    cover = wb.active
    cover.title = "说明"
    cover.column_dimensions["A"].width = _NARRATIVE_WIDTH
    _text(cover, 1, 1, document_title(doc)).font = Font(bold=True, size=16)
    for i, paragraph in enumerate(doc.narrative, start=2):
        _text(cover, i, 1, paragraph.text).alignment = Alignment(wrap_text=True, vertical="top")
        # rows do not grow for wrapped text by themselves: printed, the text would be cut
        cover.row_dimensions[i].height = _LINE_HEIGHT * _lines(paragraph.text, _NARRATIVE_WIDTH - 2) + 4
    used = {cover.title}
    for index, (table, printed) in enumerate(printed_tables(doc, variant), start=1):
        ws = wb.create_sheet(sheet_name(index, table.title, table.type, used))
        _write_table(ws, printed)
    wb.save(path)


RENDERERS.add(FORMAT, render_xlsx)
