"""Run the registered rules over a document and collect an `AuditReport`.

A rule that raises is recorded once as an `EngineError` (data in the report,
never a data finding, never swallowed silently) and the other rules still
run. A rule that cannot run on a document raises `RuleSkipped`, recorded as a
`Skip`. What the rules found is then settled (`audit/settle.py`): a finding
resting on a table the reader judged misread becomes a reading problem, and
one cause reported at two severities is reported once. Findings are sorted by
severity, then rule id, for stable output.
"""

from __future__ import annotations

import traceback
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase

from cnbudget.audit.config import AuditConfig, default_config
from cnbudget.audit.rule import RULES, AuditContext, Rule, RuleSkipped
from cnbudget.audit.settle import AUDIT_PROBLEM_CODES, merge_causes, misread_problems
from cnbudget.model.document import Document, Finding, Problem, Severity, Status
from cnbudget.registry import load_plugins

SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True, slots=True)
class EngineError:
    """A rule crashed: a defect of cnbudget, not of the document."""

    rule: str
    error: str  # exception type and message
    where: str  # the innermost frame, to find the bug


@dataclass(frozen=True, slots=True)
class Skip:
    rule: str
    reason: str


@dataclass(slots=True)
class AuditReport:
    document: Document
    findings: list[Finding] = field(default_factory=list)
    errors: list[EngineError] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    rules_run: list[str] = field(default_factory=list)
    # findings that rest on a misread table, as reading problems (not the department's errors)
    problems: list[Problem] = field(default_factory=list)

    @property
    def rule_ids(self) -> set[str]:
        return {f.rule for f in self.findings}

    def of_severity(self, severity: Severity) -> list[Finding]:
        return [f for f in self.findings if f.severity == severity]

    @property
    def has_errors(self) -> bool:
        """Error-level findings (engine errors are reported separately)."""
        return any(f.severity == Severity.ERROR for f in self.findings)

    def flatten(self, fields: Sequence[str] = ("rule", "severity")) -> list[tuple[object, ...]]:
        """One tuple per finding, for one-line asserts.

        Fields: any `Finding` attribute (enums as their value) or a location
        field prefixed ``loc.`` (first location), e.g. ``loc.code``.
        """
        out: list[tuple[object, ...]] = []
        for f in self.findings:
            row: list[object] = []
            for name in fields:
                if name.startswith("loc."):
                    first = f.locations[0] if f.locations else None
                    row.append(getattr(first, name[4:]) if first else None)
                else:
                    value = getattr(f, name)
                    row.append(getattr(value, "value", value))
            out.append(tuple(row))
        return out


def _matches(rule: Rule, patterns: Iterable[str]) -> bool:
    """A pattern names a rule id, a category, or an fnmatch glob over ids."""
    for p in patterns:
        if p in (rule.id, rule.category.value) or fnmatchcase(rule.id, p):
            return True
    return False


def selected_rules(
    select: Sequence[str] | None = None, ignore: Sequence[str] | None = None,
) -> list[Rule]:
    from cnbudget.audit import rules as _builtin  # noqa: F401  (registers the built-ins)

    load_plugins()  # rules a plugin registers run like the built-ins
    chosen = [r for _, r in RULES.items()]
    if select:
        chosen = [r for r in chosen if _matches(r, select)]
    if ignore:
        chosen = [r for r in chosen if not _matches(r, ignore)]
    return sorted(chosen, key=lambda r: r.id)


def _where(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return ""
    last = frames[-1]
    return f"{last.filename}:{last.lineno} in {last.name}"


def run_audit(
    doc: Document,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    config: AuditConfig | None = None,
) -> AuditReport:
    """Run the selected rules on `doc`; the document itself is left unchanged."""
    ctx = AuditContext(config=config or default_config())
    report = AuditReport(document=doc)
    for rule in selected_rules(select, ignore):
        if not rule.applies_to(doc):
            continue
        report.rules_run.append(rule.id)
        try:
            found = list(rule(doc, ctx))
        except RuleSkipped as skip:
            report.skipped.append(Skip(rule.id, str(skip)))
            continue
        except Exception as exc:  # a rule's bug must not stop the other rules
            report.errors.append(EngineError(rule.id, f"{type(exc).__name__}: {exc}", _where(exc)))
            continue
        report.findings.extend(found)
    report.findings, report.problems = misread_problems(doc, report.findings)
    report.findings = merge_causes(report.findings)
    report.findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity], f.rule))
    return report


def audit_document(
    doc: Document,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    config: AuditConfig | None = None,
) -> AuditReport:
    """Run the audit and store its findings on the document (replacing old ones), and
    the reading problems it found among the document's problems (replacing those an
    earlier audit added)."""
    report = run_audit(doc, select=select, ignore=ignore, config=config)
    doc.findings = list(report.findings)
    doc.problems = [p for p in doc.problems if p.code not in AUDIT_PROBLEM_CODES]
    doc.problems.extend(report.problems)
    if report.problems and doc.status is Status.SUCCESS:
        doc.status = Status.PARTIAL
    return report
