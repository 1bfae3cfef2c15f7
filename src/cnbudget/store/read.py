"""Read a stored document back into the model, exactly as it was stored."""

from __future__ import annotations

import json
from collections import defaultdict

from sqlalchemy import ColumnElement, Connection, Row, select
from sqlalchemy import Table as SqlTable

from cnbudget.model.contract import scope_from_json
from cnbudget.model.document import (
    Category,
    Department,
    Document,
    DocumentMeta,
    Fact,
    Finding,
    FindingLocation,
    Indicator,
    Kind,
    Locator,
    Paragraph,
    Problem,
    ProblemSeverity,
    Region,
    RegionLevel,
    Scope,
    Severity,
    SourceFile,
    Status,
    Table,
)
from cnbudget.model.document import Row as DocRow
from cnbudget.store.schema import (
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


class DocumentNotFound(LookupError):
    pass


def _loc(r: Row) -> Locator | None:
    return Locator(page=r.page, line=r.line, box=r.box) if r.located else None


def load_document(conn: Connection, document_id: int) -> Document:
    d = conn.execute(select(documents).where(documents.c.id == document_id)).first()
    if d is None:
        raise DocumentNotFound(f"no document {document_id}")
    meta = DocumentMeta(
        kind=Kind(d.kind) if d.kind else None,
        scope=Scope(d.scope) if d.scope else None,
        year=d.year, title=d.title,
        department=Department(name=d.department_name, code=d.department_code),
        region=Region(
            name=d.region, level=RegionLevel(d.region_level) if d.region_level else None
        ),
        source_units=list(d.source_units),
    )
    return Document(
        source=SourceFile(file=d.file, sha256=d.sha256, format=d.format, pages=d.pages),
        meta=meta,
        tables=_tables(conn, document_id),
        facts=[
            Fact(key=f.key, value=f.value, unit=f.unit, text=f.text, locator=_loc(f),
                 subject=f.subject, printed_unit=f.printed_unit,
                 scope=scope_from_json(json.loads(f.scope)) if f.scope else None)
            for f in conn.execute(
                select(facts).where(facts.c.document_id == document_id).order_by(facts.c.position)
            )
        ],
        findings=_findings(conn, document_id),
        narrative=[
            Paragraph(p.text, _loc(p))
            for p in conn.execute(
                select(narrative).where(narrative.c.document_id == document_id)
                .order_by(narrative.c.position)
            )
        ],
        status=Status(d.status),
        problems=[
            Problem(p.message, _loc(p), ProblemSeverity(p.severity), code=p.code,
                    params=tuple(sorted(json.loads(p.params).items())) if p.params else ())
            for p in conn.execute(
                select(document_problems).where(document_problems.c.document_id == document_id)
                .order_by(document_problems.c.position)
            )
        ],
    )


def _tables(conn: Connection, document_id: int) -> list[Table]:
    stored = conn.execute(
        select(tables).where(tables.c.document_id == document_id).order_by(tables.c.position)
    ).all()
    ids = [t.id for t in stored]
    if not ids:
        return []

    def by_row(
        table: SqlTable, order: tuple[ColumnElement, ...]
    ) -> dict[tuple[int, int], list[Row]]:
        grouped: dict[tuple[int, int], list[Row]] = defaultdict(list)
        for r in conn.execute(
            select(table).where(table.c.table_id.in_(ids)).order_by(*order)
        ):
            grouped[(r.table_id, r.row_no)].append(r)
        return grouped

    values = by_row(line_items, (line_items.c.table_id, line_items.c.row_no,
                                 line_items.c.position))
    texts = by_row(row_texts, (row_texts.c.table_id, row_texts.c.row_no, row_texts.c.position))
    inds = by_row(indicators, (indicators.c.table_id, indicators.c.row_no,
                               indicators.c.position))
    ind_texts: dict[tuple[int, int, int], dict[str, str]] = defaultdict(dict)
    for t in conn.execute(
        select(indicator_texts).where(indicator_texts.c.table_id.in_(ids))
        .order_by(indicator_texts.c.table_id, indicator_texts.c.row_no,
                  indicator_texts.c.indicator, indicator_texts.c.position)
    ):
        ind_texts[(t.table_id, t.row_no, t.indicator)][t.key] = t.value
    rows: dict[int, list[DocRow]] = defaultdict(list)
    for r in conn.execute(
        select(table_rows).where(table_rows.c.table_id.in_(ids))
        .order_by(table_rows.c.table_id, table_rows.c.row_no)
    ):
        key = (r.table_id, r.row_no)
        rows[r.table_id].append(DocRow(
            values={v.column: v.amount for v in values.get(key, ())},
            code=r.code, item=r.item, side=r.side, name=r.name, unit_code=r.unit_code,
            texts={t.key: t.value for t in texts.get(key, ())},
            indicators=[
                Indicator(level1=i.level1, level2=i.level2, level3=i.level3, target=i.target,
                          actual=i.actual, weight=i.weight, score=i.score,
                          texts=ind_texts.get((*key, i.position), {}))
                for i in inds.get(key, ())
            ] if r.has_indicators else None,
            locator=_loc(r),
            boxes={c.key: c.box for c in texts.get(key, ()) if c.box is not None}
            | {v.column: v.box for v in values.get(key, ()) if v.box is not None},
        ))
    return [
        Table(type=t.type, title=t.title, rows=rows.get(t.id, []), unit=t.unit,
              locator=_loc(t), empty=t.empty, note=t.note, subject=t.subject,
              figures_unit=t.figures_unit, misread=t.misread, decimals=t.decimals)
        for t in stored
    ]


def _findings(conn: Connection, document_id: int) -> list[Finding]:
    locations: dict[int, list[FindingLocation]] = defaultdict(list)
    for loc in conn.execute(
        select(finding_locations).where(finding_locations.c.document_id == document_id)
        .order_by(finding_locations.c.finding_no, finding_locations.c.position)
    ):
        locations[loc.finding_no].append(FindingLocation(
            table=loc.table_type, title=loc.title, item=loc.item, code=loc.code,
            column=loc.column, fact=loc.fact, page=loc.page, line=loc.line, quote=loc.quote,
            label=loc.label,
        ))
    return [
        Finding(rule=f.rule, category=Category(f.category), severity=Severity(f.severity),
                message=f.message, expected=f.expected, actual=f.actual,
                locations=tuple(locations.get(f.position, ())), unit=f.unit,
                printed_unit=f.printed_unit)
        for f in conn.execute(
            select(findings).where(findings.c.document_id == document_id)
            .order_by(findings.c.position)
        )
    ]
