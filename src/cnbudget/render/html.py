"""HTML writer: one standalone page (inline CSS, no scripts) with the title,
the narrative and every table with its merged header cells."""

from __future__ import annotations

from html import escape
from pathlib import Path

from cnbudget.model import Document
from cnbudget.render.base import RENDERERS, document_title
from cnbudget.render.printed import BodySpan, Number, PrintedTable, page_parts
from cnbudget.render.variants import DEFAULT_VARIANT, LayoutVariant, printed_tables

FORMAT = "html"

_CSS = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "SimSun", sans-serif;
       margin: 2em auto; max-width: 1200px; color: #222; }
h1 { text-align: center; font-size: 1.6em; }
h2 { text-align: center; font-size: 1.2em; margin-top: 2.5em; }
p.unit { text-align: right; margin: 0.2em 0; }
p.note { font-size: 0.9em; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
th, td { border: 1px solid #444; padding: 0.25em 0.4em; }
th { background: #f2f2f2; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
"""


def _attrs(colspan: int, rowspan: int) -> str:
    out = f' colspan="{colspan}"' if colspan > 1 else ""
    return out + (f' rowspan="{rowspan}"' if rowspan > 1 else "")


def _body_row(values: list, spans: list[BodySpan]) -> str:
    cells: list[str] = []
    skip = 0
    for c, value in enumerate(values):
        if skip:
            skip -= 1
            continue
        span = next((s.colspan for s in spans if s.col == c), 1)
        skip = span - 1
        if isinstance(value, Number):
            cells.append(f'<td class="num"{_attrs(span, 1)}>{value.text}</td>')
        else:
            cells.append(f"<td{_attrs(span, 1)}>{escape(value)}</td>")
    return "<tr>" + "".join(cells) + "</tr>"


def table_html(printed: PrintedTable) -> str:
    """The title and unit line, then the table: one <table> per printed page,
    each with the header rows (the pages of a table printed over several)."""
    parts = [f"<h2>{escape(printed.title)}</h2>", f'<p class="unit">{escape(printed.unit_line)}</p>']
    parts += [_grid_html(part) for part in page_parts(printed)]
    return "\n".join(parts)


def _grid_html(printed: PrintedTable) -> str:
    parts = ["<table>"]
    if printed.header:
        parts.append("<thead>")
        for row in printed.header:
            parts.append("<tr>" + "".join(
                f"<th{_attrs(c.colspan, c.rowspan)}>{escape(c.text)}</th>" for c in row) + "</tr>")
        parts.append("</thead>")
    parts.append("<tbody>")
    for r, values in enumerate(printed.body):
        parts.append(_body_row(values, [s for s in printed.body_spans if s.row == r]))
    parts.append("</tbody></table>")
    if printed.note:
        parts.append(f'<p class="note">{escape(printed.note)}</p>')
    return "\n".join(parts)


def document_html(doc: Document, variant: LayoutVariant = DEFAULT_VARIANT) -> str:
    title = escape(document_title(doc))
    parts = [
        "<!DOCTYPE html>", '<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{title}</title><style>{_CSS}</style></head><body>", f"<h1>{title}</h1>",
    ]
    parts += [f"<p>{escape(p.text)}</p>" for p in doc.narrative]
    parts += [table_html(printed) for _, printed in printed_tables(doc, variant)]
    parts.append("</body></html>")
    return "\n".join(parts)


def render_html(doc: Document, path: Path, variant: LayoutVariant = DEFAULT_VARIANT) -> None:
    path.write_text(document_html(doc, variant), encoding="utf-8")


RENDERERS.add(FORMAT, render_html)
