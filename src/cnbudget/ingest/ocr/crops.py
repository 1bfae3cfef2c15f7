"""Text lines cut out of a page image for the recogniser (which reads one line a crop).

Rows of ink (the horizontal projection) are a line's band; bands a stroke gap
apart are one line (二, 三 are strokes over white), as are bands that together
are no taller than a line of the page's text. In a band, runs of ink apart by
more than a character's height are separate pieces, as the text reader cuts
a printed line at wide gaps.
"""

from __future__ import annotations

from statistics import median

import numpy as np

PixelBox = tuple[int, int, int, int]  # x0, top, x1, bottom; bottom and x1 exclusive
_LINE_SLACK = 1.35  # bands together no taller than this many line heights are one line
_PIECE_GAP = 1.0  # a gap this many band heights wide cuts a line into pieces
MARGIN = (0.4, 0.2)  # white above/below and left/right of a crop, in line heights


def _runs(profile: np.ndarray, gap: int = 1) -> list[tuple[int, int]]:
    """Index ranges where the profile is non-zero, joining runs `gap` or fewer apart."""
    on = np.flatnonzero(profile)
    if on.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(on) > gap + 1)
    starts = np.concatenate(([on[0]], on[breaks + 1]))
    ends = np.concatenate((on[breaks], [on[-1]])) + 1
    return list(zip(starts.tolist(), ends.tolist(), strict=True))


def bands(ink: np.ndarray, line_height: float | None) -> list[tuple[int, int]]:
    """The text lines of a region, top to bottom, as row ranges."""
    found = _runs(ink.sum(axis=1))
    if line_height is None or len(found) < 2:
        return found
    merged = [found[0]]
    for top, bottom in found[1:]:
        if bottom - merged[-1][0] <= _LINE_SLACK * line_height:
            merged[-1] = (merged[-1][0], bottom)
        else:
            merged.append((top, bottom))
    return merged


def line_height(regions: list[np.ndarray]) -> float | None:
    """The usual height of a text line on the page: the median band of its regions."""
    heights = [b - t for ink in regions for t, b in bands(ink, None) if b - t >= 3]
    return float(median(heights)) if heights else None


def pieces(ink: np.ndarray, origin: tuple[int, int], height: float | None,
           split: bool) -> list[PixelBox]:
    """The text of a region as line crops in page pixels; `split` cuts lines at wide gaps."""
    ox, oy = origin
    out: list[PixelBox] = []
    for top, bottom in bands(ink, height):
        band = ink[top:bottom]
        gap = max(2, round(_PIECE_GAP * (bottom - top))) if split else band.shape[1]
        for x0, x1 in _runs(band.sum(axis=0), gap):
            rows = np.flatnonzero(band[:, x0:x1].sum(axis=1))
            out.append((ox + x0, oy + top + int(rows[0]), ox + x1, oy + top + int(rows[-1]) + 1))
    return out


def crop(grey: np.ndarray, box: PixelBox, margin: tuple[float, float]) -> np.ndarray:
    """A piece of the grey image with white margins (above and below, left and
    right) in line heights, as 3-channel BGR. The model was trained on detector
    boxes, which leave room above and below; a wide margin left and right makes
    it drop the last character of a short crop (项目 read 项)."""
    x0, top, x1, bottom = box
    part = grey[top:bottom, x0:x1]
    height = bottom - top
    pad = ((max(3, round(margin[0] * height)),) * 2, (max(2, round(margin[1] * height)),) * 2)
    framed = np.pad(part, pad, constant_values=255)
    return np.repeat(framed[:, :, None], 3, axis=2)
