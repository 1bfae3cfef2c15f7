"""政府采购预算表: one row per printed line.

Three ways to find a line's fields. Where cells keep their columns, by the
header over them (`procurement_columns`: 科目代码 → `code`, 采购项目 →
`project`, 采购品目 → `catalog_name`, 品目编码 → `catalog_code`, 品名 / 规格 →
`item_name`, 计量单位 → `measure`, 数量, 单价, 金额, the rest `extra:<header>`),
in any order; a tree of lines (江苏: 品目大类 → 专项 → 物品) keeps each line
with the fields it prints. Where positions are lost and lines carry a
政府采购目录 code (`A060205`, `C020702`) the code anchors them: before it the
project (and its 预算资金) and the item, after it the measure, then
quantity, unit price, amount and the amounts by source of funds, whatever
the shape, including text whose cells wrap over several lines (石家庄 `2000`
/ `.00`). Otherwise a line's text is its name and its figures fill the
header's value columns in order.

The 合计 line is `item: "total"`; a unit's 小计 line is `item: "subtotal"`
(not a contract item: the lines above it up to the previous 小计 add up
to it). Other lines have no item; their text fields say what they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cnbudget.ingest.layout import Line
from cnbudget.model import Problem, Row
from cnbudget.normalise.amounts import is_empty_mark, is_number
from cnbudget.normalise.codes import join_code
from cnbudget.normalise.text import fold
from cnbudget.recognise.blocks import TABLE_PARSERS, ParsedTables, TableBlock
from cnbudget.recognise.tables.cells import (
    amount,
    body_lines,
    filled,
    finish,
    is_catalog_code,
    join_number_pieces,
    locator,
    new_table,
    plain_number,
    problem,
    table_unit,
    tokens,
)
from cnbudget.recognise.tables.other import printed_subject, without_subject_line
from cnbudget.recognise.tables.procurement_columns import (
    CODE,
    TEXT_FIELDS,
    codes_under_header,
    field_of,
    header_columns,
    header_texts,
    realign,
)
from cnbudget.recognise.tables.summary_entries import cut_by_page, join_lines

# amount-by-source columns printed after the amount, in the template's order
_SOURCES = ("一般公共预算拨款", "基金预算拨款", "国有资本经营预算拨款", "财政专户核拨", "其他来源收入")



@dataclass(slots=True)
class _Pending:
    """The tokens of one printed line, gathered over the text lines it wraps onto."""

    first: Line
    toks: list[str] = field(default_factory=list)
    last_was_lone_number: bool = False

    def add(self, line: Line) -> None:
        pieces = [t.text for t in filled(tokens(line))]
        if len(pieces) == 1 and self.last_was_lone_number and self.toks:
            joined = join_number_pieces([self.toks[-1], pieces[0]])
            if len(joined) == 1:
                self.toks[-1] = joined[0]
                return
        self.last_was_lone_number = len(pieces) == 1 and bool(re.fullmatch(r"[\d,.]+", pieces[0]))
        if self.toks and pieces and not is_number(pieces[0]) and not is_number(self.toks[-1]) \
                and not is_catalog_code(pieces[0]) and not is_catalog_code(self.toks[-1]):
            self.toks[-1] += pieces[0]  # a wrapped name: 金属骨架为主的 / 椅凳类
            pieces = pieces[1:]
        self.toks.extend(pieces)

    def complete(self) -> bool:
        code = next((i for i, t in enumerate(self.toks) if is_catalog_code(t)), None)
        if code is None:
            # 合计/小计 lines need one amount; a project printed with its 预算资金
            # before its item wraps (办公设备购置 11.60 / 金属骨架为主的 …) is not done
            label = fold("".join(t for t in self.toks if not is_number(t)))
            needed = 1 if ("合计" in label or "小计" in label or "总计" in label) else 2
            return sum(is_number(t) for t in self.toks) >= needed
        return sum(is_number(t) for t in self.toks[code + 1:]) >= 3


def parse_procurement(block: TableBlock) -> ParsedTables:
    unit = table_unit(block)
    table = new_table(block, unit)
    table.subject = printed_subject(block)  # a project's own 项目采购 grid
    problems: list[Problem] = []
    lines = without_subject_line(body_lines(block))
    start = _first_row(lines)
    paths = header_texts(lines[:start])
    texts = {col: "".join(path) for col, path in paths.items()}
    body = [ln for ln in lines[start:] if not _repeats_header(ln, texts)]
    columns = header_columns(paths, body)
    coded = any(is_catalog_code(t.text) for ln in lines for t in tokens(ln))
    if columns and (not coded or codes_under_header(body, columns)):
        _positional(_join_page_cuts(realign(body, columns)), columns, unit, table.rows, problems)
    elif coded:
        header_text = "".join(fold(ln.text) for ln in lines[:start])
        extras = _extra_headers(header_text)
        for pending in _gather(lines[start:], header_text):
            row = _coded_row(pending, extras, unit, problems)
            if row is not None:
                table.rows.append(row)
    else:
        _by_sequence(lines[:start], lines[start:], unit, table.rows, problems)
    return ParsedTables([finish(table)], problems)


def _first_row(lines: list[Line]) -> int:
    """The first body line: one with a code or amounts (not the 栏次 1 2 3 …
    line), or the lone 合计 label just above it (its amounts on the next line)."""
    for i, line in enumerate(lines):
        texts = [t.text for t in filled(tokens(line))]
        if not texts:
            continue
        numbers = [t for t in texts if is_number(t)]
        is_total = fold("".join(t for t in texts if not is_number(t))).startswith(("合计", "总计"))
        if any(is_catalog_code(t) for t in texts) or (is_total and numbers) or (
                len(numbers) >= 2 and not all(re.fullmatch(r"\d{1,2}", t) for t in numbers)):
            if i > 0 and numbers and len(texts) == len(numbers):
                above = [t.text for t in filled(tokens(lines[i - 1]))]
                if len(above) == 1 and fold(above[0]).startswith(("合计", "总计")):
                    return i - 1
            return i
    return len(lines)


def _is_header_repeat(line: Line, header_words: str) -> bool:
    texts = [fold(t.text) for t in filled(tokens(line))]
    joined = "".join(texts)
    return (bool(texts) and not any(is_number(t) for t in texts) and all(t in header_words for t in texts)
            and len(joined) >= 2 and joined not in ("合计", "小计", "总计"))


def _gather(lines: list[Line], header_text: str) -> list[_Pending]:
    """Printed lines, each gathered from the text lines it wraps over: a line
    starts with a name where the line before is complete."""
    out: list[_Pending] = []
    for line in lines:
        toks = filled(tokens(line))
        if not toks or (len(header_text) > 20 and _is_header_repeat(line, header_text)):
            continue  # a header repeated on a new page
        starts_with_name = not toks[0].number and not is_catalog_code(toks[0].text)
        if not out or (starts_with_name and out[-1].complete()):
            out.append(_Pending(line))
        out[-1].add(line)
    return out


def _extra_headers(header_text: str) -> list[str]:
    """Headers of the amounts printed after the line's amount."""
    names = [name for name in _SOURCES if name[:4] in header_text]
    if "总计" in header_text and "合计" in header_text:
        names.insert(0, "合计")  # 总计 = 当年部门预算安排资金(合计 …) + 其他渠道资金
    return names


def _coded_row(pending: _Pending, extras: list[str], unit: str | None,
               problems: list[Problem]) -> Row | None:
    toks = pending.toks
    line = pending.first
    row = Row(locator=locator(line))
    code_at = next((i for i, t in enumerate(toks) if is_catalog_code(t)), None)
    if code_at is None:
        names = [t for t in toks if not is_number(t)]
        numbers = [t for t in toks if is_number(t)]
        label = "".join(names)
        key = fold(label)
        row.name = label
        if "小计" in key or key.endswith("小计"):
            row.item = "subtotal"
        elif key.startswith(("合计", "总计")) or key == "合计":
            row.item = "total"
        _amounts(row, numbers, ["amount", *[f"extra:{e}" for e in extras]], unit, problems, line)
        return row if (names or numbers) else None
    before, after = toks[:code_at], toks[code_at + 1:]
    row.texts["catalog_code"] = toks[code_at]
    first_num = next((i for i, t in enumerate(before) if is_number(t)), None)
    if first_num is None:
        if before:
            row.texts["project"] = before[0]
        if len(before) > 1:
            row.texts["item_name"] = "".join(before[1:])
    else:
        row.texts["project"] = "".join(before[:first_num])
        _amounts(row, [before[first_num]], ["extra:预算资金"], unit, problems, line)
        if before[first_num + 1:]:
            row.texts["item_name"] = "".join(before[first_num + 1:])
    measure_end = next((i for i, t in enumerate(after) if is_number(t)), len(after))
    if measure_end:
        row.texts["measure"] = "".join(after[:measure_end])
    numbers = after[measure_end:]
    if numbers:
        _quantity(row, numbers[0], problems, line)
    _amounts(row, numbers[1:], ["unit_price", "amount", *[f"extra:{e}" for e in extras]], unit,
             problems, line)
    row.name = row.texts.get("item_name") or row.texts.get("project")
    return row


def _quantity(row: Row, text: str, problems: list[Problem], line: Line) -> None:
    try:
        row.values["quantity"] = plain_number(text)
    except ValueError:
        problems.append(problem("cell.not-a-number", line, text=text))


def _amounts(row: Row, texts: list[str], keys: list[str], unit: str | None,
             problems: list[Problem], line: Line) -> None:
    for key, text in zip(keys, texts, strict=False):
        try:
            row.values[key] = amount(text, unit)
        except ValueError:
            problems.append(problem("cell.not-an-amount", line, text=text))
    if len(texts) > len(keys):
        problems.append(problem("row.too-many-amounts", line, text=" | ".join(texts)))


def _repeats_header(line: Line, headers: dict[int, str]) -> bool:
    """A header line printed again where the table runs onto a new page: each
    filled cell is (part of) its own column's header. Such a line is no row,
    and its words would make an amount column look like a text column."""
    toks = filled(tokens(line))
    return bool(toks) and all(t.col in headers and not t.number and fold(t.text) in headers[t.col]
                              for t in toks)


def _positional(lines: list[Line], columns: dict[int, str], unit: str | None, rows: list[Row],
                problems: list[Problem]) -> None:
    code_cols = sorted(c for c, f in columns.items() if f == CODE)
    text_cols = {columns[t.col] for ln in lines for t in tokens(ln)
                 if t.col in columns and t.text and not t.number}
    for line in lines:
        toks = tokens(line)
        if not any(not t.empty for t in toks):
            continue
        row = Row(locator=locator(line))
        by_field: dict[str, list[str]] = {}
        for tok in toks:
            fieldname = columns.get(tok.col) if tok.col is not None else None
            if fieldname is None:  # a figure in no column: left to the reading's figure accounting
                if tok.text and not tok.number:
                    by_field.setdefault("label", []).append(tok.text)
            elif fieldname != CODE:
                by_field.setdefault(fieldname, []).append(tok.text)
        label = "".join(t.text for t in toks if not t.empty and not t.number)
        _code(row, [t.text for t in toks if t.col in code_cols and t.text])
        for fieldname, texts in by_field.items():
            text = "".join(texts).strip()
            if fieldname == "label":
                continue
            if fieldname in TEXT_FIELDS or (fieldname.startswith("extra:") and fieldname in text_cols):
                if text:
                    row.texts[fieldname] = text
            elif fieldname == "quantity":
                if text:
                    _quantity(row, text, problems, line)
                else:
                    row.values["quantity"] = None
            else:
                _money_field(row, fieldname, text, unit, problems, line)
        _mark_totals(row, label)
        if row.item is not None:  # 合计 printed in a text column is the line's name, not a field
            row.texts = {k: v for k, v in row.texts.items() if fold(v) != fold(label)}
        if "catalog_code" in row.texts and not is_catalog_code(row.texts["catalog_code"]):
            row.texts.setdefault("catalog_name", row.texts.pop("catalog_code"))
        row.name = (row.texts.get("item_name") or row.texts.get("catalog_name") or row.texts.get("project")
                    or label or None)
        rows.append(row)


def _join_page_cuts(lines: list[Line]) -> list[Line]:
    """A line a page break cut: its text's end, alone on the new page (江苏 信息网络及软件购 /
    置更新), joined to the line above."""
    out: list[Line] = []
    for line in lines:
        if out and cut_by_page(out[-1], line, lambda _text: False):
            out[-1] = join_lines(out[-1], line)
        else:
            out.append(line)
    return out


def _code(row: Row, pieces: list[str]) -> None:
    """The 科目代码 printed in one column or split over 类/款/项: the row's `code`;
    text there that is no code (合计) is kept as printed."""
    if not pieces:
        return
    code = join_code(*pieces)
    if code is not None:
        row.code = code
    elif not any(ch.isdigit() for ch in "".join(pieces)):
        return  # the 合计 label printed under 科目: the row's name
    else:
        row.texts["extra:科目代码"] = "".join(pieces)


def _mark_totals(row: Row, label: str) -> None:
    key = fold(label)
    if key.startswith(("合计", "总计")):
        row.item = "total"
    elif "小计" in key:
        row.item = "subtotal"


def _by_sequence(header: list[Line], body: list[Line], unit: str | None, rows: list[Row],
                 problems: list[Problem]) -> None:
    """Space-split text without catalogue codes: a line's text is its name and
    its figures fill the header's value columns in order (the amount, where the
    header names only that); figures beyond them are left to the
    reading's figure accounting."""
    words = [fold(t.text) for ln in header for t in filled(tokens(ln)) if not t.number]
    fields = [f for f in (field_of(w) for w in words) if f is not None]
    values = [f for f in fields if f in ("quantity", "unit_price", "amount") or f == "extra:预算资金"] \
        or ["amount"]
    for line in body:
        toks = filled(tokens(line))
        if not toks or _is_header_repeat(line, "".join(words)):
            continue
        row = Row(locator=locator(line))
        label = "".join(t.text for t in toks if not t.number)
        numbers = [t.text for t in toks if t.number]
        keys = values if len(numbers) >= len(values) else (["amount"] if len(numbers) == 1 and
                                                            "amount" in values else values)
        for key, text in zip(keys, numbers, strict=False):
            if key == "quantity":
                _quantity(row, text, problems, line)
            else:
                _money_field(row, key, text, unit, problems, line)
        _mark_totals(row, label)
        row.name = label or None
        rows.append(row)


def _money_field(row: Row, fieldname: str, text: str, unit: str | None,
                 problems: list[Problem], line: Line) -> None:
    if not text or is_empty_mark(text):
        row.values[fieldname] = None
        return
    try:
        row.values[fieldname] = amount(text, unit)
    except ValueError:
        problems.append(problem("cell.not-an-amount", line, text=text))


TABLE_PARSERS.add("procurement", parse_procurement)
