"""pdfplumber's lines strategy, for a page with rulings where our grid found no table.

Slow (pdfminer parses the page again) but independent: it is asked only about
pages whose rulings our own grid could not close into cells.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from cnbudget.ingest.pdf.grid import GridTable, table_from_boxes

if TYPE_CHECKING:
    import pdfplumber

_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


class PlumberFallback:
    """Opens the document with pdfplumber once, on first use."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._pdf: pdfplumber.PDF | None = None

    def tables(self, page_index: int) -> list[GridTable]:
        if self._pdf is None:
            import pdfplumber  # pdfminer loads only for a page that needs it

            self._pdf = pdfplumber.open(io.BytesIO(self._data))
        page = self._pdf.pages[page_index]
        found = page.find_tables(_SETTINGS)
        left, top = page.bbox[0], page.bbox[1]  # pdfplumber measures from the media box; we from the crop box
        page.close()
        tables = [
            table_from_boxes([(x0 - left, y0 - top, x1 - left, y1 - top) for x0, y0, x1, y1 in t.cells])
            for t in found
            if len(t.cells) >= 2
        ]
        # the same rule as our own grid: a single column is ruled text, not a table
        return sorted((t for t in tables if t.cols >= 2), key=lambda t: (t.box[1], t.box[0]))

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
