"""The label | value fields of a per-project target form printed as plain text
(a text extraction: no cells, the fields of a line separated by spaces):

    预算数 20.00 其中：财政资金 20.00 其他资金
    3 月底 6 月底 10 月底 12 月底
    25.00 50.00 75.00 100.00

A label followed by its number is a field (an amount where the label names
money, else the number as printed); a line of short labels over a line of as
many numbers (资金支出计划（%）by month) gives a field per label. Sentences
(资金用途, 绩效目标) are no fields. The fields join the form's 项目基本信息 table
as `project_form.label_fields` reads them from a grid.

A 部门整体 form prints its 预算情况 as cells beside a section label
(预算情况 | 部门预算总额（万元） | 9653.46; | 1、资金来源：（1）财政性资金 | 9653.46):
`paired_cell_rows` takes each label cell followed by a number cell.
"""

from __future__ import annotations

import re

from cnbudget.ingest.layout import Line
from cnbudget.model import Row
from cnbudget.normalise.amounts import is_number
from cnbudget.recognise.lines import DATE_WORD, has_cjk, located, positional

_SENTENCE = re.compile(r"[。，,；;]")
_MAX_LABEL = 12  # a field's label is short; longer text is a sentence or a value


def text_tokens(line: Line) -> list[str]:
    """The line's space-separated tokens, a number joined to the date word after it."""
    pieces = [p for c in line.cells for p in c.text.split()]
    out: list[str] = []
    for piece in pieces:
        if out and out[-1].isdigit() and DATE_WORD.match(piece):
            out[-1] += piece
        else:
            out.append(piece)
    return out


def _is_label(token: str) -> bool:
    return has_cjk(token) and not is_number(token) and len(token) <= _MAX_LABEL


def text_field_rows(lines: list[Line], row_of) -> list[Row]:
    """The fields of the form's plain-text lines above its indicators, in printed order.
    `row_of(label, value, line)` makes a field's row (project_form's rule for amounts)."""
    rows: list[Row] = []
    labels: tuple[list[str], Line] | None = None  # a line of labels awaiting its numbers
    for line in lines:
        if positional(line) or _SENTENCE.search(line.text):
            labels = None
            continue
        toks = text_tokens(line)
        if not toks:
            continue
        numbers = [t for t in toks if is_number(t)]
        if labels is not None and len(numbers) == len(toks) == len(labels[0]):
            rows += [row_of(name, value, line) for name, value in zip(labels[0], toks, strict=True)]
            labels = None
            continue
        if len(toks) >= 2 and all(_is_label(t) for t in toks):
            labels = (toks, line)
            continue
        labels = None
        i = 0
        while i < len(toks):
            tok = toks[i]
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if _is_label(tok) and nxt is not None and is_number(nxt):
                rows.append(row_of(tok, nxt, line))
                i += 2
            elif _is_label(tok) and nxt is None and rows and rows[-1].locator == located(line):
                rows.append(row_of(tok, "", line))  # 其他资金 printed without a figure
                i += 1
            else:
                i += 1
    return rows


def paired_cell_rows(lines: list[Line], row_of) -> list[Row]:
    """Label cell | number cell pairs of grid lines, in printed order (a section label
    before them, 预算情况, is no field: a label follows it, not a number)."""
    rows: list[Row] = []
    for line in lines:
        if not positional(line):
            continue
        cells = [c.text.strip() for c in line.cells if c.text.strip()]
        for label, value in zip(cells, cells[1:], strict=False):
            if has_cjk(label) and not is_number(label) and is_number(value):
                rows.append(row_of(label, value, line))
    return rows
