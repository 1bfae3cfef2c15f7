"""“三公”经费表 and 固定资产占用情况表 from the seeds, in every layout printed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cnbudget.ingest.text import read_text
from cnbudget.model import Table
from cnbudget.recognise.blocks import TableBlock

from .blocks_from_seeds import (
    Variant,
    as_grid,
    joined_rows,
    one_cell_per_line,
    only_table,
    seed_block,
    tabs_to_spaces,
    values_by_key,
    wan,
    with_page_break,
)


def _by_item(table: Table, key: str = "amount") -> dict[str | None, Decimal | None]:
    out = {}
    for row in table.rows:
        assert row.item not in out, f"{row.item} twice"
        out[row.item] = row.values[key]
    return out


def _sums_hold(v: dict[str | None, Decimal | None]) -> None:
    z = Decimal(0)
    assert v["total"] == (v["outbound"] or z) + (v["vehicle"] or z) + (v["reception"] or z)
    assert (v["vehicle"] or z) == (v["vehicle_purchase"] or z) + (v["vehicle_operation"] or z)


def test_000_vertical_by_source_of_funds() -> None:
    t = only_table(seed_block("000", 507, 539, "three_public", "部门预算财政拨款“三公”经费支出表", unit="万元"))
    v = _by_item(t)
    assert v == {"total": wan("6.58"), "outbound": None, "vehicle": wan("5.80"), "vehicle_purchase": None,
                 "vehicle_operation": wan("5.80"), "reception": wan("0.78")}
    _sums_hold(v)
    total = next(r for r in t.rows if r.item == "total")
    assert total.name == "“三公”经费小计"
    assert total.values["extra:一般公共预算财政拨款"] == wan("6.58")
    assert total.values["extra:政府性基金财政拨款"] is None


def test_001_horizontal_budget_and_final() -> None:
    block = seed_block("001", 393, 409, "three_public", "财政拨款“三公”经费支出决算表", document_unit="万元")
    t = only_table(block)
    budget, final = _by_item(t, "budget"), _by_item(t, "final")
    assert budget["total"] == wan("3.01") and final["total"] == wan("2.80")
    assert budget["vehicle_operation"] == wan("2.90") and final["vehicle_operation"] == wan("2.69")
    assert budget["reception"] == final["reception"] == wan("0.11")
    assert budget["outbound"] is None and final["vehicle_purchase"] is None
    _sums_hold(budget)
    _sums_hold(final)
    assert all(r.locator.line == 406 for r in t.rows)


@pytest.mark.parametrize("variant", [as_grid, tabs_to_spaces, joined_rows])
def test_001_horizontal_in_other_shapes(variant: Variant) -> None:
    block = seed_block("001", 393, 409, "three_public", "财政拨款“三公”经费支出决算表", document_unit="万元")
    # tabs as spaces loses the empty cells: the values are put back by the table's sums
    assert values_by_key(only_table(variant(block))) == values_by_key(only_table(block))


def test_002_items_in_another_order() -> None:
    t = only_table(seed_block("002", 321, 331, "three_public", "财政拨款“三公”经费支出表", unit="万元"))
    v = _by_item(t)
    assert v["total"] == v["reception"] == wan("0.8")
    assert v["vehicle"] is None and v["vehicle_operation"] is None
    _sums_hold(v)


def test_003_in_yuan() -> None:
    block = seed_block("003", 401, 412, "three_public", "一般公共预算“三公”经费支出情况表")
    t = only_table(block)
    v = _by_item(t)
    assert v == {"total": Decimal(15000), "outbound": None, "reception": None, "vehicle": Decimal(15000),
                 "vehicle_operation": Decimal(15000), "vehicle_purchase": None}
    assert t.note and "三公" in t.note
    for variant in (as_grid, tabs_to_spaces, one_cell_per_line):
        assert values_by_key(only_table(variant(block))) == values_by_key(t)


def test_000_assets() -> None:
    t = only_table(seed_block("000", 1720, 1734, "assets", "石家庄市数据资源管理局固定资产占用情况表"))
    assert t.unit == "万元"  # printed in the value column's header
    v = _by_item(t, "value")
    q = _by_item(t, "quantity")
    assert v["total"] == wan("127.39") and q["total"] is None  # ——
    assert v["other_fixed_assets"] == wan("127.39")
    assert q["buildings"] == Decimal(0) and q["vehicles"] == Decimal(0)
    assert v["total"] == v["buildings"] + v["vehicles"] + v["equipment_large"] + v["other_fixed_assets"]
    assert list(v) == ["total", "buildings", "office_space", "vehicles", "equipment_large", "other_fixed_assets"]


def test_004_assets_cell_per_line() -> None:
    block = seed_block("004", 1518, 1549, "assets", "廊坊市市直部门固定资产占用情况表")
    t = only_table(block)
    v, q = _by_item(t, "value"), _by_item(t, "quantity")
    assert v["total"] == wan("135.8")
    assert v["vehicles"] == wan("17.28") and q["vehicles"] == Decimal(1)
    assert v["other_fixed_assets"] == wan("118.52") and q["other_fixed_assets"] == Decimal(49)
    assert v["buildings"] is None and q["office_space"] is None
    assert v["total"] == v["vehicles"] + v["other_fixed_assets"]
    for variant in (joined_rows, as_grid, tabs_to_spaces):
        assert values_by_key(only_table(variant(block))) == values_by_key(t)
    assert values_by_key(only_table(with_page_break(block, 3))) == values_by_key(t)


def test_final_account_items_down_the_side() -> None:
    text = """金额单位：万元
项目\t预算数\t决算数
合计\t3.01\t2.80
1.因公出国（境）费\t\t
2.公务用车购置及运行维护费\t2.90\t2.69
（1）公务用车购置费\t\t
（2）公务用车运行维护费\t2.90\t2.69
3.公务接待费\t0.11\t0.11
"""
    lines = read_text(text.encode("utf-8"), "made-up.txt").lines
    t = only_table(TableBlock(type="three_public", title="“三公”经费支出决算表", lines=lines))
    assert t.unit == "万元"
    budget, final = _by_item(t, "budget"), _by_item(t, "final")
    assert budget == {"total": wan("3.01"), "outbound": None, "vehicle": wan("2.90"), "vehicle_purchase": None,
                      "vehicle_operation": wan("2.90"), "reception": wan("0.11")}
    assert final["total"] == wan("2.80") and final["vehicle_operation"] == wan("2.69")
    _sums_hold(budget)
    _sums_hold(final)
