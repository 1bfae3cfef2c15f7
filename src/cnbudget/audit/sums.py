"""Compare a printed total with the sum of printed parts, within rounding slack."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from cnbudget.audit.describe import column_name, in_table, row_name
from cnbudget.audit.tables import ZERO, nz
from cnbudget.audit.tolerance import Precision, Slack, Verdict, agrees, verdict
from cnbudget.model.document import Row, Table


@dataclass(frozen=True, slots=True)
class Mismatch:
    expected: Decimal  # Σ parts
    actual: Decimal  # the printed total
    slack: Decimal

    @property
    def near(self) -> bool:
        """Beyond the rounding slack but within twice it: a warning, not an error."""
        return verdict(self.expected, self.actual, self.slack) is Verdict.NEAR


def check_sum(
    total: Decimal | None, parts: Sequence[Decimal | None], slack_each: Slack,
) -> Mismatch | None:
    """None when `total` agrees with Σ `parts` (or cannot be checked).

    An empty total is not checked; empty parts count as exact zeros. The slack
    is summed over the total and every printed part: `slack_each` for each, or
    each figure's own where it is a table's `Precision`.
    """
    if total is None or all(p is None for p in parts):
        return None
    printed = [total, *(p for p in parts if p is not None)]
    expected = sum((nz(p) for p in parts), ZERO)
    if isinstance(slack_each, Precision):
        slack = sum((slack_each(v) for v in printed), ZERO)
    else:
        slack = slack_each * len(printed)
    if agrees(expected, total, slack):
        return None
    return Mismatch(expected, total, slack)


def check_row(row: Row, total_col: str, part_cols: Sequence[str], slack: Slack) -> Mismatch | None:
    """`check_sum` across one row's columns (`slack`: the table's, see `table_slack`)."""
    if total_col not in row.values or not any(c in row.values for c in part_cols):
        return None
    return check_sum(row.values.get(total_col), [row.values.get(c) for c in part_cols], slack)


def row_sum_message(table: Table, row: Row, total_col: str, part_cols: Sequence[str],
                    m: Mismatch) -> str:
    """``表“行”行：合计 389.50 万元 ≠ 基本支出 390.50 万元（项目支出未填）``: the parts
    as printed, their sum where there are several, the empty ones named."""
    printed = [c for c in part_cols if row.values.get(c) is not None]
    empty = [column_name(table, c) for c in part_cols if c in row.values and row.values[c] is None]
    parts = " + ".join(f"{column_name(table, c)} {in_table(row.values.get(c), table)}"
                       for c in printed)
    if len(printed) > 1:
        parts += f" = {in_table(m.expected, table)}"
    if empty:
        parts += f"（{'、'.join(empty)}未填）"
    return (
        f"{table.title}“{row_name(table, row)}”行：{column_name(table, total_col)} "
        f"{in_table(m.actual, table)} ≠ {parts}"
    )
