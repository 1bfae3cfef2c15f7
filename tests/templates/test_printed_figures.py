"""How templates print a figure: negatives as -1.00, −1.00 (the minus sign U+2212),
(1.00), （1.00）, －1.00 or △1.00; zeros and empty cells as -, —, －, –, ——, 0.00, 0
or nothing. Each reads as the figure it prints (an empty mark as a cell printed
empty), and the document stays a success: nothing printed was lost."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from cnbudget.model import Status
from cnbudget.normalise.amounts import parse_amount
from templates.workbooks import by_code, only, read, wan, workbook


@pytest.mark.parametrize(("printed", "value"), [
    ("-1.00", Decimal("-1.00")), ("−1.00", Decimal("-1.00")), ("(1.00)", Decimal("-1.00")),
    ("（1.00）", Decimal("-1.00")), ("－1.00", Decimal("-1.00")), ("△1.00", Decimal("-1.00")),
    ("▲1,234.50", Decimal("-1234.50")), ("﹣2", Decimal("-2")),
    ("-", None), ("—", None), ("－", None), ("–", None), ("——", None), ("−", None), ("", None),
    ("0.00", Decimal("0.00")), ("0", Decimal("0")),
])
def test_printed_forms_of_a_figure(printed: str, value: Decimal | None) -> None:
    assert parse_amount(printed) == value


def test_a_balance_table_printing_every_form(tmp_path: Path) -> None:
    """A 一般公共预算财政拨款支出决算表 whose 项目支出 column prints a deficit refunded
    (negative) and whose empty cells print as the templates' marks."""
    header = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
    rows = [
        ["一般公共预算财政拨款支出决算表"], [None, None, None, None, "金额单位：万元"], header,
        [None, "合计", "−1.00", "2.00", "△3.00"],
        ["201", "一般公共服务支出", "(1.00)", "2.00", "-3.00"],
        ["20103", "政府办公厅（室）及相关机构事务", "－1.00", "2.00", "（3.00）"],
        ["2010301", "行政运行", "2.00", "2.00", "—"],
        ["2010302", "一般行政管理事务", "-3.00", "－", "-3.00"],
        ["2010350", "事业运行", "0.00", "–", "——"],
        ["208", "社会保障和就业支出", "0", "", None],
        ["20805", "行政事业单位养老支出", "0", "", None],
        ["2080505", "机关事业单位基本养老保险缴费支出", "0", "-", "-"],
    ]
    doc = read(workbook(tmp_path / "n.xlsx", ("05", rows)))
    assert doc.status is Status.SUCCESS, doc.problems
    keys = ("total", "basic", "project")
    expected = {
        "total": wan(-1, 2, -3), "201": wan(-1, 2, -3), "20103": wan(-1, 2, -3),
        "2010301": wan(2, 2, None), "2010302": wan(-3, None, -3), "2010350": wan(0, None, None),
        "208": wan(0, None, None), "20805": wan(0, None, None), "2080505": wan(0, None, None),
    }
    assert by_code(only(doc, "general_public")) == {
        code: dict(zip(keys, values, strict=True)) for code, values in expected.items()}
