"""XLSX that opens right in Excel: one sheet per result, headers in Chinese with
the unit in the header, the header row frozen and filtered, columns as wide as
their contents, amounts as numbers formatted `#,##0.00` (as printed).

Cells: amounts are number cells (Excel holds binary floating point: exact to
15 significant digits, i.e. every printed amount); text is always a text cell,
never a formula (cnbudget.output.set_xlsx_text).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import pandas as pd

from cnbudget.output import set_xlsx_text
from cnbudget.query.presentation import Presented

MONEY_FORMAT = "#,##0.00"
PERCENT_FORMAT = "0.00"
_MIN_WIDTH, _MAX_WIDTH = 6, 60
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_WIDTH_SAMPLE = 2000  # rows looked at to size a column


def display_width(text: str) -> int:
    """Columns a text takes in a spreadsheet: a CJK character is two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, distinct sheet name (≤ 31 characters, none of []:*?/\\)."""
    base = _SHEET_FORBIDDEN.sub("_", name).strip("'")[:31] or "Sheet"
    title, n = base, 1
    while title in taken:
        n += 1
        title = f"{base[:28]}-{n}"
    taken.add(title)
    return title


def _cell_value(raw: object) -> object:
    if raw is None or (isinstance(raw, float) and pd.isna(raw)):
        return None
    if isinstance(raw, Decimal):
        return float(raw) if raw.is_finite() else None
    if hasattr(raw, "item"):  # numpy scalars
        return raw.item()
    if hasattr(raw, "isoformat"):
        return raw.isoformat()
    return raw


def _shown(value: object, money: bool) -> str:
    if value is None:
        return ""
    if money and isinstance(value, int | float):
        return f"{value:,.2f}"
    return str(value)


def write_workbook(path: Path, sheets: list[tuple[str, Presented]]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for name, presented in sheets or [("结果", Presented(pd.DataFrame()))]:
        ws = wb.create_sheet(sheet_title(name, taken))
        frame = presented.frame
        money = set(presented.money)
        percent = set(presented.percent)
        widths: list[int] = []
        for c, header in enumerate(frame.columns, start=1):
            cell = ws.cell(1, c)
            set_xlsx_text(cell, str(header))
            cell.font, cell.fill = bold, fill
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            widths.append(display_width(str(header)))
        formats = [MONEY_FORMAT if h in money else PERCENT_FORMAT if h in percent else None
                   for h in frame.columns]
        for r, row in enumerate(frame.itertuples(index=False), start=2):
            for c, raw in enumerate(row, start=1):
                value = _cell_value(raw)
                if value is None:
                    continue
                cell = ws.cell(r, c)
                if isinstance(value, str):
                    set_xlsx_text(cell, value)
                elif isinstance(value, bool | int | float):
                    cell.value = value
                else:
                    set_xlsx_text(cell, str(value))
                if formats[c - 1] and isinstance(value, int | float):
                    cell.number_format = formats[c - 1]
                if r <= _WIDTH_SAMPLE:
                    shown = _shown(value, formats[c - 1] == MONEY_FORMAT)
                    widths[c - 1] = max(widths[c - 1], display_width(shown))
        for c, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(c)].width = \
                min(_MAX_WIDTH, max(_MIN_WIDTH, width + 2))
        ws.freeze_panes = "A2"
        if len(frame.columns):
            ws.auto_filter.ref = f"A1:{get_column_letter(len(frame.columns))}{len(frame) + 1}"
    wb.save(path)
