"""Required tables and narrative sections, per template profile (config)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cnbudget.audit.describe import at_table, at_text
from cnbudget.audit.rule import AuditContext, rule
from cnbudget.model.document import (
    Category,
    Document,
    Finding,
    FindingLocation,
    Severity,
    Status,
    Table,
)
from cnbudget.model.table_types import STANDARD_TYPES, TABLE_TYPES
from cnbudget.normalise.text import fold, nfkc

C = Category.COMPLETENESS


def _names(group: tuple[str, ...]) -> str:
    return " 或 ".join(TABLE_TYPES[t].name if t in TABLE_TYPES else t for t in group)


@rule(
    "completeness.required-tables", C, Severity.ERROR,
    title_zh="缺少必须公开的表格",
    title_en="A required table is missing",
    description_zh="按文件类型（预算/决算）和模板配置（requirements.toml）必须公开的表格"
                   "缺失。文件中完全没有标准表格时只报告一条警告（表格可能另行公开）；文件"
                   "有部分内容未能读取时为警告。",
    description_en="A table the document's kind and template profile (requirements.toml) "
                   "require is missing. A document without any standard table gets one "
                   "warning instead (its tables may be published separately); so does a "
                   "missing table in a partly read document.",
)
def required_tables(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    profile = ctx.config.profile_for(doc)
    if profile is None:
        return
    present = {t.type for t in doc.tables}
    if not present & set(STANDARD_TYPES):
        yield required_tables.finding(
            f"文件中没有识别到任何标准公开表格（应有 {len(profile.required)} 张），"
            "表格可能另行公开或未能识别",
            FindingLocation(), severity=Severity.WARNING,
        )
        return
    # A partly read document may hold the table in a part that was not read: then
    # its absence is a question for a person, not an error of the document.
    partial = doc.status != Status.SUCCESS
    for group in profile.required:
        if not present & set(group):
            yield required_tables.finding(
                f"缺少{_names(group)}" + ("（文件有部分内容未能读取，可能未识别）" if partial else ""),
                FindingLocation(table=group[0]),
                severity=Severity.WARNING if partial else None,
            )
    for group in profile.recommended:
        if not present & set(group):
            yield required_tables.finding(
                f"未公开{_names(group)}（部分模板不要求）", FindingLocation(table=group[0]),
                severity=Severity.INFO,
            )


# tables a department prints only where it has such spending
OPTIONAL_TABLES = frozenset({"procurement", "project_expenditure", "operating_cost", "assets"})

_EMPTY_KEYWORDS = {
    "gov_fund": ("政府性基金",),
    "state_capital": ("国有资本",),
    "three_public": ("三公",),
    "procurement": ("政府采购",),
    "operating_cost": ("机关运行经费",),
}


_NOTHING = re.compile(r"空表|无|没有|未|(?<![\d.])0(?:\.0+)?万?元")


def _explained(doc: Document, table: Table) -> bool:
    """A note under the table, or a narrative line (with the next one: a PDF
    wraps statements) naming the table's kind of money and saying there is none."""
    if table.note and table.note.strip():
        return True
    keywords = _EMPTY_KEYWORDS.get(table.type, (fold(table.title)[-10:],))
    lines = [fold(p.text) for p in doc.narrative]
    for i, text in enumerate(lines):
        if any(k in text for k in keywords):
            window = text + (lines[i + 1] if i + 1 < len(lines) else "")
            if _NOTHING.search(window):
                return True
    return False


@rule(
    "completeness.empty-table-note", C, Severity.WARNING,
    title_zh="空表没有说明",
    title_en="An empty table is not explained",
    description_zh="可以空表列示的表格（政府性基金、国有资本经营、“三公”、政府采购等）为"
                   "空表，但既没有表下说明，情况说明中也没有说明没有此类支出。",
    description_en="A table that may be printed empty (gov fund, state capital, 三公, "
                   "procurement …) is empty, with neither a note nor a narrative line saying "
                   "there is no such spending (空表说明 is required).",
)
def empty_table_note(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    if not doc.narrative or not doc.facts:
        return  # tables published apart from their 情况说明: the note may be there
    profile = ctx.config.profile_for(doc)
    may_be_empty = set(profile.may_be_empty) if profile else set()
    for table in doc.tables:
        # a core table printed empty is a reading failure or another problem, not a
        # table the department may leave empty with a note
        if table.type not in may_be_empty | OPTIONAL_TABLES:
            continue
        if table.empty and not _explained(doc, table):
            yield empty_table_note.finding(f"{table.title}为空表，未说明原因", at_table(table))


@rule(
    "completeness.sections", C, Severity.WARNING,
    title_zh="情况说明缺少规定部分",
    title_en="A narrative section is missing",
    description_zh="情况说明中找不到规定的部分（“三公”经费、机关运行经费、政府采购、国有"
                   "资产占用、绩效、名词解释，按模板配置）。",
    description_en="The narrative lacks a required section (三公, 机关运行经费, 政府采购, "
                   "国有资产, 绩效, 名词解释, per the template profile).",
)
def sections(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    profile = ctx.config.profile_for(doc)
    if profile is None:
        return
    # narrative lines without one stated figure are titles and headers: the
    # document is a book of tables whose 情况说明 is published apart
    if not doc.narrative or not doc.facts:
        if doc.tables:
            yield sections.finding("文件中没有识别到情况说明文字（可能另行公开）",
                                   FindingLocation())
        return
    text = fold("".join(p.text for p in doc.narrative))
    for section in profile.sections:
        if not any(fold(k) in text for k in section.keywords):
            yield sections.finding(f"情况说明中没有{section.name}", FindingLocation())


_NUMERALS = "一二三四五六七八九十"
_HEADING = re.compile(r"^\s*(?:第[一二三四五六七八九十]+部分\s*)?([一二三四五六七八九十]{1,3})、")


def numeral_value(text: str) -> int:
    """一 → 1 … 十九 → 19, 二十三 → 23 (section numbers stay below 100)."""
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _NUMERALS.index(text[1]) + 1
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_NUMERALS.index(tens) + 1) * 10 + (_NUMERALS.index(ones) + 1 if ones else 0)
    return _NUMERALS.index(text) + 1


@rule(
    "completeness.section-numbering", C, Severity.WARNING,
    title_zh="章节编号跳号",
    title_en="Section numbering skips a number",
    description_zh="情况说明中“一、二、三、”式的章节编号跳过了某个序号（例如“二、”之后"
                   "直接是“四、”），可能漏掉了一个部分。",
    description_en="The narrative's 一、二、三、 section numbers skip one (二、 followed by "
                   "四、): a section may be missing.",
)
def section_numbering(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    last = 0
    for p in doc.narrative:
        m = _HEADING.match(nfkc(p.text))
        if not m:
            continue
        n = numeral_value(m.group(1))
        if n == last + 2:
            loc = p.locator
            yield section_numbering.finding(
                f"章节编号从“{_NUMERALS[last - 1] if 0 < last <= 10 else last}、”跳到"
                f"“{m.group(1)}、”",
                at_text(p.text.strip()[:60], loc.page if loc else None, loc.line if loc else None),
            )
        last = n
