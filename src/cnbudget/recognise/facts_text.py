"""Narrative lines joined back into located running text, for fact matching.

Extraction breaks the 情况说明 into lines mid-sentence, mid-word and mid-number
(`其中基` / `本支出 973.63万元`, `2589.55` / `万元`). `NarrativeText` joins the
lines of one paragraph without a separator, keeps a hard break (`\\n`) where a
new paragraph, heading or table row begins, and remembers where each printed
character came from. `folded` is the same text character for character with
full-width forms folded (`，` → `,`, `４` → `4`), so offsets found by matching
`folded` quote `printed` exactly.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from cnbudget.ingest.layout import Delimiter, Line
from cnbudget.model.document import Locator
from cnbudget.normalise.printed import is_page_mark
from cnbudget.recognise.lines import located

BREAK = "\n"  # a hard break: paragraph, heading or table-cell boundary
SENTENCE_END = frozenset("。!?" + BREAK)

# A line that starts a list item or heading starts a new paragraph.
_MARKER = re.compile(
    r"^\s*(?:[-*•·]\s*)*(?:第[一二三四五六七八九十\d]+(?:部分|章|节)"
    r"|[一二三四五六七八九十]+\s*[、.．]"
    r"|[(（]\s*[一二三四五六七八九十\d]+\s*[)）]"
    r"|[1-9]\d?\s*[、.．](?!\s*\d)"
    r"|[①-⑳])"
)


def opens_list_item(text: str) -> bool:
    """A line opening a list item or a numbered heading (第一部分, 一、, (二), 3.)."""
    return bool(_MARKER.match(text))


_HEADING_MAX = 40


@cache
def _fold_char(ch: str) -> str:
    """One character to one character: width forms folded, markup and tabs neutralised."""
    if ch == "\t":
        return BREAK  # cells of a table row are never one clause
    if ch in "*\xa0\u3000":
        return " "
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch


# Headings end with words like these; a wrapped list item (`3．…职业年金（项）`) does not.
_HEADING_END = re.compile(r"(?:情况|说明|原因|目标|概况|信息|构成|职责|职能|设置|解释|指标|部分)\s*[:：]?$")


def _fold(text: str) -> str:
    return "".join(_fold_char(ch) for ch in text)


def _is_heading(paragraph: str, last_line: str, wide: int) -> bool:
    """A numbered paragraph that ends here as a heading: no sentence in it, and its
    last line short beside the page's full lines or ending like a heading. A
    wrapped first line of a list item (`3．…职业年金（项）` / `支出425.79万元`) is neither."""
    if len(paragraph.strip()) > _HEADING_MAX:
        return False
    t = _fold(paragraph.strip())
    if not _MARKER.match(t) or re.search(r"[。，,；;：:]$|[。，；;]", t):
        return False
    return len(last_line) < 0.7 * wide or bool(_HEADING_END.search(t))


def _wide(lines: Sequence[Line]) -> int:
    """The length of a full line of running text (most lines of a paragraph are full)."""
    lengths = sorted(len(line.text.strip()) for line in lines if line.text.strip())
    return lengths[int(len(lengths) * 0.9)] if lengths else 0


@dataclass(frozen=True, slots=True)
class NarrativeText:
    printed: str
    folded: str
    starts: tuple[int, ...]  # offset in the text where each source line begins
    locators: tuple[Locator, ...]

    def locator_at(self, offset: int) -> Locator:
        return self.locators[max(bisect_right(self.starts, offset) - 1, 0)]

    def locator_over(self, start: int, end: int) -> Locator:
        """Where the text from `start` to `end` was printed: its first line, with the
        box covering its lines on that line's page (a sentence over a page break is
        boxed on the page it starts on)."""
        first = max(bisect_right(self.starts, start) - 1, 0)
        last = max(bisect_right(self.starts, max(end - 1, start)) - 1, first)
        head = self.locators[first]
        box = head.box
        if box is None or last == first:
            return head
        for loc in self.locators[first + 1:last + 1]:
            if loc.box is not None and loc.box.page == box.page:
                box = box.union(loc.box)
        return replace(head, box=box)

    def sentences(self) -> list[tuple[int, int]]:
        """Spans of sentences: up to and including 。!? or a hard break."""
        spans: list[tuple[int, int]] = []
        start = 0
        for i, ch in enumerate(self.folded):
            if ch in SENTENCE_END:
                if i + 1 > start:
                    spans.append((start, i + 1))
                start = i + 1
        if start < len(self.folded):
            spans.append((start, len(self.folded)))
        return spans


def join_lines(lines: Sequence[Line]) -> NarrativeText:
    """The narrative lines as one located text, paragraphs rejoined."""
    parts: list[str] = []
    starts: list[int] = []
    locators: list[Locator] = []
    size = 0
    previous: str | None = None
    previous_tabular = False
    paragraph = ""  # the text since the last hard break
    wide = _wide(lines)
    for line in lines:
        text = line.text.strip()
        if not text or is_page_mark(text):  # page furniture between the lines of a paragraph
            continue
        tabular = line.delimiter in (Delimiter.TAB, Delimiter.GRID)
        separator = ""
        if previous is not None:
            if tabular or previous_tabular or _MARKER.match(_fold(text)) or _is_heading(paragraph, previous, wide):
                separator = BREAK
            elif previous[-1:].isascii() and previous[-1:].isalpha() and text[0].isascii() and text[0].isalpha():
                separator = " "
        parts.append(separator)
        size += len(separator)
        starts.append(size)
        locators.append(located(line))
        parts.append(text)
        size += len(text)
        previous, previous_tabular = text, tabular
        paragraph = text if separator == BREAK or len(parts) == 2 else paragraph + separator + text
    printed = "".join(parts)
    folded = "".join(_fold_char(ch) for ch in printed)
    return NarrativeText(printed, folded, tuple(starts), tuple(locators))
