"""The fiscal year and kind where no title prints them: the year the text's budget
or final-account figures are of (2019年度收入、支出预算总计…, 2019年政府采购预算表),
never a comparison year (比2022年减少, 与2022年相比) nor a date.

The old rule took the year printed most often; in a budget's narrative the
previous year is printed as often as its own (…比2022年…, 2022年预算数…), so a
year counts only where 预算/决算 follows it within a few characters, and of
those the latest printed more than once is the fiscal year.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from cnbudget.recognise.metadata.cover import YEAR_MARK

# what a comparison year is printed after
COMPARISON_CUES: tuple[str, ...] = ("比", "较", "与", "同", "对比", "相比", "上年", "截至", "截止", "自", "从")
_BETWEEN = r"[\u4e00-\u9fff、\"'“”]{0,8}?"
_YEAR_OF_FIGURES = re.compile(YEAR_MARK + _BETWEEN + r"(?P<kind>预算|决算)")
CUE_SPAN = 2  # characters before a year searched for a comparison cue


MENTIONS_MIN = 2  # a year printed once with 预算 may be a forward look (下一年度预算安排)


@dataclass(frozen=True, slots=True)
class YearEvidence:
    year: int
    kind_word: str  # 预算 | 决算: the word the text's figures are mostly followed by
    mentions: int


def year_of_figures(text: str) -> YearEvidence | None:
    """The latest year printed with the text's kind word (预算 or 决算, whichever it
    prints more) at least twice outside comparisons: a disclosure compares with
    earlier years (2022年预算数…), so its own year is the latest it states figures of."""
    kinds: Counter[tuple[int, str]] = Counter()
    for m in _YEAR_OF_FIGURES.finditer(text):
        if not text[max(0, m.start() - CUE_SPAN): m.start()].endswith(COMPARISON_CUES):
            kinds[(int(m.group("year")), m.group("kind"))] += 1
    if not kinds:
        return None
    words: Counter[str] = Counter()
    for (_, word), n in kinds.items():
        words[word] += n
    word = "决算" if words["决算"] > words["预算"] else "预算"
    mentions = {year: n for (year, w), n in kinds.items() if w == word}
    often = [y for y, n in mentions.items() if n >= MENTIONS_MIN] or list(mentions)
    year = max(often)
    return YearEvidence(year, word, mentions[year])
