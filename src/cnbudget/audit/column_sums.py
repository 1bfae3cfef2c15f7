"""Sums down a column: a total row against the rows printed under it.

The counterpart of `sums.check_row` (across one row's columns) for item,
summary and classification tables, and how a finding in one column reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from cnbudget.audit.describe import column_name, in_table
from cnbudget.audit.sums import Mismatch, check_sum
from cnbudget.audit.tolerance import Slack
from cnbudget.model.document import Row, Table


def check_column(total: Row, rows: Sequence[Row], column: str, slack: Slack) -> Mismatch | None:
    """`check_sum` of `total`'s figure in `column` against the same column of `rows`."""
    return check_sum(total.values.get(column), [r.values.get(column) for r in rows], slack)


def unequal_in_column(table: Table, column: str, name: str, value: Decimal, other: str) -> str:
    """``部门收支总表金额列：本年收入合计 9.00 万元 ≠ <other>``: a figure of one
    column of `table`, named, against what it should equal."""
    return (f"{table.title}{column_name(table, column)}列：{name} {in_table(value, table)} "
            f"≠ {other}")
