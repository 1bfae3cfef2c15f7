"""A table titled only by its page's name: a workbook whose sheet tab says
收支总表 and whose rows start with the unit line or the header.

The name is given to segmentation as a title line at the top of its page, but
only where the page prints no title of its own before its first table row and
the name reads as a standard table's title."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from cnbudget.ingest.layout import Cell, Line
from cnbudget.model.table_types import OTHER
from cnbudget.recognise.segment import title_candidates
from cnbudget.recognise.titles import title_type


def _named_type(name: str) -> str | None:
    # a tab is a caption by nature, so it need not end in 表 (一般公共预算支出)
    kind = title_type(name, ends_in_table=False)
    return kind if kind not in (None, OTHER) else None


def _titled_before_table(page_lines: list[Line]) -> bool:
    """The page prints a title (as segmentation finds titles) before its first table row."""
    first_row = next((i for i, line in enumerate(page_lines) if line.grid is not None and len(line.filled) >= 2),
                     len(page_lines))
    return any(c.index < first_row for c in title_candidates(page_lines[:first_row + 1]))


def with_page_titles(lines: Sequence[Line], page_names: Mapping[int, str]) -> list[Line]:
    """`lines` with a title line for each named page that needs one (at its top)."""
    if not page_names:
        return list(lines)
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        if line.page is not None:
            by_page.setdefault(line.page, []).append(line)
    titled: dict[int, Line] = {}
    for page, name in page_names.items():
        page_lines = by_page.get(page)
        if page_lines and _named_type(name.strip()) and not _titled_before_table(page_lines):
            titled[page] = Line((Cell(name.strip()),), page=page)
    if not titled:
        return list(lines)
    out: list[Line] = []
    for line in lines:
        title = titled.pop(line.page, None) if line.page is not None else None
        if title is not None:
            out.append(title)
        out.append(line)
    return out
