"""Arithmetic of the item tables: 三公, procurement, projects, assets."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from cnbudget.audit.column_sums import check_column, unequal_in_column
from cnbudget.audit.describe import at_row, column_name, in_table
from cnbudget.audit.rule import AuditContext, rule
from cnbudget.audit.sums import Mismatch, check_sum
from cnbudget.audit.tables import total_row
from cnbudget.audit.tolerance import agrees, precision
from cnbudget.model.document import Category, Document, Finding, Row, Severity, Table
from cnbudget.model.table_types import THREE_PUBLIC_ITEMS as NAMES

A = Category.ARITHMETIC


def _three_public_columns(table: Table) -> list[str]:
    return [c for c in ("amount", "budget", "final") if any(c in r.values for r in table.rows)]


def _item_sum_finding(table: Table, column: str, total_item: str, parts: list[str],
                      m: Mismatch) -> Finding:
    """A 三公 item that is not the sum of its parts, at the item's cell."""
    row = table.row_by_item(total_item)
    assert row is not None
    shown = " + ".join(NAMES.get(p, p) for p in parts)
    return three_public_parts.finding(
        unequal_in_column(table, column, NAMES.get(total_item, total_item), m.actual,
                          f"{shown} = {in_table(m.expected, table)}"),
        at_row(table, row, column), expected=m.expected, actual=m.actual,
                    near=m.near, printed_unit=table.unit,
    )


@rule(
    "arithmetic.three-public-parts", A, Severity.ERROR,
    title_zh="“三公”经费合计 = 出国 + 公务用车 + 接待；公务用车 = 购置 + 运行",
    title_en="Three public expenses add up",
    description_zh="“三公”经费表：合计等于因公出国(境)费、公务用车购置及运行费、公务接待费"
                   "之和（表中另列会议费、培训费的，计入与否任一口径相符即可）；公务用车"
                   "购置及运行费等于购置费与运行维护费之和；“三公”经费另有小计时，表的合计等于"
                   "小计与会议费、培训费之和。预算数、决算数各列分别检查。",
    description_en="three_public: total = outbound + vehicle + reception (meeting and "
                   "training accepted inside or outside the total where printed); vehicle "
                   "= purchase + operation; where the 三公 group prints its own 小计, the "
                   "table's 合计 (grand_total) = that total + meeting + training; every amount "
                   "column separately.",
    table_types=("three_public",),
)
def three_public_parts(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    for table in doc.tables_of("three_public"):
        slack = precision(table)
        items = {r.item for r in table.rows}
        for column in _three_public_columns(table):
            def v(item: str, column: str = column, table: Table = table) -> Decimal | None:
                row = table.row_by_item(item)
                return row.values.get(column) if row else None

            vehicle = ["vehicle"] if "vehicle" in items else ["vehicle_purchase", "vehicle_operation"]
            base = ["outbound", *vehicle, "reception"]
            extra = [i for i in ("meeting", "training") if i in items]
            readings = [base, base + extra] if extra else [base]
            total = v("total")
            results = [check_sum(total, [v(i) for i in r], slack) for r in readings]
            if results and all(m is not None for m in results):
                m = results[0]
                assert m is not None
                yield _item_sum_finding(table, column, "total", readings[0], m)
            if "vehicle" in items:
                parts = ["vehicle_purchase", "vehicle_operation"]
                m = check_sum(v("vehicle"), [v(i) for i in parts], slack)
                if m:
                    yield _item_sum_finding(table, column, "vehicle", parts, m)
            if "grand_total" in items:
                parts = ["total", *extra]
                m = check_sum(v("grand_total"), [v(i) for i in parts], slack)
                if m:
                    yield _item_sum_finding(table, column, "grand_total", parts, m)


def _lines(table: Table) -> list[Row]:
    """Printed lines of an item table, without its 合计 and 小计 rows."""
    return [r for r in table.rows
            if r.item != "total" and "小计" not in (r.name or "") and r.unit_code is None]


def _levels_add_up(listed: Decimal, total: Decimal, slack: Decimal) -> bool:
    """A table printing category and project subtotals among its lines adds up to
    the total once per level: Σ lines = k × total for k levels (up to 4)."""
    return total > 0 and any(abs(listed - k * total) <= slack * k for k in range(2, 5))


@rule(
    "arithmetic.procurement-total", A, Severity.ERROR,
    title_zh="政府采购合计 = 各采购行之和",
    title_en="Procurement total = sum of its lines",
    description_zh="政府采购表合计行的金额（及数量）等于各采购行之和；表中列有品目、项目"
                   "小计行时，各层级分别加总等于合计（各行之和为合计的整数倍）。",
    description_en="The procurement table's total row (amount and quantity) equals the "
                   "sum of its lines; where category and project subtotal lines are printed "
                   "among them, each level adds up to the total (Σ lines = k × total).",
    table_types=("procurement",),
)
def procurement_total(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    for table in doc.tables_of("procurement"):
        total = total_row(table)
        if total is None:
            continue
        lines = _lines(table)
        for column, slack in (("amount", precision(table)), ("quantity", None)):
            each = slack if slack is not None else Decimal(0)  # quantities are counts: exact
            m = check_column(total, lines, column, each)
            if m and _levels_add_up(m.expected, m.actual, m.slack):
                continue
            if m and column == "amount" and any(r.name and r.values.get("amount") is None
                                                for r in lines):
                continue  # a named line without its amount: the lines are not all read
            if m:
                shown = (in_table(m.actual, table), in_table(m.expected, table)) if slack else \
                    (f"{m.actual:f}", f"{m.expected:f}")
                yield procurement_total.finding(
                    f"{table.title}合计{column_name(table, column)} {shown[0]} ≠ "
                    f"{len(lines)} 个采购行之和 {shown[1]}",
                    at_row(table, total, column), expected=m.expected, actual=m.actual,
                    near=m.near, unit="元" if slack is not None else "个",
                    printed_unit=table.unit if slack is not None else None,
                )


@rule(
    "arithmetic.procurement-line", A, Severity.ERROR,
    title_zh="采购行金额 = 数量 × 单价",
    title_en="Procurement line amount = quantity × unit price",
    description_zh="政府采购表中同时列示数量和单价的行，金额等于数量乘以单价（单价的"
                   "舍入误差按数量放大）。",
    description_en="Where a procurement line prints quantity and unit price, its amount "
                   "equals their product (unit-price rounding scaled by the quantity).",
    table_types=("procurement",),
)
def procurement_line(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    for table in doc.tables_of("procurement"):
        slack = precision(table)
        for row in _lines(table):
            q, price, amount = (row.values.get(k) for k in ("quantity", "unit_price", "amount"))
            if q is None or price is None or amount is None or q == 0:
                continue
            expected = q * price
            if not agrees(expected, amount, slack(amount) + slack(price) * abs(q)):
                yield procurement_line.finding(
                    f"{table.title}“{row.name or row.item}”：金额 {in_table(amount, table)} ≠ "
                    f"数量 {q:f} × 单价 {in_table(price, table)} = {in_table(expected, table)}",
                    at_row(table, row, "amount"), expected=expected, actual=amount,
                    printed_unit=table.unit,
                )


@rule(
    "arithmetic.project-total", A, Severity.ERROR,
    title_zh="项目支出表合计 = 各项目之和",
    title_en="Project table total = sum of projects",
    description_zh="项目支出表合计行等于各项目金额之和。",
    description_en="The project expenditure table's total equals the sum of its projects.",
    table_types=("project_expenditure",),
)
def project_total(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    for table in doc.tables_of("project_expenditure"):
        total = total_row(table)
        if total is None:
            continue
        lines = _lines(table)
        for column in [c for c, v in total.values.items() if v is not None]:
            m = check_column(total, lines, column, precision(table))
            if m:
                yield project_total.finding(
                    f"{table.title}合计{column_name(table, column)} {in_table(m.actual, table)} ≠ "
                    f"{len(lines)} 个项目之和 {in_table(m.expected, table)}",
                    at_row(table, total, column), expected=m.expected, actual=m.actual,
                    near=m.near, printed_unit=table.unit,
                )


ASSET_PARTS = ("buildings", "vehicles", "equipment_large", "other_fixed_assets")


@rule(
    "arithmetic.assets-total", A, Severity.ERROR,
    title_zh="资产合计 = 房屋 + 车辆 + 大型设备 + 其他固定资产",
    title_en="Assets total = buildings + vehicles + large equipment + other",
    description_zh="资产占用情况表列示全部四个组成部分时，合计金额等于其之和"
                   "（办公用房是房屋的一部分，不重复计入）。",
    description_en="Where the assets table prints all four parts, the total value equals "
                   "their sum (office space is part of buildings and not added again).",
    table_types=("assets",),
)
def assets_total(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    for table in doc.tables_of("assets"):
        total = table.row_by_item("total")
        rows = [table.row_by_item(i) for i in ASSET_PARTS]
        if total is None or any(r is None for r in rows):
            continue
        values = [r.values.get("value") for r in rows if r is not None]
        m = check_sum(total.values.get("value"), values, precision(table))
        if m:
            yield assets_total.finding(
                f"{table.title}合计金额 {in_table(m.actual, table)} ≠ 房屋、车辆、大型设备与"
                f"其他固定资产之和 {in_table(m.expected, table)}",
                at_row(table, total, "value"), expected=m.expected, actual=m.actual,
                    near=m.near, printed_unit=table.unit,
            )
