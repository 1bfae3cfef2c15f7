"""收支总表 and 财政拨款收支总表: rows keyed by `side` + `item`.

Steps: header and body lines → panels (`summary_layout`: which columns hold
which side's labels, 行次 and values) → one entry per panel and printed line
(`summary_entries`) → rows, each label placed in its side's list
(`summary_items`: the contract item, or the row it details as `parent`).

Every printed line of a panel is a row, with or without figures; a figure
no column holds is left out of the rows, for the reading's figure accounting
to report (`table.figures-unplaced`); the 行次 and 序号 a template numbers its
lines with are kept as the row's `extra:行次` / `extra:序号`.
"""

from __future__ import annotations

import re

from cnbudget.ingest.layout import Line
from cnbudget.model import Problem, Row
from cnbudget.model.table_types import PARENT_TEXT
from cnbudget.normalise.amounts import is_number
from cnbudget.recognise.blocks import TABLE_PARSERS, ParsedTables, TableBlock
from cnbudget.recognise.lines import label_key, positional, repeats_header
from cnbudget.recognise.tables.cells import (
    amount,
    body_lines,
    finish,
    locator,
    new_table,
    problem,
    table_unit,
)
from cnbudget.recognise.tables.summary_entries import Entry, entries_of, merge_wrapped
from cnbudget.recognise.tables.summary_items import (
    INCOME,
    ItemList,
    is_item_label,
    numbering_style,
    part_heading,
    side_of_label,
)
from cnbudget.recognise.tables.summary_layout import (
    FUND_KEYS,
    HEADER_WORDS,
    SummaryLayout,
    default_panels,
    is_header_line,
    positional_layout,
    sequence_panels,
)


def body_start(lines: list[Line]) -> int:
    """The first line holding a row: a label a summary row carries (a contract
    item, a numbered line, a category) that is not a header cell, printed with
    a figure, a list number or beside another such label."""
    for i, line in enumerate(lines):
        if is_header_line(line):
            continue
        labels = [t for t in line.filled if not is_number(t)]
        rows = [t for t in labels if is_item_label(t)
                and (numbering_style(t) is not None or label_key(t) not in HEADER_WORDS)]
        figures = [t for t in line.filled if is_number(t) and not re.fullmatch(r"\d{1,3}", t.strip())]
        if rows and (figures or len(rows) > 1 or any(numbering_style(t) for t in rows)):
            return i
    return len(lines)


def summary_layout(block: TableBlock, header: list[Line], body: list[Line]) -> SummaryLayout:
    shaped = [ln for ln in body if positional(ln)]
    if shaped and len(shaped) * 2 >= len(body):
        return positional_layout(header, body, block.type)
    panels, serial = sequence_panels(header, block.type)
    layout = SummaryLayout(panels or default_panels())
    if serial is not None:
        layout.serial_col, layout.serial_key = -1, f"extra:{serial}"
    return layout


def parse_summary(block: TableBlock) -> ParsedTables:
    unit = table_unit(block)
    table = new_table(block, unit)
    problems: list[Problem] = []
    lines = body_lines(block)
    start = body_start(lines)
    header = lines[:start]
    rest = [ln for ln in lines[start:] if not repeats_header(ln, header)]  # after a page break
    body = [ln for ln in rest if not is_header_line(ln)]
    layout = summary_layout(block, header, body)
    if len(layout.panels) == 1:  # sides one below the other: a 收入 / 支出 line heads each
        body = _merged_parts([ln for ln in rest if not is_header_line(ln) or _side_line(ln)], layout)
    else:
        body = merge_wrapped(body, layout)
    lists = {id(p): ItemList(p.side or INCOME, p.kind) for p in layout.panels}
    side: str | None = None  # of a one-panel table printing its sides one below the other
    for entry in entries_of(body, layout, problems):
        label = entry.label
        if len(layout.panels) == 1:
            part = part_heading(label) if label else None
            if part is not None:  # 收入 / 经济分类支出 …: a list of its own starts below
                side = part[0]
                lists[id(entry.panel)] = ItemList(side, part[1] or entry.panel.kind)
                continue
            side = _stacked_side(entry, side, lists)
        row = _row(entry, lists, unit, problems, side, len(layout.panels) == 1)
        if row is not None:
            table.rows.append(row)
    return ParsedTables([finish(table)], problems)


def _merged_parts(body: list[Line], layout: SummaryLayout) -> list[Line]:
    """`merge_wrapped` part by part: a 收入 / 支出 line heads the rows below it,
    it does not continue the name above it (合计 | 4097.11, then 支出)."""
    out: list[Line] = []
    part: list[Line] = []
    for line in body:
        if _side_line(line):
            out += [*merge_wrapped(part, layout), line]
            part = []
        else:
            part.append(line)
    return out + merge_wrapped(part, layout)


def _side_line(line: Line) -> bool:
    """A line naming one side only (收入, 二、支出): it heads the rows below it."""
    return len(line.filled) == 1 and part_heading(line.filled[0]) is not None


def _stacked_side(entry: Entry, side: str | None, lists: dict[int, ItemList]) -> str:
    """The side of a line of a table printing income above expenditure in one
    block: what its label says, else the side of the lines above it."""
    said = side_of_label(entry.label) if entry.label else None
    chosen = said or side or entry.panel.side or INCOME
    current = lists[id(entry.panel)]
    if current.side != chosen:
        lists[id(entry.panel)] = ItemList(chosen, entry.panel.kind)
    return chosen


def _row(entry: Entry, lists: dict[int, ItemList], unit: str | None, problems: list[Problem],
         side: str | None, shared: bool = False) -> Row | None:
    """A panel's printed line as a row. `shared`: one panel holds both sides,
    so its fund columns (一般公共预算财政拨款 …) split the expenditure only: an
    income line is a fund itself, and its blank cells there are no figures of it."""
    label = entry.label
    if not label and not entry.has_value:
        return None  # a blank line of a panel (its 行次 only)
    side = side or entry.panel.side or INCOME
    row = Row(side=side, name=label or None, locator=locator(entry.line))
    if label:
        placed = lists[id(entry.panel)].place(label)
        row.item = placed.item
        if placed.parent is not None:
            row.texts[PARENT_TEXT] = placed.parent
    row.texts.update(entry.texts)
    for key in entry.keys:
        text = entry.values.get(key, "")
        if shared and side == INCOME and key in FUND_KEYS and not text.strip():
            continue
        try:
            row.values[key] = amount(text, unit)
        except ValueError:
            problems.append(problem("cell.not-an-amount", entry.line, text=text))
            row.values[key] = None
    return row


TABLE_PARSERS.add("summary", parse_summary)
TABLE_PARSERS.add("fiscal_summary", parse_summary)
