"""Classification codes against the year-versioned catalogue (normalise.classification).

Severity policy, the same for every rule here: an error is certainly wrong as
printed (a code with a name that is not its name, where the catalogue is sure
of that code in that year); a warning needs a person (a code the catalogue
lacks for the year, a name of another year, a unit's own code list); info is
worth knowing. The catalogue is not complete, so its gaps are never errors.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from cnbudget.audit.describe import at_row
from cnbudget.audit.rule import AuditContext, rule
from cnbudget.audit.tables import ECONOMIC_TABLES, FUNCTIONAL_TABLES
from cnbudget.model.document import Category, Document, Finding, Row, Severity, Table
from cnbudget.normalise import classification as catalogue
from cnbudget.normalise.classification import ClassificationEntry, NameMatch
from cnbudget.normalise.codes import ECONOMIC, code_family
from cnbudget.normalise.text import fold

C = Category.CLASSIFICATION
_TABLES = FUNCTIONAL_TABLES + ECONOMIC_TABLES
_POLICY_ZH = "（严重程度：错误＝印刷确有错；警告＝需人工核对；提示＝值得知道。）"
_POLICY_EN = (" (Severity: error = certainly wrong as printed; warning = needs a person; "
              "info = worth knowing.)")
_KIND_NAMES = {"functional": "支出功能分类", "economic": "支出经济分类"}
# A unit's own economic code list: this many distinct codes absent from the
# national catalogue in one document read as one system, not as slips.
LOCAL_SYSTEM_MIN_CODES = 3


@dataclass(frozen=True)
class CodedRow:
    kind: str  # "functional" or "economic" (the code's family)
    table: Table
    row: Row

    @property
    def code(self) -> str:
        return self.row.code or ""

    @property
    def name(self) -> str:
        return self.row.name or ""


def _coded_rows(doc: Document) -> Iterator[CodedRow]:
    """Each (kind, code, printed name) once, at its first printed place.

    Functional codes are 2xx, economic 3xx (部门) or 5xx (政府); a table keyed
    by one may print the other (一般公共预算支出表 by economic class)."""
    seen: set[tuple[str, str, str]] = set()
    for table in doc.tables:
        if table.type not in _TABLES:
            continue
        for row in table.rows:
            kind = code_family(row.code or "")
            if kind is None or not row.code or row.unit_code is not None:
                continue
            key = (kind, row.code, row.name or "")
            if key not in seen:
                seen.add(key)
                yield CodedRow(kind, table, row)


def _local_codes(doc: Document) -> list[CodedRow]:
    """The economic rows of a unit's own code list, when it prints enough codes
    the national catalogue has in no year; empty otherwise."""
    absent = [c for c in _coded_rows(doc)
              if c.kind == ECONOMIC and not catalogue.entries_for(c.kind, c.code)]
    return absent if len({c.code for c in absent}) >= LOCAL_SYSTEM_MIN_CODES else []


def _span(first: int | None, last: int | None) -> str:
    if first is None and last is None:
        return "各年度"
    if first is None:
        return f"{last} 年及以前"
    if last is None:
        return f"{first} 年起"
    return f"{first} 年" if first == last else f"{first}–{last} 年"


def _when_in_force(kind: str, code: str) -> str:
    """（该科目 2019 年起设立）, （该科目使用至 2018 年） … for a code of other years."""
    first, last = catalogue.years_in_force(kind, code) or (None, None)
    doubt = "；年份未经核实" if any(not e.certain for e in catalogue.entries_for(kind, code)) else ""
    if first is not None and last is None:
        return f"该科目 {first} 年起设立{doubt}"
    if first is None and last is not None:
        return f"该科目使用至 {last} 年{doubt}"
    return f"该科目仅 {_span(first, last)}使用{doubt}"


def _year_text(year: int | None) -> str:
    return f"{year} 年" if year is not None else "任何年度的"


@rule(
    "classification.unknown-code", C, Severity.WARNING,
    title_zh="科目编码不在当年目录中",
    title_en="Code not in the catalogue of the document's year",
    description_zh="功能分类或经济分类编码不在文件所属年度的科目目录中：说明该科目哪一年设立或停用，"
                   "或说明目录未收录此编码（目录未收全每一项，可能是地方细化科目或目录缺漏），"
                   "故为警告，从不算错误。" + _POLICY_ZH,
    description_en="A functional or economic code absent from the catalogue of the document's "
                   "year: says when the code was created or retired, or that the catalogue lacks "
                   "it (the catalogue does not hold every item: a local sub-item or a gap), hence "
                   "a warning, never an error." + _POLICY_EN,
    table_types=_TABLES,
)
def unknown_code(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    year = doc.meta.year
    local = {c.code for c in _local_codes(doc)}
    for c in _coded_rows(doc):
        if c.code in local:
            continue
        what = f"{c.table.title}：科目 {c.code}“{c.name}”"
        if catalogue.entries_for(c.kind, c.code):
            if year is None or catalogue.entry(c.kind, c.code, year) is not None:
                continue
            yield unknown_code.finding(
                f"{what}不在 {year} 年{_KIND_NAMES[c.kind]}科目中（{_when_in_force(c.kind, c.code)}）",
                at_row(c.table, c.row),
            )
            continue
        yield unknown_code.finding(
            f"{what}不在本系统收录的{_KIND_NAMES[c.kind]}科目中（目录收录 "
            f"{catalogue.FIRST_YEAR}–{catalogue.LAST_YEAR} 年全国科目，未收全每一项；"
            "请核对是否为地方细化科目或目录缺漏）",
            at_row(c.table, c.row),
        )


def _name_then_more(kind: str, code: str, printed: str) -> bool:
    """The right name with more text run into it (a PDF cell merged with the next
    title: ``提租补贴财政拨款政府性基金支出预算``): not a different name."""
    key = fold(printed)
    return any(key.startswith(fold(name))
               for entry in catalogue.entries_for(kind, code) for name in entry.names)


def _doubt(entry: ClassificationEntry, year: int | None) -> str:
    """Why a mismatch cannot be called certain; empty when it can."""
    if not catalogue.covers(year):
        return f"目录覆盖 {catalogue.FIRST_YEAR}–{catalogue.LAST_YEAR} 年，不含 {_year_text(year)}"
    if not entry.certain:
        return "目录中该科目的名称或年份未经核实" + (f"：{entry.note}" if entry.note else "")
    return ""


@rule(
    "classification.name-mismatch", C, Severity.ERROR,
    title_zh="科目编码与名称不符",
    title_en="Code and name do not belong together",
    description_zh="科目编码与印刷的科目名称不符（允许截断、一字之差、其他年度的名称和附带上级名称的写法）。"
                   "只有目录对该科目当年的名称确定时才算错误，否则为警告并说明原因；"
                   "当年目录中没有的编码由“科目编码不在当年目录中”报告。" + _POLICY_ZH,
    description_en="A code printed with a name that is not its name (truncated names, "
                   "one-character slips, names of other years and names with the parent appended "
                   "are accepted). An error only where the catalogue is certain of the code's name "
                   "that year, otherwise a warning saying why; codes absent from the year are "
                   "reported by classification.unknown-code." + _POLICY_EN,
    table_types=_TABLES,
)
def name_mismatch(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    year = doc.meta.year
    for c in _coded_rows(doc):
        if not c.name or c.row.item == "total":
            continue
        if year is not None and catalogue.entry(c.kind, c.code, year) is None:
            continue  # not a code of the year: unknown-code says so
        verdict = catalogue.name_verdict(c.kind, c.code, c.name, year)
        if verdict.match is not NameMatch.MISMATCH or verdict.entry is None:
            continue
        if _name_then_more(c.kind, c.code, c.name):
            continue
        doubt = _doubt(verdict.entry, year)
        yield name_mismatch.finding(
            f"{c.table.title}：{_KIND_NAMES[c.kind]}科目 {c.code} 的名称应为“{verdict.entry.name}”，"
            f"表中为“{c.name}”" + (f"（{doubt}，请核对）" if doubt else ""),
            at_row(c.table, c.row),
            severity=Severity.WARNING if doubt else None,
        )


@rule(
    "classification.stale-name", C, Severity.WARNING,
    title_zh="科目名称不是当年的名称",
    title_en="A code's name of another year",
    description_zh="科目编码印的是该科目其他年度的名称（如 2019 年文件仍印“医疗卫生与计划生育支出”，"
                   "2019 年起为“卫生健康支出”）：编码与名称相符，名称已过时或提前使用，需人工核对。"
                   + _POLICY_ZH,
    description_en="A code printed with its name of another year (a 2019 document printing "
                   "医疗卫生与计划生育支出, 卫生健康支出 from 2019): code and name belong together "
                   "but the name is stale or early; a person should look." + _POLICY_EN,
    table_types=_TABLES,
)
def stale_name(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    year = doc.meta.year
    if year is None:
        return
    for c in _coded_rows(doc):
        current = catalogue.entry(c.kind, c.code, year)
        if not c.name or current is None:
            continue
        verdict = catalogue.name_verdict(c.kind, c.code, c.name, year)
        if verdict.match is not NameMatch.OTHER_YEAR or verdict.entry is None:
            continue
        old = verdict.entry
        doubt = "；改名年份未经核实" if not (old.certain and current.certain) else ""
        yield stale_name.finding(
            f"{c.table.title}：科目 {c.code} 印为“{c.name}”，这是该科目 "
            f"{_span(old.valid_from, old.valid_to)}的名称；{year} 年为“{current.name}”{doubt}",
            at_row(c.table, c.row),
        )


@rule(
    "classification.local-codes", C, Severity.WARNING,
    title_zh="单位自编经济分类编码",
    title_en="A unit's own economic code list",
    description_zh=f"文件印有 {LOCAL_SYSTEM_MIN_CODES} 个以上不在全国支出经济分类科目中的编码："
                   "这是本单位（地方）自编的经济分类编码体系，作为一条警告列出全部编码和位置，"
                   "不逐条报错。" + _POLICY_ZH,
    description_en=f"A document printing {LOCAL_SYSTEM_MIN_CODES} or more economic codes that are "
                   "in no year of the national list: the unit's (or region's) own code system, "
                   "reported once with every code and place, not one finding per code."
                   + _POLICY_EN,
    table_types=_TABLES,
)
def local_codes(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    rows = _local_codes(doc)
    if not rows:
        return
    codes = list(dict.fromkeys(c.code for c in rows))
    heads = list(dict.fromkeys(code[:3] for code in codes))
    lengths = sorted({len(code) for code in codes})
    shown = "、".join(f"{c.code}“{c.name}”" for c in rows[:12])
    more = f"等 {len(codes)} 个编码" if len(rows) > 12 else f"共 {len(codes)} 个编码"
    yield local_codes.finding(
        f"本文件使用自编的支出经济分类编码：{shown}{more}，均不在全国支出经济分类科目中"
        f"（在 {'、'.join(heads)} 类下，编码 {'/'.join(str(n) for n in lengths)} 位）；"
        "请按当地科目核对，或对照全国科目改列",
        *(at_row(c.table, c.row) for c in rows),
    )
