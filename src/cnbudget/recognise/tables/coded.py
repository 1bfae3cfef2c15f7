"""Parser for the classification-coded tables: rows keyed by functional or economic code.

Registered in `TABLE_PARSERS` for income, expenditure, general_public,
general_public_basic, gov_fund, state_capital, fiscal_expenditure,
fiscal_basic and operating_cost. Steps (each in its own module):
header → column keys (`coded_header`), lines → row drafts (`coded_rows`),
amounts → columns where extraction lost their places (`coded_shift`);
the three-panel 基本支出决算明细表 goes to `three_panel`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from cnbudget.ingest.layout import Delimiter, Line
from cnbudget.model import Locator, Problem, Row, Table
from cnbudget.model.problems import problem_of
from cnbudget.model.table_types import TABLE_TYPES
from cnbudget.normalise.amounts import UNIT_FACTORS, decimals_printed, is_number_piece, to_yuan
from cnbudget.normalise.classification import name_of
from cnbudget.normalise.codes import code_family, parent_code
from cnbudget.normalise.text import fold, squash
from cnbudget.recognise.blocks import TABLE_PARSERS, ParsedTables, TableBlock
from cnbudget.recognise.lines import (
    has_cjk,
    is_code_piece,
    is_coded_furniture,
    is_column_numbers,
    is_remark,
    located,
    positional,
    spans_over,
)
from cnbudget.recognise.metadata.names import ends_like_a_body
from cnbudget.recognise.tables import economic_across, income_items, three_panel
from cnbudget.recognise.tables.coded_codes import complete_code, complete_relative_codes
from cnbudget.recognise.tables.coded_header import (
    EXTRA,
    ColumnSpec,
    label_text,
    positional_columns,
    relations,
    scan_labels,
    sequence_columns,
)
from cnbudget.recognise.tables.coded_rows import (
    UNIT_CODE_LENGTH,
    RowDraft,
    amount_of,
    continues_number,
    draft_positional,
    draft_tokens,
    index_columns,
    is_header_line,
    is_total_name,
    joined_positional,
    label_width,
    typical_decimals,
)
from cnbudget.recognise.tables.coded_shift import Amount, RowCells, solve
from cnbudget.recognise.tables.other import is_count_header

CODED_TYPES = (
    "income", "expenditure", "general_public", "general_public_basic", "gov_fund",
    "state_capital", "fiscal_expenditure", "fiscal_basic", "operating_cost",
)
GOV_CODE = "gov_economic_code"  # 政府预算经济分类 code printed beside the 部门 code (text field)
GOV_NAME = "gov_economic_name"


@dataclass(slots=True)
class _Sections:
    header: list[Line]
    body: list[Line]
    notes: list[str]


def _is_data_line(line: Line) -> bool:
    texts = [t.strip() for t in line.texts if t.strip()]
    if not texts or is_column_numbers(line.texts) or is_header_line(line):
        return False
    if any(is_total_name(t) for t in texts):
        return True
    if any(is_number_piece(t) and not is_code_piece(t) for t in texts):
        return True
    return any(is_code_piece(t) for t in texts) and any(has_cjk(t) for t in texts)


def _starts_body(line: Line, title: str) -> bool:
    """The first row under the header: a line with amounts, codes or a total —
    or, in a grid (rows exact), any named line that is not a label line, since
    a first item printed without a value (一.财政拨款（补助）) is still a row."""
    if is_coded_furniture(line, title):
        return False
    if _is_data_line(line):
        return True
    return (line.delimiter is Delimiter.GRID and not is_header_line(line) and not is_column_numbers(line.texts)
            and any(has_cjk(t) for t in line.texts))


def _sections(block: TableBlock) -> _Sections:
    lines = [ln for ln in block.lines if ln.text.strip()]
    head = next((i for i, ln in enumerate(lines) if is_header_line(ln)), None)
    if head is not None:
        body = next((i for i in range(head, len(lines)) if _starts_body(lines[i], block.title)), len(lines))
    else:  # no header printed: rows start after the title's unit and caption lines
        body = next((i for i, ln in enumerate(lines)
                     if not is_coded_furniture(ln, block.title) and not is_remark(ln.text)), len(lines))
    start = head if head is not None else body
    # a header line may carry the unit in its last cell (… 基本支出 | 单位：万元): a header all the same
    header = [ln for ln in lines[start:body] if not is_column_numbers(ln.texts)
              and (ln is lines[head] or not is_coded_furniture(ln, block.title))
              and not is_remark(ln.text)] if head is not None else []
    notes = [ln.text.strip() for ln in lines[:body] if is_remark(ln.text)]
    rest: list[Line] = []
    for ln in lines[body:]:
        if is_remark(ln.text) and not _is_data_line(ln):
            notes.append(ln.text.strip())
        elif not (is_column_numbers(ln.texts) or is_header_line(ln) or is_coded_furniture(ln, block.title)):
            rest.append(ln)
    return _Sections(header, rest, notes)


def _header_cells(line: Line) -> list[tuple[int, int, str]]:
    if line.delimiter is Delimiter.GRID or any(c.col is not None for c in line.cells):
        return [(c.col if c.col is not None else i, max(c.colspan, 1) if line.delimiter is Delimiter.GRID else 0, c.text)
                for i, c in enumerate(line.cells) if c.text.strip()]
    return [(i, 0, c.text) for i, c in enumerate(line.cells) if c.text.strip()]


def _columns(block: TableBlock, sections: _Sections, width: int | None, body_count: int) -> list[ColumnSpec]:
    texts = [" ".join(t for t in ln.texts if t.strip()) for ln in sections.header]
    cols: list[ColumnSpec] | None = None
    if width is not None and sections.header and all(positional(ln) for ln in sections.header):
        cells = [_header_cells(ln) for ln in sections.header]
        last = max((c[0] + max(c[1], 1) for line in cells for c in line), default=0)
        count = max(last - width, body_count)
        cols = positional_columns(cells, width, count, block.type)
    if cols is None:
        cols = sequence_columns(texts, block.type) if sections.header \
            else _default_columns(block.type)[:max(body_count, 1)]
    if len(cols) < body_count:
        cols = cols + [ColumnSpec(f"{EXTRA}列{i + 1}", f"列{i + 1}") for i in range(len(cols), body_count)]
    return cols


def _default_columns(table_type: str) -> list[ColumnSpec]:
    return [ColumnSpec(k, k) for k in TABLE_TYPES[table_type].value_keys]


def _amount(text: str, unit: str | None, line: Line, problems: list[Problem]) -> Amount:
    value, problem = amount_of(text)
    if problem:
        problems.append(problem_of("cell.not-an-amount", _loc(line), text=text))
        return Amount(None, Decimal(0))
    if value is None:
        return Amount(None, Decimal(0))
    factor = UNIT_FACTORS.get(unit or "元", Decimal(1))
    ulp = Decimal(1).scaleb(-decimals_printed(text)) * factor
    return Amount(to_yuan(value, unit), ulp)


@dataclass(slots=True)
class _RowId:
    code: str | None = None
    unit_code: str | None = None
    item: str | None = None
    name: str | None = None


# a header naming its code column a body's code (单位编码) and no classification (科目, 分类):
# a code beside a body's name is a unit's, whatever its length (a department's own 301 is no
# 经济分类 301); classification rows under a unit (seed 002's 2010350 事业运行) keep theirs
_UNIT_CODE_HEADERS = ("单位编码", "单位代码", "部门编码", "部门代码")
_CLASSIFICATION_HEADERS = ("科目", "分类")


def coded_by_unit(header: list[Line]) -> bool:
    text = "".join(squash(t) for ln in header for t in ln.texts)
    return any(w in text for w in _UNIT_CODE_HEADERS) and not any(w in text for w in _CLASSIFICATION_HEADERS)


def _identify(draft: RowDraft, first: bool, problems: list[Problem], where: Locator,
              by_unit: bool = False) -> _RowId:
    digits = draft.code_text
    name = draft.name
    if digits:
        if len(digits) == UNIT_CODE_LENGTH or (by_unit and name is not None and ends_like_a_body(name)):
            return _RowId(unit_code=digits, name=name)
        code = complete_code(draft.codes, name)
        if code is None:
            problems.append(problem_of("code.invalid", where, code=digits, name=name))
            return _RowId(item=name, name=name)
        return _RowId(code=code, name=name)
    if name is None or is_total_name(name):
        return _RowId(item="total" if (name or first) else None, name=name)
    return _RowId(item=name, name=name)


def _hierarchy(ids: list[_RowId]) -> list[tuple[int, list[int]]]:
    """(parent row, child rows): nearest printed ancestor by code; top rows under 合计."""
    seen: dict[str, list[int]] = {}
    for i, rid in enumerate(ids):
        if rid.code:
            seen.setdefault(rid.code, []).append(i)
    unique = {code: rows[0] for code, rows in seen.items() if len(rows) == 1}
    totals = [i for i, rid in enumerate(ids) if rid.item == "total"]
    children: dict[int, list[int]] = {}
    for i, rid in enumerate(ids):
        if not rid.code:
            continue
        parent = parent_code(rid.code)
        while parent is not None and parent not in seen:
            parent = parent_code(parent)
        if parent is None:
            if len(totals) == 1:
                children.setdefault(totals[0], []).append(i)
        elif parent in unique:
            children.setdefault(unique[parent], []).append(i)
    groups = sorted(children.items())
    # sub-unit lines break the line just above their run (合计, or a 项) down by unit
    for i, rid in enumerate(ids):
        if rid.unit_code and i > 0 and not ids[i - 1].unit_code:
            run = [i]
            while run[-1] + 1 < len(ids) and ids[run[-1] + 1].unit_code:
                run.append(run[-1] + 1)
            groups.append((i - 1, run))
    return groups


def _header_labels(lines: list[Line], start: int) -> tuple[set[str], int]:
    """The labels of the header lines from `start` on, and where they end."""
    end = start
    while end < len(lines) and (is_header_line(lines[end]) or is_column_numbers(lines[end].texts)):
        end += 1
    text = "".join(" ".join(ln.texts) for ln in lines[start:end] if not is_column_numbers(ln.texts))
    return set(scan_labels(text)), end


def _code_family(lines: list[Line], numbered: bool) -> str | None:
    """The classification most rows are coded in, by the code each row opens with
    (after its 序号 where the header numbers the rows): 2… 功能分类, 3… and 5…
    经济分类 (部门, 政府); None where no row opens with one (sub-unit codes make none)."""
    families: Counter[str] = Counter()
    for line in lines:
        pieces: list[str] = []
        for text in (t.strip() for t in line.texts):
            if text and not is_code_piece(text):
                break
            if text:
                pieces.append(text)
        pieces = pieces[1:] if numbered else pieces
        code = complete_code(pieces, None) if pieces else None
        family = code_family(code) if code is not None else None
        if family is not None:
            families[family] += 1
    return families.most_common(1)[0][0] if families else None


def _until_header(lines: list[Line], start: int) -> list[Line]:
    end = next((i for i in range(start, len(lines)) if is_header_line(lines[i])), len(lines))
    return lines[start:end]


def split_tables(block: TableBlock) -> list[TableBlock]:
    """A block holding two tables under one printed title (seed 003 附件5-1 and 5-2
    are both 一般公共预算支出情况表): a header inside the body with labels the
    first header lacks, or over rows coded in another classification (经济分类
    30101 after 功能分类 2010301), starts a new table; a header repeated after a
    page break (its labels a part of the first, the same codes below) does not."""
    lines = block.lines
    head = next((i for i, ln in enumerate(lines) if is_header_line(ln)), None)
    if head is None:
        return [block]
    body = next((i for i in range(head, len(lines)) if _is_data_line(lines[i])), len(lines))
    text = "".join(" ".join(ln.texts) for ln in lines[head:body] if not is_column_numbers(ln.texts))
    first, i = fold(label_text(text)), body
    numbered = "序号" in first
    while i < len(lines):
        if is_header_line(lines[i]):
            labels, end = _header_labels(lines, i)
            before = _code_family(lines[body:i], numbered)
            after = _code_family(_until_header(lines, end), numbered)
            if any(fold(label) not in first for label in labels) or (
                before is not None and after is not None and before != after
            ):
                rest = TableBlock(type=block.type, title=block.title, lines=lines[i:], unit=block.unit,
                                  locator=_loc(lines[i]), context=block.context,
                                  document_unit=block.document_unit)
                here = TableBlock(type=block.type, title=block.title, lines=lines[:i], unit=block.unit,
                                  locator=block.locator, context=block.context,
                                  document_unit=block.document_unit)
                return [here, *split_tables(rest)]
            i = end
        else:
            i += 1
    return [block]


def parse_coded(block: TableBlock) -> ParsedTables:
    """Every table of the block (usually one) with the problems met reading it."""
    if block.type == "income" and income_items.is_item_list(block):
        return income_items.parse_income_items(block)  # printed as a list of income items
    if economic_across.is_items_across(block):
        return economic_across.parse_economic_across(block)  # items across the top (机关运行经费)
    parts = split_tables(block)
    if len(parts) == 1:
        return _parse_one(block)
    tables, problems = [], []
    for part in parts:
        parsed = _parse_one(part)
        tables += parsed.tables
        problems += parsed.problems
    return ParsedTables(tables, problems)


def _parse_one(block: TableBlock) -> ParsedTables:
    if three_panel.is_three_panel(block):
        return three_panel.parse(block)
    unit = block.unit or block.document_unit
    sections = _sections(block)
    problems: list[Problem] = []
    positional_body = [ln for ln in sections.body if positional(ln)]
    width = label_width(positional_body, sections.header) if positional_body else None
    decimals = typical_decimals(sections.body)
    numbered = any("序号" in "".join(ln.texts) for ln in sections.header)
    index = index_columns([_header_cells(ln) for ln in sections.header], positional_body, width) \
        if width is not None else frozenset()
    drafts: list[RowDraft] = []
    for line in sections.body:
        if positional(line) and width is not None:
            draft = draft_positional(line, width, index)
        else:
            draft = draft_tokens(line, numbered, decimals)
        if drafts and (_continues_name(draft, line, drafts[-1]) or _continues_cells(drafts[-1], draft, decimals)):
            # a name wrapped onto the next line, a row wrapped mid-number (`36,30` / `5.52`)
            drafts[-1] = _joined(drafts[-1], draft, index)
            continue
        drafts.append(draft)
    note = "\n".join(sections.notes) or None
    title_at = block.locator
    cell_problems: list[Problem] = []
    rows_cells = [
        RowCells([_amount(t, unit, d.line, cell_problems) for t in d.cells], movable=not d.positional)
        for d in drafts
    ]
    if not any(c.value is not None for rc in rows_cells for c in rc.cells):
        return ParsedTables([Table(type=block.type, title=block.title, unit=unit, locator=title_at,
                                   empty=True, note=note)], problems)
    body_count = max((_last_filled(d.cells) for d in drafts), default=0)
    columns = _columns(block, sections, width, body_count)
    keys = [c.key for c in columns]
    by_unit = coded_by_unit(sections.header)
    complete_relative_codes(drafts)
    ids = [
        _identify(d, i == 0, problems, _loc(d.line), by_unit) for i, d in enumerate(drafts)
    ]
    anchors = sorted(range(len(ids)), key=lambda i: (ids[i].item != "total", len(ids[i].code or "9" * 9)))
    solved = solve(rows_cells, len(keys), relations(columns, block.type), keys, _hierarchy(ids), anchors)
    counts = {c.key for c in columns if c.key.startswith(EXTRA) and is_count_header(c.label)}
    rows: list[Row] = []
    for i, (draft, rid) in enumerate(zip(drafts, ids, strict=True)):
        texts: dict[str, str] = {}
        if draft.gov_codes:
            texts[GOV_CODE] = "".join(draft.gov_codes)
        if draft.gov_name:
            texts[GOV_NAME] = draft.gov_name
        values = _counts_as_printed(dict(zip(keys, solved.values[i], strict=True)), counts, unit)
        rows.append(Row(values=values, code=rid.code, item=rid.item, name=rid.name,
                        unit_code=rid.unit_code, texts=texts, locator=_loc(draft.line)))
        label = rid.code or rid.unit_code or rid.item or rid.name
        if solved.moved[i] and draft.positional:
            problems.append(problem_of("row.amounts-placed", _loc(draft.line), row=label,
                                       values=_describe(values)))
        elif solved.ambiguous[i]:
            problems.append(problem_of("row.amounts-ambiguous", _loc(draft.line), row=label,
                                       values=_describe(values)))
    problems += cell_problems
    # a table printing nothing but zeros (合计 0) is a 空表 too; its printed rows are kept
    empty = all(not v for row in rows for v in row.values.values())
    table = Table(type=block.type, title=block.title, rows=rows, unit=unit, locator=title_at,
                  note=note, empty=empty)
    return ParsedTables([table], problems)


_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+\s*[、.．])")


def _counts_as_printed(values: dict[str, Decimal | None], counts: set[str],
                       unit: str | None) -> dict[str, Decimal | None]:
    """A column of counts (人数, 车辆数) beside the amounts, as printed: not in 元."""
    factor = UNIT_FACTORS.get(unit or "元", Decimal(1))
    for key in counts & values.keys():
        value = values[key]
        if value is not None:
            values[key] = (value / factor).normalize()
    return values


def _continues_name(draft: RowDraft, line: Line, above: RowDraft) -> bool:
    """A lone name fragment on its own line, with no cells after it: the end of
    the name above, wrapped (a numbered or empty-valued line is a row of its own).
    Grid rows are exact (a name wraps inside its cell), so in a grid a row continues
    only where it is cut by a page break (the first line of a new page), where the
    figures above are merged down over it, or where the catalogue's name of the code
    above is the two halves together (其他政府办公厅（室）及相关机构事务 / 支出)."""
    if draft.codes or not draft.name or is_total_name(draft.name) or _NUMBERED.match(draft.name):
        return False
    if line.delimiter is Delimiter.GRID:
        if any(c.strip() for c in draft.cells):
            return False
        if line.page is not None and line.page != above.line.page:
            # label cells only: the name and, beside it, the second classification's name (Word
            # breaks a row over pages: 其他社会保障 | 社会保障缴费 / 缴费 | _行政)
            return not draft.gov_codes
        return len(line.filled) == 1 and (spans_over(above.line, line)
                                          or _completes_catalogue_name(above, draft.name))
    return not draft.cells and len(line.filled) == 1


def _completes_catalogue_name(above: RowDraft, tail: str) -> bool:
    if not above.name or len(above.code_text) not in (3, 5, 7):
        return False
    official = name_of(above.code_text)
    return official is not None and fold(official) == fold(above.name + tail) != fold(above.name)


def _continues_cells(above: RowDraft, draft: RowDraft, decimals: int) -> bool:
    """The rest of a row whose numbers were cut at the line end (`36,30` / `5.52`,
    `4984200.0` / `0` where amounts print two decimals): no code, and the row
    above holds a number cut short where this line holds digits."""
    if draft.codes or draft.gov_codes or not (above.positional and draft.positional):
        return False
    if draft.name and (is_total_name(draft.name) or _NUMBERED.match(draft.name)):
        return False  # a row of its own
    return any(continues_number(a.strip(), b.strip(), decimals)
               for a, b in zip(above.cells, draft.cells, strict=False) if a.strip() and b.strip())


def _joined(above: RowDraft, draft: RowDraft, index: frozenset[int]) -> RowDraft:
    """The row above with the rest of it `draft` holds: placed cells joined cell
    by cell, a space-split line's name to the name."""
    if above.positional and draft.positional:
        return joined_positional(above, draft, index)
    above.name = (above.name or "") + (draft.name or "")
    return above


def _last_filled(cells: list[str]) -> int:
    return max((i + 1 for i, t in enumerate(cells) if t.strip()), default=0)


def _describe(values: dict[str, Decimal | None]) -> str:
    return ", ".join(f"{k}={v}" for k, v in values.items() if v is not None)


def _loc(line: Line) -> Locator:
    return located(line)


for _type in CODED_TYPES:
    TABLE_PARSERS.add(_type, parse_coded)
