"""A scanned page read into the PDF reader's `PageContent`.

Rulings → `grid.build_grid` (the text reader's own cells, spans and merged
headers); the ink in each cell, inside its rulings, is that cell's text lines
(joined as a wrapped cell's are); ink outside the tables is running text,
given to `text.text_lines` as characters, so it is cut into lines and pieces
as a text page's is — after tables printed without rulings are found in it
by its alignment, as on a text page (`pdf.aligned`). Every table cell keeps the lowest score of its lines and
their highest doubt (`engine`).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import pypdfium2 as pdfium

from cnbudget.ingest.ocr.crops import MARGIN, PixelBox, crop, line_height, pieces
from cnbudget.ingest.ocr.engine import Reading, grant_ocr_page, recogniser
from cnbudget.ingest.ocr.image import PageImage, page_image
from cnbudget.ingest.ocr.rulings import find_segments, long_rulings
from cnbudget.ingest.pdf.chars import Char
from cnbudget.ingest.pdf.grid import GridTable, build_grid
from cnbudget.ingest.pdf.reader import PageContent, PageTable, fill_tables
from cnbudget.ingest.pdf.text import join_wrapped, text_lines

_INSET = 0.02  # inches kept off a cell's rulings (their blur and the rest of their width)
_RULED = 0.7  # share of a cell's height (width) a line of ink spans when it is a ruling
_MIN_INK = 8  # ink pixels below which a cell is empty (a speck the noise filter left)
_RULE_MARKS = "_|"  # a bit of ruling at a crop's end reads as these; never a cell's content


@dataclass(slots=True)
class _Cell:
    table: int
    index: int
    boxes: list[PixelBox]


def _without_ruling_edges(region: np.ndarray, edge: int) -> np.ndarray:
    """The region without the bits of its rulings a slight residual skew leaves
    at its edges: columns (rows) near an edge inked over most of the height (width)."""
    h, w = region.shape
    if h == 0 or w == 0:
        return region
    out = region.copy()
    cols = np.flatnonzero((region > 0).sum(axis=0) >= _RULED * h)
    out[:, cols[(cols < edge) | (cols >= w - edge)]] = 0
    rows = np.flatnonzero((region > 0).sum(axis=1) >= _RULED * w)
    out[rows[(rows < edge) | (rows >= h - edge)], :] = 0
    return out


def _cell_regions(tables: list[GridTable], ink: np.ndarray, dpi: float) -> list[tuple[int, int, np.ndarray]]:
    """Each cell's ink inside its rulings, with the region's pixel origin, in table order."""
    per_point, inset = dpi / 72.0, max(2, round(_INSET * dpi))
    out = []
    for table in tables:
        for cell in table.cells:
            x0, top, x1, bottom = (round(v * per_point) for v in cell.box)
            x0, top = x0 + inset, top + inset
            x1, bottom = max(x0, x1 - inset), max(top, bottom - inset)
            out.append((x0, top, _without_ruling_edges(ink[top:bottom, x0:x1], 2 * inset)))
    return out


def _worded(text: str) -> bool:
    """Running text has a letter, digit or ideograph; a lone rule or speck read as
    _ or | is not text (in a cell a lone - is kept: it is printed for nil)."""
    return any(ch.isalnum() for ch in text)


def read_scanned_page(page: pdfium.PdfPage, number: int) -> PageContent:
    grant_ocr_page()
    return read_page_image(page_image(page), number)


def read_page_image(image: PageImage, number: int) -> PageContent:
    """An upright page image (`image.upright_image`) read as a text page's content."""
    tables = build_grid(find_segments(image.ink, image.dpi)).tables
    # only long rulings are erased (shorter runs may be strokes of characters): cells
    # are read inside their rulings and the tables are blanked out of the running text
    lines = long_rulings(image.ink, image.dpi)
    text_ink = cv2.bitwise_and(image.ink, cv2.bitwise_not(lines))
    clean = image.grey.copy()
    clean[lines > 0] = 255
    regions = _cell_regions(tables, text_ink, image.dpi)
    free = text_ink.copy()
    per_point, margin = image.dpi / 72.0, max(2, round(_INSET * image.dpi))
    for table in tables:
        x0, top, x1, bottom = (round(v * per_point) for v in table.box)
        free[max(0, top - margin):bottom + margin, max(0, x0 - margin):x1 + margin] = 0
    height = line_height([r for _, _, r in regions if int(r.sum()) >= _MIN_INK * 255] + [free])
    cells: list[_Cell] = []
    n = 0
    for t, table in enumerate(tables):
        for i in range(len(table.cells)):
            x0, top, region = regions[n]
            n += 1
            if int(region.sum()) >= _MIN_INK * 255:
                cells.append(_Cell(t, i, pieces(region, (x0, top), height, split=False)))
    free_boxes = pieces(free, (0, 0), height, split=True)
    boxes = [b for c in cells for b in c.boxes] + free_boxes
    readings = iter(recogniser().read([crop(clean, b, MARGIN) for b in boxes]))
    texts = [[""] * len(t.cells) for t in tables]
    scores: list[list[float | None]] = [[None] * len(t.cells) for t in tables]
    doubts = [[0.0] * len(t.cells) for t in tables]
    for cell in cells:
        text, score, doubt = "", 1.0, 0.0
        for _ in cell.boxes:
            reading = next(readings)
            text = join_wrapped(text, reading.text.strip(_RULE_MARKS))
            score, doubt = min(score, reading.score), max(doubt, reading.doubt)
        texts[cell.table][cell.index], scores[cell.table][cell.index] = text, score if text else None
        doubts[cell.table][cell.index] = doubt if text else 0.0
    scale = image.scale
    read = {Char(r.text, x0 * scale, top * scale, x1 * scale, bottom * scale): r
            for (x0, top, x1, bottom), r in zip(free_boxes, readings, strict=True) if _worded(r.text)}
    filled = [PageTable(t, texts[k], scores[k], doubts[k]) for k, t in enumerate(tables) if any(texts[k])]
    unruled, chars = _aligned(list(read), read)
    if unruled:
        filled = sorted([*filled, *unruled], key=lambda t: (t.table.box[1], t.table.box[0]))
    count = sum(len(x) for row in texts for x in row) + sum(len(c.text) for c in read)
    return PageContent(number, filled, text_lines(chars), count, 1, 0, ocr=True, skew=image.skew,
                       turn=image.turns * 90 % 360)


def _aligned(chars: list[Char], read: dict[Char, Reading]) -> tuple[list[PageTable], list[Char]]:
    """Tables printed without rulings, from the running text's alignment, as the PDF
    reader finds them among a text page's free characters (`pdf.aligned`; here each
    piece the recogniser read is one "character"). A cell keeps the lowest score and
    the highest doubt of its pieces. Returns the tables and the text left over."""
    filled, free = fill_tables([], chars)
    left = set(free)
    out = []
    for table in filled:
        scores: list[float | None] = [None] * len(table.texts)
        doubts = [0.0] * len(table.texts)
        x0, top, x1, bottom = table.table.box
        for ch in chars:
            index = None if ch in left or not (x0 <= ch.cx <= x1 and top <= ch.cy <= bottom) \
                else table.table.locate(ch.cx, ch.cy)
            if index is not None:
                reading = read[ch]
                scores[index] = min(1.0 if scores[index] is None else scores[index], reading.score)
                doubts[index] = max(doubts[index], reading.doubt)
        out.append(PageTable(table.table, table.texts, scores, doubts))
    return out, free
