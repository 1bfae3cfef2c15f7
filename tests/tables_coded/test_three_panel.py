"""Seed 001 公开06表: 人员经费 | 公用经费 | 公用经费 side by side."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.conftest import seed
from tests.tables_coded.seedblocks import cut, parse, seed_lines, tabs_to_spaces, text_variant, wan

FIRST, END = 305, 356


@pytest.fixture(scope="module")
def parsed():
    return parse(cut(seed_lines(seed("001")), FIRST, END, "general_public_basic", "万元"))


def _sum(rows, codes):
    return sum((r.values["total"] or Decimal(0) for r in rows if r.code in codes), Decimal(0))


def test_one_row_per_economic_code(parsed):
    t = parsed.tables[0]
    coded = [r for r in t.rows if r.code]
    assert all(list(r.values) == ["total"] for r in coded)
    assert len({r.code for r in coded}) == len(coded)  # each code once
    assert t.row_by_code("301").values["total"] == wan("1,107.56")  # printed `1,107.5 6`
    assert t.row_by_code("302").values["total"] == wan("110.40")
    assert t.row_by_code("30101").values["total"] == wan("295.22")  # printed `3010 1`
    assert t.row_by_code("30239").values["total"] == wan("36.76")
    assert t.row_by_code("31007").name == "信息网络及软件购置更新"
    assert t.row_by_code("30107").values["total"] is None  # printed empty


def test_codes_completed(parsed):
    t = parsed.tables[0]
    # `3010` before 津贴补贴: completed from the name
    assert t.row_by_code("30102").name == "津贴补贴"
    assert t.row_by_code("30102").values["total"] == wan("194.10")
    # `3011` with its last digit wrapped onto the line below
    assert t.row_by_code("30111").values["total"] == wan("32.46")
    assert t.row_by_code("30209").name == "物业管理费"
    assert t.row_by_code("30228").values["total"] == wan("9.99")
    # `3030` with no name, between 30308 and 30310: 30309, reported
    assert t.row_by_code("30309") is not None
    assert any(p.code == "code.completed" and dict(p.params)["code"] == "30309" for p in parsed.problems)


def test_categories_add_up(parsed):
    rows = parsed.tables[0].rows
    for head in ("301", "302", "303"):
        kids = {r.code for r in rows if r.code and len(r.code) == 5 and r.code.startswith(head)}
        # published figures are rounded per cell: half a 0.01 万元 per figure
        slack = Decimal(50) * (len(kids) + 1)
        assert abs(_sum(rows, {head}) - _sum(rows, kids)) <= slack, head


def test_total_line(parsed):
    t = parsed.tables[0]
    total = t.row_by_item("total")
    assert total.code is None and set(total.values) == {"personnel", "public"}
    assert total.values["public"] == wan("110.40")
    # the 人员经费合计 amount is not printed on the line: null, and said so
    assert total.values["personnel"] is None
    assert any(p.code == "table.total-missing" and dict(p.params)["column"] == "人员经费"
               for p in parsed.problems)
    # what it would be: 301 + 303 = 基本支出 1,239.45 − 公用经费 110.40 (公开05表)
    assert _sum(t.rows, {"301", "303"}) == wan("1,239.45") - wan("110.40")


def test_space_split_variant_gives_the_same_rows(parsed):
    path = seed("001")
    variant = parse(text_variant(path, FIRST, END, tabs_to_spaces, "general_public_basic", "万元"))
    original = {r.code: r.values for r in parsed.tables[0].rows if r.code}
    got = {r.code: r.values for r in variant.tables[0].rows if r.code}
    assert got == original
    assert variant.tables[0].row_by_item("total").values == parsed.tables[0].row_by_item("total").values
