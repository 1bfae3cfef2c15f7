"""What a format reader gives recognition: lines of cells in reading order.

Readers know nothing of budgets. Where a format gives structure (DOCX, XLSX,
HTML tables, ruled PDF grids) a reader fills `Cell.col`/spans and marks the
lines of one table with the same `grid` id; where structure has to be
recovered (plain text) cells are what the text's own separators give and
`col` is None.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from cnbudget.model import Box


class Delimiter(StrEnum):
    GRID = "grid"  # cells from a structured/ruled table: positions are exact
    TAB = "tab"  # cells split on tabs: empty cells keep their place
    SPACE = "space"  # cells split on runs of spaces: empty cells are lost
    NONE = "none"  # a paragraph or a line with one cell


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    col: int | None = None  # first grid column the cell covers
    colspan: int = 1
    rowspan: int = 1
    x0: float | None = None  # horizontal position where a reader knows it (PDF), display space
    x1: float | None = None
    box: Box | None = None  # where the cell is printed, in PDF user space (PDF only)
    confidence: float | None = None  # the recogniser's score (0–1) where OCR read the cell


@dataclass(frozen=True, slots=True)
class Line:
    cells: tuple[Cell, ...]
    page: int | None = None  # 1-based page, for paged formats
    number: int | None = None  # 1-based line in a text source
    grid: int | None = None  # id shared by the rows of one structured table
    delimiter: Delimiter = Delimiter.NONE
    raw: str | None = None  # the line as printed, where cells were split from it

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells]

    @property
    def text(self) -> str:
        """The line as printed (text sources), else its cells joined by a tab."""
        if self.raw is not None:
            return self.raw
        return "\t".join(c.text for c in self.cells)

    @property
    def box(self) -> Box | None:
        """The box covering the line's cells, where the reader gave them boxes."""
        found: Box | None = None
        for c in self.cells:
            if c.box is not None:
                found = c.box if found is None else found.union(c.box)
        return found

    @property
    def filled(self) -> list[str]:
        """The non-empty cell texts."""
        return [c.text for c in self.cells if c.text.strip()]


@dataclass(slots=True)
class ReadProblem:
    """What a reader could not take in: a problem code of model/problems.py
    (`page.scanned`, `sheet.hidden` …) and the details its message names."""

    code: str
    page: int | None = None
    line: int | None = None
    details: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Layout:
    """One source file as read: its lines, its page count and what went wrong."""

    lines: list[Line]
    format: str
    pages: int | None = None
    problems: list[ReadProblem] = field(default_factory=list)
    # the name a format gives a page where it gives one (a spreadsheet's sheet tab), by page
    page_names: dict[int, str] = field(default_factory=dict)
