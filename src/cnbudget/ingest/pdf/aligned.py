"""Tables printed without closed rulings, read from where their text stands.

Three-line tables, horizontal rules only, an outer frame only or no rulings
at all (Word/WPS exports, tab stops) give the grid no closed cells; their
characters come here as free text. A run of lines, each cut into pieces at
gaps of `RIVER` character heights, becomes a table when at least
`MIN_FIGURE_LINES` of them hold a number-looking piece: the columns are the
x-extents the figure lines cover (a gap clear on every such line separates
two columns), a piece of another line over no column opens one, and each
line is a row whose pieces span the columns they overlap (a heading widened
as `text_columns.piece_spans` centres it). The result is a `GridTable` like a
ruled one, so the characters fill it and recognition reads it the same way.
Geometry only: a number-looking token is used as a mark of alignment.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from cnbudget.ingest.pdf.chars import Char
from cnbudget.ingest.pdf.grid import Box, GridTable, table_from_boxes
from cnbudget.ingest.pdf.text import group_lines, join_wrapped, line_text
from cnbudget.ingest.text_columns import merge_spans, numbers_row, piece_spans
from cnbudget.normalise.amounts import is_number

RIVER = 0.6  # a gap this many character heights wide, clear on every figure line, separates columns
MIN_FIGURE_LINES = 2
_LEADING = 2.5  # lines further apart than this many heights are no rows of one table
_WRAPPED = 0.6  # header lines closer than this many heights can be one header cell, wrapped
_HEADER_LINE = 8  # characters a header cell's line holds at most (a title or unit line holds more)
_LOOK_UNDER = 6  # lines under a header line looked at for what it stands over
_TOUCH = 0.25  # pieces this many heights apart touch (a wrapped header's neighbours stand further off)

Piece = tuple[float, float, str]


def _split(line: list[Char], limit: float) -> list[list[Char]]:
    """A line's characters cut at gaps of `limit` or more."""
    out: list[list[Char]] = []
    for ch in line:
        if out and ch.x0 - out[-1][-1].x1 < limit:
            out[-1].append(ch)
        else:
            out.append([ch])
    return out


def pieces(line: list[Char], limit: float) -> list[Piece]:
    return [(run[0].x0, run[-1].x1, line_text(run)) for run in _split(line, limit)]


def figured(row: list[Piece]) -> bool:
    """A line holding figures (the 栏次 line's column numbers are none)."""
    return len(row) >= 2 and any(is_number(t) for _, _, t in row) and not numbers_row(row)


def _runs(lines: list[list[Char]], rows: list[list[Piece]], size: float) -> list[tuple[int, int]]:
    """Index ranges of lines that read as one table: close under each other,
    opened and closed by lines of two or more pieces."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if len(rows[i]) < 2:
            i += 1
            continue
        j = i + 1
        while j < len(lines) and lines[j][0].top - max(c.bottom for c in lines[j - 1]) <= _LEADING * size:
            j += 1
        end = j
        while end > i and len(rows[end - 1]) < 2:
            end -= 1
        if _enough_figures(rows[i:end]):
            start = i
            while start > (out[-1][1] if out else 0) and _wraps_into(lines, rows, start, size):
                start -= 1
            out.append((start, end))
        i = j
    return out


def _enough_figures(rows: list[list[Piece]]) -> bool:
    """`MIN_FIGURE_LINES` figure lines; or one with several figures under a line of
    headers (a wide 三公 table's one line, a table's last row alone on a page)."""
    with_figures = [n for n, row in enumerate(rows) if figured(row)]
    if len(with_figures) >= MIN_FIGURE_LINES:
        return True
    return bool(with_figures) and _lone_figures(rows[with_figures[0]]) and any(len(row) >= 2 for row in rows[:with_figures[0]])


def _lone_figures(row: list[Piece]) -> bool:
    return sum(is_number(t) for _, _, t in row) >= MIN_FIGURE_LINES


def _wraps_into(lines: list[list[Char]], rows: list[list[Piece]], k: int, size: float) -> bool:
    """The line above line `k` is the first line of a header cell over the
    table's first lines (对附属单 / 位补助支出; 金额 centred over two header rows):
    one short piece, close over the line below, over some piece of the lines
    under it (a title or unit line above is longer than a header cell's line)."""
    if len(rows[k - 1]) != 1:
        return False
    a, b, _ = rows[k - 1][0]
    if b - a > _HEADER_LINE * size or min(c.top for c in lines[k]) - max(c.bottom for c in lines[k - 1]) > _WRAPPED * size:
        return False
    return any(a < y and x < b for m in range(k, min(k + _LOOK_UNDER, len(rows))) for x, y, _ in rows[m])


def columns(rows: list[list[Piece]], size: float = 0.0) -> list[tuple[float, float]]:
    """The columns the figure lines cover; a piece of another line over none opens
    one, unless it is a heading of an upper header line centred (within `size`)
    over two columns or more (收入 over its panel's 项目 | 本年 | 上年)."""
    cols = merge_spans([(a, b) for row in rows if figured(row) for a, b, _ in row])
    first = next((n for n, row in enumerate(rows) if figured(row)), len(rows))
    for n, row in enumerate(rows):
        if not figured(row):
            for a, b, _ in row:
                if any(a < y and x < b for x, y in cols):
                    continue
                if n < first - 1 and _centred_over(a, b, cols, size):
                    continue
                cols = merge_spans([*cols, (a, b)])
    return cols


def _centred_over(a: float, b: float, cols: list[tuple[float, float]], size: float) -> bool:
    return any(cols[i][0] < a and b < cols[j][1] and abs(cols[i][0] + cols[j][1] - a - b) <= 2 * size
               for i in range(len(cols)) for j in range(i + 1, len(cols)))


def number_column(rows: list[list[Piece]], cols: list[tuple[float, float]]) -> bool:
    """A column of figures: at least `MIN_FIGURE_LINES` pieces in it, nearly all
    number-looking (a paragraph whose lines have wide gaps has none)."""
    with_figures = [row for row in rows if figured(row)]
    if len(with_figures) == 1 and _lone_figures(with_figures[0]):
        return True  # the one figure line under a header (`_enough_figures`)
    for x, y in cols:
        inside = [t for row in with_figures for a, b, t in row if x <= a and b <= y]
        numbers = sum(map(is_number, inside))
        if numbers >= MIN_FIGURE_LINES and numbers * 5 >= len(inside) * 4:
            return True
    return False


def _widened(cols: list[tuple[float, float]], heads: list[Piece]) -> list[tuple[float, float]]:
    """Each column as wide as the header over it alone, where that meets no other
    column: a header wider than its figures (一般公共 over 6.58) is the column's, not
    partly its neighbour's."""
    out = list(cols)
    for a, b, _ in heads:
        over = [i for i, (x, y) in enumerate(out) if a < y and x < b]
        if len(over) == 1:
            i = over[0]
            wide = (min(a, out[i][0]), max(b, out[i][1]))
            if not any(wide[0] < y and x < wide[1] for k, (x, y) in enumerate(out) if k != i):
                out[i] = wide
    return out


def _over_text(leaves: list[Piece], body: list[list[Piece]], cols: list[tuple[float, float]]) -> list[Piece]:
    """Header cells placed over the columns they head. Text is printed flush
    left, its header centred over the cell: in a wide column, the header of
    names (科目名称) stands right of the names, where it would open a column of its
    own; it is taken over the names where, centred over a cell starting at the
    names, that cell ends before the next column begins."""
    out: list[Piece] = []
    for a, b, text in leaves:
        left = [i for i, (_, y) in enumerate(cols) if y <= a]
        if any(a < y and x < b for x, y in cols) or not left:
            out.append((a, b, text))
            continue
        i = left[-1]
        x, y = cols[i]
        inside = [t for row in body for p, q, t in row if x <= p and q <= y]
        wordy = bool(inside) and sum(map(is_number, inside)) * 2 < len(inside)
        end = cols[i + 1][0] if i + 1 < len(cols) else float("inf")
        out.append((x, max(b, y), text) if wordy and a + b - x <= end else (a, b, text))
    return out


@dataclass(slots=True)
class _Block:
    """A header cell: its pieces on lines `first` … `last` (a header wrapped in its cell)."""

    first: int
    last: int
    x0: float
    x1: float
    bottom: float
    text: str

    def over(self, a: float, b: float) -> bool:
        return a < self.x1 and self.x0 < b


def _header_blocks(lines: list[list[Char]], size: float, alone: set[int] = frozenset()) -> list[_Block]:
    """The header lines' pieces as cells, a header wrapped over lines (一般公共 /
    预算) one cell: a piece close under a block, each the only one under or
    over the other (touching counts: a heading centred over three columns
    spans the middle one's text exactly), and aligned with it (centred, or
    flush left), continues it. Lines between may hold other cells (科目编码
    centred beside a two-line header)."""
    pieces = [(n, run[0].x0, run[-1].x1, min(c.top for c in run), max(c.bottom for c in run), line_text(run))
              for n, line in enumerate(lines) for run in _split(line, RIVER * size)]
    reach, touch = _WRAPPED * size, _TOUCH * size
    blocks: list[_Block] = []
    for n, a, b, top, bottom, text in pieces:
        near = [k for k in blocks if -touch <= top - k.bottom <= reach and k.over(a - touch, b + touch)]
        if len(near) == 1 and n not in alone and near[0].first not in alone:  # `alone`: lines that continue none
            block = near[0]
            under = [p for p in pieces if p[0] > block.last and -touch <= p[3] - block.bottom <= reach
                     and block.over(p[1] - touch, p[2] + touch)]
            aligned = abs(a + b - block.x0 - block.x1) <= size or abs(a - block.x0) <= size / 2
            if len(under) == 1 and aligned:
                block.last, block.bottom = n, bottom
                block.x0, block.x1, block.text = min(block.x0, a), max(block.x1, b), join_wrapped(block.text, text)
                continue
        blocks.append(_Block(n, n, a, b, bottom, text))
    return blocks


def _spans(row: list[Piece], cols: list[tuple[float, float]], heading: bool) -> list[tuple[int, int]]:
    """The column runs a line's pieces take, pieces sharing a column joined."""
    taken: list[tuple[int, int]] = []
    for covered in piece_spans(row, cols, heading):
        lo, hi = covered[0], covered[-1]
        if taken and lo <= taken[-1][1]:
            taken[-1] = (taken[-1][0], max(hi, taken[-1][1]))
        else:
            taken.append((lo, hi))
    return taken


def _table(lines: list[list[Char]], rows: list[list[Piece]], size: float) -> GridTable | None:
    first = next((n for n, row in enumerate(rows) if figured(row)), len(rows))
    numbering = {n for n in range(first) if numbers_row(rows[n])}  # the 栏次 line: 栏次 | 1 | 2 …
    blocks = _header_blocks(lines[:first], size, numbering)
    # a header cell opens a column of its own only where it heads none (a heading over
    # others, 功能分类科目 over 科目编码 | 科目名称, stands over theirs)
    numbers = [b for b in blocks if b.first in numbering]  # under their headers: no column of their own
    blocks = [b for b in blocks if b.first not in numbering]
    leaf = {id(b): b for b in blocks if not _is_heading(b, blocks, size)}
    body = rows[first:]
    spots = _over_text([(b.x0, b.x1, b.text) for b in leaf.values()], body, columns(body))
    cols = _widened(columns([*body, *([spot] for spot in spots)]), spots)
    at = dict(zip(leaf, spots, strict=True))
    if len(cols) < 2 or not number_column(rows, cols):
        return None
    xs = [cols[0][0] - 1.0] + [(cols[i][1] + cols[i + 1][0]) / 2 for i in range(len(cols) - 1)] + [cols[-1][1] + 1.0]
    tops = [min(c.top for c in line) for line in lines]
    bottoms = [max(c.bottom for c in line) for line in lines]
    ys = [tops[0] - 1.0] + [(bottoms[k] + tops[k + 1]) / 2 for k in range(len(lines) - 1)] + [bottoms[-1] + 1.0]
    boxes: list[Box] = []
    taken: set[tuple[int, int]] = set()  # (row, column) slots a cell holds
    # the header: each cell over the lines it wraps over; column headers first, then the
    # headings over them
    placed: dict[int, tuple[int, int]] = {}
    for block in sorted([*blocks, *numbers], key=lambda b: (id(b) not in leaf, -b.first)):
        if id(block) in leaf:
            lo, hi = _over(at[id(block)][0], at[id(block)][1], cols)
        elif block in numbers:
            lo, hi = _over(block.x0, block.x1, cols)
        else:
            lo, hi = _heading_columns(block, [placed[id(k)] for k in _heads(block, blocks, size) if id(k) in placed],
                                      {c for k, run in placed.items() if id(block) != k and k in leaf
                                       and leaf[k].first <= block.last  # beside it, not under it
                                       for c in range(run[0], run[1] + 1)}, xs)
        slots = {(r, c) for r in range(block.first, block.last + 1) for c in range(lo, hi + 1)}
        if slots & taken:
            continue  # a cell already holds the place: the text falls into that cell
        placed[id(block)] = (lo, hi)
        taken |= slots
        boxes.append((xs[lo], ys[block.first], xs[hi + 1], ys[block.last + 1]))
    for n in range(first, len(rows)):
        for lo, hi in _spans(rows[n], cols, False):
            boxes.append((xs[lo], ys[n], xs[hi + 1], ys[n + 1]))
            taken |= {(n, c) for c in range(lo, hi + 1)}
    boxes += [(xs[c], ys[n], xs[c + 1], ys[n + 1]) for n in range(len(rows)) for c in range(len(cols))
              if (n, c) not in taken]
    return table_from_boxes(boxes, snap=0.1)


def _heads(block: _Block, blocks: list[_Block], size: float) -> list[_Block]:
    """The header cells under a heading (touching counts: centred over three
    columns, it may span the middle one's text exactly)."""
    touch = _TOUCH * size
    return [k for k in blocks if k.first > block.last and block.over(k.x0 - touch, k.x1 + touch)]


def _is_heading(block: _Block, blocks: list[_Block], size: float) -> bool:
    """A header cell over others: some under it, or some on lower lines on both
    sides of it between its neighbours on its own lines (收入 centred over
    项目 | 金额)."""
    if _heads(block, blocks, size):
        return True
    beside = [k for k in blocks if k is not block and k.first <= block.last and block.first <= k.last]
    left = max((k.x1 for k in beside if k.x1 <= block.x0), default=float("-inf"))
    right = min((k.x0 for k in beside if k.x0 >= block.x1), default=float("inf"))
    lower = [k for k in blocks if k.first > block.last and left <= k.x0 and k.x1 <= right]
    return any(k.x1 <= block.x0 for k in lower) and any(k.x0 >= block.x1 for k in lower)


def _over(a: float, b: float, cols: list[tuple[float, float]]) -> tuple[int, int]:
    """The columns a piece overlaps; the nearest where it overlaps none."""
    over = [i for i, (x, y) in enumerate(cols) if a < y and x < b]
    if over:
        return over[0], over[-1]
    near = min(range(len(cols)), key=lambda i: abs(cols[i][0] + cols[i][1] - a - b))
    return near, near


def _heading_columns(block: _Block, under: list[tuple[int, int]], barred: set[int],
                     xs: list[float]) -> tuple[int, int]:
    """A heading's columns: those of the headers under it, widened over columns
    no other header claims to the run whose middle is nearest its own (a
    heading is centred over its columns: 功能分类科目 over 科目编码 | 科目名称)."""
    cols = len(xs) - 1
    if under:
        lo, hi = min(r[0] for r in under), max(r[1] for r in under)
    else:
        lo = hi = min(range(cols), key=lambda i: abs(xs[i] + xs[i + 1] - block.x0 - block.x1))
    first, last = lo, hi
    while first > 0 and first - 1 not in barred:
        first -= 1
    while last + 1 < cols and last + 1 not in barred:
        last += 1
    runs = [(i, j) for i in range(first, lo + 1) for j in range(hi, last + 1)]
    return min(runs, key=lambda r: (abs(xs[r[0]] + xs[r[1] + 1] - block.x0 - block.x1), r[0] - r[1]))


def aligned_tables(chars: list[Char], lines: list[list[Char]] | None = None) -> list[GridTable]:
    """Tables of the characters no ruled table holds, from their alignment; `lines`,
    where given, are `group_lines(chars)` already grouped."""
    if not chars:
        return []
    size = median([c.bottom - c.top for c in chars])  # Char.size
    lines = group_lines(chars) if lines is None else lines
    rows = [pieces(line, RIVER * size) for line in lines]
    tables = [_table(lines[i:j], rows[i:j], size) for i, j in _runs(lines, rows, size)]
    return [t for t in tables if t is not None]
