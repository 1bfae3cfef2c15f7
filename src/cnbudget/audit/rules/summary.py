"""Arithmetic of the two summary tables (收支总表, 财政拨款收支总表)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from itertools import product

from cnbudget.audit.column_sums import unequal_in_column
from cnbudget.audit.describe import at_row, at_table, in_table
from cnbudget.audit.rule import AuditContext, Rule, rule
from cnbudget.audit.rules.arithmetic import income_readings
from cnbudget.audit.sums import Mismatch, check_row, check_sum, row_sum_message
from cnbudget.audit.tables import has_item, side_values
from cnbudget.audit.tolerance import Precision, Verdict, precision, verdict
from cnbudget.model.document import Category, Document, Finding, Row, Severity, Table
from cnbudget.model.table_types import SUMMARY_EXPENDITURE_ITEMS, SUMMARY_INCOME_ITEMS

A = Category.ARITHMETIC
SUMMARIES = ("summary", "fiscal_summary")

INCOME_SIDE = ("income_total", "use_of_reserves", "carryover_begin")
EXPENDITURE_SIDE = ("expenditure_total", "surplus_distribution", "carryover_end")


def _columns(table: Table) -> list[str]:
    return [c for c in ("amount", "general", "fund", "state_capital")
            if any(c in r.values for r in table.rows)]


def _row(table: Table, side: str, item: str) -> Row | None:
    return table.row_by_item(item, side)


def _unread_rows(table: Table, side: str, column: str) -> bool:
    """Rows of a side printed with a value the recogniser could not name (单位预留机动
    经费, 其他资金, a subtotal): the named items may then fall short of a total."""
    return any(r.side == side and r.item is None and r.values.get(column)
               for r in table.rows)


def _name(side: str, item: str) -> str:
    names = SUMMARY_INCOME_ITEMS if side == "income" else SUMMARY_EXPENDITURE_ITEMS
    return names.get(item, item)


def _side_total_finding(rule_: Rule, table: Table, total: Row, column: str, m: Mismatch,
                        parts: str) -> Iterator[Finding]:
    """A side's 本年合计 that is not the sum of its `parts`. Parts short of the total
    are passed over where the side has rows the recogniser could not name."""
    side, item = total.side or "", total.item or ""
    if m.expected < m.actual and _unread_rows(table, side, column):
        return
    yield rule_.finding(
        unequal_in_column(table, column, _name(side, item), m.actual, parts),
        at_row(table, total, column), expected=m.expected, actual=m.actual,
                    near=m.near, printed_unit=table.unit,
    )


def _any_reading_agrees(total_values: Sequence[Decimal], part_values: Sequence[Sequence[Decimal]],
                        slack: Precision) -> bool:
    """Items printed twice (a two-column summary) agree if any pairing adds up."""
    for total in total_values:
        for parts in product(*[p or [Decimal(0)] for p in part_values]):
            if check_sum(total, list(parts), slack) is None:
                return True
    return False


@rule(
    "arithmetic.summary-balance", A, Severity.ERROR,
    title_zh="收支总表两侧平衡",
    title_en="Summary sides balance",
    description_zh="收入合计 + 使用结余 + 年初结转 = 收入总计；支出合计 + 结余分配 + "
                   "年末结转 = 支出总计；两侧总计相等。财政拨款收支总表各列同样检查。",
    description_en="income_total + use_of_reserves + carryover_begin = grand_total = "
                   "expenditure_total + surplus_distribution + carryover_end, in every "
                   "amount column of both summary tables.",
    table_types=SUMMARIES,
)
def summary_balance(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    for table in summary_balance.tables(doc):
        slack = precision(table)
        for column in _columns(table):
            grand: dict[str, list[Decimal]] = {}
            for side, items in (("income", INCOME_SIDE), ("expenditure", EXPENDITURE_SIDE)):
                grand[side] = side_values(table, side, "grand_total", column)
                if not grand[side] or not has_item(table, side, items[0]):
                    continue
                parts = [side_values(table, side, i, column) for i in items]
                if not parts[0] or _any_reading_agrees(grand[side], parts, slack):
                    continue
                shown = " + ".join(f"{_name(side, i)} {in_table(p[0], table)}"
                                   for i, p in zip(items, parts, strict=True) if p)
                expected = sum((p[0] for p in parts if p), Decimal(0))
                m = check_sum(grand[side][0], [p[0] if p else None for p in parts], slack)
                row = _row(table, side, "grand_total")
                assert row is not None
                yield summary_balance.finding(
                    unequal_in_column(table, column, _name(side, "grand_total"), grand[side][0],
                                      f"{shown} = {in_table(expected, table)}"),
                    at_row(table, row, column), expected=expected, actual=grand[side][0],
                    near=m is not None and m.near, printed_unit=table.unit,
                )
            if grand.get("income") and grand.get("expenditure"):
                inc, exp = grand["income"][0], grand["expenditure"][0]
                sides = verdict(inc, exp, slack(inc) + slack(exp))
                if sides is not Verdict.AGREES:
                    yield summary_balance.finding(
                        unequal_in_column(table, column, "收入总计", inc,
                                          f"支出总计 {in_table(exp, table)}"),
                        at_table(table), expected=inc, actual=exp,
                        near=sides is Verdict.NEAR, printed_unit=table.unit,
                    )


INCOME_SOURCES = ("fiscal", "fiscal_general", "fiscal_fund", "fiscal_state_capital",
                  "special_account", "superior_subsidy", "business", "operating",
                  "subsidiary_remittance", "other")


@rule(
    "arithmetic.summary-income-sources", A, Severity.ERROR,
    title_zh="本年收入合计 = 各项收入之和",
    title_en="Income total = sum of income items",
    description_zh="收支总表收入栏：本年收入合计等于财政拨款、事业收入等各项收入之和"
                   "（财政拨款合并或分列，任一口径相符即可；表中另有未识别的收入行时，只检查"
                   "各项之和是否超过合计）。",
    description_en="Summary income side: income_total equals the sum of the income items "
                   "(fiscal undivided or split by fund: either reading is accepted; where the "
                   "side has rows the recogniser could not name, only a sum above the total "
                   "is reported).",
    table_types=SUMMARIES,
)
def summary_income_sources(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    for table in summary_income_sources.tables(doc):
        slack = precision(table)
        total = _row(table, "income", "income_total")
        present = [i for i in INCOME_SOURCES if has_item(table, "income", i)]
        if total is None or not present:
            continue
        for column in _columns(table):
            values = {i: (side_values(table, "income", i, column) or [None])[0] for i in present}
            readings = income_readings(present)
            results = [check_sum(total.values.get(column), [values[i] for i in r], slack)
                       for r in readings]
            if any(m is None for m in results):
                continue
            m = results[0]
            assert m is not None
            shown = " + ".join(f"{_name('income', i)} {in_table(values[i], table)}"
                               for i in readings[0] if values[i] is not None)
            yield from _side_total_finding(summary_income_sources, table, total, column, m,
                                           f"{shown} = {in_table(m.expected, table)}")


@rule(
    "arithmetic.summary-expenditure-parts", A, Severity.ERROR,
    title_zh="本年支出合计 = 各功能类 / 经济类 / 基本 + 项目",
    title_en="Expenditure total = its categories",
    description_zh="收支总表支出栏：本年支出合计等于按功能分类列示的各类支出之和、"
                   "基本支出与项目支出之和；按经济分类列示的各类之和等于支出合计"
                   "（或仅覆盖基本支出的模板中等于基本支出）。表中另有未识别的支出行（如单位"
                   "预留机动经费）时，只检查各部分之和是否超过合计。",
    description_en="Summary expenditure side: expenditure_total equals the sum of the "
                   "functional categories (func:*), basic + project, and the sum of the "
                   "economic categories (econ:*; or basic, where the template lists only "
                   "basic expenditure by economic category). Where the side has rows the "
                   "recogniser could not name (reserve funds), only sums above the total "
                   "are reported.",
    table_types=SUMMARIES,
)
def summary_expenditure_parts(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    for table in summary_expenditure_parts.tables(doc):
        slack = precision(table)
        total = _row(table, "expenditure", "expenditure_total")
        if total is None:
            continue
        for column in _columns(table):
            totals = side_values(table, "expenditure", "expenditure_total", column)
            if not totals:
                continue
            rows = [r for r in table.rows if r.side == "expenditure" and r.item]
            groups = {
                "功能分类各类": [r for r in rows if r.item and r.item.startswith("func:")],
                "经济分类各类": [r for r in rows if r.item and r.item.startswith("econ:")],
                "基本支出与项目支出": [r for r in rows if r.item in ("basic", "project")],
            }
            basic = side_values(table, "expenditure", "basic", column)
            for label, parts in groups.items():
                values = [r.values.get(column) for r in parts]
                if not parts or all(v is None for v in values):
                    continue
                targets = totals + (basic if label == "经济分类各类" else [])
                if any(check_sum(t, values, slack) is None for t in targets):
                    continue
                m = check_sum(totals[0], values, slack)
                assert m is not None
                yield from _side_total_finding(summary_expenditure_parts, table, total, column,
                                               m, f"{label}之和 {in_table(m.expected, table)}")


@rule(
    "arithmetic.fiscal-summary-columns", A, Severity.ERROR,
    title_zh="财政拨款收支总表：合计 = 一般公共预算 + 政府性基金 + 国有资本经营",
    title_en="Fiscal summary: amount = general + fund + state capital",
    description_zh="财政拨款收支总表每一行的合计列等于三本预算各列之和。",
    description_en="In the fiscal summary each row's amount equals general + fund + "
                   "state capital columns.",
    table_types=("fiscal_summary",),
)
def fiscal_summary_columns(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    parts = ("general", "fund", "state_capital")
    for table in doc.tables_of("fiscal_summary"):
        slack = precision(table)
        for row in table.rows:
            m = check_row(row, "amount", parts, slack)
            if m:
                yield fiscal_summary_columns.finding(
                    row_sum_message(table, row, "amount", parts, m),
                    at_row(table, row, "amount"), expected=m.expected, actual=m.actual,
                    near=m.near, printed_unit=table.unit,
                )
