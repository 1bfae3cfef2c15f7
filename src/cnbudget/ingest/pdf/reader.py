"""The PDF reader: a text-layer PDF to a `Layout`.

Per page: characters and rulings from pdfium, ruled tables from our own grid
(pdfplumber only where rulings exist but our grid closes no cell), each
table row one `Line` of `Delimiter.GRID` cells sharing the table's grid id,
and the text outside tables as lines in reading order. A PDF without a text
layer (scanned) or with a password cannot be read and says so.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from cnbudget.ingest.errors import UnreadableSource
from cnbudget.ingest.layout import Cell, Delimiter, Layout, Line, ReadProblem
from cnbudget.ingest.limits import check_count
from cnbudget.ingest.pdf import calls
from cnbudget.ingest.pdf.aligned import aligned_tables
from cnbudget.ingest.pdf.chars import Char, extract_chars
from cnbudget.ingest.pdf.fallback import PlumberFallback
from cnbudget.ingest.pdf.frame import PageFrame
from cnbudget.ingest.pdf.grid import GridSteps, GridTable, build_grid
from cnbudget.ingest.pdf.paths import extract_graphics
from cnbudget.ingest.pdf.subcells import split_cells
from cnbudget.ingest.pdf.text import TextLine, group_lines, lines_text, text_lines
from cnbudget.ingest.readers import READERS
from cnbudget.model import Box

_UNDECODED = 0.3  # share of undecodable characters above which a page's text is garbage
_ANGLE_SAMPLE = 64  # characters asked for their direction per page (a clear majority decides)


@dataclass(slots=True)
class PageTable:
    table: GridTable
    texts: list[str]  # per cell of `table.cells`
    scores: list[float | None] | None = None  # per cell, where OCR read it (ingest.ocr)
    doubts: list[float] | None = None  # per cell, where OCR read it: its lines' highest doubt (ocr.engine)


@dataclass(slots=True)
class PageContent:
    """One page as read: its tables and running text, in display space."""

    number: int  # 1-based
    tables: list[PageTable] = field(default_factory=list)
    text: list[TextLine] = field(default_factory=list)
    chars: int = 0
    images: int = 0
    undecoded: int = 0
    # by keyword only: positional arguments past `undecoded` were once taken for another
    ocr: bool = field(default=False, kw_only=True)  # read from its image (a scanned page)
    skew: float = field(default=0.0, kw_only=True)  # degrees an OCR'd page was turned to straighten it
    # degrees clockwise an OCR'd page had been fed turned (0, 90, 180, 270): turned back before reading
    turn: int = field(default=0, kw_only=True)
    # display space back to the page's PDF space, for the cells' boxes; None where the
    # source is no PDF (OFD pages use these steps too) and boxes are not given
    frame: PageFrame | None = field(default=None, kw_only=True)


def open_pdf(data: bytes, name: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise UnreadableSource(name, "the PDF is encrypted and needs a password to open") from exc
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_SECURITY:
            raise UnreadableSource(name, "the PDF uses an encryption cnbudget cannot open") from exc
        raise UnreadableSource(name, f"not a readable PDF ({exc})") from exc


def _text_rotation(textpage: pdfium.PdfTextPage) -> int | None:
    """The clockwise turn that sets most characters upright, if most agree on one.
    Printers put landscape tables on portrait pages by turning the content, not
    the page; the text tells."""
    handle = textpage.raw
    count = calls.count_chars(handle)
    if count <= 0:
        return None
    votes: dict[int, int] = {}
    step = max(1, count // _ANGLE_SAMPLE)
    is_generated, char_angle = calls.is_generated, calls.char_angle
    for i in range(0, count, step):
        if is_generated(handle, i) == 1:
            continue
        angle = char_angle(handle, i)
        if angle < 0:
            continue
        quarter = round(math.degrees(angle) / 90) % 4 * 90
        votes[quarter] = votes.get(quarter, 0) + 1
    if not votes:
        return None
    angle, n = max(votes.items(), key=lambda kv: kv[1])
    return (360 - angle) % 360 if n * 2 > sum(votes.values()) else None


def page_frame(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage | None = None) -> PageFrame:
    """The page's display frame: its /Rotate, or the turn its text needs to read upright."""
    left, bottom, right, top = page.get_bbox()
    rotation = _text_rotation(textpage) if textpage is not None else None
    return PageFrame(left, bottom, right, top, page.get_rotation() % 360 if rotation is None else rotation)


# the replacement character, the private use area and control characters
_UNDECODABLE = re.compile("[\ufffd\ue000-\uf8ff\x00-\x1f]")


def _undecoded(chars: list[Char]) -> int:
    """How many of the characters pdfium could not decode."""
    return len(_UNDECODABLE.findall("".join([c.text for c in chars])))


def _fill_tables(tables: list[GridTable], chars: list[Char], split: bool = True) -> tuple[list[PageTable], list[Char]]:
    """Each character to the table cell holding its middle; the rest is running text.
    With `split`, ruled cells holding columns or rows of their own are cut up (`subcells`)."""
    per_cell, free = _assign(tables, chars)
    filled: list[PageTable] = []
    for table, cells in zip(tables, per_cell, strict=True):
        lines = [group_lines(cs) if len(cs) > 1 else [cs] for cs in cells]
        cut = split_cells(table, cells, lines) if split else None
        if cut is not None:
            table, cells = cut, _assign([cut], [ch for cs in cells for ch in cs])[0][0]
            lines = [group_lines(cs) if len(cs) > 1 else [cs] for cs in cells]
        filled.append(PageTable(table, [lines_text(ls) for ls in lines]))
    # a ruled box without any text is a frame or a chart's legend, not a table
    return [t for t in filled if any(t.texts)], free


def _assign(tables: list[GridTable], chars: list[Char]) -> tuple[list[list[list[Char]]], list[Char]]:
    """Per table, per cell, the characters whose middle it holds; and the rest."""
    per_cell: list[list[list[Char]]] = [[[] for _ in t.cells] for t in tables]
    free: list[Char] = []
    # GridTable.locate spelled out (a table's box is its outer boundaries): once per character
    grids = [(t.box, t.xs, t.ys, t.cols - 1, t.rows - 1, t.slots, cells) for t, cells in zip(tables, per_cell, strict=True)]
    for ch in chars:
        x, y = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
        for (x0, top, x1, bottom), xs, ys, last_col, last_row, slots, cells in grids:
            if x0 <= x <= x1 and top <= y <= bottom:
                col = bisect_right(xs, x) - 1
                row = bisect_right(ys, y) - 1
                index = slots[row if row < last_row else last_row][col if col < last_col else last_col]
                if index is not None:
                    cells[index].append(ch)
                    break
        else:
            free.append(ch)
    return per_cell, free


def fill_tables_apart(tables: list[GridTable], chars: list[Char]
                      ) -> tuple[list[PageTable], list[PageTable], list[Char], list[list[Char]]]:
    """The ruled tables filled (cells split where their text shows columns of its own),
    then tables whose rulings close no cells (three-line, rules only, none) from the
    rest of the text's alignment (`aligned`); the text left, and its lines."""
    filled, free = _fill_tables(tables, chars)
    aligned: list[PageTable] = []
    lines = group_lines(free)  # grouped once: for the alignment, and as running text
    unruled = aligned_tables(free, lines)
    if unruled:
        aligned, free = _fill_tables(unruled, free, split=False)
        lines = group_lines(free)
    return filled, aligned, free, lines


def _in_page_order(tables: list[PageTable]) -> list[PageTable]:
    return sorted(tables, key=lambda t: (t.table.box[1], t.table.box[0]))


def fill_tables(tables: list[GridTable], chars: list[Char]) -> tuple[list[PageTable], list[Char]]:
    """`fill_tables_apart`'s tables together, in page order (the OCR and OFD readers)."""
    ruled, aligned, free, _ = fill_tables_apart(tables, chars)
    return _in_page_order([*ruled, *aligned]), free


def page_chars(page: pdfium.PdfPage) -> tuple[PageFrame, list[Char]]:
    """The page's display frame and its characters in it."""
    textpage = page.get_textpage()
    try:
        frame = page_frame(page, textpage)
        return frame, extract_chars(textpage, frame)
    finally:
        textpage.close()


@dataclass(slots=True)
class PageTables:
    """A page's tables as read: the grid's steps, the ruled tables (cells split where
    their text shows columns of its own), the tables read from the text's alignment,
    and the characters no table holds."""

    steps: GridSteps
    ruled: list[PageTable]
    aligned: list[PageTable]
    free: list[Char]
    free_lines: list[list[Char]]  # `free` grouped into lines
    images: int


def page_tables(page: pdfium.PdfPage, number: int, frame: PageFrame, chars: list[Char],
                fallback: PlumberFallback | None = None) -> PageTables:
    """The page's tables (read as `read_page` reads them; the debug picture draws them)."""
    graphics = extract_graphics(page, frame)
    steps = build_grid(graphics.segments)
    tables = steps.tables
    ruled = sum(e.horizontal for e in steps.edges) >= 2 and sum(not e.horizontal for e in steps.edges) >= 2
    if not tables and (ruled or graphics.shaded >= 2) and chars and fallback is not None:
        tables = fallback.tables(number - 1)
    ruled_cells, aligned, free, free_lines = fill_tables_apart(tables, chars)
    return PageTables(steps, ruled_cells, aligned, free, free_lines, graphics.images)


def read_page(page: pdfium.PdfPage, number: int, fallback: PlumberFallback | None = None) -> PageContent:
    frame, chars = page_chars(page)
    read = page_tables(page, number, frame, chars, fallback)
    tables = _in_page_order([*read.ruled, *read.aligned])
    return PageContent(
        number, tables, text_lines(read.free, read.free_lines), len(chars), read.images,
        _undecoded(chars), frame=frame,
    )


def _boxer(content: PageContent) -> Callable[[float, float, float, float], Box | None]:
    """Display (x0, top, x1, bottom) to the page's `Box` in PDF space; nothing without a frame."""
    frame, number = content.frame, content.number
    if frame is None:
        return lambda x0, top, x1, bottom: None

    def boxed(x0: float, top: float, x1: float, bottom: float) -> Box:
        left, low, right, high = frame.page_box(x0, top, x1, bottom)
        # a hundredth of a point is finer than any printed rule; it keeps the JSON short
        return Box(number, round(left, 2), round(low, 2), round(right, 2), round(high, 2))

    return boxed


def _page_lines(content: PageContent, next_grid: int) -> tuple[list[Line], int]:
    """The page's lines in reading order (top to bottom), tables as row lines."""
    blocks: list[tuple[float, int, list[Line]]] = []
    boxed = _boxer(content)
    for t in content.tables:
        grid = next_grid
        next_grid += 1
        rows: list[list[Cell]] = [[] for _ in range(t.table.rows)]
        scores = t.scores or [None] * len(t.texts)
        for cell, text, score in zip(t.table.cells, t.texts, scores, strict=True):
            x0, top, x1, bottom = cell.box
            rows[cell.row].append(Cell(text, cell.col, cell.colspan, cell.rowspan, x0, x1,
                                       boxed(x0, top, x1, bottom), confidence=score))
        lines = [
            Line(tuple(sorted(cells, key=lambda c: c.col or 0)), page=content.number, grid=grid,
                 delimiter=Delimiter.GRID)
            for cells in rows if cells
        ]
        blocks.append((t.table.box[1], 0, lines))
    for tl in content.text:
        cells = tuple(Cell(p.text, x0=p.x0, x1=p.x1, box=boxed(p.x0, tl.top, p.x1, tl.bottom))
                      for p in tl.pieces)
        if len(cells) == 1:
            line = Line(cells, page=content.number, delimiter=Delimiter.NONE, raw=cells[0].text)
        else:
            line = Line(cells, page=content.number, delimiter=Delimiter.SPACE,
                        raw="  ".join(c.text for c in cells))
        blocks.append((tl.top, 1, [line]))
    blocks.sort(key=lambda b: (b[0], b[1]))
    return [line for _, _, lines in blocks for line in lines], next_grid


def _problems(content: PageContent) -> list[ReadProblem]:
    if content.ocr:
        from cnbudget.ingest.ocr.confidence import uncertain_cells

        return [ReadProblem("page.ocr", page=content.number,
                            details={"page": str(content.number), "skew": f"{content.skew:.1f}",
                                     "turn": str(content.turn)}),
                *uncertain_cells(content)]
    if content.chars == 0 and content.images:
        return [ReadProblem("page.scanned", page=content.number, details={"page": str(content.number)})]
    if content.chars and content.undecoded > _UNDECODED * content.chars:
        return [ReadProblem("page.undecodable", page=content.number,
                            details={"page": str(content.number)})]
    return []


def read_pages(pdf: pdfium.PdfDocument, data: bytes, ocr: bool = False) -> list[PageContent]:
    """Each page's content; with `ocr`, pages that are images without text are read by OCR."""
    fallback = PlumberFallback(data)
    try:
        contents = []
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                content = read_page(page, index + 1, fallback)
                if ocr and content.chars == 0 and content.images:
                    from cnbudget.ingest.ocr.page import read_scanned_page

                    scanned = read_scanned_page(page, index + 1)
                    # an image OCR finds no text in stays a page not read (page.scanned)
                    content = scanned if scanned.chars else content
                contents.append(content)
            finally:
                page.close()
        return contents
    finally:
        fallback.close()


def read_pdf(data: bytes, name: str) -> Layout:
    from cnbudget.ingest.ocr import missing_ocr_module

    missing = missing_ocr_module()
    pdf = open_pdf(data, name)
    try:
        check_count(name, "pages", len(pdf), "pages")
        contents = read_pages(pdf, data, ocr=missing is None)
    finally:
        pdf.close()
    if not any(c.chars for c in contents):
        scanned = sum(1 for c in contents if c.images)
        if scanned and missing is not None:
            raise UnreadableSource(
                name, f"a scanned PDF: {scanned} of {len(contents)} pages are images without a text layer; "
                f"reading them needs OCR: pip install 'cnbudget[ocr]' (missing module {missing})")
        if scanned:
            raise UnreadableSource(
                name, f"a scanned PDF: {scanned} of {len(contents)} pages are images without a text layer, "
                "and OCR found no text in them")
        raise UnreadableSource(name, "the PDF has no text")
    lines: list[Line] = []
    problems: list[ReadProblem] = []
    next_grid = 1
    for content in contents:
        page_lines, next_grid = _page_lines(content, next_grid)
        lines.extend(page_lines)
        problems.extend(_problems(content))
    return Layout(lines=lines, format="pdf", pages=len(contents), problems=problems)


READERS.add("pdf", read_pdf)
