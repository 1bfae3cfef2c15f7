"""Seed 000 (石家庄市数据资源管理局 2020 预算): pdfminer text, cells split on single
spaces, empty cells lost, a leading 序号, headers wrapped over many lines."""

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
)

SLACK = Decimal(50) * 8  # half a 0.01 万元 per figure, for up to 8 figures

# (type, title line, end line) found by reading the seed
BLOCKS = {
    "income": (80, 160),
    "expenditure": (161, 231),
    "general_public": (318, 374),
    "general_public_basic": (375, 448),
    "gov_fund": (449, 475),
    "state_capital": (476, 505),
}


@pytest.fixture(scope="module")
def lines():
    return seed_lines(seed("000"))


def table(lines, kind):
    first, end = BLOCKS[kind]
    return only_table(cut(lines, first, end, kind, "万元"))


def test_expenditure_anchor_and_columns(lines):
    t = table(lines, "expenditure")
    assert t.unit == "万元" and not t.empty
    total = t.row_by_item("total")
    assert total.code is None
    assert total.values["total"] == wan("4097.11") == wan("973.63") + wan("3123.48")
    assert total.values["basic"] == wan("973.63")
    assert total.values["project"] == wan("3123.48")
    # every printed column is a key; the three printed empty are null
    assert list(total.values) == ["total", "basic", "project", "remit_superior", "operating",
                                  "subsidy_subsidiary"]
    assert total.values["remit_superior"] is None
    # 2010302 prints two equal amounts: the hierarchy says the second is 项目支出
    row = t.row_by_code("2010302")
    assert row.name == "一般行政管理事务"
    assert row.values["basic"] is None and row.values["project"] == wan("2116.08")
    assert t.row_by_code("2010301").values["basic"] == wan("389.50")
    assert t.row_by_code("2010350").values == {
        "total": wan("1387.36"), "basic": wan("379.96"), "project": wan("1007.40"),
        "remit_superior": None, "operating": None, "subsidy_subsidiary": None}


@pytest.mark.parametrize("kind", ["expenditure", "general_public"])
def test_expenditure_tables_add_up(lines, kind):
    t = table(lines, kind)
    assert row_sums_hold(t, "total", ("basic", "project"), SLACK) == []
    for column in ("total", "basic", "project"):
        assert hierarchy_holds(t, column, SLACK) == []
    assert len([r for r in t.rows if r.code]) == 20


def test_general_public_basic_personnel_public(lines):
    t = table(lines, "general_public_basic")
    total = t.row_by_item("total")
    assert total.values == {"total": wan("973.63"), "personnel": wan("872.36"), "public": wan("101.27")}
    assert t.row_by_code("302").values["public"] == wan("101.27")
    assert t.row_by_code("302").values["personnel"] is None
    assert t.row_by_code("301").values["personnel"] == wan("690.98")
    assert t.row_by_code("30399").values["personnel"] == wan("178.2")
    assert row_sums_hold(t, "total", ("personnel", "public"), SLACK) == []
    for column in ("total", "personnel", "public"):
        assert hierarchy_holds(t, column, SLACK) == []


def test_income_columns_from_wrapped_header(lines):
    t = table(lines, "income")
    total = t.row_by_item("total")
    # 本年收入合计 | 财政拨款收入 | 上级补助收入 | 事业收入(小计, 其中：财政专户收入) | 经营收入 | …
    assert list(total.values) == ["total", "fiscal", "superior_subsidy", "business",
                                  "extra:其中：财政专户收入", "operating",
                                  "subsidiary_remittance", "other"]
    assert total.values["total"] == total.values["fiscal"] == wan("4097.11")
    assert t.row_by_code("2101103").values["fiscal"] == wan("32.81")
    assert hierarchy_holds(t, "fiscal", SLACK) == []


@pytest.mark.parametrize("kind", ["income", "expenditure", "general_public", "general_public_basic"])
def test_every_printed_number_is_kept(lines, kind):
    """Each row holds exactly the amounts printed on its line (序号 and code excluded)."""
    t = table(lines, kind)
    by_line = {ln.number: ln for ln in lines}
    for row in t.rows:
        printed = printed_numbers(by_line[row.locator.line], "万元")
        assert values_of(row) == sorted(printed), row.key


@pytest.mark.parametrize("kind,note", [
    ("gov_fund", "注：无政府基金预算，空表列示。"),
    ("state_capital", "注：无国有资本经营预算，空表列示。"),
])
def test_empty_tables_keep_their_note(lines, kind, note):
    t = table(lines, kind)
    assert t.empty and t.rows == [] and t.note == note


def test_no_problem_but_the_total_rows_placement(lines):
    """Space-split rows are placed by the sums; only the 合计 rows' order is assumed."""
    first, end = BLOCKS["expenditure"]
    problems = parse(cut(lines, first, end, "expenditure", "万元")).problems
    assert len(problems) == 1 and dict(problems[0].params)["row"] == "total"
