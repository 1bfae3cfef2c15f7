"""Store one `Document` (inside the caller's transaction) and say what happened.

The document's disclosure is found or created from its metadata; a document
whose content hash is already stored is not stored again. A file that
replaces an earlier file of the same disclosure (same file name, or the same
title and part: same table types and narrative presence) is recorded as its new
version (same title required: a garbled department name must not make two
departments' files versions of one another); other files of the disclosure
(Jiangsu's 文件 and 表格 PDFs) are its further parts.

Race-safe: a disclosure or document another writer created first (the unique
index said so) is re-read and used, the attempt rolled back to a SAVEPOINT;
the file is neither lost nor stored twice. `replace_document` re-stores a file
already stored (re-extracted by a newer cnbudget) in place.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from sqlalchemy import Connection, delete, exists, func, insert, select, update
from sqlalchemy import Table as SqlTable
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import IntegrityError

from cnbudget.model.contract import scope_to_json
from cnbudget.model.document import Document, Locator
from cnbudget.store.departments import resolve_department
from cnbudget.store.figures import document_figure_rows
from cnbudget.store.schema import (
    disclosures,
    document_figures,
    document_problems,
    documents,
    facts,
    finding_locations,
    findings,
    indicator_texts,
    indicators,
    line_items,
    narrative,
    row_texts,
    table_rows,
    tables,
)
from cnbudget.store.types import BoxText, ExactDecimal


@dataclass(frozen=True, slots=True)
class Stored:
    document_id: int
    disclosure_id: int
    new: bool  # False: this content hash was already stored
    supersedes: int | None = None  # the document id this one is a new version of
    replaced: bool = False  # the stored document of this file was replaced in place


def _loc(loc: Locator | None, prefix: str = "") -> dict[str, object]:
    return {
        f"{prefix}page": loc.page if loc else None,
        f"{prefix}line": loc.line if loc else None,
        f"{prefix}located": loc is not None,
        f"{prefix}box": loc.box if loc else None,
    }


def find_by_sha256(conn: Connection, sha256: str) -> tuple[int, int] | None:
    row = conn.execute(
        select(documents.c.id, documents.c.disclosure_id).where(documents.c.sha256 == sha256)
    ).first()
    return (int(row.id), int(row.disclosure_id)) if row else None


def _disclosure(conn: Connection, doc: Document) -> tuple[int, bool]:
    """(id, created) of the disclosure the document belongs to."""
    meta = doc.meta
    dept_id = resolve_department(conn, meta)
    kind = meta.kind.value if meta.kind else None
    scope = meta.scope.value if meta.scope else None
    new = insert(disclosures).values(
        department_id=dept_id, year=meta.year, kind=kind, scope=scope)
    if dept_id is None or meta.year is None or kind is None:
        # an unidentified document is a disclosure of its own until a person says otherwise
        return int(conn.execute(new).inserted_primary_key[0]), True
    # the same expression as the unique index (uq_disclosures_identity), which it uses
    same = select(disclosures.c.id).where(
        disclosures.c.department_id == dept_id,
        disclosures.c.year == meta.year,
        disclosures.c.kind == kind,
        func.coalesce(disclosures.c.scope, "") == (scope or ""),
    )
    found = conn.execute(same).scalar()
    if found is not None:
        return int(found), False
    try:
        with conn.begin_nested():
            return int(conn.execute(new).inserted_primary_key[0]), True
    except IntegrityError:
        # another writer created it since we looked: theirs is the disclosure
        return int(conn.execute(same).scalar_one()), False


def _part(has_narrative: bool, table_types: set[str]) -> tuple[bool, frozenset[str]]:
    return has_narrative, frozenset(table_types)


def _replaced(conn: Connection, disclosure_id: int, doc: Document) -> tuple[int, int] | None:
    """(id, version) of the current document of the disclosure this one replaces:
    one with the same file name, or the same title and the same part (table types
    and narrative presence). Different titles are different documents, however
    alike their tables."""
    part = _part(bool(doc.narrative), {t.type for t in doc.tables})
    current = conn.execute(
        select(documents.c.id, documents.c.file, documents.c.title, documents.c.version)
        .where(documents.c.disclosure_id == disclosure_id, documents.c.current.is_(True))
        .order_by(documents.c.id)
    ).all()
    for old in current:
        if old.file == doc.source.file:
            return int(old.id), int(old.version)
    for old in current:
        if doc.meta.title is None or old.title != doc.meta.title:
            continue
        types = set(conn.execute(
            select(tables.c.type).where(tables.c.document_id == old.id)
        ).scalars())
        has_narrative = conn.execute(
            select(exists().where(narrative.c.document_id == old.id))
        ).scalar_one()
        if (types or has_narrative) and _part(bool(has_narrative), types) == part:
            return int(old.id), int(old.version)
    return None


def _as_extracted(doc: Document, run_id: int | None) -> dict[str, object]:
    """The document row's columns that come from the extraction (not its place)."""
    meta = doc.meta
    return {
        "run_id": run_id, "file": doc.source.file, "format": doc.source.format,
        "pages": doc.source.pages,
        "kind": meta.kind.value if meta.kind else None,
        "scope": meta.scope.value if meta.scope else None,
        "year": meta.year, "title": meta.title,
        "department_name": meta.department.name, "department_code": meta.department.code,
        "region": meta.region.name,
        "region_level": meta.region.level.value if meta.region.level else None,
        "source_units": list(meta.source_units), "status": doc.status.value,
        "ingested_at": datetime.now(UTC),
    }


def _insert(conn: Connection, doc: Document, run_id: int | None) -> Stored:
    disclosure_id, created = _disclosure(conn, doc)
    replaced = None if created else _replaced(conn, disclosure_id, doc)
    if replaced:
        conn.execute(update(documents).where(documents.c.id == replaced[0]).values(current=False))
    doc_id = int(conn.execute(insert(documents).values(
        disclosure_id=disclosure_id, sha256=doc.source.sha256, **_as_extracted(doc, run_id),
        version=replaced[1] + 1 if replaced else 1,
        supersedes_id=replaced[0] if replaced else None, current=True,
    )).inserted_primary_key[0])
    _store_body(conn, doc_id, doc)
    return Stored(doc_id, disclosure_id, new=True, supersedes=replaced[0] if replaced else None)


def store_document(conn: Connection, doc: Document, run_id: int | None = None) -> Stored:
    """Store `doc` in the open transaction of `conn`; idempotent by content hash. When
    another writer stores the same file meanwhile, theirs is kept and reported as
    already stored (this attempt, department and disclosure included, rolled back)."""
    known = find_by_sha256(conn, doc.source.sha256)
    if known is None:
        try:
            with conn.begin_nested():
                return _insert(conn, doc, run_id)
        except IntegrityError:
            known = find_by_sha256(conn, doc.source.sha256)
            if known is None:  # not a concurrent store of this file: a real error
                raise
    return Stored(known[0], known[1], new=False)


def replace_document(conn: Connection, doc: Document, run_id: int | None = None) -> Stored:
    """Store `doc` in place of the stored document of the same file (same content
    hash): its content and extracted metadata are replaced; its id, disclosure,
    version and place in the version history (supersedes, current) are kept. A
    file not yet stored is stored as new."""
    old = conn.execute(
        select(documents.c.id, documents.c.disclosure_id, documents.c.supersedes_id)
        .where(documents.c.sha256 == doc.source.sha256)
        .with_for_update()  # PostgreSQL: one replacement of a document at a time
    ).first()
    if old is None:
        return store_document(conn, doc, run_id)
    doc_id = int(old.id)
    _delete_body(conn, doc_id)
    conn.execute(update(documents).where(documents.c.id == doc_id)
                 .values(**_as_extracted(doc, run_id)))
    _store_body(conn, doc_id, doc)
    return Stored(doc_id, int(old.disclosure_id), new=False,
                  supersedes=old.supersedes_id, replaced=True)


def _delete_body(conn: Connection, doc_id: int) -> None:
    # rows, values, texts, indicators and finding locations go with their parent
    # (ON DELETE CASCADE)
    for table in (tables, document_problems, narrative, facts, findings, document_figures):
        conn.execute(delete(table).where(table.c.document_id == doc_id))


_PLACEHOLDERS = {"qmark": "?", "format": "%s", "pyformat": "%s"}


@lru_cache(maxsize=64)
def _insert_sql(dialect: Dialect, table: SqlTable, keys: tuple[str, ...]) -> str:
    quote = dialect.identifier_preparer.quote
    mark = _PLACEHOLDERS[dialect.paramstyle]
    return (f"INSERT INTO {quote(table.name)} ({', '.join(quote(k) for k in keys)}) "
            f"VALUES ({', '.join(mark for _ in keys)})")


def _executemany(conn: Connection, table: SqlTable, rows: list[dict[str, object]]) -> None:
    """Bulk insert through the driver's executemany: a document's hundreds of values
    would otherwise spend most of their time in per-row statement processing. Exact
    amounts and boxes still go through their column types' conversion."""
    if not rows:
        return
    dialect = conn.dialect
    keys = tuple(rows[0])
    convert = [
        (i, table.c[k].type) for i, k in enumerate(keys)
        if isinstance(table.c[k].type, ExactDecimal | BoxText)
    ]
    params = []
    for row in rows:
        values = list(row.values())
        for i, kind in convert:
            values[i] = kind.process_bind_param(values[i], dialect)
        params.append(tuple(values))
    conn.exec_driver_sql(_insert_sql(dialect, table, keys), params)


def _store_body(conn: Connection, doc_id: int, doc: Document) -> None:
    _executemany(conn, document_problems, [
        {"document_id": doc_id, "position": i, "message": p.message, **_loc(p.locator),
         "severity": p.severity.value, "code": p.code,
         "params": json.dumps(dict(p.params), ensure_ascii=False) if p.params else None}
        for i, p in enumerate(doc.problems)
    ])
    _executemany(conn, narrative, [
        {"document_id": doc_id, "position": i, "text": p.text, **_loc(p.locator)}
        for i, p in enumerate(doc.narrative)
    ])
    _store_tables(conn, doc_id, doc)
    _executemany(conn, document_figures, [  # the figures a ranking reads (store/figures.py)
        {"document_id": doc_id, "metric": metric, "preference": preference, "amount": amount}
        for metric, (preference, amount) in document_figure_rows(doc).items()
    ])
    _executemany(conn, facts, [
        {"document_id": doc_id, "position": i, "key": f.key, "value": f.value, "unit": f.unit,
         "text": f.text, "subject": f.subject, "printed_unit": f.printed_unit,
         "scope": json.dumps(scope_to_json(f.scope), ensure_ascii=False) if f.scope else None,
         **_loc(f.locator)}
        for i, f in enumerate(doc.facts)
    ])
    _executemany(conn, findings, [
        {"document_id": doc_id, "position": i, "rule": f.rule, "category": f.category.value,
         "severity": f.severity.value, "message": f.message, "expected": f.expected,
         "actual": f.actual, "unit": f.unit, "printed_unit": f.printed_unit}
        for i, f in enumerate(doc.findings)
    ])
    _executemany(conn, finding_locations, [
        {"document_id": doc_id, "finding_no": i, "position": j, "table_type": loc.table,
         "title": loc.title, "item": loc.item, "code": loc.code, "column": loc.column,
         "fact": loc.fact, "page": loc.page, "line": loc.line, "quote": loc.quote,
         "label": loc.label}
        for i, f in enumerate(doc.findings) for j, loc in enumerate(f.locations)
    ])


def _store_tables(conn: Connection, doc_id: int, doc: Document) -> None:
    if not doc.tables:
        return
    table_ids = conn.execute(
        insert(tables).returning(tables.c.id, sort_by_parameter_order=True),
        [
            {"document_id": doc_id, "position": i, "type": t.type, "title": t.title,
             "unit": t.unit, "empty": t.empty, "note": t.note, "subject": t.subject,
             "figures_unit": t.figures_unit, "misread": t.misread,
             "decimals": t.decimals,
             **_loc(t.locator)}
            for i, t in enumerate(doc.tables)
        ],
    ).scalars().all()
    rows: list[dict[str, object]] = []
    values: list[dict[str, object]] = []
    texts: list[dict[str, object]] = []
    inds: list[dict[str, object]] = []
    ind_texts: list[dict[str, object]] = []
    for table_id, table in zip(table_ids, doc.tables, strict=True):
        for row_no, row in enumerate(table.rows):
            key = {"table_id": table_id, "row_no": row_no}
            rows.append({
                **key, "code": row.code, "item": row.item, "side": row.side,
                "unit_code": row.unit_code, "name": row.name,
                "has_indicators": row.indicators is not None, **_loc(row.locator),
            })
            values.extend(
                {**key, "position": i, "column": column, "amount": amount,
                 "box": row.boxes.get(column)}
                for i, (column, amount) in enumerate(row.values.items())
            )
            texts.extend(
                {**key, "position": i, "key": k, "value": v, "box": row.boxes.get(k)}
                for i, (k, v) in enumerate(row.texts.items())
            )
            inds.extend(
                {**key, "position": i, "level1": ind.level1, "level2": ind.level2,
                 "level3": ind.level3, "target": ind.target, "actual": ind.actual,
                 "weight": ind.weight, "score": ind.score}
                for i, ind in enumerate(row.indicators or ())
            )
            ind_texts.extend(
                {**key, "indicator": i, "position": j, "key": k, "value": v}
                for i, ind in enumerate(row.indicators or ())
                for j, (k, v) in enumerate(ind.texts.items())
            )
    _executemany(conn, table_rows, rows)
    _executemany(conn, line_items, values)
    _executemany(conn, row_texts, texts)
    _executemany(conn, indicators, inds)
    _executemany(conn, indicator_texts, ind_texts)
