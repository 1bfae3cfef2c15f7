"""Recover which column each printed amount belongs to when extraction lost it.

Space-split text keeps only the order of a row's amounts (empty cells vanish);
tab text sometimes drops an empty cell so the rest of the row slides left
(seed 003 附件5-1 row 2010302). The table's own arithmetic decides:

1. per row, every order-preserving placement of its cells into the value
   columns that satisfies the row's sums (total = basic + project; a group =
   Σ its sub-columns), nearest to the printed order first;
2. across rows, the hierarchy: a parent row equals the sum of its child rows
   in every column (合计 = Σ 类, 类 = Σ 款, 款 = Σ 项), and a column empty in
   the parent is empty in its children.

What cannot be decided stays in printed order and is reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations, product
from math import comb

from cnbudget.recognise.tables.coded_header import Relation

Vector = tuple[Decimal | None, ...]

_MAX_PLACEMENTS = 20000
_MAX_COMBOS = 4096


@dataclass(frozen=True, slots=True)
class Amount:
    value: Decimal | None  # None: printed empty / empty mark
    ulp: Decimal  # one unit of the last printed digit, in yuan (rounding slack)


@dataclass(slots=True)
class RowCells:
    """One row's amounts as printed and how far their places can be trusted."""

    cells: list[Amount]
    # positions lost (space-split text); otherwise (tab, grid) the printed
    # places stand unless the row's sums fail, as when a cell was dropped
    movable: bool
    candidates: list[tuple[Vector, tuple[Decimal, ...], int]] = field(default_factory=list)

    def as_printed(self, width: int) -> tuple[Vector, tuple[Decimal, ...]]:
        vals: list[Decimal | None] = [None] * width
        ulps: list[Decimal] = [Decimal(0)] * width
        for i, cell in enumerate(self.cells[:width]):
            vals[i], ulps[i] = cell.value, cell.ulp
        return tuple(vals), tuple(ulps)


@dataclass(slots=True)
class Solved:
    values: list[Vector]
    moved: list[bool]  # the row's cells were placed away from their printed order
    ambiguous: list[bool]  # several placements fit the sums: printed order was kept


def _holds(vals: Vector, ulps: Sequence[Decimal], rel: tuple[int, tuple[int, ...]]) -> bool:
    whole, parts = rel
    figures = [whole, *parts]
    if all(vals[i] is None for i in figures):
        return True
    total = sum((vals[i] or Decimal(0) for i in parts), Decimal(0))
    slack = sum((ulps[i] for i in figures if vals[i] is not None), Decimal(0)) / 2
    return abs((vals[whole] or Decimal(0)) - total) <= slack


def _trim(cells: list[Amount]) -> list[Amount]:
    end = len(cells)
    while end and cells[end - 1].value is None:
        end -= 1
    return cells[:end]


def row_candidates(row: RowCells, width: int, rels: list[tuple[int, tuple[int, ...]]]) -> None:
    """Fill `row.candidates`: placements satisfying the row's sums, printed order first."""
    printed = row.as_printed(width)
    if not rels:
        row.candidates = [(*printed, 0)]
        return
    if not row.movable and all(_holds(printed[0], printed[1], r) for r in rels):
        row.candidates = [(*printed, 0)]
        return
    cells = _trim(row.cells)
    m = len(cells)
    if m > width or comb(width, m) > _MAX_PLACEMENTS:
        row.candidates = [(*printed, 0)]
        return
    found: list[tuple[Vector, tuple[Decimal, ...], int]] = []
    for places in combinations(range(width), m):
        vals: list[Decimal | None] = [None] * width
        ulps: list[Decimal] = [Decimal(0)] * width
        for cell, place in zip(cells, places, strict=True):
            vals[place], ulps[place] = cell.value, cell.ulp
        vec = tuple(vals)
        if all(_holds(vec, ulps, r) for r in rels):
            found.append((vec, tuple(ulps), sum(p - i for i, p in enumerate(places))))
    found.sort(key=lambda c: c[2])
    row.candidates = _distinct(found) or [(*printed, 0)]


def _distinct(found: list[tuple[Vector, tuple[Decimal, ...], int]]) -> list[tuple[Vector, tuple[Decimal, ...], int]]:
    seen: set[Vector] = set()
    out = []
    for cand in found:
        if cand[0] not in seen:
            seen.add(cand[0])
            out.append(cand)
    return out


def _sums_hold(parent: tuple[Vector, tuple[Decimal, ...], int],
               children: Sequence[tuple[Vector, tuple[Decimal, ...], int]], width: int) -> bool:
    for col in range(width):
        figures = [parent, *children]
        if all(f[0][col] is None for f in figures):
            continue
        total = sum((c[0][col] or Decimal(0) for c in children), Decimal(0))
        slack = sum((f[1][col] for f in figures if f[0][col] is not None), Decimal(0)) / 2
        if abs((parent[0][col] or Decimal(0)) - total) > slack:
            return False
    return True


def _restrict_by_emptiness(parent: RowCells, children: list[RowCells], width: int) -> bool:
    """A column empty in a settled parent is empty in its children, and a
    settled child with an amount in a column needs one in its parent."""
    changed = False
    if len(parent.candidates) == 1:
        pvals = parent.candidates[0][0]
        for child in children:
            keep = [c for c in child.candidates
                    if all(pvals[i] is not None or not c[0][i] for i in range(width))]
            if keep and len(keep) < len(child.candidates):
                child.candidates, changed = keep, True
    for child in children:
        if len(child.candidates) != 1:
            continue
        cvals = child.candidates[0][0]
        keep = [p for p in parent.candidates
                if all(p[0][i] is not None or not cvals[i] for i in range(width))]
        if keep and len(keep) < len(parent.candidates):
            parent.candidates, changed = keep, True
    return changed


def _restrict_by_sums(parent: RowCells, children: list[RowCells], width: int) -> bool:
    members = [parent, *children]
    if all(len(m.candidates) == 1 for m in members):
        return False
    size = 1
    for m in members:
        size *= len(m.candidates)
    if size > _MAX_COMBOS:
        return False
    used: list[set[int]] = [set() for _ in members]
    for combo in product(*(range(len(m.candidates)) for m in members)):
        chosen = [m.candidates[i] for m, i in zip(members, combo, strict=True)]
        if _sums_hold(chosen[0], chosen[1:], width):
            for slot, i in enumerate(combo):
                used[slot].add(i)
    if not used[0]:
        return False  # the printed figures do not add up whatever the placement
    changed = False
    for m, keep in zip(members, used, strict=True):
        if len(keep) < len(m.candidates):
            m.candidates = [c for i, c in enumerate(m.candidates) if i in keep]
            changed = True
    return changed


def solve(rows: list[RowCells], width: int, relations: list[Relation], keys: list[str],
          groups: list[tuple[int, list[int]]], anchors: list[int]) -> Solved:
    """Place every row's cells; `groups` are (parent row, child rows) by index,
    `anchors` the rows to settle first when the sums leave a choice (合计, then 类 …)."""
    index = {k: i for i, k in enumerate(keys)}
    rels = [(index[r.whole], tuple(index[p] for p in r.parts)) for r in relations
            if r.whole in index and all(p in index for p in r.parts)]
    rels = _trusted(rows, width, rels)
    for row in rows:
        row_candidates(row, width, rels)
    defaulted = [False] * len(rows)
    while True:
        _propagate(rows, groups, width)
        open_rows = [i for i in anchors if len(rows[i].candidates) > 1]
        open_rows += [i for i, r in enumerate(rows) if len(r.candidates) > 1 and i not in open_rows]
        if not open_rows:
            break
        # nothing more follows from the sums: take the printed order for the
        # highest open row and let its children follow from it
        first = open_rows[0]
        rows[first].candidates = rows[first].candidates[:1]
        defaulted[first] = True
    values, moved = [], []
    for row in rows:
        vec, _ulps, shift = row.candidates[0]
        values.append(vec)
        moved.append(shift > 0 and vec != row.as_printed(width)[0])
    return Solved(values, moved, defaulted)


def _propagate(rows: list[RowCells], groups: list[tuple[int, list[int]]], width: int) -> None:
    for _ in range(12):
        changed = False
        for parent, children in groups:
            members = [rows[i] for i in children]
            changed |= _restrict_by_emptiness(rows[parent], members, width)
            changed |= _restrict_by_sums(rows[parent], members, width)
        if not changed:
            return


def _trusted(rows: list[RowCells], width: int,
             rels: list[tuple[int, tuple[int, ...]]]) -> list[tuple[int, tuple[int, ...]]]:
    """Drop a sum the table's reliably placed rows mostly break: the header
    was read as columns that do not add up this way."""
    out = []
    for rel in rels:
        tested = broken = 0
        for row in rows:
            if row.movable:
                continue
            vals, ulps = row.as_printed(width)
            if vals[rel[0]] is None:
                continue
            tested += 1
            broken += not _holds(vals, ulps, rel)
        if tested == 0 or broken * 2 <= tested:
            out.append(rel)
    return out
