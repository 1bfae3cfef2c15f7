"""Columns of a table printed as text aligned with spaces (`pdftotext -layout`).

Split on spaces, such a line loses its empty cells: `本年收入合计  4097.11` and
`二、政府性基金预算财政拨款` say nothing of which column a figure, or the lack of
one, stands in. Their places are in the characters' positions, so a run of
such lines is read back into a grid: each column is where the lines holding a
figure print text (a gap of two or more spaces on every such line separates
two columns), a header cell over no figure opens a column of its own, and each
printed piece lands in the columns it spans (a header centred over three
columns spans them). Positions count display width: a CJK character is two.
Lines split by tabs or printed one cell per line keep their own shape.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from cnbudget.ingest.layout import Cell, Delimiter, Line
from cnbudget.normalise.amounts import is_number

_GAP = re.compile(r"(?: {2,}|\u3000+)")  # a column gap: two spaces or more (one space is inside a cell)
_CENTRED = 3  # twice the display columns a centred heading may stand off its columns' middle
_MIN_RUN = 2  # consecutive lines with columns before a run is taken for a table (a wide table: header, figures)
Piece = tuple[int, int, str]  # (first display column, end, text)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def pieces(raw: str) -> list[Piece]:
    """The line's pieces between gaps, with their display extents."""
    out: list[Piece] = []
    at = 0
    pos = 0
    for m in _GAP.finditer(raw):
        out += _piece(raw[at:m.start()], pos)
        pos += _width(raw[at:m.end()])
        at = m.end()
    out += _piece(raw[at:], pos)
    return out


def _piece(text: str, pos: int) -> list[Piece]:
    stripped = text.strip()
    if not stripped:
        return []
    start = pos + _width(text[:len(text) - len(text.lstrip())])
    return [(start, start + _width(stripped), stripped)]


def _columns(rows: list[list[Piece]]) -> list[tuple[int, int]]:
    """Column extents: the spans the figure-bearing lines cover; then, header
    lines nearest the body first, a header piece over one column widens it to
    its own width (a header wider than its figures), one over none opens a
    column (of figures all left empty)."""
    spans: list[tuple[int, int]] = []
    headers: list[list[Piece]] = []
    for row in rows:
        if numbers_row(row):
            continue  # 栏次 numbers sit centred under their headers: they place no column
        if any(is_number(t) for _, _, t in row):
            spans += [(a, b) for a, b, _ in row]
        else:
            headers.append(row)
    cols = merge_spans(spans)
    for row in reversed(headers):
        for a, b, _ in row:
            over = [i for i, (x, y) in enumerate(cols) if a < y and x < b]
            if not over:
                cols = merge_spans([*cols, (a, b)])
            elif len(over) == 1:
                x, y = cols[over[0]]
                wide = (min(a, x), max(b, y))
                if not any(wide[0] < q and p < wide[1] for k, (p, q) in enumerate(cols) if k != over[0]):
                    cols[over[0]] = wide
    return cols


def numbers_row(row: list[Piece]) -> bool:
    """The 栏次 line: column numbers only (after an optional 栏次/行次 label). The
    recognisers' `lines.is_column_numbers` says so of cells; here, before there
    are cells, small whole numbers counting up are enough (one after the label:
    a table of one value column)."""
    texts = [t for _, _, t in row]
    labelled = bool(texts) and texts[0].replace(" ", "") in ("栏次", "行次")
    if labelled:
        texts = texts[1:]
    numbers = [int(t) for t in texts if t.isdigit() and len(t) <= 2]
    return len(numbers) >= (1 if labelled else 2) and len(numbers) == len(texts) and numbers == sorted(numbers)


def merge_spans(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Overlapping extents joined (also the PDF reader's aligned columns)."""
    out: list[tuple[float, float]] = []
    for a, b in sorted(spans):
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def piece_spans(row: list[tuple[float, float, str]], cols: list[tuple[float, float]], heading: bool,
                centred: float = _CENTRED) -> list[list[int]]:
    """The columns each piece of a line spans: those it overlaps, in a header
    line (`heading`: above the table's first figure) widened over
    columns no other piece of the line overlaps to the run whose middle is
    nearest the piece's own (a heading is centred over its columns:
    “三公”经费 over 小计 … 运行费), a heading in a gap from the columns either side
    of it; another piece in a gap, the nearest column."""
    over = [[i for i, (x, y) in enumerate(cols) if a < y and x < b] for a, b, _ in row]
    claimed = {i for o in over for i in o}
    out: list[list[int]] = []
    for (a, b, _), own in zip(row, over, strict=True):
        if not own and heading:
            # a heading in a gap (centred over a panel whose columns it left unopened):
            # from the columns either side of it, widened below like any heading
            own = [i for i in range(len(cols) - 1) if cols[i][1] <= a and b <= cols[i + 1][0]][:1]
            own = [own[0], own[0] + 1] if own else []
        if not own:
            near = min(range(len(cols)), key=lambda i: abs(cols[i][0] + cols[i][1] - a - b)) if cols else 0
            out.append([near])
            continue
        lo, hi = own[0], own[-1]
        while heading and lo > 0 and lo - 1 not in claimed:
            lo -= 1
        while heading and hi + 1 < len(cols) and hi + 1 not in claimed:
            hi += 1
        runs = [(i, j) for i in range(lo, own[0] + 1) for j in range(own[-1], hi + 1)]
        off = {r: abs(cols[r[0]][0] + cols[r[1]][1] - a - b) for r in runs}
        # centred within a character or so: the widest such run (a heading's text may
        # stand exactly over one of its columns); else the best centred
        close = [r for r in runs if off[r] <= centred]
        i, j = max(close, key=lambda r: r[1] - r[0]) if close else min(runs, key=lambda r: off[r])
        claimed.update(range(i, j + 1))
        out.append(list(range(i, j + 1)))
    return out


def _gridded(line: Line, row: list[Piece], cols: list[tuple[int, int]], grid: int,
             heading: bool) -> Line:
    cells: list[Cell] = []
    for (a, b, text), covered in zip(row, piece_spans(row, cols, heading), strict=True):
        first = covered[0]
        if cells and cells[-1].col == first:  # two pieces in one column: one cell
            last = cells.pop()
            cells.append(replace(last, text=f"{last.text} {text}"))
            continue
        cells.append(Cell(text, col=first, colspan=len(covered), x0=float(a), x1=float(b)))
    return replace(line, cells=tuple(cells), delimiter=Delimiter.GRID, grid=grid)


def align_columns(lines: list[Line], raws: list[str], next_grid: int = 1) -> list[Line]:
    """Runs of space-aligned lines (at least `_MIN_RUN` in a row with two or
    more columns, no blank line between) as grid rows; `raws` are
    the lines as printed, positions kept. Other lines are returned as they are."""
    out = list(lines)
    i = 0
    grid = next_grid
    while i < len(lines):
        j = i
        while j < len(lines) and _aligned(lines[j], raws[j]) and _follows(lines, i, j):
            j += 1
        end = j
        while end > i and len(pieces(raws[end - 1])) < 2:
            end -= 1  # a title printed right under the table is no row of it
        run = range(i, end)
        if sum(len(pieces(raws[k])) >= 2 for k in run) >= _MIN_RUN:
            rows = [pieces(raws[k]) for k in run]
            cols = _columns(rows)
            if not _aligned_rows(rows, cols):
                i = max(j, i + 1)
                continue  # spaces between cells, but no columns: the parsers' own placement
            first = next((n for n, row in enumerate(rows)
                          if not numbers_row(row) and any(is_number(t) for _, _, t in row)), len(rows))
            for n, (k, row) in enumerate(zip(run, rows, strict=True)):
                out[k] = _gridded(lines[k], row, cols, grid, n < first)
            grid += 1
        i = max(j, i + 1)
    return out


def _aligned_rows(rows: list[list[Piece]], cols: list[tuple[int, int]]) -> bool:
    """Whether the lines keep columns: each line's pieces in columns of their own
    (text merely split by spaces runs its pieces into each other's columns)."""
    if len(cols) < 2:
        return False
    for row in rows:
        seen: set[int] = set()
        for a, b, _ in row:
            over = {i for i, (x, y) in enumerate(cols) if a < y and x < b}
            if over & seen:
                return False
            seen |= over
    return True


def _aligned(line: Line, raw: str) -> bool:
    return line.delimiter in (Delimiter.SPACE, Delimiter.NONE) and bool(raw.strip())


def _follows(lines: list[Line], start: int, j: int) -> bool:
    """Line j continues the run begun at `start`: the next printed line (over a
    page break too: a table's columns go on, its header printed again)."""
    if j == start:
        return True
    a, b = lines[j - 1], lines[j]
    return a.number is not None and b.number == a.number + 1
