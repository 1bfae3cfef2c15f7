"""Scanned OFD packages (pages of pictures: `ImageObject` over a `MultiMedia`
resource) read by OCR as scanned PDFs are (the `ocr` extra)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from cnbudget.bench.ocr import compare_documents, run_ocr
from cnbudget.render import render_document
from cnbudget.render.scan import ScanOptions, scan_file
from cnbudget.samples import budget_sample

NS = {"ofd": "http://www.ofdspec.org/2016"}
PAGES = (3, 4)  # two table pages: merged headers, coded rows, empty cells


def test_a_scanned_ofd_is_pictures_only(tmp_path: Path) -> None:
    printed = render_document(budget_sample(), "pdf", tmp_path / "s.pdf").read_bytes()
    package = zipfile.ZipFile(io.BytesIO(scan_file(printed, ScanOptions(dpi=60, pages=PAGES, container="ofd"))))
    pages = [etree.fromstring(package.read(f"Doc_0/Pages/Page_{n}/Content.xml")) for n in range(len(PAGES))]
    assert all(not p.findall(".//ofd:TextObject", NS) and not p.findall(".//ofd:PathObject", NS) for p in pages)
    images = [p.find(".//ofd:ImageObject", NS) for p in pages]
    res = etree.fromstring(package.read("Doc_0/DocumentRes.xml"))
    media = {m.get("ID"): m.find("ofd:MediaFile", NS).text for m in res.iterfind(".//ofd:MultiMedia", NS)}
    assert all(package.read(f"Doc_0/Res/{media[i.get('ResourceID')]}")[:2] == b"\xff\xd8" for i in images)


def test_without_the_extra_a_scanned_ofd_names_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from cnbudget.ingest.errors import UnreadableSource
    from cnbudget.ingest.ofd.reader import read_ofd

    printed = render_document(budget_sample(), "pdf", tmp_path / "s.pdf").read_bytes()
    scan = scan_file(printed, ScanOptions(dpi=60, pages=PAGES, container="ofd"))
    monkeypatch.setitem(sys.modules, "rapidocr", None)
    with pytest.raises(UnreadableSource, match=r"pip install 'cnbudget\[ocr\]'") as info:
        read_ofd(scan, "scan.ofd")
    assert "2 of 2 pages" in info.value.reason


def test_a_scanned_ofd_reads_as_the_scanned_pdf_and_the_text_layer() -> None:
    pytest.importorskip("rapidocr", reason="the ocr extra is not installed (pip install 'cnbudget[ocr]')")
    # the same pages, the same scanner (same seed: the same pictures), two wrappings
    ofd = run_ocr(budget_sample(), 150, PAGES, seed=7, skew=1.0, container="ofd")
    pdf = run_ocr(budget_sample(), 150, PAGES, seed=7, skew=1.0, container="pdf")
    assert ofd.scanned.source.format == "ofd" and ofd.pages == len(PAGES)
    assert ofd.comparison.total > 50
    assert ofd.comparison.accuracy >= 0.97, ofd.comparison.wrong
    assert ofd.unreported == 0, ofd.comparison.wrong
    assert ofd.findings[1] == pdf.findings[1]  # the same findings as the scanned PDF's
    same = compare_documents(pdf.scanned, ofd.scanned)
    assert same.accuracy == 1.0, same.wrong  # and the same data, cell for cell
    assert sorted(p.code for p in ofd.scanned.problems) == sorted(p.code for p in pdf.scanned.problems)


def test_a_scanned_ofd_from_an_independent_converter(tmp_path: Path) -> None:
    """pdf2ofd (PyPI, MIT; on PyMuPDF) turns a scanned PDF into an OFD of its own
    making: page pictures placed by a CTM with a translation, the MediaFile an
    absolute path, a PageBlock around the ImageObject. It reads as our scan does."""
    pytest.importorskip("rapidocr", reason="the ocr extra is not installed (pip install 'cnbudget[ocr]')")
    converter = pytest.importorskip("pdf2ofd.converter", reason="pdf2ofd (dev extra) is not installed")
    from cnbudget.ingest.ofd.reader import read_ofd
    from cnbudget.ingest.pdf.reader import read_pdf

    printed = render_document(budget_sample(), "pdf", tmp_path / "s.pdf").read_bytes()
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(scan_file(printed, ScanOptions(dpi=150, pages=(3,), seed=5)))
    converter.convert(str(scan), str(tmp_path / "scan.ofd"), verbose=False)
    package = zipfile.ZipFile(tmp_path / "scan.ofd")
    page = etree.fromstring(package.read("Doc_0/Pages/Page_0/Content.xml"))
    assert page.find(".//ofd:PageBlock/ofd:ImageObject", NS) is not None  # not our writer's layout
    from_ofd = read_ofd((tmp_path / "scan.ofd").read_bytes(), "scan.ofd")
    from_pdf = read_pdf(scan.read_bytes(), "scan.pdf")
    assert [p.code for p in from_ofd.problems if p.code == "page.ocr"] == ["page.ocr"]
    grid = [line.text for line in from_pdf.lines if line.grid]
    assert len(grid) > 10
    assert [line.text for line in from_ofd.lines] == [line.text for line in from_pdf.lines]


def test_a_picture_claiming_gigapixels_is_not_decoded() -> None:
    """A PNG whose header claims 100,000 × 100,000 pixels (10 GB grey) is left undrawn."""
    pytest.importorskip("cv2", reason="the ocr extra is not installed (pip install 'cnbudget[ocr]')")
    import struct
    import zlib

    from cnbudget.ingest.errors import UnreadableSource
    from cnbudget.ingest.ofd.reader import read_ofd

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 0, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    ns = 'xmlns="http://www.ofdspec.org/2016"'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("OFD.xml", f'<OFD {ns}><DocBody><DocRoot>Doc_0/Document.xml</DocRoot></DocBody></OFD>')
        package.writestr("Doc_0/Document.xml", f'<Document {ns}><CommonData><DocumentRes>Res.xml</DocumentRes>'
                         '</CommonData><Pages><Page ID="1" BaseLoc="Page_0.xml"/></Pages></Document>')
        package.writestr("Doc_0/Res.xml", f'<Res {ns} BaseLoc="Res"><MultiMedias><MultiMedia ID="3" '
                         'Type="Image"><MediaFile>big.png</MediaFile></MultiMedia></MultiMedias></Res>')
        package.writestr("Doc_0/Res/big.png", png)
        package.writestr("Doc_0/Page_0.xml", f'<Page {ns}><Content><Layer><ImageObject ID="2" Boundary="0 0 210 297" '
                         'CTM="210 0 0 297 0 0" ResourceID="3"/></Layer></Content></Page>')
    with pytest.raises(UnreadableSource, match="a scanned OFD: 1 of 1 pages are images without text"):
        read_ofd(out.getvalue(), "big.ofd")
