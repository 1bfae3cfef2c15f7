"""Search across departments (every printed name), projects (rows of project
tables and the projects per-project tables are about) and narrative lines."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, or_, select

from cnbudget.store.schema import (
    department_aliases,
    departments,
    documents,
    narrative,
    table_rows,
    tables,
)

LIMIT = 50
# tables whose rows or subject name a project
PROJECT_TABLES = ("project_expenditure", "performance_target", "performance_evaluation",
                  "procurement")


@dataclass(frozen=True, slots=True)
class Hit:
    text: str
    document_id: int | None
    department_id: int | None
    where: str


@dataclass(frozen=True, slots=True)
class Results:
    departments: list[Hit]
    projects: list[Hit]
    narratives: list[Hit]


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search(conn: Connection, text: str) -> Results:
    pattern = _like(text)
    dept_rows = conn.execute(
        select(departments.c.id, departments.c.name, departments.c.region).distinct()
        .outerjoin(department_aliases, department_aliases.c.department_id == departments.c.id)
        .where(departments.c.merged_into.is_(None),
               or_(departments.c.name.like(pattern, escape="\\"),
                   department_aliases.c.name.like(pattern, escape="\\")))
        .order_by(departments.c.name).limit(LIMIT)).all()
    project_rows = conn.execute(
        select(tables.c.document_id, tables.c.title, table_rows.c.name, tables.c.subject)
        .join(table_rows, table_rows.c.table_id == tables.c.id)
        .join(documents, documents.c.id == tables.c.document_id)
        .where(documents.c.current.is_(True), tables.c.type.in_(PROJECT_TABLES),
               or_(table_rows.c.name.like(pattern, escape="\\"),
                   tables.c.subject.like(pattern, escape="\\")))
        .limit(LIMIT)).all()
    narrative_rows = conn.execute(
        select(narrative.c.document_id, narrative.c.text, narrative.c.page)
        .join(documents, documents.c.id == narrative.c.document_id)
        .where(documents.c.current.is_(True), narrative.c.text.like(pattern, escape="\\"))
        .limit(LIMIT)).all()
    return Results(
        [Hit(r.name, None, int(r[0]), r.region or "") for r in dept_rows],
        [Hit(r.name or r.subject or "", int(r.document_id), None, r.title) for r in project_rows],
        [Hit(r.text, int(r.document_id), None, f"第 {r.page} 页" if r.page else "")
         for r in narrative_rows])
