"""Reader for disclosure web pages (HTML) through lxml.

Text blocks (p, div, h1–h6, li, …) become one-cell lines in reading order;
data tables become grid rows whose columns follow rowspan/colspan. A table
that holds other tables is page layout, not data: its cells are read as
blocks. Scripts, styles and hidden heads are skipped. HTML has no pages:
`number` counts the lines read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree
from lxml import html as lxml_html

from cnbudget.ingest.errors import UnreadableSource, unreadable
from cnbudget.ingest.layout import Cell, Delimiter, Layout, Line
from cnbudget.ingest.limits import current_limits
from cnbudget.ingest.readers import READERS

_SKIP = frozenset({"script", "style", "head", "noscript", "template", "title", "iframe", "object"})
_BLOCK = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "section", "article", "header", "footer", "main", "nav", "aside", "blockquote", "pre",
    "center", "form", "fieldset", "address", "figure", "figcaption", "caption", "hr", "body",
})
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.I)
_SPACE = re.compile(r"[ \t\r\n\f\v\xa0\u3000]+")
_MAX_SPAN = 1000  # a colspan beyond this is a typo, not a layout


def _encoding(data: bytes) -> str:
    """The declared charset, else UTF-8 if the bytes decode, else GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8"
    found = _CHARSET.search(data[:4096])
    if found:
        declared = found.group(1).decode("ascii").lower()
        # pages that declare gb2312 or gbk routinely use characters only GB18030 has
        return "gb18030" if declared in ("gb2312", "gbk", "x-gbk") else declared
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "gb18030"


def _squash(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _text(el: etree._Element) -> str:
    """An element's visible text, `<br>` and blocks as line breaks."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _SKIP:
            if node.tail:
                parts.append(node.tail)
            return
        if tag == "br" or tag in _BLOCK or tag in ("tr",):
            parts.append("\n")
        if node.text and isinstance(node.tag, str):
            parts.append(node.text)
        for child in node:
            walk(child)
        if tag in _BLOCK or tag in ("td", "th"):
            parts.append("\n" if tag in _BLOCK else "\t")
        if node.tail and node is not el:
            parts.append(node.tail)

    walk(el)
    lines = (_squash(line) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _span(el: etree._Element, attr: str) -> int:
    try:
        return max(1, min(_MAX_SPAN, int(str(el.get(attr, "1")).strip() or 1)))
    except ValueError:
        return 1


def _rows(table: etree._Element) -> Iterator[etree._Element]:
    """The table's own rows (thead/tbody/tfoot opened), not those of nested tables."""
    for child in table:
        if child.tag == "tr":
            yield child
        elif child.tag in ("thead", "tbody", "tfoot"):
            yield from (tr for tr in child if tr.tag == "tr")


def _grid_rows(table: etree._Element) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    taken: dict[tuple[int, int], bool] = {}  # (row, col) occupied by a rowspan from above
    for r, tr in enumerate(_rows(table)):
        col = 0
        cells: list[Cell] = []
        for td in tr:
            if td.tag not in ("td", "th"):
                continue
            while taken.get((r, col)):
                col += 1
            colspan, rowspan = _span(td, "colspan"), _span(td, "rowspan")
            cells.append(Cell(_text(td), col=col, colspan=colspan, rowspan=rowspan))
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken[(r + dr, col + dc)] = True
            col += colspan
        rows.append(cells)
    return rows


class _Walker:
    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.grid = 0
        self._inline: list[str] = []

    def flush(self) -> None:
        text = "".join(self._inline)
        self._inline = []
        for part in text.split("\n"):
            part = _squash(part)
            if part:
                self.lines.append(Line((Cell(part),), number=len(self.lines) + 1,
                                       delimiter=Delimiter.NONE))

    def table(self, table: etree._Element) -> None:
        self.flush()
        if table.find(".//table") is not None:
            # layout table: its cells are page regions
            for tr in _rows(table):
                for td in tr:
                    if td.tag in ("td", "th"):
                        self.walk(td)
                        self.flush()
            return
        rows = [cells for cells in _grid_rows(table) if cells]
        if not rows:
            return
        caption = table.find("caption")
        if caption is not None:
            self._inline.append(_text(caption))
            self.flush()
        self.grid += 1
        for cells in rows:
            self.lines.append(Line(tuple(cells), number=len(self.lines) + 1, grid=self.grid,
                                   delimiter=Delimiter.GRID))

    def walk(self, el: etree._Element) -> None:
        if el.text:
            self._inline.append(el.text)
        for child in el:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in _SKIP or not tag:
                pass
            elif tag == "table":
                self.table(child)
            elif tag == "br":
                self._inline.append("\n")
            elif tag in _BLOCK:
                self.flush()
                self.walk(child)
                self.flush()
            else:
                self.walk(child)
            if child.tail:
                self._inline.append(child.tail)


# libxml2's HTML parser silently drops what lies deeper than this; such a page is refused
_PARSER_DEPTH = 255


def _check_depth(root: etree._Element, name: str) -> None:
    limit = min(current_limits().xml_depth, _PARSER_DEPTH)
    depth = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth >= limit:
            raise unreadable("source.too-deep", name, limit=limit)


def read_html(data: bytes, name: str) -> Layout:
    try:
        parser = lxml_html.HTMLParser(encoding=_encoding(data), remove_comments=True)
        root = lxml_html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError, LookupError) as exc:
        raise UnreadableSource(name, f"the web page cannot be parsed: {exc}") from exc
    _check_depth(root, name)
    body = root.find("body")
    walker = _Walker()
    walker.walk(body if body is not None else root)
    walker.flush()
    return Layout(lines=walker.lines, format="html", pages=None)


READERS.add("html", read_html)
