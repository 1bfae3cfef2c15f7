"""The audit: rules over the document model that find real inconsistencies.

`run_audit(doc)` runs every registered rule (`RULES`) and returns an
`AuditReport`; `audit_document(doc)` also stores the findings on the document.
Rules are data with stable ids; `cnbudget rules` and docs/rules.md list them.
"""

from cnbudget.audit.engine import (
    AuditReport,
    EngineError,
    Skip,
    audit_document,
    run_audit,
    selected_rules,
)
from cnbudget.audit.rule import RULES, AuditContext, Rule, RuleSkipped, rule

__all__ = [
    "RULES",
    "AuditContext",
    "AuditReport",
    "EngineError",
    "Rule",
    "RuleSkipped",
    "Skip",
    "audit_document",
    "rule",
    "run_audit",
    "selected_rules",
]
