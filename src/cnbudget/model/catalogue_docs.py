"""docs/tables.md and the fact-key list, generated from the catalogues themselves."""

from __future__ import annotations

from cnbudget.model.fact_keys import FACT_KEYS
from cnbudget.model.table_types import (
    ASSET_ITEMS,
    SUMMARY_EXPENDITURE_ITEMS,
    SUMMARY_INCOME_ITEMS,
    TABLE_TYPES,
    THREE_PUBLIC_ITEMS,
)


def _items(title: str, items: dict[str, str]) -> list[str]:
    lines = [f"### {title}", "", "| key | printed as |", "|---|---|"]
    lines += [f"| `{k}` | {v} |" for k, v in items.items()]
    return [*lines, ""]


def tables_markdown() -> str:
    out = [
        "# Table types",
        "",
        "Generated from `cnbudget.model.table_types` by `make docs`; do not edit by hand.",
        "A printed table that fits none of these is kept as `other` with its rows.",
        "",
        "| type | name | printed as | rows keyed by | value columns | standard |",
        "|---|---|---|---|---|---|",
    ]
    for t in TABLE_TYPES.values():
        cols = ", ".join(f"`{c.key}` ({c.header}{', text' if c.text else ''})" for c in t.columns)
        out.append(
            f"| `{t.key}` | {t.name} | {'; '.join(t.printed_as)} | {t.row_key.value} | {cols} | "
            f"{'yes' if t.standard else ''} |"
        )
    out.append("")
    out += _items("Summary items, income side", SUMMARY_INCOME_ITEMS)
    out += _items("Summary items, expenditure side (plus `func:<类>` and `econ:<类>`)",
                  SUMMARY_EXPENDITURE_ITEMS)
    out += _items("“三公” items", THREE_PUBLIC_ITEMS)
    out += _items("Asset items", ASSET_ITEMS)
    out += ["# Fact keys", "", "| key | what the narrative calls it | unit |", "|---|---|---|"]
    out += [f"| `{k.key}` | {k.name} | {k.unit} |" for k in FACT_KEYS.values()]
    return "\n".join(out) + "\n"


def problems_markdown() -> str:
    """docs/problems.md: the reading-problem codes."""
    from cnbudget.model.problems import PROBLEM_TYPES

    out = [
        "# Reading problems",
        "",
        "Generated from `cnbudget.model.problems` by `make docs`; do not edit by hand.",
        "Every problem a reader reports carries one of these stable codes (select by code, never",
        "by message text). `recovered`: read all the same, the message says how; `partial`:",
        "something printed was not read, and the document's status is `partial`. The severity",
        "given is the default; a reader may report a code at the other severity.",
        "",
        "| code | severity | 名称 | title | 信息模板 |",
        "|---|---|---|---|---|",
    ]
    for t in PROBLEM_TYPES.values():
        template = t.template_zh.replace("|", "\\|")
        out.append(f"| `{t.code}` | {t.severity.value} | {t.title_zh} | {t.title_en} | {template} |")
    return "\n".join([*out, ""])
