"""Reading problems get their stable code (model/problems.py) and the details
their message was filled from; tables get the reader's `misread` verdict.

Problems stored before carry no code: they are marked `read.unclassified`
(their message is kept as printed then) until the document is extracted and
stored again. Tables stored before were not judged: `misread` is false.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("document_problems", sa.Column(
        "code", sa.String(length=64), nullable=False, server_default="read.unclassified"))
    op.add_column("document_problems", sa.Column("params", sa.Text, nullable=True))
    op.add_column("tables", sa.Column(
        "misread", sa.Boolean, nullable=False, server_default=sa.false()))
    op.create_index("ix_document_problems_code", "document_problems", ["code"])


def downgrade() -> None:
    op.drop_index("ix_document_problems_code", table_name="document_problems")
    # plain SQL, as 0002: SQLite (3.35+) and PostgreSQL drop a column in place
    op.execute("ALTER TABLE tables DROP COLUMN misread")
    op.execute("ALTER TABLE document_problems DROP COLUMN params")
    op.execute("ALTER TABLE document_problems DROP COLUMN code")
