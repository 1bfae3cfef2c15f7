"""Marks of an unfilled template: a placeholder where the department's name goes
(XX局, ××市××局, 某某单位), a year left blank (`    年部门预算`, 20XX年, ____年).

The marks alone do not make a template: a filled disclosure may print a stray
XX. `recognise/disclosure.py` refuses a document as a template where it has
these marks and no figures.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cnbudget.ingest.layout import Line
from cnbudget.normalise.text import nfkc
from cnbudget.recognise.metadata.vocabulary import ORG_ENDINGS, PLACEHOLDERS, TITLE_QUALIFIERS

TEMPLATE_LINES = 400  # a template prints its placeholders on every sheet's header; its start suffices
MARKS_MAX = 3
TITLE_MAX = 40
_SENTENCE = re.compile(r"[。；;，,！!？?]")  # a message names this many marks at most

_PLACEHOLDER = "(?:" + "|".join(PLACEHOLDERS) + ")"
_ENDINGS = "|".join(re.escape(e) for e in (*ORG_ENDINGS, "单位", "部门"))
_PLACEHOLDER_NAME = re.compile(_PLACEHOLDER + r"[\u4e00-\u9fffXx×*○□_]{0,12}?(?:" + _ENDINGS + ")")
_QUALS = "(?:" + "|".join(sorted(TITLE_QUALIFIERS, key=len, reverse=True)) + ")*"
_KIND = _QUALS + r"(?:预算|决算)"
_BLANK_YEAR = re.compile(
    r"(?:20|19)?[Xx×*_]{1,4}\s*年度?" + r"|(?<![\d本上下今明去全该每各当次])(?:20)?\s{2,}年度?" + _KIND
    + r"|^\s*年度?" + _KIND
)


def _title_like(text: str) -> bool:
    """A title or a header cell, not a sentence wrapped before its 年 (…2017 / 年预算数一致。)."""
    return all(len(cell.strip()) <= TITLE_MAX and not _SENTENCE.search(cell) for cell in text.split("\t"))


def template_marks(lines: Sequence[Line]) -> tuple[str, ...]:
    """What the document prints where a filled one prints its name or year (Chinese, for
    the refusal's message), in printed order; empty where it prints none."""
    marks: list[str] = []
    for line in lines[:TEMPLATE_LINES]:
        text = nfkc(line.text)
        for m in _PLACEHOLDER_NAME.finditer(text):
            mark = f"名称为“{m.group(0)}”"
            if mark not in marks:
                marks.append(mark)
        year = _BLANK_YEAR.search(text) if _title_like(text) else None
        if year:
            mark = f"年度未填写（“{text.strip()[:30]}”）"
            if not any(m.startswith("年度未填写") for m in marks):
                marks.append(mark)
        if len(marks) >= MARKS_MAX:
            break
    return tuple(marks)
