"""Which table figures a narrative fact may be quoting.

A narrative says "支出预算 9653.46 万元" without naming the table; the same
quantity is printed in several (收支总表, 支出总表, 一般公共预算支出表). A fact
is consistent when it agrees with any of its readings; it is compared with
the first one otherwise. Also shared by the magnitude rule (unit slips).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from cnbudget.audit.figures import Figure, Reading, disagreement, figure
from cnbudget.audit.tables import total_row
from cnbudget.audit.tolerance import agrees, fact_slack
from cnbudget.model.document import Document, Fact, Kind, Table

UNIT_SLIPS = (Decimal(10000), Decimal(1) / Decimal(10000))


def _item(doc: Document, type_: str, side: str, item: str, column: str = "amount") -> Figure | None:
    table = doc.table(type_)
    return figure(table, table.row_by_item(item, side) if table else None, column)


def _total(doc: Document, type_: str, column: str = "total") -> Figure | None:
    table = doc.table(type_)
    return figure(table, total_row(table) if table else None, column)


def _codes(table: Table | None, prefixes: tuple[str, ...]) -> Reading | None:
    """Σ of the 类 rows of the given prefixes (economic 301 + 303 = 人员经费)."""
    if table is None:
        return None
    figs = [f for p in prefixes for r in table.rows if r.code == p
            for f in (figure(table, r, "total"),) if f]
    return figs or None


def _basic_table(doc: Document) -> Table | None:
    return doc.table("general_public_basic") or doc.table("fiscal_basic")


def _three_public(doc: Document, item: str) -> list[Reading | None]:
    table = doc.table("three_public")
    row = table.row_by_item(item) if table else None
    columns = ("final", "amount") if doc.meta.kind == Kind.FINAL_ACCOUNT else ("amount", "budget")
    return [[f] if f else None for c in columns for f in (figure(table, row, c),)]


def _one(f: Figure | None) -> Reading | None:
    return [f] if f else None


READINGS: dict[str, Callable[[Document], list[Reading | None]]] = {
    "income_total": lambda d: [
        _one(_item(d, "summary", "income", "income_total")),
        _one(_item(d, "summary", "income", "grand_total")),
        _one(_total(d, "income")),
        _one(_item(d, "fiscal_summary", "income", "income_total")),
    ],
    "expenditure_total": lambda d: [
        _one(_item(d, "summary", "expenditure", "expenditure_total")),
        _one(_item(d, "summary", "expenditure", "grand_total")),
        _one(_total(d, "expenditure")),
        _one(_total(d, "general_public")),
        _one(_item(d, "fiscal_summary", "expenditure", "expenditure_total")),
    ],
    # 收、支总计: the 总计 of either side of the summary (they are equal when it balances)
    "grand_total": lambda d: [
        _one(_item(d, "summary", "income", "grand_total")),
        _one(_item(d, "summary", "expenditure", "grand_total")),
        _one(_total(d, "income")),
    ],
    "basic": lambda d: [
        _one(_total(d, "expenditure", "basic")),
        _one(_item(d, "summary", "expenditure", "basic")),
        _one(_total(d, "general_public", "basic")),
        _one(_total(d, "general_public_basic")),
        _one(_item(d, "fiscal_summary", "expenditure", "basic")),
    ],
    "project": lambda d: [
        _one(_total(d, "expenditure", "project")),
        _one(_item(d, "summary", "expenditure", "project")),
        _one(_total(d, "general_public", "project")),
        _one(_item(d, "fiscal_summary", "expenditure", "project")),
    ],
    "personnel": lambda d: [
        _one(_total(d, "general_public_basic", "personnel")),
        _one(_total(d, "fiscal_basic", "personnel")),
        _codes(_basic_table(d), ("301", "303")),
    ],
    "public": lambda d: [
        _one(_total(d, "general_public_basic", "public")),
        _one(_total(d, "fiscal_basic", "public")),
        _codes(_basic_table(d), ("302", "310")),
    ],
    "three_public_total": lambda d: _three_public(d, "total"),
    "outbound": lambda d: _three_public(d, "outbound"),
    "vehicle_purchase": lambda d: _three_public(d, "vehicle_purchase"),
    "vehicle_operation": lambda d: _three_public(d, "vehicle_operation"),
    "reception": lambda d: _three_public(d, "reception"),
    "operating_cost": lambda d: [_one(_total(d, "operating_cost", "amount"))],
    "procurement_total": lambda d: [_one(_total(d, "procurement", "amount"))],
}


@dataclass(frozen=True, slots=True)
class FactMismatch:
    fact: Fact
    reading: Reading  # the first reading, the one reported
    unit_slip: Decimal | None  # ×10000 or ÷10000 when that explains the difference


def fact_mismatches(doc: Document) -> Iterator[FactMismatch]:
    for fact in doc.facts:
        get = READINGS.get(fact.key)
        if get is None or fact.subject is not None:
            continue
        readings = [r for r in get(doc) if r]
        if not readings:
            continue
        bad = disagreement(fact.value, fact_slack(fact), readings)
        if bad is None:
            continue
        target = sum((f.value for f in bad), Decimal(0))
        slip = next((k for k in UNIT_SLIPS
                     if target != 0 and agrees(fact.value * k, target,
                                               fact_slack(fact) * k + bad[0].slack)), None)
        yield FactMismatch(fact, bad, slip)
