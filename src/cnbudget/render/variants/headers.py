"""Header rows as column paths, so that a variant can reshape them.

A header is held as one path per column, from the top cell over it to the
cell right above the body (功能分类科目 → 科目编码). Paths rebuild the merged
cells: neighbours with the same path prefix share a cell across, a path that
ends early spans down. Flattening, deepening, rewording and unmerging are
pure functions of the paths and cells.
"""

from __future__ import annotations

from dataclasses import dataclass

from cnbudget.render.printed import PrintedCell
from cnbudget.render.variants.variant import Merge


@dataclass(frozen=True, slots=True)
class Head:
    text: str
    group: int = 0  # tells apart neighbouring heads of one text (two 公用经费 panels)


Path = tuple[Head, ...]
SUBTOTAL = "小计"  # a group's own total printed under the group's header
ITEM_HEAD = "项目"
COLUMN_NUMBERS_HEAD = "栏次"


def header_paths(header: list[list[PrintedCell]], width: int) -> list[Path]:
    slots: list[list[tuple[int, PrintedCell] | None]] = [[None] * width for _ in header]
    for r, row in enumerate(header):
        for cell in row:
            for rr in range(r, min(r + cell.rowspan, len(header))):
                for cc in range(cell.col, min(cell.col + cell.colspan, width)):
                    slots[rr][cc] = (r * width + cell.col, cell)
    paths: list[Path] = []
    for c in range(width):
        path: list[Head] = []
        for r in range(len(header)):
            slot = slots[r][c]
            if slot is not None and (not path or path[-1].group != slot[0]):
                path.append(Head(slot[1].text, slot[0]))
        paths.append(tuple(path))
    return paths


def header_cells(paths: list[Path]) -> list[list[PrintedCell]]:
    depth = max((len(p) for p in paths), default=0)
    rows: list[list[PrintedCell]] = [[] for _ in range(depth)]
    for r in range(depth):
        c = 0
        while c < len(paths):
            path = paths[c]
            if len(path) <= r:
                c += 1
                continue
            span = 1
            while c + span < len(paths) and paths[c + span][:r + 1] == path[:r + 1]:
                span += 1
            ends = all(len(p) == r + 1 for p in paths[c:c + span])
            rows[r].append(PrintedCell(path[r].text, c, colspan=span, rowspan=depth - r if ends else 1))
            c += span
    return _blanks_filled(rows, len(paths))


def _blanks_filled(rows: list[list[PrintedCell]], width: int) -> list[list[PrintedCell]]:
    """A blank cell wherever no cell covers a place (a writer placing cells in sequence needs each)."""
    covered = [[False] * width for _ in rows]
    for r, row in enumerate(rows):
        for cell in row:
            for rr in range(r, r + cell.rowspan):
                for cc in range(cell.col, cell.col + cell.colspan):
                    covered[rr][cc] = True
    return [sorted(row + [PrintedCell("", c) for c in range(width) if not covered[r][c]], key=lambda x: x.col)
            for r, row in enumerate(rows)]


def _flat_text(path: Path) -> str:
    leaf = path[-1].text
    if len(path) > 1 and leaf == SUBTOTAL:
        return path[-2].text
    if len(path) > 1 and leaf == ITEM_HEAD:
        return path[-2].text + ITEM_HEAD  # 收入项目 | 金额 | 支出项目 | 金额
    return leaf


def flatten(paths: list[Path], labels: frozenset[int]) -> list[Path]:
    """One header row. Unchanged where a panel would then print one header
    twice (预算数 合计 … 决算数 合计 of a wide 三公 table keeps its groups)."""
    flat = [_flat_text(p) if p else "" for p in paths]
    panel: list[str] = []
    for c, text in enumerate(flat):
        if c in labels:
            panel = []
        elif text in panel:
            return paths
        else:
            panel.append(text)
    return [(Head(text, c),) if text else () for c, text in enumerate(flat)]


def deepen(paths: list[Path], labels: frozenset[int], heading: str) -> list[Path]:
    """A heading over all the value columns (本年支出 over 合计 | 基本支出 | 项目支出)."""
    top = Head(heading, -1)
    return [p if c in labels or not p else (top, *p) for c, p in enumerate(paths)]


def reword(paths: list[Path], words: dict[str, str]) -> list[Path]:
    return [tuple(Head(words.get(h.text, h.text), h.group) for h in p) for p in paths]


def unmerge(rows: list[list[PrintedCell]], merge: Merge) -> list[list[PrintedCell]]:
    """Merged cells as single cells: the text once in the first, or in each."""
    if merge is Merge.MERGED:
        return rows
    out: list[list[PrintedCell]] = [[] for _ in rows]
    for r, row in enumerate(rows):
        for cell in row:
            for rr in range(r, r + cell.rowspan):
                for cc in range(cell.col, cell.col + cell.colspan):
                    first = (rr, cc) == (r, cell.col)
                    # blank cells too: a writer placing cells in sequence (HTML) needs each
                    out[rr].append(PrintedCell(cell.text if first or merge is Merge.REPEATED else "", cc))
    return [sorted(row, key=lambda c: c.col) for row in out]


def column_numbers_row(width: int, labels: frozenset[int], merged: bool) -> list[PrintedCell]:
    """栏次 | 1 | 2 | 3 …: the value columns numbered, 栏次 over the leading labels."""
    lead = next((c for c in range(width) if c not in labels), width)
    # a table of figures only (a wide 三公 table) numbers them without the word
    cells = [PrintedCell(COLUMN_NUMBERS_HEAD, 0, colspan=lead if merged else 1)] if lead else []
    number = 0
    for c in range(width):
        if c not in labels:
            number += 1
            cells.append(PrintedCell(str(number), c))
    return cells
