"""Department identity a person corrects: another name (alias) and two records
that are one department (merge); both kept in the database and respected by
every later ingest, through the library and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from cnbudget.cli.main import app
from cnbudget.query.api import Database
from cnbudget.store import Store
from cnbudget.store.department_edits import DepartmentNotFound, MergeRefused
from cnbudget.store.schema import departments, disclosures, documents
from cnbudget.store.synthetic import full_document

runner = CliRunner()


def _department_of(store: Store, disclosure_id: int) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(disclosures.c.department_id)
                                .where(disclosures.c.id == disclosure_id)).scalar_one())


def test_alias_sends_later_documents_to_the_department(sqlite_store: Store) -> None:
    first = sqlite_store.store(full_document("某市自然资源和规划局", None, "某市", 2023))
    dept = _department_of(sqlite_store, first.disclosure_id)
    assert sqlite_store.add_alias(dept, "某市规划和自然资源局") is True
    assert sqlite_store.add_alias(dept, "某市规划和自然资源局 ") is False  # the same name
    later = sqlite_store.store(full_document("某市规划和自然资源局", None, "某市", 2024))
    assert _department_of(sqlite_store, later.disclosure_id) == dept
    with pytest.raises(DepartmentNotFound):
        sqlite_store.add_alias(999, "x")


def test_merge_moves_names_and_joins_the_same_disclosure(sqlite_store: Store) -> None:
    tables = sqlite_store.store(full_document("某市数据局", "302", "某市", 2024))
    narrative = sqlite_store.store(full_document("某市数据资源管理局", None, "某市", 2024))
    older = sqlite_store.store(full_document("某市数据资源管理局", None, "某市", 2022))
    target = _department_of(sqlite_store, tables.disclosure_id)
    source = _department_of(sqlite_store, narrative.disclosure_id)
    assert source != target
    result = sqlite_store.merge_departments(source, target)
    assert (result.aliases, result.disclosures, result.joined) == (1, 1, 1)
    with sqlite_store.engine.connect() as conn:
        # the 2024 files are one disclosure now; the 2022 one moved whole
        assert conn.execute(select(func.count()).select_from(documents)
                            .where(documents.c.disclosure_id == tables.disclosure_id)
                            ).scalar_one() == 2
        assert _department_of(sqlite_store, older.disclosure_id) == target
        assert conn.execute(select(departments.c.merged_into)
                            .where(departments.c.id == source)).scalar_one() == target
    # re-ingest respects it: a new file under the merged name joins the target
    again = sqlite_store.store(full_document("某市数据资源管理局", None, "某市", 2025))
    assert _department_of(sqlite_store, again.disclosure_id) == target
    with Database(sqlite_store.url) as database:
        listed = database.departments()
        assert list(listed["department_id"]) == [target]
        assert set(listed["names"].iloc[0].split("、")) == {"某市数据局", "某市数据资源管理局"}
        assert int(listed["disclosures"].iloc[0]) == 3
        # found by either name, or by the merged department's id
        compared = database.compare("某市数据资源管理局", kind="budget")
        assert compared.attrs.get("department") == listed["department"].iloc[0]
    with pytest.raises(MergeRefused):
        sqlite_store.merge_departments(target, target)
    with pytest.raises(DepartmentNotFound):
        sqlite_store.merge_departments(source, target)  # merged already


def test_merge_across_regions_is_refused(sqlite_store: Store) -> None:
    a = sqlite_store.store(full_document("教育局", None, "甲市", 2024))
    b = sqlite_store.store(full_document("教育局", None, "乙市", 2024))
    with pytest.raises(MergeRefused):
        sqlite_store.merge_departments(_department_of(sqlite_store, a.disclosure_id),
                                       _department_of(sqlite_store, b.disclosure_id))


def test_departments_cli(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    with Store(db) as store:
        a = store.store(full_document("某县财政局", "101", "某县", 2024))
        b = store.store(full_document("某县财政局（本级）", None, "某县", 2023))
        ids = (_department_of(store, a.disclosure_id), _department_of(store, b.disclosure_id))
    listed = runner.invoke(app, ["departments", "--db", str(db), "--json"])
    assert listed.exit_code == 0, listed.output
    assert {r["department"] for r in json.loads(listed.stdout)} == {"某县财政局", "某县财政局（本级）"}
    shown = runner.invoke(app, ["departments", "--db", str(db)])
    assert shown.exit_code == 0 and "印过的名称" in shown.stdout
    merged = runner.invoke(app, ["departments", "merge", str(ids[1]), str(ids[0]), "--db", str(db)])
    assert merged.exit_code == 0, merged.output
    assert "已并入" in merged.stderr
    after = json.loads(runner.invoke(app, ["departments", "--db", str(db), "--json"]).stdout)
    assert [r["department_id"] for r in after] == [ids[0]]
    assert runner.invoke(app, ["departments", "alias", str(ids[0]), "某县财政局机关",
                               "--db", str(db)]).exit_code == 0
    assert runner.invoke(app, ["departments", "merge", "1", "1", "--db", str(db)]).exit_code == 2
    assert runner.invoke(app, ["departments", "alias", "99", "x", "--db", str(db)]).exit_code == 2
    missing = runner.invoke(app, ["departments", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and not (tmp_path / "none.db").exists()
