"""A printed figure with its place, and comparisons of one figure with readings.

Cross-table and text rules compare a figure with one or more *readings* of
what it should equal (a reading is a sum of figures). Templates differ in
what exactly a printed figure covers; the comparison passes when any reading
agrees within the rounding slack of all figures involved, and is reported
against the first reading otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from cnbudget.audit.describe import at_row, column_name, in_table, row_name
from cnbudget.audit.tables import ZERO
from cnbudget.audit.tolerance import Verdict, precision, verdict
from cnbudget.model.document import FindingLocation, Row, Table


@dataclass(frozen=True, slots=True)
class Figure:
    table: Table
    row: Row
    column: str
    value: Decimal

    @property
    def slack(self) -> Decimal:
        return precision(self.table)(self.value)

    @property
    def label(self) -> str:
        return f"{self.table.title}“{row_name(self.table, self.row)}”" \
               f"{column_name(self.table, self.column)}"

    @property
    def shown(self) -> str:
        return f"{self.label} {in_table(self.value, self.table)}"

    @property
    def location(self) -> FindingLocation:
        return at_row(self.table, self.row, self.column)


def figure(table: Table | None, row: Row | None, column: str) -> Figure | None:
    """The printed figure of a cell, or None when the cell is absent or empty."""
    if table is None or row is None:
        return None
    value = row.values.get(column)
    return None if value is None else Figure(table, row, column, value)


Reading = Sequence[Figure]


def reading_value(reading: Reading) -> Decimal:
    return sum((f.value for f in reading), ZERO)


def reading_slack(reading: Reading) -> Decimal:
    return sum((f.slack for f in reading), ZERO)


def reading_shown(reading: Reading) -> str:
    if len(reading) == 1:
        return reading[0].shown
    parts = " + ".join(f.shown for f in reading)
    return f"{parts} = {in_table(reading_value(reading), reading[0].table)}"


@dataclass(frozen=True, slots=True)
class Disagreement:
    reading: Reading  # the reading reported: the first, or the first that nearly agrees
    near: bool  # it misses by less than twice the rounding slack (a warning)


def disagreement(value: Decimal, slack: Decimal, readings: Sequence[Reading]) -> Disagreement | None:
    """None when any of `readings` agrees with `value` within the rounding slack of
    all figures involved; else the reading to report (the first one, or the first
    that nearly agrees: then the gap may be rounding after all)."""
    readings = [r for r in readings if r]
    if not readings:
        return None
    verdicts = [verdict(value, reading_value(r), slack + reading_slack(r)) for r in readings]
    if Verdict.AGREES in verdicts:
        return None
    if Verdict.NEAR in verdicts:
        return Disagreement(readings[verdicts.index(Verdict.NEAR)], near=True)
    return Disagreement(readings[0], near=False)
