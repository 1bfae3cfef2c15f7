"""Audit rules as data: a stable id, metadata, and a pure check function.

A rule is registered in `RULES` with the `rule(...)` decorator, the same call a
plugin uses. The decorated name becomes the `Rule` object, so a check builds
its findings with its own metadata: ``yield my_rule.finding(message, ...)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from cnbudget.audit.config import AuditConfig, default_config
from cnbudget.model.document import (
    Category,
    Document,
    Finding,
    FindingLocation,
    Kind,
    Severity,
    Table,
)
from cnbudget.registry import Registry


class RuleSkipped(Exception):
    """Raised by a check that cannot run on this document (e.g. no catalogue).

    The engine records it as a skip with its reason, never as a finding."""


@dataclass(slots=True)
class AuditContext:
    """What a check may consult besides the document: the configuration."""

    config: AuditConfig = field(default_factory=default_config)


Check = Callable[[Document, AuditContext], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    category: Category
    severity: Severity  # the default severity of its findings
    title_zh: str
    title_en: str
    description_zh: str
    description_en: str
    check: Check
    kinds: tuple[Kind, ...] = ()  # empty: every kind of document
    table_types: tuple[str, ...] = ()  # the tables it reads; empty: none required

    def __call__(self, doc: Document, ctx: AuditContext) -> Iterable[Finding]:
        return self.check(doc, ctx)

    def tables(self, doc: Document) -> list[Table]:
        """The document's tables of the types this rule reads, in printed order."""
        return [t for t in doc.tables if t.type in self.table_types]

    def applies_to(self, doc: Document) -> bool:
        """Kind matches (or is unknown) and at least one table it reads is present."""
        if self.kinds and doc.meta.kind is not None and doc.meta.kind not in self.kinds:
            return False
        if self.table_types:
            return any(t.type in self.table_types for t in doc.tables)
        return True

    def finding(
        self,
        message: str,
        *locations: FindingLocation,
        expected: Decimal | None = None,
        actual: Decimal | None = None,
        severity: Severity | None = None,
        near: bool = False,
        unit: str = "元",
        printed_unit: str | None = None,
    ) -> Finding:
        """A finding of this rule. `near`: the figures miss by less than twice their
        rounding slack (audit/tolerance.py), which makes an error a warning.
        `unit` is the unit of `expected`/`actual` (元, %, 辆 …), `printed_unit` the
        unit the amounts were printed in, to show them so."""
        chosen = severity or self.severity
        if near:
            message += NEAR_NOTE
            if chosen is Severity.ERROR:
                chosen = Severity.WARNING
        return Finding(
            rule=self.id,
            category=self.category,
            severity=chosen,
            message=message,
            expected=expected,
            actual=actual,
            locations=tuple(locations),
            unit=unit,
            printed_unit=printed_unit,
        )


RULES: Registry[Rule] = Registry("audit rule")

# what a near miss says beside its figures (audit/tolerance.py: Verdict.NEAR)
NEAR_NOTE = "（差额略超四舍五入误差，可能是截位或重复舍入所致，请核对）"


def rule(
    id: str,
    category: Category,
    severity: Severity,
    *,
    title_zh: str,
    title_en: str,
    description_zh: str,
    description_en: str,
    kinds: tuple[Kind, ...] = (),
    table_types: tuple[str, ...] = (),
) -> Callable[[Check], Rule]:
    """Register a check function as a rule; the decorated name is the `Rule`."""
    if not id.startswith(category.value + "."):
        raise ValueError(f"rule id {id!r} must start with its category {category.value!r}")

    def decorate(check: Check) -> Rule:
        return RULES.add(id, Rule(
            id=id, category=category, severity=severity,
            title_zh=title_zh, title_en=title_en,
            description_zh=description_zh, description_en=description_en,
            check=check, kinds=kinds, table_types=table_types,
        ))

    return decorate
