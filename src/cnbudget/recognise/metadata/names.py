"""Department names: cleaned as the contract keeps them, judged, and found in statements.

A name is kept as printed without its code (`[302]`), its scope suffix
((汇总)/(本级), which says the scope) and a seal note ((盖章)); `plausible_name`
says whether a printed value can be a body's name at all (not 万元, not a
heading). Where a document prints no name on its cover, `name_from_statements`
takes the name most of its statements open with (江苏省政协办公厅2019年度收入…).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from cnbudget.model import Scope
from cnbudget.normalise.text import nfkc, undo_ocr_slips
from cnbudget.recognise.metadata.vocabulary import (
    COVER_WORDS,
    MEASURE_UNITS,
    NOT_A_NAME_START,
    ORG_ENDINGS,
    SCOPE_SUFFIXES,
    SELF_REFERENCES,
    VALUE_TRAILERS,
)

NAME_MAX = 60
_CODE_PREFIX = re.compile(r"^[\[(]?(\d{2,12})[\])]?\s*[-_:、.]?\s*(?=[\u4e00-\u9fff])")
# Chinese text, digits inside it (石家庄市第42中学) but never a date's
_NAME_CHARS = re.compile(r"^[\u4e00-\u9fff()·](?:[\u4e00-\u9fff()·]|\d+(?![\d年月日]))*$")
_SCOPE_SUFFIX = re.compile(r"[(\[]\s*(" + "|".join(w for w, _ in SCOPE_SUFFIXES) + r")\s*[)\]]$")
_SCOPE_OF = dict(SCOPE_SUFFIXES)


@dataclass(frozen=True, slots=True)
class CleanName:
    name: str
    scope: Scope | None = None  # from a (汇总)/(本级) suffix
    code: str | None = None  # from a [302] prefix


def clean_name(printed: str) -> CleanName:
    """A printed name as the contract keeps it: no spaces, no code, no scope suffix."""
    name = re.sub(r"\s+", "", nfkc(printed)).strip(":：")
    code = None
    m = _CODE_PREFIX.match(name)
    if m:
        code, name = m.group(1), name[m.end():]
    for trailer in VALUE_TRAILERS:
        name = name.removesuffix(trailer)
    scope = None
    s = _SCOPE_SUFFIX.search(name)
    if s:
        scope = _SCOPE_OF[s.group(1)]
        name = name[: s.start()]
    return CleanName(name, scope, code)


def ends_like_a_body(name: str) -> bool:
    """The name ends as a body's name does (…局, …委员会办公室, …中心)."""
    return name.endswith(ORG_ENDINGS)


def plausible_name(name: str) -> bool:
    """Could this be a body's name: Chinese text of a name's length, not a unit of
    measure, a cover heading or a kind phrase?"""
    if not (2 <= len(name) <= NAME_MAX) or not _NAME_CHARS.match(name):
        return False
    if name in MEASURE_UNITS or name in COVER_WORDS or name.startswith(SELF_REFERENCES):
        return False
    return not re.search(r"(?:预算|决算)(?:公开|表|说明)?$", name)


def preferred_spelling(name: str, full_text: str) -> str:
    """The document's usual spelling where the cover has an OCR slip (硃口 vs 硚口)."""
    corrected = undo_ocr_slips(name)
    if corrected != name and full_text.count(corrected) > full_text.count(name):
        return corrected
    return name


# A statement opening with the department's name and the year: 江苏省政协办公厅2019年度…
_ORG_END = "|".join(re.escape(e) for e in ORG_ENDINGS)
_NAME_OPENS = re.compile(
    r"(?:^|[。；;，,：:\s])(?P<name>[\u4e00-\u9fff()]{2,38}?(?:" + _ORG_END + r"))\s*(?P<year>20\d{2})\s*年"
)
_OPENING_MIN = 2  # one statement may be about another body; the department's name recurs


# the formula a narrative opens with: 现将中共廊坊市委…办公室2020年部门预算公开如下
_ANNOUNCED = re.compile(
    r"(?:现将|现就|现对|现予|特将)(?P<name>[\u4e00-\u9fff()]{2,38}?(?:" + _ORG_END + r"))\s*20\d{2}\s*年度?"
    r"[^。]{0,12}?(?:预算|决算)[^。]{0,12}?(?:公开|说明|如下)"
)


def name_announced(printed: str) -> str | None:
    """The name a narrative's opening formula announces (现将XX局2023年部门预算公开如下)."""
    m = _ANNOUNCED.search(printed)
    return m.group("name") if m else None


def name_from_statements(printed: str, year: int | None) -> str | None:
    """The name most statements open with (in the document's year where known),
    longest first on a tie; None unless it opens at least two."""
    names: Counter[str] = Counter()
    for line in printed.splitlines():
        for m in _NAME_OPENS.finditer(line):
            name = m.group("name")
            if (year is None or int(m.group("year")) == year) and not name.startswith(NOT_A_NAME_START):
                names[name] += 1
    if not names:
        return None
    name, count = max(names.items(), key=lambda item: (item[1], len(item[0])))
    return name if count >= _OPENING_MIN else None
