"""续表: a table continued under a title of its own — 「…（续表）」, 「…(续)」 or
「续表」 alone, on the same sheet or the next, with its header printed again or
not. The pieces are one table, the 续表 line no row and no part of a name."""

from __future__ import annotations

from pathlib import Path

import pytest

from cnbudget.model import Status
from templates.workbooks import by_code, codes_and_names, read, wan, workbook

TITLE = "一般公共预算财政拨款支出决算表"
HEADER = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
FIRST = [[TITLE], [None, None, None, None, "单位：万元"], HEADER,
         [None, "合计", 100, 60, 40], ["201", "一般公共服务支出", 100, 60, 40],
         ["20103", "政府办公厅（室）及相关机构事务", 100, 60, 40]]
SECOND = [["2010301", "行政运行", 60, 60, None], ["2010350", "事业运行", 40, None, 40]]
KEYS = ("total", "basic", "project")
READ = {"total": wan(100, 60, 40), "201": wan(100, 60, 40), "20103": wan(100, 60, 40),
        "2010301": wan(60, 60, None), "2010350": wan(40, None, 40)}
NAMES = [("total", "合计"), ("201", "一般公共服务支出"), ("20103", "政府办公厅（室）及相关机构事务"),
         ("2010301", "行政运行"), ("2010350", "事业运行")]


@pytest.mark.parametrize("heading", [f"{TITLE}（续表）", f"{TITLE}(续)", "续表", "（续表）", "续表1"])
@pytest.mark.parametrize("header", [True, False], ids=["header-repeated", "no-header"])
@pytest.mark.parametrize("where", ["same-sheet", "next-sheet"])
def test_continued_table_is_one_table(tmp_path: Path, heading: str, header: bool, where: str) -> None:
    rest = [[heading], *([HEADER] if header else []), *SECOND]
    sheets = [("05", FIRST + rest)] if where == "same-sheet" else [("05", FIRST), ("05续", rest)]
    doc = read(workbook(tmp_path / "c.xlsx", *sheets))
    assert doc.status is Status.SUCCESS, doc.problems
    tables = [t for t in doc.tables if t.type == "general_public"]
    assert len(tables) == 1, [(t.type, t.title) for t in doc.tables]
    assert tables[0].unit == "万元"
    assert by_code(tables[0]) == {code: dict(zip(KEYS, v, strict=True)) for code, v in READ.items()}
    assert codes_and_names(tables[0]) == NAMES


def test_summary_continued_with_negatives(tmp_path: Path) -> None:
    """A 收支总表 cut by 续表 and its header printed again; its figures negative in
    every printed form (a department refunding more than it received)."""
    rows = [["收入支出决算总表"], [None, None, None, "单位：万元"], ["收入", None, "支出"], ["项目", "金额", "项目", "金额"],
            ["一、一般公共预算财政拨款收入", "(1.00)", "一、一般公共服务支出", "−1.00"],
            ["二、事业收入", "△2.00", "二、卫生健康支出", "-2.00"],
            ["续表"], ["项目", "金额", "项目", "金额"],
            ["本年收入合计", "-3.00", "本年支出合计", "-3.00"], ["年初结转和结余", "—", "年末结转和结余", "0.00"],
            ["总计", "-3.00", "总计", "-3.00"]]
    doc = read(workbook(tmp_path / "s.xlsx", ("01", rows)))
    assert doc.status is Status.SUCCESS, doc.problems
    (table,) = [t for t in doc.tables if t.type == "summary"]
    assert [(r.side, r.item, r.values["amount"]) for r in table.rows] == [
        ("income", "fiscal_general", wan(-1)[0]), ("expenditure", "func:201", wan(-1)[0]),
        ("income", "business", wan(-2)[0]), ("expenditure", "func:210", wan(-2)[0]),
        ("income", "income_total", wan(-3)[0]), ("expenditure", "expenditure_total", wan(-3)[0]),
        ("income", "carryover_begin", None), ("expenditure", "carryover_end", 0),
        ("income", "grand_total", wan(-3)[0]), ("expenditure", "grand_total", wan(-3)[0])]


def test_continued_title_carrying_its_unit(tmp_path: Path) -> None:
    rows = [[f"{TITLE}（单位：万元）"], HEADER, *FIRST[3:], [f"{TITLE}（续表）（单位：万元）"], HEADER, *SECOND]
    doc = read(workbook(tmp_path / "u.xlsx", ("05", rows)))
    assert doc.status is Status.SUCCESS, doc.problems
    (table,) = [t for t in doc.tables if t.type == "general_public"]
    assert table.unit == "万元"
    assert by_code(table) == {code: dict(zip(KEYS, v, strict=True)) for code, v in READ.items()}
