"""PDF the way most departments make it: the tables written as XLSX or DOCX,
then printed to PDF by LibreOffice (`soffice --headless --convert-to pdf`).

LibreOffice lays the pages out itself (it repeats a sheet's print-title rows
after each page break, wraps headers, prints the sheet's number formats), so
its PDF differs from the reportlab one. Needs LibreOffice installed; running
it is `ingest.legacy.convert_many_with_soffice`, the one place the project calls it.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from cnbudget.ingest.legacy import convert_many_with_soffice, soffice_path
from cnbudget.model import Document
from cnbudget.render.base import RENDERERS
from cnbudget.render.variants import DEFAULT_VARIANT, LayoutVariant

VIA: tuple[str, ...] = ("xlsx", "docx")  # the formats LibreOffice prints from


def libreoffice_available() -> bool:
    return soffice_path() is not None


def render_pdf_via(doc: Document, path: Path, via: str, variant: LayoutVariant = DEFAULT_VARIANT) -> Path:
    """Write `doc` as `via` (xlsx or docx), print that to PDF at `path`.
    Raises UnreadableSource (the conversion's error) when LibreOffice is
    missing or fails."""
    return render_pdfs_via([(doc, variant, path)], via)[0]


def render_pdfs_via(jobs: list[tuple[Document, LayoutVariant, Path]], via: str) -> list[Path]:
    """Several documents printed to PDF in one LibreOffice run: (document,
    variant, PDF path) each."""
    if via not in VIA:
        raise ValueError(f"LibreOffice prints PDF from {', '.join(VIA)}, not {via!r}")
    from cnbudget.render import load_writers

    load_writers()  # the writers register on first use; this may be the first
    with tempfile.TemporaryDirectory(prefix="cnbudget-lo-") as tmp:
        work = Path(tmp)
        sources = []
        for n, (doc, variant, _) in enumerate(jobs):
            sources.append(work / f"document-{n}.{via}")
            RENDERERS.get(via)(doc, sources[-1], variant)
        for converted, (_, _, path) in zip(convert_many_with_soffice(sources, "pdf", work), jobs, strict=True):
            shutil.move(converted, path)
    return [path for _, _, path in jobs]
