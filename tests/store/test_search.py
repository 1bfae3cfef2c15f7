"""`search`: departments by any printed name, projects, narrative paragraphs; on
real SQLite and PostgreSQL, through the library and the CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cnbudget.cli.main import app
from cnbudget.model.document import Document, Indicator, Paragraph, Row, Table
from cnbudget.query.api import Database
from cnbudget.query.search import BadSearch, snippet
from cnbudget.store.synthetic import full_document


def _with_project(doc: Document, project: str) -> Document:
    doc.tables.append(Table("performance_target", "项目支出绩效目标表", [
        Row({"budget": Decimal(120000)}, item=project, name=project, texts={"project": project},
            indicators=[Indicator("产出指标", "数量指标", "系统上线数", "1个")]),
        Row({"budget": Decimal(5000)}, item="合计", name="合计"),  # no indicators: no project
    ], "元"))
    return doc


def _corpus(db: Database) -> None:
    for year in (2020, 2021):
        # renamed in 2021: both names find it
        name = "石家庄市数据资源管理局" if year == 2020 else "石家庄市数据局"
        doc = _with_project(full_document(name, "302", "石家庄市", year), "政务云平台运维项目")
        doc.narrative.append(Paragraph("本年度数据局重点推进“一网通办”建设，完成率100%。"))
        db.store.store(doc)
    db.store.store(full_document("石家庄市教育局", "201", "石家庄市", 2021))
    db.store.store(full_document("保定市数据局", "302", "保定市", 2021))


@pytest.fixture(params=["sqlite", "postgres"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    url = (tmp_path / "s.db") if request.param == "sqlite" \
        else request.getfixturevalue("postgres_url")
    database = Database(url)
    _corpus(database)
    yield database
    database.close()


def test_departments_by_any_printed_name(db: Database) -> None:
    found = db.search("数据资源管理", kind="department")
    assert list(found["hit"]) == ["department"]
    assert found.iloc[0]["matched"] == "石家庄市数据资源管理局"
    assert found.iloc[0]["department"] == "石家庄市数据局"  # its name now
    assert found.iloc[0]["year"] == 2020  # the last year printed under that name
    both = db.search("数据局", kind="department")
    assert sorted(both["region"]) == ["保定市", "石家庄市"]
    assert set(both["disclosure_id"]) == {None}


def test_projects_are_performance_rows(db: Database) -> None:
    found = db.search("云平台", kind="project")
    assert sorted(found["year"]) == [2020, 2021]
    assert set(found["matched"]) == {"政务云平台运维项目"}
    assert set(found["kind"]) == {"budget"}
    ids = set(db.disclosures(department="数据局", region="石家庄市")["disclosure_id"])
    assert set(found["disclosure_id"]) == ids
    assert db.search("合计", kind="project").empty  # a row without indicators is no project


def test_narrative_with_snippet_and_location(db: Database) -> None:
    found = db.search("一网通办", kind="narrative")
    assert len(found) == 2
    assert all("“一网通办”" in s for s in found["snippet"])
    assert set(found["department"]) == {"石家庄市数据局"}
    every = db.search("部门支出预算", kind="narrative")  # the generated first paragraph
    assert len(every) == 4 and set(every["line"]) == {1}
    assert len(db.search("部门支出预算", kind="narrative", limit=3)) == 3


def test_all_kinds_in_order_and_wildcards_taken_literally(db: Database) -> None:
    found = db.search("数据")
    kinds = list(found["hit"])
    assert kinds == sorted(kinds, key=["department", "project", "narrative"].index)
    assert {"department", "narrative"} <= set(kinds)
    assert db.search("100%").shape[0] == 2  # `%` is the text, not a wildcard
    assert db.search("1_0").empty
    with pytest.raises(BadSearch):
        db.search("  ")
    with pytest.raises(BadSearch):
        db.search("数据", kind="table")


def test_snippet_cuts_around_the_match() -> None:
    text = "甲" * 50 + "目标" + "乙" * 50
    assert snippet(text, "目标", 5) == "…甲甲甲甲甲目标乙乙乙乙乙…"
    assert snippet("IPv6 升级", "ipv6") == "IPv6 升级"


def test_cli_search(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    with Database(path) as database:
        _corpus(database)
    runner = CliRunner()
    done = runner.invoke(app, ["search", "云平台", "--db", str(path), "--json"])
    assert done.exit_code == 0, done.output
    hits = json.loads(done.stdout)["hits"]
    assert [h["hit"] for h in hits] == ["project", "project"]
    table = runner.invoke(app, ["search", "教育局", "--db", str(path)])
    assert table.exit_code == 0 and "石家庄市教育局" in table.stdout
    bad = runner.invoke(app, ["search", "x", "--db", str(path), "--in", "table"])
    assert bad.exit_code == 2 and "--in" in bad.output
    missing = runner.invoke(app, ["search", "x", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and not (tmp_path / "none.db").exists()
