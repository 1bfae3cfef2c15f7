"""The database schema (SQLAlchemy Core), one table per thing a disclosure holds.

departments ← disclosures (department × year × kind × scope) ← documents (one
per source file, versioned) ← tables ← table_rows ← line_items (one row per
value, exact NUMERIC). Row text columns, performance indicators (+ their text
columns), facts, findings (+ their locations), narrative lines and reader
problems hang off their row or document. Ingest runs and their per-file errors are recorded too.

Positions (`position`, `row_no`) keep the printed order so a stored document
reads back cell for cell. A locator is stored as `page`/`line` plus `located`
(whether the extractor gave one at all) and its PDF page `box`; a cell's box is
stored with its value (line_items, row_texts). The Alembic migrations under
`store/migrations` create exactly this schema (a test compares them; Alembic
cannot compare the expression index `uq_disclosures_identity`, which its own
test checks).

Tables keyed by (parent, position) are clustered on that key on SQLite
(WITHOUT ROWID): no second copy of the key, and a document's rows are read
in order. Rows are found through their table, never through a global index
on item or code: such an index lures SQLite's planner into scanning every
`total` row of the database instead of the few tables a query is about.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    func,
    true,
)

from cnbudget.store.types import BoxText, ExactDecimal

# PostgreSQL's trigram indexes for `cnbudget search` (migration 0010): made only where
# the pg_trgm extension can be, so they are not part of the declared schema, and the
# schema comparison leaves them out
TRIGRAM_INDEXES = frozenset({
    "ix_department_aliases_name_key_trgm", "ix_table_rows_name_trgm", "ix_narrative_text_trgm",
})

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _locator_columns(prefix: str = "") -> list[Column]:
    return [
        Column(f"{prefix}page", Integer),
        Column(f"{prefix}line", Integer),
        Column(f"{prefix}located", Boolean, nullable=False, default=False),
        Column(f"{prefix}box", BoxText),  # where on the PDF page (NULL: no positions)
    ]


departments = Table(
    "departments", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),  # the name printed in the latest year seen
    Column("code", String(64)),
    Column("region", Text),
    Column("region_level", String(16)),
    # set when a person merged this department into another (cnbudget departments merge):
    # the row stays so that its code and names lead there on re-ingest
    Column("merged_into", Integer),
    Index(None, "region", "code"),
)

department_aliases = Table(
    "department_aliases", metadata,
    Column("id", Integer, primary_key=True),
    Column("department_id", ForeignKey("departments.id", ondelete="CASCADE"), nullable=False),
    Column("name", Text, nullable=False),
    Column("name_key", Text, nullable=False),  # NFKC, no spaces: the matching key
    Column("first_year", Integer),
    Column("last_year", Integer),
    UniqueConstraint("department_id", "name_key"),
    Index(None, "name_key"),
)

disclosures = Table(
    "disclosures", metadata,
    Column("id", Integer, primary_key=True),
    Column("department_id", ForeignKey("departments.id")),
    Column("year", Integer),
    Column("kind", String(16)),
    Column("scope", String(16)),
    Index(None, "department_id", "year", "kind", "scope"),
    Index(None, "year", "kind"),
)

# A disclosure is one department × year × kind × scope: the database guarantees it
# (concurrent ingests cannot duplicate one). Scope may be unknown: COALESCE makes an
# unknown scope one value, where NULLs would all be distinct. A document naming no
# department, year or kind is a disclosure of its own, hence the partial index.
IDENTIFIED = (
    disclosures.c.department_id.is_not(None)
    & disclosures.c.year.is_not(None)
    & disclosures.c.kind.is_not(None)
)
DISCLOSURE_IDENTITY = Index(
    "uq_disclosures_identity",
    disclosures.c.department_id, disclosures.c.year, disclosures.c.kind,
    func.coalesce(disclosures.c.scope, ""),
    unique=True, sqlite_where=IDENTIFIED, postgresql_where=IDENTIFIED,
)

ingest_runs = Table(
    "ingest_runs", metadata,
    Column("id", Integer, primary_key=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("inputs", JSON, nullable=False),
    Column("files", Integer, nullable=False, default=0),
    Column("stored", Integer, nullable=False, default=0),
    Column("skipped", Integer, nullable=False, default=0),
    Column("failed", Integer, nullable=False, default=0),
    Column("replaced", Integer, nullable=False, default=0, server_default="0"),
    Column("cnbudget_version", String(32), nullable=False),
)

ingest_errors = Table(
    "ingest_errors", metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", ForeignKey("ingest_runs.id", ondelete="CASCADE"), nullable=False),
    Column("path", Text, nullable=False),
    Column("sha256", String(64)),
    Column("error", String(64), nullable=False),  # exception class name
    Column("message", Text, nullable=False),
    Index(None, "run_id"),
    Index(None, "sha256"),
)

documents = Table(
    "documents", metadata,
    Column("id", Integer, primary_key=True),
    Column("disclosure_id", ForeignKey("disclosures.id"), nullable=False),
    Column("run_id", ForeignKey("ingest_runs.id")),
    # one row per file (content hash), across the whole database: the same file is
    # stored once, whatever disclosure it was filed under
    Column("sha256", String(64), nullable=False, unique=True),
    Column("file", Text, nullable=False),
    Column("format", String(16), nullable=False),
    Column("pages", Integer),
    # the metadata exactly as extracted (the disclosure/department are resolved from it)
    Column("kind", String(16)),
    Column("scope", String(16)),
    Column("year", Integer),
    Column("title", Text),
    Column("department_name", Text),
    Column("department_code", String(64)),
    Column("region", Text),
    Column("region_level", String(16)),
    Column("source_units", JSON, nullable=False),
    Column("status", String(16), nullable=False),
    # versions: a later file for the same part of a disclosure supersedes the earlier one
    Column("version", Integer, nullable=False, default=1),
    Column("supersedes_id", ForeignKey("documents.id")),
    Column("current", Boolean, nullable=False, default=True),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Index(None, "disclosure_id", "current"),
)

document_problems = Table(
    "document_problems", metadata,
    Column("document_id", ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("message", Text, nullable=False),
    *_locator_columns(),
    # recovered (read all the same) or partial (something printed was lost)
    Column("severity", String(16), nullable=False, server_default="partial"),
    # the stable problem code (model/problems.py) and, as JSON, the details of its message
    Column("code", String(64), nullable=False, server_default="read.unclassified"),
    Column("params", Text),
    Index("ix_document_problems_code", "code"),
    sqlite_with_rowid=False,
)

narrative = Table(
    "narrative", metadata,
    Column("document_id", ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("text", Text, nullable=False),
    *_locator_columns(),
    sqlite_with_rowid=False,
)

tables = Table(
    "tables", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("type", String(64), nullable=False),
    Column("title", Text, nullable=False),
    Column("unit", String(16)),
    Column("empty", Boolean, nullable=False),
    Column("note", Text),
    Column("subject", Text),
    Column("figures_unit", String(16)),
    Column("misread", Boolean, nullable=False, server_default=false()),
    Column("decimals", Integer),
    *_locator_columns(),
    UniqueConstraint("document_id", "position"),
    Index(None, "type", "document_id"),
)

table_rows = Table(
    "table_rows", metadata,
    Column("table_id", ForeignKey("tables.id", ondelete="CASCADE"), primary_key=True),
    Column("row_no", Integer, primary_key=True),
    Column("code", String(32)),
    Column("item", Text),
    Column("side", String(16)),
    Column("unit_code", String(32)),
    Column("name", Text),
    Column("has_indicators", Boolean, nullable=False),
    *_locator_columns(),
    sqlite_with_rowid=False,
)

# the project rows (rows with indicators, a small share of all rows): what `search`
# scans for a project where no trigram index answers (SQLite, short texts)
_PROJECT_ROWS = table_rows.c.has_indicators == true()
Index("ix_table_rows_projects", table_rows.c.table_id, table_rows.c.row_no,
      sqlite_where=_PROJECT_ROWS, postgresql_where=_PROJECT_ROWS)


def _row_fk() -> ForeignKeyConstraint:
    return ForeignKeyConstraint(
        ["table_id", "row_no"], ["table_rows.table_id", "table_rows.row_no"], ondelete="CASCADE"
    )


line_items = Table(
    "line_items", metadata,
    Column("table_id", Integer, primary_key=True),
    Column("row_no", Integer, primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("column", String(128), nullable=False),
    Column("amount", ExactDecimal),  # NULL: the cell was printed empty
    Column("box", BoxText),  # the printed cell's page box (Row.boxes; PDF only)
    _row_fk(),
    sqlite_with_rowid=False,
)

# Each current or past document's figures by the metrics compare ranks by
# (model/metrics.py): per metric the cell the metric's first source prints, in its
# most preferred column (`preference`: lower is preferred), first in printed order.
# Kept by the writer with the document's body (store/figures.py); a ranking reads
# this instead of every document's cells.
document_figures = Table(
    "document_figures", metadata,
    Column("document_id", ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("metric", String(64), primary_key=True),
    Column("preference", Integer, nullable=False),
    Column("amount", ExactDecimal),  # NULL: the cell was printed empty
    sqlite_with_rowid=False,
)

row_texts = Table(
    "row_texts", metadata,
    Column("table_id", Integer, primary_key=True),
    Column("row_no", Integer, primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("key", String(128), nullable=False),
    Column("value", Text, nullable=False),
    Column("box", BoxText),  # the printed cell's page box (Row.boxes; PDF only)
    _row_fk(),
    sqlite_with_rowid=False,
)

indicators = Table(
    "indicators", metadata,
    Column("table_id", Integer, primary_key=True),
    Column("row_no", Integer, primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("level1", Text),
    Column("level2", Text),
    Column("level3", Text),
    Column("target", Text),
    Column("actual", Text),
    Column("weight", ExactDecimal),
    Column("score", ExactDecimal),
    _row_fk(),
    sqlite_with_rowid=False,
)

# an indicator's printed columns the model has no field for (绩效指标描述, 度量单位 …):
# `key` is `extra:<printed header>`, `position` the column's place among them
indicator_texts = Table(
    "indicator_texts", metadata,
    Column("table_id", Integer, primary_key=True),
    Column("row_no", Integer, primary_key=True),
    Column("indicator", Integer, primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("key", String(128), nullable=False),
    Column("value", Text, nullable=False),
    ForeignKeyConstraint(
        ["table_id", "row_no", "indicator"],
        ["indicators.table_id", "indicators.row_no", "indicators.position"],
        ondelete="CASCADE",
    ),
    sqlite_with_rowid=False,
)

facts = Table(
    "facts", metadata,
    Column("document_id", ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("key", String(64), nullable=False),
    Column("value", ExactDecimal, nullable=False),
    Column("unit", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("subject", String(64)),
    Column("printed_unit", String(16)),
    Column("scope", Text),  # the fact's FactScope as contract JSON; NULL: the department's own
    *_locator_columns(),
    Index(None, "key"),
    sqlite_with_rowid=False,
)

findings = Table(
    "findings", metadata,
    Column("document_id", ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("rule", String(128), nullable=False),
    Column("category", String(32), nullable=False),
    Column("severity", String(16), nullable=False),
    Column("message", Text, nullable=False),
    Column("expected", ExactDecimal),
    Column("actual", ExactDecimal),
    Column("unit", String(16), nullable=False, server_default="元"),
    Column("printed_unit", String(16)),
    Index(None, "rule"),
    Index(None, "severity"),
    sqlite_with_rowid=False,
)

finding_locations = Table(
    "finding_locations", metadata,
    Column("document_id", Integer, primary_key=True),
    Column("finding_no", Integer, primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("table_type", String(64)),
    Column("title", Text),
    Column("item", Text),
    Column("code", String(32)),
    Column("column", String(128)),
    Column("fact", String(64)),
    Column("page", Integer),
    Column("line", Integer),
    Column("quote", Text),
    Column("label", Text),
    ForeignKeyConstraint(
        ["document_id", "finding_no"], ["findings.document_id", "findings.position"],
        ondelete="CASCADE",
    ),
    sqlite_with_rowid=False,
)

# ---- the web application (cnbudget.web): accounts, the job queue, reviews ------------

users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(128), nullable=False, unique=True),
    Column("password_hash", Text, nullable=False),  # argon2id, never the password
    Column("role", String(16), nullable=False),  # viewer, inspector or admin
    Column("created_at", DateTime(timezone=True), nullable=False),
)

api_tokens = Table(
    "api_tokens", metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    # SHA-256 of the token (a 256-bit random secret: a fast hash is enough), never the token
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("prefix", String(16), nullable=False),  # its first characters, to tell tokens apart
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked", Boolean, nullable=False, server_default=false()),
)

# One row per uploaded file (or re-check) to run: claimed by one worker at a time
# (UPDATE … WHERE status = 'queued'); a running job whose worker stopped beating is queued again.
jobs = Table(
    "jobs", metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(16), nullable=False),  # ingest or recheck
    Column("status", String(16), nullable=False),  # queued, running, done, failed
    Column("file_name", Text, nullable=False),  # as uploaded, to show a person
    Column("stored_name", Text, nullable=False),  # generated, under the upload folder
    Column("format", String(16), nullable=False),  # sniffed from the content
    Column("user_id", ForeignKey("users.id", ondelete="SET NULL")),
    Column("document_id", ForeignKey("documents.id", ondelete="CASCADE")),  # a re-check's
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("started_at", DateTime(timezone=True)),
    Column("finished_at", DateTime(timezone=True)),
    Column("heartbeat_at", DateTime(timezone=True)),
    Column("worker", String(128)),  # host:pid:nonce of the worker running it
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("error", String(64)),  # a stable code (source.unreadable, document.not-a-disclosure …)
    Column("message", Text),
    Index(None, "status", "id"),
)

job_documents = Table(
    "job_documents", metadata,
    Column("job_id", ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True),
    Column("document_id", ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Index(None, "document_id"),
)

# A person's verdict on a finding, kept by the finding's identity (rule and where,
# store/reviews.py), not its position: a re-check keeps it while the finding appears.
finding_reviews = Table(
    "finding_reviews", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("rule", String(128), nullable=False),
    Column("status", String(16), nullable=False),  # confirmed or dismissed
    Column("note", Text, nullable=False, server_default=""),
    Column("user_id", ForeignKey("users.id", ondelete="SET NULL")),
    Column("user_name", String(128), nullable=False),  # who, even once the account is gone
    Column("reviewed_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("document_id", "fingerprint"),
)

# Settings every web process on this database shares (the session-signing secret, made once)
web_settings = Table(
    "web_settings", metadata,
    Column("name", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

# Failed logins, counted by the rate limit (store/logins.py) across processes and restarts
login_failures = Table(
    "login_failures", metadata,
    Column("id", Integer, primary_key=True),
    Column("address", String(64), nullable=False),
    Column("name", String(128), nullable=False),
    Column("failed_at", DateTime(timezone=True), nullable=False),
    Index("ix_login_failures_address_failed_at", "address", "failed_at"),
    Index("ix_login_failures_address_name", "address", "name"),
)
