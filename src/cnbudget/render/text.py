"""Text writer: the document as the text other tools extract from a
disclosure, the way the seeds look. Two layouts (`LayoutVariant.text_style`):
tab-separated cells one row a line (layout-text and OCR exports), or columns
aligned with spaces as `pdftotext -layout` prints a ruled table (a CJK
character two columns wide). Merged header cells print once, in their first
cell (tabs) or centred over the columns they cover (spaces); each table starts
a page (form feed), as in a PDF's text."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from cnbudget.model import Document
from cnbudget.render.base import RENDERERS, document_title
from cnbudget.render.printed import Number, PrintedTable, cell_text, page_parts
from cnbudget.render.variants import DEFAULT_VARIANT, LayoutVariant, TextStyle, printed_tables

FORMAT = "text"
SUFFIX = "txt"
PAGE = "\f"
GAP = 3  # spaces between aligned columns
PAGE_WIDTH = 120  # display columns a centred title or right-aligned unit line is set in


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _one_line(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def _grid(printed: PrintedTable) -> tuple[list[list[str]], list[list[int]]]:
    """Header and body as rows of cell texts, with the span each text covers
    (0 for a cell covered by a merged one)."""
    rows = [[""] * printed.width for _ in printed.header]
    spans = [[1] * printed.width for _ in printed.header]
    for r, row in enumerate(printed.header):
        for cell in row:
            for rr in range(r, r + cell.rowspan):
                for cc in range(cell.col, cell.col + cell.colspan):
                    spans[rr][cc] = 0
            rows[r][cell.col] = _one_line(cell.text)
            spans[r][cell.col] = cell.colspan
    for values in printed.body:
        rows.append([_one_line(cell_text(v)) for v in values])
        spans.append([1] * printed.width)
    for span in printed.body_spans:
        line = spans[len(printed.header) + span.row]
        for cc in range(span.col, span.col + span.colspan):
            line[cc] = 0
        line[span.col] = span.colspan
    return rows, spans


def _tab_lines(printed: PrintedTable) -> list[str]:
    rows, _ = _grid(printed)
    return ["\t".join(row) for row in rows]


def _widths(rows: list[list[str]], spans: list[list[int]], width: int) -> list[int]:
    widths = [0] * width
    for row, span in zip(rows, spans, strict=True):
        for c, text in enumerate(row):
            if span[c] == 1:
                widths[c] = max(widths[c], display_width(text))
    for row, span in zip(rows, spans, strict=True):
        for c, text in enumerate(row):
            if span[c] > 1:
                room = sum(widths[c:c + span[c]]) + GAP * (span[c] - 1)
                widths[c + span[c] - 1] += max(0, display_width(text) - room)
    return widths


def _pad(text: str, width: int, align: str) -> str:
    room = width - display_width(text)
    if align == "right":
        return " " * room + text
    if align == "centre":
        return " " * (room // 2) + text + " " * (room - room // 2)
    return text + " " * room


def _space_lines(printed: PrintedTable, widths: list[int]) -> list[str]:
    rows, spans = _grid(printed)
    numbers = [[isinstance(v, Number) for v in values] for values in printed.body]
    lines = []
    for r, (row, span) in enumerate(zip(rows, spans, strict=True)):
        head = r < len(printed.header)
        out = ""
        c = 0
        while c < printed.width:
            n = max(span[c], 1)
            room = sum(widths[c:c + n]) + GAP * (n - 1)
            if head or n > 1:
                align = "centre"
            else:
                align = "right" if numbers[r - len(printed.header)][c] else "left"
            out += _pad(row[c] if span[c] else "", room, align) + " " * GAP
            c += n
        lines.append(out.rstrip())
    return lines


def _placed(text: str, align: str, style: TextStyle) -> str:
    """A title centred, a unit line to the right, as on the page (spaces only)."""
    return text if style is TextStyle.TABS else _pad(text, PAGE_WIDTH, align).rstrip()


def table_text(printed: PrintedTable, style: TextStyle) -> str:
    """The table on a new page (form feed): title, unit line, then its rows;
    each further page of it starts with a form feed and its header rows again."""
    lines = [PAGE + _placed(printed.title, "centre", style), "", _placed(printed.unit_line, "right", style), ""]
    widths = _widths(*_grid(printed), printed.width)
    for n, part in enumerate(page_parts(printed)):
        rows = _tab_lines(part) if style is TextStyle.TABS else _space_lines(part, widths)
        if n and rows:
            rows[0] = PAGE + rows[0]
        lines += rows
    if printed.note:
        lines += ["", printed.note]
    return "\n".join(lines)


def document_text(doc: Document, variant: LayoutVariant = DEFAULT_VARIANT) -> str:
    parts = [_placed(document_title(doc), "centre", variant.text_style), ""]
    parts += [p.text for p in doc.narrative]
    parts += [table_text(printed, variant.text_style) for _, printed in printed_tables(doc, variant)]
    return "\n".join(parts) + "\n"


def render_text(doc: Document, path: Path, variant: LayoutVariant = DEFAULT_VARIANT) -> None:
    path.write_text(document_text(doc, variant), encoding="utf-8")


RENDERERS.add(FORMAT, render_text)
