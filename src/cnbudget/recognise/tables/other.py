"""Tables that fit no type of the contract: kept as printed.

Local templates print 9 to 14 tables; those the contract has no type for
(部门机构设置情况, 项目支出明细测算 …) keep their printed title and every row:
the first text cell is the row's `name`, the other cells go under
`extra:<printed header>` — numbers in `values` (amounts in yuan, counts as
printed), text in the row's text fields. Numbers are converted to yuan only
where the table prints its unit.
"""

from __future__ import annotations

from cnbudget.model import Problem, Row
from cnbudget.normalise.amounts import parse_amount
from cnbudget.recognise.blocks import TABLE_PARSERS, ParsedTables, TableBlock
from cnbudget.recognise.tables.cells import (
    GridRow,
    amount,
    body_lines,
    finish,
    is_number,
    locator,
    new_table,
    problem,
    read_grid,
)

# headers of columns that count things or give rates: never converted to yuan
_NOT_MONEY = ("人数", "数量", "人", "率", "%", "个数", "编制", "辆", "面积", "序号", "行次", "年度", "比例")


def is_money_header(header: str) -> bool:
    return not any(word in header for word in _NOT_MONEY)


def numeric_headers(rows: list[GridRow]) -> set[str]:
    """Columns holding a number on some row: an empty cell there is a printed empty value."""
    return {header for r in rows for header, text in r.cells if text.strip() and is_number(text)}


def parse_other(block: TableBlock) -> ParsedTables:
    # only a unit the table prints makes its numbers amounts: a table of the
    # department's units may print years, counts and row numbers
    unit = block.unit
    table = new_table(block, unit)
    problems: list[Problem] = []
    _, rows = read_grid(body_lines(block))
    numeric = numeric_headers(rows)
    for grid_row in rows:
        row = Row(locator=locator(grid_row.line))
        for header, text in grid_row.cells:
            key = f"extra:{header}"
            if not text.strip():
                if header in numeric:
                    row.values[key] = None
                continue
            if is_number(text):
                try:
                    row.values[key] = amount(text, unit) if unit and is_money_header(header) \
                        else parse_amount(text)
                except ValueError:
                    problems.append(problem(f"not a number: {text!r}", grid_row.line))
            elif row.name is None:
                row.name = text
            else:
                row.texts[key] = text
        table.rows.append(row)
    return ParsedTables([finish(table)], problems)


TABLE_PARSERS.add("other", parse_other)
