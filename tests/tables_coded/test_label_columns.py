"""Column roles by the header's own words, on small made-up tables of other
provinces' layouts: a 序号 column, a code printed in the name's cell, other
templates' amount headings, 科目编码 repeated over 类 | 款 | 项."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cnbudget.ingest.layout import Cell, Delimiter, Line
from cnbudget.recognise.blocks import TableBlock
from cnbudget.recognise.tables.coded import parse_coded
from cnbudget.recognise.tables.coded_header import scan_labels, sequence_columns
from cnbudget.recognise.tables.coded_rows import split_joined_code

WAN = Decimal(10000)


def _grid(rows: list[list[str]]) -> list[Line]:
    return [Line(tuple(Cell(t, col=i) for i, t in enumerate(r) if t), number=10 + n,
                 delimiter=Delimiter.GRID, grid=1) for n, r in enumerate(rows)]


def _tabs(rows: list[list[str]]) -> list[Line]:
    return [Line(tuple(Cell(t) for t in r), number=10 + n, delimiter=Delimiter.TAB, raw="\t".join(r))
            for n, r in enumerate(rows)]


def _table(kind: str, lines: list[Line]):
    parsed = parse_coded(TableBlock(kind, "支出表", lines, unit="万元"))
    assert not parsed.problems, parsed.problems
    return parsed.tables[0]


@pytest.mark.parametrize("lines_of", [_grid, _tabs])
@pytest.mark.parametrize("index_head", ["序号", "行次"])
def test_a_leading_index_column_is_no_part_of_the_code(lines_of, index_head: str) -> None:
    table = _table("fiscal_expenditure", lines_of([
        [index_head, "科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["栏次", "", "", "1", "2", "3"],
        ["1", "", "合计", "120.00", "100.00", "20.00"],
        ["2", "201", "一般公共服务支出", "120.00", "100.00", "20.00"],
        ["3", "20103", "政府办公厅（室）及相关机构事务", "120.00", "100.00", "20.00"],
        ["4", "2010301", "行政运行", "100.00", "100.00", ""],
        ["5", "2010302", "一般行政管理事务", "20.00", "", "20.00"],
    ]))
    assert [r.code or r.item for r in table.rows] == ["total", "201", "20103", "2010301", "2010302"]
    assert table.row_by_code("2010302").values == {"total": 20 * WAN, "basic": None, "project": 20 * WAN}


def test_rows_numbered_without_a_heading_are_told_by_their_count() -> None:
    table = _table("fiscal_expenditure", _grid([
        ["", "科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["1", "208", "社会保障和就业支出", "30.00", "30.00", ""],
        ["2", "20805", "行政事业单位养老支出", "30.00", "30.00", ""],
        ["3", "2080505", "机关事业单位基本养老保险缴费支出", "30.00", "30.00", ""],
    ]))
    assert [r.code for r in table.rows] == ["208", "20805", "2080505"]


@pytest.mark.parametrize(("cell", "code", "name"), [
    ("2010301 行政运行", "2010301", "行政运行"),
    ("2010301行政运行", "2010301", "行政运行"),
    ("[2010301]行政运行", "2010301", "行政运行"),
    ("【30101】基本工资", "30101", "基本工资"),
    ("201 03 01 行政运行", "2010301", "行政运行"),
    ("019001 某某中心", "019001", "某某中心"),
])
def test_a_code_printed_before_its_name_is_split_off(cell: str, code: str, name: str) -> None:
    assert split_joined_code(cell) == (code, name)


@pytest.mark.parametrize("cell", ["2023年预算", "2024年度", "行政运行", "1 合计", "100万元以下", "019001某某中心"])
def test_names_opening_with_digits_that_are_no_code_stay_whole(cell: str) -> None:
    assert split_joined_code(cell) is None


def test_code_and_name_in_one_cell_key_the_rows_by_code() -> None:
    table = _table("general_public", _grid([
        ["科目编码及名称", "合计", "基本支出", "项目支出"],
        ["合计", "8.00", "8.00", ""],
        ["[302]商品和服务支出", "8.00", "8.00", ""],
        ["30201 办公费", "3.00", "3.00", ""],
        ["30207邮电费", "5.00", "5.00", ""],
    ]))
    assert [(r.code, r.name) for r in table.rows[1:]] == [
        ("302", "商品和服务支出"), ("30201", "办公费"), ("30207", "邮电费")]
    assert table.row_by_code("30207").values["total"] == 5 * WAN


@pytest.mark.parametrize(("printed", "key"), [
    ("一般公共预算拨款", "fiscal_general"), ("一般公共预算资金", "fiscal_general"),
    ("政府性基金拨款", "fiscal_fund"), ("政府性基金", "fiscal_fund"),
    ("国有资本经营预算拨款", "fiscal_state_capital"), ("上年结转结余", "carryover"),
    ("上年结转和结余", "carryover"),
])
def test_other_templates_amount_headings_read_by_their_meaning(printed: str, key: str) -> None:
    table = _table("income", _grid([
        ["支出功能分类科目", "", "合计", "财政拨款", "", "事业收入"],
        ["科目代码", "科目名称", "", printed, "其他", ""],
        ["", "合计", "6.00", "4.00", "1.00", "1.00"],
        ["201", "一般公共服务支出", "6.00", "4.00", "1.00", "1.00"],
    ]))
    row = table.row_by_code("201")
    assert row.values[key] == 4 * WAN and row.values["business"] == 1 * WAN
    assert not any(k.startswith("extra:") and k != "extra:其他" for k in row.values), row.values


def test_gov_fund_reads_its_opening_balance_under_another_template_s_word() -> None:
    table = _table("gov_fund", _grid([
        ["科目编码", "科目名称", "上年结转", "本年收入", "合计", "基本支出", "项目支出", "年末结转结余"],
        ["229", "其他支出", "1.00", "5.00", "4.00", "", "4.00", "2.00"],
    ]))
    assert table.row_by_code("229").values == {
        "carryover_begin": WAN, "income": 5 * WAN, "total": 4 * WAN, "basic": None, "project": 4 * WAN,
        "carryover_end": 2 * WAN}


def test_label_column_headings_are_not_amount_columns() -> None:
    assert scan_labels("支出功能分类科目 合计 基本支出") == ["合计", "基本支出"]
    assert [c.key for c in sequence_columns(["部门经济分类科目 预算单位编码 合计 基本支出 项目支出"], "expenditure")] \
        == ["total", "basic", "project"]


def test_code_heading_repeated_over_split_code_cells_is_one_panel() -> None:
    table = _table("general_public", _grid([
        ["科目编码", "科目编码", "科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["类", "款", "项", "科目名称", "合计", "基本支出", "项目支出"],
        ["201", "03", "01", "行政运行", "100.00", "100.00", ""],
        ["201", "03", "02", "一般行政管理事务", "20.00", "", "20.00"],
    ]))
    assert table.row_by_code("2010302").values == {"total": 20 * WAN, "basic": None, "project": 20 * WAN}
