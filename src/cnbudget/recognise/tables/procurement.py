"""政府采购预算表: one row per printed line.

Two ways to find a line's fields. Where lines carry a 政府采购目录 code
(`A060205`, `C020702`) the code anchors them: before it the project (and
its 预算资金) and the item, after it the measure, then quantity, unit price,
amount and the amounts by source of funds. This works whatever the shape,
including space-split text whose cells wrap over several lines (石家庄
`2000` / `.00`). Without codes (郑州 政府采购预算表) the columns are read
from the header by position.

The 合计 line is `item: "total"`; a unit's 小计 line is `item: "subtotal"`
(not a contract item: the lines above it up to the previous 小计 add up
to it). Other lines have no item; their text fields say what they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cnbudget.ingest.layout import Line
from cnbudget.model import Problem, Row
from cnbudget.model.table_types import TABLE_TYPES
from cnbudget.normalise.amounts import is_empty_mark
from cnbudget.normalise.codes import join_code
from cnbudget.normalise.text import fold
from cnbudget.recognise.blocks import TABLE_PARSERS, ParsedTables, TableBlock
from cnbudget.recognise.tables.cells import (
    amount,
    body_lines,
    filled,
    finish,
    is_catalog_code,
    is_number,
    join_number_pieces,
    locator,
    new_table,
    plain_number,
    problem,
    table_unit,
    tokens,
)
from cnbudget.recognise.tables.other import printed_subject, without_subject_line

# amount-by-source columns printed after the amount, in the template's order
_SOURCES = ("一般公共预算拨款", "基金预算拨款", "国有资本经营预算拨款", "财政专户核拨", "其他来源收入")

# header words → field, for the positional reading
_HEADER_FIELDS: tuple[tuple[str, str], ...] = (
    ("单位名称", "extra:单位名称"),
    ("采购项目", "project"), ("项目名称", "project"),
    ("目录序号", "catalog_code"), ("目录编码", "catalog_code"), ("目录代码", "catalog_code"),
    ("采购目录", "item_name"), ("采购品目", "item_name"), ("物品名称", "item_name"), ("采购品名", "item_name"),
    ("规格", "extra:规格"),
    ("计量单位", "measure"),
    ("数量", "quantity"),
    ("单价", "unit_price"),
    ("金额", "amount"), ("总计", "amount"), ("合计", "amount"),
)
# the 类/款/项 columns of a classification code: whole headers only (一般公共预算拨款 has 款 too)
_CODE_HEADERS = frozenset({"科目", "代码", "科目代码", "科目编码", "功能科目", "类", "款", "项"})
_TEXT_FIELDS = ("project", "item_name", "catalog_code", "measure")
PROCUREMENT = TABLE_TYPES["procurement"]


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
    headers = _header_texts(lines[:start])
    columns = _header_columns(headers)
    coded = any(is_catalog_code(t.text) for ln in lines for t in tokens(ln))
    if columns and (not coded or _codes_under_header(lines[start:], columns)):
        body = [ln for ln in lines[start:] if not _repeats_header(ln, headers)]
        _positional(body, columns, unit, table.rows, problems)
    elif coded:
        header_text = "".join(fold(ln.text) for ln in lines[:start])
        extras = _extra_headers(header_text)
        for pending in _gather(lines[start:], header_text):
            row = _coded_row(pending, extras, unit, problems)
            if row is not None:
                table.rows.append(row)
    else:
        problems += [problem("row.unread", ln, text=ln.text) for ln in lines[start:]
                     if any(not t.empty for t in tokens(ln))]
    return ParsedTables([finish(table)], problems)


def _codes_under_header(lines: list[Line], columns: dict[int, str]) -> bool:
    """Whether the header's columns are the rows' columns: every catalogue code
    sits under the 采购目录 header (not so where merged header cells came apart)."""
    return all(columns.get(t.col) == "catalog_code" for ln in lines for t in tokens(ln)
               if is_catalog_code(t.text))


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


def _header_texts(header: list[Line]) -> dict[int, str]:
    """Column index → the header's folded text in that column; empty where the
    header has no positions."""
    texts: dict[int, str] = {}
    for line in header:
        for tok in tokens(line):
            if tok.col is None:
                return {}
            if tok.text:
                texts[tok.col] = texts.get(tok.col, "") + fold(tok.text)
    return texts


def _repeats_header(line: Line, headers: dict[int, str]) -> bool:
    """A header line printed again where the table runs onto a new page: each
    filled cell is (part of) its own column's header. Such a line is no row,
    and its words would make an amount column look like a text column."""
    toks = filled(tokens(line))
    return bool(toks) and all(t.col in headers and not t.number and fold(t.text) in headers[t.col]
                              for t in toks)


def _header_columns(texts: dict[int, str]) -> dict[int, str]:
    """Column index → field from the header texts of a positional shape: the
    catalogue's own headers first, then the words local templates use; a
    column no field takes is kept as `extra:<header>`. Empty where the header
    has no positions."""
    own = {fold(c.header): c.key for c in PROCUREMENT.columns}
    columns: dict[int, str] = {col: own[text] for col, text in texts.items() if text in own}
    for col, text in sorted(texts.items()):
        if col in columns:
            continue
        is_code = text in _CODE_HEADERS or text.endswith(("科目代码", "科目编码"))
        fieldname = "code" if is_code else next((f for word, f in _HEADER_FIELDS if word in text), None)
        if fieldname is None or (fieldname != "code" and fieldname in columns.values()):
            fieldname = f"extra:{text}"
        columns[col] = fieldname
    return columns if "amount" in columns.values() else {}


def _positional(lines: list[Line], columns: dict[int, str], unit: str | None, rows: list[Row],
                problems: list[Problem]) -> None:
    code_cols = sorted(c for c, f in columns.items() if f == "code")
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
            if fieldname is not None and fieldname != "code":
                by_field.setdefault(fieldname, []).append(tok.text)
        label = "".join(t.text for t in toks if not t.empty and not t.number)
        code = join_code(*[t.text for t in toks if t.col in code_cols and t.text]) if code_cols else None
        if code:
            row.texts["extra:科目代码"] = code
        for fieldname, texts in by_field.items():
            text = "".join(texts).strip()
            if fieldname in _TEXT_FIELDS or (fieldname.startswith("extra:") and fieldname in text_cols):
                if text:
                    row.texts[fieldname] = text
            elif fieldname == "quantity":
                if text:
                    _quantity(row, text, problems, line)
                else:
                    row.values["quantity"] = None
            else:
                _money_field(row, fieldname, text, unit, problems, line)
        key = fold(label)
        if key.startswith(("合计", "总计")):
            row.item = "total"
        elif "小计" in key:
            row.item = "subtotal"
        if "catalog_code" in row.texts and not is_catalog_code(row.texts["catalog_code"]):
            row.texts.setdefault("item_name", row.texts.pop("catalog_code"))
        row.name = row.texts.get("item_name") or row.texts.get("project") or label or None
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
