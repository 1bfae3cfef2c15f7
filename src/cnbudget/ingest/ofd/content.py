"""A page's content (`Content.xml` of a page or a template) to characters and rulings.

OFD measures in millimetres with the origin at the top left and y growing
down, each graphic unit placed in its `Boundary` (x y w h) and drawn through
its `CTM`. Everything here is turned into the PDF reader's display space (points,
origin at the top left of the page's physical box) so the same grid builder,
with the same tolerances, and the same text joining run on it.

Text: each `TextCode` places its first glyph at X/Y; `DeltaX`/`DeltaY` give
the advances to the next ones (`g N d` repeats d N times); a glyph without an
advance is as wide as the font size for CJK, half of it otherwise. Paths:
`AbbreviatedData` (S/M start, L line, B/C cubic, Q quadratic, A arc, Z close);
straight axis-parallel pieces become ruling segments, thin filled rectangles
too (borders drawn as filled bars), wide filled ones count as shading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from cnbudget.ingest.ofd.package import attr, children, local
from cnbudget.ingest.pdf.chars import Char
from cnbudget.ingest.pdf.frame import IDENTITY, Matrix, apply, compose
from cnbudget.ingest.pdf.paths import THIN, Segment
from cnbudget.ingest.pdf.text import is_wide

PT_PER_MM = 72 / 25.4
_SLANT = 0.5  # points a ruling may lean and still be horizontal or vertical
_ASCENT, _DESCENT = 0.88, 0.12  # of the font size: a loose box, as pdfium's
_WHITE = 250
_SPACES = frozenset(" \t\u3000\xa0\r\n")
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Picture:
    """An image object: its `MultiMedia` resource and the box it fills, in display points."""

    resource: str
    box: tuple[float, float, float, float]  # x0, top, x1, bottom
    flipped: tuple[bool, bool] = (False, False)  # drawn mirrored left-right, upside down (a negative CTM)


@dataclass(slots=True)
class Drawn:
    """What one page's content parts drew, in display points."""

    chars: list[Char] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    shaded: int = 0

    @property
    def images(self) -> int:
        return len(self.pictures)


def numbers(text: str | None) -> list[float]:
    return [float(n) for n in _NUMBER.findall(text or "")]


def box_of(text: str | None) -> tuple[float, float, float, float]:
    values = numbers(text) + [0.0] * 4
    return values[0], values[1], values[2], values[3]


def deltas(text: str | None) -> list[float]:
    """DeltaX/DeltaY: numbers, `g N d` standing for N times d."""
    out: list[float] = []
    tokens = (text or "").split()
    i = 0
    while i < len(tokens):
        if tokens[i] == "g" and i + 2 < len(tokens):
            try:
                out += [float(tokens[i + 2])] * int(float(tokens[i + 1]))
            except ValueError:
                pass
            i += 3
            continue
        try:
            out.append(float(tokens[i]))
        except ValueError:
            pass
        i += 1
    return out


def _matrix(el: etree._Element, origin: tuple[float, float, float, float]) -> Matrix:
    """Object space (mm) to display points: the CTM, then the Boundary's origin."""
    ctm = numbers(attr(el, "CTM"))
    inner: Matrix = (ctm[0], ctm[1], ctm[2], ctm[3], ctm[4], ctm[5]) if len(ctm) == 6 else IDENTITY
    x, y = origin[0], origin[1]
    return compose(compose(inner, (1.0, 0.0, 0.0, 1.0, x, y)), (PT_PER_MM, 0.0, 0.0, PT_PER_MM, 0.0, 0.0))


def _flag(el: etree._Element, name: str, default: bool) -> bool:
    value = attr(el, name)
    return default if value is None else value.strip().lower() in ("true", "1")


def _visible_color(el: etree._Element, name: str) -> bool:
    """False for paint the paper does not show: white, or fully transparent."""
    for color in children(el, name):
        if (attr(color, "Alpha") or "").strip() == "0":
            return False
        rgb = numbers(attr(color, "Value"))
        if len(rgb) >= 3 and min(rgb[:3]) >= _WHITE:
            return False
    return True


class PageDrawer:
    """Draws content parts of one page into a `Drawn`, `offset` being the physical
    box's top-left corner (mm) so that display space starts at the paper's corner."""

    def __init__(self, offset: tuple[float, float]) -> None:
        self.drawn = Drawn()
        self.offset = offset

    def content(self, page_root: etree._Element) -> None:
        """A page part: its `Content` layers (Background, Body, Foreground), in order."""
        for content in children(page_root, "Content"):
            layers = list(children(content, "Layer"))
            order = {"background": 0, "body": 1, "foreground": 2}
            for layer in sorted(layers, key=lambda la: order.get((attr(la, "Type") or "body").lower(), 1)):
                self.block(layer)

    def block(self, el: etree._Element) -> None:
        for obj in el:
            kind = local(obj)
            if kind == "TextObject":
                self.text(obj)
            elif kind == "PathObject":
                self.path(obj)
            elif kind == "ImageObject":
                self.image(obj)
            elif kind in ("PageBlock", "CompositeObject"):
                self.block(obj)

    def _origin(self, obj: etree._Element) -> tuple[float, float, float, float]:
        x, y, w, h = box_of(attr(obj, "Boundary"))
        return x - self.offset[0], y - self.offset[1], w, h

    def text(self, obj: etree._Element) -> None:
        if attr(obj, "Visible", "true").strip().lower() == "false" or not _visible_color(obj, "FillColor"):
            return
        m = _matrix(obj, self._origin(obj))
        size = numbers(attr(obj, "Size"))
        em = size[0] if size else 3.5
        x = y = 0.0
        for code in children(obj, "TextCode"):
            x = float(attr(code, "X") or x)
            y = float(attr(code, "Y") or y)
            text = code.text or ""
            dx, dy = deltas(attr(code, "DeltaX")), deltas(attr(code, "DeltaY"))
            space = False
            for i, ch in enumerate(text):
                advance = dx[i] if i < len(dx) else (em if is_wide(ch) else em / 2)
                if ch in _SPACES or ch.isspace():
                    space = True
                else:
                    self._glyph(m, ch, x, y, advance, em, space)
                    space = False
                x += advance if i < len(dx) or not dy else 0.0
                y += dy[i] if i < len(dy) else 0.0

    def _glyph(self, m: Matrix, ch: str, x: float, y: float, advance: float, em: float, space: bool) -> None:
        corners = [apply(m, x, y - em * _ASCENT), apply(m, x + advance, y - em * _ASCENT),
                   apply(m, x, y + em * _DESCENT), apply(m, x + advance, y + em * _DESCENT)]
        xs, ys = [c[0] for c in corners], [c[1] for c in corners]
        if max(xs) - min(xs) <= 0 and max(ys) - min(ys) <= 0:
            return
        self.drawn.chars.append(Char(ch, min(xs), min(ys), max(xs), max(ys), space))

    def image(self, obj: etree._Element) -> None:
        """An image fills the unit square its CTM maps into its Boundary (GB/T 33190 §10.5)."""
        if attr(obj, "Visible", "true").strip().lower() == "false":
            return
        origin = self._origin(obj)
        placed = obj if len(numbers(attr(obj, "CTM"))) == 6 else \
            etree.Element("ImageObject", CTM=f"{origin[2]} 0 0 {origin[3]} 0 0")  # no CTM: fills its Boundary
        m = _matrix(placed, origin)
        (x0, y0), (x1, y1) = apply(m, 0.0, 0.0), apply(m, 1.0, 1.0)
        self.drawn.pictures.append(Picture(attr(obj, "ResourceID") or "", (min(x0, x1), min(y0, y1),
                                           max(x0, x1), max(y0, y1)), (x1 < x0, y1 < y0)))

    def path(self, obj: etree._Element) -> None:
        if attr(obj, "Visible", "true").strip().lower() == "false":
            return
        stroke = _flag(obj, "Stroke", True) and _visible_color(obj, "StrokeColor")
        fill = _flag(obj, "Fill", False) and _visible_color(obj, "FillColor")
        if not stroke and not fill:
            return
        m = _matrix(obj, self._origin(obj))
        data = next(children(obj, "AbbreviatedData"), None)
        for points, closed in subpaths(data.text if data is not None else ""):
            drawn = [apply(m, *p) if p is not None else None for p in points]
            box = _rectangle(drawn)
            if fill and box is not None:
                self._filled(box)
                if not stroke:
                    continue
            if stroke:
                for a, b in _lines(drawn, closed):
                    segment = _axis_segment(a, b)
                    if segment is not None:
                        self.drawn.segments.append(segment)

    def _filled(self, box: tuple[float, float, float, float]) -> None:
        x0, top, x1, bottom = box
        if x1 - x0 <= THIN and bottom - top > x1 - x0:
            self.drawn.segments.append(Segment(False, (x0 + x1) / 2, top, bottom))
        elif bottom - top <= THIN:
            self.drawn.segments.append(Segment(True, (top + bottom) / 2, x0, x1))
        else:
            self.drawn.shaded += 1


def subpaths(data: str) -> Iterator[tuple[list[Point | None], bool]]:
    """The path's subpaths as point lists; None marks where a curve broke the straight run."""
    tokens = data.replace(",", " ").split()
    points: list[Point | None] = []
    closed = False
    current: Point = (0.0, 0.0)
    i = 0
    counts = {"M": 2, "S": 2, "L": 2, "B": 6, "C": 6, "Q": 4, "A": 7}

    def take(n: int) -> list[float] | None:
        nonlocal i
        try:
            values = [float(t) for t in tokens[i + 1: i + 1 + n]]
        except ValueError:
            values = []
        i += 1 + n
        return values if len(values) == n else None

    while i < len(tokens):
        op = tokens[i]
        if op == "Z":
            closed = True
            i += 1
            continue
        if op not in counts:
            i += 1
            continue
        values = take(counts[op])
        if values is None:
            break
        if op in ("M", "S"):
            if len(points) > 1:
                yield points, closed
            points, closed = [], False
            current = (values[0], values[1])
            points.append(current)
            continue
        if closed:  # drawing on after Z starts a new subpath at the same point
            if len(points) > 1:
                yield points, True
            points, closed = [points[0] if points else current], False
        current = (values[-2], values[-1])
        if op == "L":
            points.append(current)
        else:
            points += [None, current]
    if len(points) > 1:
        yield points, closed


def _lines(points: list[Point | None], closed: bool) -> Iterator[tuple[Point, Point]]:
    for a, b in zip(points, points[1:], strict=False):
        if a is not None and b is not None:
            yield a, b
    if closed and points and points[0] is not None and points[-1] is not None:
        yield points[-1], points[0]


def _axis_segment(a: Point, b: Point) -> Segment | None:
    (x0, y0), (x1, y1) = a, b
    if abs(y0 - y1) <= _SLANT and abs(x0 - x1) > _SLANT:
        return Segment(True, (y0 + y1) / 2, min(x0, x1), max(x0, x1))
    if abs(x0 - x1) <= _SLANT and abs(y0 - y1) > _SLANT:
        return Segment(False, (x0 + x1) / 2, min(y0, y1), max(y0, y1))
    return None


def _rectangle(points: list[Point | None]) -> tuple[float, float, float, float] | None:
    """The box of a closed axis-parallel four-corner path, if it is one."""
    corners = [p for p in points if p is not None]
    if len(corners) == 5 and abs(corners[0][0] - corners[4][0]) < 1e-6 and abs(corners[0][1] - corners[4][1]) < 1e-6:
        corners = corners[:4]
    if len(corners) != 4 or len(corners) != len(points):
        return None
    xs, ys = sorted({round(p[0], 3) for p in corners}), sorted({round(p[1], 3) for p in corners})
    if len(xs) > 2 or len(ys) > 2:
        return None
    return xs[0], ys[0], xs[-1], ys[-1]
