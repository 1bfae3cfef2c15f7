"""项目支出表 / 项目支出决算表: one row per project, `item` = the project's name.

`amount` is the project's total column (合计 / 金额 / 预算数 / 决算数, else its
first amount; in a 决算 table printing its budget too, the 决算数 / 执行数); the
other amount columns go under `extra:<printed header>`.
The 合计 line is `item: "total"`.
"""

from __future__ import annotations

from cnbudget.model import Problem, Row
from cnbudget.normalise.amounts import is_number, parse_amount
from cnbudget.recognise.blocks import TABLE_PARSERS, ParsedTables, TableBlock
from cnbudget.recognise.lines import label_key
from cnbudget.recognise.tables.cells import (
    amount,
    body_lines,
    finish,
    locator,
    new_table,
    problem,
    read_grid,
    table_unit,
)
from cnbudget.recognise.tables.other import is_money_header

_TOTAL_HEADERS = ("合计", "金额", "预算数", "决算数", "小计", "总计", "本年拨款")
_NAME_HEADERS = frozenset({"项目名称", "项目", "项目名"})
_FINAL_HEADERS = ("决算", "执行数", "实际支出")


def parse_project_expenditure(block: TableBlock) -> ParsedTables:
    unit = table_unit(block)
    table = new_table(block, unit)
    problems: list[Problem] = []
    headers, rows = read_grid(body_lines(block))
    # a 决算 table printing the budget beside the final figure (年初预算数 | 全年执行数): the
    # final figure is the project's amount; a budget's 上年决算数 is not
    final = next((h for h in headers if any(w in h for w in _FINAL_HEADERS) and not h.startswith("上年")), None)
    amount_header = final or next((h for h in headers if any(w in h for w in _TOTAL_HEADERS)), None)
    for grid_row in rows:
        row = Row(locator=locator(grid_row.line))
        names: list[str] = []
        for header, text in grid_row.cells:
            if not text.strip():
                if header not in _NAME_HEADERS:
                    row.values["amount" if header == amount_header else f"extra:{header}"] = None
                continue
            if is_number(text) and header not in _NAME_HEADERS:
                key = "amount" if header == amount_header or (amount_header is None and "amount" not in row.values) \
                    else f"extra:{header}"
                try:
                    row.values[key] = amount(text, unit) if is_money_header(header) else parse_amount(text)
                except ValueError:
                    problems.append(problem("cell.not-a-number", grid_row.line, text=text))
            elif not names:
                names.append(text)
            else:
                row.texts[f"extra:{header}"] = text
        if names:
            row.name = names[0]
            row.item = "total" if label_key(names[0]).startswith(("合计", "总计")) else names[0]
        table.rows.append(row)
    return ParsedTables([finish(table)], problems)


TABLE_PARSERS.add("project_expenditure", parse_project_expenditure)
