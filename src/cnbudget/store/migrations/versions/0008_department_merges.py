"""Departments a person merged into another keep their row as a pointer
(`merged_into`), so that documents naming them join the department they were
merged into. Departments stored before are unmerged.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("departments", sa.Column("merged_into", sa.Integer, nullable=True))


def downgrade() -> None:
    # plain SQL, as 0002: SQLite (3.35+) and PostgreSQL drop a column in place
    op.execute("ALTER TABLE departments DROP COLUMN merged_into")
