"""The PDF reader on PDFs drawn with reportlab: compared cell for cell with the
drawing and with pdfplumber's lines strategy."""

import pypdfium2 as pdfium
import pytest

from cnbudget.ingest.errors import UnreadableSource
from cnbudget.ingest.layout import Delimiter
from cnbudget.ingest.pdf import read_pdf
from cnbudget.ingest.pdf.reader import read_page
from cnbudget.ingest.readers import read_bytes

from .checks import expected_rows, grid_rows, grids, plumber_tables
from .drawing import PageSpec, SpecCell, TableSpec, grid_table, make_pdf

BUDGET = [
    ["科目编码", "科目名称", "金额"],
    ["201", "一般公共服务支出", "1,107.\n56"],
    ["201030\n1", "行政运行", "37,832.13"],
    ["208", "社会保障和就业支出", "604.40"],
]


def header_table(top: float = 100) -> TableSpec:
    """收支预算总表's header: 收入 over two columns, 项目名称 over two rows."""
    cells = [
        SpecCell(0, 0, ("收入",), colspan=2), SpecCell(0, 2, ("支出",), colspan=2),
        SpecCell(1, 0, ("项目名称",), rowspan=2), SpecCell(1, 1, ("金额",), rowspan=2),
        SpecCell(1, 2, ("功能分类",), colspan=2),
        SpecCell(2, 2, ("功能科目名称",)), SpecCell(2, 3, ("金额",)),
        SpecCell(3, 0, ("一、财政拨款",)), SpecCell(3, 1, ("18,330.37",)),
        SpecCell(3, 2, ("一、一般公共服务支出",)), SpecCell(3, 3, ("13,907.78",)),
    ]
    return TableSpec(60, top, [120, 80, 150, 80], [20, 20, 20, 20], cells)


@pytest.mark.parametrize("rulings", ["stroke", "rect", "form"])
@pytest.mark.parametrize("rotate", [0, 90, 180, 270])
def test_cjk_table_cell_for_cell(rulings, rotate):
    table = grid_table(60, 100, [90, 160, 90], BUDGET)
    data = make_pdf([PageSpec(rotate=rotate, tables=[table], rulings=rulings, decoys=True,
                              texts=[(60, 80, "财政拨款支出预算表")])])
    layout = read_pdf(data, "t.pdf")
    assert layout.pages == 1 and layout.problems == []
    assert layout.lines[0].texts == ["财政拨款支出预算表"] and layout.lines[0].grid is None
    [grid] = grids(layout)
    assert grid_rows(layout, grid) == expected_rows(table)
    # the wrapped cells as printed in the drawing: 1,107. over 56, 201030 over 1
    assert grid_rows(layout, grid)[1][2][0] == "1,107.56"
    assert grid_rows(layout, grid)[2][0][0] == "2010301"
    assert all(line.page == 1 and line.delimiter is Delimiter.GRID for line in layout.lines[1:])


def test_same_cells_as_pdfplumber():
    table = grid_table(60, 100, [90, 160, 90], BUDGET)
    data = make_pdf([PageSpec(tables=[table])])
    [[theirs]] = plumber_tables(data)
    layout = read_pdf(data, "t.pdf")
    assert [[c[0] for c in row] for row in grid_rows(layout, grids(layout)[0])] == theirs


@pytest.mark.parametrize("rulings", ["stroke", "rect"])
def test_merged_header_cells_carry_spans(rulings):
    table = header_table()
    layout = read_pdf(make_pdf([PageSpec(tables=[table], rulings=rulings)]), "t.pdf")
    [grid] = grids(layout)
    assert grid_rows(layout, grid) == expected_rows(table)
    # pdfplumber marks the slots a merged cell covers with None
    [[theirs]] = plumber_tables(make_pdf([PageSpec(tables=[table], rulings=rulings)]))
    assert theirs[0] == ["收入", None, "支出", None]
    assert theirs[1] == ["项目名称", "金额", "功能分类", None]


def test_cell_positions_are_the_drawn_rulings():
    table = header_table()
    layout = read_pdf(make_pdf([PageSpec(tables=[table])]), "t.pdf")
    first = layout.lines[0].cells
    xs = table.xs()
    assert [(round(c.x0), round(c.x1)) for c in first] == [(xs[0], xs[2]), (xs[2], xs[4])]


def test_several_tables_and_text_in_reading_order():
    first = grid_table(60, 120, [100, 80], [["项目", "金额"], ["合计", "1.00"]])
    second = grid_table(60, 300, [100, 80, 80], [["科目", "名称", "金额"], ["301", "工资福利支出", "2.00"]])
    page = PageSpec(tables=[second, first], texts=[
        (60, 100, "一、收入预算总表"),
        (60, 280, "二、支出预算总表"),
        (60, 290, "部门：江苏省某厅"), (420, 290, "单位：万元"),
        (60, 400, "本表反映部门收支总体情况。"),
    ])
    layout = read_pdf(make_pdf([page]), "t.pdf")
    kinds = [line.grid or line.text for line in layout.lines]
    one, two = grids(layout)
    assert one != two
    assert kinds == ["一、收入预算总表", one, one, "二、支出预算总表",
                     "部门：江苏省某厅  单位：万元", two, two, "本表反映部门收支总体情况。"]
    split = layout.lines[4]
    assert split.delimiter is Delimiter.SPACE and split.texts == ["部门：江苏省某厅", "单位：万元"]
    assert split.cells[1].x0 == pytest.approx(420, abs=1)


def test_table_over_pages_keeps_page_order_with_a_grid_per_page():
    head = grid_table(60, 700, [100, 80], [["项目", "金额"], ["一、工资", "1.00"]])
    rest = grid_table(60, 60, [100, 80], [["二、商品和服务", "2.00"], ["合计", "3.00"]])
    rest.open_top = True
    landscape = grid_table(60, 60, [300, 300], [["项目", "金额"], ["三、其他", "4.00"]])
    pages = [PageSpec(tables=[head]), PageSpec(tables=[rest]),
             PageSpec(width=842, height=595, tables=[landscape])]
    layout = read_pdf(make_pdf(pages), "t.pdf")
    assert layout.pages == 3
    ids = grids(layout)
    assert len(ids) == 3 and ids == sorted(ids)
    assert [(line.page, line.texts) for line in layout.lines] == [
        (1, ["项目", "金额"]), (1, ["一、工资", "1.00"]),
        (2, ["二、商品和服务", "2.00"]), (2, ["合计", "3.00"]),
        (3, ["项目", "金额"]), (3, ["三、其他", "4.00"]),
    ]


def test_encrypted_pdf_is_reported():
    data = make_pdf([PageSpec(texts=[(60, 100, "机密")])], encrypt="secret")
    with pytest.raises(UnreadableSource, match="encrypted"):
        read_bytes(data, "locked.pdf")


def test_scanned_pdf_is_reported():
    data = make_pdf([PageSpec(image_only=True), PageSpec(image_only=True)])
    with pytest.raises(UnreadableSource, match="scanned") as info:
        read_bytes(data, "scan.pdf")
    assert "2 of 2 pages" in info.value.reason


def test_a_scanned_page_among_text_pages_is_a_problem():
    data = make_pdf([PageSpec(texts=[(60, 100, "部门预算")]), PageSpec(image_only=True)])
    read = read_bytes(data, "mixed.pdf")
    assert read.format == "pdf"
    assert [(p.page, p.code) for p in read.layout.problems] == [(2, "page.scanned")]
    assert [line.text for line in read.layout.lines] == ["部门预算"]


def test_pdfplumber_fallback_for_a_table_of_shaded_cells():
    # no rulings at all: cells are gray boxes with white gaps; our grid sees no edge,
    # pdfplumber builds cells from the boxes' sides
    table = grid_table(60, 100, [90, 160, 90], BUDGET)
    data = make_pdf([PageSpec(tables=[table], rulings="shaded")])
    pdf = pdfium.PdfDocument(data)
    # without the fallback the cells come from the text's alignment (ingest.pdf.aligned)
    [unruled] = read_page(pdf[0], 1, fallback=None).tables
    assert unruled.texts[:2] == [table.rows()[0][0].text, table.rows()[0][1].text]
    layout = read_pdf(data, "t.pdf")
    [grid] = grids(layout)
    assert [[c[0] for c in row] for row in grid_rows(layout, grid)] == [[c.text for c in row] for row in table.rows()]


@pytest.mark.parametrize("turn", [90, 270])
def test_content_turned_on_an_unrotated_page_reads_upright(turn):
    # a landscape table printed sideways onto a portrait page, no /Rotate
    table = grid_table(60, 100, [90, 160, 90], BUDGET)
    page = PageSpec(rotate=turn, turned_content=True, tables=[table], texts=[(60, 80, "财政拨款支出预算表")])
    data = make_pdf([page])
    assert pdfium.PdfDocument(data)[0].get_rotation() == 0
    layout = read_pdf(data, "t.pdf")
    assert layout.lines[0].texts == ["财政拨款支出预算表"]
    assert grid_rows(layout, grids(layout)[0]) == expected_rows(table)


def test_a_broken_pdf_is_reported():
    data = make_pdf([PageSpec(texts=[(60, 100, "部门预算")])])
    with pytest.raises(UnreadableSource, match="not a readable PDF"):
        read_bytes(data[: len(data) // 3], "cut.pdf")
