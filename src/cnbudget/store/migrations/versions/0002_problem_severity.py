"""Reading problems get a severity: `recovered` (read all the same) or `partial`
(something printed was lost). Only the latter makes a document partial.

Problems stored before were all counted as losses. The three recoveries the
recognisers reported then, in their fixed wording, are marked `recovered`, and
a document left with no loss becomes a success, as a fresh extraction would
say.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# the wording of the recoveries as the recognisers printed them before this revision
_RECOVERED = (
    "%placed by the table's own sums as%",
    "%fit more than one set of columns%read in printed order as%",
    "%with no name;%is the only code between%",
)


def upgrade() -> None:
    op.add_column("document_problems", sa.Column(
        "severity", sa.String(length=16), nullable=False, server_default="partial"))
    problems = sa.table("document_problems", sa.column("document_id", sa.Integer),
                        sa.column("message", sa.Text), sa.column("severity", sa.String))
    documents = sa.table("documents", sa.column("id", sa.Integer), sa.column("status", sa.String))
    op.execute(problems.update()
               .where(sa.or_(*(problems.c.message.like(p) for p in _RECOVERED)))
               .values(severity="recovered"))
    lost = sa.select(problems.c.document_id).where(
        problems.c.document_id == documents.c.id, problems.c.severity == "partial")
    op.execute(documents.update()
               .where(documents.c.status == "partial", ~sa.exists(lost))
               .values(status="success"))


def downgrade() -> None:
    # plain SQL: SQLite (3.35+) and PostgreSQL both drop a column in place, which
    # keeps SQLite's WITHOUT ROWID table as it was created
    op.execute("ALTER TABLE document_problems DROP COLUMN severity")
