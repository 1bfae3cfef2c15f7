"""Each document's figures by the metrics `compare` ranks by, kept in
`document_figures` so a ranking of 100,000 departments reads one row per
department instead of every document's cells.

The rows are computed by the database from the stored cells, in one statement:
per document and metric, the cell of the metric's first source (in order of
preference), in that source's most preferred column, first in printed order
(table position, row). `func:<类 code>` metrics come from the 3-digit rows of
the category sources. Across a disclosure's current documents `compare` then
takes the most preferred figure, the first document on a tie — what picking
from all its cells in document order gives (query/compare.py).

The writer computes a document's rows from the document it stores
(`document_figure_rows`, the same rule in Python: a statement per document
would double the writer's cost on SQLite), migration 0013 fills them for
documents stored before, and the national bench's generated rows get them from
the statement (bench/national.py).
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    Select,
    String,
    and_,
    case,
    cast,
    func,
    insert,
    literal,
    select,
    true,
    union_all,
)

from cnbudget.model.document import Document, Row
from cnbudget.model.metrics import CATEGORY_SOURCES, METRICS, MetricSource
from cnbudget.store.schema import document_figures, line_items, table_rows, tables

_COLUMNS = 16  # preference = source index × _COLUMNS + column index
CATEGORY = "func:"


def source_condition(source: MetricSource) -> ColumnElement[bool]:
    """The cells of one metric source (a row of its table, in one of its columns)."""
    if source.code is not None:
        row = table_rows.c.code == source.code
    elif source.category_rows:
        row = table_rows.c.code.is_not(None) & (func.length(table_rows.c.code) == 3)
    else:
        row = table_rows.c.item == source.item
    if source.side is not None:
        row = and_(row, table_rows.c.side == source.side)
    # `type || ''`: no index on the table type may drive the query. Without statistics
    # (a database never ANALYZEd) SQLite would otherwise start from every table of these
    # types in the database (MULTI-INDEX OR) instead of the few documents asked for.
    return and_((tables.c.type + "") == source.table, row,
                line_items.c.column.in_(source.columns))


def _preference(index: int, source: MetricSource) -> ColumnElement[int]:
    if len(source.columns) == 1:
        return literal(index * _COLUMNS, Integer)
    return case(*((line_items.c.column == c, index * _COLUMNS + k)
                  for k, c in enumerate(source.columns)))


def _sources() -> list[tuple[ColumnElement[str], int, MetricSource]]:
    out: list[tuple[ColumnElement[str], int, MetricSource]] = []
    for metric in METRICS.values():
        key = cast(literal(metric.key), String(64))  # typed: a bare parameter in a UNION is not
        out += [(key, i, s) for i, s in enumerate(metric.sources)]
    category = cast(literal(CATEGORY), String(64)) + cast(table_rows.c.code, String(64))
    out += [(category, i, s) for i, s in enumerate(CATEGORY_SOURCES)]
    return out


def figures_select(of_documents: ColumnElement[bool]) -> Select:
    """(document_id, metric, preference, amount) of the documents `of_documents`
    (a condition on `tables.document_id`) selects, one row per metric a document prints."""
    joined = (line_items.join(table_rows, (table_rows.c.table_id == line_items.c.table_id)
                              & (table_rows.c.row_no == line_items.c.row_no))
              .join(tables, tables.c.id == line_items.c.table_id))
    cells = union_all(*(
        select(tables.c.document_id.label("document_id"), key.label("metric"),
               _preference(i, s).label("preference"), line_items.c.amount.label("amount"),
               tables.c.position.label("position"), table_rows.c.row_no.label("row_no"))
        .select_from(joined).where(of_documents, source_condition(s))
        for key, i, s in _sources()
    )).subquery("cells")
    ranked = select(
        cells.c.document_id, cells.c.metric, cells.c.preference, cells.c.amount,
        func.row_number().over(partition_by=(cells.c.document_id, cells.c.metric),
                               order_by=(cells.c.preference, cells.c.position, cells.c.row_no))
        .label("n"),
    ).subquery("ranked")
    return (select(ranked.c.document_id, ranked.c.metric, ranked.c.preference, ranked.c.amount)
            .where(ranked.c.n == 1))


def _matches(source: MetricSource, row: Row) -> bool:
    """`source_condition` of one row, in Python (the writer's side of the same rule)."""
    if source.code is not None:
        found = row.code == source.code
    elif source.category_rows:
        found = row.code is not None and len(row.code) == 3
    else:
        found = row.item == source.item
    return found and (source.side is None or row.side == source.side)


def _python_sources() -> list[tuple[str | None, int, MetricSource]]:
    """(metric key, or None for a category metric keyed by its row's code; source index; source)."""
    out: list[tuple[str | None, int, MetricSource]] = [
        (m.key, i, s) for m in METRICS.values() for i, s in enumerate(m.sources)]
    return out + [(None, i, s) for i, s in enumerate(CATEGORY_SOURCES)]


def document_figure_rows(doc: Document) -> dict[str, tuple[int, Decimal | None]]:
    """metric → (preference, amount) of a document about to be stored: what
    `figures_select` gives for it once stored (tests/store/test_figures.py checks
    both), without a statement per document in the writer."""
    best: dict[str, tuple[int, Decimal | None]] = {}
    sources = _python_sources()
    for table in doc.tables:  # in position order, rows in row order: the first cell wins a tie
        wanted = [(key, i, s) for key, i, s in sources if s.table == table.type]
        if not wanted:
            continue
        for row in table.rows:
            for key, i, s in wanted:
                if not _matches(s, row):
                    continue
                metric = key if key is not None else f"{CATEGORY}{row.code}"
                for k, column in enumerate(s.columns):
                    if column in row.values:
                        preference = i * _COLUMNS + k
                        if metric not in best or preference < best[metric][0]:
                            best[metric] = (preference, row.values[column])
                        break
    return best


def fill_figures(conn: Connection, document_ids: list[int] | None = None,
                 id_range: tuple[int, int] | None = None) -> None:
    """Write the figures of the documents (by id, or ids in [first, last]; all without
    either) whose rows are not written yet: call it once a document's body is stored."""
    if document_ids is not None:
        of: ColumnElement[bool] = tables.c.document_id.in_(document_ids)
    elif id_range is not None:
        of = tables.c.document_id.between(*id_range)
    else:
        of = true()
    rows = figures_select(of).subquery("figures")
    conn.execute(insert(document_figures).from_select(
        ["document_id", "metric", "preference", "amount"],
        select(rows.c.document_id, rows.c.metric, rows.c.preference, rows.c.amount)))
