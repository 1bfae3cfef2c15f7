"""Draw ruled tables into real PDFs with reportlab, the way producers do.

Coordinates are display coordinates (origin top left, y down) of the page as
it is seen, whatever its /Rotate, so expectations read like the drawing.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from reportlab.lib.colors import white
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas as rl_canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))


@dataclass(frozen=True)
class SpecCell:
    row: int
    col: int
    lines: tuple[str, ...]  # the cell's text as drawn, one entry per wrapped line
    rowspan: int = 1
    colspan: int = 1

    @property
    def text(self) -> str:
        return "".join(self.lines)


@dataclass
class TableSpec:
    left: float
    top: float
    widths: list[float]
    heights: list[float]
    cells: list[SpecCell]
    open_top: bool = False  # drawn without its top border, as a table cut by a page break

    def xs(self) -> list[float]:
        out = [self.left]
        for w in self.widths:
            out.append(out[-1] + w)
        return out

    def ys(self) -> list[float]:
        out = [self.top]
        for h in self.heights:
            out.append(out[-1] + h)
        return out

    @property
    def bottom(self) -> float:
        return self.ys()[-1]

    def rows(self) -> list[list[SpecCell]]:
        rows: list[list[SpecCell]] = [[] for _ in self.heights]
        for c in self.cells:
            rows[c.row].append(c)
        return [sorted(r, key=lambda c: c.col) for r in rows]


def grid_table(left: float, top: float, widths: list[float], texts: list[list[str]], height: float = 20) -> TableSpec:
    """A plain table: one cell per text, a text may hold '\n' where it wraps."""
    cells = [
        SpecCell(r, c, tuple(t.split("\n")))
        for r, row in enumerate(texts) for c, t in enumerate(row)
    ]
    heights = [height * max(len(t.split("\n")) for t in row) for row in texts]
    return TableSpec(left, top, widths, heights, cells)


@dataclass
class PageSpec:
    width: float = 595.0  # display size
    height: float = 842.0
    rotate: int = 0  # the page's /Rotate; content is drawn so that it reads upright
    turned_content: bool = False  # no /Rotate: the content itself is turned, as some printers do
    tables: list[TableSpec] = field(default_factory=list)
    texts: list[tuple[float, float, str]] = field(default_factory=list)  # x, baseline y, text
    rulings: str = "stroke"  # stroke | rect (thin filled pieces, Word-style) | form | shaded (no rulings: gray cells)
    decoys: bool = False  # white thin rectangles and wide shading, neither a ruling
    image_only: bool = False


def _to_display(c: rl_canvas.Canvas, page: PageSpec) -> None:
    """Make display coordinates (y down) the drawing coordinates."""
    if page.rotate == 0:
        c.transform(1, 0, 0, -1, 0, page.height)
    elif page.rotate == 90:
        # page space x = display y, page space y = display x
        c.transform(0, 1, 1, 0, 0, 0)
    elif page.rotate == 180:
        c.transform(-1, 0, 0, 1, page.width, 0)
    elif page.rotate == 270:
        c.transform(0, -1, -1, 0, page.height, page.width)


def _text(c: rl_canvas.Canvas, x: float, y: float, text: str, size: float = 9) -> None:
    # display coordinates are y-down: flip the glyphs back upright
    c.saveState()
    c.translate(x, y)
    c.scale(1, -1)
    c.setFont(FONT, size)
    c.drawString(0, 0, text)
    c.restoreState()


def _rule(c: rl_canvas.Canvas, page: PageSpec, x0: float, y0: float, x1: float, y1: float) -> None:
    if page.rulings == "rect":
        t = 0.5
        if y0 == y1:
            c.rect(x0, y0 - t / 2, x1 - x0, t, stroke=0, fill=1)
        else:
            c.rect(x0 - t / 2, y0, t, y1 - y0, stroke=0, fill=1)
    else:
        c.line(x0, y0, x1, y1)


def _draw_rulings(c: rl_canvas.Canvas, page: PageSpec, table: TableSpec) -> None:
    xs, ys = table.xs(), table.ys()
    for cell in table.cells:
        x0, x1 = xs[cell.col], xs[cell.col + cell.colspan]
        y0, y1 = ys[cell.row], ys[cell.row + cell.rowspan]
        if not (table.open_top and cell.row == 0):
            _rule(c, page, x0, y0, x1, y0)
        _rule(c, page, x0, y1, x1, y1)
        _rule(c, page, x0, y0, x0, y1)
        _rule(c, page, x1, y0, x1, y1)


def _draw_table(c: rl_canvas.Canvas, page: PageSpec, table: TableSpec) -> None:
    xs, ys = table.xs(), table.ys()
    if page.decoys:
        c.saveState()
        c.setFillColor(white)
        for cell in table.cells:  # Word's white cell padding
            c.rect(xs[cell.col] + 0.5, ys[cell.row] + 0.5, 2.5, ys[cell.row + cell.rowspan] - ys[cell.row] - 1, stroke=0, fill=1)
        c.restoreState()
        c.saveState()
        c.setFillGray(0.9)  # shading of the header row
        c.rect(xs[0], ys[0], xs[-1] - xs[0], table.heights[0], stroke=0, fill=1)
        c.restoreState()
    if page.rulings == "shaded":
        c.saveState()
        c.setFillGray(0.8)
        for cell in table.cells:
            x0, x1 = xs[cell.col] + 0.5, xs[cell.col + cell.colspan] - 0.5
            y0, y1 = ys[cell.row] + 0.5, ys[cell.row + cell.rowspan] - 0.5
            c.rect(x0, y0, x1 - x0, y1 - y0, stroke=0, fill=1)
        c.restoreState()
    elif page.rulings == "form":
        name = f"rulings{id(table)}"
        # the form is drawn at half size and scaled back up by the placing matrix
        c.beginForm(name)
        c.scale(0.5, 0.5)
        _draw_rulings(c, page, table)
        c.endForm()
        c.saveState()
        c.scale(2, 2)
        c.doForm(name)
        c.restoreState()
    else:
        _draw_rulings(c, page, table)
    for cell in table.cells:
        for k, line in enumerate(cell.lines):
            _text(c, xs[cell.col] + 3, ys[cell.row] + 14 + 16 * k, line)


def make_pdf(pages: list[PageSpec], encrypt: str | None = None) -> bytes:
    buffer = io.BytesIO()
    c = rl_canvas.Canvas(buffer, encrypt=encrypt)
    for page in pages:
        quarter = page.rotate in (90, 270)
        c.setPageSize((page.height, page.width) if quarter else (page.width, page.height))
        if page.rotate and not page.turned_content:
            c.setPageRotation(page.rotate)
        if page.image_only:
            _draw_image(c, page)
            c.showPage()
            continue
        c.saveState()
        _to_display(c, page)
        for table in page.tables:
            _draw_table(c, page, table)
        for x, y, text in page.texts:
            _text(c, x, y, text)
        c.restoreState()
        c.showPage()
    c.save()
    return buffer.getvalue()


def _draw_image(c: rl_canvas.Canvas, page: PageSpec) -> None:
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    img = Image.new("L", (300, 400), 255)
    ImageDraw.Draw(img).rectangle((30, 30, 270, 60), fill=0)
    c.drawImage(ImageReader(img), 0, 0, page.width, page.height)
