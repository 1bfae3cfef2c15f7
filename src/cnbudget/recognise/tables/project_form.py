"""The grids printed inside a per-project form (硚口 表十 项目申报表).

Besides the project's figures and its indicators, the form prints grids of
its own: 项目资金来源 (a label cell beside rows of sources and amounts),
项目支出明细测算 (经济科目 | 金额 | 测算依据及说明 | 备注) and 项目采购
(采购品名 | 采购数量 | 金额). Each becomes a table of the type its heading
names (`SUB_TABLES`, recognise/titles.py), read by that type's parser, with
the project as its `subject`. Its own label | value fields (项目主管部门 …
项目当年预算), its 前两年 grid and its 项目绩效总目标 paragraph become `other`
tables about the project too (`form_fields`).

A 项目绩效目标表 that prints no grids of its own but a column of labels beside
their values above its indicators (郑州 单位编码 … 年度绩效目标, 廊坊 绩效目标)
gives the same 项目基本信息 table (`label_fields`).

The form may print 单位:万元 above figures in 元: its own text then states a
printed figure in 元 (2020 年预算 3,970,000 元 beside 项目当年预算 3970000.00),
and `form_unit` reads the figures in 元.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from cnbudget.ingest.layout import Cell, Delimiter, Line
from cnbudget.model import Problem, Row, Table
from cnbudget.model.problems import problem_of
from cnbudget.normalise.amounts import is_number, parse_amount
from cnbudget.normalise.text import fold, join_wrapped, nfkc
from cnbudget.recognise.blocks import TABLE_PARSERS, ParsedTables, TableBlock
from cnbudget.recognise.lines import located, positional
from cnbudget.recognise.tables.cells import amount, tokens
from cnbudget.recognise.tables.form_text_fields import paired_cell_rows, text_field_rows
from cnbudget.recognise.tables.indicators import is_header
from cnbudget.recognise.titles import INNER_HEADINGS, SUB_TABLES

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
    return "元", problem_of(
        "table.figures-unit", block.locator, title=block.title, printed=unit,
        evidence=f"表内文字写明“{stated}”，即印出的 {figure_text} 是元",
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
                         locator=located(grid.head),
                         document_unit=block.document_unit)
        parsed = TABLE_PARSERS.get(grid.type)(sub)
        for table in parsed.tables:
            table.subject = form.subject
            if form.figures_unit is not None:
                table.unit, table.figures_unit = form.unit, form.figures_unit
        tables += parsed.tables
        problems += parsed.problems
    return ParsedTables(tables, problems)


# The form's own label | value fields, its 前两年 grid and its 项目绩效总目标 paragraph:
# tables of no contract type about the project, named by the part of the form they print.
FIELDS_TITLE = "项目基本信息"
HISTORY_TITLE = "项目前两年预算编制、执行及当年预算变动情况"
GOAL_HEADING = "项目绩效总目标"
TEXT_COLUMN = "extra:内容"  # a field's printed value (the form prints no header over it)
AMOUNT_COLUMN = "extra:金额"  # a field whose value is an amount (项目总预算), in yuan
_HISTORY_LABEL = "前两年"  # 项目前两年预算编制，执行及当年预算变动情况
_NAME_LABEL = "项目名称"  # the form's subject: the performance table's project already
_MONEY_LABELS = ("预算", "金额", "资金", "经费", "总额", "拨款", "支出", "收入", "合计")


@dataclass(slots=True)
class _History:
    head: Line
    headers: list[str]
    lines: list[Line] = field(default_factory=list)


def _field_row(label: str, value: str, line: Line, unit: str | None) -> Row:
    """A field as a row: an amount where a money label prints a number (项目总预算),
    else the value as printed (联系电话 83426338 is no amount)."""
    row = Row(name=label, locator=located(line))
    if is_number(value) and any(word in label for word in _MONEY_LABELS):
        row.values[AMOUNT_COLUMN] = amount(value, unit)
    elif value:
        row.texts[TEXT_COLUMN] = value
    return row


def _pairs(line: Line) -> list[tuple[str, str]]:
    """The label | value pairs of a form line, in printed order."""
    cells = [c.text.strip() for c in line.cells]
    return [(cells[i], cells[i + 1] if i + 1 < len(cells) else "")
            for i in range(0, len(cells), 2) if cells[i]]


def _history_table(history: _History, unit: str | None) -> Table:
    """The 年度 | 预算数 | 执行数 | 执行率 grid: a year's figures as values, the
    变动说明 printed across the grid as its row's text."""
    table = Table(type="other", title=HISTORY_TITLE,
                  locator=located(history.head))
    for line in history.lines:
        cells = [c.text.strip() for c in line.cells[1:]]
        if not any(cells):
            continue
        row = Row(name=cells[0] or None, locator=located(line))
        for header, text in zip(history.headers[1:], cells[1:], strict=False):
            if not text:
                continue
            if is_number(text):
                row.values[f"extra:{header}"] = amount(text, unit) if "率" not in header \
                    else parse_amount(text)
            else:
                row.texts[TEXT_COLUMN] = (row.texts.get(TEXT_COLUMN, "") + text)
        table.rows.append(row)
    return table


def form_fields(lines: list[Line], form: Table) -> tuple[list[Table], list[Table]]:
    """The form's label | value fields and its 前两年 grid (printed above its
    grids), and its 项目绩效总目标 paragraph (printed below them). Read in a
    项目申报表 that prints its own grids (硚口 表十); a form without grids of its
    own is read by `label_fields`."""
    if not any(SUB_TABLES.get(_label(ln)) for ln in lines):
        return [], []
    unit = form.figures_unit or form.unit
    fields = Table(type="other", title=FIELDS_TITLE)
    histories: list[_History] = []
    history: _History | None = None  # the grid whose rows the lines are
    goal: Table | None = None
    in_grids = False
    last: Row | None = None
    for line in map(_unwrapped, lines):
        cells = line.filled
        if not cells:
            continue
        label = fold(line.cells[0].text)
        if goal is not None:
            if positional(line) or is_header(line) or fold(cells[0]) in INNER_HEADINGS:
                break
            goal.rows[0].texts[TEXT_COLUMN] = goal.rows[0].texts.get(TEXT_COLUMN, "") + "".join(cells)
            continue
        if not positional(line):
            if len(cells) == 1 and fold(cells[0]) == GOAL_HEADING:
                goal = Table(type="other", title=GOAL_HEADING,
                             locator=located(line),
                             rows=[Row(name=GOAL_HEADING, locator=located(line))])
            elif SUB_TABLES.get(fold(cells[0])) is not None:
                in_grids = True
            continue
        if in_grids or SUB_TABLES.get(label) is not None or is_header(line):
            in_grids = True
            continue
        if _HISTORY_LABEL in label:
            history = _History(line, [join_wrapped(c.text.strip()) for c in line.cells[1:]])
            histories.append(history)
            continue
        if not label:
            if history is not None:
                history.lines.append(line)
            elif last is not None and TEXT_COLUMN in last.texts:
                last.texts[TEXT_COLUMN] += "".join(cells)  # the value cell wrapped onto this line
            continue
        history = None
        for name, value in _pairs(line):
            if fold(name).startswith(_NAME_LABEL):
                continue
            last = _field_row(name, value, line, unit)
            fields.rows.append(last)
    if fields.rows:
        fields.locator = fields.rows[0].locator
    above = [t for t in (fields, *(_history_table(h, unit) for h in histories)) if t.rows]
    below = [goal] if goal is not None and goal.rows[0].texts else []
    for table in (*above, *below):
        table.subject, table.unit, table.figures_unit = form.subject, form.unit, form.figures_unit
    return above, below


def _label_lines(lines: list[Line]) -> list[Line] | None:
    """The label | value lines printed above a form's indicators, or None where
    a line there is no such pair (a 自评表 of merged section cells prints lines
    whose first cell is empty; a text extraction prints no cells at all)."""
    above = lines[: next((i for i, ln in enumerate(lines) if is_header(ln)), len(lines))]
    pairs = [ln for ln in map(_unwrapped, above) if positional(ln) and ln.filled]
    if not pairs or any(not ln.cells[0].text.strip() or is_number(ln.cells[0].text) for ln in pairs):
        return None
    return pairs


def label_fields(lines: list[Line], form: Table, budget_label: str | None) -> list[Table]:
    """The label | value fields a per-project target form prints above its
    indicators, as its 项目基本信息 table, in printed order: 项目名称 is the
    form's subject; the label the budget was read from stays as printed beside
    the form's other amounts (项目总金额 | 项目本年度金额). A form printing no
    field but its name and that budget (as cnbudget prints one) has none of its
    own. For a form with grids of its own (硚口 表十), see `form_fields`."""
    unit = form.figures_unit or form.unit
    fields = Table(type="other", title=FIELDS_TITLE, subject=form.subject, unit=form.unit,
                   figures_unit=form.figures_unit)
    pairs = _label_lines(lines)
    if pairs is None:  # no grid: fields printed as plain text, if any (form_text_fields)
        above = lines[: next((i for i, ln in enumerate(lines) if is_header(ln)), len(lines))]
        # amounts only: a number of another kind (支出进度 25.00 by month, a telephone)
        # is not told from an amount once written out again, so it stays reported
        fields.rows = [r for r in text_field_rows(above, lambda n, v, ln: _field_row(n, v, ln, unit))
                       if AMOUNT_COLUMN in r.values and not fold(r.name or "").startswith(_NAME_LABEL)]
        if not fields.rows:
            return []
    for line in pairs or ():
        for name, value in _pairs(line):
            if not fold(name).startswith(_NAME_LABEL):
                fields.rows.append(_field_row(name, value, line, unit))
    if all(budget_label is not None and r.name == budget_label.strip() for r in fields.rows):
        return []
    fields.locator = fields.rows[0].locator
    return [fields]


def whole_form_fields(lines: list[Line], form: Table, budget_label: str | None,
                      unit: str | None) -> list[Table]:
    """A 部门整体 form's label | number cells above its indicators (its 预算情况), as
    its 项目基本信息 table in `unit` (the one its budget's label prints, 部门预算总额（万元）,
    else the form's); none where it prints no such pair but the budget it was read
    from (as cnbudget prints one)."""
    above = lines[: next((i for i, ln in enumerate(lines) if is_header(ln)), len(lines))]
    rows = [r for r in paired_cell_rows(above, lambda n, v, ln: _field_row(n, v, ln, unit))
            if AMOUNT_COLUMN in r.values and not fold(r.name or "").startswith(_NAME_LABEL)]
    if all(budget_label is not None and r.name == budget_label.strip() for r in rows):
        return []
    return [Table(type="other", title=FIELDS_TITLE, subject=form.subject, unit=unit,
                  rows=rows, locator=rows[0].locator)]
