"""The Python API: `cnbudget.open(db)` → `Database`, queries as pandas DataFrames.

    import cnbudget
    db = cnbudget.open("cnbudget.db")
    db.disclosures(region="石家庄市", year=2020)
    db.line_items(table_type="three_public", year=2020)
    db.indicators(table_type="performance_target", department="数据局")
    db.compare("石家庄市数据局")                         # one department across years
    db.compare(year=2020, region="石家庄市")             # departments ranked by 三公 total
    db.search("信息化")                                  # departments, projects, narrative

Amounts are exact `Decimal` yuan; `cnbudget.query.display.convert_amounts`
gives 万元.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from cnbudget.model.document import Document
from cnbudget.query.compare import compare_years, rank
from cnbudget.query.export import export_frame
from cnbudget.query.fdp import write_fiscal_data_package
from cnbudget.query.filters import Filters
from cnbudget.query.frames import (
    disclosures_query,
    documents_query,
    facts_query,
    findings_query,
    frame,
    indicator_texts_query,
    indicators_query,
    line_items_query,
    with_indicator_texts,
)
from cnbudget.query.metrics import DEFAULT_RANKING
from cnbudget.query.readonly import QueryBounds, run_sql
from cnbudget.store import Store
from cnbudget.store.department_edits import MergeResult


@dataclass(frozen=True, slots=True)
class DisclosureView:
    """One disclosure as `cnbudget show` prints it: its listing row, its files (and
    versions), its key figures and its current documents."""

    row: pd.DataFrame
    files: pd.DataFrame
    figures: pd.DataFrame
    documents: list[Document]


class Database:
    def __init__(self, db: str | os.PathLike[str] | None = None, *,
                 existing: bool = False) -> None:
        """`existing`: a SQLite file that does not exist is refused (DatabaseMissing),
        not created: what read-only commands want."""
        self.store = Store(db, existing=existing)

    @property
    def url(self) -> str:
        return self.store.url

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _frame(self, query: object) -> pd.DataFrame:
        with self.store.engine.connect() as conn:
            return frame(conn, query)

    def disclosures(self, **filters: object) -> pd.DataFrame:
        """Disclosures (department × year × kind × scope) with their files, tables,
        error/warning counts and reading problems (`problems`: something printed was
        not read; `recovered`: read, with a note of how); filters: region, year, kind,
        scope, department, has_errors."""
        return self._frame(disclosures_query(Filters(**filters)))

    def departments(self, *, region: str | None = None,
                    department: str | None = None) -> pd.DataFrame:
        """Departments with every name they were printed under, code, region, number of
        disclosures and years (merged departments are their target's)."""
        from cnbudget.query.departments import departments_frame

        with self.store.engine.connect() as conn:
            return departments_frame(conn, region=region, department=department)

    def add_alias(self, department_id: int, name: str) -> bool:
        """Record another name of a department (kept; re-ingest respects it)."""
        return self.store.add_alias(department_id, name)

    def merge_departments(self, source_id: int, target_id: int) -> MergeResult:
        """Make one department part of another (kept; re-ingest respects it)."""
        return self.store.merge_departments(source_id, target_id)

    def documents(self, disclosure_id: int) -> pd.DataFrame:
        """The files of one disclosure, with their versions."""
        return self._frame(documents_query(disclosure_id))

    def disclosure(self, disclosure_id: int) -> DisclosureView:
        """One disclosure with its files, key figures and documents; KeyError if none."""
        listing = self.disclosures()
        row = listing[listing["disclosure_id"] == disclosure_id]
        if row.empty:
            raise KeyError(disclosure_id)
        files = self.documents(disclosure_id)
        current = files[files["current"].astype(bool)] if "current" in files else files
        docs = [self.document(int(i)) for i in current["id"]]
        info = row.iloc[0]
        figures = pd.DataFrame(columns=["metric", "name", "amount"])
        if not pd.isna(info["department_id"]) and not pd.isna(info["year"]):
            figures = self.compare(int(info["department_id"]), kind=info["kind"],
                                   scope=info["scope"],
                                   years=(int(info["year"]), int(info["year"])))
        return DisclosureView(row, files, figures, docs)

    def line_items(self, *, table_type: str | None = None, column: str | None = None,
                   code: str | None = None, item: str | None = None,
                   **filters: object) -> pd.DataFrame:
        """One row per printed value of the current documents, with its context."""
        return self._frame(line_items_query(Filters(**filters), table_type=table_type,
                                            column=column, code=code, item=item))

    def indicators(self, *, table_type: str | None = None, **filters: object) -> pd.DataFrame:
        """One row per performance indicator of the current documents, with its
        context and project; each printed column of no field (绩效指标描述, 度量单位 …)
        is a column of its own, named `extra:<printed header>`."""
        with self.store.engine.connect() as conn:
            found = frame(conn, indicators_query(Filters(**filters), table_type=table_type))
            texts = frame(conn, indicator_texts_query(Filters(**filters), table_type=table_type))
        return with_indicator_texts(found, texts)

    def facts(self, *, key: str | None = None, **filters: object) -> pd.DataFrame:
        return self._frame(facts_query(Filters(**filters), key=key))

    def findings(self, *, severity: str | None = None, rule: str | None = None,
                 category: str | None = None, **filters: object) -> pd.DataFrame:
        return self._frame(findings_query(Filters(**filters), severity=severity, rule=rule,
                                          category=category))

    def compare(self, department: str | int | None = None, *, year: int | None = None,
                kind: str = "budget", region: str | None = None, scope: str | None = None,
                metric: str = DEFAULT_RANKING,
                departments: list[str | int] | None = None,
                years: tuple[int, int] | None = None) -> pd.DataFrame:
        """With `department`: that department across years (metric, year, amount,
        change, growth_pct). With `year`: departments ranked by `metric`."""
        with self.store.engine.connect() as conn:
            if department is not None:
                return compare_years(conn, department, kind=kind, scope=scope, region=region,
                                     years=years)
            if year is None:
                raise ValueError("compare needs a department (across years) or a year (ranking)")
            return rank(conn, year=year, metric=metric, kind=kind, region=region, scope=scope,
                        departments_=departments)

    def search(self, text: str, *, kind: str | None = None, limit: int = 50) -> pd.DataFrame:
        """Departments, projects and narrative paragraphs containing `text`: up to
        `limit` of each `kind` (department, project, narrative; all by default), with
        what matched, a snippet, the disclosure, document and year (query.search)."""
        from dataclasses import astuple, fields

        from cnbudget.query.search import SearchHit, search

        with self.store.engine.connect() as conn:
            hits = search(conn, text, kind=kind, limit=limit)
        # object columns: ids stay ints, and a missing one None (not NaN)
        return pd.DataFrame([astuple(h) for h in hits],
                            columns=[f.name for f in fields(SearchHit)], dtype=object)

    def sql(self, query: str, bounds: QueryBounds | None = None) -> pd.DataFrame:
        """One read-only SQL statement, time- and row-bounded (see `cnbudget.query.readonly`)."""
        return run_sql(self.url, query, bounds)

    def document(self, document_id: int) -> Document:
        return self.store.load(document_id)

    def export(self, frame_: pd.DataFrame, path: str | os.PathLike[str],
               fmt: str | None = None, *, unit: str = "万元", keys: bool = False,
               bom: bool = True) -> Path:
        """CSV/TSV/XLSX for people (labelled headers, 万元, BOM), Parquet/JSON Lines
        as stored (cnbudget.query.export)."""
        return export_frame(frame_, Path(path), fmt, unit=unit, keys=keys, bom=bom)

    def fiscal_data_package(self, out_dir: str | os.PathLike[str], **filters: object) -> Path:
        return write_fiscal_data_package(self.line_items(**filters), Path(out_dir))


def open_database(db: str | os.PathLike[str] | None = None, *,
                  existing: bool = False) -> Database:
    return Database(db, existing=existing)
