"""The rule catalogue as Markdown (docs/rules.md) and JSON (`cnbudget rules --json`)."""

from __future__ import annotations

from cnbudget.audit.engine import selected_rules
from cnbudget.audit.rule import Rule
from cnbudget.model.contract import JSONValue
from cnbudget.model.document import Category


def rule_json(rule: Rule) -> dict[str, JSONValue]:
    return {
        "id": rule.id,
        "category": rule.category.value,
        "severity": rule.severity.value,
        "title_zh": rule.title_zh,
        "title_en": rule.title_en,
        "description_zh": rule.description_zh,
        "description_en": rule.description_en,
        "kinds": [k.value for k in rule.kinds],
        "table_types": list(rule.table_types),
    }


def rules_json() -> list[dict[str, JSONValue]]:
    return [rule_json(r) for r in selected_rules()]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def rules_markdown() -> str:
    """docs/rules.md, generated from the registry (a test keeps the file current)."""
    rules = selected_rules()
    lines = [
        "# Audit rules",
        "",
        "Generated from the rule registry by `cnbudget.audit.docs.rules_markdown()`; do not",
        "edit by hand. `cnbudget rules` prints the same catalogue, `--json` as data.",
        "",
        "## Severity policy",
        "",
        "- `error`: certainly wrong as printed. A person who checks it finds the same.",
        "- `warning`: needs a person: the figures may be of different scopes, the gap is",
        "  barely beyond rounding, the wording may be deliberate.",
        "- `info`: worth knowing, nothing to correct (a table some templates do not require).",
        "",
        "The severity listed below is a rule's default; a finding is a warning instead where",
        "its description says so. A finding that rests on a table the reader judged misread",
        "is not the department's error: it is reported as the reading problem",
        "`audit.rests-on-misread-table` (see problems.md). One cause reported by two rules",
        "at two severities is reported once, with all its locations.",
        "",
        "## Tolerance",
        "",
        "Every printed figure may be off by half a unit of its last printed digit: a whole",
        "元 ±0.5 元, a 万元 figure with two decimals ±50 元, a percentage `6.76%` ±0.005 %.",
        "A total agrees with its parts when the gap is within the summed slack of every",
        "figure involved (the total and each part). A gap beyond it but below twice it",
        "(a whole unit per figure: truncation instead of rounding, or rounding twice) is",
        "a warning; from twice the slack on it is an error. Tables' printed decimals are",
        "read from the printed text (`decimals`); a narrative figure carries its own.",
        "See `cnbudget.audit.tolerance`.",
        "",
        "Select or ignore rules by id, category or glob: `cnbudget check --select",
        "arithmetic --ignore 'plausibility.*' FILE`.",
        "",
        f"{len(rules)} rules.",
        "",
    ]
    for category in Category:
        members = [r for r in rules if r.category == category]
        if not members:
            continue
        lines += [f"## {category.value}", "", "| id | severity | 规则 | rule | applies to |",
                  "|---|---|---|---|---|"]
        for r in members:
            applies = ", ".join([k.value for k in r.kinds] + list(r.table_types)) or "all"
            lines.append(f"| `{r.id}` | {r.severity.value} | {_cell(r.title_zh)} | "
                         f"{_cell(r.title_en)} | {_cell(applies)} |")
        lines.append("")
        for r in members:
            lines += [f"### `{r.id}`", "", _cell(r.description_zh), "", _cell(r.description_en), ""]
    return "\n".join(lines).rstrip("\n") + "\n"
