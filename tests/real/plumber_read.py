"""Read printed budget tables with pdfplumber alone (no cnbudget code): the
derivation side of the Jiangsu expected readings (see derive_jiangsu.py).

Named pure steps, each kept small so its output can be printed and checked
against the page image:

1. `page_items`: one page → text lines outside the ruled tables, and the rows
   of pdfplumber's `find_tables()` (default "lines" strategy) with each cell's
   box. White-filled rectangles are dropped first: they are invisible on the
   page (background patches some generators paint under each cell), and
   their edges would otherwise split every ruled row into fragments.
2. `segment`: the items of a run of pages → printed tables, each opened by a
   title line (or a title cell), with its unit, note and rows; rows on the
   pages that follow continue the open table until the next title.
3. `header_leaves`: the header cells above the first body row → the leaf
   columns, each with its printed header path (parents are the header cells
   above whose box spans the leaf).
4. `body_rows`: the body cells placed under the leaves by position (figures
   by their centre, labels by their left edge), so a table continued on the
   next page, whose grid pdfplumber numbers differently, lands in the same
   columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pdfplumber
from pdfplumber.page import Page

FIGURE = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
CODE = re.compile(r"^\d{3}(\d{2}){0,2}$")
UNIT = re.compile(r"单位[:：]\s*(万元|元|千元)")
DEPARTMENT = re.compile(r"^部门(名称)?[:：]")  # the 部门： line over a table (not 部门集中采购)
# a leaf whose printed header says it holds words, not amounts
LABEL_HEADER = re.compile(r"名称|编码|代码|品目|科目|形式")
TITLES: tuple[str, ...] = (
    # most specific first: the first phrase found in a title line names the table
    "财政拨款收支预算总表",
    "收支预算总表",
    "收入预算总表",
    "支出预算总表",
    "政府性基金支出预算表",
    "财政拨款基本支出预算表",
    "财政拨款支出预算表",
    "机关运行经费支出预算表",
    "一般公共预算基本支出预算表",
    "一般公共预算支出预算表",
    "三公经费",  # the quotes may sit on a line of their own, above the title
    "政府采购预算表",
    "政府采购支出预算表",
)
# a line that only numbers a table (公开01表, 公开表一, 表十二)
TABLE_NUMBER = re.compile(r"^(公开\s*\d+\s*表|公开表[一二三四五六七八九十]+|表[一二三四五六七八九十]+)$")


def squash(text: str | None) -> str:
    """A cell or line as printed, wrapped lines joined (no whitespace inside Chinese text)."""
    return re.sub(r"\s+", "", text or "")


def is_figure(text: str) -> bool:
    return bool(FIGURE.match(squash(text)))


@dataclass(frozen=True)
class Cell:
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    text: str  # as pdfplumber extracted it, newlines of wrapped lines removed

    @property
    def mid(self) -> float:
        return (self.x0 + self.x1) / 2

    def above(self, other: Cell) -> bool:
        """Printed above `other` (on an earlier page, or higher on the same one)."""
        return self.page < other.page or (self.page == other.page and self.bottom <= other.top + 1)


@dataclass
class TextLine:
    page: int
    top: float
    text: str
    words: list[Cell] = field(default_factory=list)  # each word as a cell, for an unruled row


@dataclass
class GridRow:
    page: int
    top: float
    cells: list[Cell]  # real cells only (pdfplumber's None = covered by a merged cell)
    unruled: bool = False  # made of the words of a line outside every ruled table

    def texts(self) -> list[str]:
        return [squash(c.text) for c in self.cells if squash(c.text)]


@dataclass
class PrintedTable:
    title: str
    pages: list[int]
    unit: str | None = None
    note: str | None = None
    rows: list[GridRow] = field(default_factory=list)


def _white(obj: dict) -> bool:
    if obj.get("object_type") != "rect" or not obj.get("fill"):
        return False
    colour = obj.get("non_stroking_color")
    if isinstance(colour, (int, float)):
        colour = (colour,)
    return bool(colour) and all(c == 1 for c in colour)


def visible(page: Page) -> Page:
    """What the page shows: objects inside the page box (人大 2017 p.11 carries a second
    copy of two tables below its bottom edge), white fills dropped."""
    return page.within_bbox(page.bbox).filter(lambda obj: not _white(obj))


def page_items(page: Page, number: int) -> list[TextLine | GridRow]:
    """The page's text lines outside tables and its table rows, top to bottom."""
    page = visible(page)
    tables = page.find_tables()
    items: list[TextLine | GridRow] = []
    for table in tables:
        texts = table.extract()
        for row, row_texts in zip(table.rows, texts, strict=True):
            cells = [Cell(number, box[0], box[1], box[2], box[3], (text or "").replace("\n", ""))
                     for box, text in zip(row.cells, row_texts, strict=True) if box is not None]
            if cells:
                items.append(GridRow(number, min(c.top for c in cells), cells))
    boxes = [t.bbox for t in tables]

    def outside(obj: dict) -> bool:
        mx, my = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= mx <= b[2] and b[1] <= my <= b[3] for b in boxes)

    loose = page.filter(outside)
    words = loose.extract_words()
    for line in loose.extract_text_lines(return_chars=False):
        mine = [Cell(number, w["x0"], w["top"], w["x1"], w["bottom"], w["text"]) for w in words
                if abs(w["top"] - line["top"]) < 2]
        items.append(TextLine(number, line["top"], line["text"], mine))
    return sorted(items, key=lambda it: it.top)


def title_of(text: str) -> str | None:
    """The title phrase a line opens with, if it is a table title."""
    flat = re.sub(r"[“”\"]", "", squash(text))
    if not flat or "说明" in flat or len(flat) > 60:
        return None
    for phrase in TITLES:
        if phrase in flat:
            return phrase
    return None


def _complete(title: str) -> bool:
    return title.endswith("表") or title.endswith("）") or title.endswith(")")


def _unruled(line: TextLine) -> bool:
    """Words that look like a table row: a label and a figure (not a page number)."""
    texts = [squash(w.text) for w in line.words]
    return any(is_figure(t) for t in texts) and any(t.strip("-—") and not is_figure(t) for t in texts)


def segment(items: list[TextLine | GridRow]) -> list[PrintedTable]:
    """Printed tables in the order printed; rows before the first title are dropped.
    A line of words between two rows of the same table is a row printed without its
    rules (法院 2018 p.10, top of the page); lines after a table's last row are not."""
    tables: list[PrintedTable] = []
    current: PrintedTable | None = None
    open_title = False  # the title wraps onto the next line
    pending: list[TextLine] = []  # unruled candidates, kept once the table goes on
    for item in items:
        if isinstance(item, TextLine):
            flat = squash(item.text)
            if open_title and current is not None and not UNIT.search(flat) and not DEPARTMENT.match(flat):
                if flat.strip("“”\"") and not TABLE_NUMBER.match(flat):  # not the raised quotes alone
                    current.title += flat
                open_title = not _complete(current.title)
                continue
            open_title = False
            if title_of(flat) and current is not None and flat == current.title \
                    and item.page == current.pages[-1] + 1:
                pass  # the title repeated over the table's continuation (政协 2017 p.13)
            elif title_of(flat):
                current, pending = PrintedTable(flat, [item.page]), []
                tables.append(current)
                open_title = not _complete(flat)
            elif current is not None and (NOTE.search(flat) or UNIT.search(flat)):
                _note_line(current, flat)
            elif current is not None and current.rows:
                pending.append(item)
            continue
        open_title = False
        texts = item.texts()
        if len(texts) == 1 and title_of(texts[0]) and not is_figure(texts[0]):
            current, pending = PrintedTable(texts[0], [item.page]), []
            tables.append(current)
            continue
        if current is None:
            continue
        if any(DEPARTMENT.match(t) for t in texts) or any(UNIT.search(t) for t in texts):
            for t in texts:
                _note_line(current, t)
            continue
        if "此表为空" in texts:
            _note_line(current, "此表为空")
            continue
        band = [line for line in pending if line.page == item.page]
        # the first line of a continuation page may lack its top rule (法院 2017 p.13 事业收入)
        page_top = bool(band) and current.rows[-1].page < item.page
        if page_top or any(_unruled(line) for line in band):
            if sum(_unruled(line) for line in band) > 1:
                raise ValueError(f"page {item.page}: several unruled rows {[b.text for b in band]}")
            current.rows.append(GridRow(item.page, band[0].top, [w for b in band for w in b.words],
                                        unruled=True))
        pending = []
        for row in current.rows[-1:] + [item]:
            if row.page not in current.pages:
                current.pages.append(row.page)
        current.rows.append(item)
    return tables


NOTE = re.compile(r"^(说明|注[:：])|此表为空|^[（(]无|本部门(无|没有)")


def _note_line(table: PrintedTable, flat: str) -> None:
    unit = UNIT.search(flat)
    if unit:
        table.unit = unit.group(1)
    elif NOTE.search(flat):
        table.note = flat if table.note is None else f"{table.note} {flat}"


@dataclass(frozen=True)
class Leaf:
    path: tuple[str, ...]
    x0: float
    x1: float

    @property
    def label(self) -> bool:
        # an empty header cell heads a second label column (收入预算总表's 项目名称 | | 金额)
        return not self.path[-1] or bool(LABEL_HEADER.search(self.path[-1]))


def split_header(table: PrintedTable, figures_only_body: bool) -> tuple[list[GridRow], list[GridRow]]:
    """Header rows, body rows. The body opens at the first row with a figure or a
    classification code, or (where the header itself prints 合计) a 合计/收入总计 label."""
    for i, row in enumerate(table.rows):
        texts = row.texts()
        if any(is_figure(t) for t in texts) or any(CODE.match(t) for t in texts):
            return table.rows[:i], table.rows[i:]
        if not figures_only_body and any(t in ("合计", "收入总计") for t in texts):
            return table.rows[:i], table.rows[i:]
    return table.rows, []


def header_leaves(header: list[GridRow]) -> list[Leaf]:
    """Leaf columns left to right, each with the header cells above it, outermost first.
    An empty header cell is a leaf only where no printed header cell lies below it."""
    every = [c for row in header for c in row.cells]
    cells = [c for c in every if squash(c.text)]
    leaves = []
    for cell in every:
        below = [o for o in every if o is not cell and cell.above(o) and cell.x0 - 1 <= o.mid <= cell.x1 + 1]
        if below and (squash(cell.text) or any(squash(o.text) for o in below)):
            continue
        if not squash(cell.text) and below:
            continue
        parents = sorted((o for o in cells if o.above(cell) and o.x0 - 1 <= cell.mid <= o.x1 + 1),
                         key=lambda o: (o.page, o.top))
        path = tuple(squash(p.text) for p in parents) + (squash(cell.text),)
        leaves.append(Leaf(path, cell.x0, cell.x1))
    return sorted(leaves, key=lambda leaf: leaf.x0)


def open_pdf(path: str) -> pdfplumber.PDF:
    return pdfplumber.open(path)


@dataclass(frozen=True)
class Placed:
    leaf: int  # index into the leaves
    cell: Cell

    @property
    def text(self) -> str:
        return squash(self.cell.text)


def _share(cell: Cell, leaf: Leaf) -> float:
    """How much of the narrower of the two the other covers (0..1)."""
    overlap = min(cell.x1, leaf.x1) - max(cell.x0, leaf.x0)
    return max(overlap, 0) / max(min(cell.x1 - cell.x0, leaf.x1 - leaf.x0), 0.1)


def place(row: GridRow, leaves: list[Leaf]) -> list[Placed]:
    """The row's cells under the leaves they cover. A figure (or an empty cell)
    goes to the leaf it overlaps most; words spanning several leaves (合计 over
    编码 and 名称, 当年支出小计 over a whole side) to the first label leaf they cover."""
    placed = []
    for cell in row.cells:
        text = squash(cell.text)
        shares = [(_share(cell, leaf), i) for i, leaf in enumerate(leaves)]
        if text and not is_figure(text):
            covered = [i for share, i in shares if share >= 0.5 and leaves[i].label]
            index = covered[0] if covered else None
        else:
            best = max(shares, default=(0.0, None))
            index = best[1] if best[0] >= 0.5 else None
        if index is None:
            if text:
                raise ValueError(f"page {cell.page}: {text!r} at x={cell.x0:.0f} is under no header")
            continue
        placed.append(Placed(index, cell))
    return placed
