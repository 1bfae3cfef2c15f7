"""Reader for Word documents (DOCX) through python-docx's XML.

The body is walked in document order: paragraphs become one-cell lines,
tables become grid rows. Grid positions come from `w:gridBefore` and
`w:gridSpan`; vertical merges (`w:vMerge`) give the first cell a rowspan and
drop its continuations, as HTML does. A cell's paragraphs (and any table
nested in it) are its text, one paragraph per text line. DOCX has no pages:
`number` counts the lines read so that locators point somewhere.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from cnbudget.ingest.errors import UnreadableSource
from cnbudget.ingest.layout import Cell, Delimiter, Layout, Line
from cnbudget.ingest.readers import READERS

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _q(tag: str) -> str:
    return f"{{{_W}}}{tag}"


_P, _TBL, _TR, _TC, _SDT = _q("p"), _q("tbl"), _q("tr"), _q("tc"), _q("sdt")
_T, _TAB, _BR, _CR = _q("t"), _q("tab"), _q("br"), _q("cr")
_VAL = _q("val")


_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
# a paragraph's text, tabs and breaks in order: only those inside runs (w:tab
# also defines tab stops in w:pPr), and not the duplicate copy a text box
# keeps for old readers (mc:Fallback)
_RUN_CONTENT = etree.XPath(
    "|".join(f".//w:r/w:{tag}[not(ancestor::mc:Fallback)]" for tag in ("t", "tab", "br", "cr")),
    namespaces={"w": _W, "mc": _MC},
)


def paragraph_text(p: etree._Element) -> str:
    parts: list[str] = []
    for el in _RUN_CONTENT(p):
        if el.tag == _T:
            parts.append(el.text or "")
        elif el.tag == _TAB:
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts).strip()


def _children(container: etree._Element, tags: tuple[str, ...]) -> Iterator[etree._Element]:
    """Direct children with one of `tags`, content controls (w:sdt) opened."""
    for child in container:
        if child.tag in tags:
            yield child
        elif child.tag == _SDT:
            content = child.find(_q("sdtContent"))
            if content is not None:
                yield from _children(content, tags)


def _blocks(container: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs and tables of a body or cell, in order."""
    return _children(container, (_P, _TBL))


def _cell_text(tc: etree._Element) -> str:
    lines: list[str] = []
    for block in _blocks(tc):
        if block.tag == _P:
            text = paragraph_text(block)
            if text:
                lines.append(text)
        else:
            # a table nested in a cell: its rows as text lines of this cell
            for tr in _children(block, (_TR,)):
                row = [_cell_text(c) for c in _children(tr, (_TC,))]
                lines.append("\t".join(row))
    return "\n".join(lines)


def _int_prop(parent: etree._Element | None, path: str, default: int) -> int:
    if parent is None:
        return default
    el = parent.find(path)
    if el is None:
        return default
    try:
        return int(el.get(_VAL, default))
    except ValueError:
        return default


def _vmerge(tc: etree._Element) -> str | None:
    """'restart' for the first cell of a vertical merge, 'continue' for the rest."""
    tcpr = tc.find(_q("tcPr"))
    el = tcpr.find(_q("vMerge")) if tcpr is not None else None
    if el is None:
        return None
    return "restart" if el.get(_VAL) == "restart" else "continue"


@dataclass(slots=True)
class _GridCell:
    text: str
    col: int
    colspan: int
    merge: str | None
    rowspan: int = 1


def _table_rows(tbl: etree._Element) -> list[list[_GridCell]]:
    rows: list[list[_GridCell]] = []
    open_merges: dict[int, _GridCell] = {}  # grid column -> first cell of a vertical merge
    for tr in _children(tbl, (_TR,)):
        col = _int_prop(tr.find(_q("trPr")), _q("gridBefore"), 0)
        cells: list[_GridCell] = []
        for tc in _children(tr, (_TC,)):
            span = _int_prop(tc.find(_q("tcPr")), _q("gridSpan"), 1)
            cell = _GridCell(_cell_text(tc), col, span, _vmerge(tc))
            col += span
            if cell.merge == "continue" and cell.col in open_merges:
                open_merges[cell.col].rowspan += 1
                continue
            if cell.merge == "restart":
                open_merges[cell.col] = cell
            else:
                open_merges.pop(cell.col, None)
            cells.append(cell)
        rows.append(cells)
    return rows


def read_docx(data: bytes, name: str) -> Layout:
    # python-docx loads with the first Word file, not with every worker
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise UnreadableSource(name, f"the Word document cannot be opened: {exc}") from exc
    lines: list[Line] = []
    grid = 0
    for block in _blocks(document.element.body):
        if block.tag == _P:
            text = paragraph_text(block)
            if text:
                lines.append(Line((Cell(text),), number=len(lines) + 1, delimiter=Delimiter.NONE))
            continue
        grid += 1
        for cells in _table_rows(block):
            if not cells:
                continue  # a row wholly covered by vertical merges
            lines.append(Line(
                tuple(Cell(c.text, col=c.col, colspan=c.colspan, rowspan=c.rowspan) for c in cells),
                number=len(lines) + 1, grid=grid, delimiter=Delimiter.GRID,
            ))
    return Layout(lines=lines, format="docx", pages=None)


READERS.add("docx", read_docx)
