"""Figures in narrative text: a number and the unit printed after it.

Digits (`4,097.11万元`, `6.76%`, `2 辆`), small Chinese numerals (`一辆`, `三千元`)
and a zero stated without a unit (`公务用车购置为0`). Offsets are into the folded
text (`facts_text.NarrativeText.folded`), so a figure quotes the printed text.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from cnbudget.normalise.amounts import parse_amount
from cnbudget.recognise import facts_patterns as P

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN_POWERS = {"十": 10, "百": 100, "千": 1000}
COUNTS = ("辆", "人")
UNITLESS = ""  # the unit of a zero printed without one (公务用车购置为0)


@dataclass(frozen=True, slots=True)
class Figure:
    start: int
    end: int  # after the unit
    value: Decimal
    unit: str  # 万元 / 元 / 亿元 / 千元 / % / 辆 / 人, or UNITLESS


def figures(folded: str, start: int, end: int) -> list[Figure]:
    """Numbers with a unit after them, in order (a bare number is never a fact)."""
    found: list[Figure] = []
    for match in P.NUMBER.finditer(folded, start, end):
        figure = _with_unit(folded, match.start(), match.end(), end, match.group(0))
        if figure is not None:
            found.append(figure)
    for match in P.CN_COUNT.finditer(folded, start, end):
        unit = P.COUNT_UNIT.match(folded, match.end(), end)
        value = _chinese_count(match.group(0))
        if unit is not None and value is not None:
            found.append(Figure(match.start(), unit.end(), Decimal(value), _count_unit(unit.group(1))))
    for match in P.CN_AMOUNT.finditer(folded, start, end):
        unit = P.AMOUNT_UNIT.match(folded, match.end(), end)
        value = _chinese_count(match.group(0))
        if unit is not None and value is not None:
            found.append(Figure(match.start(), unit.end(), Decimal(value), unit.group(1)))
    for match in P.BARE_ZERO.finditer(folded, start, end):
        found.append(Figure(match.start() + len(match.group(0)) - len(match.group(0).lstrip()), match.end(),
                             Decimal(0), UNITLESS))
    return sorted(found, key=lambda f: f.start)


def _with_unit(folded: str, start: int, num_end: int, end: int, number: str) -> Figure | None:
    for pattern in (P.AMOUNT_UNIT, P.PERCENT_UNIT, P.COUNT_UNIT):
        unit = pattern.match(folded, num_end, end)
        if unit is None:
            continue
        try:
            value = parse_amount(number)
        except ValueError:
            return None
        if value is None:
            return None
        name = unit.group(1) if unit.groups() else "%"
        return Figure(start, unit.end(), value, _count_unit(name))
    return None


def _count_unit(unit: str) -> str:
    return "人" if unit == "名" else unit


def _chinese_count(text: str) -> int | None:
    """Small Chinese numerals (一辆, 十二人, 一百零五人, 三千元, 零元); None for what is
    no number below ten thousand (二二, 十百, 二零)."""
    total, current, last_power = 0, None, 10_000
    for ch in text:
        if ch in _CN_DIGITS:
            if current:  # a digit after a digit: 二二, 二零
                return None
            current = _CN_DIGITS[ch]
        elif ch in _CN_POWERS:
            power = _CN_POWERS[ch]
            if power >= last_power or current == 0:
                return None
            total += (current or 1) * power
            current, last_power = None, power
        else:
            return None
    return total + (current or 0)
