"""OCR of image-only (scanned) pages, with the optional extra `ocr`.

A scanned page is rendered to a grey image, straightened (`image.deskew`),
its ruling lines found by morphology (`rulings`) and handed to the PDF
reader's own grid builder, so cells, spans and merged headers come out as for
a text-layer page; the ink inside each cell and the running text outside the
tables is cut into text lines (`crops`) that rapidocr reads (`engine`), each
with its score. `page.read_scanned_page` gives the same `PageContent` the PDF
reader makes of a text page, so recognition is unchanged.
"""

from __future__ import annotations

import importlib.util

__all__ = ["OCR_MODULES", "missing_ocr_module"]

OCR_MODULES = ("rapidocr", "onnxruntime", "cv2")


def missing_ocr_module() -> str | None:
    """The first module of the `ocr` extra that is not installed (found without importing it)."""
    for module in OCR_MODULES:
        if importlib.util.find_spec(module) is None:
            return module
    return None
