"""Tables that print their unit in the column headers (合计（万元）, 金额(元)) and
no unit line: the unit is the table's, and the labels read without it. Before,
合计（万元） split into two columns, shifted every figure one column and read
万元 figures as 元, with the document a success."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from cnbudget.model import Status
from cnbudget.normalise.printed import header_unit
from cnbudget.pipeline import extract


@pytest.mark.parametrize(("printed", "label", "unit"), [
    ("合计（万元）", "合计", "万元"), ("基本支出(万元)", "基本支出", "万元"), ("金额（元）", "金额", "元"),
    ("预算数〔单位：千元〕", "预算数", "千元"), ("合计", "合计", None),
    ("购置设备（10万元以下）", "购置设备（10万元以下）", None),
])
def test_header_unit(printed: str, label: str, unit: str | None) -> None:
    assert header_unit(printed) == (label, unit)


def _workbook(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def test_an_expenditure_table_with_units_in_its_headers(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "t.xlsx", [
        ["示例市示例局2024年部门支出总表"],
        ["科目编码", "科目名称", "合计（万元）", "基本支出（万元）", "项目支出（万元）"],
        ["201", "一般公共服务支出", 10.5, 6, 4.5],
        ["20101", "人大事务", 10.5, 6, 4.5],
        ["2010101", "行政运行", 10.5, 6, 4.5],
        ["", "合计", 10.5, 6, 4.5],
    ])
    doc = extract(path, audit=False, disclosures_only=False)
    [table] = doc.tables
    assert table.unit == "万元"
    row = table.row_by_code("2010101")
    assert row is not None and row.values == {"total": Decimal(105000), "basic": Decimal(60000),
                                              "project": Decimal(45000)}
    assert doc.status is Status.SUCCESS, doc.problems


def test_a_unit_line_wins_over_the_headers_and_a_summary_reads_its_amounts(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "s.xlsx", [
        ["示例市示例局2024年部门收支总表"],
        ["单位：元"],
        ["收入项目", "金额（元）", "支出项目", "金额（元）"],
        ["一、一般公共预算拨款收入", 1200, "一、一般公共服务支出", 1200],
        ["收入总计", 1200, "支出总计", 1200],
    ])
    doc = extract(path, audit=False, disclosures_only=False)
    [table] = doc.tables
    assert (table.type, table.unit) == ("summary", "元")
    amounts = {(r.side, r.item): r.values.get("amount") for r in table.rows}
    assert amounts[("income", "fiscal_general")] == Decimal(1200), amounts
    assert doc.status is Status.SUCCESS, doc.problems
