"""The same template shapes printed as PDF (the text a PDF gives, no cells): a
table continued on the next page under 续表, the unit in the title, notes under
the table, negatives printed −1.00 and △1.00."""

from __future__ import annotations

from pathlib import Path

import pytest

from cnbudget.model import Status
from templates.pdfs import pdf
from templates.workbooks import by_code, codes_and_names, only, read, wan

TITLE = "一般公共预算财政拨款支出决算表"
HEADER = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
FIRST = [[None, "合计", "100.00", "60.00", "40.00"], ["201", "一般公共服务支出", "100.00", "60.00", "40.00"],
         ["20103", "政府办公厅（室）及相关机构事务", "100.00", "60.00", "40.00"]]
SECOND = [["2010301", "行政运行", "60.00", "60.00", None], ["2010350", "事业运行", "40.00", None, "40.00"]]
KEYS = ("total", "basic", "project")
READ = {"total": wan(100, 60, 40), "201": wan(100, 60, 40), "20103": wan(100, 60, 40),
        "2010301": wan(60, 60, None), "2010350": wan(40, None, 40)}


@pytest.mark.parametrize(("heading", "header"), [
    ("续表", True), (f"{TITLE}（续表）", True), (f"{TITLE}（续表）", False), ("续表", False)])
def test_pdf_table_continued_on_the_next_page(tmp_path: Path, heading: str, header: bool) -> None:
    doc = read(pdf(tmp_path / "c.pdf", [TITLE, "单位：万元", [HEADER, *FIRST]],
                   [heading, [*([HEADER] if header else []), *SECOND]]))
    assert doc.status is Status.SUCCESS, doc.problems
    table = only(doc, "general_public")
    assert table.unit == "万元"
    assert by_code(table) == {code: dict(zip(KEYS, v, strict=True)) for code, v in READ.items()}
    assert [code for code, _ in codes_and_names(table)] == list(READ)


def test_pdf_unit_in_the_title_notes_and_negatives(tmp_path: Path) -> None:
    rows = [HEADER, [None, "合计", "−1.00", "2.00", "△3.00"], ["201", "一般公共服务支出", "−1.00", "2.00", "△3.00"],
            ["20103", "政府办公厅（室）及相关机构事务", "−1.00", "2.00", "△3.00"],
            ["2010301", "行政运行", "2.00", "2.00", "-"], ["2010350", "事业运行", "-3.00", "—", "-3.00"]]
    doc = read(pdf(tmp_path / "n.pdf", [f"{TITLE}（金额单位：元）", rows, "注：项目支出为收回以前年度支出3.00元。"]))
    assert doc.status is Status.SUCCESS, doc.problems
    table = only(doc, "general_public")
    assert table.unit == "元" and table.note == "注：项目支出为收回以前年度支出3.00元。"
    one = wan(1)[0] / 10000
    assert by_code(table) == {
        "total": {"total": -one, "basic": 2 * one, "project": -3 * one},
        "201": {"total": -one, "basic": 2 * one, "project": -3 * one},
        "20103": {"total": -one, "basic": 2 * one, "project": -3 * one},
        "2010301": {"total": 2 * one, "basic": 2 * one, "project": None},
        "2010350": {"total": -3 * one, "basic": None, "project": -3 * one},
    }
    assert [p.code for p in doc.problems] == ["table.note-figures"]


def test_pdf_budget_and_balance_columns_beside_the_final_figures(tmp_path: Path) -> None:
    """年初预算数 | 调整预算数 | 决算数 (合计, 基本支出, 项目支出), and 年初结转和结余 |
    本年收入 | 本年支出 | 年末结转和结余, as a PDF prints them: two header lines, no
    cells; the budget and balance columns are `extra:`, the final figures the type's."""
    budget = [["科目编码", "科目名称", "年初预算数", "调整预算数", "决算数", None, None],
              [None, None, None, None, "合计", "基本支出", "项目支出"],
              *[[code, name, "90.00", "95.00", "100.00", "60.00", "40.00"] for code, name in
                ((None, "合计"), ("201", "一般公共服务支出"), ("20103", "政府办公厅（室）及相关机构事务"))],
              ["2010301", "行政运行", "50.00", "55.00", "60.00", "60.00", None],
              ["2010350", "事业运行", "40.00", "40.00", "40.00", None, "40.00"]]
    balances = [["项目", None, "年初结转和结余", "本年收入", "本年支出", None, None, "年末结转和结余"],
                ["科目编码", "科目名称", None, None, "小计", "基本支出", "项目支出", None],
                *[[code, name, "-3.00", "103.00", "100.00", "60.00", "40.00", "0.00"] for code, name in
                  ((None, "合计"), ("201", "一般公共服务支出"), ("20103", "政府办公厅（室）及相关机构事务"))],
                ["2010301", "行政运行", "-3.00", "83.00", "80.00", "40.00", "40.00", "0.00"],
                ["2010350", "事业运行", None, "20.00", "20.00", "20.00", None, None]]
    first = read(pdf(tmp_path / "b.pdf", [TITLE, "单位：万元", budget]))
    second = read(pdf(tmp_path / "c.pdf", [TITLE, "单位：万元", balances]))
    assert first.status is second.status is Status.SUCCESS, (first.problems, second.problems)
    keys = ("extra:年初预算数", "extra:调整预算数", "total", "basic", "project")
    assert by_code(only(first, "general_public")) == {
        **dict.fromkeys(("total", "201", "20103"), dict(zip(keys, wan(90, 95, 100, 60, 40), strict=True))),
        "2010301": dict(zip(keys, wan(50, 55, 60, 60, None), strict=True)),
        "2010350": dict(zip(keys, wan(40, 40, 40, None, 40), strict=True))}
    keys = ("extra:年初结转和结余", "extra:本年收入", "total", "basic", "project", "extra:年末结转和结余")
    assert by_code(only(second, "general_public")) == {
        **dict.fromkeys(("total", "201", "20103"), dict(zip(keys, wan(-3, 103, 100, 60, 40, 0), strict=True))),
        "2010301": dict(zip(keys, wan(-3, 83, 80, 40, 40, 0), strict=True)),
        "2010350": dict(zip(keys, wan(None, 20, 20, 20, None, None), strict=True))}


def test_pdf_summary_negatives_in_brackets_and_marks(tmp_path: Path) -> None:
    rows = [["项目", "金额", "项目", "金额"], ["一、一般公共预算财政拨款收入", "(1.00)", "一、一般公共服务支出", "△1.00"],
            ["本年收入合计", "−1.00", "本年支出合计", "（1.00）"], ["总计", "−1.00", "总计", "(1.00)"]]
    doc = read(pdf(tmp_path / "s.pdf", ["收入支出决算总表", "单位：万元", rows]))
    assert doc.status is Status.SUCCESS, doc.problems
    minus_one = {"amount": wan(-1)[0]}
    assert [(r.side, r.item, r.values) for r in only(doc, "summary").rows] == [
        ("income", "fiscal_general", minus_one), ("expenditure", "func:201", minus_one),
        ("income", "income_total", minus_one), ("expenditure", "expenditure_total", minus_one),
        ("income", "grand_total", minus_one), ("expenditure", "grand_total", minus_one)]
