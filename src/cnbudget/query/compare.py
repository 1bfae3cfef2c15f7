"""Compare disclosures: one department across years, or many departments in one
year ranked by a metric. Values are exact `Decimal` yuan; changes are
year-on-year against the previous year present, growth in percent (2 places).

Where a disclosure has several current files (文件 and 表格), a figure is
taken from the first file that prints it, never summed across files.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd
from sqlalchemy import Connection, case, func, or_, select

from cnbudget.model.metrics import CATEGORY_SOURCES, METRICS, Metric, MetricSource
from cnbudget.query.filters import Filters, apply, department_condition
from cnbudget.store.figures import source_condition
from cnbudget.store.schema import (
    departments,
    disclosures,
    document_figures,
    documents,
    line_items,
    table_rows,
    tables,
)

# every stored cell with its row, table and document: what figures are read from
CELLS = (line_items
         .join(table_rows, (table_rows.c.table_id == line_items.c.table_id)
               & (table_rows.c.row_no == line_items.c.row_no))
         .join(tables, tables.c.id == line_items.c.table_id)
         .join(documents, documents.c.id == tables.c.document_id))
HUNDRED = Decimal(100)
PCT = Decimal("0.01")


class AmbiguousDepartment(LookupError):
    def __init__(self, query: str, candidates: list[tuple[int, str, str | None]]) -> None:
        names = "; ".join(f"{i} {n} ({r or '?'})" for i, n, r in candidates)
        super().__init__(f"{query!r} matches several departments: {names}")
        self.candidates = candidates


class UnknownDepartment(LookupError):
    pass


@dataclass(frozen=True, slots=True)
class _Cell:
    disclosure_id: int
    document_id: int
    table: str
    item: str | None
    side: str | None
    code: str | None
    name: str | None
    column: str
    amount: Decimal | None


def growth(previous: Decimal | None, current: Decimal | None) -> Decimal | None:
    if previous is None or current is None or previous == 0:
        return None
    return ((current - previous) / abs(previous) * HUNDRED).quantize(PCT)


# ids per query: PostgreSQL takes at most 65,535 parameters a statement,
# SQLite 32,766, and a national ranking asks for about 100,000 disclosures
IN_BATCH = 10_000


def _cells(conn: Connection, disclosure_ids: list[int],
           sources: list[MetricSource]) -> list[_Cell]:
    """The cells of `sources` in the disclosures, in printed order within each one."""
    cells: list[_Cell] = []
    for start in range(0, len(disclosure_ids), IN_BATCH):
        cells.extend(_cells_of(conn, disclosure_ids[start:start + IN_BATCH], sources))
    return cells


def _cells_of(conn: Connection, disclosure_ids: list[int],
              sources: list[MetricSource]) -> list[_Cell]:
    if not disclosure_ids or not sources:
        return []
    query = (
        select(documents.c.disclosure_id, documents.c.id, tables.c.type, table_rows.c.item,
               table_rows.c.side, table_rows.c.code, table_rows.c.name, line_items.c.column,
               line_items.c.amount)
        .select_from(CELLS)
        .where(documents.c.disclosure_id.in_(disclosure_ids), documents.c.current.is_(True),
               or_(*(source_condition(s) for s in sources)))
        .order_by(documents.c.id, tables.c.position, table_rows.c.row_no)
    )
    return [_Cell(*r) for r in conn.execute(query)]


def _pick(cells: list[_Cell], source: MetricSource, code: str | None = None) -> _Cell | None:
    for column in source.columns:
        for cell in cells:
            if cell.table != source.table or cell.column != column:
                continue
            if source.category_rows and cell.code == code:
                return cell
            if not source.category_rows and cell.item == source.item and (
                source.side is None or cell.side == source.side
            ):
                return cell
    return None


def _value(cells: list[_Cell], metric: Metric) -> Decimal | None:
    for source in metric.sources:
        cell = _pick(cells, source)
        if cell is not None:
            return cell.amount
    return None


def _categories(cells: list[_Cell]) -> dict[str, tuple[str | None, Decimal | None]]:
    for source in CATEGORY_SOURCES:
        found = {c.code: (c.name, c.amount) for c in reversed(cells)
                 if c.table == source.table and c.column in source.columns
                 and c.code is not None and len(c.code) == 3}
        if found:
            return found
    return {}


def find_department(conn: Connection, department: str | int, region: str | None = None) -> int:
    # a department merged into another (cnbudget departments merge) stands for that one
    standing = func.coalesce(departments.c.merged_into, departments.c.id)
    matched = select(standing).where(department_condition(department))
    if region is not None:
        matched = matched.where(departments.c.region == region)
    query = select(departments.c.id, departments.c.name, departments.c.region).where(
        departments.c.id.in_(matched.scalar_subquery()))
    found = conn.execute(query.order_by(departments.c.id)).all()
    if not found:
        raise UnknownDepartment(f"no department matches {department!r}")
    exact = [r for r in found if r.name == department]
    if len(found) > 1 and len(exact) != 1:
        raise AmbiguousDepartment(str(department), [tuple(r) for r in found])
    return int((exact or found)[0].id)


def _one_per_year(conn: Connection, dept_id: int, kind: str, scope: str | None
                  ) -> dict[int, int]:
    """year → disclosure id, preferring the department-level (汇总) disclosure."""
    query = select(disclosures.c.id, disclosures.c.year, disclosures.c.scope).where(
        disclosures.c.department_id == dept_id, disclosures.c.kind == kind,
        disclosures.c.year.is_not(None))
    if scope is not None:
        query = query.where(disclosures.c.scope == scope)
    chosen: dict[int, tuple[int, int]] = {}
    for r in conn.execute(query):
        rank = {"department": 0, "unit": 1}.get(r.scope, 2)
        if r.year not in chosen or rank < chosen[r.year][0]:
            chosen[r.year] = (rank, r.id)
    return {year: disclosure_id for year, (_rank, disclosure_id) in sorted(chosen.items())}


def compare_years(conn: Connection, department: str | int, *, kind: str = "budget",
                  scope: str | None = None, region: str | None = None,
                  years: tuple[int, int] | None = None) -> pd.DataFrame:
    """One department across years: totals, basic/project, 三公 items and functional
    categories; columns metric, name, year, amount, change, growth_pct."""
    dept_id = find_department(conn, department, region)
    by_year = _one_per_year(conn, dept_id, kind, scope)
    if years is not None:
        by_year = {y: d for y, d in by_year.items() if years[0] <= y <= years[1]}
    sources = [s for m in METRICS.values() for s in m.sources] + list(CATEGORY_SOURCES)
    cells_by: dict[int, list[_Cell]] = defaultdict(list)
    for cell in _cells(conn, list(by_year.values()), sources):
        cells_by[cell.disclosure_id].append(cell)
    records: list[dict[str, object]] = []
    category_names: dict[str, str | None] = {}
    values: dict[str, dict[int, Decimal | None]] = defaultdict(dict)
    for year, disclosure_id in by_year.items():
        cells = cells_by[disclosure_id]
        for metric in METRICS.values():
            values[metric.key][year] = _value(cells, metric)
        for code, (name, amount) in _categories(cells).items():
            category_names.setdefault(code, name)
            values[f"func:{code}"][year] = amount
    names = {m.key: m.name for m in METRICS.values()} | {
        f"func:{c}": n for c, n in category_names.items()}
    for key in [*METRICS, *sorted(k for k in values if k.startswith("func:"))]:
        previous: Decimal | None = None
        for year in by_year:
            amount = values[key].get(year)
            records.append({
                "metric": key, "name": names.get(key), "year": year,
                "disclosure_id": by_year[year], "amount": amount,
                "change": None if amount is None or previous is None else amount - previous,
                "growth_pct": growth(previous, amount),
            })
            previous = amount if amount is not None else previous
    columns = ["metric", "name", "year", "disclosure_id", "amount", "change", "growth_pct"]
    frame = pd.DataFrame(records, columns=columns)
    frame.attrs["department_id"] = dept_id
    frame.attrs["department"] = conn.execute(
        select(departments.c.name).where(departments.c.id == dept_id)).scalar_one()
    return frame


def _metric(key: str) -> Metric:
    if key.startswith("func:"):
        code = key.removeprefix("func:")
        return Metric(key, key, tuple(
            MetricSource(s.table, s.columns, category_rows=True, code=code)
            for s in CATEGORY_SOURCES))
    if key not in METRICS:
        raise KeyError(f"unknown metric {key!r}; known: {', '.join(METRICS)}, func:<code>")
    return METRICS[key]


def _values_for(conn: Connection, f: Filters, metric: Metric) -> dict[int, tuple[Decimal | None, str, str | None]]:
    """department id → (the metric's value, the department's name and region) in the
    disclosures `f` selects: per department its department-level (汇总) disclosure
    before a unit's, and of that disclosure's current documents the most preferred
    figure, the first document on a tie (`document_figures`, store/figures.py)."""
    scope_rank = case((disclosures.c.scope == "department", 0), (disclosures.c.scope == "unit", 1),
                      else_=2)
    picked = apply(
        select(disclosures.c.id.label("disclosure_id"), disclosures.c.department_id,
               departments.c.name, departments.c.region,
               func.row_number().over(partition_by=disclosures.c.department_id,
                                      order_by=(scope_rank, disclosures.c.id)).label("n"))
        .select_from(disclosures)
        .outerjoin(departments, departments.c.id == disclosures.c.department_id)
        .where(disclosures.c.department_id.is_not(None)),
        f,
    ).subquery("picked")
    chosen = (select(picked.c.disclosure_id, picked.c.department_id, picked.c.name, picked.c.region)
              .where(picked.c.n == 1))
    figures = (
        select(documents.c.disclosure_id, document_figures.c.amount,
               func.row_number().over(partition_by=documents.c.disclosure_id,
                                      order_by=(document_figures.c.preference, documents.c.id))
               .label("n"))
        .join(document_figures, document_figures.c.document_id == documents.c.id)
        .where(documents.c.current.is_(True), document_figures.c.metric == metric.key,
               documents.c.disclosure_id.in_(select(chosen.subquery().c.disclosure_id)))
        .subquery("figures")
    )
    # two statements, joined here: SQLite would join the two windowed subqueries
    # without an index (every disclosure against every figure)
    amounts = dict(conn.execute(select(figures.c.disclosure_id, figures.c.amount)
                                .where(figures.c.n == 1)).all())
    return {r.department_id: (amounts.get(r.disclosure_id), r.name, r.region)
            for r in conn.execute(chosen)}


def rank(conn: Connection, *, year: int, metric: str, kind: str = "budget",
         region: str | None = None, scope: str | None = None,
         departments_: list[str | int] | None = None) -> pd.DataFrame:
    """Departments in one year ranked by `metric` (largest first), with the previous
    year's value and the growth; columns rank, department_id, department, region,
    amount, share_pct, previous, change, growth_pct."""
    m = _metric(metric)
    ids: set[int] | None = None
    if departments_:
        ids = {find_department(conn, d, region) for d in departments_}
    now = _values_for(conn, Filters(region=region, year=year, kind=kind, scope=scope), m)
    before = _values_for(conn, Filters(region=region, year=year - 1, kind=kind, scope=scope), m)
    if ids is not None:
        now = {d: v for d, v in now.items() if d in ids}
    total = sum((v for v, _name, _region in now.values() if v is not None), Decimal(0))
    ordered = sorted(now.items(), key=lambda kv: (kv[1][0] is None, -(kv[1][0] or 0), kv[0]))
    columns = ["rank", "department_id", "department", "region", "amount", "share_pct",
               "previous", "change", "growth_pct"]
    out: dict[str, list[object]] = {c: [] for c in columns}
    for position, (dept, (amount, name, region_name)) in enumerate(ordered, start=1):
        previous = before.get(dept, (None, None, None))[0]
        out["rank"].append(position if amount is not None else None)
        out["department_id"].append(dept)
        out["department"].append(name)
        out["region"].append(region_name)
        out["amount"].append(amount)
        out["share_pct"].append((amount / total * HUNDRED).quantize(PCT)
                                if amount is not None and total else None)
        out["previous"].append(previous)
        out["change"].append(amount - previous if amount is not None and previous is not None
                             else None)
        out["growth_pct"].append(growth(previous, amount))
    frame = pd.DataFrame(out, columns=columns)
    frame.attrs["metric"] = metric
    return frame
