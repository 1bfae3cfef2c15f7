"""Ruling segments of a page from its vector paths, in display space.

Tables are ruled in two ways in the wild: stroked lines (or stroked
rectangles), and thin filled rectangles (Word and WPS draw every border piece
as one). Both become `Segment`s. Paths inside form XObjects count, with their
form's matrix. Invisible paint (white or fully transparent, e.g. Word's white
cell-padding rectangles) and wide filled areas (cell shading) are not rulings.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from cnbudget.ingest.pdf import calls
from cnbudget.ingest.pdf.frame import IDENTITY, Matrix, PageFrame, apply, compose

THIN = 3.0  # a filled rectangle at most this thick is a ruling, not shading
_SLANT = 0.5  # how far a line may lean and still be horizontal or vertical
_WHITE = 250  # paint at least this light in every channel does not show on paper


class Segment(NamedTuple):
    """A horizontal (`horizontal`) or vertical ruling at `at`, from `start` to `end`."""

    horizontal: bool
    at: float  # y of a horizontal segment, x of a vertical one
    start: float  # smaller coordinate along the segment
    end: float


@dataclass(slots=True)
class PageGraphics:
    segments: list[Segment]
    images: int  # image objects, to tell scanned pages from empty ones
    shaded: int = 0  # wide filled rectangles: cell shading, or a table drawn without rulings


# out-parameters shared by every call: pdfium may not be used from two threads at once anyway
_M = pdfium_c.FS_MATRIX()
_M_REF = ctypes.byref(_M)


def _matrix(obj: calls.Handle) -> Matrix:
    if not calls.object_matrix(obj, _M_REF):
        return IDENTITY
    return (_M.a, _M.b, _M.c, _M.d, _M.e, _M.f)


_FORM, _PATH, _IMAGE = pdfium_c.FPDF_PAGEOBJ_FORM, pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE


def _walk(page: pdfium.PdfPage) -> Iterator[tuple[int, calls.Handle, Matrix]]:
    """(type, object, matrix to page space) for every object, inside forms too."""
    stack: list[tuple[calls.Handle | None, Matrix]] = [(None, IDENTITY)]
    get_type = calls.object_type
    handle = page.raw  # the raw handle: no wrapper lookup per call
    while stack:
        form, outer = stack.pop()
        if form is None:
            count, get = calls.count_objects(handle), calls.get_object
            parent = handle
        else:
            count, get = calls.form_count_objects(form), calls.form_get_object
            parent = form
        for i in range(count):
            obj = get(parent, i)
            kind = get_type(obj)
            if kind == _FORM:
                stack.append((obj, compose(_matrix(obj), outer)))
            elif kind == _PATH or kind == _IMAGE:
                yield kind, obj, outer


_RGBA = (ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint())


_RGBA_REFS = tuple(ctypes.byref(c) for c in _RGBA)


def _visible(get_color: object, obj: calls.Handle) -> bool:
    r, g, b, a = _RGBA
    if not get_color(obj, *_RGBA_REFS):  # type: ignore[operator]
        return True
    return a.value > 0 and min(r.value, g.value, b.value) < _WHITE


_XY = (ctypes.c_float(), ctypes.c_float())
_XY_REFS = (ctypes.byref(_XY[0]), ctypes.byref(_XY[1]))
_MOVETO, _BEZIERTO = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_BEZIERTO


def _subpaths(obj: calls.Handle, matrix: Matrix, closes: bool = True) -> list[tuple[list[tuple[float, float] | None], bool]]:
    """Subpaths as page-space points and whether each is closed; None marks a curve
    between two points (the curve itself is never a ruling). Without `closes`,
    whether a subpath is closed is not asked (a fill closes every subpath anyway)."""
    x, y = _XY
    x_ref, y_ref = _XY_REFS
    get_segment, get_kind = calls.get_segment, calls.segment_type
    get_point, get_close = calls.segment_point, calls.segment_close
    identity = matrix == IDENTITY
    result: list[tuple[list[tuple[float, float] | None], bool]] = []
    points: list[tuple[float, float] | None] = []
    closed = False
    pending_curve = 0
    for k in range(calls.count_segments(obj)):
        seg = get_segment(obj, k)
        kind = get_kind(seg)
        get_point(seg, x_ref, y_ref)
        point = (x.value, y.value) if identity else apply(matrix, x.value, y.value)
        if kind == _MOVETO:
            if points:
                result.append((points, closed))
            points, closed, pending_curve = [point], False, 0
            continue
        if kind == _BEZIERTO:
            # three points per curve: two control points, then the end point
            pending_curve += 1
            if pending_curve % 3:
                continue
            points.append(None)
        points.append(point)
        if closes and get_close(seg):
            closed = True
    if points:
        result.append((points, closed))
    return result


def _lines(points: list[tuple[float, float] | None], closed: bool) -> Iterator[tuple[tuple[float, float], tuple[float, float]]]:
    pts = list(points)
    if closed and pts and pts[0] is not None:
        pts.append(pts[0])
    for a, b in zip(pts, pts[1:], strict=False):
        if a is not None and b is not None:
            yield a, b


def _axis_segment(frame: PageFrame, a: tuple[float, float], b: tuple[float, float]) -> Segment | None:
    x0, y0 = frame.point(*a)
    x1, y1 = frame.point(*b)
    if abs(y1 - y0) <= _SLANT and abs(x1 - x0) > _SLANT:
        return Segment(True, (y0 + y1) / 2, min(x0, x1), max(x0, x1))
    if abs(x1 - x0) <= _SLANT and abs(y1 - y0) > _SLANT:
        return Segment(False, (x0 + x1) / 2, min(y0, y1), max(y0, y1))
    return None


def _rectangle(frame: PageFrame, points: list[tuple[float, float] | None]) -> tuple[float, float, float, float] | None:
    """The display box of a closed four-corner axis-aligned subpath, else None."""
    if len(points) not in (4, 5) or None in points:
        return None
    corners: list[tuple[float, float]] = points  # type: ignore[assignment]  # no None
    if len(corners) == 5:
        if abs(corners[0][0] - corners[4][0]) >= 0.01 or abs(corners[0][1] - corners[4][1]) >= 0.01:
            return None
        corners = corners[:4]
    point = frame.point
    shown = [point(px, py) for px, py in corners]
    xs = [p[0] for p in shown]
    ys = [p[1] for p in shown]
    # two x and two y positions to a tenth of a point; drawn exactly, to the bit (the
    # common case, and no rounding asked)
    if len(set(xs)) > 2 and len({round(v, 1) for v in xs}) > 2:
        return None
    if len(set(ys)) > 2 and len({round(v, 1) for v in ys}) > 2:
        return None
    return min(xs), min(ys), max(xs), max(ys)


def _filled_ruling(box: tuple[float, float, float, float]) -> Segment | None:
    x0, top, x1, bottom = box
    width, height = x1 - x0, bottom - top
    if height <= THIN < width:
        return Segment(True, (top + bottom) / 2, x0, x1)
    if width <= THIN < height:
        return Segment(False, (x0 + x1) / 2, top, bottom)
    return None


def extract_graphics(page: pdfium.PdfPage, frame: PageFrame) -> PageGraphics:
    segments: list[Segment] = []
    images = shaded = 0
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    modes = ctypes.byref(fill_mode), ctypes.byref(stroke)
    for kind, obj, outer in _walk(page):
        if kind == _IMAGE:
            images += 1
            continue
        if not calls.draw_mode(obj, *modes):
            continue
        stroked = bool(stroke.value) and _visible(calls.stroke_color, obj)
        filled = bool(fill_mode.value) and _visible(calls.fill_color, obj)
        if not (stroked or filled):
            continue
        own = _matrix(obj)
        matrix = own if outer == IDENTITY else compose(own, outer)
        for points, closed in _subpaths(obj, matrix, closes=stroked):
            if stroked:
                for a, b in _lines(points, closed):
                    seg = _axis_segment(frame, a, b)
                    if seg is not None:
                        segments.append(seg)
            elif filled:
                box = _rectangle(frame, points)
                seg = None if box is None else _filled_ruling(box)
                if seg is not None:
                    segments.append(seg)
                elif box is not None and min(box[2] - box[0], box[3] - box[1]) > THIN:
                    shaded += 1
    return PageGraphics(segments, images, shaded)
