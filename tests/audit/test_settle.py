"""What the rules found, settled: misread tables give reading problems, one cause is
reported once, the figures are shown in their units and places by their printed names."""

from __future__ import annotations

from decimal import Decimal

from cnbudget.audit import audit_document, run_audit
from cnbudget.audit.report import (
    figures_text,
    location_text,
    print_report,
    report_html,
    report_json,
)
from cnbudget.model.document import (
    Category,
    Fact,
    Finding,
    FindingLocation,
    Locator,
    Severity,
    Status,
)
from cnbudget.model.table_types import SUMMARY_INCOME_ITEMS, table_type
from tests.audit.builders import clean_document, replace_fact, set_value, table

MISREAD = "audit.rests-on-misread-table"


def test_a_finding_resting_on_a_misread_table_is_a_reading_problem() -> None:
    doc = clean_document()
    set_value(doc, "expenditure", "2010301", "total", 4_101_200)  # the row no longer adds up
    assert "arithmetic.row-basic-project" in run_audit(doc).rule_ids
    table(doc, "expenditure").misread = True
    report = run_audit(doc)
    rules_on_it = {f.rule for f in report.findings
                   if any(loc.table == "expenditure" for loc in f.locations)}
    assert rules_on_it == set()  # nothing the department is blamed for rests on the table
    problems = [p for p in report.problems if p.code == MISREAD]
    assert problems and all(dict(p.params)["title"] == "部门支出总体情况表" for p in problems)
    assert {dict(p.params)["rule"] for p in problems} >= {"arithmetic.row-basic-project"}
    assert all("不作为单位的错误" in p.message for p in problems)


def test_audit_document_records_the_reading_problems_once() -> None:
    doc = clean_document()
    set_value(doc, "expenditure", "2010301", "total", 4_101_200)
    table(doc, "expenditure").misread = True
    audit_document(doc)
    first = [p for p in doc.problems if p.code == MISREAD]
    audit_document(doc)  # again: the audit's problems are replaced, not added twice
    assert [p for p in doc.problems if p.code == MISREAD] == first and first
    assert doc.status is Status.PARTIAL
    data = report_json(run_audit(doc))
    assert sum(p["code"] == MISREAD for p in data["problems"]) == len(first)


def test_one_cause_at_two_severities_is_reported_once() -> None:
    """A narrative figure wrong against the table (error) and against its restatement
    (warning): one finding, both places."""
    doc = clean_document()
    replace_fact(doc, "basic", 4_811_200)  # 481.12 against 480.12 in the tables
    again = Fact("basic", Decimal(4_801_200), "元", "基本支出480.12万元", Locator(page=1, line=205),
                 printed_unit="万元")
    doc.facts.append(again)
    report = run_audit(doc)
    on_it = [f for f in report.findings if f.locations and f.locations[0].line == 203
             and f.locations[0].fact == "basic"]
    assert [f.rule for f in on_it] == ["text_vs_table.fact"]
    assert "text_internal.conflicting-facts" not in report.rule_ids
    assert any(loc.line == 205 for loc in on_it[0].locations)  # the restatement's place kept


def test_figures_are_shown_in_their_printed_unit() -> None:
    pct = Finding("text_internal.change-pct", Category.TEXT_INTERNAL, Severity.ERROR, "m",
                  Decimal("-22.21"), Decimal("-13.22"), unit="%")
    assert figures_text(pct) == "应为 -22.21%，实为 -13.22%"
    wan = Finding("arithmetic.row-basic-project", Category.ARITHMETIC, Severity.ERROR, "m",
                  Decimal(3_905_000), Decimal(3_895_000), printed_unit="万元")
    assert figures_text(wan) == "应为 390.50 万元，实为 389.50 万元"
    yuan = Finding("arithmetic.column-total", Category.ARITHMETIC, Severity.ERROR, "m",
                   Decimal(94_995_789), Decimal(94_995_799))
    assert figures_text(yuan) == "应为 94,995,789 元，实为 94,995,799 元"
    count = Finding("text_internal.conflicting-facts", Category.TEXT_INTERNAL, Severity.ERROR, "m",
                    Decimal(2), Decimal(1), unit="辆")
    assert figures_text(count) == "应为 2 辆，实为 1 辆"


def test_locations_name_tables_and_rows_as_printed() -> None:
    assert location_text(FindingLocation(table="state_capital")) == "国有资本经营预算支出表"
    # the catalogue's printed names, never the ids (收支总表, 一般公共预算财政拨款)
    assert location_text(FindingLocation(table="summary", item="fiscal_general", page=3)) == \
        f"{table_type('summary').name} · {SUMMARY_INCOME_ITEMS['fiscal_general']} · 第 3 页"
    doc = clean_document()
    set_value(doc, "expenditure", "2010301", "total", 4_101_200)
    f = next(f for f in run_audit(doc).findings if f.rule == "arithmetic.row-basic-project")
    shown = location_text(f.locations[0])
    assert "部门支出总体情况表" in shown and "2010301 行政运行" in shown and "合计" in shown
    assert "expenditure" not in shown


def test_a_single_part_is_not_summed_with_itself() -> None:
    """The issue's “合计 389.50 万元 ≠ 基本支出 390.50 万元 = 390.50 万元”."""
    doc = clean_document()
    set_value(doc, "expenditure", "2010301", "total", 3_895_000)
    set_value(doc, "expenditure", "2010301", "basic", 3_905_000)
    f = next(f for f in run_audit(doc).findings if f.rule == "arithmetic.row-basic-project")
    assert "389.50 万元 ≠ 基本支出 390.50 万元（项目支出未填）" in f.message
    assert "= 390.50" not in f.message
    assert f.unit == "元" and f.printed_unit == "万元"


def test_reports_show_units_and_the_policy(capsys: object) -> None:
    from rich.console import Console

    doc = clean_document()
    replace_fact(doc, "change_pct", "52.94", "income_total")
    report = run_audit(doc)
    html = report_html([report])
    assert "52.94%" in html and "52.94 元" not in html
    assert "错误：按印刷结果肯定有误" in html  # the severity policy is stated
    console = Console(record=True, width=200)
    print_report(report, console)
    text = console.export_text()
    assert "实为 52.94%" in text and " 元，实为" not in text
