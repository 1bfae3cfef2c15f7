"""Tables that fit no type of the contract: kept as printed.

Local templates print 9 to 14 tables; those the contract has no type for
(部门机构设置情况, 项目支出明细测算 …) keep their printed title and every row:
the row's `name` is its cell under a naming column (a header with 名称, 项目
or 单位: 单位名称, 资金来源项目), else its first text cell; the other cells go
under `extra:<printed header>` — numbers in `values` (amounts in yuan, counts
as printed), text in the row's text fields (a column of codes, 科目编码, among
them). Numbers are converted to yuan only where the table prints its unit.

A table about one project (项目支出明细测算 of a 项目申报表, printed on its own
under a `项目名称：…` line) has that project as its `subject` and one header
line. A column of text that prints a number here and there (联系电话 under 内容)
keeps its numbers as text.
"""

from __future__ import annotations

import re

from cnbudget.ingest.layout import Line
from cnbudget.model import Problem, Row
from cnbudget.normalise.amounts import is_number, parse_amount
from cnbudget.normalise.text import fold, nfkc
from cnbudget.recognise.blocks import TABLE_PARSERS, ParsedTables, TableBlock
from cnbudget.recognise.lines import positional
from cnbudget.recognise.tables.cells import (
    GridRow,
    amount,
    body_lines,
    finish,
    locator,
    new_table,
    problem,
    read_grid,
)

# headers of columns that count things or give rates: never converted to yuan
_NOT_MONEY = ("人数", "数量", "人", "率", "%", "个数", "编制", "辆", "面积", "序号", "行次", "年度", "比例",
              "批次", "次数", "(个)", "（个）")
# headers of counts and rates printed beside the amounts of a table of money (人数, 批次 |
# 人次 beside 公务接待费): narrower than `_NOT_MONEY`, whose 人 would take 对个人和家庭的补助
_COUNTS = ("人数", "人次", "数量", "个数", "辆", "批次", "次数", "(个)", "（个）", "(人)", "（人）", "率", "%",
           "面积", "编制")


# headers of columns of codes (科目编码, 单位代码, 编号): their digits are text, never amounts
_CODE_WORDS = ("编码", "代码", "编号")
# words of a header naming the row, most telling first (单位性质 names no row: 单位 comes last)
_NAMING_WORDS = ("名称", "项目", "单位")
_YEAR_ROW = re.compile(r"^\d{4}年度?$")  # a row naming a year only: 2018 年 (folded)
# 项目名称：互联网+信息化建设项目　　单位：元 — the project a table printed on its own is about
_SUBJECT_LINE = re.compile(r"^\s*项\s*目\s*名\s*称\s*[:：]\s*(?P<name>.+?)\s*(?:(?:金额)?单位\s*[:：].*)?$")


def is_money_header(header: str) -> bool:
    return not any(word in header for word in _NOT_MONEY)


def is_count_header(header: str) -> bool:
    """A column of counts or rates in a table of amounts: its figures are never in 元."""
    return any(word in header for word in _COUNTS)


def numeric_headers(rows: list[GridRow]) -> set[str]:
    """Columns holding a number on some row: an empty cell there is a printed empty value."""
    return {header for r in rows for header, text in r.cells if text.strip() and is_number(text)}


def text_headers(rows: list[GridRow]) -> set[str]:
    """Columns of text that print a number here and there (联系电话 83426338 under
    内容 in a form's 项目基本信息): their numbers are text as printed, not values."""
    counts: dict[str, list[int]] = {}
    for r in rows:
        for header, text in r.cells:
            if text.strip():
                counts.setdefault(header, [0, 0])[is_number(text)] += 1
    return {header for header, (words, numbers) in counts.items() if numbers and words > numbers}


def _named_subject(text: str) -> str | None:
    """The name on a `项目名称：…` line as printed (its full-width brackets kept,
    as the project's own form prints them), read in NFKC where only that matches."""
    m = _SUBJECT_LINE.match(text) or _SUBJECT_LINE.match(nfkc(text))
    return m.group("name") if m else None


def subject_of(line: Line) -> str | None:
    """The project a `项目名称：…` line names (a unit may follow on the line)."""
    return _named_subject(line.text)


def without_subject_line(lines: list[Line]) -> list[Line]:
    """The table's lines without the `项目名称：…` line printed above its grid."""
    return [ln for i, ln in enumerate(lines) if i >= 3 or subject_of(ln) is None]


def printed_subject(block: TableBlock) -> str | None:
    """The project named on a line just above the table's grid (or above its title)."""
    for text in [*block.context[-1:], *(ln.text for ln in block.lines[:3])]:
        name = _named_subject(text)
        if name is not None:
            return name
    return None


def naming_header(headers: list[str], rows: list[GridRow]) -> str | None:
    """The column whose cells name the rows: the first header holding a naming
    word (in the words' order) over a column of text."""
    numeric = numeric_headers(rows)
    for word in _NAMING_WORDS:
        for header in headers:
            if word in header and header not in numeric:
                return header
    return None


def _grid_lines(block: TableBlock) -> list[Line]:
    """The table's lines without furniture, but a row of the grid printing a year
    alone (2018 年 of a form's 前两年 grid, its cells empty) is a row, not a year line."""
    kept = {id(ln) for ln in body_lines(block)}
    return [ln for ln in block.lines if id(ln) in kept or (
        _YEAR_ROW.match(fold(ln.text)) and positional(ln) and (ln.grid is not None or len(ln.cells) > 1))]


def _one_line_header(lines: list[Line]) -> tuple[list[str], list[GridRow]]:
    """Header and rows of a project's own grid (printed under its `项目名称：…`
    line): one header line, whose rows may all be text before the first amount
    (项目基本信息: 项目主管部门 | 武汉市硚口区大数据中心 above 项目总预算 | 11910000.00)."""
    if not lines:
        return [], []
    headers, _ = read_grid(lines[:1])
    return headers, [row for line in lines[1:] for row in read_grid([lines[0], line])[1]]


def parse_other(block: TableBlock) -> ParsedTables:
    # only a unit the table prints makes its numbers amounts: a table of the
    # department's units may print years, counts and row numbers
    unit = block.unit
    table = new_table(block, unit)
    table.subject = printed_subject(block)
    problems: list[Problem] = []
    lines = without_subject_line(_grid_lines(block))
    headers, rows = read_grid(lines) if table.subject is None else _one_line_header(lines)
    texts = text_headers(rows) | {h for h in headers if any(w in h for w in _CODE_WORDS)}
    numeric = numeric_headers(rows) - texts
    naming = naming_header(headers, rows)
    for grid_row in rows:
        row = Row(locator=locator(grid_row.line))
        named = dict(grid_row.cells).get(naming, "").strip() if naming else ""
        if named and not is_number(named):
            row.name = named
        for header, text in grid_row.cells:
            if header == naming and text.strip() == row.name:
                continue
            key = f"extra:{header}"
            if not text.strip():
                if header in numeric:
                    row.values[key] = None
                continue
            if is_number(text) and header not in texts:
                try:
                    row.values[key] = amount(text, unit) if unit and is_money_header(header) \
                        else parse_amount(text)
                except ValueError:
                    problems.append(problem("cell.not-a-number", grid_row.line, text=text))
            elif row.name is None:
                row.name = text
            else:
                row.texts[key] = text
        table.rows.append(row)
    return ParsedTables([finish(table)], problems)


TABLE_PARSERS.add("other", parse_other)
