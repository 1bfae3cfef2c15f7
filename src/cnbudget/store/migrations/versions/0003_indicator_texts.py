"""Indicators keep their printed columns the model has no field for
(绩效指标描述, 指标值确定依据, 度量单位 …) in `indicator_texts`, one row per cell.

Documents stored before had these columns dropped; they stay without them
until they are extracted and stored again.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "indicator_texts",
        sa.Column("table_id", sa.Integer(), nullable=False),
        sa.Column("row_no", sa.Integer(), nullable=False),
        sa.Column("indicator", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=128), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["table_id", "row_no", "indicator"],
            ["indicators.table_id", "indicators.row_no", "indicators.position"],
            name=op.f("fk_indicator_texts_table_id_indicators"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "table_id", "row_no", "indicator", "position", name=op.f("pk_indicator_texts")
        ),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("indicator_texts")
