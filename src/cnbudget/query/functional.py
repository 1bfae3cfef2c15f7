"""A disclosure's expenditure by functional classification as a tree: 类 → 款 → 项,
each with its printed name and amount (exact yuan), read from the table `compare`
takes the 类 from (metrics.CATEGORY_SOURCES: the expenditure table, else the general
public budget table), in the first file of the disclosure that prints it, as printed
(never summed across files). A row whose parent is not printed stands at the top."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import Connection, func, select

from cnbudget.normalise.codes import parent_code
from cnbudget.query.compare import CELLS
from cnbudget.query.metrics import CATEGORY_SOURCES
from cnbudget.store.schema import documents, line_items, table_rows, tables


@dataclass(slots=True)
class FunctionalNode:
    code: str
    name: str | None
    amount: Decimal | None
    children: list[FunctionalNode] = field(default_factory=list)


def functional_tree(conn: Connection, disclosure_id: int) -> list[FunctionalNode]:
    """The 类 of the disclosure, each with its 款 and their 项, in printed order."""
    for source in CATEGORY_SOURCES:
        query = (
            select(tables.c.id, table_rows.c.code, table_rows.c.name, line_items.c.column,
                   line_items.c.amount)
            .select_from(CELLS)
            .where(documents.c.disclosure_id == disclosure_id, documents.c.current.is_(True),
                   tables.c.type == source.table, table_rows.c.code.is_not(None),
                   func.length(table_rows.c.code).in_((3, 5, 7)),
                   line_items.c.column.in_(source.columns))
            .order_by(documents.c.id, tables.c.position, table_rows.c.row_no)
        )
        rows = conn.execute(query).all()
        if rows:
            first = rows[0].id  # one table: the first printed
            return _tree([(r.code, r.name, r.column, r.amount) for r in rows if r.id == first],
                         source.columns)
    return []


def _tree(cells: list[tuple[str, str | None, str, Decimal | None]],
          columns: tuple[str, ...]) -> list[FunctionalNode]:
    """(code, name, column, amount) cells in printed order, nested by code."""
    amounts: dict[str, dict[str, Decimal | None]] = {}
    names: dict[str, str | None] = {}
    for code, name, column, amount in cells:
        amounts.setdefault(code, {})[column] = amount
        names.setdefault(code, name)
    nodes: dict[str, FunctionalNode] = {}
    top: list[FunctionalNode] = []
    for code, by_column in amounts.items():  # printed order (dicts keep it)
        amount = next((by_column[c] for c in columns if by_column.get(c) is not None), None)
        node = nodes[code] = FunctionalNode(code, names[code], amount)
        parent = nodes.get(parent_code(code) or "")
        (parent.children if parent is not None else top).append(node)
    return top
