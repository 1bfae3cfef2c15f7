"""“三公”经费支出表: rows keyed by item.

Two layouts are printed: items down the side with their amounts across
(合计 | 一般公共预算 | …, or 预算数 | 决算数), and items across the top with one
line of values under them (公开09表: 预算数 合计 … 公务接待费 | 决算数 合计 …).
The horizontal layout's items come in the template's fixed order; where the
empty cells are lost (space-split text) the values are placed by the table's
own arithmetic (合计 = 出国 + 公务用车 + 接待, 公务用车 = 购置 + 运行).
"""

from __future__ import annotations

import itertools
from decimal import Decimal

from cnbudget.ingest.layout import Line
from cnbudget.model import Problem, Row, Table
from cnbudget.model.table_types import THREE_PUBLIC_ITEMS
from cnbudget.normalise.amounts import parse_amount
from cnbudget.normalise.text import fold
from cnbudget.recognise.blocks import TABLE_PARSERS, ParsedTables, TableBlock
from cnbudget.recognise.lines import label_key, positional
from cnbudget.recognise.tables.cells import (
    Token,
    amount,
    body_lines,
    filled,
    finish,
    locator,
    new_table,
    problem,
    table_unit,
    tokens,
)

_ORDER = ("total", "outbound", "vehicle", "vehicle_purchase", "vehicle_operation", "reception")


def item_for(label: str) -> str | None:
    key = label_key(label).replace('"', "")
    if not key:
        return None
    if "合计" in key or "小计" in key or "总计" in key:
        return "total"
    if "出国" in key:
        return "outbound"
    if "接待" in key:
        return "reception"
    if "会议" in key:
        return "meeting"
    if "培训" in key:
        return "training"
    if "车" in key:
        has_purchase = "购置" in key
        has_running = "运行" in key or "运维" in key or "维护" in key
        if has_purchase and has_running:
            return "vehicle"
        if has_purchase:
            return "vehicle_purchase"
        if has_running:
            return "vehicle_operation"
        return "vehicle"  # 公务用车费
    return None


def _extra_headers(header: list[Line]) -> list[str]:
    """Printed headers of the columns after the first value column (三公 by source of funds)."""
    text = "".join(fold(ln.text) for ln in header)
    names = []
    for word in ("一般公共预算财政拨款", "政府性基金财政拨款", "国有资本经营预算财政拨款", "财政专户核拨资金"):
        if word[:5] in text:
            names.append(word)
    return names


def parse_three_public(block: TableBlock) -> ParsedTables:
    unit = table_unit(block)
    table = new_table(block, unit)
    problems: list[Problem] = []
    lines = body_lines(block)
    start = next((i for i, ln in enumerate(lines) if _item_line(ln)), None)
    header_text = "".join(fold(ln.text) for ln in lines[: start if start is not None else len(lines)])
    final_account = "决算" in header_text and "预算" in header_text
    if start is None:
        _horizontal(block, lines, header_text, unit, table, problems)
        return ParsedTables([finish(table)], problems)
    columns = ["budget", "final"] if final_account else ["amount"]
    extras = [] if final_account else _extra_headers(lines[:start])
    for line in lines[start:]:
        toks = tokens(line)
        labels = [t for t in toks if not t.empty and not t.number]
        if not labels:
            continue
        label = "".join(t.text for t in labels)
        item = item_for(label)
        if item is None and not any(t.number and not t.empty for t in toks):
            continue  # a heading or prose line after the table, not a row
        last_label = max(i for i, t in enumerate(toks) if t in labels)
        values = toks[last_label + 1:]
        if not positional(line):
            values = filled(values)
        row = Row(item=item, name=label, locator=locator(line))
        keys = columns + [f"extra:{h}" for h in extras]
        for key, tok in zip(keys, values, strict=False):
            row.values[key] = _money(tok, unit, problems, line)
        for key in keys[len(values):]:
            row.values[key] = None
        table.rows.append(row)
    return ParsedTables([finish(table)], problems)


def _money(tok: Token, unit: str | None, problems: list[Problem], line: Line) -> Decimal | None:
    try:
        return amount(tok.text, unit)
    except ValueError:
        problems.append(problem("cell.not-an-amount", line, text=tok.text))
        return None


def _item_line(line: Line) -> bool:
    labels = [t for t in tokens(line) if not t.empty and not t.number]
    if not labels:
        return False
    label = "".join(t.text for t in labels)
    if len(labels) > 3:
        return False  # a header line listing the items across
    item = item_for(label)
    if item is None:
        return False
    toks = tokens(line)
    # a 合计 alone on a line may be a header cell (合计 | 一般公共预算 …); with a
    # value or an empty value cell after it, it is the row
    return any(t.number and not t.empty for t in toks) or item != "total" or (
        positional(line) and toks[-1] is not labels[-1])


def _horizontal(block: TableBlock, lines: list[Line], header_text: str, unit: str | None,
                table: Table, problems: list[Problem]) -> None:
    order = list(_ORDER)
    for word, item in (("会议费", "meeting"), ("培训费", "training")):
        if word in header_text:
            order.append(item)
    groups = ["budget", "final"] if "决算" in header_text and "预算" in header_text else ["amount"]
    values_line = _values_line(lines, len(order) * len(groups))
    if values_line is None:
        return
    toks = tokens(values_line)
    while len(toks) > len(order) * len(groups) and toks[0].empty:
        toks = toks[1:]  # indentation cells
    slots: list[str | None]
    if positional(values_line) and len(toks) >= len(order) * len(groups):
        slots = [t.text for t in toks[: len(order) * len(groups)]]
    else:
        found = _place_by_arithmetic([t.text for t in filled(toks)], len(order), len(groups))
        if found is None:
            problems.append(problem("table.values-unplaced", values_line, text=values_line.text))
            return
        slots = found
    for i, item in enumerate(order):
        row = Row(item=item, name=THREE_PUBLIC_ITEMS[item], locator=locator(values_line))
        for g, key in enumerate(groups):
            text = slots[g * len(order) + i]
            row.values[key] = None if text is None else _money(Token(text, None, True), unit, problems,
                                                                values_line)
        table.rows.append(row)


def _values_line(lines: list[Line], width: int) -> Line | None:
    """The line of values under the items: the one with the most printed
    amounts (the column-number line 1 2 3 … is all small integers)."""
    best: Line | None = None
    best_count = 0
    for line in lines:
        toks = tokens(line)
        nums = [t for t in toks if t.number and not t.empty]
        if not nums or any(not t.number and not t.empty for t in toks):
            continue
        texts = [t.text for t in nums]
        if texts == [str(i) for i in range(1, len(texts) + 1)]:
            continue  # 栏次 1 2 3 …
        if len(nums) > best_count:
            best, best_count = line, len(nums)
    return best


def _consistent(values: list[Decimal | None]) -> bool:
    total, outbound, vehicle, purchase, operation, reception = (v or Decimal(0) for v in values[:6])
    return total == outbound + vehicle + reception and vehicle == purchase + operation


def _place_by_arithmetic(texts: list[str], width: int, groups: int) -> list[str | None] | None:
    """Put the printed values back into their columns: the placement (in
    printed order) that satisfies each group's sums; ties go to the later
    columns (公务用车运行维护费 is printed far more often than 购置费)."""
    size = width * groups
    if len(texts) > size:
        return None
    try:
        numbers = [parse_amount(t) for t in texts]
    except ValueError:
        return None
    best: list[str | None] | None = None
    for chosen in itertools.combinations(range(size), len(texts)):
        slots: list[str | None] = [None] * size
        values: list[Decimal | None] = [None] * size
        for pos, text, number in zip(chosen, texts, numbers, strict=True):
            slots[pos], values[pos] = text, number
        if all(values[g * width] is not None and _consistent(values[g * width:(g + 1) * width])
               for g in range(groups)):
            best = slots  # combinations come in order: the last consistent one is the latest
    return best


TABLE_PARSERS.add("three_public", parse_three_public)
