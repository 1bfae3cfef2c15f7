"""The initial schema: departments, disclosures, documents and everything they hold.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# One row per value with its document, table and row keys: the long form most
# ad-hoc questions (`cnbudget sql`) start from.
LINE_ITEMS_LONG = """
CREATE VIEW line_items_long AS
SELECT d.id AS document_id, d.disclosure_id, t.id AS table_id, t.type AS table_type,
       t.title AS table_title, r.row_no, r.code, r.item, r.side, r.unit_code, r.name,
       li."column", li.amount, r.page, r.line
FROM line_items li
JOIN table_rows r ON r.table_id = li.table_id AND r.row_no = li.row_no
JOIN tables t ON t.id = li.table_id
JOIN documents d ON d.id = t.document_id
"""


def upgrade() -> None:
    op.create_table(
        "departments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=True),
        sa.Column("region", sa.Text(), nullable=True),
        sa.Column("region_level", sa.String(length=16), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_departments")),
    )
    op.create_index(
        op.f("ix_departments_region_code"), "departments", ["region", "code"], unique=False
    )
    op.create_table(
        "ingest_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("inputs", sa.JSON(), nullable=False),
        sa.Column("files", sa.Integer(), nullable=False),
        sa.Column("stored", sa.Integer(), nullable=False),
        sa.Column("skipped", sa.Integer(), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.Column("cnbudget_version", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ingest_runs")),
    )
    op.create_table(
        "department_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_key", sa.Text(), nullable=False),
        sa.Column("first_year", sa.Integer(), nullable=True),
        sa.Column("last_year", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            name=op.f("fk_department_aliases_department_id_departments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_department_aliases")),
        sa.UniqueConstraint(
            "department_id", "name_key", name=op.f("uq_department_aliases_department_id_name_key")
        ),
    )
    op.create_index(
        op.f("ix_department_aliases_name_key"), "department_aliases", ["name_key"], unique=False
    )
    op.create_table(
        "disclosures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=True),
        sa.Column("scope", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            name=op.f("fk_disclosures_department_id_departments"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_disclosures")),
    )
    op.create_index(
        op.f("ix_disclosures_department_id_year_kind_scope"),
        "disclosures",
        ["department_id", "year", "kind", "scope"],
        unique=False,
    )
    op.create_index(op.f("ix_disclosures_year_kind"), "disclosures", ["year", "kind"], unique=False)
    op.create_table(
        "ingest_errors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("error", sa.String(length=64), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["ingest_runs.id"],
            name=op.f("fk_ingest_errors_run_id_ingest_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ingest_errors")),
    )
    op.create_index(op.f("ix_ingest_errors_run_id"), "ingest_errors", ["run_id"], unique=False)
    op.create_index(op.f("ix_ingest_errors_sha256"), "ingest_errors", ["sha256"], unique=False)
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("disclosure_id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("file", sa.Text(), nullable=False),
        sa.Column("format", sa.String(length=16), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=True),
        sa.Column("scope", sa.String(length=16), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("department_name", sa.Text(), nullable=True),
        sa.Column("department_code", sa.String(length=64), nullable=True),
        sa.Column("region", sa.Text(), nullable=True),
        sa.Column("region_level", sa.String(length=16), nullable=True),
        sa.Column("source_units", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("supersedes_id", sa.Integer(), nullable=True),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["disclosure_id"],
            ["disclosures.id"],
            name=op.f("fk_documents_disclosure_id_disclosures"),
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["ingest_runs.id"], name=op.f("fk_documents_run_id_ingest_runs")
        ),
        sa.ForeignKeyConstraint(
            ["supersedes_id"], ["documents.id"], name=op.f("fk_documents_supersedes_id_documents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
        sa.UniqueConstraint("sha256", name=op.f("uq_documents_sha256")),
    )
    op.create_index(
        op.f("ix_documents_disclosure_id_current"),
        "documents",
        ["disclosure_id", "current"],
        unique=False,
    )
    op.create_table(
        "document_problems",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.Column("located", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_document_problems_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "position", name=op.f("pk_document_problems")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "facts",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Numeric(), nullable=False),
        sa.Column("unit", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("subject", sa.String(length=64), nullable=True),
        sa.Column("printed_unit", sa.String(length=16), nullable=True),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.Column("located", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_facts_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "position", name=op.f("pk_facts")),
        sqlite_with_rowid=False,
    )
    op.create_index(op.f("ix_facts_key"), "facts", ["key"], unique=False)
    op.create_table(
        "findings",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=128), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("expected", sa.Numeric(), nullable=True),
        sa.Column("actual", sa.Numeric(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_findings_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "position", name=op.f("pk_findings")),
        sqlite_with_rowid=False,
    )
    op.create_index(op.f("ix_findings_rule"), "findings", ["rule"], unique=False)
    op.create_index(op.f("ix_findings_severity"), "findings", ["severity"], unique=False)
    op.create_table(
        "narrative",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.Column("located", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_narrative_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "position", name=op.f("pk_narrative")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "tables",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("unit", sa.String(length=16), nullable=True),
        sa.Column("empty", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.Column("located", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_tables_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tables")),
        sa.UniqueConstraint("document_id", "position", name=op.f("uq_tables_document_id_position")),
    )
    op.create_index(
        op.f("ix_tables_type_document_id"), "tables", ["type", "document_id"], unique=False
    )
    op.create_table(
        "finding_locations",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("finding_no", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("table_type", sa.String(length=64), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("item", sa.Text(), nullable=True),
        sa.Column("code", sa.String(length=32), nullable=True),
        sa.Column("column", sa.String(length=128), nullable=True),
        sa.Column("fact", sa.String(length=64), nullable=True),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.Column("quote", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id", "finding_no"],
            ["findings.document_id", "findings.position"],
            name=op.f("fk_finding_locations_document_id_findings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "document_id", "finding_no", "position", name=op.f("pk_finding_locations")
        ),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "table_rows",
        sa.Column("table_id", sa.Integer(), nullable=False),
        sa.Column("row_no", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=True),
        sa.Column("item", sa.Text(), nullable=True),
        sa.Column("side", sa.String(length=16), nullable=True),
        sa.Column("unit_code", sa.String(length=32), nullable=True),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("has_indicators", sa.Boolean(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.Column("located", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["table_id"],
            ["tables.id"],
            name=op.f("fk_table_rows_table_id_tables"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("table_id", "row_no", name=op.f("pk_table_rows")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "indicators",
        sa.Column("table_id", sa.Integer(), nullable=False),
        sa.Column("row_no", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("level1", sa.Text(), nullable=True),
        sa.Column("level2", sa.Text(), nullable=True),
        sa.Column("level3", sa.Text(), nullable=True),
        sa.Column("target", sa.Text(), nullable=True),
        sa.Column("actual", sa.Text(), nullable=True),
        sa.Column("weight", sa.Numeric(), nullable=True),
        sa.Column("score", sa.Numeric(), nullable=True),
        sa.ForeignKeyConstraint(
            ["table_id", "row_no"],
            ["table_rows.table_id", "table_rows.row_no"],
            name=op.f("fk_indicators_table_id_table_rows"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("table_id", "row_no", "position", name=op.f("pk_indicators")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "line_items",
        sa.Column("table_id", sa.Integer(), nullable=False),
        sa.Column("row_no", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("column", sa.String(length=128), nullable=False),
        sa.Column("amount", sa.Numeric(), nullable=True),
        sa.ForeignKeyConstraint(
            ["table_id", "row_no"],
            ["table_rows.table_id", "table_rows.row_no"],
            name=op.f("fk_line_items_table_id_table_rows"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("table_id", "row_no", "position", name=op.f("pk_line_items")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "row_texts",
        sa.Column("table_id", sa.Integer(), nullable=False),
        sa.Column("row_no", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=128), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["table_id", "row_no"],
            ["table_rows.table_id", "table_rows.row_no"],
            name=op.f("fk_row_texts_table_id_table_rows"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("table_id", "row_no", "position", name=op.f("pk_row_texts")),
        sqlite_with_rowid=False,
    )
    op.execute(LINE_ITEMS_LONG)


def downgrade() -> None:
    op.execute("DROP VIEW line_items_long")
    op.drop_table("row_texts")
    op.drop_table("line_items")
    op.drop_table("indicators")
    op.drop_table("table_rows")
    op.drop_table("finding_locations")
    op.drop_table("tables")
    op.drop_table("narrative")
    op.drop_table("findings")
    op.drop_table("facts")
    op.drop_table("document_problems")
    op.drop_table("documents")
    op.drop_table("ingest_errors")
    op.drop_table("disclosures")
    op.drop_table("department_aliases")
    op.drop_table("ingest_runs")
    op.drop_table("departments")
