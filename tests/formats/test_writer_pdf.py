"""The PDF writer, read back by pdfplumber (the reference extractor) and
pdfium: every value under its header in a ruled grid, text extractable."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from cnbudget.model import Document
from cnbudget.render.pdf import font_file
from formats.grids import check_values
from formats.pdf_grids import pdf_grids
from formats.test_writers_layout import header_rows


@pytest.mark.parametrize("name", ["budget", "final"])
def test_pdf_tables_read_back_by_pdfplumber(rendered: dict[tuple[str, str], Path],
                                            samples: dict[str, Document], name: str) -> None:
    doc = samples[name]
    grids = pdf_grids(rendered[(name, "pdf")], {t.title for t in doc.tables})
    for table in doc.tables:
        assert table.title in grids, table.title
        grid = grids[table.title]
        assert any("单位：万元" in n for n in grid.notes)
        if table.note:
            assert table.note in grid.notes
        if table.type != "performance_target":
            check_values(grid, table, header_rows(table.type))


def test_pdf_cover_and_narrative_extract_as_unicode(rendered: dict[tuple[str, str], Path],
                                                    samples: dict[str, Document]) -> None:
    doc = samples["budget"]
    pdf = pdfium.PdfDocument(rendered[("budget", "pdf")])
    try:
        cover = pdf[0].get_textpage().get_text_range()
        # the narrative runs over the pages after the cover (as long as it is)
        narrative = "".join(pdf[i].get_textpage().get_text_range() for i in range(1, len(pdf)))
        narrative = narrative.replace("\r\n", "").replace("\n", "")
    finally:
        pdf.close()
    assert doc.meta.title and doc.meta.title in cover
    for paragraph in doc.narrative:
        assert paragraph.text in narrative


def test_pdf_embeds_a_cjk_font_when_the_system_has_one(rendered: dict[tuple[str, str], Path]) -> None:
    if font_file() is None:
        pytest.skip("no CJK TrueType font installed (apt-get install fonts-wqy-microhei): "
                    "the PDF uses the non-embedded STSong-Light")
    data = rendered[("budget", "pdf")].read_bytes()
    assert b"/FontFile2" in data  # an embedded TrueType program


def test_without_a_font_file_the_builtin_cid_font_still_extracts(
        tmp_path: Path, samples: dict[str, Document], monkeypatch: pytest.MonkeyPatch) -> None:
    from cnbudget.render import pdf as pdf_writer

    monkeypatch.delenv("CNBUDGET_PDF_FONT", raising=False)
    monkeypatch.setattr(pdf_writer, "FONT_CANDIDATES", ())
    target = tmp_path / "cid.pdf"
    pdf_writer.render_pdf(samples["budget"], target)
    assert b"STSong-Light" in target.read_bytes()
    pdf = pdfium.PdfDocument(target)
    summary = samples["budget"].tables[0]
    try:  # the page the first table starts on, after the narrative
        page = next(text for i in range(len(pdf))
                    for text in (pdf[i].get_textpage().get_text_range(),) if summary.title in text)
    finally:
        pdf.close()
    assert "一般公共服务支出" in page and "4097.11" in page
