"""Seeds 002 (硚口区大数据中心 2020 预算: 单位编码 columns, sub-unit rows after each
项) and 003 (郑州市大数据管理局 2021 预算: amounts in 元, codes in 类/款/项
columns, a row whose cells slid left, an economic table with two code systems)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.conftest import seed
from tests.tables_coded.seedblocks import (
    cut,
    hierarchy_holds,
    only_table,
    parse,
    printed_numbers,
    row_sums_hold,
    seed_lines,
    values_of,
    wan,
    yuan,
)

B002 = {"expenditure": (183, 201), "general_public": (234, 270),
        "general_public_basic": (271, 307), "gov_fund": (308, 318)}
B003 = {"income": (264, 278), "expenditure": (281, 295), "general_public": (318, 332),
        "general_public_econ": (335, 366), "general_public_basic": (369, 396),
        "gov_fund": (415, 423), "state_capital": (426, 434)}
BASIC_PARTS = ("extra:工资福利支出", "extra:对个人和家庭的补助支出", "extra:商品服务支出", "extra:资本性支出")
PROJECT_PARTS = ("extra:社会事业和经济发展项目", "extra:债务项目", "extra:基本建设项目", "extra:其他项目")


@pytest.fixture(scope="module")
def lines002():
    return seed_lines(seed("002"))


@pytest.fixture(scope="module")
def lines003():
    return seed_lines(seed("003"))


def block002(lines, kind):
    return cut(lines, *B002[kind], kind, "万元")


def block003(lines, kind):
    table_type = "general_public" if kind == "general_public_econ" else kind
    return cut(lines, *B003[kind], table_type, "元")


def test_002_expenditure_with_unit_codes(lines002):
    t = only_table(block002(lines002, "expenditure"))
    total = t.row_by_item("total")
    assert total.values["total"] == wan("604.4") == wan("207.4") + wan("397")
    assert (total.values["basic"], total.values["project"]) == (wan("207.4"), wan("397"))
    unit_rows = [r for r in t.rows if r.unit_code]
    assert [(r.unit_code, r.name, r.code) for r in unit_rows] == [("019001", "武汉市硚口区大数据中心", None)]
    assert unit_rows[0].values["total"] == wan("604.4")
    assert set(total.values) == {"total", "basic", "project", "operating", "subsidy_subsidiary",
                                 "remit_superior"}
    assert row_sums_hold(t, "total", ("basic", "project"), Decimal(0)) == []
    assert t.row_by_code("2150502").values["project"] == wan("397")


def test_002_general_public_interleaved_units(lines002):
    t = only_table(block002(lines002, "general_public"))
    # the 合计 line prints no label at all
    assert t.rows[0].item == "total" and t.rows[0].values["total"] == wan("604.4")
    units = [r for r in t.rows if r.unit_code]
    assert len(units) == 8 and all(r.code is None for r in units)
    # each unit line repeats the 项 above it
    for i, row in enumerate(t.rows):
        if row.unit_code:
            assert row.values == t.rows[i - 1].values
    for column in ("total", "basic", "project"):
        assert hierarchy_holds(t, column, Decimal(500) * 8) == []


def test_002_basic_daily_public(lines002):
    t = only_table(block002(lines002, "general_public_basic"))
    assert t.row_by_item("total").values == {
        "total": wan("207.4"), "personnel": wan("184.8"), "public": wan("22.6")}
    assert t.row_by_code("30213").name == "维修（护）费"


def test_002_gov_fund_empty(lines002):
    t = only_table(block002(lines002, "gov_fund"))
    assert t.empty and t.note == "本单位2020年无此支出预算。"


@pytest.mark.parametrize("kind,table_type", [("expenditure", "expenditure"),
                                              ("general_public", "general_public")])
def test_002_every_number_kept(lines002, kind, table_type):
    t = only_table(block002(lines002, kind))
    by_line = {ln.number: ln for ln in lines002}
    for row in t.rows:
        assert values_of(row) == sorted(printed_numbers(by_line[row.locator.line], "万元")), row.key


def test_003_amounts_in_yuan_and_split_codes(lines003):
    t = only_table(block003(lines003, "expenditure"))
    assert t.unit == "元"
    total = t.row_by_item("total")
    assert total.values["total"] == yuan("96,534,608")
    row = t.row_by_code("2010301")  # printed 201 | 03 | 01
    assert row.name == "行政运行（政府办公厅（室）及相关机构事务）"
    assert row.values["extra:工资福利支出"] == yuan("3,698,643")
    assert row.values["extra:商品服务支出"] == yuan("916,760")
    unit = next(r for r in t.rows if r.unit_code)
    assert (unit.unit_code, unit.code) == ("113001", None)


@pytest.mark.parametrize("kind", ["expenditure", "general_public", "general_public_econ"])
def test_003_sums(lines003, kind):
    t = only_table(block003(lines003, kind))
    assert row_sums_hold(t, "total", ("basic", "project"), Decimal(0)) == []
    assert row_sums_hold(t, "basic", BASIC_PARTS, Decimal(0)) == []
    assert row_sums_hold(t, "project", PROJECT_PARTS, Decimal(0)) == []
    classified = [r for r in t.rows if r.code]
    for column in ("total", "basic", "project", *BASIC_PARTS, *PROJECT_PARTS):
        printed = t.row_by_item("total").values[column] or Decimal(0)
        assert printed == sum((r.values[column] or Decimal(0) for r in classified), Decimal(0)), column


def test_003_shifted_row_recovered_and_reported(lines003):
    parsed = parse(block003(lines003, "general_public"))
    row = parsed.tables[0].row_by_code("2010302")
    # printed: 90,270,300 | (4 empty) | 90,270,300 | 90,270,300 — one empty cell lost
    assert row.values["basic"] is None
    assert row.values["extra:资本性支出"] is None
    assert row.values["project"] == yuan("90,270,300")
    assert row.values["extra:社会事业和经济发展项目"] == yuan("90,270,300")
    moved = [p for p in parsed.problems if p.code == "row.amounts-placed" and dict(p.params)["row"] == "2010302"]
    assert len(moved) == 1 and moved[0].locator.line == 327
    # the same row in 附件3, printed whole, agrees
    same = only_table(block003(lines003, "expenditure")).row_by_code("2010302")
    assert same.values == row.values


def test_003_economic_table_with_government_codes(lines003):
    parsed = parse(block003(lines003, "general_public_econ"))
    t = parsed.tables[0]
    assert all(r.code is None or r.code.startswith("3") for r in t.rows)
    pairs = [(r.code, r.texts["gov_economic_code"]) for r in t.rows if r.code == "30101"]
    assert pairs == [("30101", "50101"), ("30101", "50501")]  # one row per printed line
    row = t.rows[1]
    assert row.texts == {"gov_economic_code": "50101", "gov_economic_name": "工资奖金津补贴_行政"}
    # the 合计 line lost the empty 资本性支出 cell: recovered and reported
    total = t.row_by_item("total")
    assert total.values["project"] == yuan("90,270,300")
    assert total.values["extra:资本性支出"] is None
    assert any(p.locator.line == 341 for p in parsed.problems)


def test_003_income_columns(lines003):
    t = only_table(block003(lines003, "income"))
    assert list(t.rows[0].values) == ["total", "fiscal_general", "extra:其中：财政拨款", "fiscal_fund",
                                      "fiscal_state_capital", "special_account", "other",
                                      "extra:上级转移支付"]
    assert t.row_by_code("2050802").values["fiscal_general"] == yuan("30,000")


def test_003_basic_table_by_economic_code(lines003):
    t = only_table(block003(lines003, "general_public_basic"))
    assert t.row_by_item("total").values == {"total": yuan("6,264,308"),
                                             "extra:其中：财政拨款": yuan("6,264,308")}
    assert sum((r.values["total"] for r in t.rows if r.code), Decimal(0)) == yuan("6,264,308")


@pytest.mark.parametrize("kind", ["gov_fund", "state_capital"])
def test_003_empty_tables(lines003, kind):
    t = only_table(block003(lines003, kind))
    assert t.empty and t.note.startswith("备注：本单位无")


@pytest.mark.parametrize("kind", ["income", "expenditure", "general_public_econ", "general_public_basic"])
def test_003_every_number_kept(lines003, kind):
    t = only_table(block003(lines003, kind))
    by_line = {ln.number: ln for ln in lines003}
    for row in t.rows:
        assert values_of(row) == sorted(printed_numbers(by_line[row.locator.line], "元")), row.key


def test_003_two_tables_under_one_title_are_split(lines003):
    """附件5-1 and 5-2 share their printed title: a block cut over both gives two tables."""
    parsed = parse(cut(lines003, 318, 366, "general_public", "元"))
    functional, economic = parsed.tables
    assert [r.code for r in functional.rows if r.code][:2] == ["2010301", "2010302"]
    assert all(r.code.startswith("3") for r in economic.rows if r.code)
    assert economic.locator.line == 339  # where its own header starts
    assert functional.row_by_item("total").values == economic.row_by_item("total").values


def test_002_item_rows_without_header(lines002):
    """表二 prints items, no codes and no header: every line is kept, by item."""
    t = only_table(cut(lines002, 153, 182, "income", "万元"))
    assert len(t.rows) == 22
    assert list(t.rows[0].values) == ["total"]  # only the one printed column
    # rows carry the income keys; a line detailing another names it (income_items)
    assert t.rows[0].item == "fiscal" and t.rows[0].values["total"] is None
    assert t.rows[1].values["total"] == wan("604.4")  # printed `604. 4`
    assert (t.rows[1].item, t.rows[1].texts["parent"]) == ("fiscal_general", "fiscal")
    assert (t.rows[2].item, t.rows[2].texts["parent"]) == (None, "fiscal_general")  # 1. 经费拨款（补助）
    # 本年收入合计 is printed twice: the year's total, and again on the 总计 line below 上年结余
    assert [r.item for r in t.rows if r.item in ("total", "grand_total")] == ["total", "grand_total"]
