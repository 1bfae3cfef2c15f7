"""pdfium functions for the loops that call them once per character or path segment.

pypdfium2's bindings declare every argument's type, and ctypes checks and
converts each argument on every call: about 1.3–1.9 µs a call, against 0.6 µs
for the same function called without declared arguments. A page has hundreds of
characters and path segments, so those calls are most of the reader's time in
pdfium. The functions here are the same library functions, called without that
conversion. Their arguments must therefore be exactly: a pdfium handle (a
pointer object pypdfium2 gave, or a `Handle` returned here), a Python int where
C takes an `int`, or `ctypes.byref(...)` of a C struct or number. A float argument
is refused by ctypes (TypeError), and no function here takes one.
"""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2.raw as pdfium_c


class Handle(ctypes.c_void_p):
    """A pointer pdfium returned, kept as a pointer so it can be passed back as is
    (a subclass: ctypes would turn a plain `c_void_p` result into an int)."""


def _unchecked(function: Any, restype: Any = ctypes.c_int) -> Any:
    address = ctypes.cast(function, ctypes.c_void_p).value
    unchecked = ctypes.CFUNCTYPE(restype)(address)
    unchecked.argtypes = None  # no per-argument conversion: see the module's doc
    return unchecked


# text page
count_chars = _unchecked(pdfium_c.FPDFText_CountChars)
loose_char_box = _unchecked(pdfium_c.FPDFText_GetLooseCharBox)
is_generated = _unchecked(pdfium_c.FPDFText_IsGenerated)
is_hyphen = _unchecked(pdfium_c.FPDFText_IsHyphen)
char_angle = _unchecked(pdfium_c.FPDFText_GetCharAngle, ctypes.c_float)
# page objects
count_objects = _unchecked(pdfium_c.FPDFPage_CountObjects)
get_object = _unchecked(pdfium_c.FPDFPage_GetObject, Handle)
form_count_objects = _unchecked(pdfium_c.FPDFFormObj_CountObjects)
form_get_object = _unchecked(pdfium_c.FPDFFormObj_GetObject, Handle)
object_type = _unchecked(pdfium_c.FPDFPageObj_GetType)
object_matrix = _unchecked(pdfium_c.FPDFPageObj_GetMatrix)
stroke_color = _unchecked(pdfium_c.FPDFPageObj_GetStrokeColor)
fill_color = _unchecked(pdfium_c.FPDFPageObj_GetFillColor)
# paths
draw_mode = _unchecked(pdfium_c.FPDFPath_GetDrawMode)
count_segments = _unchecked(pdfium_c.FPDFPath_CountSegments)
get_segment = _unchecked(pdfium_c.FPDFPath_GetPathSegment, Handle)
segment_type = _unchecked(pdfium_c.FPDFPathSegment_GetType)
segment_point = _unchecked(pdfium_c.FPDFPathSegment_GetPoint)
segment_close = _unchecked(pdfium_c.FPDFPathSegment_GetClose)
