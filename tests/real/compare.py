"""cnbudget's reading of a PDF against an expected table: what differs, one line each."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from cnbudget.model import Document, Row, Table
from tests.real.expected import Cell, ExpectedTable, RowKey, squash

SHOWN = 12  # mismatch lines shown per table; the count says how many there are


def tables_for(doc: Document, expected: ExpectedTable) -> list[Table]:
    """cnbudget's tables of the expected type that start on one of its pages."""
    return [t for t in doc.tables if t.type == expected.type and t.locator is not None
            and t.locator.page in expected.pages]


def _words(row: Row) -> str:
    return squash((row.name or "") + "".join(row.texts.values()))


def _matches(row: Row, key: RowKey) -> bool:
    if key.code is not None:
        return row.code == key.code
    if key.side is not None and row.side != key.side:
        return False
    if key.items:
        return row.item in key.items
    if key.names:
        return squash(row.name) in key.names
    return bool(key.texts) and all(t in _words(row) for t in key.texts)


class RowFinder:
    """Finds each expected row once, in printed order where rows repeat (采购 lines)."""

    def __init__(self, rows: list[Row]) -> None:
        self.rows = rows
        self.used: set[int] = set()
        self.cursor = 0

    def find(self, key: RowKey) -> Row | None:
        order = list(range(self.cursor, len(self.rows))) + list(range(self.cursor))
        for i in order:
            if i not in self.used and _matches(self.rows[i], key):
                if key.texts:
                    self.used.add(i)
                    self.cursor = i + 1
                return self.rows[i]
        return None


def _show(value: Decimal | None) -> str:
    return "empty" if value is None else f"{value} 元"


def _cell_problem(cell: Cell, finder: RowFinder) -> str | None:
    row = finder.find(cell.row)
    where = f"p.{cell.page} row {cell.row.describe()} / {cell.column}"
    wanted = f"{cell.printed or 'empty'} ({_show(cell.yuan)})"
    if row is None:
        return f"{where}: expected {wanted}, got no such row"
    if cell.column not in row.values:
        return f"{where}: expected {wanted}, got no column {cell.column} (row has {sorted(row.values)})"
    got = row.values[cell.column]
    if got != cell.yuan:
        return f"{where}: expected {wanted}, got {_show(got)}"
    return None


def mismatches(doc: Document, expected: ExpectedTable) -> list[str]:
    found = tables_for(doc, expected)
    if not found:
        there = sorted({f"{t.type}@p.{t.locator.page if t.locator else '?'}" for t in doc.tables
                        if t.locator and t.locator.page in expected.pages})
        return [f"no {expected.type} table on pages {list(expected.pages)} (cnbudget has {there})"]
    out = []
    if len(found) > 1:
        out.append(f"one printed table read as {len(found)} tables "
                   f"({[t.title for t in found]} on pages {[t.locator.page for t in found if t.locator]})")
    rows = [r for t in found for r in t.rows]
    got = Counter(v for r in rows for v in r.values.values() if v is not None)
    printed = Counter(c.yuan for c in expected.cells if c.yuan is not None)
    if expected.empty:
        if not all(t.empty for t in found):
            out.append("printed with no figure (空表), not marked empty")
    else:
        finder = RowFinder(rows)
        out += [p for c in expected.cells if (p := _cell_problem(c, finder))]
    for value, count in sorted((got - printed).items()):
        out.append(f"figure {value} 元 ×{count} is in cnbudget's table but not printed in it")
    return out


def report(expected: ExpectedTable, problems: list[str]) -> str:
    head = (f"{expected.file} p.{expected.pages[0]} {expected.type} 「{expected.title}」: "
            f"{len(problems)} problem(s) in {len(expected.cells)} printed cells")
    lines = problems[:SHOWN] + ([f"… and {len(problems) - SHOWN} more"] if len(problems) > SHOWN else [])
    return "\n  ".join([head, *lines])
