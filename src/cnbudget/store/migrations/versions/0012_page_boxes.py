"""Page boxes stored: a `box` column ("page x0 y0 x1 y1") beside every locator
(tables, rows, facts, narrative, problems) and on each cell's value (line_items,
row_texts), so a stored document carries the boxes its PDF reading gave.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

TABLES = ("document_problems", "narrative", "tables", "table_rows", "facts",
          "line_items", "row_texts")


def upgrade() -> None:
    # plain ALTER TABLE (no batch copy: SQLite's views over these tables would break)
    for table in TABLES:
        op.add_column(table, sa.Column("box", sa.String(96)))


def downgrade() -> None:
    for table in TABLES:
        op.drop_column(table, "box")
