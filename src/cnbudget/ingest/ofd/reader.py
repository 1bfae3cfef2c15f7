"""The OFD reader: an OFD package to a `Layout`, through the PDF reader's grid.

OFD.xml names each document (`DocBody/DocRoot`); its Document.xml gives the
default page area (`CommonData/PageArea`), the templates (`TemplatePage`)
and the pages (`Pages/Page@BaseLoc`). Each page is drawn template first
(content under the page), then its own layers, into characters and rulings
in display points (`content.py`); from there the PDF reader's ruled-grid
builder, cell filling and line ordering make the same lines a PDF gives.
Fonts are not opened: TextCode carries the text itself, so glyph-only
(CGTransform) text is out of reach.
"""

from __future__ import annotations

from lxml import etree

from cnbudget.ingest.errors import UnreadableSource
from cnbudget.ingest.layout import Layout, Line, ReadProblem
from cnbudget.ingest.limits import check_count
from cnbudget.ingest.ofd.content import Drawn, PageDrawer, box_of
from cnbudget.ingest.ofd.package import OfdPackage, attr, child, children, descendant, text_of
from cnbudget.ingest.pdf.grid import build_grid
from cnbudget.ingest.pdf.reader import PageContent, _fill_tables, _page_lines, _problems
from cnbudget.ingest.pdf.text import text_lines
from cnbudget.ingest.readers import READERS


def _physical_box(el: etree._Element | None) -> tuple[float, float] | None:
    box = descendant(el, "PhysicalBox") if el is not None else None
    if box is None:
        return None
    x, y, _, _ = box_of(box.text)
    return x, y


def _templates(package: OfdPackage, doc_member: str, doc: etree._Element) -> dict[str, str]:
    common = child(doc, "CommonData")
    found: dict[str, str] = {}
    for tpl in children(common, "TemplatePage") if common is not None else ():
        member = package.resolve(attr(tpl, "BaseLoc") or "", doc_member)
        if member is not None:
            found[attr(tpl, "ID") or ""] = member
    return found


def _page_drawn(package: OfdPackage, member: str, page: etree._Element, offset: tuple[float, float],
                templates: dict[str, str]) -> Drawn:
    own = _physical_box(child(page, "Area"))
    drawer = PageDrawer(own or offset)
    for ref in children(page, "Template"):
        tpl = templates.get(attr(ref, "TemplateID") or "")
        if tpl is not None:
            drawer.content(package.xml(tpl))
    drawer.content(page)
    return drawer.drawn


def _page_content(number: int, drawn: Drawn) -> PageContent:
    steps = build_grid(drawn.segments)
    filled, free = _fill_tables(steps.tables, drawn.chars)
    return PageContent(number, filled, text_lines(free), len(drawn.chars), drawn.images, 0)


def read_pages(package: OfdPackage) -> list[PageContent]:
    contents: list[PageContent] = []
    for body in children(package.entry(), "DocBody"):
        part = package.part(text_of(child(body, "DocRoot")))
        if part is None:
            raise UnreadableSource(package.name, "the OFD's DocRoot names no part of the package")
        doc_member, doc = part
        offset = _physical_box(descendant(doc, "CommonData", "PageArea")) or (0.0, 0.0)
        templates = _templates(package, doc_member, doc)
        pages = list(children(child(doc, "Pages"), "Page")) if child(doc, "Pages") is not None else []
        check_count(package.name, "pages", len(contents) + len(pages), "pages")
        for page in pages:
            member = package.resolve(attr(page, "BaseLoc") or "", doc_member)
            if member is None:
                raise UnreadableSource(package.name, f"OFD page {attr(page, 'ID')!r}: "
                                                     f"no part {attr(page, 'BaseLoc')!r}")
            drawn = _page_drawn(package, member, package.xml(member), offset, templates)
            contents.append(_page_content(len(contents) + 1, drawn))
    return contents


def read_ofd(data: bytes, name: str) -> Layout:
    package = OfdPackage(data, name)
    try:
        contents = read_pages(package)
    finally:
        package.close()
    if not any(c.chars for c in contents):
        scanned = sum(1 for c in contents if c.images)
        if scanned:
            raise UnreadableSource(
                name, f"a scanned OFD: {scanned} of {len(contents)} pages are images without text "
                "(OCR reads scanned PDF pages only so far, not OFD images)")
        raise UnreadableSource(name, "the OFD has no text")
    lines: list[Line] = []
    problems: list[ReadProblem] = []
    next_grid = 1
    for content in contents:
        page_lines, next_grid = _page_lines(content, next_grid)
        lines.extend(page_lines)
        problems.extend(_problems(content))
    return Layout(lines=lines, format="ofd", pages=len(contents), problems=problems)


READERS.add("ofd", read_ofd)
