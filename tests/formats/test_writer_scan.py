"""The scanned-PDF writer (render.scan): image-only pages, deterministic per seed."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from cnbudget.render import render_document
from cnbudget.render.scan import ScanOptions, scan_pdf
from cnbudget.samples import budget_sample


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("scan") / "budget.pdf"
    render_document(budget_sample(), "pdf", path)
    return path.read_bytes()


def _pages(data: bytes) -> list[tuple[int, int, int]]:
    """(text characters, image objects, width in points) per page."""
    pdf = pdfium.PdfDocument(data)
    out = []
    for page in pdf:
        text = page.get_textpage()
        images = sum(1 for o in page.get_objects() if o.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE)
        out.append((text.count_chars(), images, round(page.get_width())))
    return out


def test_scan_is_image_only_and_keeps_the_page_size(printed: bytes) -> None:
    scanned = scan_pdf(printed, ScanOptions(dpi=100, pages=(0, 3)))
    pages = _pages(scanned)
    assert [(chars, images) for chars, images, _ in pages] == [(0, 1), (0, 1)]
    width = pdfium.PdfDocument(printed)[3].get_width()
    # turned by at most 1.5°, the page grows by at most sin(1.5°) of its height
    assert all(width - 1 <= w <= width * 1.03 for _, _, w in pages)


def test_same_seed_same_scan_other_seed_other_scan(printed: bytes) -> None:
    one = scan_pdf(printed, ScanOptions(dpi=80, pages=(3,), seed=1))
    assert scan_pdf(printed, ScanOptions(dpi=80, pages=(3,), seed=1)) == one
    assert scan_pdf(printed, ScanOptions(dpi=80, pages=(3,), seed=2)) != one


def test_options_are_checked() -> None:
    with pytest.raises(ValueError, match="skew"):
        ScanOptions(skew=3)
    with pytest.raises(ValueError, match="dpi"):
        ScanOptions(dpi=20)
    with pytest.raises(ValueError, match="PDF"):
        scan_pdf(b"not a pdf")
