"""Corrections to pdfplumber's reading, each one a place where the page image shows
something else (derive_jiangsu.CORRECTIONS lists every use with its reason).

They act on the printed tables (plumber_read.PrintedTable) before their rows are
read, and raise where they find nothing to correct, so a correction that no
longer applies is noticed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from tests.real.plumber_read import Cell, PrintedTable


def _change_cell(tables: list[PrintedTable], page: int, reading: str, **changes: float | str) -> None:
    """The first cell on `page` that reads `reading`, changed in place."""
    for table in tables:
        for row in table.rows:
            for i, cell in enumerate(row.cells):
                if cell.page == page and cell.text == reading:
                    row.cells[i] = replace(cell, **changes)
                    return
    raise ValueError(f"page {page}: no cell reads {reading!r}")


@dataclass(frozen=True)
class Retext:
    """On `page`, the cell pdfplumber reads as `old` reads `new` on the page."""

    page: int
    old: str
    new: str
    reason: str

    def describe(self) -> str:
        return f"page {self.page}: {self.old!r} reads {self.new!r}: {self.reason}"

    def apply(self, tables: list[PrintedTable]) -> None:
        _change_cell(tables, self.page, self.old, text=self.new)


@dataclass(frozen=True)
class Rebox:
    """A header cell whose rule is printed over the wrong column: on `page`, the cell
    reading `text` heads the columns x0..x1 (where its figures are)."""

    page: int
    text: str
    x0: float
    x1: float
    reason: str

    def describe(self) -> str:
        return f"page {self.page}: header {self.text!r} heads x {self.x0:.0f}–{self.x1:.0f}: {self.reason}"

    def apply(self, tables: list[PrintedTable]) -> None:
        _change_cell(tables, self.page, self.text, x0=self.x0, x1=self.x1)


@dataclass(frozen=True)
class SetUnit:
    """A unit line printed over two lines (单位：万 | 元), so no line reads as a unit."""

    page: int
    title: str  # a phrase of the table's title
    unit: str
    reason: str

    def describe(self) -> str:
        return f"page {self.page}: the {self.title} table's unit is {self.unit}: {self.reason}"

    def apply(self, tables: list[PrintedTable]) -> None:
        for table in tables:
            if self.title in table.title and self.page in table.pages and table.unit is None:
                table.unit = self.unit
                return
        raise ValueError(f"page {self.page}: no unit-less table titled {self.title!r}")


@dataclass(frozen=True)
class JoinCut:
    """A row the page break cut: the first row of `page` (reading `text`) is the rest
    of the previous page's last row; its words join the cells above them."""

    page: int
    text: str
    reason: str

    def describe(self) -> str:
        return f"page {self.page}: {self.text!r} ends the row above it: {self.reason}"

    def apply(self, tables: list[PrintedTable]) -> None:
        for table in tables:
            for n, row in enumerate(table.rows):
                if n and row.page == self.page and self.text in row.texts():
                    above = table.rows[n - 1]
                    for cell in (c for c in row.cells if c.text.strip()):
                        i = max(range(len(above.cells)), key=lambda k: min(above.cells[k].x1, cell.x1)
                                - max(above.cells[k].x0, cell.x0))
                        above.cells[i] = replace(above.cells[i], text=above.cells[i].text + cell.text)
                    del table.rows[n]
                    return
        raise ValueError(f"page {self.page}: no row reads {self.text!r}")


@dataclass(frozen=True)
class AddCell:
    """A cell printed on the page that pdfplumber's grid lost (its rules are open):
    added to the row at `top`, its box measured from the words' positions."""

    page: int
    box: tuple[float, float, float, float]  # x0, top, x1, bottom
    text: str
    reason: str

    def describe(self) -> str:
        return f"page {self.page}: cell {self.text!r} added at x {self.box[0]:.0f}–{self.box[2]:.0f}: {self.reason}"

    def apply(self, tables: list[PrintedTable]) -> None:
        x0, top, x1, bottom = self.box
        for table in tables:
            for row in table.rows:
                if row.page == self.page and abs(row.top - top) < 2:
                    row.cells.append(Cell(self.page, x0, top, x1, bottom, self.text))
                    row.cells.sort(key=lambda c: c.x0)
                    return
        raise ValueError(f"page {self.page}: no row at top {top}")


Correction = Retext | Rebox | SetUnit | JoinCut | AddCell
