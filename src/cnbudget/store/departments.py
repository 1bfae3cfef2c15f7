"""Which department a document belongs to, across renamings.

A department is identified within its region by its printed code where there
is one (石家庄市数据资源管理局 2020 and 石家庄市数据局 2024 both print [302] in
石家庄市: one department), else by its name. Every name it was printed under is
kept as an alias with the years it was used; the department's `name` is the
most recent one. A department a person merged into another
(cnbudget.store.department_edits) keeps its row as a pointer, `merged_into`:
documents that name it join the department it points to.
"""

from __future__ import annotations

import unicodedata

from sqlalchemy import ColumnElement, Connection, func, insert, select, true, update

from cnbudget.model.document import DocumentMeta
from cnbudget.store.schema import department_aliases, departments


def name_key(name: str) -> str:
    """The matching key of a printed name: NFKC, without whitespace."""
    return "".join(unicodedata.normalize("NFKC", name).split())


def _same(column: ColumnElement, value: str | None) -> ColumnElement[bool]:
    return column.is_(None) if value is None else column == value


def surviving(conn: Connection, department_id: int) -> int:
    """The department that stands for `department_id`: itself, or the one it was merged
    into (merges repoint earlier pointers, so there is one step at most)."""
    target = conn.execute(select(departments.c.merged_into)
                          .where(departments.c.id == department_id)).scalar_one_or_none()
    return int(target) if target is not None else department_id


def _find(conn: Connection, meta: DocumentMeta, key: str) -> tuple[int, str | None] | None:
    found = _find_printed(conn, meta, key)
    if found is None:
        return None
    target = surviving(conn, found[0])
    if target == found[0]:
        return found
    code = conn.execute(select(departments.c.code).where(departments.c.id == target)).scalar_one()
    return target, code


def _find_printed(conn: Connection, meta: DocumentMeta, key: str) -> tuple[int, str | None] | None:
    """(id, code) of the department these metadata name, if known."""
    region, code = meta.region.name, meta.department.code
    if code:
        found = conn.execute(
            select(departments.c.id, departments.c.code)
            .where(_same(departments.c.region, region), departments.c.code == code)
            .order_by(departments.c.id)
        ).first()
        if found:
            return int(found.id), found.code
    found = conn.execute(
        select(departments.c.id, departments.c.code)
        .join(department_aliases, department_aliases.c.department_id == departments.c.id)
        .where(
            department_aliases.c.name_key == key,
            _same(departments.c.region, region),
            # a name printed with a code never joins a department known by another code
            (departments.c.code.is_(None) | (departments.c.code == code)) if code else true(),
        )
        .order_by(departments.c.id)
    ).first()
    return (int(found.id), found.code) if found else None


def resolve_department(conn: Connection, meta: DocumentMeta) -> int | None:
    """The department id for a document's metadata, created or extended as needed;
    None when the document names no department."""
    name = meta.department.name
    if not name:
        return None
    key = name_key(name)
    found = _find(conn, meta, key)
    if found is None:
        dept_id = int(conn.execute(
            insert(departments).values(
                name=name, code=meta.department.code, region=meta.region.name,
                region_level=meta.region.level.value if meta.region.level else None,
            )
        ).inserted_primary_key[0])
    else:
        dept_id = found[0]
        if meta.department.code and found[1] is None:
            conn.execute(update(departments).where(departments.c.id == dept_id)
                         .values(code=meta.department.code))
    record_alias(conn, dept_id, name, key, meta.year)
    return dept_id


def record_alias(conn: Connection, dept_id: int, name: str, key: str, year: int | None) -> None:
    alias = conn.execute(
        select(department_aliases).where(
            department_aliases.c.department_id == dept_id, department_aliases.c.name_key == key
        )
    ).first()
    if alias is not None and (year is None or (
        alias.first_year is not None and alias.first_year <= year <= alias.last_year
    )):
        return  # nothing new: the common case of a batch
    if alias is None:
        conn.execute(
            insert(department_aliases).values(
                department_id=dept_id, name=name, name_key=key, first_year=year, last_year=year
            )
        )
    else:
        conn.execute(
            update(department_aliases)
            .where(department_aliases.c.id == alias.id)
            .values(
                first_year=year if alias.first_year is None else min(alias.first_year, year),
                last_year=year if alias.last_year is None else max(alias.last_year, year),
            )
        )
    latest = conn.execute(
        select(department_aliases.c.name)
        .where(department_aliases.c.department_id == dept_id)
        .order_by(func.coalesce(department_aliases.c.last_year, -1).desc(),
                  department_aliases.c.id.desc())
        .limit(1)
    ).scalar_one()
    conn.execute(update(departments).where(departments.c.id == dept_id).values(name=latest))
