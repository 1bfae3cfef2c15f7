"""A person's corrections to department identity, kept in the database: another
name a department goes by (`add_alias`), and two departments that are one
(`merge_departments`). Re-ingest respects both: a document printed under an
alias joins that department, and one that names a merged department (by its
code or any of its names) joins the department it was merged into.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, delete, func, select, update

from cnbudget.store.departments import name_key, record_alias, surviving
from cnbudget.store.schema import department_aliases, departments, disclosures, documents


class DepartmentNotFound(LookupError):
    """No (unmerged) department has this id."""

    def __init__(self, department_id: int) -> None:
        self.department_id = department_id
        super().__init__(f"没有编号为 {department_id} 的部门（见 cnbudget departments） / "
                         f"no department {department_id}")


class MergeRefused(ValueError):
    """A merge that would not make sense (a department into itself, across regions)."""


@dataclass(frozen=True)
class MergeResult:
    target: int
    aliases: int  # names moved to the target
    disclosures: int  # disclosures moved whole
    joined: int  # disclosures of the same year/kind/scope whose files joined the target's


def _existing(conn: Connection, department_id: int):  # -> Row
    row = conn.execute(select(departments).where(departments.c.id == department_id)).first()
    if row is None or row.merged_into is not None:
        raise DepartmentNotFound(department_id)
    return row


def add_alias(conn: Connection, department_id: int, name: str) -> bool:
    """Record `name` as a name of the department; False when it already was one.
    The department's displayed name stays the one printed most recently."""
    _existing(conn, department_id)
    key = name_key(name)
    if not key:
        raise MergeRefused("空名称 / an empty name")
    known = conn.execute(select(department_aliases.c.id).where(
        department_aliases.c.department_id == department_id,
        department_aliases.c.name_key == key)).first()
    if known is not None:
        return False
    record_alias(conn, department_id, name.strip(), key, None)
    return True


def merge_departments(conn: Connection, source_id: int, target_id: int) -> MergeResult:
    """Make `source` part of `target`: its names, codes and disclosures go to the
    target; a disclosure both have (same year, kind, scope) becomes one, its files
    together. The source stays as a pointer (`merged_into`) so that its code and names
    keep leading to the target on re-ingest."""
    if source_id == target_id:
        raise MergeRefused("不能把部门合并到它自己 / a department cannot merge into itself")
    source, target = _existing(conn, source_id), _existing(conn, target_id)
    if source.region and target.region and source.region != target.region:
        raise MergeRefused(f"两个部门属于不同地区（{source.region}、{target.region}） / "
                           "the departments are of different regions")
    moved_aliases = 0
    for alias in conn.execute(select(department_aliases)
                              .where(department_aliases.c.department_id == source_id)).all():
        twin = conn.execute(select(department_aliases).where(
            department_aliases.c.department_id == target_id,
            department_aliases.c.name_key == alias.name_key)).first()
        if twin is None:
            conn.execute(update(department_aliases).where(department_aliases.c.id == alias.id)
                         .values(department_id=target_id))
            moved_aliases += 1
            continue
        years = [y for y in (alias.first_year, alias.last_year, twin.first_year, twin.last_year)
                 if y is not None]
        conn.execute(update(department_aliases).where(department_aliases.c.id == twin.id).values(
            first_year=min(years) if years else None, last_year=max(years) if years else None))
        conn.execute(delete(department_aliases).where(department_aliases.c.id == alias.id))
    moved, joined = 0, 0
    for disclosure in conn.execute(select(disclosures)
                                   .where(disclosures.c.department_id == source_id)).all():
        same = conn.execute(select(disclosures.c.id).where(
            disclosures.c.department_id == target_id,
            disclosures.c.year == disclosure.year, disclosures.c.kind == disclosure.kind,
            func.coalesce(disclosures.c.scope, "") == (disclosure.scope or ""))).first() \
            if disclosure.year is not None and disclosure.kind is not None else None
        if same is None:
            conn.execute(update(disclosures).where(disclosures.c.id == disclosure.id)
                         .values(department_id=target_id))
            moved += 1
        else:
            conn.execute(update(documents).where(documents.c.disclosure_id == disclosure.id)
                         .values(disclosure_id=same.id))
            conn.execute(delete(disclosures).where(disclosures.c.id == disclosure.id))
            joined += 1
    # departments merged into the source before now point at the target, so no chain forms
    conn.execute(update(departments).where(departments.c.merged_into == source_id)
                 .values(merged_into=target_id))
    conn.execute(update(departments).where(departments.c.id == source_id)
                 .values(merged_into=target_id))
    if target.code is None and source.code is not None:
        conn.execute(update(departments).where(departments.c.id == target_id)
                     .values(code=source.code))
    latest = conn.execute(
        select(department_aliases.c.name).where(department_aliases.c.department_id == target_id)
        .order_by(func.coalesce(department_aliases.c.last_year, -1).desc(),
                  department_aliases.c.id.desc()).limit(1)).scalar_one_or_none()
    if latest:
        conn.execute(update(departments).where(departments.c.id == target_id).values(name=latest))
    assert surviving(conn, source_id) == target_id
    return MergeResult(target_id, moved_aliases, moved, joined)
