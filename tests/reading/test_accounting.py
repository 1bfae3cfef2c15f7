"""No printed figure silently lost: the generic check that every number printed in a
table's region is in some cell of what was read, whatever parser read it."""

from __future__ import annotations

from decimal import Decimal

from cnbudget.ingest.layout import Cell, Delimiter, Line
from cnbudget.model import Row, Table
from cnbudget.recognise.accounting import figure_problems, printed_figures, unplaced
from cnbudget.recognise.blocks import TableBlock

WAN = Decimal(10000)


def grid(*rows: tuple[str, ...], page: int = 3) -> list[Line]:
    return [Line(tuple(Cell(t, col=i) for i, t in enumerate(r)), page=page, grid=1,
                 delimiter=Delimiter.GRID) for r in rows]


def block(lines: list[Line], title: str = "支出总表") -> TableBlock:
    return TableBlock(type="expenditure", title=title, lines=lines, unit="万元")


def table(*rows: tuple[str, dict[str, str | None]]) -> Table:
    return Table(type="expenditure", title="支出总表", unit="万元", rows=[
        Row(code=code, values={k: None if v is None else Decimal(v) * WAN for k, v in vals.items()})
        for code, vals in rows])


LINES = grid(
    ("序号", "科目编码", "科目名称", "合计", "基本支出", "项目支出"),
    ("栏次", "", "", "1", "2", "3"),
    ("1", "201", "一般公共服务支出", "389.50", "300.00", "89.50"),
    ("2", "20103", "政府办公厅（室）及相关机构事务", "389.50", "300.00", "89.50"),
    ("3", "2010301", "行政运行", "300.00", "300.00", ""),
    ("4", "2010302", "一般行政管理事务", "89.50", "", "89.50"),
)
READ = table(
    ("201", {"total": "389.50", "basic": "300.00", "project": "89.50"}),
    ("20103", {"total": "389.50", "basic": "300.00", "project": "89.50"}),
    ("2010301", {"total": "300.00", "basic": "300.00", "project": None}),
    ("2010302", {"total": "89.50", "basic": None, "project": "89.50"}),
)


def test_a_table_read_whole_accounts_for_every_figure_but_not_its_index_codes_or_column_numbers():
    figures = printed_figures(block(LINES))
    # the 序号 column and the 栏次 line are not figures; codes still are candidates
    assert [f.text for f in figures if f.line is LINES[2]] == ["201", "389.50", "300.00", "89.50"]
    assert figure_problems(block(LINES), [READ]) == []


def test_a_figure_no_cell_holds_is_listed_with_its_page_and_line():
    lost = Table("expenditure", "支出总表", unit="万元",
                 rows=[Row(code=r.code, values=dict(r.values)) for r in READ.rows])
    lost.rows[3].values["project"] = None  # the reader lost 89.50 of 2010302
    (problem,) = figure_problems(block(LINES), [lost])
    assert problem.code == "table.figures-unplaced" and problem.severity.value == "partial"
    assert dict(problem.params) == {"figure": "89.50", "title": "支出总表"}
    assert problem.locator is not None and problem.locator.page == 3


def test_a_wide_table_read_as_nothing_loses_every_figure():
    lines = grid(("合计", "因公出国（境）费", "公务接待费"), ("21.00", "10.00", "11.00"))
    (problem,) = figure_problems(block(lines, "三公经费"), [Table("three_public", "三公经费", unit="万元")])
    assert dict(problem.params)["figure"] == "21.00、10.00、11.00"


def test_codes_printed_over_lei_kuan_xiang_columns_are_not_figures():
    lines = grid(("类", "款", "项", "科目名称", "合计"), ("201", "03", "01", "行政运行", "300.00"))
    read = table(("2010301", {"total": "300.00"}))
    assert unplaced(block(lines), [read]) == []


def test_space_split_text_joins_a_number_extraction_cut_and_drops_a_rows_number():
    lines = [Line((Cell("11"), Cell("2080506"), Cell("职业年金缴费支出"), Cell("37,83 2.13"), Cell("7.00")),
                  number=137, delimiter=Delimiter.SPACE)]
    read = table(("2080506", {"total": "37832.13", "basic": "7.00"}))
    assert unplaced(block(lines), [read]) == []
    read.rows[0].values["basic"] = None
    assert [f.text for f in unplaced(block(lines), [read])] == ["7.00"]


def test_a_row_wrapped_mid_number_is_one_figure():
    lines = grid(("十四、资源勘探工业信息", "36,30"), ("等支出", "5.52"))
    read = table(("215", {"total": "36305.52"}))
    assert unplaced(block(lines), [read]) == []


def test_notes_and_the_unit_line_are_not_figures():
    lines = [Line((Cell("单位：万元"),), page=3, delimiter=Delimiter.NONE),
             *grid(("合计", "基本支出"), ("10.00", "10.00")),
             Line((Cell("注：本表金额保留两位小数，2 个单位无此项支出。"),), page=3, delimiter=Delimiter.SPACE)]
    read = Table("expenditure", "支出总表", unit="万元",
                 rows=[Row(item="total", values={"total": 10 * WAN, "basic": 10 * WAN})])
    assert unplaced(block(lines), [read]) == []


def _summary(*names: tuple[str, str | None]) -> Table:
    return Table(type="summary", title="收支总表", unit="万元", rows=[
        Row(name=n, values={"amount": None if v is None else Decimal(v) * WAN}) for n, v in names])


def test_a_money_figure_glued_into_a_name_is_reported_not_held_by_the_name():
    lines = grid(("100.00 一、一般公共服务支出", "70.00"), ("收入合计120.00 支出合计", "120.00"))
    read = _summary(("100.00 一、一般公共服务支出", "70.00"), ("收入合计120.00 支出合计", "120.00"))
    problems = figure_problems(block(lines, "收支总表"), [read])
    assert [(p.code, dict(p.params)["figure"]) for p in problems] == [
        ("table.figure-in-name", "100.00"), ("table.figure-in-name", "120.00")]
    assert all(p.severity.value == "partial" for p in problems)


def test_numbers_that_are_part_of_a_name_are_not_figures():
    names = ["2024年信息化项目", "5G基站建设", "12345热线运行", "第 1 季度专项", "（2）公用经费",
             "增长10.5%", "1.1 子项", "V2.0平台运维", "联系电话 83426336"]
    read = _summary(*[(n, None) for n in names])
    assert figure_problems(block([], "收支总表"), [read]) == []


def test_an_integer_token_in_a_row_read_with_no_amount_is_a_figure():
    read = _summary(("一般公共服务支出 1200", None))
    (problem,) = figure_problems(block([], "收支总表"), [read])
    assert problem.code == "table.figure-in-name" and dict(problem.params)["figure"] == "1200"


def _procurement(*rows: dict[str, str]) -> Table:
    return Table(type="procurement", title="政府采购预算表", unit="万元", rows=[
        Row(item=texts.get("project"), name=texts.get("project"), texts=texts, values={"budget": None})
        for texts in rows])


def test_a_money_figure_in_a_text_column_is_reported_with_its_column():
    # a note column and a procurement item_name: text columns, no amount was read from them
    read = _procurement({"project": "办公设备购置", "item_name": "台式计算机 12.50", "extra:备注": "含结转1,200"})
    problems = figure_problems(block([], "政府采购预算表"), [read])
    assert [(p.code, dict(p.params)["column"], dict(p.params)["figure"]) for p in problems] == [
        ("table.figure-in-text", "品名", "12.50"), ("table.figure-in-text", "备注", "1,200")]
    assert all(p.severity.value == "partial" for p in problems)
    assert dict(problems[0].params)["name"] == "办公设备购置"


def test_numbers_that_are_part_of_a_text_column_are_not_figures():
    texts = ["2024年购置", "第 3 批", "增长10.5%", "联系电话 83426336", "025-83426336", "201030101",
             "实施期限 2024.01-2024.12", "预算 3,970,000 元", "0.1 米分辨率", "2.5万元", "（2）专用设备", "5G"]
    read = _procurement(*[{"project": "项目", "extra:备注": t} for t in texts])
    assert figure_problems(block([], "政府采购预算表"), [read]) == []
