"""Reading the standard tables the way the rules need them.

Small views over `Table`/`Row`: the 合计 row, classification rows grouped by
the sub-unit block they are printed in, the roots of a code hierarchy, and
the document's overall size (for magnitude checks).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from cnbudget.model.document import Document, Row, Table

ZERO = Decimal(0)

FUNCTIONAL_TABLES = (
    "income", "expenditure", "general_public", "gov_fund", "state_capital",
    "fiscal_expenditure",
)
ECONOMIC_TABLES = ("general_public_basic", "fiscal_basic", "operating_cost")
# tables covering all of a department's money, and those covering appropriations only
ALL_FUNDS = ("summary", "income", "expenditure")
FISCAL_ONLY = ("fiscal_summary", "general_public", "fiscal_expenditure", "gov_fund",
               "state_capital")


def total_row(table: Table, side: str | None = None) -> Row | None:
    for row in table.rows:
        if row.item == "total" and row.code is None and row.side == side:
            return row
    return None


def side_values(table: Table, side: str, item: str, column: str = "amount") -> list[Decimal]:
    """Every printed value of a summary item (some templates print one twice)."""
    return [
        v for row in table.rows
        if row.side == side and row.item == item
        for v in (row.values.get(column),) if v is not None
    ]


def has_item(table: Table, side: str, item: str) -> bool:
    return any(r.side == side and r.item == item for r in table.rows)


def nz(value: Decimal | None) -> Decimal:
    """An empty cell counts as zero in sums (the contract's null)."""
    return ZERO if value is None else value


def ancestors(code: str) -> tuple[str, ...]:
    """Proper prefixes that are codes of higher levels: 2010301 → 20103, 201."""
    return tuple(code[:n] for n in (3, 5) if n < len(code))


def roots(rows: Iterable[Row]) -> list[Row]:
    """Code rows none of whose higher-level codes is printed among `rows`."""
    rows = [r for r in rows if r.code]
    codes = {r.code for r in rows}
    return [r for r in rows if r.code and not any(a in codes for a in ancestors(r.code))]


@dataclass(slots=True)
class Block:
    """Classification rows printed under one anchor: the 合计 row or a sub-unit row."""

    anchor: Row | None
    rows: list[Row]


def repeats_codes(table: Table) -> bool:
    codes = [r.code for r in table.rows if r.code]
    return len(set(codes)) < len(codes)


def blocks(table: Table) -> list[Block]:
    """The code rows under each anchor.

    Where no code repeats, the whole table is one hierarchy under its 合计 row,
    whatever sub-unit lines are interleaved (some templates print a unit line
    under each 项 with that unit's share of it). Where codes repeat, each unit
    prints its own block: rows before any sub-unit row belong to the 合计 row,
    those after a sub-unit row to that sub-unit. Blocks without code rows are
    dropped.
    """
    if not repeats_codes(table):
        rows = [r for r in table.rows if r.code]
        return [Block(total_row(table), rows)] if rows else []
    out = [Block(total_row(table), [])]
    for row in table.rows:
        if row.unit_code is not None:
            out.append(Block(row, []))
        elif row.code:
            out[-1].rows.append(row)
    return [b for b in out if b.rows]


def unit_groups(table: Table) -> list[list[Row]]:
    """The unit rows (单位编码) that belong together: all of them where each unit is
    printed once (a table by unit, or a block per unit), else each run of adjacent
    unit lines (a code row's share by unit, printed under it)."""
    units = [r for r in table.rows if r.unit_code is not None]
    if len({r.unit_code for r in units}) == len(units):
        return [units] if units else []
    runs: list[list[Row]] = []
    previous: Row | None = None
    for row in table.rows:
        if row.unit_code is not None:
            if previous is None or previous.unit_code is None:
                runs.append([])
            runs[-1].append(row)
        previous = row
    return runs


def top_units(units: list[Row]) -> list[Row]:
    """Units no other unit's code prefixes (301 of 301, 301001, 301002)."""
    codes = {u.unit_code for u in units}
    return [u for u in units if u.unit_code and not any(
        c and c != u.unit_code and u.unit_code.startswith(c) for c in codes)]


def document_total(doc: Document) -> Decimal | None:
    """The largest overall total the tables print: the scale nothing may exceed.

    Without those tables, the narrative's stated income or expenditure total."""
    candidates: list[Decimal] = []
    for table in doc.tables:
        if table.type in ("summary", "fiscal_summary"):
            for side in ("income", "expenditure"):
                candidates += side_values(table, side, "grand_total")
                candidates += side_values(table, side, "income_total")
                candidates += side_values(table, side, "expenditure_total")
        elif table.type in ("income", "expenditure"):
            row = total_row(table)
            if row is not None and row.values.get("total") is not None:
                candidates.append(row.values["total"] or ZERO)
    if not candidates:
        candidates = [f.value for f in doc.facts
                      if f.key in ("income_total", "expenditure_total") and f.subject is None]
    positive = [c for c in candidates if c > 0]
    return max(positive) if positive else None
