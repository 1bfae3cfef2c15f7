"""Characters of a page with their boxes in display space.

Boxes are pdfium's loose boxes (the font's ascent to descent and the glyph's
advance), which stay sane for fonts that are not embedded, where tight glyph
boxes collapse to nothing. Whitespace and pdfium's generated line breaks are
not kept as characters: a space the document itself has becomes
`space_before` on the next character, so words keep their separation without
giving spaces a position. Nor is text drawn above or below the visible page (a copy of
the next page's table below the bottom edge, 江苏 npc2017 p.11): no reader sees it.
"""

from __future__ import annotations

import ctypes
import math
import struct
from typing import NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from cnbudget.ingest.pdf import calls
from cnbudget.ingest.pdf.frame import PageFrame

_SPACES = frozenset(" \t\u3000\xa0\r\n\x00\ufffe\uffff")
# how pdfium reports a hyphen it takes for a soft line-end hyphen (bulk text / per character)
_HYPHEN_MARKS = frozenset("\ufffe\x02")
_RECT = struct.Struct("4f")  # an FS_RECTF's four floats, read in one call


class Char(NamedTuple):
    """A character; a tuple because pages have thousands and building them is the cost."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    space_before: bool = False

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def size(self) -> float:
        return self.bottom - self.top


def _page_text(textpage: pdfium_c.FPDF_TEXTPAGE, count: int) -> str:
    """The page's characters, one per index (one call instead of one per char)."""
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    pdfium_c.FPDFText_GetText(textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text = buffer.raw[: count * 2].decode("utf-16-le", errors="replace")
    if len(text) == count:
        return text
    # characters outside the BMP come back as surrogate pairs: ask per character
    return "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage, i)) for i in range(count))


def extract_chars(textpage: pdfium.PdfTextPage, frame: PageFrame) -> list[Char]:
    # one pdfium call per character is the cost here: the raw handle, unchecked calls
    # (ingest.pdf.calls) and one by-reference rectangle keep the work around each small
    handle = textpage.raw
    count = calls.count_chars(handle)
    if count <= 0:
        return []
    text = _page_text(handle, count)
    rect = pdfium_c.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    get_box, is_generated, is_hyphen = calls.loose_char_box, calls.is_generated, calls.is_hyphen
    # display space spelled out for an unturned page (PageFrame.box, the same sums)
    to_display = None if frame.rotation == 0 else frame.box
    left0, top0 = frame.left, frame.top
    # text whose middle lies above or below the page (2x: compared with top + bottom).
    # Only vertically: a row overflowing the side edges is still this page's row (our
    # own reportlab tables do), a block below the bottom edge is none. Only unturned
    # pages: for a turned one pdfium's boxes are offset from the frame's.
    height2 = 2 * frame.height if frame.rotation == 0 else math.inf
    low = 0.0 if frame.rotation == 0 else -math.inf
    spaces, hyphens = _SPACES, _HYPHEN_MARKS
    unpack, new = _RECT.unpack_from, tuple.__new__
    chars: list[Char] = []
    append = chars.append
    space = False
    for i, ch in enumerate(text):
        if ch in hyphens and is_hyphen(handle, i) == 1:
            ch = "-"  # a printed hyphen ending a line (序- / 号): pdfium marks it soft, it is ink
        if ch in spaces or ch.isspace():
            # pdfium adds spaces and line breaks of its own where it sees gaps; only
            # the document's own spaces are kept (gaps are judged when joining)
            space = space or is_generated(handle, i) == 0
            continue
        if not get_box(handle, i, rect_ref):
            continue
        left, high, right, low_y = unpack(rect)  # FS_RECTF: left, top, right, bottom (y up)
        if to_display is None:
            x0, top, x1, bottom = left - left0, top0 - high, right - left0, top0 - low_y
        else:
            x0, top, x1, bottom = to_display(left, low_y, right, high)
        if x1 - x0 <= 0 and bottom - top <= 0:
            continue
        if not low <= top + bottom <= height2:
            continue  # its middle above or below the visible page: no reader sees it
        append(new(Char, (ch, x0, top, x1, bottom, space)))  # Char(...) without its Python-level __new__
        space = False
    return chars
