"""Draw one page's grid steps over the rendered page, to see why a table came out as it did.

    python -m cnbudget.ingest.pdf.debug FILE.pdf PAGE OUT.png

Segments are thin grey, merged edges blue, intersections red dots, table
cells green with their (row, col) and spans.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw

from cnbudget.ingest.pdf.grid import GridSteps, build_grid
from cnbudget.ingest.pdf.paths import extract_graphics
from cnbudget.ingest.pdf.reader import page_frame


def draw_steps(pdf: pdfium.PdfDocument, number: int, scale: float = 2.0) -> Image.Image:
    """The page rendered turned as the reader reads it, and its grid steps drawn over it."""
    page = pdf[number - 1]
    frame = page_frame(page, page.get_textpage())
    steps: GridSteps = build_grid(extract_graphics(page, frame).segments)
    # pdfium renders with the page's /Rotate; the text may have asked for another turn
    turn = (frame.rotation - page.get_rotation()) % 360
    image = page.render(scale=scale, rotation=turn).to_pil().convert("RGB")
    draw = ImageDraw.Draw(image)

    def line(horizontal: bool, at: float, start: float, end: float, colour: str, width: int) -> None:
        xy = (start, at, end, at) if horizontal else (at, start, at, end)
        draw.line([v * scale for v in xy], fill=colour, width=width)

    for s in steps.segments:
        line(s.horizontal, s.at, s.start, s.end, "#bbbbbb", 1)
    for e in steps.edges:
        line(e.horizontal, e.at, e.start, e.end, "#1f5fff", 2)
    for table in steps.tables:
        for cell in table.cells:
            x0, top, x1, bottom = (v * scale for v in cell.box)
            draw.rectangle((x0 + 3, top + 3, x1 - 3, bottom - 3), outline="#18a030", width=1)
            spans = f" {cell.rowspan}x{cell.colspan}" if (cell.rowspan, cell.colspan) != (1, 1) else ""
            draw.text((x0 + 5, top + 4), f"{cell.row},{cell.col}{spans}", fill="#18a030")
    for p in steps.intersections:
        x, y = p.x * scale, p.y * scale
        draw.ellipse((x - 3, y - 3, x + 3, y + 3), fill="#e02020")
    return image


def main(argv: list[str]) -> None:
    source, number, out = Path(argv[0]), int(argv[1]), Path(argv[2])
    draw_steps(pdfium.PdfDocument(source.read_bytes()), number).save(out)


if __name__ == "__main__":
    main(sys.argv[1:])
