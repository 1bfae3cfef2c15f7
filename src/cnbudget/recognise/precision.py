"""The decimals a table prints its amounts with: the rounding slack of its figures.

The model holds exact yuan, which cannot tell ``2.50`` from ``2.5`` (万元), nor a
whole-元 figure printed ``1,234`` from one printed ``1,234.00``; the audit's
tolerance needs what was printed. Read from the block's printed figures
(`accounting.printed_figures`) that are amounts of the table (their value, in
the table's unit, is one of its non-zero amounts; a row's 序号 is none): the
decimals most of them show, or, where a tenth of them (two at least) show
fewer, the fewest: a table printing some figures whole and others with cents
gets the slack of its coarsest figures, while a 序号 that happens to equal an
amount (``7`` beside ``7.00``) changes nothing. Left None (inferred by the
audit) where no printed figure is recognised as one of the table's amounts.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from cnbudget.model import Table
from cnbudget.model.table_types import NON_AMOUNT_COLUMNS
from cnbudget.normalise.amounts import UNIT_FACTORS, decimals_printed
from cnbudget.recognise.accounting import printed_figures
from cnbudget.recognise.blocks import TableBlock


def _amounts(table: Table) -> set[Decimal]:
    """The table's non-zero amounts in the unit they were printed in."""
    factor = UNIT_FACTORS.get(table.figures_unit or table.unit or "元", Decimal(1))
    return {(v / factor).normalize() for row in table.rows for key, v in row.values.items()
            if v and key not in NON_AMOUNT_COLUMNS}


def set_printed_decimals(block: TableBlock, tables: list[Table]) -> None:
    """Each table's `decimals`, from the figures its block prints (see module doc)."""
    figures = printed_figures(block)
    for table in tables:
        if table.decimals is not None:
            continue
        amounts = _amounts(table)
        shown = Counter(decimals_printed(f.text) for f in figures
                        if f.value and not f.leads_a_row and f.value.normalize() in amounts)
        if not shown:
            continue
        typical = shown.most_common(1)[0][0]
        fewer = sum(n for d, n in shown.items() if d < typical)
        table.decimals = min(shown) if fewer >= max(2, sum(shown.values()) / 10) else typical
