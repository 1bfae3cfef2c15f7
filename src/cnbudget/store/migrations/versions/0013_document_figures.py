"""Each document's figures by the metrics compare ranks by (`document_figures`,
store/figures.py), filled here for the documents already stored: a national
ranking then reads one row per department instead of every document's cells.

The backfill uses the metric definitions of the cnbudget that runs it
(model/metrics.py).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_figures",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("metric", sa.String(64), nullable=False),
        sa.Column("preference", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Numeric()),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE",
                                name="fk_document_figures_document_id_documents"),
        sa.PrimaryKeyConstraint("document_id", "metric", name="pk_document_figures"),
        sqlite_with_rowid=False,
    )
    from cnbudget.store.figures import fill_figures

    fill_figures(op.get_bind())


def downgrade() -> None:
    op.drop_table("document_figures")
