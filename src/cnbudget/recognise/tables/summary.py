"""收支总表 and 财政拨款收支总表: rows keyed by `side` + `item`.

A summary prints income and expenditure side by side, in two panels or three
(收入 | 经济分类支出 | 功能分类支出, 硚口 表一/表四). Each printed line is cut
into labelled groups (a label and the values printed after it); a group's
side comes from its column under the panel headers where the shape gives
columns, else from what the label says (…收入 / …支出) and its order.

Item keys are the contract's. A printed line the contract has no key for —
a breakdown such as `1、财政拨款` under `一、一般公共预算` (郑州 附件1), or
`上年财政拨款结余（转）` under `上年结余（转）` — is kept with `item: null`,
its printed `name`, and `parent` (a text field) naming the item it details.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from cnbudget.ingest.layout import Cell, Line
from cnbudget.model import Problem, Row
from cnbudget.normalise.classification import (
    economic_code_for_name,
    functional_category_for_prefix,
    functional_code_for_name,
)
from cnbudget.normalise.text import fold
from cnbudget.recognise.blocks import TABLE_PARSERS, ParsedTables, TableBlock
from cnbudget.recognise.tables.cells import (
    Token,
    amount,
    body_lines,
    finish,
    has_ordinal,
    has_sub_ordinal,
    label_key,
    locator,
    new_table,
    positional,
    problem,
    table_unit,
    tokens,
)

INCOME = "income"
EXPENDITURE = "expenditure"

# panel kinds: where an expenditure panel lists economic or functional categories
_ECON = "econ"
_FUNC = "func"

_INCOME_ITEMS: tuple[tuple[str, str], ...] = (
    # (pattern on the label key, item); first match wins
    (r"^(?:本年)?收入总计$|^总计$", "grand_total"),
    (r"^(?:当年|本年)收入(?:小计)?$", "income_total"),  # Jiangsu: 当年收入小计 + 上年结转 = 收入合计
    (r"^本年收入合计$|^收入合计$", "income_total"),
    (r"^合计$", "income_total"),
    (r"用事业基金弥补|使用非财政拨款结余|动用事业基金|使用(?:专用)?结余", "use_of_reserves"),
    (r"^(?:年初|上年)(?:财政拨款)?结[转余]", "carryover_begin"),
    (r"^(?:一般)?公共预算(?:财政)?拨款|^一般公共预算(?:收入)?$|^一般公共预算财政拨款", "fiscal_general"),
    (r"^政府性基金预算(?:财政拨款)?|^政府性基金(?:收入)?$", "fiscal_fund"),
    (r"^国有资本经营预算(?:财政拨款)?", "fiscal_state_capital"),
    (r"^财政拨款(?:收入)?(?:\(补助\))?$|^财政拨款\(补助\)", "fiscal"),
    (r"财政专户", "special_account"),
    (r"^上级(?:补助|拨款)收入$|^上级转移支付", "superior_subsidy"),
    (r"经营收入$", "operating"),
    (r"^事业收入$", "business"),
    (r"附属单位上缴", "subsidiary_remittance"),
    (r"^其他(?:各项)?收入$|^其他资金$", "other"),
)

_EXPENDITURE_ITEMS: tuple[tuple[str, str], ...] = (
    (r"^(?:本年)?支出总计$|^总计$", "grand_total"),
    (r"^(?:当年|本年)支出小计$", "expenditure_total"),
    (r"^本年支出合计$|^支出合计$", "expenditure_total"),
    (r"^合计$", "expenditure_total"),
    (r"^结余分配$", "surplus_distribution"),
    (r"^(?:年末|年终)(?:财政拨款)?结[转余]|^结转下年", "carryover_end"),
    (r"^基本支出$", "basic"),
    (r"^项目支出$", "project"),
)

# labels that end the year's rows: what follows details carry-overs
_AFTER_TOTAL = {INCOME: "income_total", EXPENDITURE: "expenditure_total"}
_REPEATABLE = {"grand_total", "income_total", "expenditure_total"}
_FISCAL_PARTS = {"fiscal_general", "fiscal_fund", "fiscal_state_capital"}

# header cells: never a row
_HEADER_WORDS = frozenset({
    "项目", "收入", "支出", "预算数", "金额", "决算数", "行次", "栏次", "科目", "序号",
    "经济分类支出", "功能分类支出",
})
# column headers of 财政拨款收支总表 that read like income items: a row only with a list number
_COLUMN_WORDS = frozenset({"合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"})


@dataclass(slots=True)
class Group:
    """A label and the value cells printed after it on one line."""

    label: str
    col: int | None
    values: list[Token]
    line: Line


@dataclass(slots=True)
class Panel:
    side: str
    kind: str | None  # _ECON / _FUNC for expenditure panels that say so
    col: int | None


@dataclass(slots=True)
class _SideState:
    seen: set[str] = field(default_factory=set)
    last_main: str | None = None
    after_total: bool = False


def _income_item(key: str) -> str | None:
    if key.endswith("支出"):
        return None  # 国有资本经营预算支出 is a functional category, not the income
    for pattern, item in _INCOME_ITEMS:
        if re.search(pattern, key):
            return item
    return None


def _expenditure_item(key: str) -> str | None:
    for pattern, item in _EXPENDITURE_ITEMS:
        if re.search(pattern, key):
            return item
    return None


def _category_item(label: str, kind: str | None) -> str | None:
    """`func:<类>` / `econ:<类>` for a category printed by name."""
    lookups = [("econ", economic_code_for_name), ("func", functional_code_for_name)]
    if kind != _ECON:
        lookups.reverse()
    for prefix, lookup in lookups:
        code = lookup(label)
        if code is not None and len(code) == 3:
            return f"{prefix}:{code}"
    code = functional_category_for_prefix(label) if kind != _ECON else None
    return f"func:{code}" if code else None


def _looks_income(key: str) -> bool:
    return "收入" in key or _income_item(key) not in (None, "grand_total", "income_total")


def _looks_expenditure(key: str) -> bool:
    return key.endswith("支出") or _expenditure_item(key) not in (None, "grand_total", "expenditure_total")


def _is_label(tok: Token) -> bool:
    return not tok.empty and not tok.number


def _starts_label(text: str) -> bool:
    key = label_key(text)
    return (has_ordinal(text) or has_sub_ordinal(text) or _income_item(key) is not None
            or _expenditure_item(key) is not None or key.endswith(("支出", "收入")))


def groups(line: Line) -> list[Group]:
    """Cut a line into labelled groups. Numbers before the first label (序号)
    are dropped; space-split pieces of one label are joined."""
    toks = tokens(line)
    pos = positional(line)
    out: list[Group] = []
    for tok in toks:
        if _is_label(tok):
            if not pos and out and not out[-1].values and not _starts_label(tok.text):
                out[-1].label += tok.text  # `项    目` / a name split by a space
                continue
            out.append(Group(tok.text, tok.col, [], line))
        elif out:
            if pos or not tok.empty:
                out[-1].values.append(tok)
    return out


def _panels(header: list[Line]) -> list[Panel]:
    """Panels from the header line that names 收入 and 支出."""
    for line in header:
        toks = [t for t in tokens(line) if not t.empty]
        keys = [fold(t.text) for t in toks]
        if not any("收入" in k for k in keys) or not any("支出" in k for k in keys):
            continue
        panels = []
        for tok, key in zip(toks, keys, strict=True):
            if "收入" in key and "支出" not in key:
                panels.append(Panel(INCOME, None, tok.col))
            elif "支出" in key:
                kind = _ECON if "经济" in key else _FUNC if "功能" in key else None
                panels.append(Panel(EXPENDITURE, kind, tok.col))
        if len(panels) >= 2:
            return panels
    return [Panel(INCOME, None, None), Panel(EXPENDITURE, None, None)]


def _panel_for(group: Group, previous: Panel | None, panels: list[Panel], n_groups: int) -> Panel:
    if group.col is not None and all(p.col is not None for p in panels):
        chosen = panels[0]
        for p in panels:
            if p.col is not None and p.col <= group.col:
                chosen = p
        return chosen
    key = label_key(group.label)
    income_panels = [p for p in panels if p.side == INCOME]
    exp_panels = [p for p in panels if p.side == EXPENDITURE]
    if previous is not None:
        later = panels[panels.index(previous) + 1:]
        if later:
            return later[0]
        return previous
    if _looks_income(key) and income_panels:
        return income_panels[0]
    if _looks_expenditure(key) and exp_panels:
        return exp_panels[0]
    if n_groups > 1 or not exp_panels:
        return panels[0]
    return exp_panels[0]


def _value_columns(block: TableBlock, header_text: str) -> dict[str, list[str]]:
    if block.type != "fiscal_summary":
        return {INCOME: ["amount"], EXPENDITURE: ["amount"]}
    exp = ["amount"]
    for word, key in (("一般公共", "general"), ("政府性基", "fund"), ("国有资本", "state_capital")):
        if word in header_text:
            exp.append(key)
    return {INCOME: ["amount"], EXPENDITURE: exp}


def _is_body(line: Line) -> bool:
    for g in groups(line):
        key = label_key(g.label)
        if key in _HEADER_WORDS or (key in _COLUMN_WORDS and not has_ordinal(g.label)):
            continue
        if _income_item(key) or _expenditure_item(key) or (has_ordinal(g.label) and len(key) > 1):
            return True
    return False


def _classify(group: Group, panel: Panel, state: _SideState) -> tuple[str | None, str | None]:
    """(item, parent) of a group's label on its side."""
    key = label_key(group.label)
    side = panel.side
    item = _income_item(key) if side == INCOME else _expenditure_item(key)
    sub = has_sub_ordinal(group.label)
    if state.after_total:
        if item in ("carryover_begin", "carryover_end", "use_of_reserves", "surplus_distribution",
                    "grand_total") and (item not in state.seen or item == "grand_total"):
            return item, None
        if item == _AFTER_TOTAL[side] and item in state.seen:
            return "grand_total", None  # 硚口 表一 prints 本年收入合计 again for the 总计 line
        return None, state.last_main
    if item is not None and item in state.seen and item not in _REPEATABLE:
        return None, item
    if side == EXPENDITURE and item is None:
        category = _category_item(group.label, panel.kind)
        if category is not None:
            return category, (state.last_main if sub and state.last_main in ("basic", "project") else None)
    if item is not None and (not sub or item in _REPEATABLE):
        return item, None
    if item in _FISCAL_PARTS and state.last_main == "fiscal" and item not in state.seen:
        return item, None  # 一、财政拨款 / 1.一般公共预算: the contract's fiscal_general
    if sub or item is not None:
        return None, state.last_main
    return None, None


def parse_summary(block: TableBlock) -> ParsedTables:
    unit = table_unit(block)
    table = new_table(block, unit)
    problems: list[Problem] = []
    lines = body_lines(block)
    start = next((i for i, ln in enumerate(lines) if _is_body(ln)), len(lines))
    header, body = lines[:start], lines[start:]
    header_text = "".join(fold(ln.text) for ln in header)
    has_row_number = "行次" in header_text
    panels = _panels(header)
    columns = _value_columns(block, header_text)
    states = {id(p): _SideState() for p in panels}
    body = _merge_wrapped(body, has_row_number)
    for line in body:
        if fold(line.text).startswith("栏次"):
            continue
        line_groups = groups(line)
        previous: Panel | None = None
        for group in line_groups:
            panel = _panel_for(group, previous, panels, len(line_groups))
            previous = panel
            key = label_key(group.label)
            if not key or key in _HEADER_WORDS:
                continue
            state = states[id(panel)]
            item, parent = _classify(group, panel, state)
            values_toks = group.values
            if has_row_number and values_toks:
                values_toks = values_toks[1:]  # 行次
            if item is None and parent is None and not any(not t.empty for t in values_toks) \
                    and not has_ordinal(group.label):
                continue  # a stray header or page line, not a row
            row = Row(item=item, side=panel.side, name=group.label, locator=locator(line))
            if parent is not None:
                row.texts["parent"] = parent
            for col, tok in zip(columns[panel.side], values_toks, strict=False):
                try:
                    row.values[col] = amount(tok.text, unit)
                except ValueError:
                    problems.append(problem("cell.not-an-amount", line, text=tok.text))
                    row.values[col] = None
            for col in columns[panel.side][len(values_toks):]:
                row.values[col] = None
            table.rows.append(row)
            if item is not None and parent is None:
                state.seen.add(item)
                state.last_main = item
                if item == _AFTER_TOTAL[panel.side]:
                    state.after_total = True
    return ParsedTables([finish(table)], problems)


def _merge_wrapped(lines: list[Line], has_row_number: bool) -> list[Line]:
    """Join a row wrapped onto a second line (001 公开04表 行14: `十四、资源勘探工业信息`
    / `等支出`, `36,30` / `5.52`). Only where the table prints 行次 can a
    wrapped line be told from a row: it carries no 行次 of its own."""
    if not has_row_number:
        return lines
    out: list[Line] = []
    for line in lines:
        if out and positional(line) and positional(out[-1]) and not _has_row_number(line):
            out[-1] = _join_lines(out[-1], line)
        else:
            out.append(line)
    return out


def _has_row_number(line: Line) -> bool:
    return any(re.fullmatch(r"\d{1,3}", t.text) for t in tokens(line))


def _join_lines(upper: Line, lower: Line) -> Line:
    cells = list(upper.cells)
    for i, cell in enumerate(lower.cells):
        text = cell.text.strip()
        if not text:
            continue
        if i < len(cells):
            cells[i] = replace(cells[i], text=cells[i].text.strip() + text)
        else:
            cells.append(Cell(text, col=cell.col))
    return replace(upper, cells=tuple(cells), raw=None)


TABLE_PARSERS.add("summary", parse_summary)
TABLE_PARSERS.add("fiscal_summary", parse_summary)
