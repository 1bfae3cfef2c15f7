"""项目支出表, tables of no contract type, and empty tables: made-up tables
written here as text and read by the real text reader, in two shapes."""

from __future__ import annotations

from decimal import Decimal

from cnbudget.ingest.text import read_text
from cnbudget.recognise.blocks import TableBlock

from .blocks_from_seeds import as_grid, only_table, seed_block, tabs_to_spaces, values_by_key, wan

PROJECTS = """单位：万元
项目名称\t合计\t一般公共预算\t政府性基金
合计\t150.00\t150.00\t
网络运维费\t100.00\t100.00\t
办公设备购置\t50.00\t50.00\t
"""


def _block(text: str, type_: str, title: str, unit: str | None = None) -> TableBlock:
    lines = read_text(text.encode("utf-8"), "made-up.txt").lines
    return TableBlock(type=type_, title=title, lines=lines, unit=unit)


def test_project_expenditure_rows_by_project() -> None:
    block = _block(PROJECTS, "project_expenditure", "项目支出表", unit="万元")
    t = only_table(block)
    assert [r.item for r in t.rows] == ["total", "网络运维费", "办公设备购置"]
    ops = t.rows[1]
    assert ops.values == {"amount": wan("100.00"), "extra:一般公共预算": wan("100.00"), "extra:政府性基金": None}
    assert sum(r.values["amount"] for r in t.rows[1:]) == t.rows[0].values["amount"] == wan("150")
    assert ops.locator is not None and ops.locator.line == 4
    assert values_by_key(only_table(as_grid(block))) == values_by_key(t)


def test_project_expenditure_space_split_keeps_amounts() -> None:
    block = _block(PROJECTS, "project_expenditure", "项目支出表", unit="万元")
    spaced = only_table(tabs_to_spaces(block))
    assert [(r.item, r.values["amount"]) for r in spaced.rows] == [
        ("total", wan("150")), ("网络运维费", wan("100")), ("办公设备购置", wan("50"))]


def test_other_keeps_every_row_and_its_printed_headers() -> None:
    text = """单位名称\t单位性质\t编制人数\t经费（万元）
市数据局\t行政\t37\t120.50
市信息中心\t事业\t17\t
"""
    t = only_table(_block(text, "other", "部门人员和经费情况", unit="万元"))
    assert t.type == "other" and t.title == "部门人员和经费情况"
    assert [r.name for r in t.rows] == ["市数据局", "市信息中心"]
    first, second = t.rows
    assert first.texts == {"extra:单位性质": "行政"}
    assert first.values == {"extra:编制人数": Decimal(37), "extra:经费(万元)": wan("120.50")}  # a count stays a count
    assert second.values == {"extra:编制人数": Decimal(17), "extra:经费(万元)": None}
    assert all(r.item is None and r.code is None for r in t.rows)


def test_other_without_a_printed_unit_keeps_numbers_as_printed() -> None:
    t = only_table(seed_block("004", 25, 40, "other", "部门机构设置情况", document_unit="万元"))
    (row,) = t.rows
    assert row.name == "中共廊坊市委网络安全和信息化委员会办公室"
    assert row.texts == {"extra:单位性质": "行政", "extra:单位规格": "正处级", "extra:经费保障形式": "财政拨款"}


def test_an_empty_table_keeps_its_note() -> None:
    text = """单位：万元
项目\t预算数
合计\t
因公出国（境）费\t
注：本单位无“三公”经费预算，空表列示。
"""
    t = only_table(_block(text, "three_public", "财政拨款“三公”经费支出表", unit="万元"))
    assert t.empty
    assert t.note == "注：本单位无“三公”经费预算，空表列示。"
    assert [r.item for r in t.rows] == ["total", "outbound"]
    assert all(r.values == {"amount": None} for r in t.rows)
    procurement = only_table(_block("单位：万元\n备注：本单位无政府采购预算。\n", "procurement", "政府采购预算表"))
    assert procurement.empty and procurement.rows == [] and procurement.note == "备注：本单位无政府采购预算。"
