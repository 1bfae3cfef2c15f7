"""The unit line where templates print it: top right of the header (单位：万元,
金额单位：元), inside the title (…决算表（单位：万元）), or under the table. Each
table's figures are converted by its own unit, whatever the others print."""

from __future__ import annotations

from pathlib import Path

from cnbudget.model import Status
from templates.workbooks import by_code, only, read, workbook

HEADER = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
ITEMS = [("2010301", "行政运行"), ("2010302", "一般行政管理事务"), ("2010303", "机关服务"),
         ("2010304", "专项服务"), ("2010305", "专项业务活动"), ("2010308", "信访事务"),
         ("2010350", "事业运行"), ("2010399", "其他政府办公厅（室）及相关机构事务支出")]


def _coded(title: str, unit_above: str | None, unit_below: str | None) -> list[list[object]]:
    """A long 功能分类 table (its end far from its head) printing 8 × 10 = 80."""
    return [[title], *([[None, None, None, None, unit_above]] if unit_above else []), HEADER,
            [None, "合计", 80, 80, None], ["201", "一般公共服务支出", 80, 80, None],
            ["20103", "政府办公厅（室）及相关机构事务", 80, 80, None],
            *[[code, name, 10, 10, None] for code, name in ITEMS],
            *([[unit_below]] if unit_below else []), ["注：本表金额保留两位小数。"]]


def test_each_table_read_in_the_unit_printed_for_it(tmp_path: Path) -> None:
    doc = read(workbook(
        tmp_path / "u.xlsx",
        ("03", _coded("支出决算表（金额单位：元）", None, None)),
        ("05", _coded("一般公共预算财政拨款支出决算表", None, "单位：万元")),
        ("06", _coded("国有资本经营预算财政拨款支出决算表", "金额单位：元", None)),
        ("07", _coded("政府性基金预算财政拨款收入支出决算表（单位：万元）", None, None)),
    ))
    assert doc.status is Status.SUCCESS, doc.problems
    for table_type, unit, factor in (("expenditure", "元", 1), ("general_public", "万元", 10000),
                                     ("state_capital", "元", 1), ("gov_fund", "万元", 10000)):
        table = only(doc, table_type)
        assert table.unit == unit, table.title
        got = by_code(table)
        assert got["total"]["total"] == 80 * factor and got["2010399"]["basic"] == 10 * factor, table.title
        assert got["2010399"]["project"] is None


def test_a_column_of_codes_in_a_table_of_no_type_is_text(tmp_path: Path) -> None:
    """A table the contract has no type for (部门机构人员情况表) keeps its 科目编码 as
    printed text, never as an amount in 元 (2010301 万元 read as 20,103,010,000 元)."""
    rows = [["部门机构人员情况表"], [None, None, None, "单位：万元"], ["科目编码", "科目名称", "金额", "人数"],
            ["2010301", "行政运行", 12.5, 3], ["2010302", "一般行政管理事务", 7.5, 2]]
    doc = read(workbook(tmp_path / "o.xlsx", ("x", rows), ("05", _coded("一般公共预算财政拨款支出决算表", "单位：万元", None))))
    assert doc.status is Status.SUCCESS, doc.problems
    table = only(doc, "other")
    assert [(r.name, r.texts, r.values) for r in table.rows] == [
        ("行政运行", {"extra:科目编码": "2010301"}, {"extra:金额": 125000, "extra:人数": 3}),
        ("一般行政管理事务", {"extra:科目编码": "2010302"}, {"extra:金额": 75000, "extra:人数": 2}),
    ]


def test_unit_in_the_last_cell_of_the_header(tmp_path: Path) -> None:
    """单位：万元 printed in the header's top row, above the 项目支出 label of the row below:
    the header stays the header (the line is no page head to pass over)."""
    rows = [["一般公共预算财政拨款支出决算表"], ["科目编码", "科目名称", "合计", "基本支出", "单位：万元"],
            [None, None, None, None, "项目支出"], [None, "合计", 100, 60, 40], ["201", "一般公共服务支出", 100, 60, 40]]
    doc = read(workbook(tmp_path / "h.xlsx", ("05", rows)))
    assert doc.status is Status.SUCCESS, doc.problems
    table = only(doc, "general_public")
    assert table.unit == "万元"
    assert by_code(table) == dict.fromkeys(("total", "201"), {"total": 1000000, "basic": 600000, "project": 400000})


def test_a_column_of_counts_beside_the_amounts_is_not_converted(tmp_path: Path) -> None:
    """A 支出 table printing 人数 beside its amounts: the amounts in 元 by the unit, the
    counts as printed, and the counts no part of the 合计."""
    rows = [["支出决算表"], [None, None, None, None, "单位：万元"], ["科目编码", "科目名称", "合计", "基本支出", "人数"],
            [None, "合计", 20, 20, 5], ["201", "一般公共服务支出", 20, 20, 5],
            ["20103", "政府办公厅（室）及相关机构事务", 20, 20, 5], ["2010301", "行政运行", 12.5, 12.5, 3],
            ["2010302", "一般行政管理事务", 7.5, 7.5, 2]]
    doc = read(workbook(tmp_path / "p.xlsx", ("03", rows)))
    assert doc.status is Status.SUCCESS, doc.problems
    got = by_code(only(doc, "expenditure"))
    assert got["2010301"] == {"total": 125000, "basic": 125000, "extra:人数": 3}
    assert got["total"] == {"total": 200000, "basic": 200000, "extra:人数": 5}
