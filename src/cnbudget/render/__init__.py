"""Writers: a `Document` back out as XLSX, DOCX, PDF or HTML in the standard layouts.

`render_document(doc, "xlsx", path)`; the formats register themselves in
`RENDERERS` on import, as a plugin's writer would.
"""

from __future__ import annotations

from pathlib import Path

from cnbudget.model import Document
from cnbudget.render import docx, html, pdf, xlsx
from cnbudget.render.base import RENDERERS, Renderer

__all__ = ["FORMATS", "RENDERERS", "Renderer", "render_document"]

FORMATS: tuple[str, ...] = (xlsx.FORMAT, docx.FORMAT, pdf.FORMAT, html.FORMAT)


def render_document(doc: Document, fmt: str, path: Path | str) -> Path:
    """Write `doc` to `path` in `fmt` (a name in RENDERERS); returns the path."""
    target = Path(path)
    RENDERERS.get(fmt)(doc, target)
    return target
