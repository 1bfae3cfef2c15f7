"""What the reader must give for a drawing, and what pdfplumber gives."""

from __future__ import annotations

import io

import pdfplumber

from cnbudget.ingest.layout import Layout

from .drawing import TableSpec


def expected_rows(spec: TableSpec) -> list[list[tuple[str, int, int, int]]]:
    """(text, col, colspan, rowspan) per row; a merged cell sits in its first row."""
    return [[(c.text, c.col, c.colspan, c.rowspan) for c in row] for row in spec.rows() if row]


def grid_rows(layout: Layout, grid: int) -> list[list[tuple[str, int | None, int, int]]]:
    return [[(c.text, c.col, c.colspan, c.rowspan) for c in line.cells] for line in layout.lines if line.grid == grid]


def grids(layout: Layout) -> list[int]:
    seen: list[int] = []
    for line in layout.lines:
        if line.grid is not None and line.grid not in seen:
            seen.append(line.grid)
    return seen


def plumber_tables(data: bytes) -> list[list[list[list[str | None]]]]:
    """pdfplumber's lines-strategy tables per page, wrapped lines joined."""
    pages = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            tables = page.extract_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"})
            pages.append([[[None if c is None else c.replace("\n", "") for c in row] for row in t] for t in tables])
    return pages
