"""Rounding slack: how far printed figures may disagree before it is an error.

Published figures are rounded per cell, so a total may differ from the sum of
its parts by half a unit of the last printed digit *for each figure involved*
(the total and every part). The model keeps yuan and not the printed text, so
the printed precision is derived from the table's unit and its values:

* A table's printed decimals are the most decimals any of its amounts needs
  when written in the table's unit (``12.3456`` 万元 → 4). A 万元 table whose
  values are all multiples of 100 yuan therefore counts as 2 decimals, all
  multiples of 1000 yuan as 1 decimal, all whole 万元 as 0 decimals. A table
  printed with trailing zeros (``2.50``) is thus given *more* slack than it
  printed, never less: a discrepancy hidden that way is smaller than one unit
  of the coarsest digit any value shows, and no correct table is ever flagged.
* 元 tables with whole-yuan values have no slack at all (the issue's rule:
  amounts printed in 元 are exact). Fractional yuan get half a unit of their
  last digit like any other unit.
* A narrative fact carries its own printed precision: ``4097.11 万元`` has
  2 decimals in 万元, so 50 yuan of slack; a stated zero is exact. Where the
  fact's printed unit is unknown it is taken as 万元 when the value is a
  multiple of 100 yuan (the usual narrative unit) and 元 otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from cnbudget.model.document import Fact, Table
from cnbudget.model.table_types import NON_AMOUNT_COLUMNS
from cnbudget.normalise.amounts import UNIT_FACTORS

ZERO = Decimal(0)
HALF = Decimal("0.5")


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
    """Half a unit of the last printed digit, in yuan. Whole 元 are exact."""
    factor = unit_factor(unit)
    if factor == 1 and decimals == 0:
        return ZERO
    return HALF * factor / (Decimal(10) ** decimals)


def amount_values(table: Table) -> Iterable[Decimal]:
    for row in table.rows:
        for key, value in row.values.items():
            if value is not None and key not in NON_AMOUNT_COLUMNS:
                yield value


def table_decimals(table: Table) -> int:
    """The printed decimals of a table, inferred from its values (see module doc)."""
    return max((decimals_needed(v, table.unit) for v in amount_values(table)), default=0)


def table_slack(table: Table) -> Decimal:
    """Rounding slack of one figure of `table`, in yuan."""
    return half_unit(table.unit, table_decimals(table))


def fact_unit(fact: Fact) -> str:
    """The unit a fact was printed in (see module doc for the fallback)."""
    if fact.printed_unit:
        return fact.printed_unit
    return "万元" if fact.value % 100 == 0 else "元"


def fact_slack(fact: Fact) -> Decimal:
    """Rounding slack of a narrative amount, from its own printed precision.

    A stated zero (``0万元``) is exact: it says nothing was spent."""
    if fact.value == 0:
        return ZERO
    unit = fact_unit(fact)
    return half_unit(unit, decimals_needed(fact.value, unit))


def number_slack(value: Decimal) -> Decimal:
    """Half a unit of the last digit of a printed plain number (rate, score)."""
    return HALF / (Decimal(10) ** decimals_needed(value))


def agrees(expected: Decimal, actual: Decimal, slack: Decimal) -> bool:
    """True when the two differ by no more than the summed rounding slack."""
    return abs(expected - actual) <= slack
