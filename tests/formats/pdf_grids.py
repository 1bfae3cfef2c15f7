"""Test helper: the tables of a rendered PDF through pdfplumber (the reference
table extractor), as `Grid`s keyed by the title printed above them."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from formats.grids import Grid


def pdf_grids(path: Path, titles: set[str]) -> dict[str, Grid]:
    """Tables that continue on the next page (repeated header) are joined."""
    out: dict[str, Grid] = {}
    current: Grid | None = None
    header_rows = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            lines = (page.extract_text() or "").splitlines()
            title = next((ln for ln in lines[:2] if ln in titles), None)
            tables = page.extract_tables()
            if not tables:
                continue
            rows = [[(c or "").replace("\n", "") for c in row] for row in tables[0]]
            if title is not None:
                current = Grid(title, [ln for ln in lines[:3] if "单位：" in ln], rows, [])
                out[title] = current
                header_rows = sum(1 for r in rows if not any(ch.isdigit() for ch in "".join(r)))
            elif current is not None:
                current.rows.extend(rows[header_rows:])
            notes = [ln for ln in lines if ln.startswith("注")]
            if current is not None:
                current.notes.extend(notes)
    return out
