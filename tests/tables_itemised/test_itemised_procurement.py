"""政府采购预算表 from seeds 000 (space-split, cells wrapped over lines, a
header repeated on every page), 003 (by position, in 元) and 004 (one cell
per line): one row per printed line, the lines adding up to 合计."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cnbudget.model import Row, Table

from .blocks_from_seeds import (
    Variant,
    as_grid,
    joined_rows,
    only_table,
    parse,
    seed_block,
    tabs_to_spaces,
    values_by_key,
    wan,
    with_page_break,
)


def _lines(table: Table) -> list[Row]:
    return [r for r in table.rows if r.item is None]


def _total(table: Table) -> Row:
    (row,) = [r for r in table.rows if r.item == "total"]
    return row


def _price_times_quantity_holds(table: Table) -> None:
    for row in _lines(table):
        q, p, a = (row.values.get(k) for k in ("quantity", "unit_price", "amount"))
        if q is not None and p is not None:
            assert q * p == a, (row.name, q, p, a)


def test_000_lines_sum_to_the_total() -> None:
    parsed = parse(seed_block("000", 1371, 1710, "procurement", "部门政府采购预算", unit="万元"))
    (t,) = parsed.tables
    lines = _lines(t)
    assert len(lines) == 41
    assert sum(r.values["amount"] for r in lines) == wan("2996.58") == _total(t).values["amount"]
    subtotals = [r for r in t.rows if r.item == "subtotal"]
    assert [r.values["amount"] for r in subtotals] == [wan("2038.98"), wan("957.60")]
    assert sum(r.values["amount"] for r in subtotals) == _total(t).values["amount"]
    assert subtotals[1].name == "石家庄市电子政务中心小计"  # wrapped over two lines
    _price_times_quantity_holds(t)
    assert not parsed.problems


def test_000_wrapped_cells_and_catalogue_codes() -> None:
    t = only_table(seed_block("000", 1371, 1710, "procurement", "部门政府采购预算", unit="万元"))
    first = _lines(t)[0]
    assert first.texts == {"project": "购买智慧城市服务费", "item_name": "平台运营服务",
                           "catalog_code": "C020702", "measure": "年"}
    # unit price printed as 2000 / .00 on two lines
    assert first.values["unit_price"] == wan("2000.00") and first.values["quantity"] == Decimal("1.00")
    assert first.values["extra:预算资金"] == wan("2000.00")
    assert first.values["extra:一般公共预算拨款"] == wan("2000.00")
    chair = next(r for r in _lines(t) if r.texts.get("catalog_code") == "A060301")
    assert chair.texts["item_name"] == "金属骨架为主的椅凳类" and chair.texts["project"] == "办公设备购置"
    assert chair.values["amount"] == wan("0.20")
    lease = next(r for r in _lines(t) if r.texts.get("catalog_code") == "C0302")
    assert lease.values["unit_price"] == wan("564.60")  # printed 564. / 60
    # the header printed again on each page is not taken for a line
    assert all("项目名称" not in r.texts.get("project", "") for r in _lines(t))
    assert all(r.locator is not None for r in t.rows)


def test_004_one_cell_per_line() -> None:
    block = seed_block("004", 1272, 1504, "procurement", "部门政府采购预算")
    parsed = parse(block)
    (t,) = parsed.tables
    assert t.unit == "万元"  # from the line 中共廊坊市委… | 单位：万元
    lines = _lines(t)
    assert len(lines) == 13
    assert sum(r.values["amount"] for r in lines) == wan("1233.8") == _total(t).values["amount"]
    assert _total(t).name == "合　计"
    _price_times_quantity_holds(t)
    rent = next(r for r in lines if r.texts["catalog_code"] == "C0401")
    assert rent.values["quantity"] == Decimal(3) and rent.values["unit_price"] == wan("21")
    assert rent.values["amount"] == wan("63") and rent.values["extra:一般公共预算拨款"] == wan("63")
    assert rent.values["extra:预算资金"] == wan("100")
    assert rent.texts["project"] == "网络舆情管理工作"


@pytest.mark.parametrize("variant", [joined_rows, tabs_to_spaces, as_grid])
def test_004_in_other_shapes(variant: Variant) -> None:
    block = seed_block("004", 1272, 1504, "procurement", "部门政府采购预算")
    assert values_by_key(only_table(variant(block))) == values_by_key(only_table(block))


def test_004_with_a_page_break_inside() -> None:
    block = seed_block("004", 1272, 1504, "procurement", "部门政府采购预算")
    assert values_by_key(only_table(with_page_break(block, 12))) == values_by_key(only_table(block))


def test_003_by_header_position_in_yuan() -> None:
    block = seed_block("003", 437, 455, "procurement", "郑州市大数据管理局政府采购预算表")
    t = only_table(block)
    assert t.unit == "元"
    lines = _lines(t)
    assert len(lines) == 10
    assert sum(r.values["amount"] for r in lines) == Decimal(85283300) == _total(t).values["amount"]
    assert sum(r.values["quantity"] for r in lines) == _total(t).values["quantity"] == Decimal(20)
    desk = lines[0]
    # 采购目录 is the 品目, 规格 the 品名; the 科目 columns (类 款 项) are the row's code
    assert desk.texts == {"extra:单位名称": "郑州市大数据管理局机关", "project": "办公设备购置",
                          "catalog_name": "办公家具", "item_name": "办公桌", "measure": "张"}
    assert desk.code == "2010301" and desk.name == "办公桌"
    assert "item_name" not in lines[1].texts and lines[1].texts["measure"] == "台"  # printed without either
    assert lines[6].code == "2010302" and lines[6].values["amount"] == Decimal(71609100)
    assert t.note and t.note.startswith("备注")
    assert values_by_key(only_table(as_grid(block))) == values_by_key(t)
