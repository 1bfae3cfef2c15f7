"""How findings name things: printed values in the table's unit, and locations."""

from __future__ import annotations

from decimal import Decimal

from cnbudget.audit.tolerance import decimals_needed, fact_unit, table_decimals, unit_factor
from cnbudget.model.document import Fact, FindingLocation, Row, Table
from cnbudget.model.table_types import (
    SUMMARY_EXPENDITURE_ITEMS,
    SUMMARY_INCOME_ITEMS,
    THREE_PUBLIC_ITEMS,
    table_type,
)

_DEFAULT_DECIMALS = {"万元": 2, "千元": 2, "亿元": 2}


def amount(value: Decimal | None, unit: str | None, decimals: int = 0) -> str:
    """`value` (yuan) as printed in `unit`: ``40971100`` → ``4,097.11 万元``."""
    if value is None:
        return "（空）"
    shown = value / unit_factor(unit)
    places = max(decimals, _DEFAULT_DECIMALS.get(unit or "元", 0), decimals_needed(value, unit))
    return f"{shown:,.{places}f} {unit or '元'}"


def shown_figure(value: Decimal | None, unit: str = "元", printed_unit: str | None = None) -> str:
    """A finding's expected or actual figure as printed: an amount (yuan) in the unit
    it was printed in (``390.50 万元``), a rate as ``-22.21%``, a count with its unit."""
    if value is None:
        return "—"
    if unit == "元":
        return amount(value, printed_unit or "元")
    if unit == "%":
        return f"{value.normalize():f}%" if value == value.to_integral_value() else f"{value}%"
    return f"{value.normalize():f} {unit}" if value == value.to_integral_value() else f"{value} {unit}"


def wan(value: Decimal) -> str:
    """A reference figure (the document's total) in 万元 to two decimals; findings
    carry the exact yuan in `expected`/`actual`."""
    return f"{value / 10000:,.2f} 万元"


def in_table(value: Decimal | None, table: Table) -> str:
    return amount(value, table.unit, table_decimals(table))


def in_fact_unit(value: Decimal | None, fact: Fact) -> str:
    return amount(value, fact_unit(fact))


def column_name(table: Table, column: str) -> str:
    if column.startswith("extra:"):
        return column.removeprefix("extra:")
    tt = table_type(table.type)
    col = tt.column(column) if tt else None
    return col.header if col else column


def row_name(table: Table, row: Row) -> str:
    """A short printed label for a row: code and name, or the item's name."""
    if row.item == "total":
        return row.name or "合计"
    if row.code:
        return f"{row.code} {row.name}" if row.name else row.code
    if row.unit_code:
        return f"{row.unit_code} {row.name or ''}".strip()
    if row.name:
        return row.name
    item = row.item or "?"
    if table.type == "three_public":
        return THREE_PUBLIC_ITEMS.get(item, item)
    if row.side == "income":
        return SUMMARY_INCOME_ITEMS.get(item, item)
    return SUMMARY_EXPENDITURE_ITEMS.get(item, item)


def cell(table: Table, row: Row, column: str) -> str:
    """``部门支出总表 2010301 行政运行 基本支出 3.00 万元``."""
    return f"{table.title} {row_name(table, row)} {column_name(table, column)} " \
           f"{in_table(row.values.get(column), table)}"


def at_table(table: Table) -> FindingLocation:
    loc = table.locator
    return FindingLocation(
        table=table.type, title=table.title,
        page=loc.page if loc else None, line=loc.line if loc else None,
    )


def at_row(table: Table, row: Row, column: str | None = None) -> FindingLocation:
    loc = row.locator or table.locator
    return FindingLocation(
        table=table.type, title=table.title,
        item=row.item if row.code is None else None,
        code=row.code or row.unit_code,
        column=column,
        page=loc.page if loc else None, line=loc.line if loc else None,
        label=row_name(table, row),
    )


def at_fact(fact: Fact) -> FindingLocation:
    loc = fact.locator
    return FindingLocation(
        fact=fact.key, quote=fact.text,
        page=loc.page if loc else None, line=loc.line if loc else None,
    )


def at_text(text: str, page: int | None, line: int | None) -> FindingLocation:
    return FindingLocation(quote=text, page=page, line=line)
