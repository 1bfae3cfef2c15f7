"""收入(预算)总表 printed as a list of income items rather than by classification code.

Two forms: one level, numbered (硚口 表二: 一. 财政拨款（补助） / （一）公共预算
财政拨款（补助） / 1. 经费拨款（补助） …), and two levels in two label columns
(江苏: 一般公共预算资金 merged down over 小计 / 公共财政拨款(补助)资金 / 专项收入).
One row per printed line. A row's item is the income table's own key for
what it is (`fiscal_general`, `special_account`, `carryover`, `total` for the
table's total; `use_of_reserves` and `grand_total` where a list prints them);
a line detailing another names it as `parent` and has no item of its own; a
group's 小计 line is the group's row, named as printed (一般公共预算资金小计).
Values: the 金额 column as `total`.

In space-split text, where positions are lost, a merged group label is
printed on its group's first line (beside 小计) or, vertically centred, on
its middle line: both are read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cnbudget.ingest.layout import Line
from cnbudget.model import Problem, Row, Table
from cnbudget.model.table_types import PARENT_TEXT
from cnbudget.normalise.amounts import is_number
from cnbudget.recognise.blocks import ParsedTables, TableBlock
from cnbudget.recognise.lines import label_key, positional
from cnbudget.recognise.tables.cells import (
    amount,
    body_lines,
    finish,
    locator,
    new_table,
    problem,
    table_unit,
    tokens,
)
from cnbudget.recognise.tables.coded_rows import split_joined_code
from cnbudget.recognise.tables.summary_entries import Entry, entries_of, merge_wrapped
from cnbudget.recognise.tables.summary_items import INCOME, ItemList, Placed, income_item
from cnbudget.recognise.tables.summary_layout import is_header_line, positional_layout

# the summary's income items → the income table's keys
_INCOME_KEYS = {"carryover_begin": "carryover", "income_total": "total"}
_SUBTOTAL = re.compile(r"^(?:小计|合计)$")
_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$|^\d{2}$")


def is_item_list(block: TableBlock) -> bool:
    """An income table listing items (no classification codes; most labels income items)."""
    labels: list[str] = []
    for line in body_lines(block):
        toks = [t for t in tokens(line) if not t.empty]
        if toks and (_CODE.match(toks[0].text) or split_joined_code(toks[0].text)):
            return False  # rows keyed by code (a code printed with its name too)
        labels += [t.text for t in toks if not t.number]
    known = [t for t in labels if income_item(label_key(t))]
    return len(known) >= 3


def parse_income_items(block: TableBlock) -> ParsedTables:
    unit = table_unit(block)
    table = new_table(block, unit)
    problems: list[Problem] = []
    lines = body_lines(block)
    start = next((i for i, ln in enumerate(lines) if _starts_body(ln)), len(lines))
    header, body = lines[:start], lines[start:]
    lists = ItemList(INCOME)
    if sum(positional(ln) for ln in body) * 2 >= len(body) and body:
        layout = positional_layout(header, body, block.type)
        body = merge_wrapped(body, layout)
        drafts = _from_entries(entries_of(body, layout, problems), lists)
    else:
        drafts = _from_text(body, lists, problems)
    _rows(table, drafts, unit, problems)
    return ParsedTables([finish(table)], problems)


def _starts_body(line: Line) -> bool:
    if is_header_line(line):
        return False
    labels = [t for t in line.filled if not is_number(t)]
    return any(income_item(label_key(t)) for t in labels) or any(
        re.match(r"^[一二三四五六七八九十]+\s*[、.．]", t.strip()) for t in labels)


@dataclass(slots=True)
class _Draft:
    name: str
    placed: Placed
    values: dict[str, str]
    line: Line


def _from_entries(entries: list[Entry], lists: ItemList) -> list[_Draft]:
    """Rows of a list whose cells keep their columns: a second label column holds
    the items of the group merged down beside them."""
    out: list[_Draft] = []
    group: str | None = None  # how the rows under the open group name it
    for entry in entries:
        outer = entry.labels[0] if len(entry.labels) > 1 else ""
        inner = entry.labels[-1] if entry.labels else ""
        if not outer and not inner:
            if entry.has_value:
                out.append(_Draft("", Placed(None, None), entry.values, entry.line))
            continue
        if outer and (not inner or _SUBTOTAL.match(inner.strip())):
            placed = lists.place(outer)  # the group's 小计 line is the group's row
            group = _ref(placed, outer) if inner else None
            out.append(_Draft(outer + inner.strip(), placed, entry.values, entry.line))
        elif outer:
            group = _ref(lists.place(outer), outer)  # a group printing no 小计 of its own
            out.append(_Draft(inner, lists.place_under(inner, group), entry.values, entry.line))
        elif group is not None and len(entry.labels) > 1:
            out.append(_Draft(inner, lists.place_under(inner, group), entry.values, entry.line))
        else:
            group = None if len(entry.labels) > 1 else group
            out.append(_Draft(inner, lists.place(inner), entry.values, entry.line))
    return out


def _ref(placed: Placed, name: str) -> str:
    return placed.item or name.strip()


def _from_text(body: list[Line], lists: ItemList, problems: list[Problem]) -> list[_Draft]:
    """Rows of space-split text: labels and the figures after them."""
    lines = []
    for line in body:
        labels, figures = _text_cells(line)
        if labels or figures:
            lines.append((line, labels, figures))
    outers = _centred_groups(lines)
    out: list[_Draft] = []
    group: str | None = None  # how the rows under the open group name it
    centred: str | None = None  # the open group's label, printed further down
    for n, (line, labels, figures) in enumerate(lines):
        values = {"amount": figures[0] if figures else ""}  # a second figure: left to the accounting
        if n in outers:  # a group's 小计 line, its label printed further down
            centred = outers[n]
            placed = lists.place(centred)
            group = _ref(placed, centred)
            out.append(_Draft(centred + labels[0], placed, values, line))
            continue
        if centred is not None and labels and labels[0] == centred:
            labels = labels[1:]  # the centred label: read with the group's 小计 line
            if not labels:
                continue
        elif len(labels) >= 2:  # a group's label printed on its first line
            centred = None
            placed = lists.place(labels[0])
            group = _ref(placed, labels[0])
            if _SUBTOTAL.match(labels[1]):
                out.append(_Draft(labels[0] + labels[1], placed, values, line))
                continue
            labels = labels[1:]
        label = labels[0] if labels else ""
        if group is not None and label and not _is_total(label):
            out.append(_Draft(label, lists.place_under(label, group), values, line))
        else:
            group = centred = None
            out.append(_Draft(label, lists.place(label) if label else Placed(None, None), values, line))
    return out


_NUMBERING_ONLY = re.compile(r"^(?:[一二三四五六七八九十]+|\d+)\s*[、.．]$|^[(（][一二三四五六七八九十\d]+[)）]$")


def _text_cells(line: Line) -> tuple[list[str], list[str]]:
    """A space-split line's labels and figures: pieces of one label joined where
    a list number or a bracket was split off (`八.` `上年结余` `(转)`), a group's
    `小计` split from its label where the spaces between were lost."""
    labels: list[str] = []
    figures: list[str] = []
    for tok in tokens(line):
        if tok.empty:
            continue
        if tok.number:
            figures.append(tok.text)
        elif labels and not figures and (_NUMBERING_ONLY.match(labels[-1]) or tok.text.startswith(("(", "（"))):
            labels[-1] += tok.text
        else:
            labels.append(tok.text)
    if len(labels) == 1 and labels[0].endswith("小计") and len(labels[0]) > 2:
        labels = [labels[0][:-2], "小计"]
    return labels, figures


def _is_total(label: str) -> bool:
    return income_item(label_key(label)) in ("grand_total", "income_total")


def _centred_groups(lines: list[tuple[Line, list[str], list[str]]]) -> dict[int, str]:
    """Groups printed with their 小计 first and their merged label centred: a
    line whose label is a lone 小计 opens a group that runs to the next such line
    or total; its label is the first of a line of two labels, else the lone
    label on the group's middle line. {first line: group label}."""
    opens = [n for n, (_, labels, _) in enumerate(lines) if labels and _SUBTOTAL.match(labels[0])]
    out: dict[int, str] = {}
    for k, first in enumerate(opens):
        end = opens[k + 1] if k + 1 < len(opens) else len(lines)
        end = next((n for n in range(first + 1, end) if any(_is_total(x) for x in lines[n][1])), end)
        block = range(first, end)
        pair = next((n for n in block if len(lines[n][1]) >= 2 and n != first), None)
        if pair is not None:
            out[first] = lines[pair][1][0]
        elif len(block) > 1 and lines[block[len(block) // 2]][1]:
            out[first] = lines[block[len(block) // 2]][1][0]
    return out


def _rows(table: Table, drafts: list[_Draft], unit: str | None, problems: list[Problem]) -> None:
    has_year_total = any(d.placed.item == "income_total" for d in drafts)
    for draft in drafts:
        row = Row(name=draft.name or None, locator=locator(draft.line))
        row.item = _income_key(draft.placed.item, has_year_total)
        if draft.placed.parent is not None:
            row.texts[PARENT_TEXT] = _income_key(draft.placed.parent, has_year_total) or draft.placed.parent
        for key, text in draft.values.items():
            column = "total" if key == "amount" else key
            try:
                row.values[column] = amount(text, table.unit)
            except ValueError:
                problems.append(problem("cell.not-an-amount", draft.line, text=text))
                row.values[column] = None
        table.rows.append(row)


def _income_key(item: str | None, has_year_total: bool) -> str | None:
    if item == "grand_total":
        return "grand_total" if has_year_total else "total"
    return _INCOME_KEYS.get(item or "", item)

