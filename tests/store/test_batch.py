"""Batch ingest: idempotent, resumable, per-file errors as data, versions, zip input."""

from __future__ import annotations

import hashlib
import json
import zipfile
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select

from cnbudget.model.contract import document_to_json, dumps
from cnbudget.model.document import Kind
from cnbudget.store import Store
from cnbudget.store.batch import ingest
from cnbudget.store.schema import department_aliases, departments, documents, ingest_errors
from cnbudget.store.synthetic import full_document


def write_corpus(folder: Path, n: int, *, region: str = "测试市") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        doc = full_document(f"测试局{i:03d}", f"{i:03d}", region, 2020 + i % 5,
                            factor=Decimal(1) + Decimal(i) / 100)
        path = folder / f"{i:04d}.json"
        path.write_text(dumps(doc), encoding="utf-8")
        paths.append(path)
    return paths


def test_ingest_is_idempotent_and_records_errors(tmp_path: Path, sqlite_store: Store) -> None:
    paths = write_corpus(tmp_path / "in", 6)
    (tmp_path / "in" / "broken.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "in" / "wrong.json").write_text('{"schema": "other"}', encoding="utf-8")
    first = ingest(sqlite_store, [tmp_path / "in", tmp_path / "missing.pdf"], jobs=2)
    assert (first.stored, first.skipped, first.failed) == (6, 0, 3)
    assert {Path(e.name).name for e in first.errors} == {"broken.json", "wrong.json",
                                                         "missing.pdf"}
    second = ingest(sqlite_store, [tmp_path / "in"], jobs=2)
    assert (second.stored, second.skipped, second.failed) == (0, 6, 2)
    with sqlite_store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(documents)).scalar_one() == 6
        recorded = conn.execute(select(ingest_errors.c.run_id, ingest_errors.c.path)).all()
    assert len(recorded) == 5 and {r.run_id for r in recorded} == {first.run_id, second.run_id}
    # what was stored is what was in the files; its identity is the hash of the file's
    # own bytes, not the hash the contract claims for its source
    for path in paths:
        expected = json.loads(path.read_text(encoding="utf-8"))
        expected["source"]["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
        with sqlite_store.engine.connect() as conn:
            doc_id = conn.execute(select(documents.c.id).where(
                documents.c.sha256 == expected["source"]["sha256"])).scalar_one()
        stored = json.loads(dumps(sqlite_store.load(doc_id)))
        assert stored == expected


def test_zip_archives_and_folders(tmp_path: Path, sqlite_store: Store) -> None:
    paths = write_corpus(tmp_path / "in", 3)
    archive = tmp_path / "batch.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for p in paths:
            zf.write(p, f"nested/{p.name}")
        zf.writestr("readme.md", "not a document")
    report = ingest(sqlite_store, [archive], jobs=1)
    assert (report.files, report.stored, report.failed) == (3, 3, 0)
    assert ingest(sqlite_store, [tmp_path / "in"], jobs=1).skipped == 3


def test_renamed_department_is_one_department(sqlite_store: Store) -> None:
    old = full_document("石家庄市数据资源管理局", "302", "石家庄市", 2020)
    new = full_document("石家庄市数据局", "302", "石家庄市", 2024, kind=Kind.FINAL_ACCOUNT)
    other = full_document("石家庄市数据局", "303", "石家庄市", 2024)  # another code: another unit
    elsewhere = full_document("石家庄市数据局", "302", "保定市", 2024)  # codes are per region
    ids = [sqlite_store.store(d).disclosure_id for d in (old, new, other, elsewhere)]
    assert len(set(ids)) == 4
    with sqlite_store.engine.connect() as conn:
        depts = conn.execute(select(departments).order_by(departments.c.id)).all()
        aliases = conn.execute(select(department_aliases.c.name, department_aliases.c.first_year)
                               .where(department_aliases.c.department_id == depts[0].id)).all()
    assert len(depts) == 3
    assert depts[0].name == "石家庄市数据局"  # the latest name
    assert sorted(aliases) == [("石家庄市数据局", 2024), ("石家庄市数据资源管理局", 2020)]


def test_same_name_without_code_matches_by_name(sqlite_store: Store) -> None:
    a = full_document("江苏省人民检察院", None, "江苏省", 2017)
    b = full_document("江苏省人民检察院", None, "江苏省", 2018)
    sqlite_store.store(a)
    sqlite_store.store(b)
    with sqlite_store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(departments)).scalar_one() == 1


def test_new_version_supersedes_and_parts_coexist(sqlite_store: Store) -> None:
    first = full_document("某局", "1", "某市", 2020)
    revised = full_document("某局", "1", "某市", 2020, factor=Decimal("1.1"))
    revised.source = first.source.__class__(first.source.file, "f" * 64, "text")
    tables_part = full_document("某局", "1", "某市", 2020, factor=Decimal("1.2"))
    tables_part.narrative = []
    tables_part.source = first.source.__class__("某局2020年预算公开表格.pdf", "e" * 64, "pdf")
    s1, s2, s3 = (sqlite_store.store(d) for d in (first, revised, tables_part))
    assert s1.disclosure_id == s2.disclosure_id == s3.disclosure_id
    assert s2.supersedes == s1.document_id and s3.supersedes is None
    with sqlite_store.engine.connect() as conn:
        rows = {r.id: r for r in conn.execute(select(documents))}
    assert not rows[s1.document_id].current and rows[s2.document_id].version == 2
    assert rows[s2.document_id].current and rows[s3.document_id].current
    # the superseded version is kept, whole
    assert document_to_json(sqlite_store.load(s1.document_id)) == document_to_json(first)


def test_version_needs_same_file_name_or_same_title(sqlite_store: Store) -> None:
    first = full_document("某局", "1", "某市", 2020)
    corrected = full_document("某局", "1", "某市", 2020, factor=Decimal("1.1"))
    corrected.source = first.source.__class__("某局2020年预算(更正).txt", "d" * 64, "text")
    alike = full_document("某局", "1", "某市", 2020, factor=Decimal("1.2"))
    alike.source = first.source.__class__("另一份.txt", "c" * 64, "text")
    alike.meta.title = "某局2020年部门预算(单位)"  # same tables, another document
    s1, s2, s3 = (sqlite_store.store(d) for d in (first, corrected, alike))
    assert s2.supersedes == s1.document_id
    assert s3.supersedes is None and s3.disclosure_id == s1.disclosure_id


def test_ingest_leaves_planner_statistics(tmp_path: Path, sqlite_store: Store) -> None:
    """One ANALYZE per ingest run that stored something: the planner has statistics."""
    write_corpus(tmp_path / "in", 3)
    with sqlite_store.engine.connect() as conn:
        assert not conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'").all()
    ingest(sqlite_store, [tmp_path / "in"], jobs=1)
    with sqlite_store.engine.connect() as conn:
        analysed = set(conn.exec_driver_sql("SELECT tbl FROM sqlite_stat1").scalars())
    assert {"documents", "line_items", "table_rows"} <= analysed
