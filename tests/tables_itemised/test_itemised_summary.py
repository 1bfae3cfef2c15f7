"""收支总表 / 财政拨款收支总表 from the five seeds: every printed figure on its
side and item, in yuan, and the table's own arithmetic."""

from __future__ import annotations

from decimal import Decimal

from cnbudget.model import Row, Table

from .blocks_from_seeds import (
    as_grid,
    only_table,
    rows,
    seed_block,
    tabs_to_spaces,
    values_by_key,
    wan,
    with_page_break,
)

INCOME, EXPENDITURE = "income", "expenditure"


def _amount(table: Table, item: str, side: str) -> Decimal | None:
    found = rows(table, item, side)
    assert len(found) == 1, (item, side, found)
    return found[0].values["amount"]


def _main_income(table: Table) -> list[Row]:
    """Income items a 本年收入合计 adds up: the top-level ones before it."""
    out = []
    for row in table.rows:
        if row.side != INCOME:
            continue
        if row.item == "income_total":
            break
        if row.item is not None and row.item != "fiscal" and "parent" not in row.texts:
            out.append(row)
    return out


def test_000_summary_space_split() -> None:
    t = only_table(seed_block("000", 3, 77, "summary", "部门预算收支总表", unit="万元"))
    assert t.unit == "万元"
    assert _amount(t, "fiscal", INCOME) == wan("4097.11")
    assert _amount(t, "superior_subsidy", INCOME) is None  # printed empty
    assert _amount(t, "func:201", EXPENDITURE) == wan("3892.94")
    assert _amount(t, "func:208", EXPENDITURE) == wan("72.08")
    assert _amount(t, "func:210", EXPENDITURE) == wan("65.04")
    assert _amount(t, "func:221", EXPENDITURE) == wan("67.05")
    assert _amount(t, "func:223", EXPENDITURE) is None  # 国有资本经营预算支出 is a functional category
    assert _amount(t, "func:215", EXPENDITURE) is None
    assert _amount(t, "income_total", INCOME) == wan("4097.11")
    assert _amount(t, "expenditure_total", EXPENDITURE) == wan("4097.11")
    assert _amount(t, "grand_total", INCOME) == _amount(t, "grand_total", EXPENDITURE) == wan("4097.11")
    assert _amount(t, "use_of_reserves", INCOME) is None
    assert _amount(t, "surplus_distribution", EXPENDITURE) is None
    assert _amount(t, "carryover_begin", INCOME) is None
    assert _amount(t, "carryover_end", EXPENDITURE) is None
    categories = [r for r in t.rows if r.item and r.item.startswith("func:")]
    assert len(categories) == 29  # 一 … 二十九, each printed category kept, empty or not
    assert sum(r.values["amount"] or 0 for r in categories) == _amount(t, "expenditure_total", EXPENDITURE)
    sub = [r for r in t.rows if r.name and "财政专户收入" in r.name]
    assert len(sub) == 1 and sub[0].item is None and sub[0].texts["parent"] == "business"
    assert all(r.locator and r.locator.line for r in t.rows)
    assert rows(t, "func:201", EXPENDITURE)[0].locator.line == 12


def test_000_fiscal_summary_columns_by_source() -> None:
    t = only_table(seed_block("000", 234, 315, "fiscal_summary", "部门预算财政拨款收支总表", unit="万元"))
    assert _amount(t, "fiscal_general", INCOME) == wan("4097.11")
    assert _amount(t, "fiscal_fund", INCOME) is None
    row = rows(t, "func:201", EXPENDITURE)[0]
    assert row.values == {"amount": wan("3892.94"), "general": wan("3892.94"), "fund": None,
                          "state_capital": None}
    total = rows(t, "expenditure_total", EXPENDITURE)[0]
    assert total.values["amount"] == total.values["general"] == wan("4097.11")
    assert _amount(t, "carryover_begin", INCOME) is None
    assert rows(t, "grand_total", EXPENDITURE)[0].values["general"] == wan("4097.11")


def test_001_final_account_summary_with_row_numbers() -> None:
    t = only_table(seed_block("001", 83, 131, "summary", "收入支出决算总表", document_unit="万元"))
    assert t.unit == "万元"
    assert _amount(t, "fiscal_general", INCOME) == wan("37832.13")
    assert _amount(t, "income_total", INCOME) == wan("37832.13")
    assert _amount(t, "carryover_begin", INCOME) == wan("5.27")
    assert _amount(t, "use_of_reserves", INCOME) is None
    assert _amount(t, "expenditure_total", EXPENDITURE) == wan("37837.39")
    assert _amount(t, "func:215", EXPENDITURE) == wan("36305.52")
    funcs = [r.values["amount"] or 0 for r in t.rows if r.item and r.item.startswith("func:")]
    assert sum(funcs) == wan("37837.39")
    assert _amount(t, "grand_total", INCOME) == _amount(t, "grand_total", EXPENDITURE) == wan("37837.39")
    # 总计 = 本年收入合计 + 年初结转和结余, within the rounding of three printed figures
    gap = _amount(t, "income_total", INCOME) + _amount(t, "carryover_begin", INCOME) - _amount(t, "grand_total", INCOME)
    assert abs(gap) <= Decimal("0.015") * 10000
    # the 行次 column never lands in a value
    assert all(v is None or v > 1000 for r in t.rows for v in r.values.values())
    assert t.note == "注: 1.本表反映部门本年度的总收支和年末结转结余情况。\n2.本套报表金额转换时可能存在尾数误差。"
    assert not any("尾数" in (r.name or "") for r in t.rows)  # the note's second line is not a row


def test_001_fiscal_summary_wrapped_row_and_carryover_detail() -> None:
    t = only_table(seed_block("001", 214, 262, "fiscal_summary", "财政拨款收入支出决算总表", document_unit="万元"))
    row = rows(t, "func:215", EXPENDITURE)[0]
    # printed over two lines: 十四、资源勘探工业信息 | 36,30 / 等支出 | 5.52
    assert row.name == "十四、资源勘探工业信息等支出"
    assert row.values["amount"] == row.values["general"] == wan("36305.52")
    assert rows(t, "func:208", EXPENDITURE)[0].values["amount"] == wan("123.50")
    assert _amount(t, "fiscal_general", INCOME) == wan("37832.13")  # printed 37,83 2.13
    detail = [r for r in t.rows if r.texts.get("parent") == "carryover_begin"]
    assert [r.values["amount"] for r in detail] == [wan("5.27"), None, None]
    assert detail[-1].name == "三、国有资本经营预算财政拨款"  # wrapped onto a second line
    assert _amount(t, "carryover_begin", INCOME) == wan("5.27")
    total = rows(t, "expenditure_total", EXPENDITURE)[0]
    assert total.values["amount"] == total.values["general"] == wan("37837.39")
    assert total.values["fund"] is None


def test_002_three_panels_repeat_totals_per_expenditure_column() -> None:
    t = only_table(seed_block("002", 119, 151, "summary", "收支预算总表", unit="万元"))
    econ = [r for r in t.rows if r.item and r.item.startswith("econ:")]
    func = [r for r in t.rows if r.item and r.item.startswith("func:")]
    assert {r.item: r.values["amount"] for r in econ if r.values["amount"]} == {
        "econ:301": wan("184.8"), "econ:302": wan("417.1"), "econ:310": wan("2.5")}
    assert sum(r.values["amount"] or 0 for r in econ) == wan("604.4")
    assert sum(r.values["amount"] or 0 for r in func) == wan("604.4")
    assert {r.item: r.values["amount"] for r in func if r.values["amount"]} == {
        "func:201": wan("143.6"), "func:208": wan("16.4"), "func:210": wan("23.1"),
        "func:215": wan("397.0"), "func:221": wan("24.3")}
    # 其他支出 is 399 in the economic panel, 229 in the functional one
    assert any(r.item == "econ:399" for r in econ) and any(r.item == "func:229" for r in func)
    for item in ("expenditure_total", "carryover_end", "grand_total"):
        assert len(rows(t, item, EXPENDITURE)) == 2, item
    assert [r.values["amount"] for r in rows(t, "expenditure_total", EXPENDITURE)] == [wan("604.4")] * 2
    assert _amount(t, "fiscal", INCOME) == wan("604.4")
    assert _amount(t, "fiscal_general", INCOME) == wan("604.4")
    assert _amount(t, "income_total", INCOME) == wan("604.4")  # printed 604. 4
    assert _amount(t, "grand_total", INCOME) == wan("604.4")  # printed as a second 本年收入合计
    detail = [r for r in t.rows if r.side == INCOME and r.texts.get("parent") == "fiscal_general"]
    assert [r.name for r in detail][:1] == ["1.经费拨款（补助）"] and len(detail) == 4
    assert [r.texts.get("parent") for r in t.rows if r.name == "其他结余（转）"] == ["carryover_begin"]


def test_002_fiscal_summary_two_expenditure_panels() -> None:
    t = only_table(seed_block("002", 204, 232, "fiscal_summary", "财政拨款收支预算总表", unit="万元"))
    ends = rows(t, "carryover_end", EXPENDITURE)
    assert [r.values["amount"] for r in ends] == [Decimal(0), None]  # 0.0 printed only in the economic column
    assert [r.values["amount"] for r in rows(t, "grand_total", EXPENDITURE)] == [wan("604.4")] * 2
    assert _amount(t, "func:215", EXPENDITURE) == wan("397")
    assert _amount(t, "grand_total", INCOME) == wan("604.4")


def test_003_summary_in_yuan_with_breakdowns() -> None:
    t = only_table(seed_block("003", 245, 260, "summary", "郑州市大数据管理局部门收支总体情况表"))
    assert t.unit == "元"
    assert _amount(t, "fiscal_general", INCOME) == Decimal(96534608)
    assert _amount(t, "income_total", INCOME) == Decimal(96534608)
    assert _amount(t, "special_account", INCOME) is None
    sub = [r for r in t.rows if r.side == INCOME and r.texts.get("parent") == "fiscal_general"]
    assert [r.name for r in sub] == ["1、财政拨款", "2、专项收入", "3、行政事业性收费收入",
                                     "4、国有资源资产有偿使用收入", "5、其他一般公共预算收入"]
    assert sub[0].item is None and sub[0].values["amount"] == Decimal(96534608)
    basic, project = _amount(t, "basic", EXPENDITURE), _amount(t, "project", EXPENDITURE)
    assert basic == Decimal(6264308) and project == Decimal(90270300)
    assert basic + project == _amount(t, "expenditure_total", EXPENDITURE)
    econ = [r for r in t.rows if r.item and r.item.startswith("econ:")]
    assert {r.item for r in econ} == {"econ:301", "econ:302", "econ:303", "econ:310"}
    assert all(r.texts["parent"] == "basic" for r in econ)
    assert sum(r.values["amount"] or 0 for r in econ) == basic
    projects = [r for r in t.rows if r.texts.get("parent") == "project"]
    assert sum(r.values["amount"] or 0 for r in projects) == project
    assert sum(r.values["amount"] or 0 for r in _main_income(t)) == _amount(t, "income_total", INCOME)


def test_003_fiscal_summary() -> None:
    t = only_table(seed_block("003", 300, 314, "fiscal_summary", "郑州市大数据管理局财政拨款收支总体情况表"))
    assert _amount(t, "income_total", INCOME) == _amount(t, "expenditure_total", EXPENDITURE) == Decimal(96534608)
    assert rows(t, "basic", EXPENDITURE)[0].values == {"amount": Decimal(6264308)}


# ---- the same tables as other tools print them -------------------------------------------------


def test_001_summary_as_grid_and_as_space_split_text() -> None:
    block = seed_block("001", 83, 131, "summary", "收入支出决算总表", document_unit="万元")
    expected = values_by_key(only_table(block))
    assert values_by_key(only_table(as_grid(block))) == expected
    assert values_by_key(only_table(tabs_to_spaces(block))) == expected


def test_002_three_panels_as_grid() -> None:
    block = seed_block("002", 119, 151, "summary", "收支预算总表", unit="万元")
    assert values_by_key(only_table(as_grid(block))) == values_by_key(only_table(block))


def test_003_summary_as_space_split_text() -> None:
    block = seed_block("003", 245, 260, "summary", "部门收支总体情况表")
    expected = values_by_key(only_table(block))
    assert values_by_key(only_table(tabs_to_spaces(block))) == expected
    assert values_by_key(only_table(as_grid(block))) == expected


def test_page_furniture_inside_the_body_changes_nothing() -> None:
    block = seed_block("000", 3, 77, "summary", "部门预算收支总表", unit="万元")
    expected = values_by_key(only_table(block))
    assert values_by_key(only_table(with_page_break(block, 20))) == expected
    block = seed_block("001", 214, 262, "fiscal_summary", "财政拨款收入支出决算总表", document_unit="万元")
    assert values_by_key(only_table(with_page_break(block, 15))) == values_by_key(only_table(block))
