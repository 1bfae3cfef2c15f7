"""Reviews of findings: a person's verdict (confirmed or dismissed, with a note),
kept with who and when.

A finding is known by its identity, not its position: its rule and where it
points (table, code, item, column, fact and page of each location). A re-check
stores the document's findings afresh; `prune` then drops the reviews whose
finding no longer appears, and every other review stays with its finding.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, delete, insert, select, update

from cnbudget.model.document import Finding
from cnbudget.store.accounts import User
from cnbudget.store.schema import finding_reviews

STATUSES = ("confirmed", "dismissed")


@dataclass(frozen=True, slots=True)
class Review:
    fingerprint: str
    rule: str
    status: str
    note: str
    user_name: str
    reviewed_at: datetime


def fingerprint(finding: Finding) -> str:
    """The finding's identity: its rule and where it points, the same after a re-check."""
    where = [[loc.table, loc.title, loc.code, loc.item, loc.column, loc.fact, loc.page]
             for loc in finding.locations]
    text = json.dumps([finding.rule, where], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def set_review(conn: Connection, document_id: int, finding: Finding, status: str, note: str,
               user: User) -> Review:
    if status not in STATUSES:
        raise ValueError(f"unknown review status {status!r}; one of {', '.join(STATUSES)}")
    key = fingerprint(finding)
    now = datetime.now(UTC)
    values = {"status": status, "note": note, "user_id": user.id, "user_name": user.name,
              "reviewed_at": now, "rule": finding.rule}
    same = (finding_reviews.c.document_id == document_id) & (finding_reviews.c.fingerprint == key)
    if conn.execute(update(finding_reviews).where(same).values(**values)).rowcount == 0:
        conn.execute(insert(finding_reviews).values(document_id=document_id, fingerprint=key,
                                                    **values))
    return Review(key, finding.rule, status, note, user.name, now)


def reviews_of(conn: Connection, document_id: int) -> dict[str, Review]:
    rows = conn.execute(select(finding_reviews)
                        .where(finding_reviews.c.document_id == document_id)).all()
    return {r.fingerprint: Review(r.fingerprint, r.rule, r.status, r.note, r.user_name,
                                  r.reviewed_at) for r in rows}


def prune(conn: Connection, document_id: int, findings: Iterable[Finding]) -> int:
    """Drop the reviews of `document_id` whose finding is not among `findings`."""
    keep = {fingerprint(f) for f in findings}
    stale = [key for key in reviews_of(conn, document_id) if key not in keep]
    if stale:
        conn.execute(delete(finding_reviews).where(
            finding_reviews.c.document_id == document_id,
            finding_reviews.c.fingerprint.in_(stale)))
    return len(stale)
