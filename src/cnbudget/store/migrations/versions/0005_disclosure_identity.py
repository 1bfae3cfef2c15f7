"""The database guarantees that a disclosure is one department × year × kind × scope
(`uq_disclosures_identity`, unknown scope counting as one value). Documents were
already unique by content hash across the database (`uq_documents_sha256`, since
0001): nothing to do for them. Ingest runs count the documents they replaced
(`ingest --replace`): `ingest_runs.replaced`, 0 for the runs before.

Upgrade first merges the duplicates concurrent ingests could leave: of the
disclosures with one identity, the first created (lowest id) is kept and the
documents of the others move to it; the others, then empty, are deleted. Each
document keeps its version record. Where the merge leaves two current documents
of one file name (two versions of a file stored concurrently), the later stored
becomes the next version of the earlier, which stops being current: what
storing them one after the other would have recorded.

Downgrade drops the index and the count; merged disclosures stay merged (nothing records
which documents came from which duplicate, and the merge lost no data).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_IDENTIFIED = "department_id IS NOT NULL AND year IS NOT NULL AND kind IS NOT NULL"

_disclosures = sa.table(
    "disclosures", sa.column("id", sa.Integer), sa.column("department_id", sa.Integer),
    sa.column("year", sa.Integer), sa.column("kind", sa.String), sa.column("scope", sa.String),
)
_documents = sa.table(
    "documents", sa.column("id", sa.Integer), sa.column("disclosure_id", sa.Integer),
    sa.column("file", sa.Text), sa.column("version", sa.Integer),
    sa.column("supersedes_id", sa.Integer), sa.column("current", sa.Boolean),
)


def _merge_duplicates(conn: sa.Connection) -> None:
    d = _disclosures.c
    groups: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for row in conn.execute(
        sa.select(d.id, d.department_id, d.year, d.kind, sa.func.coalesce(d.scope, ""))
        .where(sa.text(_IDENTIFIED)).order_by(d.id)
    ):
        groups[tuple(row[1:])].append(int(row[0]))
    for ids in groups.values():
        if len(ids) < 2:
            continue
        keep, others = ids[0], ids[1:]
        conn.execute(_documents.update().where(_documents.c.disclosure_id.in_(others))
                     .values(disclosure_id=keep))
        conn.execute(_disclosures.delete().where(d.id.in_(others)))
        _chain_same_file(conn, keep)


def _chain_same_file(conn: sa.Connection, disclosure_id: int) -> None:
    doc = _documents.c
    current: dict[str, list[sa.Row]] = defaultdict(list)
    for row in conn.execute(
        sa.select(doc.id, doc.file, doc.version)
        .where(doc.disclosure_id == disclosure_id, doc.current.is_(True)).order_by(doc.id)
    ):
        current[row.file].append(row)
    for rows in current.values():
        version = int(rows[0].version)
        for earlier, later in zip(rows, rows[1:], strict=False):
            version += 1
            conn.execute(_documents.update().where(doc.id == earlier.id).values(current=False))
            conn.execute(_documents.update().where(doc.id == later.id).values(
                supersedes_id=earlier.id, version=version))


def upgrade() -> None:
    op.add_column("ingest_runs", sa.Column(
        "replaced", sa.Integer(), nullable=False, server_default="0"))
    _merge_duplicates(op.get_bind())
    op.create_index(
        "uq_disclosures_identity", "disclosures",
        ["department_id", "year", "kind", sa.text("coalesce(scope, '')")],
        unique=True, sqlite_where=sa.text(_IDENTIFIED), postgresql_where=sa.text(_IDENTIFIED),
    )


def downgrade() -> None:
    op.drop_index("uq_disclosures_identity", table_name="disclosures")
    # plain SQL, as 0002: SQLite (3.35+) and PostgreSQL drop a column in place
    op.execute("ALTER TABLE ingest_runs DROP COLUMN replaced")
