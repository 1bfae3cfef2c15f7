"""The columns of a side-by-side table (收支总表, an income item list): panels.

A summary prints its sides in panels, two or three across (收入 | 支出;
收入 | 经济分类支出 | 功能分类支出; 收入 | 功能分类 | 支出用途), each a label
column (or two, for a two-level item list), an optional 行次 column and its
value columns (金额; 合计 | 一般公共预算 | 政府性基金 | 国有资本经营 in a
财政拨款收支总表; 年初预算数 | 调整预算数 | 决算数 in a final account); a
序号 column may number the lines before the first panel.

Where cells keep their columns (grid, tab) the header is read as a tree:
each column's path is the header cells above it (a grid cell's span, a tab
cell's run up to the next filled cell). A column's role comes from its header
words, else from what the body prints in it (text: a label; numbers: values).
Where positions are lost (space-split text) the header's words are scanned
in reading order instead. Kept small and local: the shared layout model
(header trees, column roles) replaces it once it lands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cnbudget.ingest.layout import Delimiter, Line
from cnbudget.model.table_types import LINE_NUMBER_TEXTS
from cnbudget.normalise.amounts import is_number
from cnbudget.normalise.text import fold
from cnbudget.recognise.lines import is_column_numbers, label_key, positional
from cnbudget.recognise.tables.cells import tokens
from cnbudget.recognise.tables.summary_items import (
    ECON,
    EXPENDITURE,
    FUNC,
    INCOME,
    numbering_style,
    side_of_label,
)

LABEL, VALUE, ROW_NUMBER, SERIAL = "label", "value", "row_number", "serial"
SERIAL_TEXT = LINE_NUMBER_TEXTS[0]

_ROW_NUMBER_WORDS = re.compile(r"^行次$|^行号$")
_SERIAL_WORDS = re.compile(r"^序号$|^栏次$|^编号$")
_LABEL_WORDS = re.compile(r"项目|科目|名称|^收入$|^支出$|分类支出$|^功能分类$|^经济分类$|^支出用途$|^用途$")
_VALUE_WORDS = re.compile(r"金额|预算|决算|合计|小计|总计|数$|拨款|基金|资本|结转|结余|本年|上年|年初|调整")
# header words that name a panel's side or kind, not a column of values
_SIDE_PATH = re.compile(r"收入|支出|功能|经济|用途")
_FUNDS: tuple[tuple[str, str], ...] = (("一般公共", "general"), ("政府性基金", "fund"), ("国有资本", "state_capital"))
FUND_KEYS = frozenset(k for _, k in _FUNDS)  # a 财政拨款收支总表's columns by fund
# value headers a space-split header is scanned for, longest first
_SCAN_WORDS = (
    "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款", "一般公共预算",
    "政府性基金预算", "国有资本经营预算", "年初预算数", "调整预算数", "全年预算数", "上年预算数",
    "本年预算数", "上年决算数", "预算数", "决算数", "金额", "合计", "小计",
    "功能科目名称", "经济科目名称", "项目名称", "科目名称", "项目", "科目", "行次", "序号", "栏次",
    "经济分类支出", "功能分类支出", "功能分类", "支出用途", "收入", "支出",
)
_SCAN = re.compile("|".join(re.escape(w) for w in sorted(_SCAN_WORDS, key=len, reverse=True)))


# header cells: never a row
HEADER_WORDS = frozenset({
    "项目", "项目名称", "收入", "支出", "预算数", "金额", "决算数", "行次", "栏次", "科目", "序号",
    "经济分类支出", "功能分类支出", "功能分类", "支出用途", "功能科目名称", "科目名称", "合计",
    "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款", "年初预算数",
    "调整预算数", "全年预算数", "上年预算数", "本年预算数", "财政拨款", "一般公共预算",
    "政府性基金预算", "国有资本经营预算", "总计",
})


# header cells a row may be named as (a fund's name wrapped onto a line of its own)
_ROW_WORDS = frozenset({"合计", "总计", "财政拨款", "一般公共预算", "政府性基金预算", "国有资本经营预算"})


def is_header_line(line: Line) -> bool:
    """A line of header cells only (a header printed again after a page break,
    the 栏次 line); not a line naming one fund (财政拨款 wrapped onto its own line)."""
    if is_column_numbers(line.filled):
        return True
    if any(numbering_style(t) for t in line.filled):
        return False  # 一、一般公共预算财政拨款: a numbered line is a row, whatever its words
    texts = [label_key(t) for t in line.filled]
    return bool(texts) and all(t in HEADER_WORDS for t in texts) and any(t not in _ROW_WORDS for t in texts)


@dataclass(slots=True)
class Panel:
    side: str | None
    kind: str | None = None  # ECON / FUNC where the header or labels say
    label_cols: list[int] = field(default_factory=list)  # outer level first
    number_col: int | None = None  # 行次
    values: list[tuple[int | None, str]] = field(default_factory=list)  # (column, key)

    @property
    def keys(self) -> list[str]:
        return [k for _, k in self.values]


@dataclass(slots=True)
class SummaryLayout:
    panels: list[Panel]
    serial_col: int | None = None  # -1: printed first, column unknown (space-split)
    positional: bool = False
    serial_key: str = SERIAL_TEXT  # extra:<the 序号 column's printed header>

    def panel_at(self, col: int) -> Panel | None:
        """The panel a column lies in: the last one starting at or before it."""
        chosen = None
        for panel in self.panels:
            start = min([*panel.label_cols, *(c for c, _ in panel.values if c is not None)], default=0)
            if start <= col:
                chosen = panel
        return chosen


def _cells(line: Line) -> list[tuple[int, int, str]]:
    """(column, span, text) of a positional line's filled cells; a tab cell's
    span is unknown here (0)."""
    out = []
    for i, cell in enumerate(line.cells):
        if cell.text.strip():
            col = cell.col if cell.col is not None else i
            out.append((col, max(cell.colspan, 1) if line.delimiter is Delimiter.GRID else 0, fold(cell.text)))
    return out


def header_paths(header: list[Line], width: int) -> dict[int, list[str]]:
    """Each column's header path, top to bottom. A tab cell runs up to the next
    filled cell of its line or the next cell edge of the lines above."""
    paths: dict[int, list[str]] = {c: [] for c in range(width)}
    edges: set[int] = {width}
    for line in header:
        cells = _cells(line)
        starts = [c for c, _, _ in cells]
        for n, (col, span, text) in enumerate(cells):
            if not span:
                nxt = min([s for s in starts[n + 1:]] + [e for e in edges if e > col] + [width])
                span = max(nxt - col, 1)
            for c in range(col, min(col + span, width)):
                paths[c].append(text)
            edges.update({col, col + span})
    return paths


def _role_of_header(path: list[str]) -> str | None:
    leaf = path[-1] if path else ""
    if _ROW_NUMBER_WORDS.search(leaf):
        return ROW_NUMBER
    if _SERIAL_WORDS.search(leaf):
        return SERIAL
    if _VALUE_WORDS.search(leaf) and not re.search(r"项目|科目|名称", leaf):
        return VALUE
    if _LABEL_WORDS.search(leaf):
        return LABEL
    return None


def _role_of_body(body: list[Line], col: int) -> str | None:
    texts = [t.text for ln in body for t in tokens(ln) if t.col == col and not t.empty]
    if not texts:
        return None
    numbers = [t for t in texts if is_number(t)]
    if len(numbers) * 2 < len(texts):
        return LABEL
    ints = [t for t in numbers if re.fullmatch(r"\d{1,3}", t)]
    if len(ints) == len(texts) and len(texts) >= 3 and _counts_up([int(t) for t in ints]):
        return ROW_NUMBER
    return VALUE


def _counts_up(numbers: list[int]) -> bool:
    return all(b > a for a, b in zip(numbers, numbers[1:], strict=False))


def _width(lines: list[Line]) -> int:
    return max((c + max(s, 1) for ln in lines if positional(ln) for c, s, _ in _cells(ln)), default=0)


def positional_layout(header: list[Line], body: list[Line], table_type: str) -> SummaryLayout:
    """Panels from the columns, where the body keeps them."""
    pos_body = [ln for ln in body if positional(ln)]
    # a header line cut into a grid of its own (the page before) has other column edges
    grid = pos_body[0].grid if pos_body else None
    pos_header = [ln for ln in header if positional(ln) and not is_column_numbers(ln.filled)
                  and (grid is None or ln.grid is None or ln.grid == grid)]
    width = _width(pos_header + pos_body)
    paths = header_paths(pos_header, width)
    roles: dict[int, str] = {}
    for col in range(width):
        role = _role_of_header(paths[col]) if paths[col] else None
        body_role = _role_of_body(pos_body, col)
        if role is None or (role == LABEL and body_role == VALUE and body_role is not None):
            role = body_role
        if role is not None:
            roles[col] = role
    layout = _panels_from_roles(roles, paths)
    layout.positional = True
    sequence = sequence_panels(header, table_type)[0] if not pos_header else None
    for n, panel in enumerate(layout.panels):
        _name_values(panel, paths, table_type, sequence[n] if sequence and n < len(sequence) else None)
    _sides(layout, paths, pos_body)
    return layout


def _panels_from_roles(roles: dict[int, str], paths: dict[int, list[str]]) -> SummaryLayout:
    layout = SummaryLayout([])
    pending_number: int | None = None
    for col in sorted(roles):
        role = roles[col]
        current = layout.panels[-1] if layout.panels else None
        if role == SERIAL and not layout.panels:
            layout.serial_col = col
            if paths.get(col) and f"extra:{paths[col][-1]}" in LINE_NUMBER_TEXTS:
                layout.serial_key = f"extra:{paths[col][-1]}"
        elif role == LABEL:
            if current is not None and not current.values and current.number_col is None \
                    and _same_group(paths, current.label_cols[-1], col):
                current.label_cols.append(col)  # a two-level item list: 一般公共预算资金 | 小计
            else:
                layout.panels.append(Panel(None, label_cols=[col], number_col=pending_number))
                pending_number = None
        elif role == ROW_NUMBER:
            if current is None or current.values:
                pending_number = col
            else:
                current.number_col = col
        elif role == VALUE and current is not None:
            current.values.append((col, ""))
        elif role == SERIAL and current is not None:
            current.number_col = current.number_col if current.number_col is not None else col
    return layout


def _same_group(paths: dict[int, list[str]], left: int, right: int) -> bool:
    """Two label columns with no values between, under one header cell (项目名称
    over both) or one of them under none, are one label of two levels; under
    headers of their own, two panels."""
    lp, rp = paths.get(left, []), paths.get(right, [])
    return not (lp and rp and lp != rp)


def _value_header(path: list[str]) -> str:
    """A value column's own header: its path below the words naming its side."""
    parts = [p for p in path if not (_SIDE_PATH.search(p) and not _VALUE_WORDS.search(p))]
    return "".join(dict.fromkeys(parts))


def _name_values(panel: Panel, paths: dict[int, list[str]], table_type: str,
                 sequence: Panel | None) -> None:
    heads = [_value_header(paths.get(c, [])) if c is not None else "" for c, _ in panel.values]
    keys = value_keys(heads, table_type)
    if sequence is not None:  # the header printed as text over a body that keeps columns
        keys = [*sequence.keys[:len(keys)], *keys[len(sequence.keys):]]
        if sequence.side is not None:
            panel.side, panel.kind = sequence.side, sequence.kind
    panel.values = [(c, k) for (c, _), k in zip(panel.values, keys, strict=True)]


def value_keys(heads: list[str], table_type: str) -> list[str]:
    """Contract keys of a panel's value columns from their headers: the main
    figure is `amount` (决算数 before 预算数 before 上年/年初/调整 columns; the
    latest year where years are printed); a 财政拨款收支总表's fund columns are
    `general`, `fund`, `state_capital`; the rest `extra:<header>`."""
    keys: list[str | None] = [None] * len(heads)
    for i, head in enumerate(heads):
        fund = next((k for word, k in _FUNDS if word in head), None)
        if fund is not None and table_type == "fiscal_summary" and fund not in keys:
            keys[i] = fund
    candidates = [i for i, k in enumerate(keys) if k is None]
    if candidates:
        keys[_main(heads, candidates)] = "amount"
    out: list[str] = []
    for i, key in enumerate(keys):
        name = key or f"extra:{heads[i] or f'列{i + 1}'}"
        while name in out:
            name += "'"
        out.append(name)
    return out


def _main(heads: list[str], candidates: list[int]) -> int:
    years = {i: max(int(y) for y in re.findall(r"(?:19|20)\d\d", heads[i])) for i in candidates
             if re.search(r"(?:19|20)\d\d", heads[i])}
    if len(years) > 1:
        return max(years, key=lambda i: years[i])
    for pattern in (r"^(?!.*上年).*决算", r"本年|当年", r"^(?!.*(?:上年|年初|调整|上期)).*"):
        found = [i for i in candidates if re.search(pattern, heads[i])]
        if found:
            return found[0]
    return candidates[-1]


def _sides(layout: SummaryLayout, paths: dict[int, list[str]], body: list[Line]) -> None:
    """Each panel's side and kind: from the header over it, else from its labels."""
    for panel in layout.panels:
        words = "".join(p for c in [*panel.label_cols, *(c for c, _ in panel.values if c is not None)]
                        for p in paths.get(c, []))
        if panel.side is None and ("收入" in words) != ("支出" in words):
            panel.side = INCOME if "收入" in words else EXPENDITURE
        if panel.kind is None:
            panel.kind = ECON if "经济" in words else FUNC if "功能" in words else None
    undecided = [p for p in layout.panels if p.side is None]
    for panel in undecided:
        panel.side = _side_from_labels(panel, body)
    if undecided and len(layout.panels) > 1:
        for n, panel in enumerate(layout.panels):
            if panel.side is None:
                panel.side = INCOME if n == 0 else EXPENDITURE


def _side_from_labels(panel: Panel, body: list[Line]) -> str | None:
    votes = [side_of_label(t.text) for ln in body for t in tokens(ln)
             if t.col in panel.label_cols and not t.empty and not t.number]
    income, spending = votes.count(INCOME), votes.count(EXPENDITURE)
    if income == spending:
        return None
    return INCOME if income > spending else EXPENDITURE


def sequence_panels(header: list[Line], table_type: str) -> tuple[list[Panel] | None, str | None]:
    """Panels from header words in reading order (positions lost): side words
    (收入 支出) name the panels in turn, each label word opens one, value words
    are its columns; and the header of a 序号 column printed first. No panels where the
    header names no label column."""
    text = "".join(fold(ln.text) for ln in header)
    words = _SCAN.findall(text)
    sides = [w for w in words if w in ("收入", "支出", "经济分类支出", "功能分类支出")]
    panels: list[Panel] = []
    serial: str | None = None
    for word in words:
        role = _role_of_header([word])
        if role == SERIAL and not panels:
            serial = word if f"extra:{word}" in LINE_NUMBER_TEXTS else SERIAL_TEXT.removeprefix("extra:")
        elif role == LABEL and word not in ("收入", "支出", "经济分类支出", "功能分类支出", "功能分类", "支出用途"):
            panels.append(Panel(None))
        elif role == VALUE and panels:
            panels[-1].values.append((None, word))
        elif role == ROW_NUMBER and panels:
            panels[-1].number_col = -1  # printed: its value is the first number after the label
    if not panels:
        return None, serial
    for n, panel in enumerate(panels):
        side = sides[n] if len(sides) == len(panels) else None
        if side is not None:
            panel.side = INCOME if side == "收入" else EXPENDITURE
            panel.kind = ECON if "经济" in side else FUNC if "功能" in side else None
        elif len(panels) > 1:
            panel.side = INCOME if n == 0 else EXPENDITURE
        keys = value_keys([k for _, k in panel.values], table_type) if panel.values else ["amount"]
        panel.values = [(None, k) for k in keys]
    return panels, serial


def default_panels() -> list[Panel]:
    return [Panel(INCOME, values=[(None, "amount")]), Panel(EXPENDITURE, values=[(None, "amount")])]
