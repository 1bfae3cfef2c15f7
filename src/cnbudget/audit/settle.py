"""Settling what the rules found before it is reported.

* A finding whose figures include one of a table the reader judged misread
  (`Table.misread`, with its `table.misread` problem) says nothing about the
  department: it becomes a reading problem `audit.rests-on-misread-table`,
  naming the rule, the table and what the rule would have said.
* One cause reported at two severities (a narrative figure wrong against the
  table, an error, and against the same figure stated elsewhere, a warning) is
  reported once: the lower-severity finding that points first at the same
  printed figure (a quoted sentence, or a table cell) is folded into the more
  severe one, its other locations added.
"""

from __future__ import annotations

from collections.abc import Sequence

from cnbudget.model.document import Document, Finding, FindingLocation, Locator, Problem, Severity
from cnbudget.model.problems import problem_of

RESTS_ON_MISREAD = "audit.rests-on-misread-table"
AUDIT_PROBLEM_CODES = frozenset({RESTS_ON_MISREAD})
_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def _misread_location(doc: Document, finding: Finding) -> FindingLocation | None:
    misread = [t for t in doc.tables if t.misread]
    for loc in finding.locations:
        for table in misread:
            if loc.table == table.type and (loc.title is None or loc.title == table.title):
                return loc
    return None


def misread_problems(doc: Document, findings: Sequence[Finding]) -> tuple[list[Finding], list[Problem]]:
    """The findings that stand, and those resting on a misread table as problems."""
    kept: list[Finding] = []
    problems: list[Problem] = []
    for finding in findings:
        loc = _misread_location(doc, finding)
        if loc is None:
            kept.append(finding)
            continue
        problems.append(problem_of(
            RESTS_ON_MISREAD, Locator(page=loc.page, line=loc.line),
            rule=finding.rule, title=loc.title or loc.table, message=finding.message,
        ))
    return kept, problems


def _cause(finding: Finding) -> FindingLocation | None:
    """The printed figure a finding is first about: a quoted sentence or a cell."""
    if not finding.locations:
        return None
    first = finding.locations[0]
    return first if first.quote is not None or first.column is not None else None


def merge_causes(findings: Sequence[Finding]) -> list[Finding]:
    """One finding per cause: a lower-severity finding whose first location and figure
    are those of a more severe one is folded into it."""
    ranked = sorted(range(len(findings)), key=lambda i: _RANK[findings[i].severity])
    kept: dict[int, Finding] = {}
    by_cause: dict[FindingLocation, int] = {}
    for i in ranked:
        finding = findings[i]
        cause = _cause(finding)
        j = by_cause.get(cause) if cause is not None else None
        if j is not None and kept[j].severity != finding.severity:
            host = kept[j]
            extra = tuple(loc for loc in finding.locations if loc not in host.locations)
            kept[j] = Finding(host.rule, host.category, host.severity, host.message, host.expected,
                              host.actual, host.locations + extra, host.unit, host.printed_unit)
            continue
        kept[i] = finding
        if cause is not None:
            by_cause.setdefault(cause, i)
    return [kept[i] for i in sorted(kept)]
