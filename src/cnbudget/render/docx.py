"""DOCX writer (python-docx): title, narrative, then each table with its title,
unit line, merged header cells and ruled grid, on landscape pages."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table as DocxTable

from cnbudget.model import Document
from cnbudget.render.base import RENDERERS, document_title
from cnbudget.render.printed import Number, PrintedTable, page_parts
from cnbudget.render.variants import DEFAULT_VARIANT, LayoutVariant, printed_tables

FORMAT = "docx"
_FONT = "SimSun"


def _set_fonts(document: docx.document.Document) -> None:
    style = document.styles["Normal"]
    style.font.name = _FONT
    style.font.size = Pt(10)
    # East Asian text takes its font from w:eastAsia, not w:ascii
    style.element.rPr.rFonts.set(qn("w:eastAsia"), _FONT)


def _landscape(document: docx.document.Document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width


def _paragraph(document: docx.document.Document, text: str, *, bold: bool = False, size: int | None = None,
               align: WD_ALIGN_PARAGRAPH | None = None) -> None:
    p = document.add_paragraph()
    run = p.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if align is not None:
        p.alignment = align


def _fill_table(table: DocxTable, printed: PrintedTable) -> None:
    for r, row in enumerate(printed.header):
        for cell in row:
            target = table.cell(r, cell.col)
            if cell.colspan > 1 or cell.rowspan > 1:
                target = target.merge(table.cell(r + cell.rowspan - 1, cell.col + cell.colspan - 1))
            target.text = cell.text
            target.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            target.paragraphs[0].runs[0].bold = True
    offset = printed.header_rows
    for span in printed.body_spans:
        table.cell(offset + span.row, span.col).merge(
            table.cell(offset + span.row, span.col + span.colspan - 1))
    for r, values in enumerate(printed.body):
        cells = table.rows[offset + r].cells
        done: set[int] = set()
        for c, value in enumerate(values):
            target = cells[c]
            if id(target._tc) in done or (not value and not isinstance(value, Number)):
                continue
            done.add(id(target._tc))
            if isinstance(value, Number):
                target.text = value.text
                target.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            else:
                target.text = value


def _add_grid(document: docx.document.Document, printed: PrintedTable) -> None:
    grid = document.add_table(rows=printed.header_rows + len(printed.body), cols=printed.width)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fill_table(grid, printed)


def render_docx(doc: Document, path: Path, variant: LayoutVariant = DEFAULT_VARIANT) -> None:
    document = docx.Document()
    _set_fonts(document)
    _landscape(document)
    _paragraph(document, document_title(doc), bold=True, size=18, align=WD_ALIGN_PARAGRAPH.CENTER)
    for paragraph in doc.narrative:
        _paragraph(document, paragraph.text)
    for _, printed in printed_tables(doc, variant):
        document.add_page_break()
        _paragraph(document, printed.title, bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
        _paragraph(document, printed.unit_line, align=WD_ALIGN_PARAGRAPH.RIGHT)
        for n, part in enumerate(page_parts(printed)):
            if n:
                document.add_page_break()  # the next page of the table, its header rows again
            _add_grid(document, part)
        if printed.note:
            _paragraph(document, printed.note)
    # Word ends a body with a paragraph; a body ending in a table is misread by some converters
    document.add_paragraph()
    document.save(str(path))


RENDERERS.add(FORMAT, render_docx)
