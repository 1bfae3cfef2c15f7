"""The workbook reader: numbers as stored (no float artefacts), printed
decimals from the number format, merged ranges as spans, several tables on a
sheet, one page per sheet."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from cnbudget.ingest.layout import Delimiter
from cnbudget.ingest.readers import read_bytes
from cnbudget.ingest.spreadsheet import number_text
from cnbudget.ingest.xlsx_formats import parse_format


def xlsx_bytes(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@given(st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
       st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False))
def test_float_artefacts_print_as_the_decimal_meant(a: Decimal, b: Decimal) -> None:
    # a spreadsheet sum leaves binary noise (0.1 + 0.2 = 0.30000000000000004)
    noisy = float(a) + float(b)
    assert Decimal(number_text(noisy)) == a + b


def test_number_text_examples() -> None:
    assert number_text(4097.1099999999997) == "4097.11"
    assert number_text(0.1 + 0.2) == "0.3"
    assert number_text(7.0) == "7"
    assert number_text(-0.0) == "0"
    assert number_text(1234567.125) == "1234567.125"


@pytest.mark.parametrize(("code", "decimals", "percent"), [
    ("#,##0.00", 2, False), ("0.00_ ", 2, False), ('0.00"万元"', 2, False), ("0.0%", 1, True),
    ("#,##0;[Red]-#,##0", 0, False), ("0.000;-0.000;\"-\"", 3, False),
])
def test_format_codes(code: str, decimals: int, percent: bool) -> None:
    fmt = parse_format(code)
    assert fmt is not None and (fmt.decimals, fmt.percent) == (decimals, percent)


@pytest.mark.parametrize("code", ["General", "@", "yyyy-mm-dd", "m/d/yy h:mm"])
def test_formats_without_decimals_meaning(code: str) -> None:
    assert parse_format(code) is None


def test_two_tables_on_one_sheet_with_merges_and_formats() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "预算表"
    ws["A1"] = "部门支出总表"
    ws.merge_cells("A1:D1")
    ws["D2"] = "单位：万元"
    ws.append(["科目编码", "科目名称", "金额", None])
    ws.merge_cells("C3:D3")
    ws.append(["201", "一般公共服务支出", 973.6, 0.1 + 0.2])
    ws["C4"].number_format = "#,##0.00"
    ws.append(["合计", None, None, None])  # a lone cell continuing the table
    ws.append(["注：本表不含上年结转。"])
    ws.append([])
    ws.append(["“三公”经费支出表"])
    ws.append(["项目", "金额", "比率"])
    ws.append(["公务接待费", 0.78, 0.5294])
    ws["C10"].number_format = "0.00%"
    second = wb.create_sheet("空白")
    second["A1"] = None
    third = wb.create_sheet("第三")
    third["B2"] = "另一页"
    layout = read_bytes(xlsx_bytes(wb), "two.xlsx").layout
    assert layout.format == "xlsx" and layout.pages == 3
    texts = [(ln.delimiter, ln.texts, ln.grid, ln.page, ln.number) for ln in layout.lines]
    assert texts[0] == (Delimiter.NONE, ["部门支出总表"], None, 1, 1)
    assert texts[1] == (Delimiter.NONE, ["单位：万元"], None, 1, 2)
    header = layout.lines[2]
    assert header.delimiter is Delimiter.GRID
    assert [(c.text, c.col, c.colspan) for c in header.cells] == [("科目编码", 0, 1), ("科目名称", 1, 1), ("金额", 2, 2)]
    assert layout.lines[3].texts == ["201", "一般公共服务支出", "973.60", "0.3"]
    assert layout.lines[4].texts[0] == "合计" and layout.lines[4].grid == header.grid
    assert texts[5][:2] == (Delimiter.NONE, ["注：本表不含上年结转。"])
    assert texts[6][:2] == (Delimiter.NONE, ["“三公”经费支出表"])
    second_grid = layout.lines[7]
    assert second_grid.grid is not None and second_grid.grid != header.grid
    assert layout.lines[8].texts == ["公务接待费", "0.78", "52.94%"]
    assert layout.lines[-1].texts == ["另一页"] and layout.lines[-1].page == 3 and layout.lines[-1].number == 2


def test_vertical_merge_becomes_rowspan() -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["科目", "本年支出", None])
    ws.append([None, "基本支出", "项目支出"])
    ws.append(["201", 1, 2])
    ws.merge_cells("A1:A2")
    ws.merge_cells("B1:C1")
    lines = read_bytes(xlsx_bytes(wb), "m.xlsx").layout.lines
    first = lines[0].cells
    assert (first[0].text, first[0].rowspan, first[0].colspan) == ("科目", 2, 1)
    assert (first[1].text, first[1].col, first[1].colspan) == ("本年支出", 1, 2)
    # the covered cell is not repeated below
    assert [(c.text, c.col) for c in lines[1].cells if c.text] == [("基本支出", 1), ("项目支出", 2)]
    assert all(c.col != 0 for c in lines[1].cells)


def test_merged_sub_heading_inside_a_table_stays_in_its_grid() -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["标题"])
    ws.merge_cells("A1:C1")
    ws.append(["项目", "金额", "备注"])
    ws.append(["一、基本支出"])
    ws.merge_cells("A3:C3")
    ws.append(["工资", 1, "x"])
    lines = read_bytes(xlsx_bytes(wb), "s.xlsx").layout.lines
    assert [ln.delimiter for ln in lines] == [Delimiter.NONE] + [Delimiter.GRID] * 3
    assert len({ln.grid for ln in lines[1:]}) == 1
    assert (lines[2].cells[0].text, lines[2].cells[0].colspan) == ("一、基本支出", 3)


def test_hidden_sheets_are_skipped_with_a_note() -> None:
    wb = Workbook()
    wb.active.append(["公开", "1"])
    hidden = wb.create_sheet("底稿")
    hidden.append(["底稿数据", "2"])
    hidden.sheet_state = "hidden"
    wb.create_sheet("三").append(["第三页", "3"])
    layout = read_bytes(xlsx_bytes(wb), "h.xlsx").layout
    assert [(ln.texts[0], ln.page) for ln in layout.lines] == [("公开", 1), ("第三页", 3)]
    assert layout.pages == 3 and layout.problems[0].code == "sheet.hidden" \
        and "底稿" in layout.problems[0].details["sheet"]


def test_garbage_workbook_is_unreadable() -> None:
    from cnbudget.ingest.errors import UnreadableSource
    from cnbudget.ingest.spreadsheet import read_xlsx

    with pytest.raises(UnreadableSource):
        read_xlsx(b"PK\x03\x04 not really a zip", "bad.xlsx")
