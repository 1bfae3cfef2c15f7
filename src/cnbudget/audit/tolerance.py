"""Rounding slack: how far printed figures may disagree, and what a larger gap is.

The tolerance rule (docs/rules.md states it for users):

* Every printed figure may be off by half a unit of its last printed digit
  (it was rounded to that digit): a whole 元 figure ±0.5 元, a 万元 figure
  printed with two decimals ±50 元, one decimal ±500 元, a percentage printed
  as ``6.76%`` ±0.005 %. A total is consistent with its parts when they differ
  by no more than the summed slack of every figure involved (the total and
  each part): ``94,995,790 = 77,381,546 + 17,614,243`` (1 元 apart, 1.5 元 of
  slack) is consistent.
* Beyond that slack the size of the gap decides. Below twice the slack (a
  whole unit of the last digit per figure: figures truncated instead of
  rounded, or rounded twice) the gap is a `near` miss, reported as a warning
  for a person to look at; from twice the slack on it is certainly wrong as
  printed: an error (or the rule's own severity, where that is lower).

The printed precision comes from what was printed: a table's `decimals` (the
fewest decimals its amounts are printed with, read from the text by the
recogniser) in the table's unit. Where the model does not know it (a document
built in code, JSON written before), it is inferred from the values: the
most decimals any amount needs in the table's unit (``12.3456`` 万元 → 4). A
table printed with trailing zeros (``2.50``) is then given more slack than it
printed, never less. A narrative amount carries its own printed precision:
``4097.11 万元`` has 2 decimals in 万元, so 50 元 of slack; a stated zero is
exact; its decimals are read from its quote (which ends with the figure as
printed: ``8.00万元`` → 2). Where a fact's printed unit is unknown it is taken
as 万元 when the value is a multiple of 100 yuan (the usual narrative unit)
and 元 otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from cnbudget.model.document import Fact, Table
from cnbudget.model.table_types import NON_AMOUNT_COLUMNS
from cnbudget.normalise.amounts import UNIT_FACTORS, decimals_printed
from cnbudget.normalise.text import nfkc

ZERO = Decimal(0)
HALF = Decimal("0.5")
NEAR_FACTOR = 2  # a gap up to twice the rounding slack is a near miss (a warning)


class Verdict(StrEnum):
    AGREES = "agrees"  # within the rounding slack
    NEAR = "near"  # beyond it, within twice it: a person should look
    APART = "apart"  # beyond twice the slack: wrong as printed


def unit_factor(unit: str | None) -> Decimal:
    """Yuan per printed unit; an unknown or missing unit is taken as 元."""
    return UNIT_FACTORS.get(unit or "元", Decimal(1))


_POWERS = {"元": 0, "千元": 3, "万元": 4, "亿元": 8}


def decimals_needed(value: Decimal, unit: str | None = None) -> int:
    """The fewest decimals that print `value` (yuan) exactly in `unit`.

    Read from the digits (no division): the audit calls this for every cell."""
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite Decimals only
    end = len(digits)
    while end > 0 and digits[end - 1] == 0:
        end -= 1
        exponent += 1
    if end == 0:
        return 0  # zero prints with no decimals
    return max(0, _POWERS.get(unit or "元", 0) - exponent)


def half_unit(unit: str | None, decimals: int) -> Decimal:
    """Half a unit of the last printed digit, in yuan: whole 元 are ±0.5 元."""
    return HALF * unit_factor(unit) / (Decimal(10) ** decimals)


def amount_values(table: Table) -> Iterable[Decimal]:
    for row in table.rows:
        for key, value in row.values.items():
            if value is not None and key not in NON_AMOUNT_COLUMNS:
                yield value


def table_decimals(table: Table) -> int:
    """The printed decimals of a table: as the recogniser read them, else inferred."""
    if table.decimals is not None:
        return table.decimals
    return max((decimals_needed(v, table.unit) for v in amount_values(table)), default=0)


def table_slack(table: Table) -> Decimal:
    """Rounding slack of the coarsest figure of `table`, in yuan."""
    return half_unit(table.unit, table_decimals(table))


@dataclass(frozen=True, slots=True)
class Precision:
    """The rounding slack of each figure of a table: half a unit of its last printed
    digit. A figure whose value needs more decimals than the table's fewest was
    printed with them (``3892.94`` beside ``7`` in a table printing both): its slack
    is its own, the others' the table's."""

    unit: str | None
    decimals: int

    def __call__(self, value: Decimal) -> Decimal:
        return half_unit(self.unit, max(self.decimals, decimals_needed(value, self.unit)))

    @property
    def coarsest(self) -> Decimal:
        return half_unit(self.unit, self.decimals)


def precision(table: Table) -> Precision:
    return Precision(table.unit, table_decimals(table))


Slack = Decimal | Precision  # one slack for every figure, or each figure's own


def fact_unit(fact: Fact) -> str:
    """The unit a fact was printed in (see module doc for the fallback)."""
    if fact.printed_unit:
        return fact.printed_unit
    return "万元" if fact.value % 100 == 0 else "元"


_QUOTED_FIGURE = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(?:亿元|万元|千元|元|万|%)?\s*$")


def fact_decimals(fact: Fact) -> int:
    """The decimals a fact's figure was printed with: read from its quote, which ends
    with the figure (``公务用车运行维护费8.00万元`` → 2), where the quote's last number
    is the fact's; else the fewest its value needs."""
    unit = fact_unit(fact) if fact.unit == "元" else None
    needed = decimals_needed(fact.value, unit)
    m = _QUOTED_FIGURE.search(nfkc(fact.text))
    if m is None:
        return needed
    printed = m.group(1).replace(",", "")
    try:
        shown = Decimal(printed) * (unit_factor(unit) if unit else 1)
    except ArithmeticError:
        return needed
    return decimals_printed(printed) if shown == abs(fact.value) else needed


def fact_slack(fact: Fact) -> Decimal:
    """Rounding slack of a narrative figure, from its own printed precision.

    A stated zero amount (``0万元``) is exact: it says nothing was spent; so is a
    count (辆, 人). A percentage is a plain number rounded like any other
    (``0.00%`` is a rate below 0.005 %)."""
    if fact.unit in ("辆", "人", "项", "个"):
        return ZERO
    if fact.unit != "元":
        return HALF / (Decimal(10) ** fact_decimals(fact))
    if fact.value == 0:
        return ZERO
    return half_unit(fact_unit(fact), fact_decimals(fact))


def number_slack(value: Decimal) -> Decimal:
    """Half a unit of the last digit of a printed plain number (rate, score)."""
    return HALF / (Decimal(10) ** decimals_needed(value))


def verdict(expected: Decimal, actual: Decimal, slack: Decimal) -> Verdict:
    """How two figures compare given the summed rounding slack of all figures involved."""
    gap = abs(expected - actual)
    if gap <= slack:
        return Verdict.AGREES
    # strictly within twice: two figures of one quantity 2 units apart (12323.46 and
    # 12323.48) are never rounding nor truncation of one value
    return Verdict.NEAR if gap < NEAR_FACTOR * slack else Verdict.APART


def quotient_bounds(num: Decimal, num_slack: Decimal, den: Decimal,
                    den_slack: Decimal) -> tuple[Decimal, Decimal] | None:
    """The percentages num / den × 100 the rounded figures allow; None when the
    denominator may be nothing (growth from nothing has no rate)."""
    if den - den_slack <= 0:
        return None
    ends = [(num + dn) / (den + dd) * 100 for dn in (-num_slack, num_slack)
            for dd in (-den_slack, den_slack)]
    return min(ends), max(ends)


def rate_verdict(rate: Decimal, bounds: tuple[Decimal, Decimal], half: Decimal | None = None) -> Verdict:
    """A printed percentage against the range its figures allow: within one unit of its
    last digit agrees (it may be truncated instead of rounded), within two is near.
    `half`: half a unit of the rate's last printed digit (a fact's `fact_slack`:
    ``6.70%`` prints two decimals though its value needs one)."""
    low, high = bounds
    gap = max(Decimal(0), low - rate, rate - high)
    return verdict(gap, Decimal(0), 2 * (number_slack(rate) if half is None else half))


def agrees(expected: Decimal, actual: Decimal, slack: Decimal) -> bool:
    """True when the two differ by no more than the summed rounding slack."""
    return abs(expected - actual) <= slack
