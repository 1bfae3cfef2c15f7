"""Writers: a `Document` back out as XLSX, DOCX, PDF, HTML or text in the
standard layouts, or in any layout variant (`render.variants`).

`render_document(doc, "xlsx", path)`, `render_document(doc, "pdf", path,
variant, via="xlsx")` for a PDF printed by LibreOffice; the formats register
themselves in `RENDERERS` on import, as a plugin's writer would.
"""

from __future__ import annotations

from pathlib import Path

from cnbudget.model import Document
from cnbudget.render import docx, html, pdf, text, xlsx
from cnbudget.render.base import RENDERERS, Renderer
from cnbudget.render.libreoffice import render_pdf_via
from cnbudget.render.variants import DEFAULT_VARIANT, LayoutVariant

__all__ = ["FORMATS", "RENDERERS", "Renderer", "render_document", "suffix"]

FORMATS: tuple[str, ...] = (xlsx.FORMAT, docx.FORMAT, pdf.FORMAT, html.FORMAT, text.FORMAT)
SUFFIXES: dict[str, str] = {text.FORMAT: text.SUFFIX}


def suffix(fmt: str) -> str:
    """The file suffix a format is written with (text → txt)."""
    return SUFFIXES.get(fmt, fmt)


def render_document(doc: Document, fmt: str, path: Path | str, variant: LayoutVariant | None = None,
                    via: str | None = None) -> Path:
    """Write `doc` to `path` in `fmt` (a name in RENDERERS), in `variant`'s
    layout where given; `via` (xlsx or docx) with fmt "pdf": printed to PDF
    by LibreOffice from that format. Returns the path."""
    target = Path(path)
    if via is not None:
        if fmt != pdf.FORMAT:
            raise ValueError(f"only PDF is printed via LibreOffice, not {fmt!r}")
        return render_pdf_via(doc, target, via, variant or DEFAULT_VARIANT)
    renderer = RENDERERS.get(fmt)
    if variant is None:
        renderer(doc, target)
    else:
        renderer(doc, target, variant=variant)
    return target
