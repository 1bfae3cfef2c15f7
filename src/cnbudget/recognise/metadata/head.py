"""The head of a document: its cover lines, classified, and the runs they form.

A cover prints a title, a name, labels (预算单位：…), a date and page marks,
often before or after a table of contents, and breaks long titles and names
over lines. `cover_lines` reads the document's first lines until its body
begins (a sentence, a table row) and says of each what it is; `cover_runs`
joins consecutive title-or-name lines into one text, so a name broken over
lines (…规划和自然 / 资源局) or a title split from its year reads whole.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from cnbudget.ingest.layout import Delimiter, Line
from cnbudget.normalise.printed import is_page_mark
from cnbudget.normalise.text import fold, squash
from cnbudget.recognise.facts_text import opens_list_item
from cnbudget.recognise.metadata.vocabulary import CODE_LABELS, NAME_LABELS, YEAR_LABELS

HEAD_LINES = 120  # non-empty lines read at most before the body must have begun
COVER_TEXT_MAX = 60  # a cover line longer than this is a sentence of the body

_NUMERAL = str.maketrans("〇○零OoΟ一二三四五六七八九", "000000123456789")
_NUMERAL_YEAR = re.compile(r"[〇○零OoΟ一二三四五六七八九0-9]{4}(?=年)")
DATE = re.compile(r"20\d{2}年(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})月(?:[0-9]{1,2}日|[一二三四五六七八九十]{1,3}日)?")
_SENTENCE = re.compile(r"[。；;，,！!？?]")
_AMOUNTS = re.compile(r"\d[\d,]*\.\d{1,2}(?!\d)")
_DOT_LEADER = re.compile(r"(?:\.{3,}|…{2,}|·{3,}|-{4,})\s*\d*$")
_LABEL_WORDS = sorted({lab.label for lab in NAME_LABELS} | set(YEAR_LABELS) | set(CODE_LABELS), key=len, reverse=True)
_LABEL = re.compile(r"^(?:" + "|".join(re.escape(w) for w in _LABEL_WORDS) + r")[:：]|编码及名称[:：]")
# any short field of a cover form (单位负责人：…, 联系电话：…): a label, not a sentence
_FIELD = re.compile(r"^[\u4e00-\u9fff()]{1,10}[:：]")
FIELD_MAX = 40


def years_in_digits(text: str) -> str:
    """Years printed in Chinese numerals (二〇二五年) in digits; other text unchanged."""
    return _NUMERAL_YEAR.sub(lambda m: m.group(0).translate(_NUMERAL), text)


def matching_text(text: str) -> str:
    """A line as the metadata rules match it: folded (no spaces, NFKC, OCR slips
    undone), years in digits."""
    return years_in_digits(fold(text))


class LineClass(StrEnum):
    COVER = "cover"  # short printed text: a title, a name, or a piece of one
    LABEL = "label"  # 部门名称：…, 预算代码：…
    DATE = "date"  # 二〇二五年九月, 2018年2月24日 (the publication date, never the fiscal year)
    CONTENTS = "contents"  # 目录, its entries, numbered headings
    PAGE = "page"  # page marks
    BODY = "body"  # a sentence or a table row: the cover has ended


@dataclass(frozen=True, slots=True)
class HeadLine:
    index: int  # position in the document's lines
    printed: str  # as printed, stripped
    text: str  # `matching_text` of it
    cls: LineClass

    @property
    def squashed(self) -> str:
        """As printed, NFKC and without spaces: character for character aligned with `text`."""
        return squash(self.printed)


_CELLED = frozenset({Delimiter.GRID, Delimiter.TAB})  # cells a table's, not a wrapped title's
TABLE_ROW_CELLS = 2  # a header row (项目 | 预算数) starts a table, and the cover has ended


def classify(line: Line, text: str) -> LineClass:
    if is_page_mark(line.text):
        return LineClass.PAGE
    if text == "目录" or opens_list_item(line.text.strip()) or _DOT_LEADER.search(text) or text.startswith("序号"):
        return LineClass.CONTENTS
    if _LABEL.search(text) or (_FIELD.match(text) and len(text) <= FIELD_MAX and not _SENTENCE.search(text)):
        return LineClass.LABEL
    if DATE.search(text) and not re.search("预算|决算", DATE.sub("", text)):
        return LineClass.DATE  # a title dated on its own line (…部门预算 2023年1月) stays a title
    if (len(text) > COVER_TEXT_MAX or _SENTENCE.search(text) or len(_AMOUNTS.findall(text)) >= 2
            or (line.delimiter in _CELLED and len(line.filled) >= TABLE_ROW_CELLS) or ":" in text or "：" in text):
        return LineClass.BODY
    return LineClass.COVER


def cover_lines(lines: Sequence[Line]) -> list[HeadLine]:
    """The document's lines up to its first body line, classified (empty lines left out)."""
    head: list[HeadLine] = []
    for i, line in enumerate(lines):
        printed = line.text.strip()
        if not printed:
            continue
        text = matching_text(printed)
        if not text:
            continue
        cls = classify(line, text)
        if cls is LineClass.BODY or len(head) >= HEAD_LINES:
            break
        head.append(HeadLine(i, printed, text, cls))
    return head


@dataclass(frozen=True, slots=True)
class CoverRun:
    """Consecutive cover lines read as one text (a title and a name broken over lines)."""

    lines: tuple[HeadLine, ...]

    @property
    def text(self) -> str:
        return "".join(h.text for h in self.lines)

    @property
    def printed(self) -> str:
        """As printed, without spaces; offsets into `text` are offsets into this."""
        return "".join(h.squashed for h in self.lines)


# a year and 预算/决算 in one text: a whole title (…2024年部门预算, 2024年部门决算情况说明)
_WHOLE_TITLE = re.compile(r"(?:19|20)\d{2}年.*?(?:预算|决算)")


def cover_runs(head: Sequence[HeadLine]) -> list[CoverRun]:
    """Consecutive cover lines as runs; a line that is a whole title of its own after
    a run that already holds one (the cover's title, then the 情况说明's heading)
    starts a run of its own."""
    runs: list[CoverRun] = []
    current: list[HeadLine] = []
    for h in head:
        if h.cls is LineClass.COVER:
            if (current and _WHOLE_TITLE.search(h.text)
                    and _WHOLE_TITLE.search("".join(c.text for c in current))):
                runs.append(CoverRun(tuple(current)))
                current = []
            current.append(h)
            continue
        if current:
            runs.append(CoverRun(tuple(current)))
        current = []
    if current:
        runs.append(CoverRun(tuple(current)))
    return runs
