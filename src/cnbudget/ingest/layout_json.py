"""A `Layout` as plain JSON, and back: how a read crosses the process boundary.

The isolated worker parses untrusted files; what it sends back is data that
cannot run code in the parent (a pickle could, were a parser compromised), and
every field is type-checked on the way in.
"""

from __future__ import annotations

import json

from cnbudget.ingest.layout import Cell, Delimiter, Layout, Line, ReadProblem
from cnbudget.model import Box

_CELL_FIELDS = ("text", "col", "colspan", "rowspan", "x0", "x1", "box", "confidence")


def _cell(c: Cell) -> list[object]:
    b = c.box
    box = None if b is None else [b.page, b.x0, b.y0, b.x1, b.y1]
    return [c.text, c.col, c.colspan, c.rowspan, c.x0, c.x1, box, c.confidence]


def layout_to_json(layout: Layout) -> str:
    return json.dumps({
        "format": layout.format, "pages": layout.pages,
        "lines": [[[_cell(c) for c in ln.cells], ln.page, ln.number, ln.grid,
                   ln.delimiter.value, ln.raw] for ln in layout.lines],
        "problems": [[p.code, p.page, p.line, p.details] for p in layout.problems],
        "page_names": [[page, name] for page, name in layout.page_names.items()],
    }, ensure_ascii=False, separators=(",", ":"))


def _opt_int(value: object) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"expected an integer, got {value!r}")
    return value


def _page_number(value: object) -> int:
    page = _opt_int(value)
    if page is None:
        raise ValueError("expected a page number, got null")
    return page


def _opt_float(value: object) -> float | None:
    if value is None:
        return None
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise ValueError(f"expected a number, got {value!r}")
    return float(value)


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {value!r}")
    return value


def _load_cell(data: object) -> Cell:
    if not isinstance(data, list) or len(data) != len(_CELL_FIELDS):
        raise ValueError("malformed cell")
    text, col, colspan, rowspan, x0, x1, box, confidence = data
    return Cell(_str(text), _opt_int(col), _opt_int(colspan) or 1, _opt_int(rowspan) or 1,
                _opt_float(x0), _opt_float(x1), _load_box(box),
                _opt_float(confidence))


def _load_box(data: object) -> Box | None:
    if data is None:
        return None
    if not isinstance(data, list) or len(data) != 5:
        raise ValueError("malformed box")
    page = _opt_int(data[0])
    x0, y0, x1, y1 = (_opt_float(v) for v in data[1:])
    if page is None or x0 is None or y0 is None or x1 is None or y1 is None:
        raise ValueError("malformed box")
    return Box(page, x0, y0, x1, y1)


def _load_line(data: object) -> Line:
    if not isinstance(data, list) or len(data) != 6 or not isinstance(data[0], list):
        raise ValueError("malformed line")
    cells, page, number, grid, delimiter, raw = data
    return Line(tuple(_load_cell(c) for c in cells), page=_opt_int(page),
                number=_opt_int(number), grid=_opt_int(grid),
                delimiter=Delimiter(_str(delimiter)), raw=None if raw is None else _str(raw))


def _load_problem(data: object) -> ReadProblem:
    if not isinstance(data, list) or len(data) != 4 or not isinstance(data[3], dict):
        raise ValueError("malformed problem")
    code, page, line, details = data
    return ReadProblem(_str(code), page=_opt_int(page), line=_opt_int(line),
                       details={_str(k): _str(v) for k, v in details.items()})


def layout_from_json(text: str) -> Layout:
    """The layout `layout_to_json` wrote; ValueError on anything else."""
    data = json.loads(text)
    if not isinstance(data, dict) or not isinstance(data.get("lines"), list):
        raise ValueError("malformed layout")
    problems = data.get("problems", [])
    if not isinstance(problems, list):
        raise ValueError("malformed layout problems")
    names = data.get("page_names", [])
    if not isinstance(names, list) or not all(isinstance(n, list) and len(n) == 2 for n in names):
        raise ValueError("malformed page names")
    return Layout(lines=[_load_line(ln) for ln in data["lines"]], format=_str(data["format"]),
                  pages=_opt_int(data.get("pages")),
                  problems=[_load_problem(p) for p in problems],
                  page_names={_page_number(page): _str(name) for page, name in names})
