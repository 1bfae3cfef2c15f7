"""The grid debugging picture: the page with its steps drawn over it."""

import pypdfium2 as pdfium

from cnbudget.ingest.pdf.debug import draw_steps

from .drawing import PageSpec, grid_table, make_pdf


def test_draw_steps_marks_cells_and_intersections():
    table = grid_table(60, 100, [100, 80], [["项目", "金额"], ["合计", "1.00"]])
    pdf = pdfium.PdfDocument(make_pdf([PageSpec(tables=[table])]))
    image = draw_steps(pdf, 1, scale=1)
    assert image.size == (595, 842)
    red = image.getpixel((60, 100))  # the table's top-left corner is an intersection
    assert red[0] > 200 and red[1] < 80
    green = image.getpixel((63 + 20, 103))  # the first cell's outline, 3 px inside its ruling
    assert green[1] > 120 and green[0] < 80


def _outlined(image, box, scale: float, colour) -> list[bool]:
    """Whether the middle of each side of a cell's outline (drawn 3 px inside its box)
    is in the colour, give or take a pixel of rounding."""
    x0, top, x1, bottom = (v * scale for v in box)
    mx, my = (x0 + x1) / 2, (top + bottom) / 2
    return [any(colour(image.getpixel((int(x) + dx, int(y) + dy))) for dx in (-1, 0, 1) for dy in (-1, 0, 1))
            for x, y in ((mx, top + 3), (mx, bottom - 3), (x0 + 3, my), (x1 - 3, my))]


def _orange(rgb) -> bool:
    return rgb[0] > 200 and 80 < rgb[1] < 150 and rgb[2] < 60


def _green(rgb) -> bool:
    return rgb[1] > 120 and rgb[0] < 80 and rgb[2] < 80


def test_tables_read_from_the_text_alignment_are_drawn_too(tmp_path):
    from cnbudget.ingest.pdf.reader import page_chars, page_tables

    from .test_ruled_panels import summary_pdf

    pdf = pdfium.PdfDocument(summary_pdf(tmp_path / "t.pdf", set()))  # no rulings at all
    frame, chars = page_chars(pdf[0])
    read = page_tables(pdf[0], 1, frame, chars)
    assert not read.ruled and len(read.aligned) == 1
    image = draw_steps(pdf, 1, scale=2)
    cells = read.aligned[0].table.cells
    assert len(cells) == 20
    for cell in cells:
        assert all(_outlined(image, cell.box, 2, _orange)), cell


def test_ruled_cells_split_by_their_text_are_drawn_split(tmp_path):
    from cnbudget.ingest.pdf.reader import page_chars, page_tables

    from .test_ruled_panels import LAYOUTS, summary_pdf

    pdf = pdfium.PdfDocument(summary_pdf(tmp_path / "t.pdf", LAYOUTS["panel-vertical"]))
    frame, chars = page_chars(pdf[0])
    read = page_tables(pdf[0], 1, frame, chars)
    [ruled] = read.ruled
    assert len(read.steps.tables[0].cells) == 2 and len(ruled.table.cells) == 20
    image = draw_steps(pdf, 1, scale=2)
    for cell in ruled.table.cells:  # 预算数 of the first panel among them: the split is drawn
        assert all(_outlined(image, cell.box, 2, _green)), cell
