"""The renderer registry: a document written out in one file format.

Every writer prints the same pieces in the same order: the document's title,
its narrative (情况说明), then each table as `printed.printed_table` lays it
out, or as a layout variant lays it out (`variants.printed_tables`). A
plugin adds a format with `RENDERERS.add(name, renderer)`; a renderer that
takes no `variant` prints the default layout only.
"""

from __future__ import annotations

from collections.abc import Callable

from cnbudget.model import Document
from cnbudget.registry import Registry

# writes the document to the path; the built-in writers take `variant=` too
Renderer = Callable[..., None]

RENDERERS: Registry[Renderer] = Registry("renderer")


def document_title(doc: Document) -> str:
    """The cover title: the printed one, else department + year + kind."""
    meta = doc.meta
    if meta.title:
        return meta.title
    word = {"budget": "部门预算", "final_account": "部门决算"}.get(meta.kind.value if meta.kind else "", "")
    year = f"{meta.year}年" if meta.year else ""
    return f"{meta.department.name or ''}{year}{word}" or doc.source.file
