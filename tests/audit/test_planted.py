"""Every rule: silent on the clean document, and finds one planted error in the right place.

Each case plants one error into a fresh `clean_document()`; the expected
finding's rule, severity and first location are stated independently of the
code (the table/row/fact the planted error touches).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest

from cnbudget.audit import run_audit, selected_rules
from cnbudget.model.document import (
    Document,
    Fact,
    Finding,
    Locator,
    Paragraph,
    Row,
    Severity,
    SourceFile,
    Table,
)
from tests.audit.builders import (
    ITEM_SCOPE,
    clean_document,
    replace_fact,
    replace_item_fact,
    replace_paragraph,
    row,
    set_value,
    table,
    v,
)


def test_clean_document_has_no_findings() -> None:
    report = run_audit(clean_document())
    assert report.errors == []
    assert report.skipped == []
    assert report.flatten(["rule", "message"]) == []
    assert len(report.rules_run) == len(selected_rules())


@dataclass(frozen=True)
class Case:
    rule: str
    plant: Callable[[Document], None]
    where: dict[str, object]  # fields the finding's first location must have
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        return self.rule


def _add_row(type_: str, r: Row) -> Callable[[Document], None]:
    return lambda d: table(d, type_).rows.append(r)


def _drop_table(type_: str) -> Callable[[Document], None]:
    return lambda d: d.tables.remove(table(d, type_))


def _seq(*steps: Callable[[Document], None]) -> Callable[[Document], None]:
    def run(d: Document) -> None:
        for step in steps:
            step(d)
    return run


def _rename(type_: str, code: str, name: str) -> Callable[[Document], None]:
    def run(d: Document) -> None:
        row(d, type_, code).name = name
    return run


def _add_fact(f: Fact) -> Callable[[Document], None]:
    return lambda d: d.facts.append(f)


def _set_evaluation(**values: str) -> Callable[[Document], None]:
    def run(d: Document) -> None:
        r = table(d, "performance_evaluation").rows[0]
        r.values.update({k: Decimal(x) for k, x in values.items()})
    return run


def _set_indicator(index: int, **changes: str) -> Callable[[Document], None]:
    def run(d: Document) -> None:
        ind = table(d, "performance_evaluation").rows[0].indicators[index]  # type: ignore[index]
        for k, x in changes.items():
            setattr(ind, k, Decimal(x) if k in ("weight", "score") else x)
    return run


CASES = [
    # arithmetic: row 2010301's basic printed 1 万元 high: total ≠ basic + project
    Case("arithmetic.row-basic-project",
         lambda d: set_value(d, "expenditure", "2010301", "total", 4_010_000),
         {"table": "expenditure", "code": "2010301", "column": "total"}),
    Case("arithmetic.row-personnel-public",
         lambda d: set_value(d, "general_public_basic", "30101", "personnel", 1_990_000),
         {"table": "general_public_basic", "code": "30101", "column": "total"}),
    Case("arithmetic.income-sources",
         lambda d: set_value(d, "income", "2210201", "fiscal_general", 310_000),
         {"table": "income", "code": "2210201", "column": "total"}),
    Case("arithmetic.column-total",
         lambda d: set_value(d, "general_public", "total", "project", 6_100_000),
         {"table": "general_public", "item": "total", "column": "project"}),
    Case("arithmetic.summary-balance",
         lambda d: set_value(d, "summary", "grand_total", "amount", 10_900_000, side="income"),
         {"table": "summary", "item": "grand_total"}),
    Case("arithmetic.summary-income-sources",
         lambda d: set_value(d, "summary", "fiscal_general", "amount", 10_700_000, side="income"),
         {"table": "summary", "item": "income_total"}),
    Case("arithmetic.summary-expenditure-parts",
         lambda d: set_value(d, "summary", "func:208", "amount", 600_000, side="expenditure"),
         {"table": "summary", "item": "expenditure_total"}),
    Case("arithmetic.fiscal-summary-columns",
         lambda d: set_value(d, "fiscal_summary", "func:208", "general", 400_000,
                             side="expenditure"),
         {"table": "fiscal_summary", "item": "func:208", "column": "amount"}),
    Case("arithmetic.three-public-parts",
         lambda d: set_value(d, "three_public", "reception", "amount", 30_000),
         {"table": "three_public", "item": "total", "column": "amount"}),
    Case("arithmetic.procurement-total",
         lambda d: set_value(d, "procurement", "total", "amount", 660_000),
         {"table": "procurement", "item": "total", "column": "amount"}),
    Case("arithmetic.procurement-line",
         lambda d: set_value(d, "procurement", "办公桌", "unit_price", 30_000),
         {"table": "procurement", "item": "办公桌", "column": "amount"}),
    Case("arithmetic.project-total",
         lambda d: set_value(d, "project_expenditure", "数据治理项目", "amount", 900_000),
         {"table": "project_expenditure", "item": "total"}),
    Case("arithmetic.assets-total",
         lambda d: set_value(d, "assets", "other_fixed_assets", "value", 250_000),
         {"table": "assets", "item": "total", "column": "value"}),
    Case("arithmetic.performance-rate", _set_evaluation(rate="98.85"),
         {"table": "performance_evaluation", "column": "rate"}),
    Case("arithmetic.performance-score", _set_evaluation(score="98.99"),
         {"table": "performance_evaluation", "column": "score"}),
    Case("arithmetic.performance-rate-score", _set_indicator(4, score="8.99"),
         {"table": "performance_evaluation", "column": "score"}),
    # hierarchy: 款 20103 no longer the sum of its 项
    Case("hierarchy.functional-sums",
         lambda d: set_value(d, "expenditure", "20103", "basic", 4_100_000),
         {"table": "expenditure", "code": "20103", "column": "basic"}),
    Case("hierarchy.economic-sums",
         lambda d: set_value(d, "general_public_basic", "30217", "public", 25_000),
         {"table": "general_public_basic", "code": "302", "column": "public"}),
    # a department's unit line 301 no longer the sum of its units 301001 + 301002
    Case("hierarchy.unit-sums",
         _seq(_add_row("income", Row(unit_code="301", name="本部门", values=v(total=1_000_000),
                                     locator=Locator(page=1, line=30))),
              _add_row("income", Row(unit_code="301001", name="本级", values=v(total=600_000),
                                     locator=Locator(page=1, line=31))),
              _add_row("income", Row(unit_code="301002", name="中心", values=v(total=300_000),
                                     locator=Locator(page=1, line=32)))),
         {"table": "income", "code": "301", "column": "total"}),
    # cross_table
    Case("cross_table.summary-vs-income",
         lambda d: set_value(d, "income", "total", "fiscal_general", 10_700_000),
         {"table": "summary", "item": "fiscal_general"}),
    Case("cross_table.summary-vs-expenditure",
         lambda d: set_value(d, "summary", "project", "amount", 5_900_000, side="expenditure"),
         {"table": "summary", "item": "project"}),
    Case("cross_table.fiscal-summary-vs-tables",
         _seq(lambda d: set_value(d, "fiscal_summary", "func:221", "general", 310_000,
                                  side="expenditure")),
         {"table": "fiscal_summary", "item": "func:221", "column": "general"}),
    Case("cross_table.summary-vs-fiscal-summary",
         _seq(lambda d: set_value(d, "fiscal_summary", "fiscal_general", "amount", 10_700_000,
                                  side="income"),
              lambda d: set_value(d, "fiscal_summary", "fiscal_general", "general", 10_700_000,
                                  side="income")),
         {"table": "summary", "item": "fiscal_general"}),
    Case("cross_table.general-public-vs-basic",
         _seq(lambda d: set_value(d, "general_public_basic", "total", "total", 4_700_000),
              lambda d: set_value(d, "general_public_basic", "total", "personnel", 4_000_000)),
         {"table": "general_public", "item": "total", "column": "basic"}),
    Case("cross_table.three-public-vehicle-vs-30231",
         lambda d: set_value(d, "general_public_basic", "30231", "total", 90_000),
         {"table": "three_public", "item": "vehicle_operation"}),
    Case("cross_table.three-public-reception-vs-30217",
         lambda d: set_value(d, "general_public_basic", "30217", "total", 30_000),
         {"table": "three_public", "item": "reception"}),
    Case("cross_table.three-public-outbound-vs-30212",
         _seq(_add_row("general_public_basic",
                       Row(code="30212", name="因公出国（境）费用", values=v(total=50_000),
                           locator=Locator(page=1, line=99)))),
         {"table": "three_public", "item": "outbound"}),
    # the table adds up (30201 raised with its total): only the comparison stands
    Case("cross_table.operating-cost-vs-public",
         _seq(lambda d: set_value(d, "operating_cost", "total", "amount", 800_000),
              lambda d: set_value(d, "operating_cost", "30201", "amount", 698_500)),
         {"table": "operating_cost", "item": "total"}, Severity.WARNING),
    Case("cross_table.repeated-total",
         lambda d: d.tables.append(
             second_printing(d, "general_public", total=10_900_000)),
         {"table": "general_public", "item": "total", "column": "total"}),
    # text_vs_table
    Case("text_vs_table.fact", lambda d: replace_fact(d, "personnel", 4_200_000),
         {"fact": "personnel", "line": 204}),
    Case("text_vs_table.listed-project",
         lambda d: replace_paragraph(d, 218, "2、数据治理项目289.00万元。"),
         {"line": 218}),
    Case("text_vs_table.listed-total",
         lambda d: replace_paragraph(d, 212, "2. 运维服务，单价 70.00 万元，数量 1 项，共计 70.00 万元。"),
         {"line": 211}),
    Case("text_vs_table.category-amount",
         lambda d: replace_paragraph(d, 223, "（附）按功能科目分类，行政运行支出410.12万元，"
                                              "一般行政管理事务支出600.00万元。"),
         {"line": 223}),
    # an item's statement (line 224): B against its row, C = B − A, Z from A and B,
    # the direction word, the same item twice
    Case("text_vs_table.item-amount",
         lambda d: replace_item_fact(d, "item_amount", 4_101_200, "410.12万元"),
         {"fact": "item_amount", "line": 224}),
    Case("text_internal.item-change-amount",
         lambda d: replace_item_fact(d, "change_amount", 301_200, "30.12万元"),
         {"fact": "change_amount", "line": 224}),
    Case("text_internal.item-change-pct",
         lambda d: replace_item_fact(d, "change_pct", "5.03", "5.03%"),
         {"fact": "change_pct", "line": 224}),
    Case("text_internal.change-direction",
         lambda d: replace_item_fact(d, "change_amount", -201_200, "20.12万元"),
         {"fact": "change_amount", "line": 224}),
    Case("text_internal.item-stated-twice",
         _add_fact(Fact("item_amount", Decimal(4_101_200), "元", "行政运行（项）支出410.12万元",
                        Locator(page=1, line=230), printed_unit="万元", scope=ITEM_SCOPE)),
         {"fact": "item_amount", "line": 224}),
    # text_internal
    Case("text_internal.change-pct", lambda d: replace_fact(d, "change_pct", "52.94", "income_total"),
         {"fact": "change_pct", "line": 201}),
    Case("text_internal.parts-sum", lambda d: replace_fact(d, "reception", 31_500),
         {"fact": "three_public_total", "line": 206}),
    Case("text_internal.conflicting-facts",
         _add_fact(Fact("vehicles", Decimal(2), "辆", "公务用车保有量2辆", Locator(page=1, line=222))),
         {"fact": "vehicles", "line": 214}),
    Case("text_internal.stated-share",
         lambda d: replace_paragraph(d, 203, "2021年支出预算1080.00万元，其中：基本支出480.00万元，"
                                              "占比4.44%；项目支出600.00万元，占比55.56%。"),
         {"line": 203}),
    Case("text_internal.listed-count",
         lambda d: replace_paragraph(d, 216, "本部门2021年共有3个项目编制了绩效目标，分别是："),
         {"line": 216}, Severity.WARNING),
    Case("text_internal.unit-price",
         lambda d: replace_paragraph(d, 211, "1. 办公桌，单价 2.50 万元，数量 2 张，共计 6.00 万元；"),
         {"line": 211}),
    # wording (the clean document is 示例局2021年部门预算: a budget of a 部门)
    Case("text_internal.kind-wording",
         lambda d: replace_paragraph(d, 208, "2021年机关运行经费决算70.00万元。"),
         {"line": 208}),
    Case("text_internal.scope-wording",
         lambda d: replace_paragraph(d, 222, "基本支出：2021年单位预算中为保障机构正常运转所必需的开支。"),
         {"line": 222}, Severity.WARNING),
    Case("text_internal.punctuation",
         lambda d: replace_paragraph(d, 210, "2021年政府采购预算65.06万元，，具体采购明细如下。"),
         {"line": 210}),
    Case("completeness.blank-page",
         _seq(lambda d: setattr(d, "source", SourceFile("clean.pdf", "0" * 64, "pdf", pages=3)),
              lambda d: d.narrative.append(Paragraph("附件", Locator(page=3)))),
         {"page": 2}, Severity.WARNING),
    # classification
    Case("classification.unknown-code",
         _add_row("general_public_basic", Row(code="30288", name="不存在的科目", values=v(total=0),
                                              locator=Locator(page=1, line=98))),
         {"table": "general_public_basic", "code": "30288"}, Severity.WARNING),
    Case("classification.name-mismatch", _rename("expenditure", "2010301", "住房公积金"),
         {"table": "expenditure", "code": "2010301"}),
    Case("classification.stale-name",  # the clean document is of 2021; 210 was renamed in 2019
         _add_row("general_public", Row(code="210", name="医疗卫生与计划生育支出", values=v(total=0),
                                        locator=Locator(page=1, line=60))),
         {"table": "general_public", "code": "210"}, Severity.WARNING),
    Case("classification.local-codes",
         _seq(*(_add_row("general_public_basic", Row(code=code, name=name, values=v(total=0),
                                                     locator=Locator(page=1, line=98)))
                for code, name in (("30288", "自编甲"), ("30289", "自编乙"), ("30290", "自编丙")))),
         {"table": "general_public_basic", "code": "30288"}, Severity.WARNING),
    # completeness
    Case("completeness.required-tables", _drop_table("three_public"), {"table": "three_public"}),
    Case("completeness.empty-table-note",
         _seq(lambda d: setattr(table(d, "gov_fund"), "note", None),
              lambda d: replace_paragraph(d, 220, "国有资本经营预算支出情况表为空表，本部门无此类支出。")),
         {"table": "gov_fund"}, Severity.WARNING),
    Case("completeness.sections", lambda d: replace_paragraph(d, 221, "九、其他"),
         {}, Severity.WARNING),
    Case("completeness.section-numbering",
         lambda d: replace_paragraph(d, 213, "七、国有资产占用情况说明"),
         {"line": 213}, Severity.WARNING),
    # placeholder
    Case("placeholder.template-text",
         lambda d: replace_paragraph(d, 208, "2021年机关运行经费安排70.00万元，比上年增加5.00万元，"
                                              "主要原因是；"),
         {"line": 208}),
    # magnitude
    Case("magnitude.unit-slip", lambda d: replace_fact(d, "operating_cost", 7_000_000_000),
         {"fact": "operating_cost", "line": 208}),
    Case("magnitude.beyond-total",
         lambda d: set_value(d, "three_public", "vehicle_purchase", "amount", 800_000_000),
         {"table": "three_public", "item": "vehicle_purchase"}),
    Case("magnitude.indicator-amount",
         lambda d: setattr(table(d, "performance_target").rows[0].indicators[0],  # type: ignore[index]
                           "target", "=122586100 万元"),
         {"table": "performance_target", "item": "政务网络运维项目"}),
    # a form printing 单位:万元 over figures recognition read in 元
    Case("magnitude.mislabelled-unit",
         _seq(lambda d: setattr(table(d, "performance_target"), "unit", "万元"),
              lambda d: setattr(table(d, "performance_target"), "figures_unit", "元")),
         {"table": "performance_target"}),
    # plausibility
    Case("plausibility.procurement-above-total",
         _seq(lambda d: set_value(d, "procurement", "total", "amount", 11_000_000),
              lambda d: set_value(d, "procurement", "运维服务", "amount", 10_949_400),
              lambda d: set_value(d, "procurement", "运维服务", "unit_price", 10_949_400)),
         {"table": "procurement", "item": "total"}, Severity.WARNING),
    Case("plausibility.execution-rate", _set_evaluation(executed="30100", rate="100.33"),
         {"table": "performance_evaluation", "column": "rate"}, Severity.WARNING),
    Case("plausibility.negative-amount",
         lambda d: set_value(d, "assets", "equipment_large", "value", -1),
         {"table": "assets", "item": "equipment_large"}, Severity.WARNING),
    Case("plausibility.score-above-weight", _set_indicator(0, weight="5"),
         {"table": "performance_evaluation"}, Severity.WARNING),
]


def second_printing(doc: Document, type_: str, total: int) -> Table:
    """A second printing of a table whose 合计 differs: the same figure printed twice."""
    src = table(doc, type_)
    rows = [Row(item=r.item, code=r.code, name=r.name, values=dict(r.values), locator=r.locator)
            for r in src.rows]
    rows[0].values["total"] = Decimal(total)
    return Table(type_, src.title, rows, unit=src.unit, locator=Locator(page=1, line=70))


def test_every_rule_has_a_planted_case() -> None:
    assert sorted(c.rule for c in CASES) == sorted(r.id for r in selected_rules())


@pytest.mark.parametrize("case", CASES, ids=str)
def test_planted_error_is_found_in_place(case: Case) -> None:
    doc = clean_document()
    case.plant(doc)
    report = run_audit(doc)
    assert report.errors == []
    mine = [f for f in report.findings if f.rule == case.rule]
    assert mine, f"{case.rule} missed its planted error; found {report.flatten(['rule'])}"
    def placed(f: Finding) -> bool:
        first = f.locations[0] if f.locations else None
        return all(first is not None and getattr(first, k) == want
                   for k, want in case.where.items())

    at_place = [f for f in mine if placed(f)]
    assert at_place, f"{case.rule} found elsewhere: {[f.locations[:1] for f in mine]}"
    assert at_place[0].severity == case.severity

