"""The renderer registry: a document written out in one file format.

Every writer prints the same pieces in the same order: the document's title,
its narrative (情况说明), then each table as `printed.printed_table` lays it
out. A plugin adds a format with `RENDERERS.add(name, renderer)`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cnbudget.model import Document
from cnbudget.registry import Registry

Renderer = Callable[[Document, Path], None]  # writes the document to the path

RENDERERS: Registry[Renderer] = Registry("renderer")


def document_title(doc: Document) -> str:
    """The cover title: the printed one, else department + year + kind."""
    meta = doc.meta
    if meta.title:
        return meta.title
    word = {"budget": "部门预算", "final_account": "部门决算"}.get(meta.kind.value if meta.kind else "", "")
    year = f"{meta.year}年" if meta.year else ""
    return f"{meta.department.name or ''}{year}{word}" or doc.source.file
