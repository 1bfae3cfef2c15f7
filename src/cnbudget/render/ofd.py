"""The OFD writer (GB/T 33190): a document printed as an OFD package, so that every
round-trip and layout-variant test runs on OFD too.

The page layout is the PDF writer's: the document is printed to PDF (reportlab),
and each page's characters and rulings, where pdfium places them, are written as
OFD graphic units — a `TextObject` per run of characters on one baseline (each
glyph's place given by `DeltaX`), a `PathObject` per ruling — on pages of the
same size. Measures are millimetres from the top left, as the standard has them;
the fonts are declared by name only (TextCode carries the text itself).

`scan_ofd` writes a scanned OFD, as scanning software exporting to OFD gives
one: each page one `ImageObject` over the whole page, its picture (JPEG) a
`MultiMedia` resource of the document (`DocumentRes.xml`).
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from cnbudget.model import Document
from cnbudget.render.base import RENDERERS
from cnbudget.render.variants import DEFAULT_VARIANT, LayoutVariant

if TYPE_CHECKING:
    from cnbudget.ingest.pdf.chars import Char
    from cnbudget.ingest.pdf.paths import Segment
    from cnbudget.render.scan import ScanOptions

FORMAT = "ofd"
NAMESPACE = "http://www.ofdspec.org/2016"
MM_PER_PT = 25.4 / 72
ASCENT = 0.88  # of the font size above the baseline: what the OFD reader assumes
RULING_MM = 0.2
GAP = 0.3  # of the font size: more room than this between glyphs is a gap


def _mm(value: float) -> str:
    return f"{value * MM_PER_PT:.3f}".rstrip("0").rstrip(".") or "0"


def _num(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") or "0"


class _Ids:
    """OFD object ids: one counter for the whole document, as the standard requires."""

    def __init__(self) -> None:
        self.last = 0

    def next(self) -> int:
        self.last += 1
        return self.last


def _runs(chars: Sequence[Char]) -> Iterator[list[Char]]:
    """Characters in the order pdfium gives them, cut into runs on one baseline going
    right (a run may cross cells: each glyph keeps its own place)."""
    run: list[Char] = []
    for ch in chars:
        if run:
            last = run[-1]
            same_line = abs(ch.bottom - last.bottom) < 0.5 and abs(ch.size - last.size) < 0.5
            # the reader takes a glyph's advance for its width: a gap starts a new run
            apart = ch.x0 - last.x1 > GAP * ch.size
            if not same_line or ch.x0 < last.x0 or apart:
                yield run
                run = []
        run.append(ch)
    if run:
        yield run


def _text_object(run: Sequence[Char], ids: _Ids, font_id: int) -> str:
    size = max(run[0].size, 0.5)
    x0, top = run[0].x0, run[0].top
    text: list[str] = [" "] if run[0].space_before else []
    deltas: list[float] = [0.0] if run[0].space_before else []
    for ch, after in zip(run, [*run[1:], None], strict=True):
        text.append(ch.text)
        if after is None:
            break
        if after.space_before:  # the glyph, then a space up to the next one
            text.append(" ")
            deltas += [ch.x1 - ch.x0, after.x0 - ch.x1]
        else:
            deltas.append(after.x0 - ch.x0)
    width = max(run[-1].x1 - x0, size)
    delta = f" DeltaX={quoteattr(' '.join(_mm(d) for d in deltas))}" if deltas else ""
    return (f"<ofd:TextObject ID='{ids.next()}' Boundary='{_mm(x0)} {_mm(top)} {_mm(width)} "
            f"{_mm(size)}' Font='{font_id}' Size='{_mm(size)}'>"
            f"<ofd:TextCode X='0' Y='{_mm(size * ASCENT)}'{delta}>{escape(''.join(text))}"
            "</ofd:TextCode></ofd:TextObject>")


def _path_object(segment: Segment, ids: _Ids, width: float, height: float) -> str:
    if segment.horizontal:
        data = f"M {_mm(segment.start)} {_mm(segment.at)} L {_mm(segment.end)} {_mm(segment.at)}"
    else:
        data = f"M {_mm(segment.at)} {_mm(segment.start)} L {_mm(segment.at)} {_mm(segment.end)}"
    return (f"<ofd:PathObject ID='{ids.next()}' Boundary='0 0 {_mm(width)} {_mm(height)}' "
            f"LineWidth='{_num(RULING_MM)}'><ofd:AbbreviatedData>{data}</ofd:AbbreviatedData>"
            "</ofd:PathObject>")


def _page_xml(body: list[str], ids: _Ids) -> str:
    return (f"<?xml version='1.0' encoding='UTF-8'?><ofd:Page xmlns:ofd='{NAMESPACE}'><ofd:Content>"
            f"<ofd:Layer ID='{ids.next()}' Type='Body'>{''.join(body)}</ofd:Layer></ofd:Content>"
            "</ofd:Page>")


def pdf_to_ofd(data: bytes, title: str = "") -> bytes:
    """The PDF's pages as an OFD package: characters and rulings where pdfium sees them."""
    import pypdfium2 as pdfium

    from cnbudget.ingest.pdf.paths import extract_graphics
    from cnbudget.ingest.pdf.reader import page_chars

    ids = _Ids()
    font_id = ids.next()
    pages: list[tuple[float, float, str]] = []
    pdf = pdfium.PdfDocument(data)
    try:
        for page in pdf:
            frame, chars = page_chars(page)
            graphics = extract_graphics(page, frame)
            width, height = page.get_size()
            if frame.rotation in (90, 270):
                width, height = height, width
            body = [_path_object(s, ids, width, height) for s in graphics.segments]
            body += [_text_object(run, ids, font_id) for run in _runs(chars)]
            pages.append((width, height, _page_xml(body, ids)))
            page.close()
    finally:
        pdf.close()
    return _package(pages, font_id, ids, title)


def scan_ofd(data: bytes, options: ScanOptions) -> bytes:
    """The PDF's pages scanned (`render.scan`) and wrapped as an OFD of image pages."""
    from cnbudget.render.scan import scan_images

    ids = _Ids()
    font_id = ids.next()
    pages: list[tuple[float, float, str]] = []
    media: list[tuple[int, str, bytes]] = []
    for n, image in enumerate(scan_images(data, options)):
        jpeg = io.BytesIO()
        image.save(jpeg, "JPEG", quality=options.quality)
        media_id = ids.next()
        media.append((media_id, f"page_{n}.jpg", jpeg.getvalue()))
        width, height = (v * 72 / options.dpi for v in image.size)  # points
        w, h = _mm(width), _mm(height)
        body = (f"<ofd:ImageObject ID='{ids.next()}' Boundary='0 0 {w} {h}' CTM='{w} 0 0 {h} 0 0' "
                f"ResourceID='{media_id}'/>")
        pages.append((width, height, _page_xml([body], ids)))
    return _package(pages, font_id, ids, "", media)


def _package(pages: list[tuple[float, float, str]], font_id: int, ids: _Ids, title: str,
             media: Sequence[tuple[int, str, bytes]] = ()) -> bytes:
    width, height = (pages[0][0], pages[0][1]) if pages else (595.0, 842.0)
    page_refs = [f"<ofd:Page ID='{ids.next()}' BaseLoc='Pages/Page_{n}/Content.xml'/>"
                 for n in range(len(pages))]
    entry = (f"<?xml version='1.0' encoding='UTF-8'?><ofd:OFD xmlns:ofd='{NAMESPACE}' "
             "Version='1.0' DocType='OFD'><ofd:DocBody><ofd:DocInfo>"
             f"<ofd:Title>{escape(title)}</ofd:Title><ofd:Creator>cnbudget</ofd:Creator>"
             "</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>")
    document = (f"<?xml version='1.0' encoding='UTF-8'?><ofd:Document xmlns:ofd='{NAMESPACE}'>"
                f"<ofd:CommonData><ofd:MaxUnitID>{ids.last + 1}</ofd:MaxUnitID><ofd:PageArea>"
                f"<ofd:PhysicalBox>0 0 {_mm(width)} {_mm(height)}</ofd:PhysicalBox></ofd:PageArea>"
                "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>"
                f"{'<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>' if media else ''}</ofd:CommonData>"
                f"<ofd:Pages>{''.join(page_refs)}</ofd:Pages></ofd:Document>")
    public = (f"<?xml version='1.0' encoding='UTF-8'?><ofd:Res xmlns:ofd='{NAMESPACE}' "
              f"BaseLoc='Res'><ofd:Fonts><ofd:Font ID='{font_id}' FontName='SimSun' "
              "FamilyName='SimSun'/></ofd:Fonts></ofd:Res>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("OFD.xml", entry)
        package.writestr("Doc_0/Document.xml", document)
        package.writestr("Doc_0/PublicRes.xml", public)
        if media:
            items = "".join(f"<ofd:MultiMedia ID='{i}' Type='Image' Format='JPEG'><ofd:MediaFile>{name}"
                            "</ofd:MediaFile></ofd:MultiMedia>" for i, name, _ in media)
            package.writestr("Doc_0/DocumentRes.xml", f"<?xml version='1.0' encoding='UTF-8'?><ofd:Res "
                             f"xmlns:ofd='{NAMESPACE}' BaseLoc='Res'><ofd:MultiMedias>{items}"
                             "</ofd:MultiMedias></ofd:Res>")
            for _, name, picture in media:
                package.writestr(f"Doc_0/Res/{name}", picture, zipfile.ZIP_STORED)  # JPEG: packed already
        for n, (w, h, xml) in enumerate(pages):
            if (w, h) != (width, height):  # a page of another size carries its own area
                xml = xml.replace("<ofd:Content>", f"<ofd:Area><ofd:PhysicalBox>0 0 {_mm(w)} "
                                  f"{_mm(h)}</ofd:PhysicalBox></ofd:Area><ofd:Content>", 1)
            package.writestr(f"Doc_0/Pages/Page_{n}/Content.xml", xml)
    return out.getvalue()


def render_ofd(doc: Document, path: Path, variant: LayoutVariant = DEFAULT_VARIANT) -> None:
    from cnbudget.render.base import document_title
    from cnbudget.render.pdf import render_pdf

    with tempfile.TemporaryDirectory(prefix="cnbudget-ofd-") as tmp:
        pdf = Path(tmp) / "printed.pdf"
        render_pdf(doc, pdf, variant)
        Path(path).write_bytes(pdf_to_ofd(pdf.read_bytes(), document_title(doc)))


RENDERERS.add(FORMAT, render_ofd)
