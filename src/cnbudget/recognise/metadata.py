"""Document metadata: kind, scope, year, department (name, code), region, title.

Read from what the document prints, in order of reliability: a table's
`部门编码及名称：[302]…` line, `部门(单位)：…` / `预算代码：…` lines, then the
cover or title (`…2020年部门预算`), and where a document prints none of
these (a 文件 PDF starting at its table of contents) the name its statements
open with (`江苏省政协办公厅2019年度收入、支出预算总计…`). The region is the most specific one the
department's name carries, completed from the text where the name starts
below city level (硚口区… → 武汉市硚口区).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from cnbudget.ingest.layout import Line
from cnbudget.model import Department, DocumentMeta, Kind, Region, RegionLevel, Scope
from cnbudget.normalise.text import fold, nfkc, undo_ocr_slips

_CJK_NAME = r"[\u4e00-\u9fff（）()]{3,40}?"
_CODE_AND_NAME = re.compile(r"部门编码及名称[:：]\s*[\[【(（]?(\d{2,12})[\]】)）]?\s*(" + _CJK_NAME + r")(?:\s|预算年度|$)")
_UNIT_LINE = re.compile(r"(?:^|\s)(?:编制)?部门(?:[(（]单位[)）])?(?:名称)?\s*[:：]\s*([^\s\d:：]{3,40})")
_NOT_A_NAME = re.compile(r"^(?:第[一二三四五六七八九十]+部分|目录|附件|公开)")
_CODE_LINE = re.compile(r"(?:预算代码|部门编码|单位编码|部门代码)\s*[:：]\s*(\d{2,12})")
_YEAR = re.compile(r"(20\d{2})\s*年")
_TITLE_NAME_FIRST = re.compile(
    r"^(?P<name>" + _CJK_NAME + r")\s*(?P<year>20\d{2})\s*年度?\s*(?P<what>(?:部门|单位)?(?:预算|决算|央算))"
)
_TITLE_YEAR_FIRST = re.compile(
    r"^(?P<year>20\d{2})\s*年度?\s*(?P<name>" + _CJK_NAME + r")(?P<what>(?:部门|单位)?(?:预算|决算|央算))"
)
_KIND_WORD = re.compile(r"(?:部门|单位)?(?:预算|决算)")
_TRAILING_SCOPE = re.compile(r"[(（](汇总|本级)[)）]$")
_REGION = re.compile(
    r"^(?:中共|中国共产党)?(?P<province>[\u4e00-\u9fff]{2,3}(?:省|自治区))?"
    r"(?P<city>[\u4e00-\u9fff]{2,4}?(?:市|州|盟))?"
    r"(?P<district>[\u4e00-\u9fff]{1,4}?(?:区|县|旗))?"
)

# A statement opening with the department's name and the year: 江苏省政协办公厅2019年度…
_ORG_END = r"(?:办公厅|办公室|委员会|厅|局|院|委|会|部|署|中心|所|馆|站|队|社|校|团)"
_NAME_OPENS = re.compile(
    r"(?:^|[。；;，,：:\s])(?P<name>[\u4e00-\u9fff（）()]{2,38}?" + _ORG_END + r")\s*(?P<year>20\d{2})\s*年"
)
_NOT_THE_DEPARTMENT = re.compile(r"^(?:本|我|该|全|各|其|纳入|根据|按照|经|由|反映|包括|即|是|为|对|在|向|从)")
_OPENING_MIN = 2  # one statement may be about another body; the department's name recurs

HEAD_LINES = 40  # how far into a document its cover and title are looked for


def _clean_name(name: str) -> tuple[str, Scope | None]:
    name = nfkc(name).strip().rstrip(":：")
    m = _TRAILING_SCOPE.search(name)
    scope = None
    if m:
        scope = Scope.DEPARTMENT if m.group(1) == "汇总" else Scope.UNIT
        name = name[: m.start()]
    return name, scope


def _preferred_spelling(name: str, full_text: str) -> str:
    """The document's usual spelling where the cover has an OCR slip (硃口 vs 硚口)."""
    corrected = undo_ocr_slips(name)
    if corrected != name and full_text.count(corrected) > full_text.count(name):
        return corrected
    return name


def _region_of(name: str, full_text: str) -> Region:
    m = _REGION.match(name)
    if not m or not any(m.group(g) for g in ("province", "city", "district")):
        return Region()
    province, city, district = m.group("province"), m.group("city"), m.group("district")
    if district and not city:
        # a district named alone: the text usually prints its city with it (武汉市硚口区)
        found = re.search(r"([\u4e00-\u9fff]{2,4}市)" + re.escape(district), full_text)
        if found:
            city = found.group(1)
    parts = [p for p in (province, city, district) if p]
    if district:
        level = RegionLevel.COUNTY if district.endswith(("县", "旗")) else RegionLevel.DISTRICT
    elif city:
        level = RegionLevel.CITY
    else:
        level = RegionLevel.PROVINCE
    return Region(name="".join(parts), level=level)


def _title_match(lines: Sequence[Line]) -> tuple[re.Match[str], str] | None:
    """The cover's title, in reading order: a line, or a line and the next (a
    cover often prints the department and `2019年度部门预算公开` on two lines).
    Table-of-contents headings (第二部分 2019年度部门预算表) are not titles."""
    texts = [ln.text.strip() for ln in lines[:HEAD_LINES] if ln.text.strip()]
    for i, text in enumerate(texts):
        for candidate in (text, text + texts[i + 1] if i + 1 < len(texts) else None):
            if candidate is None:
                continue
            t = nfkc(candidate).replace("\t", " ")
            m = _TITLE_NAME_FIRST.search(t) or _TITLE_YEAR_FIRST.search(t)
            if m and not _NOT_A_NAME.match(m.group("name")):
                return m, t
    return None


def _name_from_statements(printed: str, year: int | None) -> str | None:
    """The name most statements open with (in the document's year where known),
    longest first on a tie; None unless it opens at least two."""
    names: Counter[str] = Counter()
    for line in printed.splitlines():
        for m in _NAME_OPENS.finditer(line):
            name = m.group("name")
            if (year is None or int(m.group("year")) == year) and not _NOT_THE_DEPARTMENT.match(name):
                names[name] += 1
    if not names:
        return None
    name, count = max(names.items(), key=lambda item: (item[1], len(item[0])))
    return name if count >= _OPENING_MIN else None


def _kind_of(title: str, head_text: str) -> Kind | None:
    """决算 or 预算 from the title; else whichever the cover says more often
    (a cover may cite 《地方预决算公开操作规程》, which names both)."""
    if "决算" in title:
        return Kind.FINAL_ACCOUNT
    if "预算" in title:
        return Kind.BUDGET
    finals, budgets = head_text.count("决算"), head_text.count("预算")
    if finals == budgets == 0:
        return None
    return Kind.FINAL_ACCOUNT if finals > budgets else Kind.BUDGET


def recognise_metadata(lines: Sequence[Line]) -> DocumentMeta:
    full_text = "\n".join(ln.text for ln in lines)
    printed = nfkc(full_text)  # width-folded once for every pattern below
    head = "\n".join(ln.text for ln in lines[:HEAD_LINES])
    head_text = fold(head)
    name = code = None
    scope: Scope | None = None
    m = _CODE_AND_NAME.search(printed)
    if m:
        code, name = m.group(1), m.group(2)
    if code is None:
        m3 = _CODE_LINE.search(nfkc(head))
        if m3:
            code = m3.group(1)

    title_found = _title_match(lines)
    year: int | None = None
    printed_title: str | None = None
    if title_found:
        tm, text = title_found
        year = int(tm.group("year"))
        if name is None:
            name = tm.group("name")
        printed_title = re.sub(r"\s+", "", text[tm.start():])
    if name is None:
        # table-only files print the department above each table: 部门：江苏省人民检察院
        m2 = _UNIT_LINE.search(printed)
        if m2:
            name = m2.group(1)
    if year is None:
        years = Counter(int(y) for y in _YEAR.findall(printed[:20000]))
        year = years.most_common(1)[0][0] if years else None
    if name is None:
        name = _name_from_statements(printed, year)

    kind = _kind_of(fold(printed_title) if printed_title else "", head_text)

    if name is not None:
        name, scope = _clean_name(name)
        name = _preferred_spelling(name, full_text)
    if scope is None:
        scope = Scope.UNIT if "单位预算" in head_text or "单位决算" in head_text else Scope.DEPARTMENT

    title = printed_title
    if title is not None:
        title = undo_ocr_slips(title)
    elif name and year and kind:
        title = f"{name}{year}年部门{'决算' if kind is Kind.FINAL_ACCOUNT else '预算'}"

    return DocumentMeta(
        kind=kind, scope=scope, year=year, title=title,
        department=Department(name=name, code=code),
        region=_region_of(name, full_text) if name else Region(),
    )
