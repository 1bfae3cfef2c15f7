"""Hierarchy of classification codes: 类 = Σ款, 款 = Σ项, by code prefix."""

from __future__ import annotations

from collections.abc import Iterator

from cnbudget.audit.describe import at_row, column_name, in_table, row_name
from cnbudget.audit.rule import AuditContext, Rule, rule
from cnbudget.audit.sums import check_sum
from cnbudget.audit.tables import ECONOMIC_TABLES, FUNCTIONAL_TABLES, blocks
from cnbudget.audit.tolerance import precision
from cnbudget.model.document import Category, Document, Finding, Row, Severity, Table

H = Category.HIERARCHY


def _children(rows: list[Row], parent: Row) -> list[Row]:
    """The rows exactly one level below `parent` (款 under 类, 项 under 款).

    Where a 类 has no 款 rows printed but has 项 rows, the 项 rows are its
    children (some templates skip the middle level)."""
    assert parent.code is not None
    code = parent.code
    below = [r for r in rows if r.code and r.code != code and r.code.startswith(code)]
    if not below:
        return []
    nearest = min(len(r.code or "") for r in below)
    return [r for r in below if len(r.code or "") == nearest]


def _check(rule_: Rule, table: Table) -> Iterator[Finding]:
    slack = precision(table)
    for block in blocks(table):
        for parent in block.rows:
            children = _children(block.rows, parent)
            if not children:
                continue
            for column, value in parent.values.items():
                m = check_sum(value, [c.values.get(column) for c in children], slack)
                if m:
                    names = "、".join(c.code or "" for c in children)
                    yield rule_.finding(
                        f"{table.title}“{row_name(table, parent)}”{column_name(table, column)} "
                        f"{in_table(m.actual, table)} ≠ 下级科目 {names} 之和 "
                        f"{in_table(m.expected, table)}",
                        at_row(table, parent, column), expected=m.expected, actual=m.actual,
                    near=m.near, printed_unit=table.unit,
                    )


@rule(
    "hierarchy.functional-sums", H, Severity.ERROR,
    title_zh="功能分类：类 = Σ款，款 = Σ项",
    title_en="Functional classification: 类 = Σ款, 款 = Σ项",
    description_zh="按支出功能分类列示的表格中，每个类（3 位）等于其下各款（5 位）之和，"
                   "每个款等于其下各项（7 位）之和，逐列检查。",
    description_en="In functional tables every 类 (3 digits) equals the sum of its 款 "
                   "(5 digits) and every 款 the sum of its 项 (7 digits), column by column.",
    table_types=FUNCTIONAL_TABLES,
)
def functional_sums(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    for table in doc.tables:
        if table.type in FUNCTIONAL_TABLES:
            yield from _check(functional_sums, table)


@rule(
    "hierarchy.economic-sums", H, Severity.ERROR,
    title_zh="经济分类：类 = Σ款",
    title_en="Economic classification: 类 = Σ款",
    description_zh="按支出经济分类列示的表格中，每个类（3 位）等于其下各款（5 位）之和。",
    description_en="In economic tables every 类 (3 digits) equals the sum of its 款 (5 digits).",
    table_types=ECONOMIC_TABLES,
)
def economic_sums(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    for table in doc.tables:
        if table.type in ECONOMIC_TABLES:
            yield from _check(economic_sums, table)
