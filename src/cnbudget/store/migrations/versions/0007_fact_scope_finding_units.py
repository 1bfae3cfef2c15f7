"""Narrative facts get their scope (the 功能分类 item, the funds or the total a
figure is of), findings the unit of their expected/actual figures and the unit
they were printed in, finding locations the row's printed label, tables the
decimals their amounts are printed with.

Facts stored before carry no scope (the department's own, as they were read);
findings stored before are taken to be in 元, as the contract says.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("facts", sa.Column("scope", sa.Text, nullable=True))
    op.add_column("findings", sa.Column(
        "unit", sa.String(length=16), nullable=False, server_default="元"))
    op.add_column("findings", sa.Column("printed_unit", sa.String(length=16), nullable=True))
    op.add_column("finding_locations", sa.Column("label", sa.Text, nullable=True))
    op.add_column("tables", sa.Column("decimals", sa.Integer, nullable=True))


def downgrade() -> None:
    # plain SQL, as 0002: SQLite (3.35+) and PostgreSQL drop a column in place
    op.execute("ALTER TABLE tables DROP COLUMN decimals")
    op.execute("ALTER TABLE finding_locations DROP COLUMN label")
    op.execute("ALTER TABLE findings DROP COLUMN printed_unit")
    op.execute("ALTER TABLE findings DROP COLUMN unit")
    op.execute("ALTER TABLE facts DROP COLUMN scope")
