"""固定资产/国有资产占用情况表: rows keyed by item, `quantity` and `value`.

The value column's unit is printed in its header (价值（金额单位：万元）);
`——` is null. A quantity is a count or an area and is never converted.
"""

from __future__ import annotations

from decimal import Decimal

from cnbudget.ingest.layout import Line
from cnbudget.model import Problem, Row
from cnbudget.recognise.blocks import TABLE_PARSERS, ParsedTables, TableBlock
from cnbudget.recognise.lines import label_key, positional
from cnbudget.recognise.tables.cells import (
    amount,
    body_lines,
    filled,
    finish,
    locator,
    new_table,
    plain_number,
    problem,
    table_unit,
    tokens,
)


def item_for(label: str) -> str | None:
    key = label_key(label)
    if "总额" in key or key.startswith(("合计", "总计")):
        return "total"
    if "办公用房" in key:
        return "office_space"
    if "房屋" in key:
        return "buildings"
    if "车辆" in key:
        return "vehicles"
    if "设备" in key:
        return "equipment_large"
    if "其他固定资产" in key:
        return "other_fixed_assets"
    return None


def parse_assets(block: TableBlock) -> ParsedTables:
    unit = table_unit(block)
    table = new_table(block, unit)
    problems: list[Problem] = []
    lines = body_lines(block)
    for line in lines:
        toks = tokens(line)
        labels = [t for t in toks if not t.empty and not t.number]
        if not labels:
            continue
        label = "".join(t.text for t in labels)
        item = item_for(label)
        if item is None and not any(t.number and not t.empty for t in toks):
            continue  # the header line: 项目 数量 价值
        last_label = max(i for i, t in enumerate(toks) if t in labels)
        values = toks[last_label + 1:]
        if not positional(line):
            values = filled(values)
        row = Row(item=item, name=label, locator=locator(line))
        quantity, value = (values + [None, None])[:2] if len(values) != 1 else (None, values[0])
        row.values["quantity"] = _parse(quantity.text if quantity else "", None, problems, line)
        row.values["value"] = _parse(value.text if value else "", unit, problems, line)
        table.rows.append(row)
    return ParsedTables([finish(table)], problems)


def _parse(text: str, unit: str | None, problems: list[Problem], line: Line) -> Decimal | None:
    try:
        return plain_number(text) if unit is None else amount(text, unit)
    except ValueError:
        problems.append(problem("cell.not-a-number", line, text=text))
        return None


TABLE_PARSERS.add("assets", parse_assets)
