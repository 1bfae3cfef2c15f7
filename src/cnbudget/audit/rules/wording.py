"""The narrative's wording as an inspector proofreads it: the kind and scope the
document calls itself, punctuation, and pages left blank."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from cnbudget.audit.describe import at_text
from cnbudget.audit.rule import AuditContext, rule
from cnbudget.model.document import (
    Category,
    Document,
    Finding,
    FindingLocation,
    Kind,
    Locator,
    Paragraph,
    Severity,
)
from cnbudget.normalise.printed import is_page_mark
from cnbudget.normalise.text import nfkc

I, C = Category.TEXT_INTERNAL, Category.COMPLETENESS  # noqa: E741


@dataclass(frozen=True, slots=True)
class Sentence:
    """A narrative sentence rejoined across the printed lines it wraps over."""

    text: str  # width-folded
    pieces: tuple[tuple[int, Locator | None], ...]  # where each line's text begins, and its place

    def locator_at(self, offset: int) -> Locator | None:
        """The place of the line the sentence's character at `offset` was printed on."""
        found = self.pieces[0][1] if self.pieces else None
        for start, loc in self.pieces:
            if start > offset:
                break
            found = loc
        return found


# a line opening a section or list item starts a new sentence (一、 (二) 3. ①)
_OPENS = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.]|\(\s*[一二三四五六七八九十\d]+\s*\)"
                    r"|[1-9]\d?\s*[、.](?!\d)|[①-⑳]|第[一二三四五六七八九十]+部分)")


def sentences(narrative: list[Paragraph]) -> Iterator[Sentence]:
    """Sentences up to 。！？, rejoined across the lines they wrap over; a line that
    opens a section or list item starts a new one."""
    text = ""
    pieces: list[tuple[int, Locator | None]] = []
    for p in narrative:
        line = nfkc(p.text).strip()
        if not line:
            continue
        if text and _OPENS.match(line):
            yield Sentence(text, tuple(pieces))
            text, pieces = "", []
        pieces.append((len(text), p.locator))
        text += line
        while True:
            m = re.search(r"[。!?]", text)
            if m is None:
                break
            yield Sentence(text[:m.end()], tuple(pieces))
            rest = text[m.end():]
            cut = m.end() + len(rest) - len(rest.lstrip())
            text = rest.lstrip()
            current = [loc for start, loc in pieces if start <= cut][-1]  # the rest starts on it
            pieces = [(0, current)] + [(start - cut, loc) for start, loc in pieces if start > cut]
    if text:
        yield Sentence(text, tuple(pieces))


def _at(sentence: Sentence, quote: str, offset: int) -> FindingLocation:
    """The quote, at the line the offending text (at `offset`) was printed on."""
    loc = sentence.locator_at(offset)
    return at_text(quote, loc.page if loc else None, loc.line if loc else None)


def _quote(text: str, start: int, end: int, around: int = 20) -> str:
    return text[max(0, start - around):end + around].strip()


# 决算 said of the document's own year in a budget: "2024年部门支出决算为…", "本年决算数"
_FINAL = re.compile(r"决算")
_EARLIER = re.compile(r"(?:上年|上一年|去年|以前年度|往年|历年|(?P<year>(?:19|20)\d\d)\s*年)[^。;；]{0,12}$")
_THIS_YEAR = re.compile(r"(?:本年|当年|本年度|(?P<year>(?:19|20)\d\d)\s*年度?)[^。;；,，]{0,10}$")


@rule(
    "text_internal.kind-wording", I, Severity.WARNING,
    title_zh="预算中使用决算的说法",
    title_en="Final-account wording in a budget",
    description_zh="预算文件的情况说明中出现“决算”而不是指以前年度的决算（如“2024年部门支出"
                   "决算为…”出现在2024年预算中）：多为套用决算模板未改。说的正是本年度（写明"
                   "本年度的年份或“本年”）时为错误，否则为警告。",
    description_en="A budget's narrative says 决算 other than of an earlier year (“2024年部门"
                   "支出决算为…” in the 2024 budget): a final account's template left in. An "
                   "error where it names the document's own year (or 本年), else a warning.",
    kinds=(Kind.BUDGET,),
)
def kind_wording(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    year = doc.meta.year
    for s in sentences(doc.narrative):
        for m in _FINAL.finditer(s.text):
            if _quoted_title(s.text, m.start()) or s.text[max(0, m.start() - 1):m.start()] == "预" \
                    or re.search(r"预算[、,和及与]?$", s.text[max(0, m.start() - 3):m.start()]):
                continue  # 《…预决算公开…》, 预决算, 预算、决算: naming both, not this document
            before = s.text[max(0, m.start() - 20):m.start()]
            earlier = _EARLIER.search(before)
            if earlier and (earlier.group("year") is None or year is None
                            or int(earlier.group("year")) < year):
                continue
            this_year = _THIS_YEAR.search(before)
            certain = this_year is not None and (
                this_year.group("year") is None or year is None or int(this_year.group("year")) == year)
            quote = _quote(s.text, m.start(), m.end())
            yield kind_wording.finding(
                f"预算文件中使用“决算”的说法：“{quote}”",
                _at(s, quote, m.start()), severity=Severity.ERROR if certain else None,
            )
            break  # one finding per sentence


def _quoted_title(text: str, at: int) -> bool:
    """`at` lies inside a 《title》."""
    return text.rfind("《", 0, at) > text.rfind("》", 0, at)


_SELF = re.compile(r"(?:(?P<year>(?:19|20)\d\d)\s*年度?|本)\s*(?P<who>部门|单位)(?P<kind>预算|决算)")


def own_scope_word(doc: Document) -> str | None:
    """部门 or 单位: what the document calls itself in its title and opening lines."""
    head = " ".join([doc.meta.title or "", *(nfkc(p.text) for p in doc.narrative[:15]),
                     *(t.title for t in doc.tables[:3])])
    counts = {w: len(re.findall(w + r"(?:预算|决算)", head)) for w in ("部门", "单位")}
    if counts["单位"] and not counts["部门"]:
        return "单位"
    if counts["部门"] and not counts["单位"]:
        return "部门"
    return None


@rule(
    "text_internal.scope-wording", I, Severity.WARNING,
    title_zh="单位预算中称部门预算（或相反）",
    title_en="部门 wording in a 单位 document, or the reverse",
    description_zh="文件标题和开头称自己为“单位预算/决算”，情况说明中却称本年度的“部门预算/"
                   "决算”（或相反），多为套用另一级模板未改；需人工确认，为警告。",
    description_en="The title and opening lines call the document a 单位预算/决算 but the "
                   "narrative speaks of this year's 部门预算/决算 (or the reverse): another "
                   "level's template left in; a warning for a person to confirm.",
)
def scope_wording(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    own = own_scope_word(doc)
    if own is None:
        return
    year = doc.meta.year
    for s in sentences(doc.narrative[15:]):
        for m in _SELF.finditer(s.text):
            if m.group("who") == own:
                continue
            if m.group("year") and year is not None and int(m.group("year")) != year:
                continue
            quote = _quote(s.text, m.start(), m.end())
            yield scope_wording.finding(
                f"文件称“{own}{m.group('kind')}”，情况说明中却说“{m.group(0)}”：“{quote}”",
                _at(s, quote, m.start()),
            )
            break


_DOUBLED = re.compile(r"([,.。;:!?、])\1|[,;:][.。]|[.。][,;:]")
_ELLIPSIS = re.compile(r"\.{3,}|…+")
_PAIRS = (("(", ")"), ("“", "”"), ("《", "》"), ("[", "]"), ("【", "】"))


@rule(
    "text_internal.punctuation", I, Severity.WARNING,
    title_zh="标点重复或括号、引号不成对",
    title_en="Doubled punctuation, unpaired brackets or quotes",
    description_zh="情况说明中标点重复（“。。”“，，”“，。”）为错误；一句之内括号、书名号或"
                   "引号不成对为警告（可能是断行读取所致）。省略号不计。",
    description_en="Doubled punctuation in the narrative (“。。”, “，，”, “，。”) is an error; "
                   "brackets, title marks or quotes unpaired within a sentence are a warning "
                   "(a line break may have cut them). Ellipses do not count.",
)
def punctuation(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    previous = ""
    for p in doc.narrative:
        # each printed line, with the last mark of the line before (。 / 。 over a line break)
        line = _ELLIPSIS.sub("…", nfkc(p.text).strip())
        joined = previous[-1:] + line
        doubled = _DOUBLED.search(joined)
        if doubled:
            quote = _quote(joined, doubled.start(), doubled.end(), 15)
            loc = p.locator
            yield punctuation.finding(f"标点重复“{doubled.group(0)}”：“{quote}”",
                                      at_text(quote, loc.page if loc else None, loc.line if loc else None),
                                      severity=Severity.ERROR)
        previous = line or previous
    for s in sentences(doc.narrative):
        text = _ELLIPSIS.sub("…", s.text)
        for opening, closing in _PAIRS:
            opened, closed = text.count(opening), text.count(closing)
            if opened != closed:
                where = text.find(opening if opened > closed else closing)
                quote = _quote(text, where, where + 1, 25)
                side = f"“{opening}”多于“{closing}”" if opened > closed else \
                    f"“{closing}”多于“{opening}”"
                yield punctuation.finding(f"括号或引号不成对（{side}）：“{quote}”",
                                          _at(s, quote, where))
                break


@rule(
    "completeness.blank-page", C, Severity.WARNING,
    title_zh="文件中间有空白页",
    title_en="A blank page inside the document",
    description_zh="分页文件中，在有内容的页之间有一页什么也没有（没有文字、表格，也不是"
                   "未能读取的扫描页）。",
    description_en="A paged document has a page with nothing on it (no text, no table, not "
                   "a scanned page that could not be read) between pages with content.",
)
def blank_page(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    if not doc.source.pages:
        return
    used: set[int] = set()
    for p in doc.narrative:
        if p.locator and p.locator.page and p.text.strip() and not is_page_mark(p.text):  # a lone page number leaves the page blank
            used.add(p.locator.page)
    for table in doc.tables:
        for loc in (table.locator, *(r.locator for r in table.rows)):
            if loc and loc.page:
                used.add(loc.page)
    unread = {p.locator.page for p in doc.problems if p.locator and p.locator.page}
    if not used:
        return
    for page in range(min(used) + 1, max(used)):
        if page not in used and page not in unread:
            yield blank_page.finding(f"第 {page} 页是空白页（前后页都有内容）",
                                     FindingLocation(page=page))



