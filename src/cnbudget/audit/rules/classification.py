"""Classification codes against the versioned catalogue (normalise.classification)."""

from __future__ import annotations

from collections.abc import Iterator

from cnbudget.audit.describe import at_row
from cnbudget.audit.rule import AuditContext, rule
from cnbudget.audit.tables import ECONOMIC_TABLES, FUNCTIONAL_TABLES
from cnbudget.model.document import Category, Document, Finding, Row, Severity, Table
from cnbudget.normalise import classification as catalogue
from cnbudget.normalise.codes import code_family
from cnbudget.normalise.text import fold

C = Category.CLASSIFICATION


def _kind(table: Table, row: Row) -> str | None:
    """Functional codes are 2xx, economic 3xx (部门) or 5xx (政府); a table keyed
    by one may print the other (一般公共预算支出表 by economic class)."""
    if table.type not in FUNCTIONAL_TABLES + ECONOMIC_TABLES:
        return None
    return code_family(row.code or "")


def _coded_rows(doc: Document) -> Iterator[tuple[str, Table, Row]]:
    """Each (kind, code, printed name) once, at its first printed place."""
    seen: set[tuple[str, str, str]] = set()
    for table in doc.tables:
        for row in table.rows:
            kind = _kind(table, row)
            if kind is None or not row.code or row.unit_code is not None:
                continue
            key = (kind, row.code, row.name or "")
            if key in seen:
                continue
            seen.add(key)
            yield kind, table, row


_KIND_NAMES = {"functional": "支出功能分类", "economic": "支出经济分类"}


def _name_then_more(kind: str, code: str, printed: str) -> bool:
    """The right name with more text run into it (a PDF cell merged with the next
    title: ``提租补贴财政拨款政府性基金支出预算``): not a different name."""
    key = fold(printed)
    return any(key.startswith(fold(name))
               for entry in catalogue.entries_for(kind, code) for name in entry.names)


@rule(
    "classification.unknown-code", C, Severity.WARNING,
    title_zh="科目编码不存在",
    title_en="Unknown classification code",
    description_zh="功能分类或经济分类编码不在当年的科目目录中（目录可能不全，故为警告）。",
    description_en="A functional or economic code that is not in the catalogue for the "
                   "document's year (the catalogue may be incomplete, hence a warning).",
    table_types=FUNCTIONAL_TABLES + ECONOMIC_TABLES,
)
def unknown_code(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    year = doc.meta.year
    for kind, table, row in _coded_rows(doc):
        code = row.code or ""
        if catalogue.entries_for(kind, code):
            if catalogue.entry(kind, code, year) is None:
                yield unknown_code.finding(
                    f"{table.title}：{_KIND_NAMES[kind]}编码 {code}“{row.name or ''}”"
                    f"在 {year} 年的科目目录中不存在（其他年度有此编码）",
                    at_row(table, row),
                )
            continue
        yield unknown_code.finding(
            f"{table.title}：{_KIND_NAMES[kind]}编码 {code}“{row.name or ''}”不在科目目录中",
            at_row(table, row),
        )


@rule(
    "classification.name-mismatch", C, Severity.ERROR,
    title_zh="科目编码与名称不符",
    title_en="Code and name do not belong together",
    description_zh="科目编码与印刷的科目名称明显不符（允许截断、一字之差、其他年度的名称"
                   "和附带上级名称的写法）。",
    description_en="A code printed with a name that clearly is not its name (truncated "
                   "names, one-character slips, names of other years and names with the "
                   "parent appended are accepted).",
    table_types=FUNCTIONAL_TABLES + ECONOMIC_TABLES,
)
def name_mismatch(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    year = doc.meta.year
    for kind, table, row in _coded_rows(doc):
        if not row.name or row.item == "total":
            continue
        if catalogue.names_match(kind, row.code or "", row.name, year) is not False:
            continue
        if _name_then_more(kind, row.code or "", row.name):
            continue
        known = catalogue.entry(kind, row.code or "", year) or catalogue.entry(kind, row.code or "")
        expected = f"“{known.name}”" if known else ""
        yield name_mismatch.finding(
            f"{table.title}：{_KIND_NAMES[kind]}编码 {row.code} 的名称应为{expected}，"
            f"表中为“{row.name}”",
            at_row(table, row),
        )
