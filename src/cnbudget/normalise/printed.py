"""The vocabulary of printed text that every step shares: page marks, note lines,
empty-table notes, the unit line, template placeholders.

Defined once here (as pdfplumber's `utils` serves all its steps) and used by
recognition (`recognise/lines.py` builds the line-level tests on these) and by
audit (a blank page's lone page number, unfilled template text). Text-level
only: nothing here knows a `Line`.
"""

from __future__ import annotations

import re

from cnbudget.normalise.text import fold, nfkc

# dashes printed around a page number (nfkc leaves the em and box dashes as they are)
_DASHES = "-—–─━"
# `- 3 -`, `— 12 —`, `第 3 页`, `第3页 共10页`, `共 10 页`, `3/10`: never a row or a sentence
_DECORATED_PAGE_MARK = re.compile(
    rf"^(?:[{_DASHES}]+\s*\d{{1,4}}\s*[{_DASHES}]+"
    r"|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|共\s*\d+\s*页|\d+\s*/\s*\d+)$"
)
# a bare `12` (or `-12`): at most three digits, as a lone four-digit number is a
# year on a cover (2024) more often than a page of a disclosure
_BARE_PAGE_MARK = re.compile(rf"^[{_DASHES}]*\s*\d{{1,3}}\s*[{_DASHES}]*$")

_NOTE = re.compile(r"^(?:注|备注|说明)\s*[:：\d]")
# a note (or a lone line) saying the table is empty on purpose
_EMPTY_NOTE = re.compile(
    r"空表|无相关数据|不涉及|无此.{0,6}(?:支出|预算|收入)"
    r"|本(?:部门|单位)?.{0,16}无.{0,30}(?:支出|收入|经费|预算|数据)"
)
_UNIT = re.compile(r"单位\s*[:：]?\s*(万元|千元|元)")


def is_page_mark(text: str, bare: bool = True) -> bool:
    """A line that is only the page's number. `bare=False` where a lone number may be
    a wrapped cell's tail (a table body): only a decorated mark counts there."""
    t = nfkc(text).strip()
    return bool(_DECORATED_PAGE_MARK.match(t) or (bare and _BARE_PAGE_MARK.match(t)))


def is_note(text: str) -> bool:
    """A note line under a table: 注：…, 注1：…, 备注：…, 说明：…."""
    return bool(_NOTE.match(nfkc(text).strip()))


def says_empty(text: str | None) -> bool:
    """Text saying the table has nothing to show (空表, 本部门无…支出, 不涉及)."""
    return bool(text and _EMPTY_NOTE.search(fold(text)))


def unit_in(text: str) -> str | None:
    """The unit a `单位：万元` line prints (万元, 千元, 元), if any."""
    m = _UNIT.search(fold(text))
    return m.group(1) if m else None


# a unit printed in a column's header cell instead of a unit line: 合计（万元）, 金额(元),
# 预算数〔单位：万元〕
_HEADER_UNIT = re.compile(r"\s*[(\[〔【]\s*(?:金额)?(?:单位\s*:?\s*)?(万元|千元|元)\s*[)\]〕】]\s*")


def header_unit(text: str) -> tuple[str, str | None]:
    """A header cell without the unit it prints in brackets, and that unit (or the
    text as it is and None)."""
    folded = nfkc(text)
    m = _HEADER_UNIT.search(folded)
    if m is None:
        return text, None
    return (folded[: m.start()] + folded[m.end():]).strip(), m.group(1)


# --- template placeholders: what an unfilled form prints where a filled one prints a name
# Marks that stand for a name in any text, running text included.
NAME_MARKS: tuple[str, ...] = (r"XX", r"×{2,}", r"某某")
# In a slot that holds a name or a year (a cover, a header line) a form's other blanks
# count too; in running text they are markup (**), check boxes (□□), web addresses (xx).
SLOT_MARKS: tuple[str, ...] = (r"[Xx]{2,}", r"×{2,}", r"\*{2,}", r"○{2,}", r"□{2,}", r"某某", r"_{2,}")
