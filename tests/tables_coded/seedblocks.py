"""Table blocks cut from the real seeds by line numbers, and the variants another
extraction tool would give of them (tabs as spaces, grid cells, one cell per
line, page furniture inside the table).

Cutting by line number keeps these tests independent of segmentation.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from cnbudget.ingest.layout import Cell, Delimiter, Line
from cnbudget.ingest.readers import read_source
from cnbudget.ingest.text import read_text
from cnbudget.model import Locator, Row, Table
from cnbudget.normalise.amounts import parse_amount, to_yuan
from cnbudget.recognise.blocks import ParsedTables, TableBlock
from cnbudget.recognise.tables.coded import parse_coded

W = Decimal(10000)  # 万元


def wan(text: str) -> Decimal:
    """万元 as printed → yuan, computed here independently of the parser."""
    return Decimal(text.replace(",", "")) * W


def yuan(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def seed_lines(path: Path) -> list[Line]:
    return read_source(path).layout.lines


def raw_lines(path: Path, first: int, last: int) -> list[str]:
    """Lines first..last (1-based, inclusive) of the seed text as printed."""
    return path.read_text(encoding="utf-8").split("\n")[first - 1:last]


def cut(lines: list[Line], title_line: int, end_line: int, table_type: str, unit: str | None) -> TableBlock:
    """The block whose title is on `title_line`, holding every line before `end_line`."""
    title = next(ln for ln in lines if ln.number == title_line).text.strip()
    body = [ln for ln in lines if ln.number is not None and title_line < ln.number < end_line]
    return TableBlock(type=table_type, title=title, lines=body, unit=unit,
                      locator=Locator(page=1, line=title_line))


def parse(block: TableBlock) -> ParsedTables:
    return parse_coded(block)


def only_table(block: TableBlock) -> Table:
    parsed = parse(block)
    assert len(parsed.tables) == 1
    return parsed.tables[0]


# ---- variants -------------------------------------------------------------

def text_variant(path: Path, title_line: int, end_line: int, transform: Callable[[str], str],
                 table_type: str, unit: str | None) -> TableBlock:
    """Re-read the block's text after `transform` (as another tool would print it)."""
    text = "\n".join(raw_lines(path, title_line, end_line - 1))
    lines = read_text(transform(text).encode("utf-8"), "variant.txt").lines
    title = lines[0].text.strip()
    return TableBlock(type=table_type, title=title, lines=lines[1:], unit=unit,
                      locator=Locator(page=1, line=1))


def tabs_to_spaces(text: str) -> str:
    """pdftotext -layout / pdfminer style: cells separated by runs of spaces, empties lost."""
    return "\n".join(re.sub(r"\t+", "   ", ln).strip() for ln in text.split("\n"))


def cell_per_line(text: str) -> str:
    """Tika on DOCX: each cell on its own line after a tab, rows separated by blank lines."""
    out: list[str] = []
    for ln in text.split("\n"):
        if "\t" in ln:
            out.extend("\t" + cell for cell in ln.split("\t"))
            out.append("")
        elif ln.strip():
            out.extend([ln, ""])
    return "\n".join(out)


def as_grid(block: TableBlock) -> TableBlock:
    """The block as a grid reader gives it: exact columns; a header label spans
    up to the next label on its line (a merged cell)."""
    grid_lines: list[Line] = []
    for line in block.lines:
        if line.delimiter is not Delimiter.TAB:
            grid_lines.append(line)
            continue
        texts = [c.text for c in line.cells]
        filled = [i for i, t in enumerate(texts) if t.strip()]
        has_number = any(_is_number(t) for t in texts)
        cells = []
        for k, i in enumerate(filled):
            span = 1
            if not has_number:
                nxt = filled[k + 1] if k + 1 < len(filled) else len(texts)
                span = max(1, nxt - i)
            cells.append(Cell(texts[i], col=i, colspan=span))
        grid_lines.append(Line(tuple(cells), page=line.page, number=line.number, grid=1,
                               delimiter=Delimiter.GRID))
    return TableBlock(type=block.type, title=block.title, lines=grid_lines, unit=block.unit,
                      locator=block.locator)


def with_furniture(block: TableBlock, at: int) -> TableBlock:
    """A page break inside the body: page number, repeated title and header lines."""
    header = [ln for ln in block.lines[:at] if not any(_is_number(t) for t in ln.texts)]
    furniture = [
        Line((Cell("- 7 -"),), page=2, number=None, delimiter=Delimiter.NONE, raw="- 7 -"),
        Line((Cell(block.title),), page=2, number=None, delimiter=Delimiter.NONE, raw=block.title),
        *header[-2:],
    ]
    lines = block.lines[:at] + furniture + block.lines[at:]
    return TableBlock(type=block.type, title=block.title, lines=lines, unit=block.unit,
                      locator=block.locator)


def _is_number(text: str) -> bool:
    try:
        return parse_amount(text) is not None and any(ch.isdigit() for ch in text)
    except ValueError:
        return False


# ---- independent checks ---------------------------------------------------

def row_key(row: Row) -> tuple[str | None, str | None, str | None]:
    return (row.code, row.unit_code, row.item)


def data(table: Table, keys: tuple[str, ...] | None = None) -> list[tuple[tuple, dict]]:
    """The table's rows as comparable data (locators left out: variants move lines)."""
    out = []
    for row in table.rows:
        values = {k: v for k, v in row.values.items() if keys is None or k in keys}
        out.append((row_key(row), values))
    return out


def printed_numbers(line: Line, unit: str | None) -> list[Decimal]:
    """Every amount printed on a row line after its name, in yuan."""
    texts = [t.strip() for t in line.texts]
    last_name = max((i for i, t in enumerate(texts) if re.search(r"[\u4e00-\u9fff]", t)), default=-1)
    out = []
    for tok in texts[last_name + 1:]:
        if tok:
            value = to_yuan(parse_amount(tok), unit)
            if value is not None:
                out.append(value)
    return out


def values_of(row: Row) -> list[Decimal]:
    return sorted(v for v in row.values.values() if v is not None)


def hierarchy_holds(table: Table, column: str, slack: Decimal) -> list[str]:
    """合计 = Σ top rows, 类 = Σ 款, 款 = Σ 项 in `column`; the broken sums, described."""
    rows = [r for r in table.rows if r.code]
    codes = {r.code for r in rows}
    broken = []
    for parent in rows:
        kids = [r for r in rows if r.code != parent.code and r.code.startswith(parent.code)
                and len(r.code) == len(parent.code) + 2]
        if kids:
            total = sum((k.values.get(column) or Decimal(0) for k in kids), Decimal(0))
            if abs((parent.values.get(column) or Decimal(0)) - total) > slack:
                broken.append(f"{parent.code}.{column}: {parent.values.get(column)} vs {total}")
    tops = [r for r in rows if not any(r.code.startswith(c) and c != r.code for c in codes)]
    total_row = table.row_by_item("total")
    if total_row is not None and tops:
        total = sum((r.values.get(column) or Decimal(0) for r in tops), Decimal(0))
        if abs((total_row.values.get(column) or Decimal(0)) - total) > slack:
            broken.append(f"total.{column}: {total_row.values.get(column)} vs {total}")
    return broken


def row_sums_hold(table: Table, whole: str, parts: tuple[str, ...], slack: Decimal) -> list[str]:
    broken = []
    for row in table.rows:
        w = row.values.get(whole)
        s = sum((row.values.get(p) or Decimal(0) for p in parts), Decimal(0))
        if abs((w or Decimal(0)) - s) > slack:
            broken.append(f"{row.key}: {whole}={w} vs {'+'.join(parts)}={s}")
    return broken
