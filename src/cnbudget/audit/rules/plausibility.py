"""Legal but suspicious figures: warnings for a person to look at."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from cnbudget.audit.describe import at_fact, at_row, cell, in_fact_unit, in_table, wan
from cnbudget.audit.figures import figure
from cnbudget.audit.rule import AuditContext, rule
from cnbudget.audit.tables import document_total, total_row
from cnbudget.audit.tolerance import fact_unit
from cnbudget.model.document import Category, Document, Finding, Row, Severity, Table
from cnbudget.model.table_types import NON_AMOUNT_COLUMNS

P = Category.PLAUSIBILITY
HUNDRED = Decimal(100)


@rule(
    "plausibility.procurement-above-total", P, Severity.WARNING,
    title_zh="政府采购超过全年支出",
    title_en="Procurement above total expenditure",
    description_zh="政府采购总额（表或说明）大于全年收支总额。",
    description_en="The procurement total (table or narrative) exceeds the document's "
                   "overall total.",
)
def procurement_above_total(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    total = document_total(doc)
    if total is None:
        return
    table = doc.table("procurement")
    f = figure(table, total_row(table), "amount") if table else None
    if f is not None and f.value > total + f.slack:
        yield procurement_above_total.finding(
            f"{f.shown} 大于全年总额 {wan(total)}", f.location,
            expected=total, actual=f.value, printed_unit=f.table.unit,
        )
    for fact in doc.facts_of("procurement_total"):
        if fact.value > total:
            yield procurement_above_total.finding(
                f"情况说明政府采购 {in_fact_unit(fact.value, fact)} 大于全年总额 "
                f"{wan(total)}", at_fact(fact), expected=total, actual=fact.value,
                printed_unit=fact_unit(fact),
            )


def _evaluated(table: Table, row: Row) -> str:
    """A self-evaluation row as findings name it: the table and the project or item."""
    return f"{table.title}“{row.item or table.subject or ''}”"


@rule(
    "plausibility.execution-rate", P, Severity.WARNING,
    title_zh="预算执行率超过 100%",
    title_en="Execution rate above 100 %",
    description_zh="绩效自评表的预算执行率超过 100%，或执行数大于预算数。",
    description_en="A self-evaluation's execution rate above 100 %, or executed above budget.",
    table_types=("performance_evaluation",),
)
def execution_rate(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    for table in doc.tables_of("performance_evaluation"):
        for row in table.rows:
            rate, budget, executed = (row.values.get(k) for k in ("rate", "budget", "executed"))
            if rate is not None and rate > HUNDRED:
                yield execution_rate.finding(
                    f"{_evaluated(table, row)}预算执行率 {rate}% 超过 100%",
                    at_row(table, row, "rate"), actual=rate, unit="%",
                )
            elif budget is not None and executed is not None and executed > budget:
                yield execution_rate.finding(
                    f"{cell(table, row, 'executed')} 大于预算数 {in_table(budget, table)}",
                    at_row(table, row, "executed"),
                    expected=budget, actual=executed, printed_unit=table.unit,
                )


# Columns that may legitimately be negative (a deficit carried forward).
SIGNED_COLUMNS = frozenset({"carryover", "carryover_begin", "carryover_end"})
SIGNED_ITEMS = frozenset({"carryover_begin", "carryover_end", "use_of_reserves",
                          "surplus_distribution"})
# printed balance columns a table type keeps as `extra:` (一般公共预算支出决算表's 年初结转和结余)
SIGNED_WORDS = ("结转", "结余")


def _signed(column: str) -> bool:
    return column in SIGNED_COLUMNS or (column.startswith("extra:") and any(w in column for w in SIGNED_WORDS))


@rule(
    "plausibility.negative-amount", P, Severity.WARNING,
    title_zh="负数金额",
    title_en="Negative amount",
    description_zh="收入、支出、“三公”等不应为负的金额出现负数（结转结余列除外）。",
    description_en="A negative amount where none can be (carry-over columns excepted).",
)
def negative_amount(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    for table in doc.tables:
        for row in table.rows:
            if row.item in SIGNED_ITEMS:
                continue
            for column, value in row.values.items():
                if value is None or value >= 0 or _signed(column) or \
                        column in NON_AMOUNT_COLUMNS:
                    continue
                yield negative_amount.finding(
                    f"{cell(table, row, column)} 为负数", at_row(table, row, column),
                    actual=value, printed_unit=table.unit,
                )
    for fact in doc.facts:
        if fact.value < 0 and not fact.key.startswith(("change_", "budget_change_")):
            yield negative_amount.finding(
                f"情况说明 {in_fact_unit(fact.value, fact)}（“{fact.text}”）为负数",
                at_fact(fact), actual=fact.value, unit=fact.unit,
                printed_unit=fact_unit(fact) if fact.unit == "元" else None,
            )


@rule(
    "plausibility.score-above-weight", P, Severity.WARNING,
    title_zh="指标得分超过分值",
    title_en="Indicator score above its weight",
    description_zh="绩效自评表中某项指标得分大于该指标分值，或总分超过 100 分。",
    description_en="An indicator scored above its weight, or a total score above 100.",
    table_types=("performance_evaluation",),
)
def score_above_weight(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    for table in doc.tables_of("performance_evaluation"):
        for row in table.rows:
            label = _evaluated(table, row)
            for ind in row.indicators or []:
                if ind.score is not None and ind.weight is not None and ind.score > ind.weight:
                    yield score_above_weight.finding(
                        f"{label}指标“{ind.level3 or ind.level2 or ''}”得分 {ind.score} 超过"
                        f"分值 {ind.weight}", at_row(table, row, "score"),
                        expected=ind.weight, actual=ind.score, unit="分",
                    )
            score = row.values.get("score")
            if score is not None and score > HUNDRED:
                yield score_above_weight.finding(
                    f"{label}总分 {score} 超过 100 分", at_row(table, row, "score"),
                    expected=HUNDRED, actual=score, unit="分",
                )
