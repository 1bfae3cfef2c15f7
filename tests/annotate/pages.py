"""Independent readings of where characters are printed, to check the reader's boxes
against: pdfplumber's characters (pdfminer, another parser) on upright pages, and
pdfium's raw page-space character boxes on pages turned by /Rotate (pdfplumber
reports those turned, so they would need the very conversion under test)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cnbudget.model import Box


@dataclass(frozen=True, slots=True)
class PrintedChar:
    text: str
    x: float  # the character's middle, PDF user space
    y: float
    rotation: int = 0  # the page's /Rotate: which way its lines run in user space

    @property
    def across(self) -> float:
        """Position across the lines, growing down the page as it is read."""
        return {0: -self.y, 90: self.x, 180: self.y, 270: -self.x}[self.rotation]

    @property
    def along(self) -> float:
        """Position along a line, growing as it is read."""
        return {0: self.x, 90: self.y, 180: -self.x, 270: -self.y}[self.rotation]


def page_chars(pdf: Path, page: int) -> list[PrintedChar]:
    """The printed characters of a 1-based page, their middles in PDF user space."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        handle = document[page - 1]
        rotation = handle.get_rotation()
        left, bottom, _, _ = handle.get_mediabox()
        if rotation == 0 and (left, bottom) == (0, 0):
            return _plumber_chars(pdf, page)
        textpage = handle.get_textpage()
        chars = []
        for i in range(textpage.count_chars()):
            text = textpage.get_text_range(i, 1)
            if not text.strip():
                continue
            x0, y0, x1, y1 = textpage.get_charbox(i, loose=True)  # loose: every glyph of a line has one middle
            chars.append(PrintedChar(text, (x0 + x1) / 2, (y0 + y1) / 2, rotation))
        textpage.close()
        return chars
    finally:
        document.close()


def _plumber_chars(pdf: Path, page: int) -> list[PrintedChar]:
    import pdfplumber

    with pdfplumber.open(str(pdf)) as doc:
        p = doc.pages[page - 1]
        return [PrintedChar(c["text"], (c["x0"] + c["x1"]) / 2, (c["y0"] + c["y1"]) / 2)
                for c in p.chars if c["text"].strip()]


_LINE_GAP = 3.0  # points between the middles of two lines of text, at the least


def text_in(box: Box, chars: list[PrintedChar]) -> str:
    """The characters whose middles lie in the box, in reading order, without spaces."""
    inside = sorted((c for c in chars if box.x0 <= c.x <= box.x1 and box.y0 <= c.y <= box.y1),
                    key=lambda c: c.across)
    lines: list[list[PrintedChar]] = []
    for c in inside:
        if lines and c.across - lines[-1][-1].across <= _LINE_GAP:
            lines[-1].append(c)
        else:
            lines.append([c])
    return "".join(c.text for line in lines for c in sorted(line, key=lambda c: c.along))
