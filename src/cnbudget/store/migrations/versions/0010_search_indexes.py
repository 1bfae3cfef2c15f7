"""Search indexes: the project rows (rows with indicators) on both databases, and
on PostgreSQL trigram (pg_trgm) GIN indexes on the texts
`cnbudget search` looks into (department names, project rows, narrative), so
that a substring search (ILIKE '%…%') reads the index, not every row.

pg_trgm ships with PostgreSQL (contrib) and is a trusted extension: a database
owner may create it. Where it cannot be created, no index is made and search
falls back to a plain scan (correct, only slower). SQLite gets none: LIKE
scans, which a province's database answers in time (docs/scale.md).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.exc import DBAPIError

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# name, table, column, partial-index condition (as the queries write it)
TRIGRAM_INDEXES = (
    ("ix_department_aliases_name_key_trgm", "department_aliases", "name_key", None),
    ("ix_table_rows_name_trgm", "table_rows", "name", "has_indicators = true"),
    ("ix_narrative_text_trgm", "narrative", "text", None),
)


def _has_trigrams() -> bool:
    bind = op.get_bind()
    try:
        with bind.begin_nested():
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DBAPIError:
        return False  # not installed, or not ours to create: search scans
    return True


def upgrade() -> None:
    projects = sa.text("has_indicators = true")
    op.create_index("ix_table_rows_projects", "table_rows", ["table_id", "row_no"],
                    sqlite_where=projects, postgresql_where=projects)
    if op.get_bind().dialect.name != "postgresql" or not _has_trigrams():
        return
    for name, table, column, where in TRIGRAM_INDEXES:
        partial = f" WHERE {where}" if where else ""
        op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
                   f"USING gin ({column} gin_trgm_ops){partial}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name, *_rest in TRIGRAM_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
    op.drop_index("ix_table_rows_projects", table_name="table_rows")
