"""What a cover states: its title (name, fiscal year, kind) and its labelled fields.

A title is `<name><year>年[度]<qualifiers><预算|决算><trailer>` (江苏省政协办公厅2019年度
部门预算, …区2023年区级部门预算), or the year first (2021年郑州市大数据管理局部门预算说明),
or the name after (2024年度部门决算公开文本 / 石家庄市数据局(汇总)). The fiscal year is
the title's; a date line (二〇二五年九月) is never read as one. A label names the
department (预算单位：…, 部门名称：…); its value may go on on the next line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from cnbudget.ingest.layout import Line
from cnbudget.model import Kind
from cnbudget.normalise.text import nfkc, undo_ocr_slips
from cnbudget.recognise.metadata.head import DATE, CoverRun, HeadLine, LineClass, matching_text
from cnbudget.recognise.metadata.names import (
    NAME_MAX,
    CleanName,
    clean_name,
    ends_like_a_body,
    plausible_name,
)
from cnbudget.recognise.metadata.region import is_bare_region
from cnbudget.recognise.metadata.vocabulary import (
    CODE_LABELS,
    COVER_WORDS,
    NAME_LABELS,
    PERFORMANCE_KINDS,
    TITLE_PREFIXES,
    TITLE_QUALIFIERS,
    YEAR_LABELS,
    NameLabel,
)

_QUALS = "(?:" + "|".join(sorted(TITLE_QUALIFIERS, key=len, reverse=True)) + ")*"
_KIND = r"(?P<kind>预决算|预算|决算|" + "|".join(w for w, _ in PERFORMANCE_KINDS) + ")"
YEAR_MARK = r"(?P<year>20\d{2})(?:年度?|度)"
_A_YEAR = re.compile(r"(?<!\d)20\d{2}(?!\d)")
# the year right before 预算/决算 may go without 年 (省人大办公厅2018预算公开)
_YEAR_THEN_KIND = re.compile(r"(?P<year>20\d{2})(?:年度?|度)?(?P<qual>" + _QUALS + r")" + _KIND)
_YEAR_NAME_KIND = re.compile(YEAR_MARK + r"(?P<name>[^\d]{2,50}?)(?P<qual>" + _QUALS + r")" + _KIND)
_PREFIX = re.compile(r"^(?:" + "|".join((*TITLE_PREFIXES, *sorted(COVER_WORDS, key=len, reverse=True))) + r")+")
_TRAILER = re.compile(r"^(?:信息公开|公开文本|公开文件|公开报表|公开说明|编制说明|情况说明|公开表格|公开表|公开|文本|文件|"
                      r"说明|报告|报表|表格|表|\((?:草案|公开版|送审稿|修订版)\)|草案|公开版|送审稿|及[\u4e00-\u9fff\"']{0,12}公开)+")


def kind_of_word(word: str, context: str = "") -> Kind:
    """预算 or 决算; 预决算 by whichever the context says more often; a performance
    report by what it reports on (绩效目标 a budget's, 绩效自评 a year's execution)."""
    if word == "决算":
        return Kind.FINAL_ACCOUNT
    if word == "预算":
        return Kind.BUDGET
    performance = dict(PERFORMANCE_KINDS)
    if word in performance:
        return performance[word]
    return Kind.FINAL_ACCOUNT if context.count("决算") > context.count("预算") else Kind.BUDGET


@dataclass(frozen=True, slots=True)
class TitleReading:
    year: int
    kind_word: str  # 预算 | 决算 | 预决算 | a PERFORMANCE_KINDS word
    qualifiers: str  # 区级部门, 单位, …
    name: str | None  # as printed in the title, where it names one
    name_position: str | None  # before | between | after the year
    printed: str  # the title as printed, without spaces
    run: CoverRun

    @property
    def names_first(self) -> bool:
        return self.name is not None and self.name_position in ("before", "between")


def _name_after(trailer: str) -> str | None:
    rest = _TRAILER.sub("", trailer)
    return rest if rest and plausible_name(clean_name(rest).name) else None


def read_title(run: CoverRun) -> TitleReading | None:
    """The run read as a title, or None when it names no year with 预算/决算."""
    text = run.text
    for year in _A_YEAR.finditer(text):
        before = text[: year.start()]
        prefix = _PREFIX.match(before)
        skip = prefix.end() if prefix else 0
        m = _YEAR_THEN_KIND.match(text, year.start())
        if m is not None:
            name: str | None = before[skip:] or None
            position: str | None = "before" if name else None
            if name is None or is_bare_region(clean_name(name).name):
                # a title naming no body, or its region only (…雁塔区2024年部门预算 / 西安市雁塔区审计局):
                # the body's name is printed after it
                after = _name_after(text[m.end():])
                if after is not None or name is None:
                    name, position = after, "after" if after else None
        else:
            m = _YEAR_NAME_KIND.match(text, year.start())
            if m is None:
                continue
            name, position = m.group("name"), "between"
        if _TRAILER.sub("", text[m.end():]).endswith("表"):
            continue  # a table's title (2023年一般公共预算支出表), not the document's
        if name is not None and not plausible_name(clean_name(name).name):
            if position == "between":
                continue
            name, position = None, None
        date = DATE.search(text, m.end())  # a date printed on the title's line is no part of it
        printed = undo_ocr_slips(run.printed[skip: date.start() if date else None])
        return TitleReading(int(m.group("year")), m.group("kind"), m.group("qual"), name, position,
                            printed, run)
    return None


# --- labels
@dataclass(frozen=True, slots=True)
class LabelReading:
    label: NameLabel
    name: CleanName
    index: int  # the line it was printed on


def _spaced(word: str) -> str:
    return r"\s*".join(re.escape(ch) for ch in word)


_NAME_LABELS = sorted(NAME_LABELS, key=lambda lab: len(lab.label), reverse=True)
_LABEL_BY_TEXT = {lab.label: lab for lab in NAME_LABELS}
_LABEL_VALUE = re.compile(
    r"(?:^|(?<=\t)|(?<=\s\s))(?P<label>" + "|".join(_spaced(lab.label) for lab in _NAME_LABELS) + r")\s*[:：]\s*(?P<value>[^\s:：]*)"
)
_CODE_AND_NAME = re.compile(r"(?:部门|单位)编码及名称\s*[:：]\s*(?P<value>[^\s:：]+)")
_YEAR_LABEL = re.compile(r"(?:" + "|".join(_spaced(w) for w in YEAR_LABELS) + r")\s*[:：]\s*(20\d{2})")
_CODE_LABEL = re.compile(r"(?:" + "|".join(_spaced(w) for w in CODE_LABELS) + r")\s*[:：]\s*(\d{2,12})")


CONTINUATION_MAX = 20  # a name's second line is short


def _fragment(following: str | None, longest: int) -> str | None:
    """The next line as a piece of a name: one short run of text, no field, no columns."""
    nxt = (following or "").strip()
    if not nxt or "\t" in nxt or re.search(r"\s{2,}|[:：]", nxt):
        return None
    nxt = re.sub(r"\s+", "", nfkc(nxt))
    return nxt if len(nxt) <= longest else None


def _continued(value: str, following: str | None) -> str:
    """A value broken over two lines (…规划和自然 / 资源局) read whole: the value does not
    end as a name does and the next line is a short fragment that ends it."""
    name = clean_name(value).name
    nxt = _fragment(following, CONTINUATION_MAX)
    if nxt is None or not name or ends_like_a_body(name):
        return value
    joined = clean_name(value + nxt).name
    return value + nxt if plausible_name(joined) and ends_like_a_body(joined) else value


def read_labels(line: Line, index: int, following: str | None) -> list[LabelReading]:
    """The department labels printed on one line; `following` is the next line's text
    (a value may go on there, or stand there alone after an empty label)."""
    text = nfkc(line.text)
    found: list[LabelReading] = []
    for m in _LABEL_VALUE.finditer(text):
        label = _LABEL_BY_TEXT[re.sub(r"\s+", "", m.group("label"))]
        value = m.group("value")
        if not text[m.end():].strip():
            value = (_fragment(following, NAME_MAX) or "") if not value else _continued(value, following)
        name = clean_name(value)
        if plausible_name(name.name):
            found.append(LabelReading(label, name, index))
    return found


def code_and_name(lines: Sequence[Line]) -> CleanName | None:
    """The first `部门编码及名称：[302]…` of the document (a table header)."""
    for line in lines:
        m = _CODE_AND_NAME.search(nfkc(line.text))
        if m:
            name = clean_name(m.group("value"))
            if plausible_name(name.name):
                return name
    return None


def cover_labels(head: Sequence[HeadLine], lines: Sequence[Line]) -> list[LabelReading]:
    found: list[LabelReading] = []
    for k, h in enumerate(head):
        if h.cls is not LineClass.LABEL:
            continue
        following = head[k + 1].printed if k + 1 < len(head) and head[k + 1].cls is LineClass.COVER else None
        found.extend(read_labels(lines[h.index], h.index, following))
    return found


def labels_anywhere(lines: Sequence[Line]) -> list[LabelReading]:
    """Department labels printed anywhere (table headers of a table-only file)."""
    found: list[LabelReading] = []
    for i, line in enumerate(lines):
        if "：" not in line.text and ":" not in line.text:
            continue
        following = lines[i + 1].text if i + 1 < len(lines) else None
        found.extend(read_labels(line, i, following))
    return found


def year_label(texts: Sequence[str]) -> int | None:
    """预算年度：2020 and the like."""
    for text in texts:
        m = _YEAR_LABEL.search(nfkc(text))
        if m:
            return int(m.group(1))
    return None


def code_label(texts: Sequence[str]) -> str | None:
    """预算代码：302 and the like."""
    for text in texts:
        m = _CODE_LABEL.search(matching_text(text))
        if m:
            return m.group(1)
    return None
