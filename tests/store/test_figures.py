"""The ranking read from `document_figures` (store/figures.py) equals the figures
picked from every cell of the chosen disclosures (compare's own pick, as
compare_years reads it), metric for metric and department for department, on
SQLite and PostgreSQL: a department-level disclosure, a disclosure of two current
files where the second prints the preferred source, a replaced file, a migrated
database's backfill."""

from __future__ import annotations

import copy
from collections import defaultdict
from dataclasses import replace
from decimal import Decimal

from alembic import command
from sqlalchemy import delete, func, select

from cnbudget.model.document import Document, Kind
from cnbudget.query.compare import _categories, _cells, _metric, _value, _values_for
from cnbudget.query.filters import Filters
from cnbudget.query.metrics import METRICS
from cnbudget.store import Store
from cnbudget.store.migrate import alembic_config
from cnbudget.store.schema import disclosures, document_figures, documents
from cnbudget.store.synthetic import full_document


def _renamed(doc: Document, file: str, title: str, factor: int) -> Document:
    doc = copy.deepcopy(doc)
    doc.source = replace(doc.source, file=file, sha256=f"{file}-{factor}".ljust(64, "0")[:64])
    doc.meta.title = title
    return doc


def _fill(store: Store) -> None:
    for i in range(5):
        for year in (2022, 2023):
            factor = Decimal(1) + Decimal(i * 7 % 5) / 3 + Decimal(year - 2022) / 10
            doc = full_document(f"排名局{i}", f"{i:03d}", "排名市", year, factor=factor)
            if i == 0 and year == 2023:
                # two current files of one disclosure: the first lacks the 收支总表, the
                # second prints it (the preferred source of the totals) and a 三公 table
                first = _renamed(doc, "a.pdf", "文件", 1)
                first.tables = [t for t in first.tables if t.type != "summary"]
                second = _renamed(full_document("排名局0", "000", "排名市", year, factor=Decimal(3)),
                                  "b.xlsx", "表格", 3)
                second.tables = [t for t in second.tables if t.type in ("summary", "three_public")]
                store.store(first)
                store.store(second)
                continue
            store.store(doc)
            if i == 1 and year == 2023:  # the same file read again: it replaces the first
                store.store(_renamed(full_document("排名局1", "001", "排名市", year, factor=Decimal(5)),
                                     doc.source.file, doc.meta.title or "", 5))
    store.store(full_document("决算局", "900", "排名市", 2023, kind=Kind.FINAL_ACCOUNT))


def _picked_from_cells(conn, f: Filters, key: str) -> dict[int, Decimal | None]:
    """compare's pick over every cell: each department's disclosure (one each here),
    its current documents' cells in printed order, the metric's first source."""
    metric = _metric(key)
    chosen = {r.id: r.department_id for r in conn.execute(
        select(disclosures.c.id, disclosures.c.department_id)
        .where(disclosures.c.year == f.year, disclosures.c.kind == f.kind))}
    cells = defaultdict(list)
    for cell in _cells(conn, list(chosen), list(metric.sources)):
        cells[cell.disclosure_id].append(cell)
    if metric.sources[0].category_rows:
        code = key.removeprefix("func:")
        return {dept: _categories(cells[d]).get(code, (None, None))[1] for d, dept in chosen.items()}
    return {dept: _value(cells[d], metric) for d, dept in chosen.items()}


def _agree(store: Store) -> None:
    valued = set()
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(documents)
                            .where(documents.c.current.is_(False))).scalar_one() == 1
        for key in [*METRICS, "func:201", "func:208", "func:999"]:
            for year in (2022, 2023):
                f = Filters(year=year, kind="budget")
                read = {d: v for d, (v, _name, _region) in _values_for(conn, f, _metric(key)).items()}
                assert read == _picked_from_cells(conn, f, key), (key, year)
                assert len(read) == 5
                if any(v is not None for v in read.values()):
                    valued.add(key)
        both = {d: v for d, (v, _n, _r) in _values_for(
            conn, Filters(year=2023, kind="budget"), _metric("expenditure_total")).items()}
    assert len(valued) >= 8, valued  # the equality above is not all None = None
    assert len(set(both.values())) == 5  # the second file's 收支总表 and the replacement count


def test_figures_equal_the_cells_pick_sqlite(sqlite_store: Store) -> None:
    _fill(sqlite_store)
    _agree(sqlite_store)


def test_figures_equal_the_cells_pick_postgres(postgres_url: str) -> None:
    store = Store(postgres_url)
    try:
        _fill(store)
        _agree(store)
    finally:
        store.close()


def test_migration_fills_the_figures_of_stored_documents(sqlite_store: Store) -> None:
    _fill(sqlite_store)
    with sqlite_store.engine.begin() as conn:
        before = set(conn.execute(select(document_figures)).all())
        command.downgrade(alembic_config(conn), "0012")
        command.upgrade(alembic_config(conn), "head")
    with sqlite_store.engine.connect() as conn:
        assert set(conn.execute(select(document_figures)).all()) == before != set()
    with sqlite_store.engine.begin() as conn:  # and a document's rows go with it
        conn.execute(delete(document_figures))
    _agree_empty(sqlite_store)


def _agree_empty(store: Store) -> None:
    with store.engine.connect() as conn:
        read = _values_for(conn, Filters(year=2023, kind="budget"), _metric("basic"))
    assert set(read) and all(v is None for v, _n, _r in read.values())


def test_the_writers_rows_are_the_statements_rows_for_the_seeds(sqlite_store: Store, seeds_dir) -> None:
    """The writer computes a document's figures in Python (document_figure_rows); the
    backfill and the generated bench rows come from the statement (figures_select):
    on real readings both give the same rows."""
    from sqlalchemy import true

    from cnbudget.pipeline import extract
    from cnbudget.store.figures import figures_select

    sqlite_store.store_many([extract(p) for p in sorted(seeds_dir.glob("*.txt"))[:12]])
    with sqlite_store.engine.connect() as conn:
        written = set(conn.execute(select(document_figures)).all())
        selected = set(conn.execute(figures_select(true())).all())
    assert len(written) > 40
    assert written == selected
