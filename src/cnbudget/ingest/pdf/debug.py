"""Draw one page's grid steps and tables over the rendered page, to see why a table came out as it did.

    python -m cnbudget.ingest.pdf.debug FILE.pdf PAGE OUT.png

Segments are thin grey, merged edges blue, intersections red dots; the cells
of ruled tables green, those of tables read from the text's alignment
(`aligned`) orange, each with its (row, col) and spans. Ruled cells split by
their text (`subcells`) are drawn as split.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw

from cnbudget.ingest.pdf.reader import PageTable, page_chars, page_tables

RULED = "#18a030"
ALIGNED = "#e07000"


def draw_steps(pdf: pdfium.PdfDocument, number: int, scale: float = 2.0) -> Image.Image:
    """The page rendered turned as the reader reads it, its grid steps and tables drawn over it."""
    page = pdf[number - 1]
    frame, chars = page_chars(page)
    read = page_tables(page, number, frame, chars)
    steps = read.steps
    # pdfium renders with the page's /Rotate; the text may have asked for another turn
    turn = (frame.rotation - page.get_rotation()) % 360
    image = page.render(scale=scale, rotation=turn).to_pil().convert("RGB")
    draw = ImageDraw.Draw(image)

    def line(horizontal: bool, at: float, start: float, end: float, colour: str, width: int) -> None:
        xy = (start, at, end, at) if horizontal else (at, start, at, end)
        draw.line([v * scale for v in xy], fill=colour, width=width)

    def cells(tables: list[PageTable], colour: str) -> None:
        for t in tables:
            for cell in t.table.cells:
                x0, top, x1, bottom = (v * scale for v in cell.box)
                draw.rectangle((x0 + 3, top + 3, x1 - 3, bottom - 3), outline=colour, width=1)
                spans = f" {cell.rowspan}x{cell.colspan}" if (cell.rowspan, cell.colspan) != (1, 1) else ""
                draw.text((x0 + 5, top + 4), f"{cell.row},{cell.col}{spans}", fill=colour)

    for s in steps.segments:
        line(s.horizontal, s.at, s.start, s.end, "#bbbbbb", 1)
    for e in steps.edges:
        line(e.horizontal, e.at, e.start, e.end, "#1f5fff", 2)
    cells(read.ruled, RULED)
    cells(read.aligned, ALIGNED)
    for p in steps.intersections:
        x, y = p.x * scale, p.y * scale
        draw.ellipse((x - 3, y - 3, x + 3, y + 3), fill="#e02020")
    return image


def main(argv: list[str]) -> None:
    source, number, out = Path(argv[0]), int(argv[1]), Path(argv[2])
    draw_steps(pdfium.PdfDocument(source.read_bytes()), number).save(out)


if __name__ == "__main__":
    main(sys.argv[1:])
