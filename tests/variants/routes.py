"""The ways a document is printed to a file: each writer, and PDF printed by
LibreOffice from the XLSX and the DOCX writers' files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from cnbudget.model import Document
from cnbudget.render import render_document, suffix
from cnbudget.render.libreoffice import libreoffice_available, render_pdfs_via
from cnbudget.render.variants import LayoutVariant


@dataclass(frozen=True, slots=True)
class Route:
    name: str
    fmt: str
    via: str | None = None  # printed to PDF by LibreOffice from this format

    @property
    def suffix(self) -> str:
        return suffix(self.fmt)


FAST_ROUTES: tuple[Route, ...] = (
    Route("xlsx", "xlsx"), Route("docx", "docx"), Route("html", "html"), Route("pdf", "pdf"),
    Route("text", "text"), Route("ofd", "ofd"),
)
LIBREOFFICE_ROUTES: tuple[Route, ...] = (Route("pdf-lo-xlsx", "pdf", "xlsx"), Route("pdf-lo-docx", "pdf", "docx"))
ROUTES: tuple[Route, ...] = FAST_ROUTES + LIBREOFFICE_ROUTES
ROUTE_NAMES: tuple[str, ...] = tuple(r.name for r in ROUTES)

needs_libreoffice = pytest.mark.skipif(
    not libreoffice_available(),
    reason="LibreOffice is not installed (apt-get install libreoffice-calc-nogui libreoffice-writer-nogui)",
)


def route(name: str) -> Route:
    return next(r for r in ROUTES if r.name == name)


def render_all(jobs: list[tuple[Document, LayoutVariant, Path]], way: Route) -> list[Path]:
    """Print each (document, variant, path); LibreOffice's in one run."""
    if way.via is not None:
        return render_pdfs_via(jobs, way.via)
    return [render_document(doc, way.fmt, path, variant) for doc, variant, path in jobs]
