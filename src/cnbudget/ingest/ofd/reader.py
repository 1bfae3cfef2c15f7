"""The OFD reader: an OFD package to a `Layout`, through the PDF reader's grid.

OFD.xml names each document (`DocBody/DocRoot`); its Document.xml gives the
default page area (`CommonData/PageArea`), the templates (`TemplatePage`)
and the pages (`Pages/Page@BaseLoc`). Each page is drawn template first
(content under the page), then its own layers, into characters and rulings
in display points (`content.py`); from there the PDF reader's ruled-grid
builder, cell filling (tables without rulings by the text's alignment too)
and line ordering make the same lines a PDF gives.
Fonts are not opened: TextCode carries the text itself, so glyph-only
(CGTransform) text is out of reach. A page with no text but pictures (a
scanned OFD) is drawn as one image (`images.py`) and read by OCR as a scanned
PDF page is, where the `ocr` extra is installed.
"""

from __future__ import annotations

from lxml import etree

from cnbudget.ingest.errors import UnreadableSource
from cnbudget.ingest.layout import Layout, Line, ReadProblem
from cnbudget.ingest.limits import check_count
from cnbudget.ingest.ofd.content import PT_PER_MM, Drawn, PageDrawer, box_of
from cnbudget.ingest.ofd.images import media_files, resource_parts
from cnbudget.ingest.ofd.package import OfdPackage, attr, child, children, descendant, text_of
from cnbudget.ingest.pdf.grid import build_grid
from cnbudget.ingest.pdf.reader import PageContent, _page_lines, _problems, fill_tables
from cnbudget.ingest.pdf.text import text_lines
from cnbudget.ingest.readers import READERS


def _physical_box(el: etree._Element | None) -> tuple[float, float, float, float] | None:
    box = descendant(el, "PhysicalBox") if el is not None else None
    return box_of(box.text) if box is not None else None


def _templates(package: OfdPackage, doc_member: str, doc: etree._Element) -> dict[str, str]:
    common = child(doc, "CommonData")
    found: dict[str, str] = {}
    for tpl in children(common, "TemplatePage") if common is not None else ():
        member = package.resolve(attr(tpl, "BaseLoc") or "", doc_member)
        if member is not None:
            found[attr(tpl, "ID") or ""] = member
    return found


def _page_drawn(page: etree._Element, area: tuple[float, float, float, float],
                templates: dict[str, str], package: OfdPackage) -> Drawn:
    drawer = PageDrawer((area[0], area[1]))
    for ref in children(page, "Template"):
        tpl = templates.get(attr(ref, "TemplateID") or "")
        if tpl is not None:
            drawer.content(package.xml(tpl))
    drawer.content(page)
    return drawer.drawn


def _scanned(package: OfdPackage, number: int, drawn: Drawn, media: dict[str, str],
             area: tuple[float, float, float, float]) -> PageContent | None:
    """A page of pictures only, read by OCR; None where nothing on it reads."""
    from cnbudget.ingest.ocr.engine import grant_ocr_page
    from cnbudget.ingest.ocr.image import upright_image
    from cnbudget.ingest.ocr.page import read_page_image
    from cnbudget.ingest.ofd.images import page_raster

    raster = page_raster(package, drawn.pictures, media, (area[2] * PT_PER_MM, area[3] * PT_PER_MM))
    if raster is None:
        return None
    grant_ocr_page()
    content = read_page_image(upright_image(*raster), number)
    return content if content.chars else None


def _page_content(number: int, drawn: Drawn) -> PageContent:
    steps = build_grid(drawn.segments)
    filled, free = fill_tables(steps.tables, drawn.chars)
    return PageContent(number, filled, text_lines(free), len(drawn.chars), drawn.images, 0)


def read_pages(package: OfdPackage, ocr: bool = False) -> list[PageContent]:
    """Each page's content; with `ocr`, pages of pictures without text are read by OCR."""
    contents: list[PageContent] = []
    for body in children(package.entry(), "DocBody"):
        part = package.part(text_of(child(body, "DocRoot")))
        if part is None:
            raise UnreadableSource(package.name, "the OFD's DocRoot names no part of the package")
        doc_member, doc = part
        default = _physical_box(descendant(doc, "CommonData", "PageArea")) or (0.0, 0.0, 210.0, 297.0)
        templates = _templates(package, doc_member, doc)
        shared = resource_parts(package, doc_member, child(doc, "CommonData"), ("PublicRes", "DocumentRes"))
        media: dict[str, str] | None = None  # read on the first page of pictures
        pages = list(children(child(doc, "Pages"), "Page")) if child(doc, "Pages") is not None else []
        check_count(package.name, "pages", len(contents) + len(pages), "pages")
        for page in pages:
            member = package.resolve(attr(page, "BaseLoc") or "", doc_member)
            if member is None:
                raise UnreadableSource(package.name, f"OFD page {attr(page, 'ID')!r}: "
                                                     f"no part {attr(page, 'BaseLoc')!r}")
            root = package.xml(member)
            area = _physical_box(child(root, "Area")) or default
            drawn = _page_drawn(root, area, templates, package)
            content = _page_content(len(contents) + 1, drawn)
            if ocr and not drawn.chars and drawn.pictures:
                if media is None:
                    media = media_files(package, shared)
                own = media_files(package, resource_parts(package, member, root, ("PageRes",)))
                content = _scanned(package, content.number, drawn, {**media, **own}, area) or content
            contents.append(content)
    return contents


def read_ofd(data: bytes, name: str) -> Layout:
    from cnbudget.ingest.ocr import missing_ocr_module

    missing = missing_ocr_module()
    package = OfdPackage(data, name)
    try:
        contents = read_pages(package, ocr=missing is None)
    finally:
        package.close()
    if not any(c.chars for c in contents):
        scanned = sum(1 for c in contents if c.images)
        if scanned and missing is not None:
            raise UnreadableSource(
                name, f"a scanned OFD: {scanned} of {len(contents)} pages are images without text; "
                f"reading them needs OCR: pip install 'cnbudget[ocr]' (missing module {missing})")
        if scanned:
            raise UnreadableSource(
                name, f"a scanned OFD: {scanned} of {len(contents)} pages are images without text, "
                "and OCR found no text in them")
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
