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

from statistics import median

from cnbudget.ingest.pdf.chars import Char
from cnbudget.ingest.pdf.grid import Box, GridTable, table_from_boxes
from cnbudget.ingest.pdf.text import group_lines, line_text
from cnbudget.ingest.text_columns import merge_spans, piece_spans
from cnbudget.normalise.amounts import is_number

RIVER = 1.0  # a gap this many character heights wide, clear on every figure line, separates columns
MIN_FIGURE_LINES = 2
_LEADING = 2.5  # lines further apart than this many heights are no rows of one table

Piece = tuple[float, float, str]


def pieces(line: list[Char], limit: float) -> list[Piece]:
    out: list[Piece] = []
    run: list[Char] = []
    for ch in line:
        if run and ch.x0 - run[-1].x1 >= limit:
            out.append((run[0].x0, run[-1].x1, line_text(run)))
            run = []
        run.append(ch)
    if run:
        out.append((run[0].x0, run[-1].x1, line_text(run)))
    return out


def figured(row: list[Piece]) -> bool:
    return len(row) >= 2 and any(is_number(t) for _, _, t in row)


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
        if sum(figured(rows[k]) for k in range(i, end)) >= MIN_FIGURE_LINES:
            out.append((i, end))
        i = j
    return out


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
    for x, y in cols:
        inside = [t for row in rows if figured(row) for a, b, t in row if x <= a and b <= y]
        numbers = sum(map(is_number, inside))
        if numbers >= MIN_FIGURE_LINES and numbers * 5 >= len(inside) * 4:
            return True
    return False


def _table(lines: list[list[Char]], rows: list[list[Piece]], size: float) -> GridTable | None:
    cols = columns(rows, size)
    if len(cols) < 2 or not number_column(rows, cols):
        return None
    xs = [cols[0][0] - 1.0] + [(cols[i][1] + cols[i + 1][0]) / 2 for i in range(len(cols) - 1)] + [cols[-1][1] + 1.0]
    tops = [min(c.top for c in line) for line in lines]
    bottoms = [max(c.bottom for c in line) for line in lines]
    ys = [tops[0] - 1.0] + [(bottoms[k] + tops[k + 1]) / 2 for k in range(len(lines) - 1)] + [bottoms[-1] + 1.0]
    first = next((n for n, row in enumerate(rows) if figured(row)), len(rows))
    boxes: list[Box] = []
    for n, row in enumerate(rows):
        taken: list[tuple[int, int]] = []
        for covered in piece_spans(row, cols, n < first):
            lo, hi = covered[0], covered[-1]
            if taken and lo <= taken[-1][1]:
                taken[-1] = (taken[-1][0], max(hi, taken[-1][1]))
            else:
                taken.append((lo, hi))
        spanned = {c for lo, hi in taken for c in range(lo, hi + 1)}
        boxes += [(xs[lo], ys[n], xs[hi + 1], ys[n + 1]) for lo, hi in taken]
        boxes += [(xs[c], ys[n], xs[c + 1], ys[n + 1]) for c in range(len(cols)) if c not in spanned]
    return table_from_boxes(boxes, snap=0.1)


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
