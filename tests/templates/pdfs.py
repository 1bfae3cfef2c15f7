"""PDFs of other templates, set with reportlab as a department's office prints
them: per page, paragraphs (a title, a unit line, a note) and ruled tables."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

from cnbudget.render.pdf import register_font

Cell = str | None
Block = str | Sequence[Sequence[Cell]]  # a paragraph, or a table's rows
Page = Sequence[Block]


def pdf(path: Path, *pages: Page) -> Path:
    """A PDF of the cover page and the pages given."""
    font = register_font()
    text = ParagraphStyle("t", fontName=font, fontSize=10, leading=14)
    flow: list = [Paragraph("示例市数据资源管理局2023年度部门决算", text), PageBreak()]
    for n, page in enumerate(pages):
        for block in page:
            if isinstance(block, str):
                flow.append(Paragraph(block, text))
                continue
            table = Table([[c or "" for c in row] for row in block])
            table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), 8),
                                       ("GRID", (0, 0), (-1, -1), 0.5, "black")]))
            flow.append(table)
        if n + 1 < len(pages):
            flow.append(PageBreak())
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build(flow)
    return path
