"""An economically classified table printed wide (机关运行经费: 合计 | 办公费 |
印刷费 | … over one line of figures): read into the rows of its tall form,
one per economic code the header names, and its 合计.

The header path over each figure decides its row (recognise/tables/across.py):
a header that is an economic name (办公费 → 30201), a 小计 under one (商品和服务
支出 → 小计 → 302), a 合计. A header the catalogue does not know keeps its figure
in a row named as printed (no code), so nothing printed is lost.
"""

from __future__ import annotations

from cnbudget.model import Problem, Row, Table
from cnbudget.model.problems import problem_of
from cnbudget.model.table_types import TABLE_TYPES, RowKey
from cnbudget.normalise.classification import economic_code_for_name
from cnbudget.normalise.text import fold
from cnbudget.recognise.blocks import ParsedTables, TableBlock
from cnbudget.recognise.lines import label_key
from cnbudget.recognise.tables.across import (
    Across,
    HeaderPath,
    block_labels,
    blocks,
    column_keys,
    leaf_paths,
    read_across,
    split_lines,
    split_path,
)
from cnbudget.recognise.tables.cells import (
    amount,
    body_lines,
    finish,
    locator,
    new_table,
    table_unit,
)

_GENERIC = ("合计", "小计", "总计")
_MIN_CODES = 2  # header cells naming economic codes: fewer is no row of items across


def _code(text: str) -> str | None:
    return economic_code_for_name(label_key(text)) if text else None


def _is_generic(text: str) -> bool:
    return label_key(text) in _GENERIC


def _caption(text: str, table: Table | TableBlock) -> bool:
    """A heading over the whole table (机关运行经费 over its items), no item of it."""
    ttype = TABLE_TYPES.get(table.type)
    name = fold(ttype.name).removesuffix("表").removesuffix("支出") if ttype else ""
    return bool(name) and fold(text).startswith(name)


def _is_item_word(text: str) -> bool:
    return _is_generic(text) or _code(text) is not None


def path_row(path: HeaderPath, block: TableBlock) -> tuple[str | None, str | None, str]:
    """(code, item, printed name) of the row a header path names."""
    _, items = split_path(path, _is_item_word)
    items = tuple(t for t in items if not _caption(t, block)) or items[-1:]
    if not items:
        return None, None, ""
    leaf = items[-1]
    if _is_generic(leaf):
        for parent in reversed(items[:-1]):
            if (code := _code(parent)) is not None:
                return code, None, parent
        return None, "total", leaf
    return _code(leaf), None, leaf


def is_items_across(block: TableBlock) -> bool:
    ttype = TABLE_TYPES.get(block.type)
    if ttype is None or ttype.row_key is not RowKey.ECONOMIC:
        return False
    if split_lines(block.lines) is None:
        return False  # no line of figures under a header (most tables: a labelled row follows)
    across = read_across(body_lines(block))
    return across is not None and _names_codes(across, block)


def _names_codes(across: Across, block: TableBlock) -> bool:
    codes = {path_row(p, block)[0] for p in leaf_paths(across)} - {None}
    return len(codes) >= _MIN_CODES


def parse_economic_across(block: TableBlock) -> ParsedTables:
    unit = table_unit(block)
    table = new_table(block, unit)
    problems: list[Problem] = []
    across = read_across(body_lines(block))
    if across is None:
        return ParsedTables([finish(table)], problems)
    named = {p: path_row(p, block) for p in leaf_paths(across)}
    figures = [f for f in across.figures if f.path]  # a figure under no header is left unread
    placed = blocks(figures, lambda f: named[f.path][0] or named[f.path][1] or named[f.path][2],
                    lambda f: split_path(f.path, _is_item_word)[0])
    keys = column_keys(block_labels(placed))
    first_column = TABLE_TYPES[block.type].columns[0].key
    rows: dict[tuple[str | None, str | None, str], Row] = {}
    for p in placed:
        code, item, name = named[p.figure.path]
        ident = (code, item, "" if code or item else name)
        row = rows.get(ident)
        if row is None:
            row = rows[ident] = Row(code=code, item=item, name=name, locator=locator(p.figure.line))
        key = first_column if keys[p.block] == "amount" else keys[p.block]
        if row.values.get(key) is not None:
            continue  # printed twice in a block: the figure stays unread (table.figures-unplaced)
        try:
            row.values[key] = amount(p.figure.text, unit) if p.figure.text else None
        except ValueError:
            problems.append(problem_of("cell.not-an-amount", locator(p.figure.line), text=p.figure.text))
    columns = list(dict.fromkeys(first_column if k == "amount" else k for k in keys.values()))
    for row in rows.values():
        for key in columns:
            row.values.setdefault(key, None)
    # the tall form's order: the 合计 first, then the codes as printed
    table.rows.extend(sorted(rows.values(), key=lambda r: r.item != "total"))
    return ParsedTables([finish(table)], problems)
