"""The columns of a 政府采购预算表, by their printed headers, in any order.

Text fields: `code` (科目代码, the functional classification code the
purchase is budgeted under; the 类/款/项 columns joined), `project` (采购项目,
项目名称, 专项名称), `catalog_name` (the 品目: 采购品目, 采购目录, 品目名称,
采购品目大类), `catalog_code` (品目编码, 目录序号), `item_name` (the 品名: 采购
物品名称, 品名; else the 规格), `measure` (计量单位). Values: `quantity`,
`unit_price`, `amount` (金额, 总计, 合计, 采购金额). Any other column is kept
under `extra:<printed header>`: text where it prints text (采购方式,
采购组织形式, 资金来源, 经济科目), amounts where it prints figures (预算资金,
一般公共预算拨款 …).
"""

from __future__ import annotations

import re
from dataclasses import replace

from cnbudget.ingest.layout import Line
from cnbudget.model.table_types import TABLE_TYPES
from cnbudget.normalise.text import fold
from cnbudget.recognise.tables.cells import filled, is_catalog_code, tokens
from cnbudget.recognise.tables.summary_layout import header_paths

PROCUREMENT = TABLE_TYPES["procurement"]
CODE = "code"

# (pattern on the folded header, field); first match wins, so narrower words come first
_FIELDS: tuple[tuple[str, str], ...] = (
    (r"(?:^|科目)(?:代码|编码)$|^(?:功能)?科目$|^[类款项]$", CODE),
    (r"单位名称|预算单位", "extra:单位名称"),
    (r"目录(?:序号|编码|代码)|品目(?:编码|代码)|目录号", "catalog_code"),
    (r"品目|采购目录|目录名称", "catalog_name"),
    (r"物品名称|采购品名|品名|货物名称|商品名称|标的名称", "item_name"),
    (r"采购项目|项目名称|专项名称|^项目$", "project"),
    (r"计量单位|^单位$|数量单位", "measure"),
    (r"单价", "unit_price"),
    (r"数量", "quantity"),
    (r"预算资金|安排资金", "extra:预算资金"),
    (r"规格|型号|配置", "spec"),
    (r"^(?:采购)?金额|采购金额|预算金额|^总计$|^合计$|^金额", "amount"),
)
TEXT_FIELDS = ("project", "item_name", "catalog_code", "catalog_name", "measure")


def field_of(header: str) -> str | None:
    return next((name for pattern, name in _FIELDS if re.search(pattern, header)), None)


def header_texts(header: list[Line]) -> dict[int, list[str]]:
    """Column index → the header cells over it, top to bottom (a merged cell over
    each column it covers), from the header's positional lines (caption lines
    such as 公开表十二 hold no column)."""
    lines = [ln for ln in header if all(t.col is not None for t in tokens(ln))]
    width = max((c.col + c.colspan for ln in lines for c in ln.cells if c.col is not None), default=0)
    width = max([width, *(len(ln.cells) for ln in lines)])
    return {col: path for col, path in header_paths(lines, width).items() if path}


def header_columns(paths: dict[int, list[str]], body: list[Line]) -> dict[int, str]:
    """Column index → field, from the lowest header cell that names one (类 under
    科目, 金额 under a caption over the whole table): the catalogue's own headers
    first, then the words templates use; a column printing catalogue codes
    (C0302) under a name header is the catalog_code; a second column of a field
    taken (规格 beside 品名), or a column no field names, is `extra:<header>`. A
    规格 column is the item_name where no 品名 column is printed. Empty without
    an amount column."""
    own = {fold(c.header): c.key for c in PROCUREMENT.columns}
    coded = _catalogue_code_columns(body)
    columns: dict[int, str] = {}
    for col, path in sorted(paths.items()):
        heads = ["".join(path[i:]) for i in range(len(path) - 1, -1, -1)]  # the leaf first
        name = "catalog_code" if col in coded else next(
            (own.get(h) or field_of(h) for h in heads if own.get(h) or field_of(h)), None)
        if name is None or (name != CODE and name in columns.values()):
            name = f"extra:{path[-1]}"
        columns[col] = name
    for col, name in columns.items():
        if name == "spec":
            columns[col] = "item_name" if "item_name" not in columns.values() else f"extra:{paths[col][-1]}"
    return columns if "amount" in columns.values() else {}


def _catalogue_code_columns(body: list[Line]) -> set[int]:
    cells: dict[int, list[str]] = {}
    for line in body:
        for tok in filled(tokens(line)):
            if tok.col is not None:
                cells.setdefault(tok.col, []).append(tok.text)
    return {col for col, texts in cells.items() if all(is_catalog_code(t) for t in texts)}


def codes_under_header(lines: list[Line], columns: dict[int, str]) -> bool:
    """Whether the header's columns are the rows' columns: every catalogue code
    sits under the catalogue-code header (not so where merged header cells came apart)."""
    return all(columns.get(t.col) == "catalog_code" for ln in lines for t in tokens(ln)
               if is_catalog_code(t.text))


def realign(lines: list[Line], columns: dict[int, str]) -> list[Line]:
    """Grids of a table continued on another page may be cut with other column
    edges (a margin column more): each such grid is shifted so that its
    rightmost figures sit under the rightmost value column of the header."""
    value_cols = [c for c, f in columns.items() if not f.startswith("extra:") and f not in TEXT_FIELDS
                  and f != CODE]
    if not value_cols:
        return lines
    target = max(value_cols)
    by_grid: dict[int, list[Line]] = {}
    for line in lines:
        if line.grid is not None:
            by_grid.setdefault(line.grid, []).append(line)
    shifts: dict[int, int] = {}
    for grid, grid_lines in by_grid.items():
        numeric = [t.col for ln in grid_lines for t in filled(tokens(ln)) if t.number and t.col is not None]
        if numeric and max(numeric) != target and max(c for ln in grid_lines for c in _cols(ln)) > max(columns):
            shifts[grid] = max(numeric) - target
    if not shifts:
        return lines
    out = []
    for line in lines:
        shift = shifts.get(line.grid or -1, 0)
        if shift:
            cells = tuple(replace(c, col=c.col - shift) for c in line.cells
                          if c.col is not None and (c.col - shift >= 0 or c.text.strip()))
            line = replace(line, cells=cells)
        out.append(line)
    return out


def _cols(line: Line) -> list[int]:
    return [c.col for c in line.cells if c.col is not None]
