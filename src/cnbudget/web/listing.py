"""Lists the pages show: the documents stored, newest first, with their finding counts."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, case, func, select

from cnbudget.store.schema import documents, findings

KIND_ZH = {"budget": "预算", "final_account": "决算"}


@dataclass(frozen=True, slots=True)
class DocumentLine:
    id: int
    department: str | None
    year: int | None
    kind: str | None
    file: str
    status: str
    errors: int
    warnings: int

    @property
    def kind_zh(self) -> str:
        return KIND_ZH.get(self.kind or "", self.kind or "")


def recent_documents(conn: Connection, limit: int = 100) -> list[DocumentLine]:
    counts = (
        select(findings.c.document_id,
               func.sum(case((findings.c.severity == "error", 1), else_=0)).label("errors"),
               func.sum(case((findings.c.severity == "warning", 1), else_=0)).label("warnings"))
        .group_by(findings.c.document_id).subquery()
    )
    rows = conn.execute(
        select(documents.c.id, documents.c.department_name, documents.c.year, documents.c.kind,
               documents.c.file, documents.c.status, counts.c.errors, counts.c.warnings)
        .outerjoin(counts, counts.c.document_id == documents.c.id)
        .where(documents.c.current.is_(True))
        .order_by(documents.c.id.desc()).limit(limit)
    ).all()
    return [DocumentLine(int(r.id), r.department_name, r.year, r.kind, r.file, r.status,
                         int(r.errors or 0), int(r.warnings or 0)) for r in rows]
