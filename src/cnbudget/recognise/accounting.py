"""No printed figure silently lost: every number printed in a table's region is
accounted for by the tables read from it.

A generic check, independent of the parser that read the block, so that a
document's status tells the truth on layouts nobody has seen: the figures
printed in the block's table lines (a number filling a whole cell, or a
space-split token) are matched, as a multiset of values in the printed unit,
against what the parsed tables hold — amounts converted back to the unit they
were read in, codes and their 类/款/项 pieces, text fields, indicator cells.
What is left is listed line by line as `table.figures-unplaced` (partial).

A figure a parser left inside a row's name (`100.00 一、一般公共服务支出`, a
table printed without column rulings) is printed text the name holds, yet no
amount: `table.figure-in-name` (partial), by row. Money-looking figures count
wherever they stand (`normalise.amounts.money_in_text`); a plain integer only as
a token of its own in a row with no amounts, and not where it names (a year, 第 3,
6 月, a code, a leading 序号). Likewise a money-looking figure in a row's text
column (a note, a procurement item_name, an `extra:` column no amount was read
from) is `table.figure-in-text` (partial): held as text, read as no amount.

Not figures: page furniture and notes, the 栏次 line, years, dates (6 月底), and a line's
leading 序号 (an index, not an amount) where nothing else claims it. Named steps
(`printed_figures` → `held_figures` → `unplaced`) keep their results for
debugging.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from cnbudget.ingest.layout import Delimiter, Line
from cnbudget.model import Locator, Problem, Row, Table
from cnbudget.model.problems import problem_of
from cnbudget.model.table_types import table_type
from cnbudget.normalise.amounts import (
    UNIT_FACTORS,
    amounts_with_unit,
    clean_number_text,
    is_empty_mark,
    money_in_text,
    parse_amount,
)
from cnbudget.normalise.printed import is_note
from cnbudget.recognise.blocks import TableBlock
from cnbudget.recognise.lines import CONTACT_LABEL, DATE_WORD, is_column_numbers, is_furniture
from cnbudget.recognise.tables.cells import join_number_pieces, locator

_YEAR = re.compile(r"^(?:19|20)\d\d$")
_DIGITS = re.compile(r"^\d+$")
_CODE_PIECE = re.compile(r"^0\d+$")  # printed with a leading zero: a code's 款 or 项, no amount
_YEAR_MONTH = re.compile(r"^(?:19|20)\d\d\.(?:0?[1-9]|1[0-2])$")  # 2024.12 in a text: a date (实施期限)


@dataclass(frozen=True, slots=True)
class PrintedFigure:
    text: str  # as printed
    value: Decimal
    line: Line
    column: int | None  # the cell's column where the line's shape tells it
    leads_a_row: bool  # an integer opening a space-split row before its code or name: a 序号


def _cells(line: Line) -> list[tuple[int | None, str]]:
    """A line's figure candidates with their column: whole cells of a grid or tab
    line; tokens of a space-split line (columns unknown), with the pieces of a
    number split by extraction joined."""
    if line.delimiter in (Delimiter.GRID, Delimiter.TAB):
        return [(c.col if c.col is not None else i, c.text.strip())
                for i, c in enumerate(line.cells) if c.text.strip()]
    pieces = [p for c in line.cells for p in c.text.split()]
    return [(None, t) for t in join_number_pieces(pieces)]


def _figure(text: str) -> Decimal | None:
    if not text or is_empty_mark(text) or not any(ch.isdigit() for ch in text):
        return None
    try:
        return parse_amount(text)
    except ValueError:
        return None


def _is_integer(text: str) -> bool:
    plain = clean_number_text(text)
    return bool(_DIGITS.match(plain)) and len(plain) <= 4


def _index_columns(figures: list[PrintedFigure]) -> set[int]:
    """Columns of row numbers (序号, 行次): small integers counting up row by row."""
    by_column: dict[int, list[int]] = {}
    for fig in figures:
        if fig.column is not None:
            by_column.setdefault(fig.column, []).append(int(fig.value) if _is_integer(fig.text) else -1)
    out: set[int] = set()
    for column, numbers in by_column.items():
        if len(numbers) < 3 or min(numbers) < 0:
            continue
        steps = [b - a for a, b in zip(numbers, numbers[1:], strict=False)]
        if sum(s == 1 for s in steps) >= 0.75 * len(steps):
            out.add(column)
    return out


def printed_figures(block: TableBlock) -> list[PrintedFigure]:
    """The numbers printed in the block's table lines: notes, furniture, the 栏次
    line, years and the row-number columns (序号, 行次) excluded."""
    out: list[PrintedFigure] = []
    for line in block.lines:
        if line.delimiter is Delimiter.NONE or is_note(line.text) or is_furniture(line, block.title):
            continue
        cells = _cells(line)
        if is_column_numbers([t for _, t in cells]):
            continue
        for k, (column, text) in enumerate(cells):
            value = _figure(text)
            if value is None or _YEAR.match(clean_number_text(text)):
                continue
            after = cells[k + 1][1] if k + 1 < len(cells) else ""
            if column is None and DATE_WORD.match(after):
                continue  # 6 月底: a date, no figure
            before = cells[k - 1][1] if k else ""
            if CONTACT_LABEL.search(before):
                continue  # 联系电话 | 83426336: a phone number, no figure
            leads = column is None and k == 0 and _is_integer(text) and bool(after) and (
                _DIGITS.match(after) is not None or not any(ch.isdigit() for ch in after))
            out.append(PrintedFigure(text, value, line, column, leads))
    index = _index_columns(out)
    return [f for f in out if f.column not in index]


def _codes(table: Table) -> Iterator[str]:
    for row in table.rows:
        for code in (row.code, row.unit_code, *row.texts.values()):
            if code and _DIGITS.match(code):
                # the whole code, its 类 | 款 | 项 printed in columns of their own, or a
                # code cut at a cell's edge (3010 | 2): every head and tail of it
                yield from (code[:n] for n in range(1, len(code) + 1))
                yield from (code[n:] for n in range(1, len(code)))
                yield from (code[3:5], code[5:7])


def _texts(table: Table) -> Iterator[str]:
    for row in table.rows:
        yield from row.texts.values()
        if row.name:
            yield row.name
        for ind in row.indicators or ():
            yield from (t for t in (ind.target, ind.actual, *ind.texts.values()) if t)
            yield from (str(v) for v in (ind.weight, ind.score) if v is not None)


def held_figures(tables: Iterable[Table]) -> tuple[Counter[Decimal], set[str], list[str]]:
    """What the parsed tables hold: amounts in their printed unit (a multiset),
    codes and their pieces, and text fields (where a number may stand as text)."""
    values: Counter[Decimal] = Counter()
    codes: set[str] = set()
    texts: list[str] = []
    for table in tables:
        factor = UNIT_FACTORS.get(table.figures_unit or table.unit or "元", Decimal(1))
        for row in table.rows:
            for value in row.values.values():
                if value is None:
                    continue
                values[(value / factor).normalize()] += 1
                if factor != 1:
                    values[value.normalize()] += 1  # rates, scores, quantities are not converted
        codes |= set(_codes(table))
        texts += list(_texts(table))
    return values, codes, texts


def unplaced(block: TableBlock, tables: list[Table]) -> list[PrintedFigure]:
    """The printed figures no parsed table accounts for."""
    values, codes, texts = held_figures(tables)
    joined = "\n".join(texts)
    left: list[PrintedFigure] = []
    # a possible 序号 is matched last, so it never takes the value of a real figure
    for fig in sorted(printed_figures(block), key=lambda f: f.leads_a_row):
        plain = clean_number_text(fig.text)
        if _CODE_PIECE.match(plain) and plain in codes:
            continue  # 类|款|项 pieces (03) are codes: they never take an amount's value
        key = fig.value.normalize()
        if values[key] > 0:
            values[key] -= 1
            continue
        if _DIGITS.match(plain) and (plain in codes or plain.lstrip("0") in codes):
            continue
        if plain in joined:
            continue
        if not fig.leads_a_row:  # a row's 序号 that nothing else claims
            left.append(fig)
    return _rejoin_cut_numbers(left, values)


def _rejoin_cut_numbers(left: list[PrintedFigure], values: Counter[Decimal]) -> list[PrintedFigure]:
    """A number a row wrapped mid-figure (`36,30` / `5.52` on the line below, in
    the same column) is one figure: accounted for when the joined value is held."""
    taken: set[int] = set()
    for i, upper in enumerate(left):
        if i in taken:
            continue
        for j in range(i + 1, min(i + 8, len(left))):
            lower = left[j]
            if j in taken or lower.line is upper.line or lower.column != upper.column:
                continue
            joined = _figure(clean_number_text(upper.text) + clean_number_text(lower.text))
            if joined is not None and values[joined.normalize()] > 0:
                values[joined.normalize()] -= 1
                taken |= {i, j}
                break
    return [f for k, f in enumerate(left) if k not in taken]


def figures_in_name(row: Row, codes: set[str]) -> list[str]:
    """The figures a row's name holds that are no part of the name: money-looking
    ones anywhere, and, in a row read with no amount, integer tokens of their own
    other than a leading 序号, a year, a code, 第 3 or 6 月."""
    if not row.name or row.indicators:
        return []
    found = money_in_text(row.name)
    if any(v is not None for v in row.values.values()):
        return found
    tokens = row.name.split()
    for k, token in enumerate(tokens[1:], start=1):
        plain = clean_number_text(token)
        after = tokens[k + 1] if k + 1 < len(tokens) else ""
        if (not _DIGITS.match(plain) or _YEAR.match(plain) or plain in codes
                or tokens[k - 1].endswith("第") or DATE_WORD.match(after) or CONTACT_LABEL.search(tokens[k - 1])):
            continue
        found.append(token)
    return found


def figures_in_texts(row: Row) -> dict[str, list[str]]:
    """Per text column of a row (no amount column: a note, a procurement item_name,
    an `extra:` column), the money-looking figures it prints (`money_in_text`:
    not years, codes, 第 3, percentages, phone numbers or plain integers); a year
    and month (2024.12) is a date. An indicator row's texts are its targets."""
    if row.indicators:
        return {}
    found = {key: [f for f in money_in_text(text) if not _YEAR_MONTH.match(f)] for key, text in row.texts.items()}
    return {key: figures for key, figures in found.items() if figures}


def _column_name(table: Table, key: str) -> str:
    """A text column as printed: an `extra:` column's header, else the table type's."""
    if key.startswith("extra:"):
        return key.removeprefix("extra:")
    kind = table_type(table.type)
    column = kind.column(key) if kind is not None else None
    return column.header if column is not None else key


def _printed_at(row: Row, figure: str, block: TableBlock) -> Locator | None:
    """The row's locator, with its line where the row did not keep one: the block
    line printing the figure beside the name's first word."""
    if row.locator is not None and row.locator.line is not None:
        return row.locator
    word = next((w for w in (row.name or "").split() if figure not in w), "")
    for line in block.lines:
        text = line.text
        if figure in text and word in text:
            return locator(line)
    return row.locator or (locator(block.lines[0]) if block.lines else None)


def _name_problems(block: TableBlock, tables: list[Table]) -> Iterator[Problem]:
    for table in tables:
        codes = set(_codes(table))
        for row in table.rows:
            figures = figures_in_name(row, codes)
            if figures:
                where = _printed_at(row, figures[0], block)
                yield problem_of("table.figure-in-name", where, title=block.title, name=row.name,
                                 figure="、".join(figures))
            for key, held in figures_in_texts(row).items():
                yield problem_of("table.figure-in-text", _printed_at(row, held[0], block), title=block.title,
                                 name=row.key, column=_column_name(table, key), figure="、".join(held))


def _note_problems(block: TableBlock, tables: list[Table]) -> Iterator[Problem]:
    """A note under the table (注：…, 说明：…, 备注：…) that prints amounts: they are no
    row's, and no narrative fact reads them; said, so that they are not taken as read."""
    for table in tables:
        figures = amounts_with_unit(table.note or "")
        if figures:
            at = next((ln for ln in block.lines if is_note(ln.text)), None)
            yield problem_of("table.note-figures", locator(at) if at else table.locator,
                             title=block.title, figure="、".join(figures))


def figure_problems(block: TableBlock, tables: list[Table]) -> list[Problem]:
    """One `table.figures-unplaced` problem per line holding figures no table took,
    one `table.figure-in-name` per row whose name holds a figure, one
    `table.figure-in-text` per text column of a row holding one; `table.note-figures` per
    table whose note prints amounts."""
    by_line: dict[int, list[PrintedFigure]] = {}
    for fig in unplaced(block, tables):
        by_line.setdefault(id(fig.line), []).append(fig)
    return [problem_of("table.figures-unplaced", locator(figs[0].line), title=block.title,
                       figure="、".join(f.text for f in figs)) for figs in by_line.values()] + list(
        _name_problems(block, tables)) + list(_note_problems(block, tables))
