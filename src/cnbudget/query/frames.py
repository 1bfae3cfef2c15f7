"""The database as pandas DataFrames: disclosures, line items, facts, findings.

Amounts stay exact: `Decimal` objects in yuan (object dtype); `display`
formats them in 万元 for people. Only the current version of each document
is read.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, Select, case, func, select

from cnbudget.query.filters import Filters, apply, current_documents
from cnbudget.store.schema import (
    departments,
    disclosures,
    document_problems,
    documents,
    facts,
    findings,
    line_items,
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


def line_items_query(
    f: Filters, *, table_type: str | None = None, column: str | None = None,
    code: str | None = None, item: str | None = None,
) -> Select:
    query = _with_context(
        select(
            *_CONTEXT, documents.c.id.label("document_id"), documents.c.file,
            tables.c.type.label("table_type"), tables.c.title.label("table_title"),
            tables.c.unit.label("printed_unit"), table_rows.c.row_no, table_rows.c.side,
            table_rows.c.code, table_rows.c.item, table_rows.c.unit_code, table_rows.c.name,
            line_items.c.column, line_items.c.amount, table_rows.c.page, table_rows.c.line,
        )
        .select_from(line_items)
        .join(table_rows, (table_rows.c.table_id == line_items.c.table_id)
              & (table_rows.c.row_no == line_items.c.row_no))
        .join(tables, tables.c.id == line_items.c.table_id)
        .join(documents, documents.c.id == tables.c.document_id)
    ).where(documents.c.id.in_(current_documents(f)))
    if table_type is not None:
        query = query.where(tables.c.type == table_type)
    if column is not None:
        query = query.where(line_items.c.column == column)
    if code is not None:
        query = query.where(table_rows.c.code == code)
    if item is not None:
        query = query.where(table_rows.c.item == item)
    return query.order_by(documents.c.id, tables.c.position, table_rows.c.row_no,
                          line_items.c.position)


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
