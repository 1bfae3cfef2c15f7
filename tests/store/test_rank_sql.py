"""The ranking taken in SQL equals the one picked in Python, cell for cell, on SQLite and
PostgreSQL: the same disclosure per department (汇总 first), the same cell per metric."""

from __future__ import annotations

from decimal import Decimal

from cnbudget.model.document import Kind
from cnbudget.query.compare import _metric, _rank_in_python, _rank_in_sql
from cnbudget.query.filters import Filters
from cnbudget.query.metrics import METRICS
from cnbudget.store import Store
from cnbudget.store.synthetic import full_document


def _fill(store: Store) -> None:
    for i in range(6):
        for year in (2022, 2023):
            factor = Decimal(1) + Decimal(i * 7 % 5) / 3 + Decimal(year - 2022) / 10
            store.store(full_document(f"排名局{i}", f"{i:03d}", "排名市", year, factor=factor))
    # a department printing only a final account is no part of the budget ranking
    store.store(full_document("决算局", "900", "排名市", 2023, kind=Kind.FINAL_ACCOUNT))


def _both_agree(store: Store) -> None:
    valued = set()
    with store.engine.connect() as conn:
        for key in METRICS:
            m = _metric(key)
            if m.sources[0].category_rows:
                continue
            for region in ("排名市", None):
                now = Filters(region=region, year=2023, kind="budget")
                before = Filters(region=region, year=2022, kind="budget")
                sql = _rank_in_sql(conn, now, before, m, None)
                assert sql == _rank_in_python(conn, now, before, m, None), key
                assert len(sql) == 6, key
                if any(r[3] is not None for r in sql):
                    valued.add(key)
        picked = _rank_in_sql(conn, Filters(year=2023, kind="budget"),
                              Filters(year=2022, kind="budget"),
                              _metric("expenditure_total"), None)
    assert len(valued) >= 3, valued  # the equality above is not all None = None
    amounts = [r[3] for r in picked]
    assert amounts == sorted(amounts, reverse=True) and len(set(amounts)) > 1


def test_rank_in_sql_equals_python_sqlite(sqlite_store: Store) -> None:
    _fill(sqlite_store)
    _both_agree(sqlite_store)


def test_rank_in_sql_equals_python_postgres(postgres_url: str) -> None:
    store = Store(postgres_url)
    try:
        _fill(store)
        _both_agree(store)
    finally:
        store.close()
