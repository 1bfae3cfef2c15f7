"""Matching keys for classification names as documents print them.

A printed name may carry a list number (`一、`, `（一）`, `1.`), a `其中：`
lead, full-width forms, OCR slips, a trailing `支出` that one table prints and
another omits, a budget system's `_行政`/`_事业` tag, or its parent's name
appended in parentheses
(`行政运行（政府办公厅（室）及相关机构事务）`). `name_key` removes what never
distinguishes two classification entries; `split_parent_suffix` separates the
appended parent so callers can check it.
"""

from __future__ import annotations

import re

from cnbudget.normalise.text import fold

_CN_NUMERAL = "一二三四五六七八九十百零〇"
_NUMBERING = re.compile(
    rf"^(?:"
    rf"[{_CN_NUMERAL}]+[、.,:]"  # 一、
    rf"|\([{_CN_NUMERAL}\d]+\)[、.]?"  # (一) (1)
    rf"|\d+(?:\.\d+)*[、.)](?!\d)"  # 1. 1、 1) 1.2.
    rf"|第[{_CN_NUMERAL}\d]+[类款项部分条]"  # 第一类
    rf")+"
)
_LEAD_WORDS = re.compile(r"^(?:其中|含|包括)[:：]?")
_STRAY_MARKS = re.compile(r"[\"'*※#★☆●■□◆△▲·•、,.:;：;]+")
_TRAILING_SPENDING = "支出"
# Budget systems append the unit type to 政府预算经济分类 names (seed 003:
# `工资奖金津补贴_行政`, `工资福利支出_事业`).
_SYSTEM_SUFFIX = re.compile(r"_(?:行政|事业|机关|参公|企业)$")


def strip_numbering(text: str) -> str:
    """The name without list numbering or a `其中：` lead (input already folded)."""
    previous = None
    while previous != text:
        previous = text
        text = _LEAD_WORDS.sub("", _NUMBERING.sub("", text))
    return text


def name_key(text: str, drop_spending: bool = True) -> str:
    """The matching key of a printed classification name.

    Folds width forms, quotes, spaces and OCR slips; drops numbering, stray marks
    and a trailing `支出` (summary tables print `债务付息` for `债务付息支出`)
    unless `drop_spending` is False.
    """
    key = _STRAY_MARKS.sub("", _SYSTEM_SUFFIX.sub("", strip_numbering(fold(text))))
    if drop_spending and key.endswith(_TRAILING_SPENDING) and len(key) > len(_TRAILING_SPENDING):
        key = key[: -len(_TRAILING_SPENDING)]
    return key


def split_parent_suffix(text: str) -> tuple[str, str] | None:
    """`行政运行（政府办公厅（室）及相关机构事务）` → ("行政运行", "政府办公厅(室)及相关机构事务").

    Only a balanced parenthesised group that ends the text and does not start
    it counts; None when there is none.
    """
    folded = fold(text)
    if not folded.endswith(")"):
        return None
    depth = 0
    for index in range(len(folded) - 1, -1, -1):
        char = folded[index]
        if char == ")":
            depth += 1
        elif char == "(":
            depth -= 1
            if depth == 0:
                if index == 0:
                    return None
                return folded[:index], folded[index + 1 : -1]
    return None


def edit_distance(left: str, right: str, limit: int = 2) -> int:
    """Levenshtein distance, stopping early once it exceeds `limit`."""
    if abs(len(left) - len(right)) > limit:
        return limit + 1
    previous = list(range(len(right) + 1))
    for i, left_char in enumerate(left, start=1):
        current = [i]
        for j, right_char in enumerate(right, start=1):
            current.append(min(
                previous[j] + 1,
                current[j - 1] + 1,
                previous[j - 1] + (left_char != right_char),
            ))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]
