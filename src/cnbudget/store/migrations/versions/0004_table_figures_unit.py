"""Tables keep the unit their figures were read in where it is not the printed
one (`figures_unit`: a form printing 单位:万元 over figures in 元).

Documents stored before were read in the printed unit; they keep NULL here
until they are extracted and stored again.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("tables", sa.Column("figures_unit", sa.String(length=16), nullable=True))


def downgrade() -> None:
    # plain SQL, as 0002: SQLite (3.35+) and PostgreSQL drop a column in place
    op.execute("ALTER TABLE tables DROP COLUMN figures_unit")
