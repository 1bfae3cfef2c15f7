"""Find a text in the database: departments (any name they were printed under),
projects (the rows of the performance tables, by project name) and narrative
paragraphs of the current documents.

Matching is a substring, ASCII case ignored (PostgreSQL ILIKE, SQLite LIKE
`%text%`; the text's own `%` and `_` taken literally). On PostgreSQL the
trigram indexes of migration 0010 answer it for texts of three characters or
more; shorter ones, and SQLite, scan (in document order, so a common word
stops early at the limit; projects through the index of the rows with
indicators). Department names are matched by their key (NFKC, no spaces), as
`--department` matches them everywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, Connection, Select, func, select, true

from cnbudget.store.departments import name_key
from cnbudget.store.schema import (
    department_aliases,
    departments,
    disclosures,
    documents,
    narrative,
    table_rows,
    tables,
)

KINDS = ("department", "project", "narrative")
SNIPPET = 30  # characters of context either side of the match


class BadSearch(ValueError):
    """An empty text (`code` search.empty), a limit below 1 (search.limit) or an
    unknown kind (search.kind)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class SearchHit:
    hit: str  # department | project | narrative
    matched: str  # the whole text that matched: a name, a project, a paragraph
    snippet: str  # the match with a little context
    department_id: int | None
    department: str | None
    region: str | None
    disclosure_id: int | None  # None for a department: it has many
    document_id: int | None
    year: int | None  # a department: the last year it was printed under that name
    kind: str | None  # budget | final_account
    page: int | None
    line: int | None


def snippet(text: str, needle: str, width: int = SNIPPET) -> str:
    """`needle` in `text` with `width` characters either side, … where cut."""
    at = text.lower().find(needle.lower())
    if at < 0:
        return text[: 2 * width]
    start, end = max(0, at - width), min(len(text), at + len(needle) + width)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def _in_documents(query: Select) -> Select:
    """`query` (over a child of `documents`) with its disclosure and department,
    current documents only."""
    return (
        query.join(disclosures, disclosures.c.id == documents.c.disclosure_id)
        .outerjoin(departments, departments.c.id == disclosures.c.department_id)
        .where(documents.c.current.is_(True))
    )


_CONTEXT = (departments.c.id.label("department_id"), departments.c.name.label("department"),
            departments.c.region, disclosures.c.id.label("disclosure_id"),
            documents.c.id.label("document_id"), disclosures.c.year, disclosures.c.kind)


TRIGRAM = 3  # the shortest text a trigram index narrows down


def _contains(column: ColumnElement[str], text: str, dialect: str) -> ColumnElement[bool]:
    # SQLite's LIKE ignores ASCII case already; its ILIKE would be lower() on every row
    if dialect == "sqlite":
        return column.contains(text, autoescape=True)
    if len(text) < TRIGRAM:
        # a shorter text has no trigram: the index would hand back every row to recheck
        # (seconds at national scale); read in order instead, which stops at the limit
        column = column + ""
    return column.icontains(text, autoescape=True)


def departments_query(text: str, limit: int) -> Select:
    standing = departments.alias("standing")
    key = name_key(text)
    return (
        select(standing.c.id, standing.c.name, standing.c.region, department_aliases.c.name,
               department_aliases.c.last_year)
        .select_from(department_aliases)
        .join(departments, departments.c.id == department_aliases.c.department_id)
        # a department merged into another is found as that one
        .join(standing, standing.c.id == func.coalesce(departments.c.merged_into,
                                                       departments.c.id))
        .where(department_aliases.c.name_key.contains(key, autoescape=True))
        .order_by(standing.c.region, standing.c.name, standing.c.id, department_aliases.c.id)
        .limit(limit)
    )


def projects_query(text: str, limit: int, dialect: str) -> Select:
    # `has_indicators = true` as the partial trigram index is written (migration 0010)
    return _in_documents(
        select(table_rows.c.name, *_CONTEXT, table_rows.c.page, table_rows.c.line)
        .select_from(table_rows)
        .join(tables, tables.c.id == table_rows.c.table_id)
        .join(documents, documents.c.id == tables.c.document_id)
        .where(table_rows.c.has_indicators == true(),
               _contains(table_rows.c.name, text, dialect))
    ).order_by(table_rows.c.table_id, table_rows.c.row_no).limit(limit)


def narrative_query(text: str, limit: int, dialect: str) -> Select:
    return _in_documents(
        select(narrative.c.text, *_CONTEXT, narrative.c.page, narrative.c.line)
        .select_from(narrative)
        .join(documents, documents.c.id == narrative.c.document_id)
        .where(_contains(narrative.c.text, text, dialect))
    ).order_by(narrative.c.document_id, narrative.c.position).limit(limit)


def search(conn: Connection, text: str, *, kind: str | None = None,
           limit: int = 50) -> list[SearchHit]:
    """Up to `limit` hits of each kind asked for (all by default), departments
    first, then projects, then narrative."""
    text = text.strip()
    if not text:
        raise BadSearch("search.empty", "search needs a text to find")
    if limit < 1:
        raise BadSearch("search.limit", f"limit must be at least 1, not {limit}")
    if kind is not None and kind not in KINDS:
        raise BadSearch("search.kind", f"unknown kind {kind!r}; known: {', '.join(KINDS)}")
    wanted = KINDS if kind is None else (kind,)
    hits: list[SearchHit] = []
    if "department" in wanted:
        key = name_key(text)
        hits.extend(
            SearchHit("department", alias, snippet(alias, key), int(dept_id), name, region,
                      None, None, last_year, None, None, None)
            for dept_id, name, region, alias, last_year in conn.execute(
                departments_query(text, limit)))
    for hit, query in (("project", projects_query), ("narrative", narrative_query)):
        if hit in wanted:
            hits.extend(
                SearchHit(hit, r[0], snippet(r[0], text), r.department_id, r.department,
                          r.region, r.disclosure_id, r.document_id, r.year, r.kind, r.page,
                          r.line)
                for r in conn.execute(query(text, limit, conn.dialect.name)))
    return hits
