"""The grid steps on hand-made rulings: each step checked against geometry worked out by hand."""

from cnbudget.ingest.pdf.grid import (
    build_grid,
    find_edges,
    find_intersections,
    table_from_boxes,
)
from cnbudget.ingest.pdf.paths import Segment


def H(y, x0, x1):
    return Segment(True, y, x0, x1)


def V(x, y0, y1):
    return Segment(False, x, y0, y1)


def ruled(xs, ys):
    """Full rulings of a plain grid."""
    return [H(y, xs[0], xs[-1]) for y in ys] + [V(x, ys[0], ys[-1]) for x in xs]


def test_edges_snap_double_strokes_and_join_pieces():
    # a border drawn twice 0.5 apart (fill + stroke) and in three touching pieces (Word)
    segments = [H(100, 0, 50), H(100.5, 50.3, 120), H(100.2, 120.5, 200), H(300, 0, 2)]
    edges = find_edges(segments)
    assert len(edges) == 1  # the 2-long stub is dropped
    edge = edges[0]
    assert edge.horizontal and edge.start == 0 and edge.end == 200
    assert abs(edge.at - 100.23) < 0.01


def test_intersections_tolerate_lines_stopping_short():
    edges = find_edges([H(10, 0, 100), V(50, 11.5, 60), V(200, 0, 60)])
    points = find_intersections(edges)
    assert [(p.x, p.y) for p in points] == [(50, 10)]


def test_plain_grid_cells_and_locate():
    steps = build_grid(ruled([0, 100, 150, 200], [0, 20, 40]))
    [table] = steps.tables
    assert (table.rows, table.cols) == (2, 3)
    assert len(steps.intersections) == 12
    assert [(c.row, c.col, c.rowspan, c.colspan) for c in table.cells] == [
        (r, c, 1, 1) for r in range(2) for c in range(3)
    ]
    assert table.cells[table.locate(120, 30)].box == (100, 20, 150, 40)
    assert table.locate(250, 30) is None


def test_missing_rulings_merge_header_cells():
    xs, ys = [0, 100, 150, 200], [0, 20, 40, 60]
    segments = [H(y, 0, 200) for y in (0, 40, 60)] + [H(20, 100, 200)]  # 项目 spans two rows
    segments += [V(0, 0, 60), V(100, 0, 60), V(200, 0, 60), V(150, 20, 60)]  # 金额 spans two columns
    [table] = build_grid(segments).tables
    spans = {(c.row, c.col): (c.rowspan, c.colspan) for c in table.cells}
    assert spans == {(0, 0): (2, 1), (0, 1): (1, 2), (1, 1): (1, 1), (1, 2): (1, 1),
                     (2, 0): (1, 1), (2, 1): (1, 1), (2, 2): (1, 1)}
    assert table.xs == xs and table.ys == ys


def test_table_cut_by_a_page_break_is_closed():
    # no top border: the rows continue from the previous page
    segments = [H(y, 0, 200) for y in (20, 40)] + [V(x, 0, 40) for x in (0, 100, 200)]
    [table] = build_grid(segments).tables
    assert (table.rows, table.cols) == (2, 2)
    assert table.box == (0, 0, 200, 40)


def test_two_tables_and_a_frame():
    first = ruled([0, 50, 100], [0, 20, 40])
    second = ruled([0, 80, 160], [100, 120])
    frame = ruled([300, 400], [0, 50])  # a lone box: a frame, not a table
    tables = build_grid(second + frame + first).tables
    assert [(t.box, t.rows, t.cols) for t in tables] == [
        ((0, 0, 100, 40), 2, 2), ((0, 100, 160, 120), 1, 2),
    ]


def test_table_from_other_tools_boxes_gets_spans():
    boxes = [(0, 0, 200, 20), (0, 20, 100, 40), (100, 20, 200, 40)]
    table = table_from_boxes(boxes)
    assert [(c.row, c.col, c.colspan) for c in table.cells] == [(0, 0, 2), (1, 0, 1), (1, 1, 1)]


def test_a_single_ruled_column_is_not_a_table():
    assert build_grid(ruled([0, 300], [0, 20, 40, 60])).tables == []
