"""`ingest --replace`: a file stored before is re-stored in place after a better
extraction; its identity, disclosure and version history stay, nothing is duplicated."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select
from typer.testing import CliRunner

from cnbudget.cli.main import app
from cnbudget.model.contract import document_to_json, dumps
from cnbudget.model.document import Document, Fact, Kind
from cnbudget.store import Store
from cnbudget.store.schema import (
    disclosures,
    documents,
    facts,
    ingest_runs,
    line_items,
    narrative,
    table_rows,
    tables,
)
from cnbudget.store.synthetic import full_document


def _reread(doc: Document) -> Document:
    """What a better recogniser might make of the same file: other amounts, a table
    fewer and one more fact."""
    better = full_document(doc.meta.department.name or "", doc.meta.department.code,
                           doc.meta.region.name or "", doc.meta.year or 0,
                           kind=doc.meta.kind or Kind.BUDGET, factor=Decimal("1.07"))
    better.source = doc.source
    better.meta.title = doc.meta.title
    better.tables = better.tables[:-1]
    better.facts = [*better.facts, Fact("staff", Decimal(42), "人", "在职人员42人")]
    return better


def _body_counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in (disclosures, documents, tables, table_rows, line_items, facts,
                          narrative)}


def _expected_counts(*docs: Document, disclosures_: int) -> dict[str, int]:
    return {
        "disclosures": disclosures_, "documents": len(docs),
        "tables": sum(len(d.tables) for d in docs),
        "table_rows": sum(len(t.rows) for d in docs for t in d.tables),
        "line_items": sum(len(r.values) for d in docs for t in d.tables for r in t.rows),
        "facts": sum(len(d.facts) for d in docs),
        "narrative": sum(len(d.narrative) for d in docs),
    }


def test_replace_rewrites_in_place(sqlite_store: Store) -> None:
    _rewrites_in_place(sqlite_store)


def test_replace_rewrites_in_place_postgres(postgres_url: str) -> None:
    with Store(postgres_url) as store:
        _rewrites_in_place(store)


def _rewrites_in_place(store: Store) -> None:
    old = full_document("某局", "1", "某市", 2020)
    stored = store.store(old)
    better = _reread(old)
    assert document_to_json(better) != document_to_json(old)
    replaced = store.replace(better)
    assert replaced.replaced and not replaced.new
    assert (replaced.document_id, replaced.disclosure_id) == (stored.document_id,
                                                              stored.disclosure_id)
    assert document_to_json(store.load(stored.document_id)) == document_to_json(better)
    # the old content is gone, not left orphaned beside the new
    assert _body_counts(store) == _expected_counts(better, disclosures_=1)
    # storing (not replacing) the same file again still changes nothing
    assert not store.store(old).new
    assert document_to_json(store.load(stored.document_id)) == document_to_json(better)


def test_replace_keeps_the_version_history(sqlite_store: Store) -> None:
    first = full_document("某局", "1", "某市", 2020)
    revised = full_document("某局", "1", "某市", 2020, factor=Decimal("1.1"))
    revised.source = replace(first.source, sha256="f" * 64)
    s1, s2 = sqlite_store.store(first), sqlite_store.store(revised)
    assert s2.supersedes == s1.document_id
    r1 = sqlite_store.replace(_reread(first))
    r2 = sqlite_store.replace(_reread(revised))
    assert (r1.document_id, r2.document_id) == (s1.document_id, s2.document_id)
    assert r2.supersedes == s1.document_id
    with sqlite_store.engine.connect() as conn:
        rows = {r.id: r for r in conn.execute(select(documents))}
    assert (rows[s1.document_id].version, rows[s1.document_id].current) == (1, False)
    assert (rows[s2.document_id].version, rows[s2.document_id].current) == (2, True)
    assert rows[s2.document_id].supersedes_id == s1.document_id


def test_replace_of_an_unknown_file_stores_it(sqlite_store: Store) -> None:
    doc = full_document("某局", "1", "某市", 2020)
    stored = sqlite_store.replace(doc)
    assert stored.new and not stored.replaced
    assert document_to_json(sqlite_store.load(stored.document_id)) == document_to_json(doc)


def test_cli_ingest_replace(tmp_path: Path) -> None:
    """The same files ingested again with --replace are re-read and replaced in place.
    (A contract file's identity is the hash of its own bytes, so the files stay as
    they are: a rewritten JSON is another source; the library tests above replace
    a better reading of the same file.)"""
    docs = [full_document(f"某局{i}", str(i), "某市", 2020 + i) for i in range(3)]
    folder = tmp_path / "in"
    folder.mkdir()
    for i, doc in enumerate(docs):
        (folder / f"{i}.json").write_text(dumps(doc), encoding="utf-8")
    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(folder), "--db", db, "-j", "1", "--json"])
    assert first.exit_code == 0, first.output
    again = runner.invoke(app, ["ingest", str(folder), "--db", db, "-j", "1", "--json"])
    assert json.loads(again.stdout)["skipped"] == 3
    result = runner.invoke(app, ["ingest", str(folder), "--db", db, "-j", "1", "--json",
                                 "--replace"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["replaced"], report["stored"], report["skipped"]) == (3, 0, 0)
    with Store(db) as store:
        assert _body_counts(store) == _expected_counts(*docs, disclosures_=3)
        with store.engine.connect() as conn:
            ids = {r.sha256: r.id for r in conn.execute(select(documents.c.sha256, documents.c.id))}
            run = conn.execute(select(ingest_runs).order_by(ingest_runs.c.id.desc())).first()
        for i, doc in enumerate(docs):
            sha = hashlib.sha256((folder / f"{i}.json").read_bytes()).hexdigest()
            loaded = store.load(ids[sha])
            assert document_to_json(loaded) == document_to_json(
                replace(doc, source=replace(doc.source, sha256=sha)))
    assert run is not None and (run.replaced, run.stored) == (3, 0)
