"""A printed table (plumber_read) → its rows as printed, for the expected-reading files.

One reading per layout the Jiangsu templates print; the layout is told by the
header leaves, never by cnbudget:

- panels: 收入 | 支出 side by side (收支总表, 财政拨款收支总表): one entry per
  label printed with its figure (a printed line holds up to three);
- coded: 科目编码 | 科目名称 | amounts (支出表, 基本支出表, 机关运行经费 …);
- list: 项目名称 in two levels | 金额 (收入预算总表): `group` is the level-1
  label a level-2 line sits in;
- wide: no label column, items across the top and one line of figures (“三公”
  经费表, 支出预算总表 of the 2019 templates);
- procurement: 采购品目大类 | 专项名称 | 经济科目 | 采购物品名称 | 采购组织形式 | 金额.

Every row carries `cells`: [header path, figure as printed] for each value
column of that row, `None` where the cell is printed empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tests.real.plumber_read import (
    CODE,
    Cell,
    GridRow,
    Leaf,
    Placed,
    PrintedTable,
    header_leaves,
    is_figure,
    place,
    split_header,
    squash,
)


@dataclass
class PrintedRow:
    page: int
    cells: list[tuple[tuple[str, ...], str | None]]
    code: str | None = None
    name: str | None = None
    group: str | None = None
    texts: dict[str, str] = field(default_factory=dict)  # procurement's word columns

    def as_json(self) -> dict:
        out: dict = {"page": self.page}
        for key in ("code", "name", "group"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        if self.texts:
            out["texts"] = self.texts
        out["cells"] = [[list(path), printed] for path, printed in self.cells]
        return out


@dataclass
class Reading:
    layout: str
    leaves: list[Leaf]
    rows: list[PrintedRow]
    repairs: list[str]  # where pdfplumber's cells were joined, for the eye to confirm


def layout_of(title: str, leaves: list[Leaf]) -> str:
    heads = [leaf.path for leaf in leaves]
    flat = ["".join(p) for p in heads]
    if any("采购" in f for f in flat):
        return "procurement"
    if any(p[0] == "收入" for p in heads) and any(p[0] == "支出" for p in heads):
        return "panels"
    if any(("编码" in p[-1] or "代码" in p[-1]) for p in heads):
        return "coded"
    if any(leaf.label for leaf in leaves):
        return "list"
    return "wide"


def _by_leaf(placed: list[Placed], repairs: list[str]) -> dict[int, str | None]:
    """Cell text per leaf; several cells under one leaf are joined left to right."""
    out: dict[int, list[Placed]] = {}
    for p in placed:
        out.setdefault(p.leaf, []).append(p)
    joined: dict[int, str | None] = {}
    for leaf, parts in out.items():
        # wrapped lines top to bottom, words of one line left to right
        parts.sort(key=lambda p: p.cell.x0)
        parts.sort(key=lambda p: round(p.cell.top / 4))
        texts = [p.text for p in parts if p.text]
        if len(texts) > 1:
            repairs.append(f"page {parts[0].cell.page}: joined {texts} under one header")
        joined[leaf] = "".join(texts) or None
    return joined


def read(table: PrintedTable) -> Reading:
    # a header that prints 合计 over a line of figures (“三公”经费表) has no label column
    first_header, _ = split_header(table, figures_only_body=False)
    wide = not any(leaf.label for leaf in header_leaves(first_header))
    header, body = split_header(table, figures_only_body=wide)
    leaves = header_leaves(header)
    layout = layout_of(table.title, leaves)
    header_texts = {squash(c.text) for r in header for c in r.cells if squash(c.text)}
    body = [r for r in body if not (set(r.texts()) and set(r.texts()) <= header_texts)
            or any(is_figure(t) for t in r.texts())]
    repairs = [f"page {r.page}: row read from unruled words {r.texts()}" for r in body if r.unruled]
    reader = {"panels": _panels, "coded": _coded, "list": _list, "wide": _wide,
              "procurement": _procurement}[layout]
    return Reading(layout, leaves, reader(body, leaves, repairs), repairs)


def _values(leaves: list[Leaf], cells: dict[int, str | None]) -> list[tuple[tuple[str, ...], str | None]]:
    return [(leaf.path, cells.get(i)) for i, leaf in enumerate(leaves) if not leaf.label]


def _coded(body: list[GridRow], leaves: list[Leaf], repairs: list[str]) -> list[PrintedRow]:
    rows = []
    code_leaves = [i for i, leaf in enumerate(leaves) if "编码" in leaf.path[-1] or "代码" in leaf.path[-1]]
    name_leaves = [i for i, leaf in enumerate(leaves) if leaf.label and i not in code_leaves]
    for grid in body:
        cells = _by_leaf(place(grid, leaves), repairs)
        code_text = "".join(cells.get(i) or "" for i in code_leaves)
        name = "".join(cells.get(i) or "" for i in name_leaves) or None
        code = code_text if CODE.match(code_text) else None
        if code_text and code is None:  # 合计 printed across the code column
            name = (code_text + (name or "")) or None
        values = _values(leaves, cells)
        if code is None and name is None and not any(v for _, v in values):
            continue  # a blank ruled line
        rows.append(PrintedRow(grid.page, values, code=code, name=name))
    return rows


# how a printed item opens: 一、 | 1. | （一）; a line that does not is the rest of a label
ITEM_START = re.compile(r"^([一二三四五六七八九十]+、|\d+[.．、]|[(（][一二三四五六七八九十\d]+[)）])")


def _panel_entries(grid: GridRow, leaves: list[Leaf], repairs: list[str]
                   ) -> list[tuple[int, str, tuple[str, ...], str | None]]:
    """(label leaf, label, value header path, figure) for each label of one printed line.
    The figure is the first value cell right of the label; an unruled row has no cells
    for its empty figures, so there the label's own value leaf is the next one right."""
    entries = []
    label: tuple[int, str] | None = None

    def empty(pending: tuple[int, str]) -> tuple[int, str, tuple[str, ...], str | None]:
        value = next(i for i in range(pending[0] + 1, len(leaves)) if not leaves[i].label)
        return (pending[0], pending[1], leaves[value].path, None)

    for index, text in sorted(_by_leaf(place(grid, leaves), repairs).items()):
        if leaves[index].label:
            if label is not None and grid.unruled:
                entries.append(empty(label))
            label = (index, text) if text else None
        elif label is not None:
            entries.append((label[0], label[1], leaves[index].path, text))
            label = None
        elif text:
            raise ValueError(f"page {grid.page}: figure {text} has no label")
    if label is not None and grid.unruled:
        entries.append(empty(label))
    elif label is not None:
        raise ValueError(f"page {grid.page}: label {label!r} has no figure cell")
    return entries


def _panels(body: list[GridRow], leaves: list[Leaf], repairs: list[str]) -> list[PrintedRow]:
    """One entry per label printed with its figure. A row the page break cut (the
    label's end at the top of the next page, no figure) is joined to the label it ends."""
    rows: list[PrintedRow] = []
    last_on_page: dict[int, PrintedRow] = {}  # label leaf → entry of the page's last line
    for n, grid in enumerate(body):
        new_page = n > 0 and grid.page != body[n - 1].page
        here: dict[int, PrintedRow] = {}
        for leaf, name, path, printed in _panel_entries(grid, leaves, repairs):
            before = last_on_page.get(leaf)
            if new_page and printed is None and before and not ITEM_START.match(name):
                repairs.append(f"page {grid.page}: {name!r} continues {before.name!r} "
                               f"from page {before.page}")
                before.name = (before.name or "") + name
                continue
            here[leaf] = PrintedRow(grid.page, [(path, printed)], name=name)
            rows.append(here[leaf])
        if n + 1 < len(body) and body[n + 1].page != grid.page:
            last_on_page = here
    return rows


def _list(body: list[GridRow], leaves: list[Leaf], repairs: list[str]) -> list[PrintedRow]:
    """Level-1 labels start at the left edge; a level-2 line belongs to the level-1
    cell whose box spans it (on the next page too, where the box ran to the page's end)."""
    rows = []
    labels = [p.cell for g in body for p in place(g, leaves) if leaves[p.leaf].label and p.text]
    left = min(c.x0 for c in labels)
    group: Cell | None = None
    for n, grid in enumerate(body):
        if n > 0 and grid.page != body[n - 1].page and group is not None:
            page_end = max(c.bottom for c in body[n - 1].cells)
            group = group if group.bottom >= page_end - 1 else None
            if group is not None:
                repairs.append(f"page {grid.page}: {squash(group.text)!r} continues from page {group.page}")
        placed = place(grid, leaves)
        words = sorted((p for p in placed if leaves[p.leaf].label and p.text), key=lambda p: p.cell.x0)
        if not words:
            continue
        rest = words
        if words[0].cell.x0 <= left + 2:
            group, rest = words[0].cell, words[1:]
        elif group is not None and group.page == grid.page and grid.top >= group.bottom - 1:
            group = None
        values = _values(leaves, _by_leaf([p for p in placed if not leaves[p.leaf].label], repairs))
        if rest:
            rows.append(PrintedRow(grid.page, values, name="".join(p.text for p in rest),
                                   group=squash(group.text) if group else None))
        else:
            rows.append(PrintedRow(grid.page, values, name=squash(group.text) if group else None))
    return rows


def _wide(body: list[GridRow], leaves: list[Leaf], repairs: list[str]) -> list[PrintedRow]:
    rows = []
    for grid in body:
        cells = _by_leaf(place(grid, leaves), repairs)
        values = _values(leaves, cells)
        if any(v for _, v in values):
            rows.append(PrintedRow(grid.page, values))
    return rows


def _procurement(body: list[GridRow], leaves: list[Leaf], repairs: list[str]) -> list[PrintedRow]:
    rows = []
    for grid in body:
        cells = _by_leaf(place(grid, leaves), repairs)
        texts = {"".join(leaf.path): cells[i] for i, leaf in enumerate(leaves)
                 if leaf.label and cells.get(i)}
        values = _values(leaves, cells)
        if texts or any(v for _, v in values):
            rows.append(PrintedRow(grid.page, values, texts=texts))
    return rows
