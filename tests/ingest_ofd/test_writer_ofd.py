"""The OFD writer (`render --to ofd`): a standard package (OFD.xml → Document.xml →
pages, one id space) that the OFD reader turns into the very lines the PDF it was
printed from gives — so the round-trip and variant tests on OFD test the OFD reader."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

from cnbudget.ingest.ofd.reader import read_ofd
from cnbudget.ingest.pdf.reader import read_pdf
from cnbudget.render import render_document
from cnbudget.samples import budget_sample

NS = {"ofd": "http://www.ofdspec.org/2016"}


def test_an_ofd_reads_as_the_pdf_it_was_printed_from(tmp_path: Path) -> None:
    doc = budget_sample()
    pdf = render_document(doc, "pdf", tmp_path / "s.pdf")
    ofd = render_document(doc, "ofd", tmp_path / "s.ofd")
    from_pdf = read_pdf(pdf.read_bytes(), "s.pdf")
    from_ofd = read_ofd(ofd.read_bytes(), "s.ofd")
    assert from_ofd.pages == from_pdf.pages and from_ofd.format == "ofd"
    assert [ln.text for ln in from_ofd.lines] == [ln.text for ln in from_pdf.lines]
    assert any("\t" in ln.text for ln in from_ofd.lines)  # ruled tables, cell by cell


def test_the_package_is_standard(tmp_path: Path) -> None:
    ofd = render_document(budget_sample(), "ofd", tmp_path / "s.ofd").read_bytes()
    package = zipfile.ZipFile(io.BytesIO(ofd))
    names = set(package.namelist())
    entry = etree.fromstring(package.read("OFD.xml"))
    root = entry.find("ofd:DocBody/ofd:DocRoot", NS).text
    document = etree.fromstring(package.read(root))
    pages = document.findall("ofd:Pages/ofd:Page", NS)
    assert pages and all(f"Doc_0/{p.get('BaseLoc')}" in names for p in pages)
    ids = [int(el.get("ID")) for name in names if name.endswith(".xml")
           for el in etree.fromstring(package.read(name)).iter() if el.get("ID")]
    assert len(ids) == len(set(ids))  # one id space for the whole document
    assert int(document.find("ofd:CommonData/ofd:MaxUnitID", NS).text) > max(ids)
    drawn = [etree.fromstring(package.read(f"Doc_0/{p.get('BaseLoc')}")) for p in pages]
    assert all(page.findall(".//ofd:TextObject", NS) for page in drawn)
    assert any(page.findall(".//ofd:PathObject", NS) for page in drawn)  # the rulings


def test_an_unruled_table_in_an_ofd_reads_as_in_the_pdf(tmp_path: Path) -> None:
    """Without closed rulings the OFD reader builds the table from the text's
    alignment, as the PDF reader does (reader.fill_tables → pdf.aligned)."""
    from cnbudget.render.ofd import pdf_to_ofd
    from tests.ingest_pdf.test_unruled import _summary

    printed = _summary(tmp_path / "t.pdf", rules=False)
    from_pdf = read_pdf(printed, "t.pdf")
    from_ofd = read_ofd(pdf_to_ofd(printed), "t.ofd")
    grid = [ln.text for ln in from_ofd.lines if ln.grid]
    assert len(grid) == 4 and all(ln.count("\t") == 3 for ln in grid)
    assert [ln.text for ln in from_ofd.lines] == [ln.text for ln in from_pdf.lines]
