"""The same code on a real PostgreSQL server: batch ingest, compare, read-only SQL."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from cnbudget.query.api import Database
from cnbudget.query.readonly import QueryBounds, ReadOnlyViolation
from cnbudget.store.batch import ingest
from cnbudget.store.synthetic import full_document

from .test_batch import write_corpus


def test_batch_compare_and_read_only_sql(postgres_url: str, tmp_path: Path) -> None:
    write_corpus(tmp_path / "in", 10, region="某市")
    with Database(postgres_url) as db:
        report = ingest(db.store, [tmp_path / "in"], jobs=2)
        assert (report.stored, report.failed) == (10, 0)
        assert ingest(db.store, [tmp_path / "in"], jobs=2).skipped == 10
        with db.store.engine.connect() as conn:  # the ingest ANALYZEd what it wrote
            analysed = conn.exec_driver_sql(
                "SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'line_items'"
            ).scalar_one()
        assert analysed is not None
        for year, factor in ((2019, Decimal(1)), (2020, Decimal("1.25"))):
            db.store.store(full_document("某市数据局", "302", "某市", year, factor=factor))
        frame = db.compare("某市数据局")
        totals = frame[frame["metric"] == "expenditure_total"].set_index("year")
        assert totals.loc[2020, "amount"] == totals.loc[2019, "amount"] * Decimal("1.25")
        assert totals.loc[2020, "growth_pct"] == Decimal("25.00")
        ranked = db.compare(year=2020, region="某市")
        assert list(ranked["rank"]) == list(range(1, len(ranked) + 1))
        assert ranked["amount"].is_monotonic_decreasing

        # the test cluster's user is a superuser: refused unless asked for
        with pytest.raises(ReadOnlyViolation, match="superuser"):
            db.sql("SELECT 1")
        forced = QueryBounds(allow_superuser=True)
        assert db.sql("SELECT count(*) AS n FROM documents", forced)["n"].iloc[0] == 12
        for statement in ("DELETE FROM documents", "CREATE TABLE t (a int)",
                          "UPDATE line_items SET amount = 0", "COMMIT; DELETE FROM documents"):
            with pytest.raises(ReadOnlyViolation):
                db.sql(statement, forced)
        assert db.sql("SELECT count(*) AS n FROM documents", forced)["n"].iloc[0] == 12
