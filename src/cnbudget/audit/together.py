"""The findings a disclosure published in parts gives only when its files are audited
as one (the narrative against the tables, a total in one file against its parts in the
other): what `cnbudget show` adds to the findings stored with each file."""

from __future__ import annotations

from collections.abc import Sequence

from cnbudget.audit.engine import run_audit
from cnbudget.model.document import Document, Finding
from cnbudget.normalise.combine import combine_documents


def _key(finding: Finding) -> tuple[str, str]:
    return finding.rule, finding.message


def findings_together(documents: Sequence[Document]) -> list[Finding]:
    """Findings of the files audited together that no file's own audit gave; none for
    a disclosure of one file."""
    if len(documents) < 2:
        return []
    apart = {_key(f) for doc in documents for f in doc.findings}
    combined = run_audit(combine_documents(documents))
    return [f for f in combined.findings if _key(f) not in apart]
