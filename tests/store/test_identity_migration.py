"""Migration 0005 merges the duplicate disclosures concurrent ingests could leave,
then makes the database refuse new ones; downgrade lifts the constraint again."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from cnbudget.model.document import Document
from cnbudget.store import Store
from cnbudget.store.migrate import alembic_config, current_revision, head_revision
from cnbudget.store.schema import disclosures, documents
from cnbudget.store.synthetic import full_document
from cnbudget.store.write import store_document


def _migrate(store: Store, revision: str, *, down: bool = False) -> None:
    with store.engine.begin() as conn:
        (command.downgrade if down else command.upgrade)(alembic_config(conn), revision)


def _unnamed(doc: Document) -> Document:
    doc.meta.department = replace(doc.meta.department, name=None, code=None)
    return doc


def _duplicate_row(store: Store, disclosure_id: int) -> None:
    with store.engine.begin() as conn:
        row = conn.execute(select(disclosures).where(disclosures.c.id == disclosure_id)).one()
        conn.execute(insert(disclosures).values(
            department_id=row.department_id, year=row.year, kind=row.kind, scope=row.scope))


def test_upgrade_merges_duplicates_and_downgrade_lifts_the_constraint(tmp_path: Path) -> None:
    store = Store(tmp_path / "old.db", migrate=False)
    # documents are written by today's writer, then the schema is taken back to 0004,
    # where nothing refused the duplicates racing ingests could leave
    _migrate(store, "head")
    first = full_document("甲局", "1", "某市", 2020)
    # the same file name, stored by a second ingest into a duplicate disclosure
    again = full_document("乙局", "2", "某市", 2020)
    again.source = replace(again.source, file=first.source.file)
    part = full_document("丙局", "3", "某市", 2020)
    part.narrative = []
    part.source = replace(part.source, file="表格.pdf")
    unnamed = [_unnamed(full_document(f"丁局{i}", None, "某市", 2020)) for i in range(2)]
    with store.engine.begin() as conn:
        stored = [store_document(conn, d) for d in (first, again, part, *unnamed)]
    _migrate(store, "0004", down=True)
    with store.engine.begin() as conn:
        # as racing ingests left them: three disclosures of one department × year × kind
        conn.execute(update(disclosures)
                     .where(disclosures.c.id.in_([s.disclosure_id for s in stored[1:3]]))
                     .values(department_id=select(disclosures.c.department_id).where(
                         disclosures.c.id == stored[0].disclosure_id).scalar_subquery()))
    _migrate(store, "head")
    assert current_revision(store.engine) == head_revision()
    with store.engine.connect() as conn:
        rows = {r.id: r for r in conn.execute(select(documents))}
        kept = conn.execute(select(disclosures.c.id)).scalars().all()
    a, b, c = (rows[s.document_id] for s in stored[:3])
    assert a.disclosure_id == b.disclosure_id == c.disclosure_id == stored[0].disclosure_id
    assert sorted(kept) == sorted({stored[0].disclosure_id,
                                   *(s.disclosure_id for s in stored[3:])})
    # the later file of the same name is the next version; the other part stays current
    assert (a.current, a.version) == (False, 1)
    assert (b.current, b.version, b.supersedes_id) == (True, 2, a.id)
    assert (c.current, c.version) == (True, 1)
    # every document still reads back whole
    assert store.load(b.id).meta.department.name == "乙局"

    with pytest.raises(IntegrityError):
        _duplicate_row(store, stored[0].disclosure_id)
    _migrate(store, "0004", down=True)
    _duplicate_row(store, stored[0].disclosure_id)  # no longer refused
    _migrate(store, "head")  # and merged again: an empty duplicate just goes
    with store.engine.connect() as conn:
        assert sorted(conn.execute(select(disclosures.c.id)).scalars()) == sorted(kept)
    store.close()
