"""The annotated PDF: a copy of the source PDF with each finding drawn on its cells
and sentences.

Each box a finding resolves to (audit/locate.py) becomes a rectangle annotation
(/Square) coloured by severity whose comment (/Contents, shown in a popup) is the
finding's Chinese message with its figures and rule; rectangles and popups are
standard annotations, so any viewer shows them and the page itself is untouched.
An overview page added in front lists every finding with the page it is drawn
on, and those that name no place on a page (a missing table, a whole-document
check); page labels number the original pages from 1 as before, so a viewer's
page numbers are still the document's.

pypdf (BSD) writes the copy; reportlab sets the overview page. Both are imported
when a PDF is annotated, not when the CLI starts.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from cnbudget.audit.locate import finding_boxes
from cnbudget.audit.report import SEVERITY_ZH, figures_text
from cnbudget.model import Box, Document, Finding, Severity
from cnbudget.output import atomic_output, check_output

if TYPE_CHECKING:
    from pypdf import PdfWriter
    from pypdf.generic import IndirectObject

AUTHOR = "cnbudget"
# the rectangle's colour per severity (RGB 0–1): red, orange, blue
COLOURS: dict[Severity, tuple[float, float, float]] = {
    Severity.ERROR: (0.85, 0.1, 0.1),
    Severity.WARNING: (0.95, 0.55, 0.0),
    Severity.INFO: (0.1, 0.4, 0.9),
}
_LINE = 1.5  # the rectangle's line width, points
_PAD = 1.0  # points around a cell, so the rectangle does not hide its rulings
_POPUP = (220.0, 90.0)  # width and height of a comment's popup


class NotTheSource(ValueError):
    """The document was not read from this PDF: its boxes would land anywhere."""


@dataclass(frozen=True, slots=True)
class Placed:
    """One finding as annotated: the boxes drawn for it (empty: listed on the overview only)."""

    finding: Finding
    boxes: tuple[Box, ...]


@dataclass(frozen=True, slots=True)
class AnnotationResult:
    out: Path
    placed: tuple[Placed, ...]
    pages: int  # of the source PDF (the output has the overview page(s) in front)
    overview_pages: int

    @property
    def boxed(self) -> int:
        """Findings drawn on a page."""
        return sum(1 for p in self.placed if p.boxes)

    @property
    def unboxed(self) -> int:
        """Findings listed on the overview only."""
        return sum(1 for p in self.placed if not p.boxes)

    @property
    def rectangles(self) -> int:
        return sum(len(p.boxes) for p in self.placed)


def comment(finding: Finding) -> str:
    """The text a rectangle's popup shows: severity, message, figures, rule."""
    parts = [f"【{SEVERITY_ZH[finding.severity]}】{finding.message}"]
    figures = figures_text(finding)
    if figures:
        parts.append(figures)
    parts.append(f"规则：{finding.rule}")
    return "\n".join(parts)


def place(document: Document, findings: Sequence[Finding], pages: int) -> tuple[Placed, ...]:
    """Each finding with the boxes it is drawn in (boxes off the PDF's pages dropped)."""
    return tuple(
        Placed(f, tuple(b for b in finding_boxes(document, f) if 1 <= b.page <= pages))
        for f in findings
    )


def _overview(document: Document, placed: Sequence[Placed]) -> bytes:
    """The overview page(s): counts, then every finding with where it is drawn."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    from cnbudget.render.pdf import register_font

    font = register_font()
    title = ParagraphStyle("title", fontName=font, fontSize=15, leading=22, spaceAfter=6)
    text = ParagraphStyle("text", fontName=font, fontSize=9.5, leading=14, wordWrap="CJK",
                          spaceAfter=3)
    boxed = sum(1 for p in placed if p.boxes)
    story = [
        Paragraph(escape(f"审核发现：{document.meta.title or document.source.file}"), title),
        Paragraph(escape(f"共 {len(placed)} 条发现，{boxed} 条已在原文页面上用方框标出"
                         f"（红：错误，橙：警告，蓝：提示；点方框看说明），"
                         f"{len(placed) - boxed} 条无法定位到页面位置，列在下面。"
                         "页码为原文件页码（本页不计）。"), text),
        Spacer(1, 4 * mm),
    ]
    for p in sorted(placed, key=lambda p: (bool(p.boxes), p.boxes[0].page if p.boxes else 0)):
        where = "、".join(dict.fromkeys(f"第 {b.page} 页" for b in p.boxes)) or "未定位"
        story.append(Paragraph(escape(f"［{where}］{comment(p.finding)}").replace("\n", "<br/>"),
                               text))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                      topMargin=18 * mm, bottomMargin=18 * mm, title="审核发现",
                      author=AUTHOR).build(story)
    return buffer.getvalue()


def _appearance(writer: PdfWriter, rect: tuple[float, float, float, float],
                colour: tuple[float, float, float]) -> IndirectObject:
    """The rectangle as drawn: viewers that do not draw a /Square themselves (pdfium)
    show this; the others draw the same from /C and /BS."""
    from pypdf.generic import ArrayObject, FloatObject, NameObject, StreamObject

    x0, y0, x1, y1 = rect
    half = _LINE / 2
    stream = StreamObject()
    stream.set_data(
        (f"q {colour[0]:.3f} {colour[1]:.3f} {colour[2]:.3f} RG {_LINE} w "
         f"{x0 + half:.2f} {y0 + half:.2f} {x1 - x0 - _LINE:.2f} {y1 - y0 - _LINE:.2f} re S Q")
        .encode("ascii"))
    stream.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): ArrayObject(FloatObject(v) for v in rect),
    })
    return writer._add_object(stream)  # pypdf has no public call to make an object indirect


def _annotate_page(writer: PdfWriter, index: int, finding: Finding, box: Box, number: int) -> None:
    from pypdf.annotations import Popup, Rectangle
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    rect = (box.x0 - _PAD, box.y0 - _PAD, box.x1 + _PAD, box.y1 + _PAD)
    colour = COLOURS[finding.severity]
    square = Rectangle(rect)
    square[NameObject("/C")] = ArrayObject(FloatObject(c) for c in colour)
    square[NameObject("/BS")] = DictionaryObject({NameObject("/W"): FloatObject(_LINE)})
    square[NameObject("/AP")] = DictionaryObject({NameObject("/N"): _appearance(writer, rect, colour)})
    square[NameObject("/Contents")] = TextStringObject(comment(finding))
    square[NameObject("/T")] = TextStringObject(AUTHOR)
    square[NameObject("/Subj")] = TextStringObject(finding.rule)
    square[NameObject("/NM")] = TextStringObject(f"cnbudget-{number}")
    square[NameObject("/F")] = NumberObject(4)  # printed with the page
    added = writer.add_annotation(index, square)
    width, height = _POPUP
    popup = Popup(rect=(box.x1, box.y1 - height, box.x1 + width, box.y1), parent=added, open=False)
    popup_added = writer.add_annotation(index, popup)
    added[NameObject("/Popup")] = popup_added.indirect_reference


def annotate_pdf(source: Path, document: Document, findings: Sequence[Finding] | None,
                 out: Path, *, follow_symlinks: bool = False) -> AnnotationResult:
    """Write `out`: `source` with every finding (default: the document's) drawn on it.

    Refuses (`UnsafeOutput`) to overwrite the source or write through a link, like
    every output of cnbudget, and (`NotTheSource`) a document read from another file."""
    from pypdf import PdfReader, PdfWriter

    check_output(out, [source], follow_symlinks=follow_symlinks)  # refused before the work
    data = source.read_bytes()
    if hashlib.sha256(data).hexdigest() != document.source.sha256:
        raise NotTheSource(f"{source} is not the file the document was read from "
                           f"({document.source.file})")
    chosen = list(document.findings if findings is None else findings)
    reader = PdfReader(io.BytesIO(data))
    pages = len(reader.pages)
    placed = place(document, chosen, pages)
    writer = PdfWriter(clone_from=reader)
    overview = PdfReader(io.BytesIO(_overview(document, placed)))
    front = len(overview.pages)
    for i, page in enumerate(overview.pages):
        writer.insert_page(page, i)
    number = 0
    for p in placed:
        for box in p.boxes:
            number += 1
            _annotate_page(writer, front + box.page - 1, p.finding, box, number)
    writer.set_page_label(0, front - 1, prefix="审核发现 ")
    writer.set_page_label(front, front + pages - 1, style="/D", start=1)
    with atomic_output(out, [source], follow_symlinks=follow_symlinks) as temporary:
        with temporary.open("wb") as handle:
            writer.write(handle)
    return AnnotationResult(out, placed, pages, front)
