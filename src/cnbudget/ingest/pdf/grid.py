"""Ruled tables from ruling segments, in named pure steps.

    segments → edges → intersections → cells → tables

Each step's result is kept in `GridSteps` so a page's grid can be drawn and
debugged (see `cnbudget.ingest.pdf.debug`). Edges are segments snapped to
shared positions and joined where they touch; intersections are where a
horizontal and a vertical edge cross; cells come from the smallest slots of
each connected set of edges, merged wherever the ruling between two slots is
missing (that is how merged header cells look); tables number the cells'
columns and rows and carry the spans.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from cnbudget.ingest.pdf.paths import Segment

SNAP = 3.0  # rulings closer than this are one ruling (double strokes, fill + stroke)
JOIN = 3.0  # collinear pieces with gaps up to this are one edge (Word draws borders piecewise)
MIN_LENGTH = 3.0
TOUCH = 3.0  # how far an edge may stop short of another and still meet it

Edge = Segment  # a merged ruling
Box = tuple[float, float, float, float]  # x0, top, x1, bottom


@dataclass(frozen=True, slots=True)
class Intersection:
    x: float
    y: float
    horizontal: int  # index of the horizontal edge in the edge list
    vertical: int


@dataclass(frozen=True, slots=True)
class GridCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    box: Box


@dataclass(slots=True)
class GridTable:
    box: Box
    xs: list[float]  # column boundaries, left to right
    ys: list[float]  # row boundaries, top to bottom
    cells: list[GridCell]
    _slots: list[list[int | None]] = field(default_factory=list, repr=False)

    @property
    def slots(self) -> list[list[int | None]]:
        """Per row and column of the grid, the index in `cells` of the cell covering it."""
        return self._slots

    @property
    def rows(self) -> int:
        return len(self.ys) - 1

    @property
    def cols(self) -> int:
        return len(self.xs) - 1

    def locate(self, x: float, y: float) -> int | None:
        """Index in `cells` of the cell holding the point, if any."""
        if not (self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]):
            return None
        col = min(bisect_right(self.xs, x) - 1, self.cols - 1)
        row = min(bisect_right(self.ys, y) - 1, self.rows - 1)
        return self._slots[row][col]


@dataclass(slots=True)
class GridSteps:
    """Every intermediate of one page's grid, for drawing and debugging."""

    segments: list[Segment]
    edges: list[Edge]
    intersections: list[Intersection]
    cells: list[list[Box]]  # cell boxes per connected set of edges
    tables: list[GridTable]


def _cluster(values: list[float], tolerance: float) -> dict[float, float]:
    """Each value to the mean of its chain of neighbours closer than `tolerance`."""
    mapping: dict[float, float] = {}
    group: list[float] = []
    for v in sorted(set(values)):
        if group and v - group[-1] > tolerance:
            mean = sum(group) / len(group)
            mapping.update((g, mean) for g in group)
            group = []
        group.append(v)
    if group:
        mean = sum(group) / len(group)
        mapping.update((g, mean) for g in group)
    return mapping


def find_edges(segments: Iterable[Segment], snap: float = SNAP, join: float = JOIN,
               min_length: float = MIN_LENGTH) -> list[Edge]:
    """Snap segments to shared positions and join the collinear pieces."""
    edges: list[Edge] = []
    for horizontal in (True, False):
        group = [s for s in segments if s.horizontal is horizontal]
        position = _cluster([s.at for s in group], snap)
        by_position: dict[float, list[tuple[float, float]]] = {}
        for s in group:
            by_position.setdefault(position[s.at], []).append((s.start, s.end))
        for at in sorted(by_position):
            start, end = None, None
            for a, b in sorted(by_position[at]):
                if start is not None and end is not None and a <= end + join:
                    end = max(end, b)
                    continue
                if start is not None and end is not None and end - start >= min_length:
                    edges.append(Edge(horizontal, at, start, end))
                start, end = a, b
            if start is not None and end is not None and end - start >= min_length:
                edges.append(Edge(horizontal, at, start, end))
    return edges


def find_intersections(edges: list[Edge], touch: float = TOUCH) -> list[Intersection]:
    verticals = sorted((e.at, i) for i, e in enumerate(edges) if not e.horizontal)
    xs = [x for x, _ in verticals]
    found: list[Intersection] = []
    for h, edge in enumerate(edges):
        if not edge.horizontal:
            continue
        lo = bisect_right(xs, edge.start - touch - 1e-9)
        for x, v in verticals[lo:]:
            if x > edge.end + touch:
                break
            vertical = edges[v]
            if vertical.start - touch <= edge.at <= vertical.end + touch:
                found.append(Intersection(x, edge.at, h, v))
    return found


class _Coverage:
    """Which stretches of each ruling position are drawn."""

    def __init__(self, edges: Iterable[Edge], touch: float) -> None:
        self.spans: dict[float, list[tuple[float, float]]] = {}
        self.touch = touch
        for e in edges:
            self.spans.setdefault(e.at, []).append((e.start, e.end))

    def covers(self, at: float, a: float, b: float) -> bool:
        touch = self.touch
        for start, end in self.spans.get(at, ()):
            if start - touch <= a and b <= end + touch:
                return True
        return False


def _components(edges: list[Edge], intersections: list[Intersection]) -> list[list[int]]:
    parent = list(range(len(edges)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for p in intersections:
        a, b = root(p.horizontal), root(p.vertical)
        if a != b:
            parent[a] = b
    groups: dict[int, list[int]] = {}
    for p in intersections:
        for i in (p.horizontal, p.vertical):
            groups.setdefault(root(i), [])
    for i in range(len(edges)):
        r = root(i)
        if r in groups:
            groups[r].append(i)
    return list(groups.values())


def _closing_edge(along: list[Edge], touch: float, first: bool) -> Edge | None:
    """The outer border a cut table lacks: where at least two rulings stop together
    at the outer end of the table, a border joining their ends. A table continued
    over a page break is drawn without its top or bottom border (Word, WPS), some
    styles omit the side borders; where the border is drawn this repeats it."""
    if len(along) < 2:
        return None
    end = min(e.start for e in along) if first else max(e.end for e in along)
    group = [e for e in along if abs((e.start if first else e.end) - end) <= touch]
    if len(group) < 2:
        return None
    return Edge(not along[0].horizontal, end, min(e.at for e in group), max(e.at for e in group))


def _slot_cells(edges: list[Edge], members: list[int], touch: float) -> list[Box]:
    """The cells of one connected set of edges: slots between neighbouring
    rulings, merged where the ruling between them is missing."""
    h_edges = [edges[i] for i in members if edges[i].horizontal]
    v_edges = [edges[i] for i in members if not edges[i].horizontal]
    closing = [_closing_edge(along, touch, first) for along in (h_edges, v_edges) for first in (True, False)]
    for edge in closing:
        if edge is not None:
            (h_edges if edge.horizontal else v_edges).append(edge)
    ys = sorted({e.at for e in h_edges})
    xs = sorted({e.at for e in v_edges})
    if len(xs) < 2 or len(ys) < 2:
        return []
    horizontal, vertical = _Coverage(h_edges, touch), _Coverage(v_edges, touch)
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    # which slot sides are ruled, asked once each: drawn_h[r][c] is the top of slot (r, c)
    # (r == n_rows: the bottom of the last row), drawn_v[r][c] its left (c == n_cols: the right)
    drawn_h = [[horizontal.covers(y, xs[c], xs[c + 1]) for c in range(n_cols)] for y in ys]
    drawn_v = [[vertical.covers(x, ys[r], ys[r + 1]) for x in xs] for r in range(n_rows)]
    parent = list(range(n_rows * n_cols))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[ra] = rb

    for r in range(n_rows):
        for c in range(n_cols):
            if c + 1 < n_cols and not drawn_v[r][c + 1]:
                union(r * n_cols + c, r * n_cols + c + 1)
            if r + 1 < n_rows and not drawn_h[r + 1][c]:
                union(r * n_cols + c, (r + 1) * n_cols + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            groups.setdefault(root(r * n_cols + c), []).append((r, c))
    boxes: list[Box] = []
    for slots in groups.values():
        if len(slots) == 1:  # the common cell: one slot, closed where its four sides are ruled
            r, c = slots[0]
            if drawn_h[r][c] and drawn_h[r + 1][c] and drawn_v[r][c] and drawn_v[r][c + 1]:
                boxes.append((xs[c], ys[r], xs[c + 1], ys[r + 1]))
            continue
        r0, r1 = min(r for r, _ in slots), max(r for r, _ in slots)
        c0, c1 = min(c for _, c in slots), max(c for _, c in slots)
        if len(slots) != (r1 - r0 + 1) * (c1 - c0 + 1):
            continue  # not a rectangle: a ruling is missing somewhere, not a merged cell
        closed = (
            all(drawn_h[r0][c0:c1 + 1]) and all(drawn_h[r1 + 1][c0:c1 + 1])
            and all(drawn_v[r][c0] for r in range(r0, r1 + 1))
            and all(drawn_v[r][c1 + 1] for r in range(r0, r1 + 1))
        )
        if closed:
            boxes.append((xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1]))
    return boxes


def find_cells(edges: list[Edge], intersections: list[Intersection], touch: float = TOUCH) -> list[list[Box]]:
    """Cell boxes for each connected set of edges."""
    found = [_slot_cells(edges, members, touch) for members in _components(edges, intersections)]
    return [cells for cells in found if cells]


def table_from_boxes(boxes: list[Box], snap: float = SNAP) -> GridTable:
    """Number the columns and rows of cell boxes and give each cell its spans
    (also used for cells found by another tool)."""
    x_of = _cluster([v for b in boxes for v in (b[0], b[2])], snap)
    y_of = _cluster([v for b in boxes for v in (b[1], b[3])], snap)
    xs, ys = sorted(set(x_of.values())), sorted(set(y_of.values()))
    col, row = {x: i for i, x in enumerate(xs)}, {y: i for i, y in enumerate(ys)}
    slots: list[list[int | None]] = [[None] * (len(xs) - 1) for _ in range(len(ys) - 1)]
    cells: list[GridCell] = []
    for box in sorted(boxes, key=lambda b: (y_of[b[1]], x_of[b[0]])):
        c0, c1 = col[x_of[box[0]]], col[x_of[box[2]]]
        r0, r1 = row[y_of[box[1]]], row[y_of[box[3]]]
        if c1 <= c0 or r1 <= r0:
            continue
        index = len(cells)
        cells.append(GridCell(r0, c0, r1 - r0, c1 - c0, (xs[c0], ys[r0], xs[c1], ys[r1])))
        for r in range(r0, r1):
            for c in range(c0, c1):
                slots[r][c] = index
    return GridTable((xs[0], ys[0], xs[-1], ys[-1]), xs, ys, cells, slots)


def find_tables(cells: list[list[Box]]) -> list[GridTable]:
    """One table per connected set of cells, top to bottom. A lone box is a frame
    and a single column is ruled text (rows of lines under each other), not a
    table: their text is better read as lines."""
    tables = [table_from_boxes(boxes) for boxes in cells if len(boxes) >= 2]
    return sorted((t for t in tables if t.cols >= 2), key=lambda t: (t.box[1], t.box[0]))


def build_grid(segments: list[Segment]) -> GridSteps:
    edges = find_edges(segments)
    intersections = find_intersections(edges)
    cells = find_cells(edges, intersections)
    return GridSteps(segments, edges, intersections, cells, find_tables(cells))
