"""Ruling lines of a page image, as the segments the PDF grid builder takes.

Horizontal and vertical runs of ink longer than any character stroke are
kept by a morphological opening with a long thin kernel (one per direction);
each connected run is a segment, in points. Gaps noise leaves in a line are
closed by the grid builder's own joining (`grid.JOIN`), not by closing the
image first: that would join the strokes of neighbouring title characters
into rulings.
"""

from __future__ import annotations

import cv2
import numpy as np

from cnbudget.ingest.pdf.paths import Segment

# kernel lengths in inches: longer than the strokes of body text (8–10 pt) and
# titles' characters are wide, shorter than a table row is high
HORIZONTAL_RUN = 0.3
VERTICAL_RUN = 0.16
ERASED_RUN = 0.5  # rulings this long are erased before text is cut: no stroke of text is


def _runs(ink: np.ndarray, horizontal: bool, dpi: float, run: float | None = None) -> np.ndarray:
    length = max(9, round((run or (HORIZONTAL_RUN if horizontal else VERTICAL_RUN)) * dpi))
    size = (length, 1) if horizontal else (1, length)
    return cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, size))


def find_segments(ink: np.ndarray, dpi: float) -> list[Segment]:
    """The page's ruling segments in display points (72 a inch, y down)."""
    scale = 72.0 / dpi
    segments: list[Segment] = []
    for horizontal in (True, False):
        count, _, stats, _ = cv2.connectedComponentsWithStats(_runs(ink, horizontal, dpi), connectivity=8)
        for x, y, w, h, _ in stats[1:count]:
            if horizontal:
                segments.append(Segment(True, (y + h / 2) * scale, x * scale, (x + w) * scale))
            else:
                segments.append(Segment(False, (x + w / 2) * scale, y * scale, (y + h) * scale))
    return segments


def long_rulings(ink: np.ndarray, dpi: float) -> np.ndarray:
    """A mask of the long rulings and a pixel around them: what a cell's text must not
    keep (a slightly slanted border crosses into the cell's edge)."""
    lines = cv2.bitwise_or(_runs(ink, True, dpi, ERASED_RUN), _runs(ink, False, dpi, ERASED_RUN))
    return cv2.dilate(lines, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
