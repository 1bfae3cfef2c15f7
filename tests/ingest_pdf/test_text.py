"""Joining characters: wrapped cell text and spaces between scripts."""

import pytest

from cnbudget.ingest.pdf.chars import Char
from cnbudget.ingest.pdf.text import cell_text, group_lines, join_wrapped, line_text, text_lines


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("1,107.", "56", "1,107.56"),
        ("201030", "1", "2010301"),
        ("一般公共服务", "支出", "一般公共服务支出"),
        ("机关事业单位基本养老保险缴费", "2,254.76", "机关事业单位基本养老保险缴费2,254.76"),
        ("General public", "services", "General public services"),
        ("", "x", "x"),
    ],
)
def test_join_wrapped(left, right, joined):
    assert join_wrapped(left, right) == joined


def chars(text, x=0.0, top=0.0, size=10.0, advance=None, spaces=()):
    out = []
    for i, ch in enumerate(text):
        w = advance or (size if ord(ch) > 0x2E80 else size / 2)
        out.append(Char(ch, x, top, x + w, top + size, i in spaces))
        x += w
    return out


def test_gaps_are_spaces_only_between_latin():
    # Word spaces 2018 and 年 apart for looks (a gap, no space character)
    assert line_text(chars("2018") + chars("年度", x=23)) == "2018年度"
    assert line_text(chars("Budget") + chars("2018", x=33)) == "Budget 2018"


def test_the_documents_own_spaces_are_kept():
    assert line_text(chars("目录", spaces={1})) == "目 录"
    assert line_text(chars("Budget2018", spaces={6})) == "Budget 2018"


def test_cell_text_joins_lines_top_to_bottom():
    cell = chars("56", top=20) + chars("1,107.", top=0)
    assert cell_text(cell) == "1,107.56"


def test_text_lines_split_at_wide_gaps():
    line = chars("部门：江苏省") + chars("单位：万元", x=400)
    [text_line] = text_lines(line)
    assert [(p.text, p.x0) for p in text_line.pieces] == [("部门：江苏省", 0), ("单位：万元", 400)]


def test_spread_out_cjk_keeps_a_space():
    # Excel's distributed alignment: 合 and 计 a character's width or more apart
    assert line_text(chars("合") + chars("计", x=25)) == "合 计"


def test_lines_half_a_line_apart_stay_apart():
    # a header's cells centred over one or two lines: 科目编码 on one baseline, glyph boxes whose
    # tops differ a little; 基本支出 half a line above, 合计 half a line below
    code = [Char(ch, 10 * i, 107.0 + 0.4 * (i % 2), 10 * i + 10, 115.0) for i, ch in enumerate("科目编码")]
    above = chars("基本支出", x=100, top=103.0, size=8)
    below = chars("合计", x=200, top=111.0, size=8)
    lines = [line_text(line) for line in group_lines(code + above + below)]
    assert lines == ["基本支出", "科目编码", "合计"]


def test_digits_in_another_font_stay_on_their_line():
    # digits whose box (another font's ascent and descent) stands a little lower than the CJK beside them
    line = chars("合计", top=100.0) + chars("12.50", x=30, top=100.8, size=9.6)
    assert [line_text(li) for li in group_lines(line)] == ["合计12.50"]
