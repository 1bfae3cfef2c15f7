"""Names wrapped over two lines in a workbook: inside the cell (a line break,
Alt+Enter) or on the sheet row below, the figures merged down over both rows, or
(a classification table) with the catalogue's name of the code the two halves
together. One row with the whole name; no row of the name's end."""

from __future__ import annotations

from pathlib import Path

from cnbudget.model import Document, Status
from templates.documents import word
from templates.workbooks import by_code, codes_and_names, only, read, wan, workbook

UNIT = [None, None, None, None, "单位：万元"]
HEADER = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
KEYS = ("total", "basic", "project")


def _reads_joined_coded_rows(doc: Document) -> None:
    """The 功能分类 table both merged-row tests print: 20103's name ends on the row below."""
    table = only(doc, "general_public")
    assert codes_and_names(table) == [
        ("total", "合计"), ("201", "一般公共服务支出"), ("20103", "政府办公厅（室）及相关机构事务"),
        ("2010301", "行政运行"), ("2010350", "事业运行")]
    assert by_code(table)["20103"] == dict(zip(KEYS, wan(100, 60, 40), strict=True))


def test_line_breaks_inside_cells(tmp_path: Path) -> None:
    summary = [
        ["收入支出决算总表"], [None, None, None, "单位：万元"], ["收入", None, "支出"],
        ["项目", "金额", "项目", "金额"],
        ["一、一般公共预算财政拨款\n收入", 100, "一、一般公共服务\n支出", 100],
        ["本年收入合计", 100, "本年支出合计", 100], ["总计", 100, "总计", 100],
    ]
    projects = [
        ["项目支出决算表"], [None, None, "单位：万元"], ["序号", "项目名称", "金额"],
        ["1", "智慧城市运行管理平台\n运维服务", 30.5], ["2", "LED\n显示屏更新", 10], [None, "合计", 40.5],
    ]
    coded = [
        ["一般公共预算财政拨款支出决算表"], UNIT, HEADER, [None, "合计", 40, None, 40],
        ["201", "一般公共服务\n支出", 40, None, 40], ["20103", "政府办公厅（室）及相关\n机构事务", 40, None, 40],
        ["2010399", "其他政府办公厅（室）及相关机构事务\n支出", 40, None, 40],
    ]
    doc = read(workbook(tmp_path / "w.xlsx", ("01", summary), ("p", projects), ("05", coded)))
    assert doc.status is Status.SUCCESS, doc.problems
    assert [(r.item, r.name) for r in only(doc, "summary").rows][:2] == [
        ("fiscal_general", "一、一般公共预算财政拨款收入"), ("func:201", "一、一般公共服务支出")]
    assert [(r.item, r.name, r.values) for r in only(doc, "project_expenditure").rows] == [
        ("智慧城市运行管理平台运维服务", "智慧城市运行管理平台运维服务", {"extra:序号": 1, "amount": wan(30.5)[0]}),
        ("LED 显示屏更新", "LED 显示屏更新", {"extra:序号": 2, "amount": wan(10)[0]}),
        ("total", "合计", {"extra:序号": None, "amount": wan(40.5)[0]}),
    ]
    assert codes_and_names(only(doc, "general_public")) == [
        ("total", "合计"), ("201", "一般公共服务支出"), ("20103", "政府办公厅（室）及相关机构事务"),
        ("2010399", "其他政府办公厅（室）及相关机构事务支出")]


def test_name_ends_on_the_row_below_under_merged_figures(tmp_path: Path) -> None:
    projects = [
        ["项目支出决算表"], [None, None, "单位：万元"], ["序号", "项目名称", "金额"],
        ["1", "智慧城市运行管理平台", 30.5], [None, "运维服务", None],
        ["2", "政务云租赁", 10], [None, "合计", 40.5],
    ]
    coded = [
        ["一般公共预算财政拨款支出决算表"], UNIT, HEADER,
        [None, "合计", 100, 60, 40], ["201", "一般公共服务支出", 100, 60, 40],
        ["20103", "政府办公厅（室）及相关", 100, 60, 40], [None, "机构事务", None, None, None],
        ["2010301", "行政运行", 60, 60, None], ["2010350", "事业运行", 40, None, 40],
    ]
    doc = read(workbook(tmp_path / "m.xlsx", ("p", projects, ["A4:A5", "C4:C5"]),
                        ("05", coded, ["A6:A7", "C6:C7", "D6:D7", "E6:E7"])))
    assert doc.status is Status.SUCCESS, doc.problems
    assert [(r.item, r.values["amount"]) for r in only(doc, "project_expenditure").rows] == [
        ("智慧城市运行管理平台运维服务", wan(30.5)[0]), ("政务云租赁", wan(10)[0]), ("total", wan(40.5)[0])]
    _reads_joined_coded_rows(doc)


def test_name_ends_on_the_row_below_as_the_catalogue_names_it(tmp_path: Path) -> None:
    """No merge: the row below prints only 支出, and 2010399's catalogue name is
    其他政府办公厅（室）及相关机构事务支出. A name-only row the catalogue does not
    complete stays a row of its own."""
    coded = [
        ["一般公共预算财政拨款支出决算表"], UNIT, HEADER,
        [None, "合计", 40, None, 40], ["201", "一般公共服务支出", 40, None, 40],
        ["20103", "政府办公厅（室）及相关机构事务", 40, None, 40],
        ["2010399", "其他政府办公厅（室）及相关机构事务", 40, None, 40], [None, "支出", None, None, None],
        [None, "其中：信息化项目", None, None, None],
    ]
    doc = read(workbook(tmp_path / "c.xlsx", ("05", coded)))
    assert doc.status is Status.SUCCESS, doc.problems
    assert codes_and_names(only(doc, "general_public")) == [
        ("total", "合计"), ("201", "一般公共服务支出"), ("20103", "政府办公厅（室）及相关机构事务"),
        ("2010399", "其他政府办公厅（室）及相关机构事务支出"), ("其中：信息化项目", "其中：信息化项目")]


def test_word_tables_wrap_names_by_paragraph_or_merged_rows(tmp_path: Path) -> None:
    """The same in Word: a second paragraph in the name's cell, or the name's end in
    the row below with the figures' cells merged down over both rows."""
    projects = ([["序号", "项目名称", "金额"], ["1", "智慧城市运行管理平台\n运维服务", "30.50"],
                 ["2", "政务云租赁", "10.00"], [None, "（二期）", None], [None, "合计", "40.50"]],
                [(2, 0, 2), (2, 2, 2)])
    coded = ([HEADER, [None, "合计", "100.00", "60.00", "40.00"], ["201", "一般公共服务\n支出", "100.00", "60.00", "40.00"],
              ["20103", "政府办公厅（室）及相关", "100.00", "60.00", "40.00"], [None, "机构事务", None, None, None],
              ["2010301", "行政运行", "60.00", "60.00", None], ["2010350", "事业运行", "40.00", None, "40.00"]],
             [(3, 0, 2), (3, 2, 2), (3, 3, 2), (3, 4, 2)])
    doc = read(word(tmp_path / "w.docx", "项目支出决算表", "单位：万元", projects,
                    "一般公共预算财政拨款支出决算表", "单位：万元", coded))
    assert doc.status is Status.SUCCESS, doc.problems
    assert [(r.item, r.values["amount"]) for r in only(doc, "project_expenditure").rows] == [
        ("智慧城市运行管理平台运维服务", wan(30.5)[0]), ("政务云租赁（二期）", wan(10)[0]), ("total", wan(40.5)[0])]
    _reads_joined_coded_rows(doc)
