"""The database as pandas DataFrames: disclosures, line items, performance
indicators, facts, findings.

Amounts stay exact: `Decimal` objects in yuan (object dtype); `display`
formats them in 万元 for people. Only the current version of each document
is read.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import ColumnElement, Connection, Select, case, func, select
from sqlalchemy import Table as SqlTable

from cnbudget.query.filters import Filters, apply, current_documents
from cnbudget.store.schema import (
    departments,
    disclosures,
    document_problems,
    documents,
    facts,
    findings,
    indicator_texts,
    indicators,
    line_items,
    row_texts,
    table_rows,
    tables,
)

_CONTEXT = (
    disclosures.c.id.label("disclosure_id"),
    departments.c.name.label("department"),
    departments.c.code.label("department_code"),
    departments.c.region,
    disclosures.c.year,
    disclosures.c.kind,
    disclosures.c.scope,
)


def frame(conn: Connection, query: Select) -> pd.DataFrame:
    result = conn.execute(query)
    return pd.DataFrame(result.all(), columns=list(result.keys()))


def _with_context(query: Select) -> Select:
    return (
        query.join(disclosures, disclosures.c.id == documents.c.disclosure_id)
        .outerjoin(departments, departments.c.id == disclosures.c.department_id)
    )


def disclosures_query(f: Filters) -> Select:
    current = documents.c.current.is_(True)
    doc_count = (
        select(func.count()).where(documents.c.disclosure_id == disclosures.c.id, current)
        .scalar_subquery()
    )

    def finding_count(severity: str) -> object:
        return (
            select(func.count())
            .select_from(findings.join(documents, documents.c.id == findings.c.document_id))
            .where(documents.c.disclosure_id == disclosures.c.id, current,
                   findings.c.severity == severity)
            .scalar_subquery()
        )

    tables_count = (
        select(func.count())
        .select_from(tables.join(documents, documents.c.id == tables.c.document_id))
        .where(documents.c.disclosure_id == disclosures.c.id, current)
        .scalar_subquery()
    )
    def problem_count(severity: str) -> object:
        return (
            select(func.count())
            .select_from(document_problems.join(
                documents, documents.c.id == document_problems.c.document_id))
            .where(documents.c.disclosure_id == disclosures.c.id, current,
                   document_problems.c.severity == severity)
            .scalar_subquery()
        )

    worst = (
        select(func.max(case(
            (documents.c.status == "failure", 3), (documents.c.status == "partial", 2), else_=1)))
        .where(documents.c.disclosure_id == disclosures.c.id, current)
        .scalar_subquery()
    )
    query = (
        select(
            *_CONTEXT, disclosures.c.department_id,
            doc_count.label("documents"), tables_count.label("tables"),
            finding_count("error").label("errors"), finding_count("warning").label("warnings"),
            problem_count("partial").label("problems"), problem_count("recovered").label("recovered"),
            case((worst == 3, "failure"), (worst == 2, "partial"), else_="success").label(
                "status"),
        )
        .select_from(disclosures)
        .outerjoin(departments, departments.c.id == disclosures.c.department_id)
        .order_by(departments.c.region, departments.c.name, disclosures.c.year,
                  disclosures.c.kind, disclosures.c.id)
    )
    return apply(query, f)


def _per_row(child: SqlTable, f: Filters, table_type: str | None,
             columns: tuple[ColumnElement, ...]) -> Select:
    """Rows of `child` (keyed by table_id, row_no) in the current documents, with
    their disclosure, document and table, then `columns`."""
    query = _with_context(
        select(
            *_CONTEXT, documents.c.id.label("document_id"), documents.c.file,
            tables.c.type.label("table_type"), tables.c.title.label("table_title"), *columns,
        )
        .select_from(child)
        .join(table_rows, (table_rows.c.table_id == child.c.table_id)
              & (table_rows.c.row_no == child.c.row_no))
        .join(tables, tables.c.id == child.c.table_id)
        .join(documents, documents.c.id == tables.c.document_id)
    ).where(documents.c.id.in_(current_documents(f)))
    return query if table_type is None else query.where(tables.c.type == table_type)


def line_items_query(
    f: Filters, *, table_type: str | None = None, column: str | None = None,
    code: str | None = None, item: str | None = None,
) -> Select:
    query = _per_row(line_items, f, table_type, (
        tables.c.unit.label("printed_unit"), table_rows.c.row_no, table_rows.c.side,
        table_rows.c.code, table_rows.c.item, table_rows.c.unit_code, table_rows.c.name,
        line_items.c.column, line_items.c.amount, table_rows.c.page, table_rows.c.line,
    ))
    if column is not None:
        query = query.where(line_items.c.column == column)
    if code is not None:
        query = query.where(table_rows.c.code == code)
    if item is not None:
        query = query.where(table_rows.c.item == item)
    return query.order_by(documents.c.id, tables.c.position, table_rows.c.row_no,
                          line_items.c.position)


def indicators_query(f: Filters, *, table_type: str | None = None) -> Select:
    """One row per performance indicator of the current documents: its project
    (the row's `project` text, else its name), levels, target, actual, weight and
    score. Its other printed columns are in `indicator_texts_query`."""
    project = (
        select(row_texts.c.value)
        .where(row_texts.c.table_id == indicators.c.table_id,
               row_texts.c.row_no == indicators.c.row_no, row_texts.c.key == "project")
        .scalar_subquery()
    )
    query = _per_row(indicators, f, table_type, (
        indicators.c.table_id, indicators.c.row_no, indicators.c.position.label("indicator"),
        func.coalesce(project, table_rows.c.name, table_rows.c.item).label("project"),
        indicators.c.level1, indicators.c.level2, indicators.c.level3, indicators.c.target,
        indicators.c.actual, indicators.c.weight, indicators.c.score,
        table_rows.c.page, table_rows.c.line,
    ))
    return query.order_by(documents.c.id, tables.c.position, indicators.c.row_no,
                          indicators.c.position)


def indicator_texts_query(f: Filters, *, table_type: str | None = None) -> Select:
    """The indicators' printed columns of no field (`extra:<printed header>` → text),
    keyed by (table_id, row_no, indicator) as `indicators_query` gives them."""
    query = (
        select(indicator_texts.c.table_id, indicator_texts.c.row_no,
               indicator_texts.c.indicator, indicator_texts.c.key, indicator_texts.c.value)
        .join(tables, tables.c.id == indicator_texts.c.table_id)
        .where(tables.c.document_id.in_(current_documents(f)))
    )
    if table_type is not None:
        query = query.where(tables.c.type == table_type)
    return query.order_by(tables.c.document_id, tables.c.position, indicator_texts.c.row_no,
                          indicator_texts.c.indicator, indicator_texts.c.position)


def with_indicator_texts(found: pd.DataFrame, texts: pd.DataFrame) -> pd.DataFrame:
    """`found` with one column per text key (in order of first appearance), empty
    (None) where an indicator did not print that column."""
    keys = list(dict.fromkeys(texts["key"]))
    cells = {(r.table_id, r.row_no, r.indicator, r.key): r.value for r in texts.itertuples()}
    out = found.copy()
    index = list(zip(found["table_id"], found["row_no"], found["indicator"], strict=True))
    for key in keys:
        out[key] = pd.Series([cells.get((*i, key)) for i in index], index=out.index, dtype=object)
    return out


def facts_query(f: Filters, *, key: str | None = None) -> Select:
    query = _with_context(
        select(*_CONTEXT, documents.c.id.label("document_id"), facts.c.key, facts.c.value,
               facts.c.unit, facts.c.subject, facts.c.text, facts.c.page, facts.c.line)
        .select_from(facts).join(documents, documents.c.id == facts.c.document_id)
    ).where(documents.c.id.in_(current_documents(f)))
    if key is not None:
        query = query.where(facts.c.key == key)
    return query.order_by(documents.c.id, facts.c.position)


def findings_query(
    f: Filters, *, severity: str | None = None, rule: str | None = None,
    category: str | None = None,
) -> Select:
    query = _with_context(
        select(*_CONTEXT, documents.c.id.label("document_id"), findings.c.rule,
               findings.c.category, findings.c.severity, findings.c.message,
               findings.c.expected, findings.c.actual)
        .select_from(findings).join(documents, documents.c.id == findings.c.document_id)
    ).where(documents.c.id.in_(current_documents(f)))
    for column, value in ((findings.c.severity, severity), (findings.c.rule, rule),
                          (findings.c.category, category)):
        if value is not None:
            query = query.where(column == value)
    return query.order_by(documents.c.id, findings.c.position)


def documents_query(disclosure_id: int) -> Select:
    """Every file of a disclosure, superseded versions included."""
    return (
        select(documents.c.id, documents.c.file, documents.c.format, documents.c.pages,
               documents.c.status, documents.c.version, documents.c.supersedes_id,
               documents.c.current, documents.c.sha256, documents.c.ingested_at)
        .where(documents.c.disclosure_id == disclosure_id)
        .order_by(documents.c.id)
    )
