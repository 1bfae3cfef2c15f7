"""Lines of a classification-coded table → row drafts: label part, code, name, amount cells.

Cells come either with their places (tab text, grid readers) or as a run of
space-split tokens (pdfminer text: `4 2010301 行政运行 389.50 389.50`, numbers
broken `37,83 2.13`, `1,107.5 6`). Codes are joined from their pieces
(`201 | 03 | 01`, `3010 1`); a 6-digit code is a sub-unit (`019001`, `113001`).
Lines that are not rows (栏次, a repeated header, page numbers, a repeated title
or unit line, notes) are told apart here too.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from cnbudget.ingest.layout import Delimiter, Line
from cnbudget.normalise.amounts import (
    decimals_printed,
    is_empty_mark,
    is_number_piece,
    parse_amount,
)
from cnbudget.normalise.text import fold
from cnbudget.recognise.lines import decorated_code, has_cjk, is_code_piece
from cnbudget.recognise.tables.coded_header import is_label_cell, is_value_label

_DIGITS = re.compile(r"^\d+$")
_TOTAL_NAMES = frozenset({"合计", "总计", "本年支出合计", "本年收入合计", "支出合计", "收入合计",
                          "收入总计", "支出总计"})
_BULLET = re.compile(r"^[·•\s]+")
UNIT_CODE_LENGTH = 6


def squash_name(text: str) -> str:
    """A name wrapped inside its cell: drop spaces between Chinese characters."""
    text = _BULLET.sub("", text.strip())
    return re.sub(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])", "", text)


def is_total_name(text: str) -> bool:
    return fold(text) in _TOTAL_NAMES


def dense_cells(line: Line) -> list[str]:
    """The line's cells in their places: grid cells by column, tab cells as split."""
    if line.delimiter is Delimiter.GRID or any(c.col is not None for c in line.cells):
        width = max((c.col or 0) + max(c.colspan, 1) for c in line.cells)
        out = [""] * width
        for i, cell in enumerate(line.cells):
            col = cell.col if cell.col is not None else i
            out[col] = (out[col] + " " + cell.text).strip() if out[col] else cell.text.strip()
        return out
    return [c.text.strip() for c in line.cells]


def _cell_ends(line: Line) -> list[tuple[int, str]]:
    """(column after the cell, text) per cell: a merged grid cell ends after its span."""
    if line.delimiter is Delimiter.GRID or any(c.col is not None for c in line.cells):
        return [((c.col if c.col is not None else i) + max(c.colspan, 1), c.text)
                for i, c in enumerate(line.cells)]
    return [(i + 1, c.text) for i, c in enumerate(line.cells)]


def is_header_line(line: Line) -> bool:
    """A line of column labels: no numbers, and mostly known labels — or, for a
    header repeated after a page break, several cells of which some are labels
    (a wrapped name continues in one cell)."""
    texts = [t for t in line.texts if t.strip()]
    if not texts or any(is_number_piece(t) for t in texts):
        return False
    known = sum(is_label_cell(t) for t in texts)
    return known >= max(1, len(texts) / 2) or (len(texts) >= 3 and known >= 1)


@dataclass(slots=True)
class RowDraft:
    line: Line
    codes: list[str] = field(default_factory=list)  # code pieces before the name
    name: str | None = None
    gov_codes: list[str] = field(default_factory=list)  # a second code (政府预算经济分类)
    gov_name: str | None = None
    cells: list[str] = field(default_factory=list)  # amount cells (places kept when positional)
    positional: bool = True
    code_col: int | None = None  # the cell its code begins in (positional), for codes split 类|款|项
    labels: list[str] = field(default_factory=list)  # positional: the label cells in their places

    @property
    def code_text(self) -> str:
        return "".join(self.codes)


def label_width(lines: list[Line], header: list[Line]) -> int:
    """How many leading cells hold codes and names: most rows' last Chinese cell
    + 1; for rows that print no name at all, where the header's first amount
    column stands (a one-line table of totals: 合计 | 基本支出 | …)."""
    widths: Counter[int] = Counter()
    for line in lines:
        cells = dense_cells(line)
        ends = [end for end, text in _cell_ends(line) if has_cjk(text) and not is_number_piece(text)]
        if ends and any(is_number_piece(t) for t in cells[max(ends):]):
            widths[max(ends)] += 1
    if widths:
        return widths.most_common(1)[0][0]
    starts = [i for line in header for i, t in enumerate(dense_cells(line)) if is_value_label(t)]
    return min(starts) if starts else 0


# a code printed in the name's cell: "2010301 行政运行", "[2010301]行政运行", "201 03 01 行政运行";
# a sub-unit code (6 digits) only set apart by brackets or a space
_JOINED_CODE = re.compile(
    r"^(?:[\[【(（]\s*(?P<b>\d{3}(?:\s?\d{2}){0,2}|\d{6})\s*[\]】)）]|(?P<c>[235]\d{2}(?:\s?\d{2}){0,2})(?!\d)|(?P<u>\d{6})\s)"
    r"\s*(?P<name>[^\d\s].*)$")
# what follows digits that are a year, a count or a date, not a code
_NOT_A_NAME_START = tuple("年月日号届期次个元万%％．.、，,:：-—")


def split_joined_code(text: str) -> tuple[str, str] | None:
    """(code digits, name) of a cell printing a code before its name, else None."""
    m = _JOINED_CODE.match(text.strip())
    if m is None or m.group("name").startswith(_NOT_A_NAME_START):
        return None
    digits = re.sub(r"\s+", "", m.group("b") or m.group("c") or m.group("u"))
    return digits, m.group("name")


def _label_parts(draft: RowDraft, label: list[str]) -> None:
    """Code pieces, name, then an optional second code and name (5-2's 政府预算经济分类)."""
    stage = 0
    expanded: list[str] = []
    for text in label:
        text = decorated_code(text) or text  # [201], 201.01.01
        joined = split_joined_code(text) if not is_code_piece(text.strip()) else None
        expanded += list(joined) if joined else [text]
    for text in expanded:
        t = text.strip()
        if not t:
            continue
        if is_code_piece(t):
            if stage == 0:
                draft.codes.append(t)
            elif stage in (1, 2):
                draft.gov_codes.append(t)
                stage = 2
            continue
        if stage == 0:
            draft.name = squash_name(t)
            stage = 1
        elif stage == 1 and not draft.gov_codes:
            draft.name = squash_name((draft.name or "") + t)
        else:
            draft.gov_name = squash_name(t)
            stage = 3


# header words of a column numbering the rows (not a code)
INDEX_WORDS = frozenset({"序号", "行次", "行号", "栏次"})


def index_columns(header: list[list[tuple[int, int, str]]], body: list[Line], width: int) -> frozenset[int]:
    """The label columns that number the rows: headed 序号 / 行次, or, with no such
    header, a first column counting 1, 2, 3 … down the rows (its number is no code)."""
    headed = {col for cells in header for col, _span, text in cells
              if col < width and fold(re.sub(r"\s+", "", text)) in INDEX_WORDS}
    if headed:
        return frozenset(headed)
    firsts = [cells[0] for cells in (dense_cells(ln) for ln in body) if len(cells) > 1 and cells[0].strip()]
    if len(firsts) >= 3 and all(_DIGITS.match(t) for t in firsts) and \
            [int(t) for t in firsts] == list(range(int(firsts[0]), int(firsts[0]) + len(firsts))):
        return frozenset({0})
    return frozenset()


def draft_positional(line: Line, width: int, index: frozenset[int] = frozenset()) -> RowDraft:
    return _positional(line, dense_cells(line), width, index)


def _positional(line: Line, cells: list[str], width: int, index: frozenset[int]) -> RowDraft:
    draft = RowDraft(line=line, positional=True, labels=cells[:width])
    label = [(i, t) for i, t in enumerate(cells[:width]) if i not in index]
    _label_parts(draft, [t for _, t in label])
    if draft.codes:
        draft.code_col = next((i for i, t in label if t.strip()), None)
    draft.cells = cells[width:]
    return draft


def joined_positional(above: RowDraft, below: RowDraft, index: frozenset[int] = frozenset()) -> RowDraft:
    """One printed row from two lines of placed cells, joined cell by cell: a
    row Word broke over a page (其他社会保障 | 社会保障缴费 | 4984 / 缴费 | _行政 | 200.00),
    numbers cut at a line end (`36,30` / `5.52`)."""
    width = len(above.labels)
    first, second = above.labels + above.cells, below.labels + below.cells
    size = max(len(first), len(second))
    cells = [a + b.strip() for a, b in zip(first + [""] * (size - len(first)), second + [""] * (size - len(second)),
                                         strict=True)]
    return _positional(above.line, cells, width, index)


def draft_tokens(line: Line, numbered: bool, decimals: int) -> RowDraft:
    """A space-split line: [序号] code pieces, name words, amounts."""
    tokens = [decorated_code(t) or t for t in line.texts if t.strip()]
    draft = RowDraft(line=line, positional=False)
    if numbered and len(tokens) > 1 and _DIGITS.match(tokens[0]) and len(tokens[0]) <= 3:
        tokens = tokens[1:]
    if not any(has_cjk(t) for t in tokens):
        draft.cells = merge_split_numbers(tokens, decimals)
        return draft
    i = 0
    while i < len(tokens) and is_code_piece(tokens[i]):
        draft.codes.append(tokens[i])
        i += 1
    joined = split_joined_code(tokens[i]) if i < len(tokens) and (i == 0 or not draft.codes) else None
    if joined is not None:  # "[2010301]行政运行" as one token
        tokens = [*tokens[:i], *joined, *tokens[i + 1:]]
        draft.codes.append(tokens[i])
        i += 1
    words: list[str] = []
    while i < len(tokens) and not (is_number_piece(tokens[i]) and not has_cjk(tokens[i]) and words):
        words.append(tokens[i])
        i += 1
    draft.name = squash_name(" ".join(words)) if words else None
    draft.cells = merge_split_numbers(tokens[i:], decimals)
    return draft


def merge_split_numbers(tokens: list[str], decimals: int) -> list[str]:
    """Join a number split by a space: `37,83 2.13`, `1,107.5 6`, `604. 4`."""
    out: list[str] = []
    for tok in tokens:
        if out and continues_number(out[-1], tok, decimals):
            out[-1] += tok
        else:
            out.append(tok)
    return out


def continues_number(left: str, right: str, decimals: int) -> bool:
    """`right` the rest of the number `left` was cut from: `37,83` / `2.13`,
    `604.` / `4`, `1,107.5` / `6` where amounts print two decimals."""
    if not right[:1].isdigit() or is_empty_mark(left):
        return False
    if left.endswith((".", ",")):
        return True
    if re.search(r",\d{1,2}$", left):  # a thousands group cut short
        return True
    if "." in left and _DIGITS.match(right):
        have = len(left.split(".", 1)[1])
        return have < decimals and have + len(right) == decimals
    return False


def typical_decimals(lines: list[Line]) -> int:
    """The decimals most amounts of the table print (2 for 万元 tables, 0 for 元)."""
    counts: Counter[int] = Counter()
    for line in lines:
        for t in line.texts:
            for tok in t.split():
                if "." in tok and is_number_piece(tok):
                    counts[decimals_printed(tok)] += 1
    return counts.most_common(1)[0][0] if counts else 0


def amount_of(text: str) -> tuple[Decimal | None, str | None]:
    """(value, problem) of a cell: the amount (None when printed empty), or
    None and a message when the cell holds text where an amount belongs."""
    try:
        return parse_amount(text), None
    except ValueError:
        return None, f"not an amount: {text!r}"
