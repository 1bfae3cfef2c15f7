"""Ruled cells that hold columns or rows of their own, split by their text's alignment.

Some producers rule only a table's outer frame and the separators between its
panels (one vertical between 收入 and 支出 of a 收支总表), or its rows but not
its columns, or its columns but not its rows. Such a ruled cell holds a label
and its figure (`一般公共预算拨款收入      1,234.56`), or a whole column of
figures one line under another. Read as the rulings draw it, its text runs
together. Here the text inside a ruled column is cut into pieces at gaps of
`aligned.RIVER` character heights and its columns are found as the aligned
reader finds them (`aligned.columns`: a gap clear on every figure line, a
column of figures among them); the lines of a ruled row whose cells print
figures on two or more lines are its rows. Those boundaries are added to the
ruled ones and the cells they cross are cut up, each piece of text spanning
the columns it overlaps (`text_columns.piece_spans`, a heading centred over
its columns). A cell the rulings merge over several columns or rows (a header
over its sub-headers) stays whole unless its own text shows columns or rows.
"""

from __future__ import annotations

from statistics import median

from cnbudget.ingest.pdf.aligned import RIVER, Piece, columns, figured, number_column, pieces
from cnbudget.ingest.pdf.chars import Char
from cnbudget.ingest.pdf.grid import Box, GridCell, GridTable, table_from_boxes
from cnbudget.ingest.pdf.text import group_lines, lines_text
from cnbudget.ingest.text_columns import piece_spans
from cnbudget.normalise.amounts import is_number

_CLEAR = 1.0  # a boundary found from the text this close to a ruling is that ruling
_SHARED = 3  # bands printed in two or more cells that make a ruled row several rows
_WRAP_PITCH = 1.5  # lines closer than this many character heights may be one text wrapped

Span = tuple[float, float]


def _gapped(line: list[Char], limit: float) -> bool:
    end = line[0].x1
    for ch in line:
        if ch.x0 - end >= limit:
            return True
        end = ch.x1
    return False


def _wrapped_figure(lines: list[list[Char]]) -> bool:
    """One figure a narrow cell wrapped over its lines (`6.` / `5` / `8`, `201030` / `1`):
    the lines read together as a number, set as closely as lines of one paragraph."""
    size = max(ch.size for line in lines for ch in line)
    pitch = max(b[0].top - a[0].top for a, b in zip(lines, lines[1:], strict=False))
    return pitch <= _WRAP_PITCH * size and is_number(lines_text(lines))


def _suspect(lines: list[list[Char]], limit: float) -> bool:
    """A cell whose own text looks like more than one cell: a line of a label and
    a figure apart, or figures on two or more of its lines (not one figure wrapped)."""
    if len(lines) > 1 and not any(_gapped(line, limit) for line in lines) and _wrapped_figure(lines):
        return False
    figure_lines = 0
    for line in lines:
        if not _gapped(line, limit):
            if len(lines) > 1 and is_number(pieces(line, limit)[0][2]):
                figure_lines += 1
            continue
        row = pieces(line, limit)
        if figured(row):
            return True
        figure_lines += any(is_number(t) for _, _, t in row)
    return figure_lines >= 2


def _bands(lines: list[tuple[float, float, int]]) -> list[tuple[float, float, set[int]]]:
    """Printed lines of several cells (top, bottom, cell) into bands across the row:
    a line joins a band when its middle lies within the band's first line; each
    band with its extent and the cells printing in it."""
    bands: list[tuple[float, float, set[int]]] = []
    for top, bottom, cell in sorted(lines):
        if bands and (top + bottom) / 2 <= bands[-1][1]:
            bands[-1][2].add(cell)
        else:
            bands.append((top, bottom, {cell}))
    return bands


def _row_cuts(table: GridTable, cell_lines: list[list[list[Char]]], suspects: set[int],
              limit: float) -> dict[int, list[float]]:
    """Per ruled row, the boundaries between its printed lines where its cells hold
    figures on two or more lines and print their lines side by side, band by band
    (`_SHARED` bands at least, so that a figure wrapped in its cell stays one)."""
    cuts: dict[int, list[float]] = {}
    for r in range(table.rows):
        own = [i for i, cell in enumerate(table.cells) if cell.row == r and cell.rowspan == 1]
        if not any(i in suspects and sum(_has_figure(line, limit) for line in cell_lines[i]) >= 2 for i in own):
            continue
        bands = _bands([(min(c.top for c in line), max(c.bottom for c in line), i)
                        for i in own for line in cell_lines[i] if line])
        if sum(len(cells) >= 2 for _, _, cells in bands) < _SHARED:
            continue
        found = _gaps_inside([(top, bottom) for top, bottom, _ in bands], table.ys[r], table.ys[r + 1])
        if found:
            cuts[r] = found
    return cuts


def _gaps_inside(spans: list[tuple[float, float]], lo: float, hi: float) -> list[float]:
    """The middles of the gaps between consecutive spans, those clear of the ruled
    cell's own edges `lo` and `hi`."""
    middles = [(spans[k][1] + spans[k + 1][0]) / 2 for k in range(len(spans) - 1)]
    return [m for m in middles if lo + _CLEAR < m < hi - _CLEAR]


def _has_figure(line: list[Char], limit: float) -> bool:
    return any(is_number(t) for _, _, t in pieces(line, limit))


def _column_cuts(table: GridTable, cell_lines: list[list[list[Char]]], suspects: set[int],
                 limit: float) -> dict[int, list[float]]:
    """Per ruled column, the boundaries between the columns its text is aligned in,
    where a column of figures stands among them."""
    cuts: dict[int, list[float]] = {}
    for c in range(table.cols):
        own = [i for i, cell in enumerate(table.cells) if cell.col == c and cell.colspan == 1]
        if not any(i in suspects and any(_gapped(line, limit) for line in cell_lines[i]) for i in own):
            continue
        # the figure lines place the columns: inside a ruled column a heading is as often
        # centred over all its columns (收入 over its panel) as over one
        rows = [row for i in own for line in cell_lines[i] if figured(row := pieces(line, limit))]
        spans = columns(rows)
        if len(spans) < 2 or not number_column(rows, spans):
            continue
        found = _gaps_inside(spans, table.xs[c], table.xs[c + 1])
        if found:
            cuts[c] = found
    return cuts


def _cut_cell(cell: GridCell, chars: list[Char], xs: list[float], ys: list[float],
              first_figures: int, limit: float) -> list[Box]:
    """The boxes a ruled cell is cut into: per printed row inside it, its pieces over
    the columns they span (a heading centred over several, as `piece_spans` widens it)
    and an empty box for each column left."""
    x0, top, x1, bottom = cell.box
    c0, c1 = xs.index(x0), xs.index(x1)
    r0, r1 = ys.index(top), ys.index(bottom)
    cols: list[Span] = [(xs[k], xs[k + 1]) for k in range(c0, c1)]
    boxes: list[Box] = []
    for r in range(r0, r1):
        inside = [ch for ch in chars if ys[r] <= ch.cy < ys[r + 1] or (r == r1 - 1 and ch.cy >= ys[r + 1])]
        taken: list[tuple[int, int]] = []
        for line in group_lines(inside) if inside else []:
            row: list[Piece] = pieces(line, limit)
            for covered in piece_spans(row, cols, r < first_figures):
                lo, hi = covered[0], covered[-1]
                overlapping = [k for k, t in enumerate(taken) if lo <= t[1] and t[0] <= hi]
                for k in reversed(overlapping):
                    lo, hi = min(lo, taken[k][0]), max(hi, taken[k][1])
                    del taken[k]
                taken.append((lo, hi))
        spanned = {k for lo, hi in taken for k in range(lo, hi + 1)}
        boxes += [(xs[c0 + lo], ys[r], xs[c0 + hi + 1], ys[r + 1]) for lo, hi in taken]
        boxes += [(xs[c0 + k], ys[r], xs[c0 + k + 1], ys[r + 1]) for k in range(len(cols)) if k not in spanned]
    return boxes


def split_cells(table: GridTable, cell_chars: list[list[Char]], cell_lines: list[list[list[Char]]]) -> GridTable | None:
    """The table with its cells that hold several columns or rows of text cut up by
    that text's alignment; None when no cell does (nearly always: then nothing is built).
    `cell_lines` are each cell's characters as `group_lines` gives them."""
    suspects = {i for i, lines in enumerate(cell_lines)
                if len(cell_chars[i]) > 1 and _suspect(lines, RIVER * cell_chars[i][0].size)}
    if not suspects:
        return None
    limit = RIVER * median(ch.size for chars in cell_chars for ch in chars)
    row_cuts = _row_cuts(table, cell_lines, suspects, limit)
    col_cuts = _column_cuts(table, cell_lines, suspects, limit)
    if not row_cuts and not col_cuts and all(table.cells[i].rowspan == table.cells[i].colspan == 1
                                             for i in suspects):
        return None
    xs = sorted({*table.xs, *(x for found in col_cuts.values() for x in found)})
    ys = sorted({*table.ys, *(y for found in row_cuts.values() for y in found)})
    figure_rows = [k for k in range(len(ys) - 1)
                   if any(_has_figure(line, limit) for i in suspects for line in cell_lines[i]
                          if ys[k] <= line[0].cy < ys[k + 1])]
    first = figure_rows[0] if figure_rows else len(ys)
    boxes: list[Box] = []
    for i, cell in enumerate(table.cells):
        cut = i in suspects or (cell.colspan == 1 and cell.col in col_cuts) or (cell.rowspan == 1 and cell.row in row_cuts)
        boxes += _cut_cell(cell, cell_chars[i], xs, ys, first, limit) if cut else [cell.box]
    return table_from_boxes(boxes, snap=0.1)
