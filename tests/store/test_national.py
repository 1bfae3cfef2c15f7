"""The national-scale generator (bench.national) and the query paths the scale
benchmark times, on a small N: what compare, the ranking and search read from
the generated rows, and (PostgreSQL) that the plans use the search indexes."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import text

from cnbudget.bench import national
from cnbudget.bench.queries import run
from cnbudget.query.api import Database
from cnbudget.query.search import departments_query, narrative_query, projects_query

N = 2_000


def _units(g: int, year_no: int, kind_no: int) -> int:
    # as the generator writes them: whole yuan per unit of a department-year
    return (1000 + g * 37 % 9000) * (100 + 4 * year_no - 3 * kind_no)


@pytest.fixture(params=["sqlite", "postgres"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Database:
    url = (tmp_path / "n.db") if request.param == "sqlite" \
        else request.getfixturevalue("postgres_url")
    database = Database(url)
    generated = national.generate(database.store.engine, N, chunk=700)
    assert (generated.documents, generated.departments, generated.regions) == (N, 200, 7)
    request.addfinalizer(database.close)
    return database


def test_compare_reads_the_generated_figures(db: Database) -> None:
    g = 33  # the second region's second department
    frame = db.compare(national.department_name(g))
    income = frame[frame["metric"] == "income_total"]
    assert list(income["year"]) == list(range(2020, 2025))
    assert list(income["amount"]) == [Decimal(_units(g, y, 0) * 100) for y in range(5)]
    three = frame[frame["metric"] == "three_public.total"]
    assert list(three["amount"]) == [Decimal(_units(g, y, 0) * 4) for y in range(5)]
    categories = frame[frame["metric"] == "func:208"]
    assert list(categories["amount"]) == [Decimal(_units(g, y, 0) * 30) for y in range(5)]
    final = db.compare(national.department_name(g), kind="final_account")
    assert final[final["metric"] == "three_public.total"]["amount"].iloc[0] \
        == Decimal(_units(g, 0, 1) * 4)


def test_region_ranking_and_disclosures(db: Database) -> None:
    region = national.region_name(1)
    ranking = db.compare(year=2024, region=region)
    assert len(ranking) == national.DEPARTMENTS and ranking["amount"].notna().all()
    top = ranking.iloc[0]
    g = max(range(32, 64), key=lambda d: _units(d, 4, 0))
    assert top["department"] == national.department_name(g)
    assert top["previous"] == Decimal(_units(g, 3, 0) * 4)
    listing = db.disclosures(region=region)
    assert len(listing) == national.DEPARTMENTS * national.PER_DEPARTMENT
    assert set(listing["tables"]) == {national.TABLES} and set(listing["status"]) == {"success"}


def test_search_finds_generated_departments_projects_and_narrative(db: Database) -> None:
    g = 70
    name = national.department_name(g)
    found = db.search(name)
    assert list(found[found["hit"] == "department"]["matched"]) == [name]
    assert len(found[found["hit"] == "narrative"]) == national.PER_DEPARTMENT
    project = f"{national.region_name(g // 32)}{national.topic_of(g, 1)}项目"
    projects = db.search(project, kind="project")
    assert set(projects["matched"]) == {project}
    topic = national.topic_of(g, 1)
    having = {national.department_name(d) for d in range(64, 96)
              if topic in (national.topic_of(d, 0), national.topic_of(d, 1))}
    assert name in having and set(projects["department"]) == having
    assert len(projects) == len(having) * national.PER_DEPARTMENT


def test_generating_into_a_filled_database_is_refused(tmp_path: Path) -> None:
    with Database(tmp_path / "x.db") as database:
        national.generate(database.store.engine, 20)
        with pytest.raises(ValueError, match="holds documents"):
            national.generate(database.store.engine, 20)


def test_scale_bench_runs_on_sqlite(tmp_path: Path) -> None:
    report = run(tmp_path / "b.db", 300, explain=True)
    found = [t for t in report.timed if "nowhere" not in t.name]  # a text found nowhere finds nothing
    assert [t.rows > 0 for t in found] == [True] * len(found) and len(found) < len(report.timed)
    assert report.generated_s is not None and report.db_bytes > 0
    assert any("SCAN" in line or "SEARCH" in line for t in report.timed for line in t.plans)
    again = run(tmp_path / "b.db", 300, explain=False)  # generated before: reused
    assert again.generated_s is None
    with pytest.raises(ValueError, match="holds 300"):
        run(tmp_path / "b.db", 400)


def test_postgres_search_plans_use_the_trigram_indexes(postgres_url: str) -> None:
    with Database(postgres_url) as database:
        national.generate(database.store.engine, N)
        name = national.department_name(70)
        project = f"{national.region_name(2)}{national.topic_of(70, 1)}"
        with database.store.engine.connect() as conn:
            # 2,000 documents fit a few pages, which a scan reads cheaper than any index:
            # leave the planner the indexes that take the condition itself (bitmap scans)
            conn.execute(text("SET enable_seqscan = off"))
            conn.execute(text("SET enable_indexscan = off"))
            for query, index in (
                (departments_query(name, 50), "ix_department_aliases_name_key_trgm"),
                (projects_query(project, 50, "postgresql"), "ix_table_rows_name_trgm"),
                (narrative_query(name, 50, "postgresql"), "ix_narrative_text_trgm"),
            ):
                compiled = query.compile(conn)
                plan = "\n".join(r[0] for r in conn.exec_driver_sql(
                    "EXPLAIN " + str(compiled), compiled.params))
                assert index in plan, plan


def test_a_ranking_of_more_disclosures_than_one_statement_takes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a national ranking asks for ~100,000 disclosures, beyond a statement's parameters:
    # they go in batches, which must give the ranking one statement gives
    from cnbudget.query import compare

    with Database(tmp_path / "r.db") as database:
        national.generate(database.store.engine, 500)
        whole = database.compare(year=2022)
        monkeypatch.setattr(compare, "IN_BATCH", 7)
        batched = database.compare(year=2022)
    assert len(whole) == 50 and whole.equals(batched)
