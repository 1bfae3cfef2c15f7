"""Arithmetic of the performance self-evaluation tables (项目支出绩效自评表)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from cnbudget.audit.describe import at_row, in_table
from cnbudget.audit.rule import AuditContext, rule
from cnbudget.audit.tolerance import HALF, agrees, decimals_needed, number_slack, table_slack
from cnbudget.model.document import Category, Document, Finding, Indicator, Row, Severity, Table

A = Category.ARITHMETIC
HUNDRED = Decimal(100)


def _rows(doc: Document) -> Iterator[tuple[Table, Row]]:
    for table in doc.tables_of("performance_evaluation"):
        for row in table.rows:
            if row.item != "total":
                yield table, row


def _label(table: Table, row: Row) -> str:
    return f"{table.title}“{row.texts.get('project') or row.item or table.subject or ''}”"


@rule(
    "arithmetic.performance-rate", A, Severity.ERROR,
    title_zh="预算执行率 = 执行数 / 预算数",
    title_en="Execution rate = executed / budget",
    description_zh="绩效自评表的预算执行率等于执行数除以预算数（考虑执行率、执行数、"
                   "预算数各自的舍入误差）。",
    description_en="A self-evaluation's execution rate equals executed / budget × 100, "
                   "allowing for the rounding of the rate, the executed and budget figures.",
    table_types=("performance_evaluation",),
)
def performance_rate(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    for table, row in _rows(doc):
        budget, executed, rate = (row.values.get(k) for k in ("budget", "executed", "rate"))
        if budget is None or executed is None or rate is None or budget <= 0:
            continue
        hb = he = table_slack(table)
        if budget - hb <= 0:
            continue
        low = max(executed - he, Decimal(0)) / (budget + hb) * HUNDRED
        high = (executed + he) / (budget - hb) * HUNDRED
        hr = number_slack(rate)
        if any(r + hr * k >= low and r - hr * k <= high
               for r, k in ((rate, 1), (rate * HUNDRED, HUNDRED))):
            continue
        expected = (executed / budget * HUNDRED).quantize(Decimal("0.01"))
        yield performance_rate.finding(
            f"{_label(table, row)}：预算执行率 {rate}% ≠ 执行数 {in_table(executed, table)} ÷ "
            f"预算数 {in_table(budget, table)} = {expected}%",
            at_row(table, row, "rate"), expected=expected, actual=rate, unit="%",
        )


def _scores(indicators: list[Indicator]) -> list[Decimal]:
    return [i.score for i in indicators if i.score is not None]


def _score_slack(values: list[Decimal]) -> Decimal:
    """Half a unit of the finest digit printed among a table's scores, per figure."""
    places = max((decimals_needed(v) for v in values), default=0)
    return HALF / (Decimal(10) ** places)


@rule(
    "arithmetic.performance-score", A, Severity.ERROR,
    title_zh="总分 = 各指标得分之和",
    title_en="Total score = sum of indicator scores",
    description_zh="绩效自评表的总分等于各指标得分之和（每个得分允许半个末位的舍入误差）；"
                   "有指标未列得分时，只检查得分之和是否超过总分。",
    description_en="A self-evaluation's total score equals the sum of its indicator scores "
                   "(half a unit of the finest printed digit per score); where an indicator "
                   "has no score printed, only a sum above the total is reported.",
    table_types=("performance_evaluation",),
)
def performance_score(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    for table, row in _rows(doc):
        total = row.values.get("score")
        scores = _scores(row.indicators or [])
        if total is None or not scores:
            continue
        each = _score_slack([*scores, total])
        expected = sum(scores, Decimal(0))
        if agrees(expected, total, each * (len(scores) + 1)):
            continue
        # an indicator printed without a score (or lost in extraction) leaves the
        # sum incomplete: then only scores adding up to more than the total are wrong
        complete = all(i.score is not None for i in row.indicators or [] if i.level3)
        if not complete and expected < total:
            continue
        yield performance_score.finding(
            f"{_label(table, row)}：总分 {total} ≠ {len(scores)} 项指标得分之和 {expected}",
            at_row(table, row, "score"), expected=expected, actual=total, unit="分",
        )


_WEIGHT_IN_NAME = re.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")


def _rate_indicator(indicators: list[Indicator]) -> Indicator | None:
    for ind in indicators:
        names = " ".join(x for x in (ind.level1, ind.level2, ind.level3) if x)
        if "预算执行率" in names and ind.score is not None:
            return ind
    return None


def _weight(ind: Indicator) -> Decimal | None:
    if ind.weight is not None:
        return ind.weight
    for text in (ind.level1, ind.level2):
        m = _WEIGHT_IN_NAME.search(text or "")
        if m:
            return Decimal(m.group(1))
    return None


@rule(
    "arithmetic.performance-rate-score", A, Severity.ERROR,
    title_zh="预算执行率得分 = 执行率 × 分值",
    title_en="Execution-rate score = rate × weight",
    description_zh="绩效自评表中预算执行率指标的得分等于执行率（超过 100% 按 100%）乘以"
                   "该指标分值。",
    description_en="The score of the execution-rate indicator equals the rate (capped at "
                   "100 %) times its weight.",
    table_types=("performance_evaluation",),
)
def performance_rate_score(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    for table, row in _rows(doc):
        rate = row.values.get("rate")
        ind = _rate_indicator(row.indicators or [])
        if rate is None or ind is None or ind.score is None:
            continue
        weight = _weight(ind)
        if weight is None:
            continue
        expected = (weight * min(rate, HUNDRED) / HUNDRED).quantize(Decimal("0.0001"))
        slack = number_slack(ind.score) + weight * number_slack(rate) / HUNDRED
        if agrees(expected, ind.score, slack):
            continue
        yield performance_rate_score.finding(
            f"{_label(table, row)}：预算执行率得分 {ind.score} ≠ 执行率 {rate}% × 分值 "
            f"{weight} = {expected.quantize(Decimal('0.01'))}",
            at_row(table, row, "score"), expected=expected, actual=ind.score, unit="分",
        )
