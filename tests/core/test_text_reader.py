from __future__ import annotations

from cnbudget.ingest.layout import Delimiter
from cnbudget.ingest.readers import read_bytes
from cnbudget.ingest.text import read_text


def test_tab_separated_cells_keep_empty_cells_in_place():
    layout = read_text("201\t03\t01\t\t行政运行\t4,615,403\n".encode(), "t.txt")
    (line,) = layout.lines
    assert line.delimiter is Delimiter.TAB
    assert line.texts == ["201", "03", "01", "", "行政运行", "4,615,403"]
    assert line.number == 1


def test_space_separated_cells_and_raw_text_kept():
    layout = read_text("4 2010301 行政运行 389.50 389.50\n".encode(), "t.txt")
    (line,) = layout.lines
    assert line.delimiter is Delimiter.SPACE
    assert line.filled == ["4", "2010301", "行政运行", "389.50", "389.50"]
    assert line.text == "4 2010301 行政运行 389.50 389.50"


def test_one_cell_per_line_rows_as_tika_exports_docx():
    text = "标题\n\t项目名称\n\t设备升级改造 \n完成数量\n\t7台\n\n\t第二行\n\t2\n\n结束段落\n"
    layout = read_text(text.encode(), "t.txt")
    texts = [ln.texts for ln in layout.lines]
    assert texts == [["标题"], ["项目名称", "设备升级改造完成数量", "7台"], ["第二行", "2"], ["结束段落"]]
    assert layout.lines[1].number == 2


def test_markup_is_removed_and_gbk_is_decoded():
    data = "<p>项目概况</p>\t[bookmark: _Toc1]说明\n".encode("gb18030")
    layout = read_bytes(data, "gbk.txt").layout
    assert layout.lines[0].texts == ["项目概况", "说明"]


def test_form_feeds_count_pages():
    layout = read_text("第一页\n\f第二页\n第二页续\n\f第三页\n".encode(), "t.txt")
    assert [ln.page for ln in layout.lines] == [1, 2, 2, 3]
    assert layout.pages == 3
