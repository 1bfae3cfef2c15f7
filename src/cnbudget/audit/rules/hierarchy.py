"""Hierarchy of classification codes (类 = Σ款, 款 = Σ项) and of units (301 = 301001 +
301002), by code prefix."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from cnbudget.audit.describe import at_row, column_name, in_table, row_name
from cnbudget.audit.rule import AuditContext, Rule, rule
from cnbudget.audit.sums import check_sum
from cnbudget.audit.tables import ECONOMIC_TABLES, FUNCTIONAL_TABLES, blocks, unit_groups
from cnbudget.audit.tolerance import precision
from cnbudget.model.document import Category, Document, Finding, Row, Severity, Table

H = Category.HIERARCHY


def _below(rows: list[Row], parent: Row, code: Callable[[Row], str | None]) -> list[Row]:
    """The rows exactly one level below `parent` by `code` prefix (款 under 类, 项 under
    款, 301001 under 301).

    Where a 类 has no 款 rows printed but has 项 rows, the 项 rows are its
    children (some templates skip the middle level)."""
    own = code(parent)
    assert own is not None
    below = [r for r in rows if (c := code(r)) and c != own and c.startswith(own)]
    if not below:
        return []
    nearest = min(len(code(r) or "") for r in below)
    return [r for r in below if len(code(r) or "") == nearest]


def _sums(rule_: Rule, table: Table, groups: list[list[Row]], code: Callable[[Row], str | None],
          what: str) -> Iterator[Finding]:
    """Each row of each group against the sum of the rows one level below it, column by column."""
    slack = precision(table)
    for rows in groups:
        for parent in rows:
            children = _below(rows, parent, code) if code(parent) else []
            if not children:
                continue
            for column, value in parent.values.items():
                m = check_sum(value, [c.values.get(column) for c in children], slack)
                if m:
                    names = "、".join(code(c) or "" for c in children)
                    yield rule_.finding(
                        f"{table.title}“{row_name(table, parent)}”{column_name(table, column)} "
                        f"{in_table(m.actual, table)} ≠ {what} {names} 之和 "
                        f"{in_table(m.expected, table)}",
                        at_row(table, parent, column), expected=m.expected, actual=m.actual,
                        near=m.near, printed_unit=table.unit,
                    )


def _check(rule_: Rule, table: Table) -> Iterator[Finding]:
    yield from _sums(rule_, table, [b.rows for b in blocks(table)], lambda r: r.code, "下级科目")


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


@rule(
    "hierarchy.unit-sums", H, Severity.ERROR,
    title_zh="单位：上级单位 = Σ下属单位",
    title_en="Units: a parent unit = Σ its sub-units",
    description_zh="按单位列示的表格（单位编码行）中，编码是其他单位编码前缀的上级单位行"
                   "（如 301 部门）等于其下一级单位行（301001 本级、301002 下属单位）之和，逐列检查。"
                   "同一单位编码在表中出现多次（各科目下的单位份额）时，只在相邻的单位行之间比较。",
    description_en="In tables by unit (单位编码 rows) a unit whose code prefixes other units' "
                   "(301) equals the sum of the units one level below it (301001, 301002), "
                   "column by column. Where a unit code is printed more than once (each code "
                   "row's share by unit), only adjacent unit rows are compared.",
    table_types=FUNCTIONAL_TABLES + ECONOMIC_TABLES,
)
def unit_sums(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    for table in unit_sums.tables(doc):
        yield from _sums(unit_sums, table, unit_groups(table), lambda r: r.unit_code, "下属单位")
