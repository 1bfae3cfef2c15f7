"""The layouts a variant prints instead of cnbudget's own: 基本支出 in panels,
the 收支总表 stacked, item tables wide. Each returns None where the table does
not fit the layout (its rows or columns say otherwise), and is then printed
as usual."""

from __future__ import annotations

from decimal import Decimal

from cnbudget.model import Row, Table
from cnbudget.model.table_types import THREE_PUBLIC_ITEMS, TableType
from cnbudget.render.printed import (
    BodyValue,
    PrintedTable,
    amount_cell,
    header_text,
    printed_of,
    row_label,
    spending_panels,
    value_columns,
)
from cnbudget.render.variants.headers import ITEM_HEAD, SUBTOTAL, Head, Path, header_cells

BASIC_TYPES = frozenset({"general_public_basic", "fiscal_basic"})
BASIC_KEYS = frozenset({"total", "personnel", "public"})
# economic 类 of 人员经费 (工资福利支出, 对个人和家庭的补助); the others are 公用经费
PERSONNEL_CATEGORIES = ("301", "303")
PANEL_HEADS = {"personnel": "人员经费", "public": "公用经费"}
PANEL_TOTALS = {"personnel": "人员经费合计", "public": "公用经费合计"}
PANEL_LEAVES = ("科目编码", "科目名称", "金额")

WIDE_TYPES = frozenset({"three_public", "operating_cost"})
VEHICLE_GROUP = "公务用车购置及运行费"
# the 三公 items across, in the order most templates print them: item → header path
WIDE_THREE_PUBLIC: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("grand_total", ("合计",)),
    ("total", ("合计",)),
    ("outbound", (THREE_PUBLIC_ITEMS["outbound"],)),
    ("reception", (THREE_PUBLIC_ITEMS["reception"],)),
    ("vehicle", (VEHICLE_GROUP, SUBTOTAL)),
    ("vehicle_purchase", (VEHICLE_GROUP, "购置费")),
    ("vehicle_operation", (VEHICLE_GROUP, "运行费")),
    ("meeting", (THREE_PUBLIC_ITEMS["meeting"],)),
    ("training", (THREE_PUBLIC_ITEMS["training"],)),
)
THREE_PUBLIC_GROUP = "“三公”经费"  # over the 三公 items where 会议费 | 培训费 print beside them
# printed beside the “三公”经费 group: its own 合计 then under it (江苏: 合计 | “三公”经费 →
# 小计 | 因公出国(境)费 | 公务用车… → 小计 | 购置费 | 运行费 … | 会议费 | 培训费)
BESIDE_THREE_PUBLIC = frozenset({"grand_total", "meeting", "training", "operating_cost"})
STACKED_INCOME = "收入"


def basic_side(row: Row) -> str:
    """人员经费 or 公用经费: by the figure the row has, else by its 类."""
    for side in ("personnel", "public"):
        if row.values.get(side) is not None and row.values.get(_other(side)) is None:
            return side
    return "personnel" if (row.code or "").startswith(PERSONNEL_CATEGORIES) else "public"


def _other(side: str) -> str:
    return "public" if side == "personnel" else "personnel"


def fits_panels(table: Table) -> bool:
    keys = {k for r in table.rows for k in r.values}
    return (table.type in BASIC_TYPES and bool(table.rows) and keys <= BASIC_KEYS
            and all((r.code and not r.texts) or r.item == "total" for r in table.rows))


def panel_amount(row: Row) -> Decimal | None:
    """The one figure a panel prints for a row: its total."""
    if "total" in row.values:
        return row.values["total"]
    return row.values.get(basic_side(row))


def _split(rows: list[Row], parts: int) -> list[list[Row]]:
    """Rows cut into `parts` runs of about equal length, at a 类 where one is near."""
    if parts == 1 or len(rows) < 2:
        return [rows] + [[] for _ in range(parts - 1)]
    half = (len(rows) + 1) // 2
    starts = [i for i, r in enumerate(rows) if i and r.code and len(r.code) == 3]
    cut = min(starts, key=lambda i: abs(i - half)) if starts else half
    if abs(cut - half) > len(rows) // 4:
        cut = half  # no 类 near the middle: the panel continues mid-category
    return [rows[:cut], rows[cut:]]


def basic_panels(table: Table, factor: Decimal | None, count: int) -> PrintedTable | None:
    """基本支出 as 人员经费 | 公用经费 (| 公用经费, continued), each code | name | 金额,
    the panel totals on the last line (石家庄 公开06表)."""
    if count < 2 or not fits_panels(table):
        return None
    coded = [r for r in table.rows if r.code]
    total = next((r for r in table.rows if r.item == "total"), None)
    personnel = [r for r in coded if basic_side(r) == "personnel"]
    public = [r for r in coded if basic_side(r) == "public"]
    panels = [("personnel", personnel), *(("public", part) for part in _split(public, count - 1))]
    paths: list[Path] = []
    for n, (side, _) in enumerate(panels):
        top = Head(PANEL_HEADS[side], n + 1)
        paths += [(top, Head(leaf, 100 * (n + 1) + i)) for i, leaf in enumerate(PANEL_LEAVES)]
    body: list[list[BodyValue]] = []
    for line in range(max(len(rows) for _, rows in panels)):
        cells: list[BodyValue] = []
        for _, rows in panels:
            row = rows[line] if line < len(rows) else None
            cells += ["", "", ""] if row is None else [
                row.code or "", row_label(row), amount_cell(panel_amount(row), "total", factor)]
        body.append(cells)
    if total is not None:
        cells = []
        for n, (side, _) in enumerate(panels):
            shown = n < 2  # each side's total once, in its first panel
            cells += ["", PANEL_TOTALS[side] if shown else "",
                      amount_cell(total.values.get(side), side, factor) if shown else ""]
        body.append(cells)
    width = len(paths)
    names = frozenset(range(1, width, 3))
    labels = frozenset(c for c in range(width) if c % 3 != 2)
    printed = printed_of(table, header_cells(paths), body, width, names, labels)
    printed.panel_starts = frozenset(range(3, width, 3))
    return printed


def stacked_summary(table: Table, ttype: TableType, factor: Decimal | None) -> PrintedTable | None:
    """收入 rows, then each 支出 panel's rows, under one 项目 | 金额, each part
    under a line naming it (收入, 支出 or 经济分类支出 / 功能分类支出)."""
    if not table.rows:
        return None
    columns = value_columns(table, ttype, table.rows) or ["amount"]
    income = [r for r in table.rows if r.side == "income"]
    parts = [(STACKED_INCOME, income), *spending_panels([r for r in table.rows if r.side != "income"])]
    paths: list[Path] = [(Head(ITEM_HEAD),), *((Head(header_text(ttype, k), i + 1),) for i, k in enumerate(columns))]
    body: list[list[BodyValue]] = []
    for head, rows in parts:
        body.append([head] + [""] * len(columns))
        for row in rows:
            body.append([row.name or row.item or "", *(amount_cell(row.values.get(k), k, factor) for k in columns)])
    return printed_of(table, header_cells(paths), body, len(paths), frozenset({0}), frozenset({0}))


def _wide_paths(table: Table) -> list[tuple[Row, tuple[str, ...]]] | None:
    keys = [r.item or r.code for r in table.rows]
    if not table.rows or None in keys or len(set(keys)) != len(keys) or any(r.texts for r in table.rows):
        return None
    if table.type != "three_public":
        return [(r, ("合计",) if r.item == "total" else (row_label(r),)) for r in table.rows]
    by_item = {r.item: r for r in table.rows}
    known = [(by_item[item], path) for item, path in WIDE_THREE_PUBLIC if item in by_item]
    if "vehicle" in by_item and not {"vehicle_purchase", "vehicle_operation"} & set(by_item):
        known = [(r, (VEHICLE_GROUP,) if r.item == "vehicle" else p) for r, p in known]
    if BESIDE_THREE_PUBLIC & set(by_item):
        # 合计 beside 会议费 | 培训费 would read as the total of all: it is the 三公 total
        known = [(r, p if r.item in BESIDE_THREE_PUBLIC
                  else (THREE_PUBLIC_GROUP, SUBTOTAL) if r.item == "total" and "grand_total" in by_item
                  else (THREE_PUBLIC_GROUP, *p)) for r, p in known]
    listed = {id(r) for r, _ in known}
    return known + [(r, (row_label(r),)) for r in table.rows if id(r) not in listed]


def wide_items(table: Table, ttype: TableType, factor: Decimal | None) -> PrintedTable | None:
    """Items as headers over one line of figures (三公: 合计 | 因公出国(境)费 |
    公务接待费 | 公务用车购置及运行费 → 小计 | 购置费 | 运行费); with several value
    columns, each a group over the items (预算数 … | 决算数 …)."""
    if table.type not in WIDE_TYPES:
        return None
    items = _wide_paths(table)
    if items is None:
        return None
    columns = value_columns(table, ttype, table.rows)
    paths: list[Path] = []
    body: list[BodyValue] = []
    for g, key in enumerate(columns):
        group = (Head(header_text(ttype, key), g + 1),) if len(columns) > 1 else ()
        for n, (row, path) in enumerate(items):
            heads = tuple(Head(text, 1000 * (g + 1) + (n if i == len(path) - 1 else 999 - i))
                          for i, text in enumerate(path))
            paths.append((*group, *heads))
            body.append(amount_cell(row.values.get(key), key, factor))
    return printed_of(table, header_cells(paths), [body], len(paths), frozenset(), frozenset())
