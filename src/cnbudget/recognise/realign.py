"""Names read against the wrong codes, realigned where another reading fits.

A PDF whose cell text sits off its row's baseline (a wrapped name centred in a
tall cell) can give each coded row the name of the row above or below: 30202
咨询费, 30203 水费 … . `identities.verdict` calls such a table misread. Before
that verdict, the two readings a one-row slip allows are tried — the names moved
one row (the amounts stay with their codes), or the codes moved one row (the
amounts stay with their names) — and the one under which the names belong to
their codes and the table's own sums hold best is kept, reported as a recovered
reading. Where neither reading fits the names, the table is left as read.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from cnbudget.model import Problem, Row, Table
from cnbudget.model.problems import problem_of
from cnbudget.normalise.classification import kind_of_code, names_match
from cnbudget.recognise.identities import CODED, identities

MIN_WRONG = 3  # fewer names off their codes is a department's slip, not a shifted reading
SHOWN = 3


@dataclass(frozen=True, slots=True)
class _Reading:
    how: str  # zh: what moved
    rows: list[Row]
    names_fit: int
    sums_hold: int


def _fits(rows: list[Row], year: int | None) -> tuple[int, int]:
    """(names belonging to their codes, names judged)."""
    fit = judged = 0
    for row in rows:
        kind = kind_of_code(row.code or "") if row.code and row.name else None
        ok = names_match(kind, row.code or "", row.name or "", year) if kind else None
        if ok is not None:
            judged += 1
            fit += ok
    return fit, judged


def _holding(table: Table, rows: list[Row]) -> int:
    return sum(i.holds for i in identities(replace(table, rows=rows)))


def _coded_run(table: Table) -> list[int]:
    return [i for i, r in enumerate(table.rows) if r.code]


def _names_moved(table: Table, run: list[int], step: int) -> list[Row]:
    """Each coded row takes the name printed `step` coded rows away; the row at
    the end has none read (the name beside it is its neighbour's)."""
    rows = list(table.rows)
    for k, i in enumerate(run):
        j = k + step
        rows[i] = replace(rows[i], name=table.rows[run[j]].name if 0 <= j < len(run) else None)
    return rows


def _codes_moved(table: Table, run: list[int], step: int) -> list[Row]:
    """Each coded row (its name and amounts) takes the code printed `step` coded rows away."""
    rows = list(table.rows)
    for k, i in enumerate(run):
        j = k + step
        if 0 <= j < len(run):
            rows[i] = replace(rows[i], code=table.rows[run[j]].code)
    return rows


def realign_names(table: Table, year: int | None) -> Problem | None:
    """Realign a table whose names mostly belong to a neighbouring row's code."""
    if table.type not in CODED or table.empty or table.misread:
        return None
    run = _coded_run(table)
    fit, judged = _fits([table.rows[i] for i in run], year)
    if judged - fit < MIN_WRONG or (judged - fit) * 2 <= judged:
        return None
    candidates = [
        _Reading(how, rows, _fits([rows[i] for i in run], year)[0], _holding(table, rows))
        for step in (1, -1)
        for how, rows in (("名称移行", _names_moved(table, run, step)), ("编码移行", _codes_moved(table, run, step)))
    ]
    # a reading must pair most names with their codes and keep the sums as well as the one read;
    # of those, the one whose sums hold best (the amounts' own evidence of where they belong)
    held = _holding(table, table.rows)
    fitting = [c for c in candidates if c.names_fit * 2 > judged and c.names_fit > fit and c.sums_hold >= held]
    if not fitting:
        return None
    best = max(fitting, key=lambda c: (c.sums_hold, c.names_fit))
    changed = [(old, new) for old, new in zip(table.rows, best.rows, strict=True) if old != new]
    table.rows = best.rows
    detail = "、".join(f"{new.code} {new.name}" for _old, new in changed[:SHOWN]) + (" …" if len(changed) > SHOWN else "")
    return problem_of("table.names-realigned", table.locator, title=table.title, count=len(changed),
                      how=best.how, detail=detail)
