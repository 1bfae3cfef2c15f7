"""Tables printed wide: items across the top, figures under them.

A “三公”经费 table, a 机关运行经费 table and others are often printed with their
items as column headers over one to three header rows (合计 | “三公”经费 →
小计 | 因公出国(境)费 | 公务用车购置及运行维护费 → 小计 | 购置费 | 运行费 …)
and one line of figures (or a few: 预算数 / 决算数) under them. This module
knows nothing of budgets: it gives each printed figure the header path over
it, from the cells' own geometry (grid columns and spans, tab positions), so
that a table's own vocabulary can name the item from the path, never from a
template's fixed order. The path decides; a figure with no header over it has
an empty path and is left to the caller to report.

Header cells printed unmerged are read as the merged cell they stand for: a
text repeated in each cell it covers is one cell, and a blank cell beside a
group heading (text in the first cell only) continues it where the column
has deeper headers of its own under the same parents.

Named steps: `split_lines` (header lines, figure lines) → `header_paths` →
`place` (figures with their paths) → `column_labels` (blocks of items side
by side: 预算数 … | 决算数 …, by 上年 / 本年).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from cnbudget.ingest.layout import Line
from cnbudget.normalise.text import fold
from cnbudget.recognise.lines import is_column_numbers, positional
from cnbudget.recognise.tables.cells import filled, tokens

HeaderPath = tuple[str, ...]
# header words that name the kind of figure, not an item: 预算数 | 决算数, years, sources of funds
_COLUMN_WORD = re.compile(r"预算|决算|金额|拨款|资金|执行数|上年|本年|(?:19|20)\d\d年")
_YEAR = re.compile(r"((?:19|20)\d\d)年")


@dataclass(frozen=True, slots=True)
class Figure:
    """A printed cell under the header: its text ('' where printed empty) and
    the header path over it (() where no header stands over its column)."""

    text: str
    path: HeaderPath
    line: Line
    column: int
    label: str | None = None  # the words printed before the figures on its line (预算数, 2024年)


@dataclass(frozen=True, slots=True)
class Across:
    header: list[Line]
    figures: list[Figure]


def header_text(text: str) -> str:
    """A header cell as printed, without the spaces of a wrapped or spaced-out cell."""
    return re.sub(r"\s+", "", text)


def is_figure_line(line: Line) -> bool:
    """Figures, with at most a leading label (预算数, 2024年): a line under a wide header."""
    toks = filled(tokens(line))
    if not toks or is_column_numbers([t.text for t in toks]):
        return False
    numbers = [t for t in toks if t.number]
    labels = [t for t in toks if not t.number]
    return bool(numbers) and len(labels) <= 1 and (not labels or toks[0] is labels[0])


def split_lines(lines: Sequence[Line]) -> tuple[list[Line], list[Line]] | None:
    """The header lines right above the first line of figures (positional lines of
    the same grid), and the figure lines under it; None where the body goes on
    with labelled rows (items down the side) or no header stands over the figures."""
    first = next((i for i, ln in enumerate(lines) if positional(ln) and is_figure_line(ln)), None)
    if first is None:
        return None
    grid = lines[first].grid
    start = first
    while start > 0 and _same_table(lines[start - 1], lines[first], grid):
        start -= 1
    header = [ln for ln in lines[start:first] if not is_column_numbers([t.text for t in filled(tokens(ln))])]
    body: list[Line] = []
    for ln in lines[first:]:
        if is_column_numbers([t.text for t in filled(tokens(ln))]):
            continue
        if not _same_table(ln, lines[first], grid):
            break
        if not is_figure_line(ln):
            return None  # a labelled row: items down the side
        body.append(ln)
    return (header, body) if header else None


def _same_table(line: Line, figures: Line, grid: int | None) -> bool:
    if not positional(line):
        return False
    return line.grid == grid if grid is not None else line.delimiter is figures.delimiter


def _cells(line: Line) -> list[tuple[int, int, int, str]]:
    """(column, colspan, rowspan, text) of a positional line's cells."""
    out = []
    for i, cell in enumerate(line.cells):
        col = cell.col if cell.col is not None else i
        out.append((col, max(cell.colspan, 1), max(cell.rowspan, 1), header_text(cell.text)))
    return out


def header_paths(header: Sequence[Line], width: int) -> list[HeaderPath]:
    """The header path over each column 0 … width-1, top to bottom."""
    depth = len(header)
    # each slot: (identity of the printed cell, text) or None where nothing is printed
    slots: list[list[tuple[int, str] | None]] = [[None] * width for _ in range(depth)]
    for r, line in enumerate(header):
        for col, colspan, rowspan, text in _cells(line):
            if not text:
                continue
            for rr in range(r, min(r + rowspan, depth)):
                for cc in range(col, min(col + colspan, width)):
                    slots[rr][cc] = (r * 10_000 + col, text)
    leaf = [max((r for r in range(depth) if slots[r][c] is not None), default=-1) for c in range(width)]
    for r in range(depth):
        for c in range(1, width):
            left = slots[r][c - 1]
            # a blank beside a group heading continues it (text in the first cell only)
            if (slots[r][c] is None and left is not None and r < leaf[c] and r < leaf[c - 1]
                    and all(slots[k][c] == slots[k][c - 1] for k in range(r))):
                slots[r][c] = left
    paths: list[HeaderPath] = []
    for c in range(width):
        path: list[str] = []
        for r in range(depth):
            slot = slots[r][c]
            if slot is not None and (not path or path[-1] != slot[1]):
                path.append(slot[1])  # a text repeated down (unmerged cells) is one cell
        paths.append(tuple(path))
    return paths


def read_across(lines: Sequence[Line]) -> Across | None:
    """Every cell under a wide header with its header path; None where the lines
    are no wide table (no header over a line of figures, or labelled rows)."""
    found = split_lines(lines)
    if found is None:
        return None
    header, body = found
    width = max(col + span for ln in (*header, *body) for col, span, _, _ in _cells(ln))
    paths = header_paths(header, width)
    figures: list[Figure] = []
    for line in body:
        cells = {col: text for col, _, _, text in _cells(line)}
        words = {t.col for t in tokens(line) if not t.number and not t.empty}
        label = next((t for c, t in cells.items() if c in words), None)
        # every column under a header: a cell the line leaves out (trailing blanks) is printed empty
        for col in range(width):
            text = cells.get(col, "")
            if col in words:
                continue  # the line's label
            if text or paths[col]:
                figures.append(Figure(text, paths[col], line, col, label))
    return Across(header, figures)


def leaf_paths(across: Across) -> list[HeaderPath]:
    """The distinct header paths over the figures, in printed order."""
    return list(dict.fromkeys(f.path for f in across.figures if f.path))


def split_path(path: HeaderPath, is_item: Callable[[str], bool]) -> tuple[tuple[str, ...], HeaderPath]:
    """A header path as (column words, item path): the headings above the first
    item word that name the kind of figure (预算数, 2024年, 一般公共预算财政拨款)."""
    words: list[str] = []
    for i, text in enumerate(path):
        if is_item(text) or not _COLUMN_WORD.search(fold(text)):
            return tuple(words), path[i:]
        words.append(text)
    return tuple(words), ()


@dataclass(frozen=True, slots=True)
class Placed:
    """A figure with the item its path names and the block (value column) it is in."""

    figure: Figure
    item: str | None  # the vocabulary's key, None where the path names none the table knows
    words: tuple[str, ...]  # column words over it, or its line's label
    block: int


def blocks(figures: Sequence[Figure], item_of: Callable[[Figure], str | None],
           words_of: Callable[[Figure], tuple[str, ...]]) -> list[Placed]:
    """Blocks of items printed side by side (预算数 合计 … | 决算数 合计 …) or on
    lines of their own: a block ends where an item comes again."""
    out: list[Placed] = []
    block, seen, line = 0, set(), None
    for fig in figures:
        item = item_of(fig)
        key = item if item is not None else fig.path
        if line is not None and fig.line is not line:
            block, seen = block + 1, set()
        elif key in seen:
            block, seen = block + 1, set()
        seen.add(key)
        line = fig.line
        words = (fig.label,) if fig.label else words_of(fig)
        out.append(Placed(fig, item, words, block))
    return out


def block_labels(placed: Sequence[Placed]) -> dict[int, str | None]:
    """Each block's column words: those most of its figures stand under (a group
    heading printed one column off still names its block)."""
    out: dict[int, str | None] = {}
    for b in dict.fromkeys(p.block for p in placed):
        words = Counter("".join(p.words) for p in placed if p.block == b and p.words)
        out[b] = words.most_common(1)[0][0] if words else None
    return out


def column_keys(labels: dict[int, str | None]) -> dict[int, str]:
    """The contract's value column of each block: one block is `amount`; 预算数 |
    决算数 are `budget` | `final`; of years (上年 / 本年, 2023年 / 2024年) the latest
    is `amount`; any other block keeps its printed words (`extra:<words>`)."""
    if len(labels) == 1:
        return dict.fromkeys(labels, "amount")
    texts = {b: fold(t or "") for b, t in labels.items()}
    if any("决算" in t for t in texts.values()) and any("预算" in t and "决算" not in t for t in texts.values()):
        return {b: "final" if "决算" in t else "budget" if "预算" in t else _extra(labels[b], b)
                for b, t in texts.items()}
    latest = _latest(texts)
    out: dict[int, str] = {}
    for b, t in texts.items():
        if latest is not None:
            out[b] = "amount" if b == latest else _extra(labels[b], b)
        elif "amount" not in out.values() and (not t or re.fullmatch(r"金额|合计|预算数|决算数|本年.*", t)):
            out[b] = "amount"
        else:
            out[b] = _extra(labels[b], b)
    return out


# a block of changes between the years (增减额, 增减率, 比上年增减) is neither year's figure
_CHANGE = re.compile(r"增减|增长|减少|变动|比上年|差额|差异|幅度|%")


def _latest(texts: dict[int, str]) -> int | None:
    levels = {b: t for b, t in texts.items() if not _CHANGE.search(t)}
    years = {b: int(m.group(1)) for b, t in levels.items() if (m := _YEAR.search(t))}
    if years and len(years) == len(levels) and len(set(years.values())) == len(years):
        return max(years, key=lambda b: years[b])
    this_year = [b for b, t in levels.items() if t.startswith(("本年", "当年"))]
    if len(this_year) == 1 and any(t.startswith("上年") for t in levels.values()):
        return this_year[0]
    return None


def _extra(words: str | None, block: int) -> str:
    return f"extra:{words}" if words else f"extra:{block + 1}"
