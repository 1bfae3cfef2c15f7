"""Query, compare, read-only SQL and the CLI over a small generated corpus.

Expected figures are computed from the generated documents themselves (the
rows a compare must read), not copied from compare's output.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cnbudget.cli.main import app
from cnbudget.model.document import Document, Kind, Severity
from cnbudget.model.document import Finding as DocFinding
from cnbudget.query.api import Database
from cnbudget.query.compare import AmbiguousDepartment
from cnbudget.query.readonly import ReadOnlyViolation
from cnbudget.store.synthetic import full_document

YEARS = range(2018, 2023)
Corpus = tuple[Database, dict[str, dict[int, Document]]]


def _three_public_total(doc: Document) -> Decimal:
    table = doc.table("three_public")
    assert table is not None
    row = table.row_by_item("total")
    assert row is not None
    value = row.values.get("final", row.values.get("amount"))
    assert value is not None
    return value


def _expenditure(doc: Document) -> tuple[Decimal, Decimal, Decimal]:
    table = doc.table("expenditure")
    assert table is not None
    row = table.row_by_item("total")
    assert row is not None
    return row.values["total"], row.values["basic"], row.values["project"]  # type: ignore[return-value]


@pytest.fixture
def corpus(tmp_path: Path) -> Iterator[Corpus]:
    db = Database(tmp_path / "q.db")
    docs: dict[str, dict[int, Document]] = {}
    for y in YEARS:
        name = "石家庄市数据资源管理局" if y <= 2020 else "石家庄市数据局"
        factors = {"数据局": Decimal("1") + Decimal(y - 2018) / 7, "财政局": Decimal(2),
                   "教育局": Decimal("0.5") + Decimal(y - 2018) / 3}
        for short, factor in factors.items():
            dept = name if short == "数据局" else f"石家庄市{short}"
            code = {"数据局": "302", "财政局": "101", "教育局": "201"}[short]
            doc = full_document(dept, code, "石家庄市", y, factor=factor)
            if short == "教育局" and y == 2020:
                doc.findings.append(DocFinding("arithmetic.total", doc.findings[0].category,
                                               Severity.ERROR, "合计 ≠ Σ"))
            db.store.store(doc)
            docs.setdefault(short, {})[y] = doc
    other = full_document("保定市财政局", "101", "保定市", 2020, factor=Decimal(9))
    db.store.store(other)
    final = full_document("石家庄市数据局", "302", "石家庄市", 2022, kind=Kind.FINAL_ACCOUNT,
                          factor=Decimal("1.01"))
    db.store.store(final)
    docs["final"] = {2022: final}
    yield db, docs
    db.close()


def test_compare_one_department_across_renaming(corpus: Corpus) -> None:
    db, docs = corpus
    frame = db.compare("数据局")  # matches both names of one department
    assert frame.attrs["department"] == "石家庄市数据局"
    assert sorted(frame["year"].unique()) == list(YEARS)
    for metric, pick in (("expenditure_total", 0), ("basic", 1), ("project", 2)):
        rows = frame[frame["metric"] == metric].set_index("year")
        for y in YEARS:
            assert rows.loc[y, "amount"] == _expenditure(docs["数据局"][y])[pick]
        for y in list(YEARS)[1:]:
            now, before = _expenditure(docs["数据局"][y])[pick], \
                _expenditure(docs["数据局"][y - 1])[pick]
            assert rows.loc[y, "change"] == now - before
            expected = ((now - before) / before * 100).quantize(Decimal("0.01"))
            assert rows.loc[y, "growth_pct"] == expected
    three = frame[frame["metric"] == "three_public.total"].set_index("year")
    assert all(three.loc[y, "amount"] == _three_public_total(docs["数据局"][y]) for y in YEARS)
    categories = set(frame[frame["metric"].str.startswith("func:")]["metric"])
    assert categories == {"func:201", "func:208", "func:210", "func:221"}


def test_compare_final_accounts_read_the_final_column(corpus: Corpus) -> None:
    db, docs = corpus
    frame = db.compare("石家庄市数据局", kind="final_account")
    row = frame[frame["metric"] == "three_public.total"].iloc[0]
    assert row["year"] == 2022 and row["amount"] == _three_public_total(docs["final"][2022])


def test_ranking_by_three_public(corpus: Corpus) -> None:
    db, docs = corpus
    frame = db.compare(year=2021, region="石家庄市")
    expected = sorted(((_three_public_total(d[2021]), k) for k, d in docs.items() if 2021 in d),
                      reverse=True)
    assert list(frame["amount"]) == [v for v, _k in expected]
    assert list(frame["rank"]) == [1, 2, 3]
    assert sum(frame["share_pct"]) == pytest.approx(100, abs=0.02)
    for r in frame.itertuples():
        short = next(k for k in docs if k in r.department)
        assert r.previous == _three_public_total(docs[short][2020])
    # a region filter keeps 保定市 out; without it, it ranks first
    assert db.compare(year=2020)["department"].iloc[0] == "保定市财政局"
    only = db.compare(year=2021, departments=["财政局", "教育局"], region="石家庄市")
    assert set(only["department"]) == {"石家庄市财政局", "石家庄市教育局"}


def test_ambiguous_department_names_candidates(corpus: Corpus) -> None:
    db, _docs = corpus
    with pytest.raises(AmbiguousDepartment) as info:
        db.compare("财政局")
    assert len(info.value.candidates) == 2


def test_listing_filters(corpus: Corpus) -> None:
    db, _docs = corpus
    assert len(db.disclosures()) == 3 * len(YEARS) + 2
    assert len(db.disclosures(region="保定市")) == 1
    assert len(db.disclosures(year=2022, kind="final_account")) == 1
    assert set(db.disclosures(department="数据资源管理局")["year"]) == set(YEARS) | {2022}
    errors = db.disclosures(has_errors=True)
    assert list(errors["department"]) == ["石家庄市教育局"] and list(errors["year"]) == [2020]
    assert len(db.disclosures(has_errors=False)) == 3 * len(YEARS) + 1
    items = db.line_items(table_type="three_public", item="total", year=2020,
                          region="石家庄市")
    assert len(items) == 3 and all(isinstance(v, Decimal) for v in items["amount"])
    assert set(db.facts(key="three_public_total", year=2019)["value"]) == {
        _three_public_total(d[2019]) for k, d in _docs.items() if 2019 in d}
    assert len(db.findings(severity="error")) == 1


def test_sql_is_read_only(corpus: Corpus) -> None:
    db, _docs = corpus
    counted = db.sql("SELECT count(*) AS n FROM line_items_long WHERE table_type = "
                     "'three_public'")
    assert counted["n"].iloc[0] == len(db.line_items(table_type="three_public"))
    for statement in ("DELETE FROM documents", "DROP TABLE documents",
                      "UPDATE line_items SET amount = 0", "PRAGMA query_only = OFF",
                      "ATTACH DATABASE 'x.db' AS x", "CREATE TABLE t (a)"):
        with pytest.raises(ReadOnlyViolation):
            db.sql(statement)
    assert len(db.disclosures()) == 3 * len(YEARS) + 2


def test_cli(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    db, docs = corpus
    monkeypatch.setenv("CNBUDGET_DB", db.url)
    runner = CliRunner()
    listed = runner.invoke(app, ["ls", "--json", "--year", "2020", "--region", "石家庄市"])
    assert listed.exit_code == 0, listed.output
    assert len(json.loads(listed.stdout)) == 3
    compared = runner.invoke(app, ["compare", "302", "--json"])
    assert compared.exit_code == 0, compared.output
    payload = json.loads(compared.stdout)
    assert payload["unit"] == "万元"
    first = next(r for r in payload["rows"]
                 if r["metric"] == "expenditure_total" and r["year"] == 2018)
    assert Decimal(first["amount"]) == (
        _expenditure(docs["数据局"][2018])[0] / 10000).quantize(Decimal("0.01"))
    ranked = runner.invoke(app, ["compare", "--year", "2021", "--region", "石家庄市", "--json"])
    assert ranked.exit_code == 0, ranked.output
    assert json.loads(ranked.stdout)["rows"][0]["department"] == "石家庄市财政局"
    human = runner.invoke(app, ["compare", "--year", "2021", "--region", "石家庄市"])
    assert human.exit_code == 0 and "排名" in human.stdout
    shown = runner.invoke(app, ["show", "1", "--json"])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout)["documents"][0]["document"]["year"] == 2018
    assert runner.invoke(app, ["show", "9999"]).exit_code == 2
    refused = runner.invoke(app, ["sql", "DELETE FROM documents"])
    assert refused.exit_code == 2
    ambiguous = runner.invoke(app, ["compare", "财政局"])
    assert ambiguous.exit_code == 2
