"""docs/layout-variants.md, generated from the dimension catalogue."""

from __future__ import annotations

from dataclasses import fields

from cnbudget.render.variants.variant import DEFAULT_VARIANT, DIMENSIONS, LayoutVariant


def _changes(variant: LayoutVariant) -> str:
    return ", ".join(f"`{f.name}={getattr(variant, f.name)!s}`" for f in fields(LayoutVariant)
                     if getattr(variant, f.name) != getattr(DEFAULT_VARIANT, f.name))


def variants_markdown() -> str:
    lines = [
        "# Layout variants",
        "",
        "Generated from `cnbudget.render.variants.DIMENSIONS` (`make docs`). Every writer (XLSX, DOCX,",
        "HTML, PDF, text; PDF also through LibreOffice from XLSX or DOCX) prints a document in any",
        "`LayoutVariant`; `cnbudget render --to FORMAT --variant NAME …` prints one from the command",
        "line, several `--variant` together. The defaults are cnbudget's own layout. The tests in",
        "`tests/variants/` read every variant back; `tests/variants/worklist.py` lists those the",
        "reader does not handle yet.",
        "",
        "| dimension | 说明 | tables it changes | table types | variant |",
        "|---|---|---|---|---|",
    ]
    for d in DIMENSIONS:
        types = ", ".join(f"`{t}`" for t in d.tables) or "any"
        lines.append(f"| `{d.name}` | {d.title} | {d.applies_to} | {types} | "
                     f"{'; '.join(_changes(v) for v in d.variants)} |")
    return "\n".join(lines) + "\n"
