"""Reader for documents another tool already turned into text.

It recovers only layout, nothing of budgets. Shapes handled (all seen in the
wild): cells separated by runs of spaces (pdfminer), tab-separated cells one
row per line (OCR/markdown parsers, layout text), one cell per line prefixed
by a tab with rows separated by blank lines (Tika on DOCX). Form feeds mark
pages. Stray markup (`<p>`, `[bookmark: …]`) is removed.
"""

from __future__ import annotations

import re
from dataclasses import replace

from cnbudget.ingest.errors import UnreadableSource
from cnbudget.ingest.layout import Cell, Delimiter, Layout, Line
from cnbudget.ingest.readers import READERS
from cnbudget.ingest.text_columns import align_columns

_MARKUP = re.compile(r"</?(p|br|span|div|b|i|u|strong|em|td|tr|font)\b[^>]*>|\[bookmark: [^\]]*\]", re.I)
_SPACES = re.compile(r"[ \u3000\xa0]+")
# Document-structure headings (七、… / （二）… / 第三部分), not budget words
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+部分)")


def decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with its byte-order mark
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadableSource(name, "text marked as UTF-16 does not decode as UTF-16") from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableSource(name, "text is neither UTF-8 nor GBK/GB18030")


def _clean(text: str) -> str:
    return _MARKUP.sub("", text).replace("\r", "")


def _is_cell_line(raw: str) -> bool:
    """A Tika-style cell line: a leading tab and no other tab."""
    return raw.startswith("\t") and "\t" not in raw[1:]


class _CellPerLineRows:
    """Collects one-cell-per-line rows: a blank line ends a row, a line without
    the leading tab continues the cell above."""

    def __init__(self) -> None:
        self.cells: list[str] = []
        self.first: tuple[int | None, int] | None = None  # (page, line) of the row's first cell

    def add_cell(self, text: str, page: int, number: int) -> None:
        if self.first is None:
            self.first = (page, number)
        self.cells.append(text.strip())

    def continue_cell(self, text: str) -> None:
        self.cells[-1] = _join_wrapped(self.cells[-1], text.strip())

    def flush(self) -> Line | None:
        if self.first is None:
            return None
        page, number = self.first
        line = Line(
            cells=tuple(Cell(c, col=i) for i, c in enumerate(self.cells)),
            page=page, number=number, delimiter=Delimiter.TAB,
        )
        self.cells, self.first = [], None
        return line


def _join_wrapped(left: str, right: str) -> str:
    """Join text wrapped inside a cell: no space between CJK or digits."""
    if left and right and left[-1].isascii() and right[0].isascii() and left[-1].isalpha() and right[0].isalpha():
        return f"{left} {right}"
    return left + right


def split_line(raw: str, page: int, number: int) -> Line:
    if "\t" in raw:
        cells = tuple(Cell(_SPACES.sub(" ", c).strip(), col=None) for c in raw.split("\t"))
        # leading empty cells from indentation carry no position in a one-row-per-line layout
        return Line(cells, page=page, number=number, delimiter=Delimiter.TAB)
    stripped = raw.strip()
    parts = [p for p in _SPACES.split(stripped) if p]
    if len(parts) <= 1:
        return Line((Cell(stripped),), page=page, number=number, delimiter=Delimiter.NONE, raw=stripped)
    return Line(tuple(Cell(p) for p in parts), page=page, number=number,
                delimiter=Delimiter.SPACE, raw=stripped)


def read_text(data: bytes, name: str) -> Layout:
    text = decode(data, name)
    lines: list[Line] = []
    raws: list[str] = []  # each line as printed, for the columns of space-aligned tables
    cell_per_line = _uses_cell_per_line(text)
    rows = _CellPerLineRows()
    in_cell_rows = False
    paged = "\f" in text  # pages exist only where the extractor marked them
    page = 1
    for number, raw_line in enumerate(text.split("\n"), start=1):
        page += raw_line.count("\f")
        raw = _clean(raw_line.replace("\f", ""))
        if cell_per_line and _is_cell_line(raw):
            # a lone tab is an empty cell, not a row break
            in_cell_rows = True
            rows.add_cell(raw[1:], page, number)
            continue
        if not raw.strip():
            if in_cell_rows:
                row = rows.flush()
                if row is not None:
                    lines.append(row)
                    raws.append("")
            continue
        if in_cell_rows and rows.first is not None and not _HEADING.match(raw):
            rows.continue_cell(raw)
            continue
        if in_cell_rows:
            # a numbered heading ends the table even where no blank line does
            row = rows.flush()
            if row is not None:
                lines.append(row)
                raws.append("")
        in_cell_rows = False
        lines.append(split_line(raw, page, number))
        raws.append(raw)
    row = rows.flush()
    if row is not None:
        lines.append(row)
        raws.append("")
    lines = align_columns(lines, raws)
    if not paged:
        lines = [replace(ln, page=None) for ln in lines]
    return Layout(lines=lines, format="text", pages=page if paged else None)


def _uses_cell_per_line(text: str) -> bool:
    """Tika's DOCX shape: most tab-bearing lines are a lone tab-led cell. One
    extraction tool's output never mixes shapes, so this is decided per text."""
    tabbed = [ln for ln in text.split("\n") if "\t" in ln]
    return bool(tabbed) and sum(_is_cell_line(ln) for ln in tabbed) > len(tabbed) / 2


READERS.add("text", read_text)
