"""The fiscal year and kind where no title prints them: the year the text's budget
or final-account figures are of (2019年度收入、支出预算总计…, 2019年政府采购预算表),
never a comparison year (比2022年减少, 与2022年相比) nor a date.

The old rule took the year printed most often; in a budget's narrative the
previous year is printed as often as its own (…比2022年…), so a year counts
only where 预算/决算 follows it within a few characters.
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


@dataclass(frozen=True, slots=True)
class YearEvidence:
    year: int
    kind_word: str  # 预算 | 决算: the word most of the year's mentions are followed by
    mentions: int


def year_of_figures(text: str) -> YearEvidence | None:
    """The year most often followed by 预算/决算 (the latest on a tie), outside comparisons."""
    years: Counter[int] = Counter()
    kinds: Counter[tuple[int, str]] = Counter()
    for m in _YEAR_OF_FIGURES.finditer(text):
        if text[max(0, m.start() - CUE_SPAN): m.start()].endswith(COMPARISON_CUES):
            continue
        year = int(m.group("year"))
        years[year] += 1
        kinds[(year, m.group("kind"))] += 1
    if not years:
        return None
    year, count = max(years.items(), key=lambda item: (item[1], item[0]))
    kind = "决算" if kinds[(year, "决算")] > kinds[(year, "预算")] else "预算"
    return YearEvidence(year, kind, count)
