"""Focused cases: where a rule must stay silent (rounding, template variants) and where not."""

from __future__ import annotations

from decimal import Decimal

from cnbudget.audit import run_audit
from cnbudget.audit.narrative import amount_lists, stated_shares
from cnbudget.model.document import (
    Document,
    Fact,
    Kind,
    Locator,
    Paragraph,
    Row,
    SourceFile,
    Table,
)
from tests.audit.builders import clean_document, code_row, item_row, set_value, table, v


def doc_of(*tables: Table, kind: Kind = Kind.BUDGET, narrative: tuple[str, ...] = (),
           facts: tuple[Fact, ...] = ()) -> Document:
    doc = Document(SourceFile("t.txt", "0" * 64, "text"), tables=list(tables),
                   facts=list(facts),
                   narrative=[Paragraph(t, Locator(line=i + 1)) for i, t in enumerate(narrative)])
    doc.meta.kind = kind
    doc.meta.year = 2021
    return doc


def ids(doc: Document, *select: str) -> set[str]:
    return run_audit(doc, select=list(select) or None).rule_ids


# ---- rounding -----------------------------------------------------------------------

def test_sum_within_rounding_is_not_flagged() -> None:
    # printed 461.54 + 0.01 + 0.01 against 461.57 (true 461.5449 + 0.0149 + 0.0149 = 461.5747)
    t = Table("expenditure", "支出表", [
        item_row("total", 1, total=4_615_700, basic=4_615_700),
        code_row("2010301", "行政运行", 2, total=4_615_400, basic=4_615_400),
        code_row("2010302", "一般行政管理事务", 3, total=100, basic=100),
        code_row("2010350", "事业运行", 4, total=100, basic=100),
    ], unit="万元")
    assert ids(doc_of(t), "arithmetic") == set()
    set_row = t.rows[0]
    set_row.values["total"] = Decimal(4_616_100)  # 0.04 万元 over: beyond 4 × 50 yuan
    set_row.values["basic"] = Decimal(4_616_100)
    assert ids(doc_of(t), "arithmetic.column-total") == {"arithmetic.column-total"}


def test_yuan_table_allows_half_a_yuan_per_figure() -> None:
    """Whole 元 are rounded too (the issue's 94,995,790 vs 77,381,546 + 17,614,243):
    ±0.5 元 a figure; beyond that a warning up to twice the slack, then an error."""
    t = Table("three_public", "三公", [
        item_row("total", 1, amount=94_995_790), item_row("outbound", 2, amount=None),
        item_row("vehicle_operation", 3, amount=77_381_546),
        item_row("reception", 4, amount=17_614_243), item_row("vehicle_purchase", 5, amount=None),
    ], unit="元")
    rule = "arithmetic.three-public-parts"
    assert run_audit(doc_of(t), select=[rule]).flatten(["severity"]) == []  # 1 元 of 1.5 元
    t.rows[0].values["amount"] = Decimal(94_995_791)  # 2 元: beyond 1.5, below 3
    assert run_audit(doc_of(t), select=[rule]).flatten(["severity"]) == [("warning",)]
    t.rows[0].values["amount"] = Decimal(94_995_793)  # 4 元: beyond twice the slack
    assert run_audit(doc_of(t), select=[rule]).flatten(["severity"]) == [("error",)]


def test_three_public_whole_table_total() -> None:
    """合计 | “三公”经费 → 小计 … | 会议费 | 培训费: the whole table's 合计 = 小计 + 会议费 + 培训费."""
    t = Table("three_public", "“三公”经费、会议费、培训费支出预算表", [
        item_row("grand_total", 1, amount=25_426_000), item_row("total", 2, amount=8_336_000),
        item_row("outbound", 3, amount=2_225_000), item_row("vehicle", 4, amount=1_836_000),
        item_row("vehicle_purchase", 5, amount=0), item_row("vehicle_operation", 6, amount=1_836_000),
        item_row("reception", 7, amount=4_275_000), item_row("meeting", 8, amount=13_052_500),
        item_row("training", 9, amount=4_037_500),
    ], unit="万元")
    rule = "arithmetic.three-public-parts"
    assert run_audit(doc_of(t), select=[rule]).flatten(["severity"]) == []
    t.rows[0].values["amount"] = Decimal(25_526_000)  # 10 万元 over
    found = run_audit(doc_of(t), select=[rule])
    assert found.flatten(["severity"]) == [("error",)]
    assert "会议费" in found.findings[0].message


# ---- template variants accepted -------------------------------------------------------

def test_income_total_with_or_without_carryover_and_split_fiscal() -> None:
    inside = Table("income", "收入表", [
        item_row("total", 1, total=1_200_000, fiscal=1_000_000, fiscal_general=1_000_000,
                 carryover=200_000),
    ], unit="万元")
    assert ids(doc_of(inside), "arithmetic.income-sources") == set()
    beside = Table("income", "收入表", [
        item_row("total", 1, total=1_000_000, fiscal_general=900_000, fiscal_fund=100_000,
                 carryover=200_000),
    ], unit="万元")
    assert ids(doc_of(beside), "arithmetic.income-sources") == set()
    wrong = Table("income", "收入表", [
        item_row("total", 1, total=1_100_000, fiscal_general=900_000, carryover=300_000),
    ], unit="万元")
    assert ids(doc_of(wrong), "arithmetic.income-sources") == {"arithmetic.income-sources"}


def test_summary_economic_categories_may_cover_basic_only() -> None:
    # 郑州 template: 一、基本支出 (工资福利, 商品服务…) 二、项目支出
    t = Table("summary", "收支总表", [
        item_row("fiscal_general", 1, "income", amount=965_346),
        item_row("income_total", 2, "income", amount=965_346),
        item_row("basic", 1, "expenditure", amount=62_643),
        item_row("econ:301", 2, "expenditure", amount=53_175),
        item_row("econ:302", 3, "expenditure", amount=9_468),
        item_row("project", 4, "expenditure", amount=902_703),
        item_row("expenditure_total", 5, "expenditure", amount=965_346),
    ], unit="元")
    assert ids(doc_of(t), "arithmetic") == set()
    t.rows[3].values["amount"] = Decimal(50_000)
    assert ids(doc_of(t), "arithmetic") == {"arithmetic.summary-expenditure-parts"}


def test_sub_unit_blocks_repeat_codes_without_false_totals() -> None:
    t = Table("expenditure", "支出表", [
        item_row("total", 1, total=300_000),
        Row(unit_code="001", name="本级", values=v(total=100_000), locator=Locator(line=2)),
        code_row("2010301", "行政运行", 3, total=100_000),
        Row(unit_code="002", name="中心", values=v(total=200_000), locator=Locator(line=4)),
        code_row("2010301", "行政运行", 5, total=150_000),
        code_row("2010350", "事业运行", 6, total=50_000),
    ], unit="元")
    assert ids(doc_of(t), "arithmetic.column-total") == set()
    t.rows[5].values["total"] = Decimal(40_000)
    report = run_audit(doc_of(t), select=["arithmetic.column-total"])
    assert report.flatten(["loc.code"]) == [("002",)]


def _by_unit(parent: int, own: int, home: int, total: int) -> Table:
    """收入总表 by unit: the department 301 over its own 301001 and a 301002 under it."""
    def unit(code: str, name: str, line: int, amount: int) -> Row:
        return Row(unit_code=code, name=name, values=v(total=amount), locator=Locator(line=line))

    return Table("income", "收入总表", [
        unit("301", "滨海县民政局", 1, parent), unit("301001", "滨海县民政局本级", 2, own),
        unit("301002", "滨海县社会福利院", 3, home), item_row("total", 4, total=total),
    ], unit="元")


def test_a_parent_unit_equals_the_sum_of_its_sub_units() -> None:
    assert ids(doc_of(_by_unit(600, 400, 200, 600)), "hierarchy.unit-sums", "arithmetic.column-total") == set()
    report = run_audit(doc_of(_by_unit(600, 400, 150, 600)), select=["hierarchy.unit-sums"])
    assert report.flatten(["loc.code"]) == [("301",)]
    # the 合计 row is checked against the top-level unit only, not 301 + 301001 + 301002
    report = run_audit(doc_of(_by_unit(600, 400, 200, 700)), select=["arithmetic.column-total"])
    assert report.flatten(["loc.code"]) == [(None,)]


def test_unit_shares_printed_under_each_code_compare_adjacent_units_only() -> None:
    # no code repeats: a unit line under each 项 holds that unit's share of it
    t = Table("expenditure", "支出表", [
        item_row("total", 1, total=300),
        code_row("2010301", "行政运行", 2, total=100),
        Row(unit_code="301", name="部门", values=v(total=100), locator=Locator(line=3)),
        Row(unit_code="301001", name="本级", values=v(total=100), locator=Locator(line=4)),
        code_row("2010302", "一般行政管理事务", 5, total=200),
        Row(unit_code="301", name="部门", values=v(total=200), locator=Locator(line=6)),
        Row(unit_code="301001", name="本级", values=v(total=150), locator=Locator(line=7)),
        Row(unit_code="301002", name="中心", values=v(total=50), locator=Locator(line=8)),
    ], unit="元")
    assert ids(doc_of(t), "hierarchy.unit-sums") == set()
    t.rows[7].values["total"] = Decimal(40)
    report = run_audit(doc_of(t), select=["hierarchy.unit-sums"])
    assert [f.locations[0].line for f in report.findings] == [6]


def test_three_panel_basic_table_bottom_line() -> None:
    t = Table("general_public_basic", "基本支出决算明细表", [
        code_row("30101", "基本工资", 1, total=1_000),
        code_row("30201", "办公费", 2, total=300),
        item_row("total", 3, personnel=1_000, public=300),
    ], unit="元")
    assert ids(doc_of(t), "arithmetic.column-total") == set()
    t.rows[2].values["public"] = Decimal(400)
    assert ids(doc_of(t), "arithmetic.column-total") == {"arithmetic.column-total"}


# ---- three_public against the basic table -----------------------------------------------

def _three_public_doc(vehicle: int, code_value: int | None, project: int,
                      kind: Kind = Kind.BUDGET) -> Document:
    tp = Table("three_public", "三公", [item_row("vehicle_operation", 1, amount=vehicle)],
               unit="元")
    rows = [item_row("total", 2, total=10_000)]
    if code_value is not None:
        rows.append(code_row("30231", "公务用车运行维护费", 3, total=code_value))
    basic = Table("general_public_basic", "基本支出表", rows, unit="元")
    gp = Table("general_public", "一般公共预算支出表",
               [item_row("total", 4, total=10_000 + project, basic=10_000, project=project)],
               unit="元")
    return doc_of(tp, basic, gp, kind=kind)


def test_three_public_vehicle_severity_policy() -> None:
    rule = "cross_table.three-public-vehicle-vs-30231"

    def sev(doc: Document) -> list[tuple[object, ...]]:
        return run_audit(doc, select=[rule]).flatten(["severity"])

    assert sev(_three_public_doc(5_000, 5_000, 0)) == []
    assert sev(_three_public_doc(5_800, 5_000, 0)) == [("error",)]  # no project money
    assert sev(_three_public_doc(5_800, 5_000, 9_000)) == [("info",)]  # project money holds it
    assert sev(_three_public_doc(5_800, 5_000, 500)) == [("warning",)]  # more than project money
    assert sev(_three_public_doc(4_000, 5_000, 9_000)) == [("error",)]  # basic part alone larger
    assert sev(_three_public_doc(5_000, None, 0)) == [("warning",)]  # code not printed
    assert sev(_three_public_doc(5_000, None, 9_000)) == [("info",)]  # all of it may be project money
    assert sev(_three_public_doc(5_000, None, 0, Kind.FINAL_ACCOUNT)) == []


# ---- narrative ---------------------------------------------------------------------------

ZHENGZHOU_LIST = (
    "（三）主要项目：",
    "1、市政务网络、云、机房及业务系统建设维护项目7358.61万元；",
    "2、基础地理信息数据年度更新维护项目377.00万元；",
    "3、大数据、电子政务工作管理项目289.00万元；",
    "4、全市政务信息安全项目145.00万元；",
    "",
    "5、全市政务数据治理项目490.00万元。",
    "6、“一网通办”专网业务系统对接项目498.42万元。",
)


def test_amount_lists_parse_a_list_across_a_page_break() -> None:
    doc = doc_of(narrative=ZHENGZHOU_LIST)
    (lst,) = amount_lists(doc.narrative)
    assert lst.is_projects and not lst.is_procurement
    assert [i.number for i in lst.items] == [1, 2, 3, 4, 5, 6]
    assert sum(i.amount.value for i in lst.items) == Decimal(91_580_300)  # 9158.03 万元
    assert lst.items[2].name == "大数据、电子政务工作管理项目"
    assert lst.items[2].amount.slack == Decimal(50)


def test_listed_projects_against_tables_and_total() -> None:
    target = Table("performance_target", "项目支出绩效目标表", [
        Row(item="大数据、电子政务工作管理经费", texts={"project": "大数据、电子政务工作管理经费"},
            values=v(budget=1_580_000), locator=Locator(line=90)),
    ], unit="元")
    facts = (Fact("project", Decimal(90_270_300), "元", "项目支出9027.03万元", Locator(line=20),
                  printed_unit="万元"),)
    report = run_audit(doc_of(target, narrative=ZHENGZHOU_LIST, facts=facts),
                       select=["text_vs_table"])
    assert report.flatten(["rule", "loc.line"]) == [
        ("text_vs_table.listed-project", 4), ("text_vs_table.listed-total", 2)]
    assert report.findings[0].expected == Decimal(1_580_000)
    assert report.findings[0].actual == Decimal(2_890_000)


def test_stated_shares_use_a_base_from_the_line_or_the_document() -> None:
    text = ("一般公共服务(类)支出 1,238.74 万元,占 3.3%,主要用于人员工资;社会保障和就业(类)支出 "
            "123.50 万元,占 0.3%,主要用于离退休人员经费")
    facts = (Fact("expenditure_total", Decimal(378_373_900), "元", "本年支出合计 37,837.39 万元",
                  Locator(line=9), printed_unit="万元"),)
    shares = list(stated_shares(doc_of(narrative=(text,)).narrative))
    assert [s.percent for s in shares] == [Decimal("3.3"), Decimal("0.3")]
    assert ids(doc_of(narrative=(text,), facts=facts), "text_internal.stated-share") == set()
    wrong = text.replace("占 0.3%", "占 3.0%")
    assert ids(doc_of(narrative=(wrong,), facts=facts), "text_internal.stated-share") == {
        "text_internal.stated-share"}


def test_placeholders_and_their_look_alikes() -> None:
    flagged = ("收入增加0.00万元,增长0.00%,主要原因是;本年支出0.00万元",
               "涉及资金 36597.94 万元,占一般公共预算项目支出总额的%;",
               "其他来源收入0万元（有则写，无则填0万元）。",
               "2021年部门预算支出为万元。",
               "XX单位2021年预算")
    clean = ("金额单位：万元", "单价50万元以上通用设备0台", "增长0.00%，主要原因是政策调整；",
             "占一般公共预算项目支出总额的 0%", "单位：元")
    for text in flagged:
        assert ids(doc_of(narrative=(text,)), "placeholder") == {"placeholder.template-text"}, text
    for text in clean:
        assert ids(doc_of(narrative=(text,)), "placeholder") == set(), text


def test_change_parts_add_up_to_the_stated_change() -> None:
    loc = Locator(line=48)

    def f(key: str, value: int, subject: str | None = None) -> Fact:
        return Fact(key, Decimal(value), "元", "较2019年预算增加1117.22万元", loc, subject, "万元")

    facts = (f("change_amount", 11_172_200, "grand_total"), f("change_amount", 2_989_200, "basic"),
             f("change_amount", 14_709_800, "project"))
    report = run_audit(doc_of(facts=facts), select=["text_internal.parts-sum"])
    assert report.flatten(["rule", "expected", "actual"]) == [
        ("text_internal.parts-sum", Decimal(17_699_000), Decimal(11_172_200))]


def test_conflicting_counts_are_errors_amounts_warnings() -> None:
    def f(key: str, value: int, unit: str, line: int) -> Fact:
        return Fact(key, Decimal(value), unit, f"{key} {value}", Locator(line=line))

    counts = (f("vehicles", 2, "辆", 1), f("vehicles", 1, "辆", 2))
    amounts = (f("operating_cost", 1_104_000, "元", 1), f("operating_cost", 1_200_000, "元", 2))
    assert run_audit(doc_of(facts=counts), select=["text_internal.conflicting-facts"]).flatten(
        ["severity"]) == [("error",)]
    assert run_audit(doc_of(facts=amounts), select=["text_internal.conflicting-facts"]).flatten(
        ["severity"]) == [("warning",)]


def test_classification_accepts_printed_variants() -> None:
    t = Table("expenditure", "支出表", [
        code_row("2010301", "行政运行（政府办公厅（室）及相关机构事务）", 1, total=1),
        code_row("2080505", "机关事业单位基本养老保险缴", 2, total=1),  # cut by a narrow cell
    ], unit="元")
    assert ids(doc_of(t), "classification") == set()


def test_growth_rate_recomputed() -> None:
    loc = Locator(line=5)
    text = "收入预算总计 9653.46 万元，增加 3341.54 万元，增长 52.94%"
    good = (Fact("income_total", Decimal(96_534_600), "元", text, loc, None, "万元"),
            Fact("change_amount", Decimal(33_415_400), "元", text, loc, "income_total", "万元"),
            Fact("change_pct", Decimal("52.94"), "%", text, loc, "income_total"))
    assert ids(doc_of(facts=good), "text_internal.change-pct") == set()
    bad = (*good[:2], Fact("change_pct", Decimal("62.94"), "%", text, loc, "income_total"))
    assert ids(doc_of(facts=bad), "text_internal.change-pct") == {"text_internal.change-pct"}


def test_growth_rate_on_last_years_figure_when_the_quote_names_it() -> None:
    # 江苏省政协办公厅2017: “（2016年度…安排为8,648.07万元），增加498.72万元，增长5.77%”
    text = "与2016年度相比（2016年度部门支出预算安排为8,648.07万元），增加498.72万元，增长5.77%"
    pct = Fact("change_pct", Decimal("5.77"), "%", text, Locator(page=6), "expenditure_total")
    assert ids(doc_of(facts=(pct,)), "text_internal.change-pct") == set()
    # 江苏省人民检察院2019: 13.22% copied from the line above; 1237.7/5573 = 22.21%
    text = "项目支出预算数为4335.3万元。与上年相比减少了1237.7万元，减少13.22%"
    pct = Fact("change_pct", Decimal("-13.22"), "%", text, Locator(page=26), "project")
    assert ids(doc_of(facts=(pct,)), "text_internal.change-pct") == {"text_internal.change-pct"}


def test_clean_document_survives_a_second_table_printing() -> None:
    doc = clean_document()
    second = table(doc, "general_public")
    doc.tables.append(Table(second.type, second.title, list(second.rows), unit=second.unit))
    set_value(doc, "three_public", "reception", "amount", 21_500)
    assert ids(doc, "cross_table") == set()


def test_row_total_with_an_unknown_column() -> None:
    # Jiangsu prints 单位预留机动经费 beside 基本/项目支出: kept as an extra column
    t = Table("expenditure", "支出表", [
        item_row("total", 1, total=1_000_000, basic=600_000, project=300_000,
                 **{"extra:单位预留机动经费": 100_000}),
    ], unit="万元")
    assert ids(doc_of(t), "arithmetic.row-basic-project") == set()
    t.rows[0].values["basic"] = Decimal(800_000)  # parts now exceed the total
    assert ids(doc_of(t), "arithmetic.row-basic-project") == {"arithmetic.row-basic-project"}
