"""A page fed sideways or upside down turned upright before it is read.

Lines of text run along the page: upright (or upside down) the ink's row
profile is sharper than its column profile; fed sideways, the column profile
is (`sideways`: a quarter turn first, before the skew is measured). Which
of the two ways round is then the recogniser's own evidence, on the level
page: its longest lines are read both ways, and the way with the higher
scores is upright (an upside-down line reads as low-scored rubbish). No
other model is needed.
"""

from __future__ import annotations

import cv2
import numpy as np

from cnbudget.ingest.ocr.crops import MARGIN, crop, line_height, pieces
from cnbudget.ingest.ocr.engine import recogniser
from cnbudget.ingest.ocr.rulings import long_rulings

_PROFILE_WIDTH = 900  # the ink mask is scaled to about this size to compare its profiles
_SIDEWAYS = 1.5  # the column profile this many times sharper than the rows: fed sideways
_SAMPLE = 6  # lines read both ways to tell upright from upside down
_SAMPLE_WIDTH = 16  # line heights of each sampled line read


def _profile_sharpness(mask: np.ndarray, axis: int) -> float:
    return float(np.square(np.diff(mask.sum(axis=axis, dtype=np.float64))).sum())


def sideways(ink: np.ndarray) -> bool:
    """Whether the page's lines run down it rather than across."""
    factor = min(1.0, _PROFILE_WIDTH / max(ink.shape))
    small = cv2.resize(ink, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA) if factor < 1 else ink
    return _profile_sharpness(small, 0) > _SIDEWAYS * _profile_sharpness(small, 1)


def upside_down(grey: np.ndarray, ink: np.ndarray, dpi: float) -> bool:
    """Whether the level page reads better turned half round. Long rulings are
    left out first: a table's borders read as rubbish either way round."""
    text = cv2.bitwise_and(ink, cv2.bitwise_not(long_rulings(ink, dpi)))
    height = line_height([text])
    boxes = sorted(pieces(text, (0, 0), height, split=True), key=lambda b: b[0] - b[2])[:_SAMPLE]
    if not boxes:
        return False
    # a line's start is evidence enough: whole page-wide lines only cost model time
    crops = [crop(grey, (x0, top, min(x1, x0 + _SAMPLE_WIDTH * (bottom - top)), bottom), MARGIN)
             for x0, top, x1, bottom in boxes]
    upright = recogniser().read(crops)
    turned = recogniser().read([np.ascontiguousarray(c[::-1, ::-1]) for c in crops])
    return sum(r.score for r in turned) > sum(r.score for r in upright)
