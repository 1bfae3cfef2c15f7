"""Which disclosures a query is about: region, year, kind, scope, department,
has-errors. Shared by listing, line items, facts, findings, compare and export."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, and_, exists, or_, select

from cnbudget.store.departments import name_key
from cnbudget.store.schema import department_aliases, departments, disclosures, documents, findings


@dataclass(frozen=True, slots=True)
class Filters:
    region: str | None = None
    year: int | None = None
    kind: str | None = None  # budget | final_account
    scope: str | None = None  # department | unit
    department: str | int | None = None  # id, code or (part of) a name: department_condition
    has_errors: bool | None = None  # error findings, or a document that could not be read


def department_condition(department: str | int) -> object:
    """An int is a department id; a string of digits its id or printed code; other
    text (part of) any name it was printed under."""
    if isinstance(department, int):
        return departments.c.id == department
    if department.isdigit():
        return (departments.c.id == int(department)) | (departments.c.code == department)
    key = name_key(str(department))
    return exists().where(
        department_aliases.c.department_id == departments.c.id,
        department_aliases.c.name_key.contains(key, autoescape=True),
    )


def has_errors_condition() -> object:
    current = and_(documents.c.disclosure_id == disclosures.c.id, documents.c.current.is_(True))
    return or_(
        exists().where(current, findings.c.document_id == documents.c.id,
                       findings.c.severity == "error"),
        exists().where(current, documents.c.status == "failure"),
    )


def apply(query: Select, f: Filters) -> Select:
    """Narrow a query that joins `disclosures` (outer-joined to `departments`)."""
    if f.region is not None:
        query = query.where(departments.c.region == f.region)
    if f.year is not None:
        query = query.where(disclosures.c.year == f.year)
    if f.kind is not None:
        query = query.where(disclosures.c.kind == f.kind)
    if f.scope is not None:
        query = query.where(disclosures.c.scope == f.scope)
    if f.department is not None:
        query = query.where(department_condition(f.department))
    if f.has_errors is not None:
        cond = has_errors_condition()
        query = query.where(cond if f.has_errors else ~cond)
    return query


def current_documents(f: Filters) -> Select:
    """Ids of the current documents of the selected disclosures."""
    query = (
        select(documents.c.id)
        .join(disclosures, disclosures.c.id == documents.c.disclosure_id)
        .outerjoin(departments, departments.c.id == disclosures.c.department_id)
        .where(documents.c.current.is_(True))
    )
    return apply(query, f)
