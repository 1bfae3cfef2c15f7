"""The decimals an XLSX cell's number format prints, read from the file's XML.

python-calamine gives cell values but not their formats. A value stored as
973.6 under the format `#,##0.00` is printed 973.60, and how many decimals a
figure is printed with sets the rounding slack the audit allows; a `0.00%`
cell stores 0.5294 and prints 52.94%. This reads only what that needs:
styles.xml's number formats and each sheet's cell style indexes.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from typing import IO

from lxml import etree

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"

# built-in number formats (ECMA-376 18.8.30) that fix the decimals shown
_BUILTIN: dict[int, str] = {
    1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%",
    37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)",
    40: "#,##0.00;[Red](#,##0.00)",
}
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')
_DATE = re.compile(r"[ymdhsYMDHS]")
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")


@dataclass(frozen=True, slots=True)
class NumberFormat:
    decimals: int
    percent: bool


def parse_format(code: str) -> NumberFormat | None:
    """The decimals (and percent) a format code prints; None for General, text and dates."""
    section = _QUOTED.sub("", code.split(";", 1)[0])
    if not section or section.lower() == "general" or "@" in section or _DATE.search(section):
        return None
    if not any(ch in section for ch in "0#?"):
        return None
    match = re.search(r"\.([0#?]+)", section)
    return NumberFormat(len(match.group(1)) if match else 0, "%" in section)


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _styles(archive: zipfile.ZipFile) -> list[NumberFormat | None]:
    """Number format per cellXfs index."""
    try:
        root = etree.fromstring(archive.read("xl/styles.xml"))
    except KeyError:
        return []
    codes = dict(_BUILTIN)
    for fmt in root.iter(f"{_MAIN}numFmt"):
        codes[int(fmt.get("numFmtId", "0"))] = fmt.get("formatCode", "")
    xfs = root.find(f"{_MAIN}cellXfs")
    out: list[NumberFormat | None] = []
    for xf in xfs if xfs is not None else ():
        code = codes.get(int(xf.get("numFmtId", "0")))
        out.append(parse_format(code) if code else None)
    return out


def _sheet_paths(archive: zipfile.ZipFile) -> list[str]:
    """Worksheet part names in workbook order."""
    workbook = etree.fromstring(archive.read("xl/workbook.xml"))
    rels = etree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG_REL}Relationship")}
    paths = []
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"), "")
        paths.append(target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}"))
    return paths


@dataclass(slots=True)
class SheetScan:
    """What one worksheet's XML says before the spreadsheet library reads it: the
    number format of each formatted cell, and the extent of the filled cells
    (0-based, inclusive), which is the area that library allocates."""

    formats: dict[tuple[int, int], NumberFormat] = field(default_factory=dict)
    first_row: int | None = None
    last_row: int = -1
    first_col: int | None = None
    last_col: int = -1

    def extend(self, row: int, col: int) -> None:
        self.first_row = row if self.first_row is None else min(self.first_row, row)
        self.first_col = col if self.first_col is None else min(self.first_col, col)
        self.last_row, self.last_col = max(self.last_row, row), max(self.last_col, col)

    @property
    def rows(self) -> int:
        return 0 if self.first_row is None else self.last_row - self.first_row + 1

    @property
    def columns(self) -> int:
        return 0 if self.first_col is None else self.last_col - self.first_col + 1


def _scan_sheet(stream: IO[bytes], styles: list[NumberFormat | None]) -> SheetScan:
    scan = SheetScan()
    row, col = -1, -1
    for _, el in etree.iterparse(stream, tag=(f"{_MAIN}row", f"{_MAIN}c")):
        if el.tag == f"{_MAIN}row":
            el.clear()  # the row's cells are done: keep the tree flat
            parent = el.getparent()
            while parent is not None and el.getprevious() is not None:
                del parent[0]
            continue
        ref, style = el.get("r"), el.get("s")
        m = _CELL_REF.match(ref) if ref else None
        # a cell without a reference follows the previous one (ECMA-376 allows it)
        row, col = (int(m.group(2)) - 1, _column_index(m.group(1))) if m else (max(row, 0), col + 1)
        if len(el):  # a value, formula or inline string: the library will hold it
            scan.extend(row, col)
        if style is not None and style.isdigit() and int(style) < len(styles) and styles[int(style)]:
            scan.formats[(row, col)] = styles[int(style)]  # type: ignore[assignment]
        el.clear()
    return scan


def scan_sheets(data: bytes) -> list[SheetScan]:
    """Per sheet (workbook order): its number formats and filled extent."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        styles = _styles(archive)
        out: list[SheetScan] = []
        for path in _sheet_paths(archive):
            try:
                stream = archive.open(path)
            except KeyError:
                out.append(SheetScan())
                continue
            with stream:
                out.append(_scan_sheet(stream, styles))
    return out


def sheet_number_formats(data: bytes) -> list[dict[tuple[int, int], NumberFormat]]:
    """Per sheet (workbook order): (0-based row, col) → number format, for formatted cells."""
    return [scan.formats for scan in scan_sheets(data)]
