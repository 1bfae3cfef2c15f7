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
