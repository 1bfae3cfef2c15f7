"""Arithmetic of the classification tables: row totals and column totals."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from cnbudget.audit.column_sums import check_column
from cnbudget.audit.describe import at_row, column_name, in_table, row_name
from cnbudget.audit.rule import AuditContext, rule
from cnbudget.audit.sums import check_row, check_sum, row_sum_message
from cnbudget.audit.tables import (
    ECONOMIC_TABLES,
    FUNCTIONAL_TABLES,
    blocks,
    repeats_codes,
    roots,
    top_units,
    total_row,
    unit_groups,
)
from cnbudget.audit.tolerance import Precision, agrees, precision
from cnbudget.model.document import Category, Document, Finding, Row, Severity, Table

A = Category.ARITHMETIC

BASIC_PROJECT_TABLES = ("expenditure", "general_public", "gov_fund", "state_capital",
                        "fiscal_expenditure")
EXPENDITURE_PARTS = ("basic", "project", "remit_superior", "operating", "subsidy_subsidiary")


@rule(
    "arithmetic.row-basic-project", A, Severity.ERROR,
    title_zh="行合计 = 基本支出 + 项目支出",
    title_en="Row total = basic + project expenditure",
    description_zh="支出类表格每一行的合计等于基本支出、项目支出（及决算表的上缴上级、"
                   "经营、对附属单位补助支出）之和，允许每个数字半个末位的舍入误差。表中另有"
                   "未识别的列（如单位预留机动经费）时，只检查各部分之和是否超过合计。",
    description_en="In every expenditure-type table each row's total equals basic + "
                   "project (+ remittances, operating and subsidiary subsidies in final "
                   "accounts), within half a unit of the last printed digit per figure. "
                   "Where the table has columns beyond these (e.g. reserve funds), only "
                   "parts above the total are reported.",
    table_types=BASIC_PROJECT_TABLES,
)
def row_basic_project(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    for table in row_basic_project.tables(doc):
        slack = precision(table)
        for row in table.rows:
            parts = [c for c in EXPENDITURE_PARTS if c in row.values]
            m = check_row(row, "total", parts, slack)
            if m and m.expected < m.actual and _printed_extras(row):
                continue  # the rest may be in a column the catalogue does not know
            if m:
                yield row_basic_project.finding(
                    row_sum_message(table, row, "total", parts, m),
                    at_row(table, row, "total"), expected=m.expected, actual=m.actual,
                    near=m.near, printed_unit=table.unit,
                )


def _printed_extras(row: Row) -> bool:
    """Values in columns beyond the table type's (kept as ``extra:<header>``)."""
    return any(k.startswith("extra:") and v for k, v in row.values.items())


@rule(
    "arithmetic.row-personnel-public", A, Severity.ERROR,
    title_zh="行合计 = 人员经费 + 公用经费",
    title_en="Row total = personnel + public expenses",
    description_zh="基本支出表每一行的合计等于人员经费与公用经费之和。",
    description_en="In basic-expenditure tables each row's total equals personnel + public.",
    table_types=("general_public_basic", "fiscal_basic"),
)
def row_personnel_public(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    for table in row_personnel_public.tables(doc):
        slack = precision(table)
        for row in table.rows:
            m = check_row(row, "total", ("personnel", "public"), slack)
            if m:
                yield row_personnel_public.finding(
                    row_sum_message(table, row, "total", ("personnel", "public"), m),
                    at_row(table, row, "total"), expected=m.expected, actual=m.actual,
                    near=m.near, printed_unit=table.unit,
                )


INCOME_OTHERS = ("special_account", "superior_subsidy", "business", "operating",
                 "subsidiary_remittance", "other")


def income_readings(present: Sequence[str]) -> list[list[str]]:
    """The ways an income row's sources may add up to its total.

    Templates print 财政拨款 undivided or split by fund (一般公共预算/政府性基金/
    国有资本经营), sometimes both with one as 其中; and 上年结转 is inside the
    total in some templates and beside it in others. A row is consistent when
    any reading adds up; the first reading is the one reported otherwise.
    """
    others = [c for c in INCOME_OTHERS if c in present]
    split = [c for c in ("fiscal_general", "fiscal_fund", "fiscal_state_capital") if c in present]
    fiscal_ways = [w for w in (["fiscal"] if "fiscal" in present else [], split) if w] or [[]]
    carry_ways = [["carryover"], []] if "carryover" in present else [[]]
    return [f + others + c for c in carry_ways for f in fiscal_ways]


@rule(
    "arithmetic.income-sources", A, Severity.ERROR,
    title_zh="收入合计 = 各项收入之和",
    title_en="Income total = sum of sources",
    description_zh="收入总表每一行的合计等于财政拨款、事业收入、其他收入等各来源之和"
                   "（财政拨款分列或合并、上年结转计入与否，任一口径相符即可）。",
    description_en="In the income table each row's total equals the sum of its sources "
                   "(fiscal undivided or split by fund; carry-over inside or beside the "
                   "total: any consistent reading is accepted).",
    table_types=("income",),
)
def income_sources(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    for table in doc.tables_of("income"):
        slack = precision(table)
        for row in table.rows:
            readings = income_readings(list(row.values))
            results = [(parts, check_row(row, "total", parts, slack)) for parts in readings]
            if any(m is None for _, m in results):
                continue
            parts, m = results[0]
            assert m is not None
            yield income_sources.finding(
                row_sum_message(table, row, "total", parts, m),
                at_row(table, row, "total"), expected=m.expected, actual=m.actual,
                    near=m.near, printed_unit=table.unit,
            )


@rule(
    "arithmetic.column-total", A, Severity.ERROR,
    title_zh="合计行 = 各科目行之和",
    title_en="Total row = sum of the classification rows",
    description_zh="功能分类和经济分类表的合计行（或单位行）等于其下最高一级科目行之和；"
                   "最上一级单位行（按单位列示的表、分单位列示的各块）之和等于合计行。",
    description_en="In functional and economic tables the 合计 row (or a sub-unit row) "
                   "equals the sum of the top-level code rows below it; the top-level "
                   "sub-unit rows (of a table by unit, or of its blocks by unit) add up to "
                   "the 合计 row.",
    table_types=FUNCTIONAL_TABLES + ECONOMIC_TABLES,
)
def column_total(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    for table in column_total.tables(doc):
        slack = precision(table)
        for block in blocks(table):
            anchor = block.anchor
            if anchor is None:
                continue
            top = roots(block.rows)
            columns = [c for c, v in anchor.values.items() if v is not None]
            if "total" not in anchor.values and {"personnel", "public"} <= set(columns):
                # the three-panel 基本支出决算明细表: rows carry totals, the
                # bottom line 人员经费合计 | 公用经费合计
                personnel, public = anchor.values["personnel"], anchor.values["public"]
                assert personnel is not None and public is not None
                values = [r.values.get("total") for r in top]
                m = check_sum(personnel + public, values, slack)
                # one more printed figure than check_sum counted: two bottom-line cells
                if m and not agrees(m.expected, m.actual, m.slack + slack(public)):
                    yield column_total.finding(
                        f"{table.title}：人员经费合计与公用经费合计之和 {in_table(m.actual, table)}"
                        f" ≠ 各科目合计之和 {in_table(m.expected, table)}",
                        at_row(table, anchor), expected=m.expected, actual=m.actual,
                    near=m.near, printed_unit=table.unit,
                    )
                continue
            yield from _anchor_vs_rows(table, anchor, top, "科目行", columns, slack)
        yield from _unit_rows(table, slack)


def _anchor_vs_rows(table: Table, anchor: Row, rows: list[Row], what: str,
                    columns: Iterable[str], slack: Precision) -> Iterator[Finding]:
    """`anchor`'s figures against the sum of `rows` (`what` they are), column by column."""
    for column in columns:
        m = check_column(anchor, rows, column, slack)
        if m:
            yield column_total.finding(
                f"{table.title}“{row_name(table, anchor)}”{column_name(table, column)} "
                f"{in_table(m.actual, table)} ≠ {len(rows)} 个{what}之和 "
                f"{in_table(m.expected, table)}",
                at_row(table, anchor, column), expected=m.expected, actual=m.actual,
                    near=m.near, printed_unit=table.unit,
            )


def _unit_rows(table: Table, slack: Precision) -> Iterator[Finding]:
    """The 合计 row against its top-level units (301, not 301001 under it: `hierarchy.unit-sums`
    checks those), in a table of unit blocks or a table by unit (no code rows)."""
    total = total_row(table)
    if not repeats_codes(table) and any(r.code for r in table.rows):
        return  # unit lines are shares of single rows, not blocks (see tables.blocks)
    groups = unit_groups(table)
    if total is None or len(groups) != 1:
        return
    yield from _anchor_vs_rows(table, total, top_units(groups[0]), "单位行", total.values, slack)
