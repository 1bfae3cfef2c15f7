"""Characters into text: the text of a table cell, and lines of running text.

Text that wraps inside a cell is joined back without a space unless two
Latin words meet (`1,107.` + `56` → `1,107.56`, `201030` + `1` → `2010301`,
CJK + digits → no space). Inside a line the document's own spaces are kept;
a gap without a space character is a space only between two non-CJK
characters (producers space CJK and Latin apart for looks, not meaning),
unless it is as wide as a character.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from statistics import median

from cnbudget.ingest.pdf.chars import Char

GAP = 2.0  # a horizontal gap this many character heights wide separates two cells of a text line
_SPACE_GAP = 0.25  # a gap this many heights wide between Latin characters is a space
_WIDE_GAP = 1.0  # a gap this wide is a space between any characters (spread-out 合    计)
_SAME_BOTTOM = 0.15  # characters whose boxes' bottoms differ by this many heights stand on one line
_SAME_LINE = 0.6  # lines whose boxes overlap by this much of the lower box's height are one


def is_wide(ch: str) -> bool:
    """CJK ideographs, kana, full-width forms and CJK punctuation."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _spaced(left: str, right: str) -> bool:
    return not is_wide(left) and not is_wide(right)


def join_wrapped(left: str, right: str) -> str:
    """Join two pieces of text a cell wrapped; a space only between Latin words."""
    if not left or not right:
        return left + right
    a, b = left[-1], right[0]
    latin_word = b.isascii() and b.isalpha() and a.isascii() and (a.isalnum() or a in ",;:!?)")
    return f"{left} {right}" if latin_word else left + right


def _x0(c: Char) -> float:
    return c.x0


def group_lines(chars: list[Char]) -> list[list[Char]]:
    """Characters into lines, top to bottom, each line left to right. Characters
    standing on one baseline share their box's bottom (the font's descent):
    bottoms within `_SAME_BOTTOM` heights of each other are a line; lines whose
    boxes mostly overlap (`_SAME_LINE` of the lower one's height: digits set in
    another font than the characters beside them) are one. Lines half a line
    apart (the cells of a header centred over one or two lines) stay apart."""
    if not chars:
        return []
    first_top = chars[0].top
    if all(c.top == first_top for c in chars):  # the common cell: one line
        return [sorted(chars, key=_x0)]
    runs: list[list[Char]] = []
    for ch in sorted(chars, key=lambda c: c.bottom):
        if runs and ch.bottom - runs[-1][-1].bottom <= _SAME_BOTTOM * (ch.bottom - ch.top):
            runs[-1].append(ch)
        else:
            runs.append([ch])
    bands = sorted(((min(c.top for c in run), max(c.bottom for c in run), run) for run in runs),
                   key=lambda b: b[0])
    lines: list[list[Char]] = []
    top, bottom = 0.0, 0.0
    for b_top, b_bottom, run in bands:
        if lines and min(bottom, b_bottom) - max(top, b_top) >= _SAME_LINE * min(bottom - top, b_bottom - b_top):
            lines[-1].extend(run)
            top, bottom = min(top, b_top), max(bottom, b_bottom)
            continue
        lines.append(list(run))
        top, bottom = b_top, b_bottom
    for line in lines:
        line.sort(key=_x0)
    return lines


def line_text(line: list[Char]) -> str:
    if len(line) <= 1:
        return line[0].text if line else ""  # an empty cell's one line holds nothing
    parts: list[str] = [line[0].text]
    previous = line[0]
    # Char.size spelled out: this runs once per character of the page
    previous_size = previous.bottom - previous.top
    for ch in line[1:]:
        size = ch.bottom - ch.top
        larger = size if size > previous_size else previous_size
        gap = (ch.x0 - previous.x1) / (larger if larger > 1e-6 else 1e-6)
        if ch.space_before or gap > _WIDE_GAP or gap > _SPACE_GAP and _spaced(previous.text[-1], ch.text[0]):
            parts.append(" ")
        parts.append(ch.text)
        previous, previous_size = ch, size
    return "".join(parts)


def cell_text(chars: list[Char]) -> str:
    return lines_text(group_lines(chars))


def lines_text(lines: list[list[Char]]) -> str:
    """The text of a cell's lines (`group_lines`), wrapped lines joined."""
    text = ""
    for line in lines:
        text = join_wrapped(text, line_text(line))
    return text


@dataclass(frozen=True, slots=True)
class TextPiece:
    text: str
    x0: float
    x1: float


@dataclass(frozen=True, slots=True)
class TextLine:
    pieces: tuple[TextPiece, ...]
    top: float
    bottom: float


def split_pieces(line: list[Char], gap: float = GAP) -> tuple[TextPiece, ...]:
    """A line's characters cut at horizontal gaps wider than `gap` character heights."""
    limit = gap * median([c.bottom - c.top for c in line])  # Char.size
    pieces: list[TextPiece] = []
    run: list[Char] = []
    for ch in line:
        if run and ch.x0 - run[-1].x1 > limit:
            pieces.append(TextPiece(line_text(run), run[0].x0, run[-1].x1))
            run = []
        run.append(ch)
    if run:
        pieces.append(TextPiece(line_text(run), run[0].x0, run[-1].x1))
    return tuple(pieces)


def text_lines(chars: list[Char], lines: list[list[Char]] | None = None) -> list[TextLine]:
    """Running text in reading order, lines cut into pieces at wide gaps; `lines`,
    where given, are `group_lines(chars)` already grouped."""
    return [
        TextLine(split_pieces(line), min([c.top for c in line]), max([c.bottom for c in line]))
        for line in (group_lines(chars) if lines is None else lines)
    ]
