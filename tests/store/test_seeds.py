"""The real seed documents through the real pipeline into a fresh database."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from cnbudget.query.api import Database
from cnbudget.store.batch import ingest
from cnbudget.store.schema import department_aliases, documents


def test_seeds_ingest_and_shijiazhuang_is_one_department(seeds_dir: Path,
                                                          tmp_path: Path) -> None:
    with Database(tmp_path / "seeds.db") as db:
        report = ingest(db.store, [seeds_dir], jobs=2)
        assert (report.stored, report.failed) == (5, 0), report.errors
        assert ingest(db.store, [seeds_dir], jobs=2).skipped == 5
        with db.store.engine.connect() as conn:
            by_seed = {r.file[:3]: r.disclosure_id for r in conn.execute(
                select(documents.c.file, documents.c.disclosure_id))}
        listing = db.disclosures().set_index("disclosure_id")
        budget_2020, final_2024 = listing.loc[by_seed["000"]], listing.loc[by_seed["001"]]
        # 石家庄市数据资源管理局 (2020 budget) and 石家庄市数据局 (2024 final account), both [302]
        assert (budget_2020["year"], budget_2020["kind"]) == (2020, "budget")
        assert (final_2024["year"], final_2024["kind"]) == (2024, "final_account")
        assert budget_2020["department_id"] == final_2024["department_id"]
        assert budget_2020["department"] == "石家庄市数据局"  # the latest name
        with db.store.engine.connect() as conn:
            names = set(conn.execute(select(department_aliases.c.name).where(
                department_aliases.c.department_id == int(budget_2020["department_id"])))
                .scalars())
        assert names == {"石家庄市数据资源管理局", "石家庄市数据局"}
        # the other three seeds are three other departments
        others = {listing.loc[by_seed[s], "department_id"] for s in ("002", "003", "004")}
        assert len(others) == 3 and budget_2020["department_id"] not in others


def test_jiangsu_procuratorate_totals_match_the_published_csv(jiangsu_dir: Path,
                                                                tmp_path: Path) -> None:
    folder = jiangsu_dir / "江苏省人民检察院"
    published = {}
    with (folder / "收支预算总表.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            published[int(row[""][:4])] = Decimal(row["当年支出小计"])
    with Database(tmp_path / "js.db") as db:
        report = ingest(db.store, [folder], jobs=2)
        assert report.stored + report.failed == 3
        frame = db.compare("江苏省人民检察院")
        totals = frame[frame["metric"] == "expenditure_total"].set_index("year")
        assert {y: totals.loc[y, "amount"] / 10000 for y in totals.index} == published
        assert totals.loc[2018, "change"] == (published[2018] - published[2017]) * 10000
