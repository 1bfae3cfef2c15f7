"""The grids printed inside a per-project form (硚口 表十 项目申报表).

Besides the project's figures and its indicators, the form prints grids of
its own: 项目资金来源 (a label cell beside rows of sources and amounts),
项目支出明细测算 (经济科目 | 金额 | 测算依据及说明 | 备注) and 项目采购
(采购品名 | 采购数量 | 金额). Each becomes a table of the type its heading
names (`SUB_TABLES`, recognise/titles.py), read by that type's parser, with
the project as its `subject`.

The form may print 单位:万元 above figures in 元: its own text then states a
printed figure in 元 (2020 年预算 3,970,000 元 beside 项目当年预算 3970000.00),
and `form_unit` reads the figures in 元.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from cnbudget.ingest.layout import Cell, Delimiter, Line
from cnbudget.model import Locator, Problem, ProblemSeverity, Table
from cnbudget.normalise.amounts import parse_amount
from cnbudget.normalise.text import fold, join_wrapped, nfkc
from cnbudget.recognise.blocks import TABLE_PARSERS, ParsedTables, TableBlock
from cnbudget.recognise.tables.cells import is_number, positional, tokens
from cnbudget.recognise.tables.indicators import is_header
from cnbudget.recognise.titles import SUB_TABLES

# a figure the text states in 元 (not 万元, not 元/个)
_YUAN_FIGURE = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*元(?![/每])")
_RULE = re.compile(r"^[-—=_|:\s]+$")  # a rule line of dashes left by the extraction


@dataclass(slots=True)
class _Grid:
    type: str
    title: str
    head: Line
    labelled: bool  # opened by a label cell in the form's first column (项目资金来源)
    lines: list[Line] = field(default_factory=list)


def yuan_statement(lines: list[Line], figure: Decimal) -> str | None:
    """The text stating `figure` in 元, where a cell of the lines says so."""
    if figure <= 0:
        return None
    for line in lines:
        for cell in line.cells:
            text = nfkc(cell.text)
            for m in _YUAN_FIGURE.finditer(text):
                if parse_amount(m.group(1)) == figure:
                    start = max((text.rfind(p, 0, m.start()) for p in "，。；,;"), default=-1)
                    return text[start + 1: m.end()].strip()
    return None


def form_unit(block: TableBlock, lines: list[Line], unit: str | None,
              figure_text: str | None) -> tuple[str | None, Problem | None]:
    """The unit the form's figures are in: 元 where the unit printed is larger but the
    form's own text states a printed figure (the project's budget) in 元."""
    if unit in (None, "元") or figure_text is None or not is_number(figure_text):
        return unit, None
    figure = parse_amount(fold(figure_text))
    stated = yuan_statement(lines, figure) if figure is not None else None
    if stated is None:
        return unit, None
    return "元", Problem(
        f"table {block.title!r} prints 单位:{unit} but its figures are in 元: its own text "
        f"states {stated!r} for the printed {figure_text}; its amounts are read in 元",
        block.locator, severity=ProblemSeverity.RECOVERED,
    )


def _is_rule(line: Line) -> bool:
    cells = line.filled
    return bool(cells) and all(_RULE.match(c) for c in cells)


def _label(line: Line) -> str:
    cells = line.filled
    return fold(cells[0]) if cells else ""


def _without_label(line: Line) -> Line:
    """A row of a labelled grid as its own table's row: the filled cells after the label."""
    cells = line.filled
    if line.cells and line.cells[0].text.strip():
        cells = cells[1:]
    return Line(tuple(Cell(t, col=i) for i, t in enumerate(cells)), page=line.page,
                number=line.number, delimiter=Delimiter.TAB, raw=line.raw)


def _unwrapped(line: Line) -> Line:
    cells = tuple(Cell(join_wrapped(c.text), c.col, c.colspan, c.rowspan, c.x0, c.x1) for c in line.cells)
    return Line(cells, page=line.page, number=line.number, grid=line.grid, delimiter=line.delimiter, raw=line.raw)


def _wraps(line: Line, previous: Line | None) -> bool:
    """A line carrying only the wrapped tails of the row above's text cells."""
    if previous is None or not positional(line) or not positional(previous):
        return False
    toks = tokens(line)
    return bool(toks) and toks[0].empty and not any(t.number for t in toks if not t.empty)


def _joined(previous: Line, line: Line) -> Line:
    width = max(len(previous.cells), len(line.cells))
    texts = [(previous.cells[i].text if i < len(previous.cells) else "")
             + (line.cells[i].text.strip() if i < len(line.cells) else "") for i in range(width)]
    return Line(tuple(Cell(t, col=i) for i, t in enumerate(texts)), page=previous.page,
                number=previous.number, grid=previous.grid, delimiter=previous.delimiter, raw=previous.raw)


def _cut(lines: list[Line]) -> list[_Grid]:
    grids: list[_Grid] = []
    current: _Grid | None = None
    for line in map(_unwrapped, lines):
        cells = line.filled
        if current is not None and current.labelled and not (positional(line) and line.cells
                                                              and not line.cells[0].text.strip()):
            current = None  # the label's rows end where the form's first column prints again
        if current is not None and not current.labelled and (
                is_header(line) or (len(cells) == 1 and not positional(line))):
            current = None  # the next heading (项目绩效总目标, 年度绩效目标表)
        if current is None:
            kind = SUB_TABLES.get(_label(line))
            if kind is not None and (len(cells) == 1 or positional(line)):
                labelled = len(cells) > 1
                current = _Grid(kind, cells[0].strip(), line, labelled,
                                [_without_label(line)] if labelled else [])
                grids.append(current)
            continue
        if _is_rule(line):
            continue
        if current.labelled:
            current.lines.append(_without_label(line))
        elif current.lines and _wraps(line, current.lines[-1]):
            current.lines[-1] = _joined(current.lines[-1], line)
        else:
            current.lines.append(line)
    return [g for g in grids if g.lines]


def sub_tables(block: TableBlock, lines: list[Line], form: Table) -> ParsedTables:
    """The grids of a per-project form as tables about its project, in the form's
    printed unit and read in the unit its figures are in."""
    tables: list[Table] = []
    problems: list[Problem] = []
    for grid in _cut(lines):
        sub = TableBlock(type=grid.type, title=grid.title, lines=grid.lines,
                         unit=form.figures_unit or form.unit,
                         locator=Locator(page=grid.head.page, line=grid.head.number),
                         document_unit=block.document_unit)
        parsed = TABLE_PARSERS.get(grid.type)(sub)
        for table in parsed.tables:
            table.subject = form.subject
            if form.figures_unit is not None:
                table.unit, table.figures_unit = form.unit, form.figures_unit
        tables += parsed.tables
        problems += parsed.problems
    return ParsedTables(tables, problems)
