"""收入(预算)总表 printed as an item list, hand-made in every reader shape: the
江苏 two-level form (a group label merged down beside 小计 and its items) and a
one-level numbered list. One row per printed line, with its income key or
item null and the row it details as `parent`; every printed figure kept."""

from __future__ import annotations

import pytest

from cnbudget.model import Table
from cnbudget.recognise.blocks import TableBlock

from .blocks_from_seeds import wan
from .shapes import SHAPES, PrintedCell, printed_figures, read_checked, read_figures

TWO_LEVEL: list[list[PrintedCell]] = [
    [("项目名称", 2), "金额"],
    [("收入总计", 2), "1,050.00"],
    [("一般公共预算资金", 1, 3), "小计", "1,000.00"],
    ["公共财政拨款(补助)资金", "1,000.00"],
    ["专项收入", ""],
    ["政府性基金", "小计", ""],
    [("财政专户管理资金", 1, 2), "小计", "30.00"],
    ["其他非税收入", "30.00"],
    [("其他资金", 1, 4), "小计", "20.00"],
    ["事业收入", ""],
    ["经营收入", ""],
    ["其他收入", "20.00"],
    [("上年结转和结余资金", 1, 2), "小计", ""],
    ["其中：动用上年结转和结余资金", ""],
]

EXPECTED_TWO_LEVEL = [
    # (item, parent, name, total in 万元)
    ("total", None, "收入总计", "1050"),
    ("fiscal_general", None, "一般公共预算资金小计", "1000"),
    (None, "fiscal_general", "公共财政拨款(补助)资金", "1000"),
    (None, "fiscal_general", "专项收入", None),
    ("fiscal_fund", None, "政府性基金小计", None),
    ("special_account", None, "财政专户管理资金小计", "30"),
    (None, "special_account", "其他非税收入", "30"),
    ("other", None, "其他资金小计", "20"),
    (None, "other", "事业收入", None),
    (None, "other", "经营收入", None),
    (None, "other", "其他收入", "20"),
    ("carryover", None, "上年结转和结余资金小计", None),
    (None, "carryover", "其中：动用上年结转和结余资金", None),
]


def _read(block: TableBlock) -> Table:
    return read_checked(block)


def _rows(table: Table) -> list[tuple[str | None, str | None, str | None, str | None]]:
    return [(r.item, r.texts.get("parent"), r.name,
             None if r.values["total"] is None else format((r.values["total"] / 10000).normalize(), "f"))
            for r in table.rows]


@pytest.mark.parametrize("shape", list(SHAPES))
def test_two_level_item_list(shape: str) -> None:
    t = _read(SHAPES[shape]("收入预算总表", TWO_LEVEL, "income"))
    assert _rows(t) == [(i, p, n, v) for i, p, n, v in EXPECTED_TWO_LEVEL]
    assert read_figures(t) == printed_figures(TWO_LEVEL, 1)


def test_two_level_item_list_as_pdf_text_with_centred_group_labels() -> None:
    """pdftotext prints a merged group label on its group's middle line: beside
    an item, or on a line of its own between two."""
    text = "\n".join([
        "项目名称 金额", "收入总计 1,050.00",
        "小计 1,000.00", "一般公共预算资金 公共财政拨款(补助)资金 1,000.00", "专项收入",
        "政府性基金 小计",
        "小计 30.00", "财政专户管理资金", "其他非税收入 30.00",
        "小计 20.00", "事业收入", "其他资金", "经营收入", "其他收入 20.00",
        "小计", "上年结转和结余资金 其中：动用上年结转和结余资金",
    ]) + "\n"
    from cnbudget.ingest.text import read_text

    block = TableBlock("income", "收入预算总表", read_text(text.encode(), "x.txt").lines, unit="万元")
    assert _rows(_read(block)) == [(i, p, n, v) for i, p, n, v in EXPECTED_TWO_LEVEL]


ONE_LEVEL: list[list[PrintedCell]] = [
    ["项目", "合计"],
    ["一、财政拨款", "60.00"],
    ["（一）一般公共预算财政拨款", "60.00"],
    ["1.经费拨款", "60.00"],
    ["（二）政府性基金预算财政拨款", ""],
    ["二、事业收入", ""],
    ["三、上级补助收入", "5.00"],
    ["本年收入合计", "65.00"],
    ["四、上年结余", ""],
    ["收入总计", "65.00"],
]


@pytest.mark.parametrize("shape", list(SHAPES))
def test_one_level_numbered_list(shape: str) -> None:
    t = _read(SHAPES[shape]("收入预算总表", ONE_LEVEL, "income"))
    assert [(r.item, r.texts.get("parent")) for r in t.rows] == [
        ("fiscal", None), ("fiscal_general", "fiscal"), (None, "fiscal_general"), ("fiscal_fund", "fiscal"),
        ("business", None), ("superior_subsidy", None), ("total", None), ("carryover", None),
        ("grand_total", None)]
    assert t.rows[6].values == {"total": wan("65")}
    assert read_figures(t) == printed_figures(ONE_LEVEL, 1)


def test_a_coded_income_table_is_not_an_item_list() -> None:
    lines: list[list[PrintedCell]] = [
        ["科目编码", "科目名称", "合计", "财政拨款收入"],
        ["", "合计", "10.00", "10.00"],
        ["201", "一般公共服务支出", "10.00", "10.00"],
    ]
    t = _read(SHAPES["grid"]("收入预算总表", lines, "income"))
    assert [r.code for r in t.rows] == [None, "201"]
