"""A scanned page as a straight grey image and its ink mask.

The page is rendered by pdfium at the resolution of its own image (clamped
to what OCR needs), so whatever way the producer placed the scan, the image
is the page as displayed (an OFD page is drawn by the OFD reader, `ofd.images`). Skew is found by projection: turned by the right
angle, rows of text and rulings line up, and the row profile of the ink is
sharpest. A page fed sideways or upside down is turned upright first
(`orientation`).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import pypdfium2 as pdfium

from cnbudget.ingest.ocr.orientation import sideways, upside_down

MIN_DPI, MAX_DPI, DEFAULT_DPI = 150, 300, 200
MAX_SKEW = 3.0  # degrees searched either way
_COARSE, _FINE = 0.2, 0.02  # search steps in degrees
_PROFILE_WIDTH = 900  # the ink mask is scaled to about this width to search the angle


@dataclass(slots=True)
class PageImage:
    grey: np.ndarray  # uint8, white paper, straightened
    ink: np.ndarray  # uint8 mask, 255 where ink
    dpi: float
    skew: float  # degrees `grey` was turned (counter-clockwise) to straighten the scan
    turns: int = 0  # quarter turns (counter-clockwise) that made the page upright, before the skew

    @property
    def scale(self) -> float:
        """Points per pixel (layout positions are in points, as for text pages)."""
        return 72.0 / self.dpi


def page_dpi(page: pdfium.PdfPage) -> float:
    """The resolution of the page's largest image, clamped to MIN_DPI–MAX_DPI."""
    best = 0.0
    for obj in page.get_objects():
        if obj.type != pdfium.raw.FPDF_PAGEOBJ_IMAGE:
            continue
        left, _, right, _ = obj.get_bounds()
        width_px, _ = obj.get_px_size()
        if right - left > 1:
            best = max(best, width_px / ((right - left) / 72.0))
    return min(MAX_DPI, max(MIN_DPI, best)) if best else DEFAULT_DPI


def ink_mask(grey: np.ndarray) -> np.ndarray:
    """Ink as 255: Otsu's threshold, then specks of noise of a pixel or two dropped."""
    _, mask = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    small = stats[:, cv2.CC_STAT_AREA] < 3
    small[0] = False
    if small.any():
        mask[small[labels]] = 0
    return mask


def _sharpness(mask: np.ndarray, angle: float) -> float:
    h, w = mask.shape
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    rows = cv2.warpAffine(mask, turn, (w, h), flags=cv2.INTER_NEAREST).sum(axis=1, dtype=np.float64)
    return float(np.square(np.diff(rows)).sum())


def find_skew(ink: np.ndarray) -> float:
    """The angle (degrees, counter-clockwise) that levels the page's rows."""
    factor = min(1.0, _PROFILE_WIDTH / ink.shape[1])
    small = cv2.resize(ink, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA) if factor < 1 else ink
    coarse = np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, _COARSE)
    best = max(coarse, key=lambda a: _sharpness(small, float(a)))
    fine = np.arange(best - _COARSE, best + _COARSE + 1e-9, _FINE)
    return float(max(fine, key=lambda a: _sharpness(small, float(a))))


def straighten(grey: np.ndarray, angle: float) -> np.ndarray:
    h, w = grey.shape
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(grey, turn, (w, h), flags=cv2.INTER_CUBIC, borderValue=255)


def page_image(page: pdfium.PdfPage) -> PageImage:
    dpi = page_dpi(page)
    bitmap = page.render(scale=dpi / 72.0, grayscale=True)
    grey = np.array(bitmap.to_numpy()[:, :, 0] if bitmap.to_numpy().ndim == 3 else bitmap.to_numpy())
    return upright_image(grey, dpi)


def upright_image(grey: np.ndarray, dpi: float) -> PageImage:
    """A page's grey image (white paper, `dpi`), turned upright and straightened."""
    ink = ink_mask(grey)
    turns = 0
    if sideways(ink):  # a page fed sideways (ocr.orientation): its lines run down it
        grey, ink, turns = _turned(grey, 1), _turned(ink, 1), 1
    skew = find_skew(ink)
    if abs(skew) >= _FINE:
        grey = straighten(grey, skew)
        ink = ink_mask(grey)
    if upside_down(grey, ink, dpi):
        grey, ink, turns = _turned(grey, 2), _turned(ink, 2), turns + 2
    return PageImage(grey, ink, dpi, skew, turns)


def _turned(image: np.ndarray, quarters: int) -> np.ndarray:
    return np.ascontiguousarray(np.rot90(image, quarters))
