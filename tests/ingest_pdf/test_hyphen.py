"""A hyphen ending a printed line is ink: pdfium reports it as a soft hyphen."""

from cnbudget.ingest.pdf import read_pdf

from .checks import grid_rows, grids
from .drawing import PageSpec, grid_table, make_pdf


def test_a_hyphen_at_the_end_of_a_cell_is_kept() -> None:
    table = grid_table(60, 100, [80, 160, 80], [["序-", "单位名称", "编号"], ["1", "数据局", "A-\n1"]])
    layout = read_pdf(make_pdf([PageSpec(tables=[table])]), "hyphen.pdf")
    (grid,) = grids(layout)
    rows = [[text for text, *_ in row] for row in grid_rows(layout, grid)]
    assert rows[0] == ["序-", "单位名称", "编号"]
    assert rows[1][2] == "A-1"
