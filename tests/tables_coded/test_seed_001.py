"""Seed 001 (石家庄市数据局 2024 决算): layout text with tabs, stray OCR junk lines,
numbers split inside cells (`37,83 2.13`), a header whose cells hold several
labels, and the three-panel 公开06表."""

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

SLACK = Decimal(50) * 8
BLOCKS = {
    "income": (133, 172),
    "expenditure": (173, 211),
    "general_public": (264, 304),
    "general_public_basic": (305, 356),
    "gov_fund": (357, 373),
    "state_capital": (374, 390),
}


@pytest.fixture(scope="module")
def lines():
    return seed_lines(seed("001"))


def block(lines, kind):
    first, end = BLOCKS[kind]
    return cut(lines, first, end, kind, "万元")


def test_expenditure_anchor(lines):
    t = only_table(block(lines, "expenditure"))
    total = t.row_by_item("total")
    assert total.values["total"] == wan("37,837.39") == wan("1,239.45") + wan("36,597.94")
    assert (total.values["basic"], total.values["project"]) == (wan("1,239.45"), wan("36,597.94"))
    assert t.row_by_code("2150516").values["project"] == wan("36,305.52")
    assert t.row_by_code("2150516").values["basic"] is None
    # a name wrapped inside its cell comes back whole
    assert t.row_by_code("2010399").name == "其他政府办公厅(室)及相关机构事务支出"
    assert t.note == "注: 本表反映部门本年度各项支出情况。"


@pytest.mark.parametrize("kind", ["expenditure", "general_public"])
def test_tables_add_up(lines, kind):
    t = only_table(block(lines, kind))
    assert row_sums_hold(t, "total", ("basic", "project"), SLACK) == []
    for column in ("total", "basic", "project"):
        assert hierarchy_holds(t, column, SLACK) == []


def test_general_public_header_with_labels_in_one_cell(lines):
    """`科目名称 小计 基本支出` printed in one cell: the labels are read in order."""
    t = only_table(block(lines, "general_public"))
    assert list(t.rows[0].values) == ["total", "basic", "project"]
    assert t.row_by_item("total").values["total"] == wan("37,837.39")


def test_income_columns(lines):
    t = only_table(block(lines, "income"))
    total = t.row_by_item("total")
    assert list(total.values) == ["total", "fiscal", "superior_subsidy", "business", "operating",
                                  "subsidiary_remittance", "other"]
    assert total.values["fiscal"] == wan("37,832.13")
    assert hierarchy_holds(t, "total", SLACK) == []


@pytest.mark.parametrize("kind", ["income", "expenditure", "general_public"])
def test_every_printed_number_is_kept(lines, kind):
    t = only_table(block(lines, kind))
    by_line = {ln.number: ln for ln in lines}
    for row in t.rows:
        assert values_of(row) == sorted(printed_numbers(by_line[row.locator.line], "万元")), row.key


@pytest.mark.parametrize("kind", ["gov_fund", "state_capital"])
def test_empty_tables(lines, kind):
    t = only_table(block(lines, kind))
    assert t.empty and t.rows == []
    assert "空表列示" in t.note


def test_no_problems_on_tab_tables(lines):
    for kind in ("income", "expenditure", "general_public"):
        assert parse(block(lines, kind)).problems == []
