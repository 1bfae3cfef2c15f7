"""The table rows of a 功能分类 item a narrative statement names, and its statements.

A statement names its item by code, or by name and level (``行政运行（项）``), with
the levels above where it names them (``一般公共服务（类）政府办公厅（室）及相关机构事务（款）``).
The item's rows are the functional tables' rows of that code, or of that name at
that level; where a name recurs under several parents (行政运行 under every 款),
the parents the statement names choose among them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from cnbudget.audit.figures import Figure, figure
from cnbudget.audit.tables import FUNCTIONAL_TABLES, ancestors
from cnbudget.model.document import Document, Fact, FactScope, Locator, Row, Table
from cnbudget.normalise.text import fold

_PARENT = re.compile(r"[(（].*[)）]$")
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\d+[、.]|\([一二三四五六七八九十\d]+\))")
_CODE_LENGTH = {1: 3, 2: 5, 3: 7}


def name_key(name: str) -> str:
    """``一、一般公共服务支出`` and ``行政运行（政府办公厅（室）及相关机构事务）`` →
    ``一般公共服务``, ``行政运行``: how the narrative names them."""
    key = _NUMBERING.sub("", fold(name))
    key = _PARENT.sub("", key) or key
    return key.removesuffix("支出")


def _coded_rows(table: Table) -> Iterable[Row]:
    return (r for r in table.rows if r.code and r.unit_code is None)


def _matches(scope: FactScope, row: Row) -> bool:
    assert row.code is not None
    if scope.code is not None:
        return row.code == scope.code
    if scope.level is not None and len(row.code) != _CODE_LENGTH.get(scope.level, 0):
        return False
    return bool(row.name) and name_key(row.name or "") == name_key(scope.name or "")


def _parents_fit(table: Table, row: Row, parents: tuple[str, ...]) -> bool:
    """The levels the statement names above the item are the row's ancestors."""
    if not parents or row.code is None:
        return True
    above = {name_key(r.name or "") for r in _coded_rows(table)
             if r.code in ancestors(row.code or "")}
    return all(name_key(p) in above for p in parents) if above else True


def item_figures(doc: Document, scope: FactScope) -> list[Figure]:
    """The printed figures (column total) of the functional item a statement names,
    in every functional table printing it. An economic item's statement is part of a
    breakdown (of 基本支出, or of 项目支出) the tables do not print apart: none."""
    if scope.item != "functional":
        return []
    found: list[Figure] = []
    for table in doc.tables:
        if table.type not in FUNCTIONAL_TABLES:
            continue
        rows = [r for r in _coded_rows(table) if _matches(scope, r)]
        fitting = [r for r in rows if _parents_fit(table, r, scope.parents)] or rows
        found += [f for r in fitting for f in (figure(table, r, "total"),) if f]
    return found


@dataclass(slots=True)
class ItemStatement:
    """The facts of one statement about one item, by key."""

    scope: FactScope
    locator: Locator | None
    facts: dict[str, Fact]

    @property
    def first(self) -> Fact:
        return next(iter(self.facts.values()))


def item_statements(doc: Document) -> list[ItemStatement]:
    """Item facts grouped by statement: the same item, quoted from the same label."""
    groups: dict[tuple[FactScope, Locator | None], dict[str, Fact]] = defaultdict(dict)
    for fact in doc.facts:
        if fact.scope is not None and fact.item is not None:
            place = fact.locator.place if fact.locator is not None else None
            groups[(fact.scope, place)].setdefault(fact.key, fact)
    return [ItemStatement(scope, loc, facts) for (scope, loc), facts in groups.items()]


def item_label(scope: FactScope) -> str:
    """``行政运行（项）`` or ``2010301 行政运行``, as findings name the item."""
    level = {1: "（类）", 2: "（款）", 3: "（项）"}.get(scope.level or 0, "")
    name = f"{scope.name}{level}"
    return f"{scope.code} {name}" if scope.code else name
