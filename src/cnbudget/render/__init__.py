"""Writers: a `Document` back out as XLSX, DOCX, PDF, HTML, text or OFD in the
standard layouts, or in any layout variant (`render.variants`).

`render_document(doc, "xlsx", path)`, `render_document(doc, "pdf", path,
variant, via="xlsx")` for a PDF printed by LibreOffice; the formats register
themselves in `RENDERERS` on import, as a plugin's writer would. They are
imported on the first `render_document` (or `RENDERERS` use here), not with the
package: `cnbudget --help` must not load openpyxl, reportlab and python-docx.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from cnbudget.render.base import RENDERERS, Renderer

if TYPE_CHECKING:
    from cnbudget.model import Document
    from cnbudget.render.scan import ScanOptions
    from cnbudget.render.variants import LayoutVariant

__all__ = ["FORMATS", "RENDERERS", "WRITERS", "Renderer", "render_document", "suffix"]

# the built-in writers: each format is the module cnbudget.render.<format>, whose
# FORMAT it is (load_writers checks that each registered itself under it)
FORMATS: tuple[str, ...] = ("xlsx", "docx", "pdf", "html", "text", "ofd")
# and the test writers: "scan" is the PDF printed, then rasterised as a scanner would
# (render.scan); kept out of FORMATS, which the round trips run, because reading it is OCR
WRITERS: tuple[str, ...] = (*FORMATS, "scan")
SUFFIXES: dict[str, str] = {"text": "txt", "scan": "pdf"}


def load_writers() -> None:
    """Import the built-in writers (each registers itself in RENDERERS)."""
    for fmt in WRITERS:
        module = importlib.import_module(f"cnbudget.render.{fmt}")
        assert module.FORMAT == fmt and fmt in RENDERERS, fmt


def suffix(fmt: str) -> str:
    """The file suffix a format is written with (text → txt)."""
    return SUFFIXES.get(fmt, fmt)


def render_document(doc: Document, fmt: str, path: Path | str, variant: LayoutVariant | None = None,
                    via: str | None = None, scan: ScanOptions | None = None) -> Path:
    """Write `doc` to `path` in `fmt` (a name in RENDERERS), in `variant`'s
    layout where given; `via` (xlsx or docx) with fmt "pdf": printed to PDF
    by LibreOffice from that format; `scan`: the dpi, seed and damage of a
    "scan". Returns the path."""
    from cnbudget.render.libreoffice import render_pdf_via
    from cnbudget.render.variants import DEFAULT_VARIANT

    load_writers()
    target = Path(path)
    if via is not None:
        if fmt != "pdf":
            raise ValueError(f"only PDF is printed via LibreOffice, not {fmt!r}")
        return render_pdf_via(doc, target, via, variant or DEFAULT_VARIANT)
    renderer = RENDERERS.get(fmt)
    if fmt == "scan" and scan is not None:
        renderer(doc, target, variant=variant or DEFAULT_VARIANT, options=scan)
    elif variant is None:
        renderer(doc, target)
    else:
        renderer(doc, target, variant=variant)
    return target
