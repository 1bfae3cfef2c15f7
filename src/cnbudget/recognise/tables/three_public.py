"""“三公”经费支出表: rows keyed by item.

Two layouts are printed: items down the side with their amounts across
(合计 | 一般公共预算 | …, or 预算数 | 决算数), and items across the top with one
line of figures under them (合计 | “三公”经费 → 小计 | 因公出国(境)费 |
公务用车购置及运行维护费 → 小计 | 购置费 | 运行费 | 会议费 | 培训费; 预算数 … |
决算数 … side by side). Across the top, each figure's item is what the header
path over it says (recognise/tables/across.py gives the path from the cells'
geometry); only where positions are lost (space-split text) are the figures
placed in the template's usual order by the table's own arithmetic (合计 =
出国 + 公务用车 + 接待, 公务用车 = 购置 + 运行).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from decimal import Decimal

from cnbudget.ingest.layout import Line
from cnbudget.model import Problem, Row, Table
from cnbudget.model.table_types import THREE_PUBLIC_ITEMS
from cnbudget.normalise.amounts import parse_amount
from cnbudget.normalise.text import fold
from cnbudget.recognise.blocks import TABLE_PARSERS, ParsedTables, TableBlock
from cnbudget.recognise.lines import label_key, positional
from cnbudget.recognise.tables.across import (
    Across,
    HeaderPath,
    Placed,
    block_labels,
    blocks,
    column_keys,
    leaf_paths,
    read_across,
    split_path,
)
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
from cnbudget.recognise.tables.coded_header import label_text
from cnbudget.recognise.tables.other import is_count_header

_ORDER = ("total", "outbound", "vehicle", "vehicle_purchase", "vehicle_operation", "reception")


_YEAR_WORD = re.compile(r"(?:19|20)\d\d年|本年|上年|当年")
_GENERIC = ("合计", "小计", "总计")  # a total: of the group over it, or of the table
_GROUP = "三公"  # “三公”经费 over its items (beside 会议费 | 培训费, 机关运行经费)


def _key(label: str) -> str:
    return label_key(label).replace('"', "")


def item_for(label: str) -> str | None:
    key = _key(label)
    if not key:
        return None
    if "机关运行" in key:
        return "operating_cost"
    if any(word in key for word in _GENERIC):
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
    # under 公务用车购置及运行费, or a header row flattened: 购置费 | 运行费 are the vehicle's
    if "购置" in key:
        return "vehicle_purchase"
    if "运行" in key or "运维" in key:
        return "vehicle_operation"
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
    across = read_across(lines)
    if across is not None and _names_items(across):
        _wide(across, unit, table, problems)
        return ParsedTables([finish(table)], problems)
    if start is None:
        _horizontal(block, lines, header_text, unit, table, problems)
        return ParsedTables([finish(table)], problems)
    columns = ["budget", "final"] if final_account else ["amount"]
    extras = [] if final_account else _extra_headers(lines[:start])
    printed = _headers_by_column(lines[:start])
    by_year = {} if final_account else _columns_by_year(printed)
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
        if by_year and all(t.col in by_year for t in values):  # 2023年预算数 | 2024年预算数 | 增减额
            keys = [by_year[t.col] for t in values if t.col is not None]
        for key, tok in zip(keys, values, strict=False):
            row.values[key] = _money(tok, unit, problems, line)
        for key in keys[len(values):]:
            row.values[key] = None
        for tok in values[len(keys):]:  # columns beyond the amounts: 批次 | 人次, 车辆数 …
            header = printed.get(tok.col) if tok.col is not None else None
            if header is not None:
                row.values[f"extra:{header}"] = None if tok.empty else _money(tok, unit, problems, line) \
                    if not is_count_header(header) else _count(tok, problems, line)
        table.rows.append(row)
    _whole_table_total(table.rows)
    return ParsedTables([finish(table)], problems)


def _whole_table_total(rows: list[Row]) -> None:
    """Items down the side: a 合计 above a “三公”经费小计 (and 会议费, 培训费) is the
    whole table's total."""
    totals = [r for r in rows if r.item == "total"]
    own = [r for r in totals if _GROUP in _key(r.name or "")]
    if own and len(totals) > len(own):
        for row in totals:
            if row not in own:
                row.item = "grand_total"


def _money(tok: Token, unit: str | None, problems: list[Problem], line: Line) -> Decimal | None:
    try:
        return amount(tok.text, unit)
    except ValueError:
        problems.append(problem("cell.not-an-amount", line, text=tok.text))
        return None


def _headers_by_column(header: list[Line]) -> dict[int, str]:
    """The header printed over each column of a grid (its lines' labels joined)."""
    out: dict[int, str] = {}
    for line in header:
        if positional(line):
            for cell in line.cells:
                if cell.text.strip() and cell.col is not None:
                    out[cell.col] = out.get(cell.col, "") + label_text(cell.text)
    return out


def _columns_by_year(printed: dict[int, str]) -> dict[int, str]:
    """Value columns headed by years (2023年预算数 | 2024年预算数 | 增减额, 上年 | 本年):
    the latest year's is `amount`, the others extra:<header>; {} where the headers
    name no years (the first value column is the amount)."""
    values = {col: text for col, text in printed.items() if col != min(printed, default=0)}
    if len(values) < 2 or not any(_YEAR_WORD.search(t) for t in values.values()):
        return {}
    keys = column_keys(dict(sorted(values.items())))
    return keys if list(keys.values()).count("amount") == 1 else {}


def _count(tok: Token, problems: list[Problem], line: Line) -> Decimal | None:
    """A count as printed (批次, 人次, 辆): never converted by the table's unit."""
    try:
        return parse_amount(tok.text)
    except ValueError:
        problems.append(problem("cell.not-a-number", line, text=tok.text))
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


def _is_item_word(text: str) -> bool:
    return item_for(text) is not None or _GROUP in _key(text)


@dataclass(frozen=True, slots=True)
class PathItem:
    item: str | None
    name: str  # as printed: the header, a wrapped header joined, a 小计 with its group's name
    own_total: bool = False  # the “三公” group's total (“三公”经费 → 小计), not a bare 合计


def path_item(path: HeaderPath) -> PathItem:
    """The item a header path names. A 小计 is its group's (公务用车购置及运行费 →
    小计 is the vehicle's, “三公”经费 → 小计 the 三公 total); a header wrapped
    over two cells (公务接 / 待费) is read joined."""
    _, items = split_path(path, _is_item_word)
    keys = [_key(t) for t in items]
    if not keys:
        return PathItem(None, "")
    leaf = keys[-1]
    if leaf in _GENERIC:
        for parent, printed in zip(reversed(keys[:-1]), reversed(items[:-1]), strict=True):
            found = item_for(parent)
            if found not in (None, "total"):
                return PathItem(found, printed)
            if _GROUP in parent:
                return PathItem("total", printed + items[-1], own_total=True)
        return PathItem("total", items[-1])
    found = item_for(leaf)
    if found is None and len(keys) > 1 and item_for(keys[-2] + leaf) is not None:
        return PathItem(item_for(keys[-2] + leaf), items[-2] + items[-1])
    if found is None and _GROUP in leaf:
        return PathItem("total", items[-1], own_total=True)  # “三公”经费 printed as one column
    return PathItem(found, items[-1], found == "total" and _GROUP in leaf)


def _names_items(across: Across) -> bool:
    """Items across: the header names at least two 三公 items besides a total."""
    items = {path_item(p).item for p in leaf_paths(across)}
    return len(items - {None, "total"}) >= 2


def _wide(across: Across, unit: str | None, table: Table, problems: list[Problem]) -> None:
    """One row per item the header names, each value placed by the header over it."""
    found = {p: path_item(p) for p in leaf_paths(across)}
    named = _named_totals(found)
    figures = [f for f in across.figures if f.path]  # a figure under no header is left unread
    placed = blocks(figures, lambda f: named[f.path], lambda f: split_path(f.path, _is_item_word)[0])
    keys = column_keys(block_labels(placed))
    whole = _whole_total(placed)
    rows: dict[object, Row] = {}
    for p in placed:
        item = "grand_total" if whole and p.item == "total" else p.item
        name = found[p.figure.path].name
        ident = item if item is not None else name
        row = rows.get(ident)
        if row is None:
            row = rows[ident] = Row(item=item, name=_name(item, name, whole or "grand_total" in named.values()),
                                    locator=locator(p.figure.line))
        key = keys[p.block]
        if row.values.get(key) is not None:
            continue  # the same item twice in a block: the figure stays unread (table.figures-unplaced)
        text = p.figure.text
        row.values[key] = None if not text else _money(Token(text, p.figure.column, True), unit, problems,
                                                       p.figure.line)
    for row in rows.values():
        for key in dict.fromkeys(keys.values()):
            row.values.setdefault(key, None)
    table.rows.extend(rows.values())


def _name(item: str | None, printed: str, whole_table: bool) -> str:
    """The catalogue's name of a known item (a header wrapped or cut over cells is
    no name: 公务接 / 待费); in a table with its own 合计, the 三公 total is the
    “三公”经费小计 (so the tall form reads back the same rows)."""
    if item == "grand_total":
        return "合计"
    if item == "total" and whole_table:
        return "“三公”经费小计"
    return THREE_PUBLIC_ITEMS.get(item or "", printed) if item else printed


def _named_totals(named: dict[HeaderPath, PathItem]) -> dict[HeaderPath, str | None]:
    """Items by path; a bare 合计 where the “三公” group prints its own total (合计
    | “三公”经费 → 小计 … | 会议费 | 培训费) is the whole table's, `grand_total`."""
    own = any(n.item == "total" and n.own_total for n in named.values())
    return {path: "grand_total" if own and n.item == "total" and not n.own_total else n.item
            for path, n in named.items()}


def _whole_total(placed: list[Placed]) -> bool:
    """Whether a lone 合计 beside 会议费 | 培训费 is the whole table's: its figure is
    nearer 三公 + 会议费 + 培训费 than the 三公 items alone."""
    items = {p.item for p in placed}
    if "grand_total" in items or not items & {"meeting", "training"}:
        return False
    by_item: dict[str, Decimal] = {}
    for p in placed:
        if p.block == 0 and p.item and p.figure.text:
            try:
                by_item.setdefault(p.item, parse_amount(p.figure.text) or Decimal(0))
            except ValueError:
                return False
    zero = Decimal(0)
    vehicle = by_item.get("vehicle", by_item.get("vehicle_purchase", zero) + by_item.get("vehicle_operation", zero))
    three = by_item.get("outbound", zero) + vehicle + by_item.get("reception", zero)
    whole = three + by_item.get("meeting", zero) + by_item.get("training", zero)
    total = by_item.get("total")
    return total is not None and abs(total - whole) < abs(total - three)


TABLE_PARSERS.add("three_public", parse_three_public)
