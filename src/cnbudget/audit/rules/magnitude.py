"""Figures off by a unit factor, or larger than the whole document can hold."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from cnbudget.audit.describe import amount, at_fact, at_row, at_table, cell, in_fact_unit, wan
from cnbudget.audit.fact_readings import fact_mismatches
from cnbudget.audit.figures import reading_shown, reading_value
from cnbudget.audit.rule import AuditContext, rule
from cnbudget.audit.tables import document_total
from cnbudget.audit.tolerance import fact_slack, fact_unit, table_slack
from cnbudget.model.document import Category, Document, Finding, FindingLocation, Severity
from cnbudget.normalise.amounts import to_yuan
from cnbudget.normalise.text import nfkc

M = Category.MAGNITUDE


@rule(
    "magnitude.unit-slip", M, Severity.ERROR,
    title_zh="单位错位（相差一万倍）",
    title_en="Unit slip (10,000× off)",
    description_zh="情况说明中的数字与表中对应数字正好相差一万倍（元与万元混用）。",
    description_en="A narrative figure is exactly 10,000× (or 1/10,000) the table figure "
                   "it states (元 and 万元 confused).",
)
def unit_slip(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    for m in fact_mismatches(doc):
        if m.unit_slip is None:
            continue
        yield unit_slip.finding(
            f"情况说明 {in_fact_unit(m.fact.value, m.fact)}（“{m.fact.text}”）与 "
            f"{reading_shown(m.reading)} 相差 {'一万倍' if m.unit_slip > 1 else '万分之一'}，"
            "疑为单位错误",
            at_fact(m.fact), *(f.location for f in m.reading),
            expected=reading_value(m.reading), actual=m.fact.value,
            printed_unit=fact_unit(m.fact),
        )


# Tables whose every figure is part of the year's spending: none may exceed the total.
PART_TABLES = ("three_public", "project_expenditure", "operating_cost")
# Performance tables may quote a multi-year project's whole budget, so only a
# figure far beyond the year's total (a unit slip) is certainly wrong there.
PERFORMANCE_TABLES = ("performance_target", "performance_evaluation")
FAR_BEYOND = Decimal(100)
AMOUNT_FACTS = ("income_total", "expenditure_total", "basic", "project", "personnel", "public",
                "three_public_total", "outbound", "vehicle_purchase", "vehicle_operation",
                "reception", "operating_cost")


def _factor_note(value: Decimal, total: Decimal) -> str:
    return "（除以一万后在合理范围内，疑为单位错误）" if value / 10000 <= total else ""


@rule(
    "magnitude.beyond-total", M, Severity.ERROR,
    title_zh="数字超过全年总额",
    title_en="A figure larger than the document's total",
    description_zh="“三公”经费、项目金额、机关运行经费或情况说明中的支出数字大于文件的"
                   "全年收支总额，不可能成立；绩效表金额可能是跨年度项目总额，超过全年总额"
                   "一百倍以上才报告（单位错误）。",
    description_en="A 三公, project, operating-cost or narrative spending figure larger "
                   "than the document's overall total, which cannot be; performance-table "
                   "amounts may be a multi-year project's total, so only those beyond 100× "
                   "the year's total (a unit slip) are reported.",
)
def beyond_total(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    total = document_total(doc)
    if total is None:
        return
    shown_total = wan(total)
    for table in doc.tables:
        if table.type not in PART_TABLES + PERFORMANCE_TABLES:
            continue
        limit = total * (FAR_BEYOND if table.type in PERFORMANCE_TABLES else 1) + \
            table_slack(table)
        for row in table.rows:
            for column, value in row.values.items():
                if column in ("rate", "score", "quantity") or value is None:
                    continue
                if value > limit:
                    yield beyond_total.finding(
                        f"{cell(table, row, column)} 大于全年总额 {shown_total}"
                        f"{_factor_note(value, total)}",
                        at_row(table, row, column), expected=total, actual=value,
                        printed_unit=table.unit,
                    )
    for fact in doc.facts:
        if fact.key in AMOUNT_FACTS and fact.subject is None and \
                fact.value > total + fact_slack(fact):
            yield beyond_total.finding(
                f"情况说明 {in_fact_unit(fact.value, fact)}（“{fact.text}”）大于全年总额 "
                f"{shown_total}{_factor_note(fact.value, total)}",
                at_fact(fact), expected=total, actual=fact.value, printed_unit=fact_unit(fact),
            )


@rule(
    "magnitude.mislabelled-unit", M, Severity.ERROR,
    title_zh="表头单位与数字不符",
    title_en="A table's printed unit is not its figures' unit",
    description_zh="表上印有“单位：万元”，但数字以元计：表内文字以元写明同一数字，或按万元读"
                   "则超过全年总额一千倍而按元读则合理。数字已按元读取，表头单位应更正。",
    description_en="A table prints 单位:万元 over figures in 元: its own text states the same "
                   "figure in 元, or read in 万元 they exceed the year's total a thousandfold "
                   "while in 元 they fit. The figures are read in 元; the printed unit should "
                   "be corrected.",
)
def mislabelled_unit(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    reported: set[tuple[str, str | None]] = set()
    for table in doc.tables:
        if table.figures_unit is None or table.figures_unit == table.unit:
            continue
        if table.subject is not None:
            # a project form's grids stand under the form's one unit line: reported once
            if (table.subject, table.unit) in reported:
                continue
            reported.add((table.subject, table.unit))
        subject = f"（{table.subject}）" if table.subject else ""
        yield mislabelled_unit.finding(
            f"{table.title}{subject} 印有“单位：{table.unit}”，但其数字以{table.figures_unit}计，"
            f"已按{table.figures_unit}读取；表头单位应更正",
            at_table(table),
        )


_AMOUNT_IN_TEXT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(亿元|万元|元)")


@rule(
    "magnitude.indicator-amount", M, Severity.ERROR,
    title_zh="绩效指标金额超过全年总额",
    title_en="A performance indicator amount beyond the total",
    description_zh="绩效目标或自评表的指标值中写明的金额（如成本指标）超过文件全年收支"
                   "总额的一百倍，必是单位写错（如“=122586100 万元”）；跨年度项目总额可以"
                   "大于全年总额，故不以全年总额为界。",
    description_en="An amount written in a performance indicator (e.g. a cost target) "
                   "beyond 100× the document's overall total: a unit slip "
                   "(“=122586100 万元”); a multi-year project may exceed one year's total, "
                   "so that alone is not reported.",
    table_types=("performance_target", "performance_evaluation"),
)
def indicator_amount(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    total = document_total(doc)
    if total is None:
        return
    for table in doc.tables:
        for row in table.rows:
            for ind in row.indicators or []:
                for text in (ind.target, ind.actual):
                    for m in _AMOUNT_IN_TEXT.finditer(nfkc(text or "")):
                        value = to_yuan(Decimal(m.group(1).replace(",", "")), m.group(2))
                        if value is None or value <= total * FAR_BEYOND:
                            continue
                        loc = row.locator or table.locator
                        name = ind.level3 or ind.level2 or ""
                        yield indicator_amount.finding(
                            f"{table.title}“{row.item or table.subject or ''}”指标“{name}”"
                            f"的指标值“{text}”折合 {amount(value, '万元')}，是全年总额 "
                            f"{wan(total)} 的一百倍以上{_factor_note(value, total)}",
                            FindingLocation(table=table.type, title=table.title, item=row.item,
                                            page=loc.page if loc else None,
                                            line=loc.line if loc else None, quote=text),
                            expected=total, actual=value, printed_unit="万元",
                        )

