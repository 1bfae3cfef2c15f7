"""The vocabulary of the printed line for every recogniser: which lines are page
furniture or notes, the 栏次 row, a label's matching key, a line's shape.

One definition each, used by segmentation, the table parsers, the accounting of
printed figures and the metadata steps. Text-level words that audit needs too
(page marks, note lines, units, placeholders) are in `normalise/printed.py`;
numbers are in `normalise/amounts.py` (`is_number`, `is_number_piece`). A
named variant is kept only where a context reads differently, and says why.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cnbudget.ingest.layout import Delimiter, Line
from cnbudget.model import Locator
from cnbudget.normalise.amounts import is_number_piece
from cnbudget.normalise.names import strip_numbering
from cnbudget.normalise.printed import is_note, is_page_mark, unit_in
from cnbudget.normalise.text import fold, nfkc


def located(line: Line) -> Locator:
    """Where a line was printed: its page and line number, and its box where the
    reader gave one (PDF)."""
    return Locator(page=line.page, line=line.number, box=line.box)


_CJK = re.compile(r"[\u4e00-\u9fff]")
_DIGITS = re.compile(r"^\d+$")
# the label columns' own marks in a 栏次 row (栏次 甲 乙 1 2 3)
_COLUMN_MARKS = frozenset("甲乙丙丁戊己")

# lines printed around a table that carry no row: its number, unit, department, year, 续表
_FURNITURE = re.compile(
    r"^(?:公开\s*\d+\s*表|表[一二三四五六七八九十\d]+|\(?表[一二三四五六七八九十\d]+\)?|附件\s*[\d-]+|附表\s*[\d-]+"
    r"|\(?\s*\d{4}\s*年度?\s*\)?|部门编码及名称.*|编制(?:部门|单位).*|部门\s*\(单位\)\s*[:：].*"
    r"|单位名称\s*[:：].*|金额单位.*|单位\s*[:：].*"
    r"|\(?续上?表?[\d一二三四五六七八九十]*\)?)$"  # 续表, (续), 续表2: a table's next page
)
# words of a page's head: in a coded table, where every row prints an amount,
# a line with these and no amount is furniture wherever they stand
_PAGE_HEAD_WORDS = re.compile(r"单位\s*[:：]|年度|^公开\s*\d+\s*表$|^附件|^表[一二三四五六七八九十\d]+$")
_REMARK_LEAD = re.compile(r"^(?:本(?:部门|单位)|我(?:部门|单位|局))")
COLUMN_NUMBERS_LABELS = ("栏次", "行次")
# the word a number before it makes a date (3 月底, 10 月, 第 2 季度): a label, no figure
DATE_WORD = re.compile(r"^(?:月底|月末|月份|月|日|号|季度|季|年底|年末)")
# a label whose cell beside it holds a contact number (电话 83426336), no figure
CONTACT_LABEL = re.compile(r"(?:电话|手机|传真|邮编|邮政编码|联系方式)\s*[:：]?\s*$")


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def positional(line: Line) -> bool:
    """Whether a line's cell indexes are its columns (grid and tab shapes)."""
    return line.delimiter in (Delimiter.GRID, Delimiter.TAB) or any(c.col is not None for c in line.cells)


def label_key(text: str) -> str:
    """A row label's matching key: folded, list numbering and `其中：` removed.
    (Header cells are matched by `fold` alone: there 其中 is itself a header word.)"""
    return strip_numbering(fold(text))


def is_remark(text: str) -> bool:
    """A note, or a sentence printed under a coded table (本部门无…。): no row. Wider than
    `is_note` because a coded table's rows never end in 。 nor open with 本部门; in
    text tables (indicators, performance) such lines are cells."""
    t = text.strip()
    return is_note(t) or bool(_REMARK_LEAD.match(t)) or (
        t.endswith(("。", ".")) and has_cjk(t) and not is_number_piece(t))


def is_furniture(line: Line, title: str = "") -> bool:
    """Page numbers, the repeated title, unit/department/year lines: no row."""
    text = fold(line.text)
    if not text:
        return True
    if is_page_mark(line.text, bare=False) or _FURNITURE.match(text):
        return True
    if line.page is not None and text == str(line.page) and len(line.filled) == 1:
        return True  # the page's own number at its foot
    if title and text == fold(title):
        return True
    # a page's running head: 302 石家庄市数据资源管理局 单位：万元
    return bool(unit_in(text) and len(line.filled) <= 4 and len(text) <= 60)


def is_coded_furniture(line: Line, title: str) -> bool:
    """`is_furniture` for a classification-coded table, where every row prints an
    amount: a bare number is a page number (a code never stands alone), and a line
    without an amount holding the title or a page head's words is furniture."""
    if is_furniture(line, title) or is_page_mark(line.text):
        return True
    folded = fold(line.text)
    if title and len(folded) > 6 and fold(title) in folded and not _has_amount(line):
        return True
    return bool(_PAGE_HEAD_WORDS.search(folded)) and not _has_amount(line)


def _has_amount(line: Line) -> bool:
    return any(is_number_piece(t) and not is_code_piece(t) for t in line.texts)


def is_code_piece(text: str) -> bool:
    """Digits only (`201`, `03`): a classification code or a piece of one, not an amount."""
    return bool(_DIGITS.match(text.replace(" ", "")))


# a code cell printed with marks around or between its parts: [201], 【20101】, (2010101),
# 201.01.01, 201-01-01 (dots or dashes only between all three parts: 201.01 is an amount)
_DECORATED_CODE = re.compile(
    r"^(?:[\[【(]\s*(?P<b>\d{3}(?:\s?\d{2}){0,2}|\d{6})\s*[\]】)]|(?P<d>\d{3})[.\-](?P<k>\d{2})[.\-](?P<x>\d{2}))$")


def decorated_code(text: str) -> str | None:
    """The digits of a code cell printed with brackets or separators, else None."""
    m = _DECORATED_CODE.match(nfkc(text).strip())
    if m is None:
        return None
    return re.sub(r"\s+", "", m.group("b")) if m.group("b") else m.group("d") + m.group("k") + m.group("x")


def repeats_header(line: Line, header: Sequence[Line]) -> bool:
    """A header line printed again where a table runs onto a new page: the same
    filled cells as one of the table's header lines, whatever their words."""
    texts = [fold(t) for t in line.filled]
    return bool(texts) and any(texts == [fold(t) for t in h.filled] for h in header)


def is_column_numbers(texts: Sequence[str]) -> bool:
    """The 栏次 line: column numbers, labelled 栏次/行次 (once, or once per panel), or
    unlabelled numbers counting up by one (restarting at 1 in each panel). Stray
    marks extraction leaves beside the numbers (`,`) carry no figure."""
    labelled = False
    numbers: list[int] = []
    for raw in texts:
        t = fold(raw)
        if t.startswith(COLUMN_NUMBERS_LABELS):
            labelled, t = True, t[2:]
        if not any(ch.isalnum() for ch in t) or t in _COLUMN_MARKS:
            continue
        if not _DIGITS.match(t):
            return False
        numbers.append(int(t))
    if labelled:
        return True
    if len(numbers) < 2:
        return False
    steps_up = all(b == a + 1 or (b == 1 and numbers[0] == 1) for a, b in zip(numbers, numbers[1:], strict=False))
    return steps_up and (numbers[0] == 1 or len(numbers) >= 3)


def spans_over(above: Line, line: Line) -> bool:
    """Whether a cell of the line above is merged down over this line (a workbook's
    figures merged over two sheet rows, the name's end in the second): the two are
    one printed row."""
    if above.number is None or line.number is None or above.page != line.page:
        return False
    reach = max((c.rowspan for c in above.cells if c.text.strip()), default=1)
    return above.number < line.number < above.number + reach
