"""PDF writer (reportlab): a cover, the narrative, then each table with its
title, unit line, ruled grid (or the variant's rulings: 三线表, row rules,
none, the frame, the panel separators) and merged header cells, on landscape A4.

Fonts: a CJK TrueType font found on the system (WenQuanYi Micro Hei from
Debian's fonts-wqy-microhei, or one named by $CNBUDGET_PDF_FONT) is embedded,
so the PDF displays anywhere. Without one, reportlab's built-in CID font
STSong-Light is used: no file needed and the text extracts correctly, but it
is not embedded, so viewers without Adobe's Chinese fonts show blanks.
"""

from __future__ import annotations

import os
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from cnbudget.model import Document
from cnbudget.render.base import RENDERERS, document_title
from cnbudget.render.printed import Number, PrintedTable, cell_text, page_parts
from cnbudget.render.variants import DEFAULT_VARIANT, LayoutVariant, Rulings, printed_tables

FORMAT = "pdf"
CID_FONT = "STSong-Light"
EMBEDDED_FONT = "cnbudget-cjk"
FONT_CANDIDATES: tuple[str, ...] = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
)
_PAGE = landscape(A4)
_MARGIN = 15 * mm
_BODY_SIZE = 8.0
_PAD = 4.0
_NAME_MAX = 40  # characters of the longest name a wrapped name column holds
_RULE, _HEAVY = 0.5, 1.0  # line widths: a cell's rule, a 三线表's top and bottom rule


def font_file() -> Path | None:
    """The TrueType font to embed, if the system has one."""
    named = os.environ.get("CNBUDGET_PDF_FONT")
    for candidate in ((named,) if named else ()) + FONT_CANDIDATES:
        if Path(candidate).is_file():
            return Path(candidate)
    return None


def register_font() -> str:
    """Register and name the CJK font the PDF is set in."""
    path = font_file()
    name = EMBEDDED_FONT if path else CID_FONT
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=0) if path else UnicodeCIDFont(name))
    return name


def _styles(font: str) -> dict[str, ParagraphStyle]:
    return {
        "cover": ParagraphStyle("cover", fontName=font, fontSize=24, leading=32, alignment=TA_CENTER),
        "title": ParagraphStyle("title", fontName=font, fontSize=14, leading=20, alignment=TA_CENTER,
                                spaceAfter=4),
        "unit": ParagraphStyle("unit", fontName=font, fontSize=9, leading=12, alignment=TA_RIGHT),
        "text": ParagraphStyle("text", fontName=font, fontSize=10.5, leading=16, wordWrap="CJK"),
        "head": ParagraphStyle("head", fontName=font, fontSize=_BODY_SIZE, leading=_BODY_SIZE + 2,
                               alignment=TA_CENTER, wordWrap="CJK"),
    }


def _widths(printed: PrintedTable, font: str, size: float, name_chars: int | None = None) -> list[float]:
    """Each column as wide as its longest body text (headers wrap), fitted to the
    page; with `name_chars`, name columns that many characters wide (names wrap)."""
    widths = [size * 3.0] * printed.width
    for row in printed.header:
        for cell in row:
            if cell.colspan == 1:
                # headers wrap, but not to fewer than four characters a line
                head = min(pdfmetrics.stringWidth(cell.text, font, size), 4 * size)
                widths[cell.col] = max(widths[cell.col], head + 2 * _PAD)
    for values in printed.body:
        for c, value in enumerate(values):
            widths[c] = max(widths[c], pdfmetrics.stringWidth(cell_text(value), font, size) + 2 * _PAD)
    available = _PAGE[0] - 2 * _MARGIN
    total = sum(widths)
    if total < available:
        # spread the room left over the name columns, keeping number columns tight
        wide = [c for c in range(printed.width) if c in printed.wide_columns] or list(range(printed.width))
        extra = (available - total) / len(wide)
        widths = [w + extra if c in wide else w for c, w in enumerate(widths)]
    if name_chars:
        cap = name_chars * size + 2 * _PAD
        wrapped = _name_columns(printed)
        widths = [min(w, cap) if c in wrapped else w for c, w in enumerate(widths)]
    return widths


def _name_columns(printed: PrintedTable) -> frozenset[int]:
    """The columns of names (none longer than `_NAME_MAX`), which a variant may wrap;
    a form's texts (绩效目标) would wrap into rows taller than a page."""
    return frozenset(c for c in printed.wide_columns
                     if all(len(cell_text(row[c])) <= _NAME_MAX for row in printed.body if c < len(row)))


def _fit_size(printed: PrintedTable, font: str, name_chars: int | None = None) -> float:
    size = _BODY_SIZE
    while size > 5 and sum(_widths(printed, font, size, name_chars)) > _PAGE[0] - 2 * _MARGIN + 0.5:
        size -= 0.5
    return size


def _table_flowables(printed: PrintedTable, font: str, styles: dict[str, ParagraphStyle],
                     variant: LayoutVariant = DEFAULT_VARIANT) -> list:
    """The table's grid, one per page where the variant cuts it into pages
    (header rows again on each); every page as wide as the whole table."""
    size = _fit_size(printed, font, variant.name_chars)
    widths = _widths(printed, font, size, variant.name_chars)
    out: list = []
    for n, part in enumerate(page_parts(printed)):
        out += [PageBreak()] if n else []
        out.append(_grid(part, font, size, widths, styles, variant))
    return out


def _rules(printed: PrintedTable, rulings: Rulings) -> list[tuple]:
    """The table style's line commands for `rulings`."""
    black = colors.black
    if rulings is Rulings.GRID:
        return [("GRID", (0, 0), (-1, -1), _RULE, black)]
    if rulings is Rulings.FRAME:
        return [("BOX", (0, 0), (-1, -1), _RULE, black)]
    if rulings is Rulings.THREE_LINE:
        under_header = [("LINEBELOW", (0, printed.header_rows - 1), (-1, printed.header_rows - 1), _RULE, black)]
        return [("LINEABOVE", (0, 0), (-1, 0), _HEAVY, black), *(under_header if printed.header_rows else []),
                ("LINEBELOW", (0, -1), (-1, -1), _HEAVY, black)]
    if rulings is Rulings.ROWS:
        return [("LINEABOVE", (0, 0), (-1, 0), _RULE, black), ("LINEBELOW", (0, 0), (-1, -1), _RULE, black)]
    if rulings is Rulings.PANELS:
        return [("LINEBEFORE", (c, 0), (c, -1), _RULE, black) for c in sorted(printed.panel_starts)]
    return []


def _grid(printed: PrintedTable, font: str, size: float, widths: list[float],
          styles: dict[str, ParagraphStyle], variant: LayoutVariant = DEFAULT_VARIANT) -> Table:
    head_style = ParagraphStyle("h", parent=styles["head"], fontSize=size, leading=size + 2)
    # names that wrap in their cell (the variant's narrow name columns) as paragraphs
    name_style = ParagraphStyle("n", parent=head_style, alignment=TA_LEFT) if variant.name_chars else None
    names = _name_columns(printed) if name_style else frozenset()
    header = [[""] * printed.width for _ in printed.header]
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), font, size),
        *_rules(printed, variant.rulings),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
    ]
    for r, row in enumerate(printed.header):
        for cell in row:
            header[r][cell.col] = Paragraph(escape(cell.text), head_style)
            if cell.colspan > 1 or cell.rowspan > 1:
                commands.append(("SPAN", (cell.col, r), (cell.col + cell.colspan - 1, r + cell.rowspan - 1)))
    offset = len(header)
    body = []
    for r, values in enumerate(printed.body):
        body.append([Paragraph(escape(v), name_style) if c in names and isinstance(v, str) and v else cell_text(v)
                     for c, v in enumerate(values)])
        for c, value in enumerate(values):
            if isinstance(value, Number):
                commands.append(("ALIGN", (c, offset + r), (c, offset + r), "RIGHT"))
    for span in printed.body_spans:
        commands.append(("SPAN", (span.col, offset + span.row), (span.col + span.colspan - 1, offset + span.row)))
    grid = Table(header + body, colWidths=widths, repeatRows=offset)
    grid.setStyle(TableStyle(commands))
    return grid


def render_pdf(doc: Document, path: Path, variant: LayoutVariant = DEFAULT_VARIANT) -> None:
    font = register_font()
    styles = _styles(font)
    story: list = [Spacer(1, 60 * mm), Paragraph(escape(document_title(doc)), styles["cover"]), PageBreak()]
    story += [Paragraph(escape(p.text), styles["text"]) for p in doc.narrative]
    for _, printed in printed_tables(doc, variant):
        story += [PageBreak(), Paragraph(escape(printed.title), styles["title"]),
                  Paragraph(escape(printed.unit_line), styles["unit"]),
                  *_table_flowables(printed, font, styles, variant)]
        if printed.note:
            story += [Spacer(1, 3 * mm), Paragraph(escape(printed.note), styles["text"])]
    pdf = SimpleDocTemplate(str(path), pagesize=_PAGE, leftMargin=_MARGIN, rightMargin=_MARGIN,
                            topMargin=_MARGIN, bottomMargin=_MARGIN, title=document_title(doc),
                            author="cnbudget")
    pdf.build(story)


RENDERERS.add(FORMAT, render_pdf)
