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
