"""Template text left unfilled, in the narrative, table notes and indicators."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from cnbudget.audit.describe import at_table, at_text
from cnbudget.audit.rule import AuditContext, rule
from cnbudget.model.document import Category, Document, Finding, FindingLocation, Locator, Severity
from cnbudget.normalise.printed import NAME_MARKS
from cnbudget.normalise.text import nfkc


@dataclass(frozen=True, slots=True)
class Placeholder:
    pattern: re.Pattern[str]
    what: str


# Each pattern matches only text a filled-in template cannot contain.
PLACEHOLDERS: tuple[Placeholder, ...] = (
    Placeholder(re.compile(r"(?:原因(?:是|为|主要是|[:：])|主要(?:是|为))\s*[；;。]"), "原因未填写"),
    Placeholder(re.compile(r"主要用于\s*[；;。]"), "用途未填写"),
    Placeholder(re.compile(r"占[^，,。；;%\d]{0,30}的\s*%"), "占比未填数字"),
    Placeholder(re.compile(r"占(?:比)?\s*%"), "占比未填数字"),
    Placeholder(re.compile("|".join(NAME_MARKS)), "模板占位符"),
    Placeholder(re.compile(r"有则写|无则填|无则写|据实填写|请填写"), "模板填写说明"),
    Placeholder(re.compile(r"(?:为|共计|合计|安排|总计|增加|减少|下降|增长|支出|收入)\s*"
                           r"(?:万元|元)(?![^，。；;]{0,3}单位)"), "金额未填写"),
    Placeholder(re.compile(r"(?:增长|下降|增加|减少)\s*%"), "增减幅度未填数字"),
)


def _texts(doc: Document) -> Iterator[tuple[str, FindingLocation]]:
    for p in doc.narrative:
        loc = p.locator or Locator()
        yield p.text, at_text(p.text.strip(), loc.page, loc.line)
    for table in doc.tables:
        if table.note:
            base = at_table(table)
            yield table.note, FindingLocation(table=base.table, title=base.title, page=base.page,
                                              line=base.line, quote=table.note.strip())
        for row in table.rows:
            for ind in row.indicators or []:
                for text in (ind.target, ind.actual):
                    if text:
                        loc = row.locator or table.locator or Locator()
                        yield text, FindingLocation(table=table.type, title=table.title,
                                                    item=row.item, page=loc.page, line=loc.line,
                                                    quote=text)


# this many places left unfilled make the document an unfilled template: one finding
TEMPLATE_PLACES = 10


@rule(
    "placeholder.template-text", Category.PLACEHOLDER, Severity.ERROR,
    title_zh="模板文字未填写",
    title_en="Template text left unfilled",
    description_zh="情况说明、表注或绩效指标中留有未填写的模板文字：“主要原因是；”、"
                   "“占…的%”、“XX”、“（有则写，无则填0万元）”、“为万元”等。同一类占位文字"
                   f"报告一次，列出所有位置；共有 {TEMPLATE_PLACES} 处以上时，文件是未填写的"
                   "模板，只报告一条（含各类的处数）。",
    description_en="Template text left in the narrative, notes or indicators: "
                   "“主要原因是；”, “占…的%”, “XX”, “（有则写，无则填0万元）”, an amount "
                   "missing before 万元. Each kind is reported once with all its places; "
                   f"with {TEMPLATE_PLACES} places or more the document is an unfilled "
                   "template, reported as one finding with the count of each kind.",
)
def template_text(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    places: dict[str, list[tuple[str, FindingLocation]]] = {}
    for text, location in _texts(doc):
        folded = nfkc(text)
        for ph in PLACEHOLDERS:
            m = ph.pattern.search(folded)
            if m is None:
                continue
            start = max(0, m.start() - 20)
            places.setdefault(ph.what, []).append((folded[start:m.end() + 10].strip(), location))
    count = sum(len(v) for v in places.values())
    if count >= TEMPLATE_PLACES:
        kinds = "，".join(f"{what} {len(found)} 处" for what, found in places.items())
        yield template_text.finding(
            f"文件是未填写的模板：共 {count} 处模板文字未填写（{kinds}）",
            *(loc for found in places.values() for _, loc in found),
        )
        return
    for what, found in places.items():
        snippets = "；".join(f"“{snippet}”" for snippet, _ in found[:3])
        more = f"等 {len(found)} 处" if len(found) > 1 else ""
        yield template_text.finding(f"{what}{more}：{snippets}", *(loc for _, loc in found))
