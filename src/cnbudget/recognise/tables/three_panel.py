"""The three-panel 基本支出决算明细表 (seed 001 公开06表).

Printed as 人员经费 | 公用经费 | 公用经费 side by side, each panel three columns
(科目代码, 科目名称, 金额), so one printed line holds up to three economic
codes. Out comes one row per economic code with `{"total": amount}`, panel
by panel, and the bottom line (人员经费合计 / 公用经费合计) as
`{"item": "total", "values": {"personnel": …, "public": …}}`.

Extraction damage handled: codes split (`3010 1`), a code's last digits
wrapped onto a line of their own (`1 | | | 9 | | | 7` completes the three codes
above), a code cut short (`3010` before 津贴补贴: completed from the name, or
from its neighbours in the panel when the name is lost too), amounts split
(`1,107.5 6`), and a total line whose amounts do not sit under their labels
(matched to the panel sums instead).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from cnbudget.ingest.layout import Line
from cnbudget.model import Problem, Row, Table
from cnbudget.model.problems import problem_of
from cnbudget.normalise.amounts import (
    UNIT_FACTORS,
    decimals_printed,
    is_number_piece,
    parse_amount,
    to_yuan,
)
from cnbudget.normalise.text import fold
from cnbudget.recognise.blocks import ParsedTables, TableBlock
from cnbudget.recognise.lines import (
    has_cjk,
    is_code_piece,
    is_coded_furniture,
    is_remark,
    located,
    positional,
)
from cnbudget.recognise.tables.coded_codes import complete_code
from cnbudget.recognise.tables.coded_rows import (
    dense_cells,
    merge_split_numbers,
    squash_name,
    typical_decimals,
)

_CODE_HEADER = re.compile(r"科目(?:代码|编码)")
_PANEL_TOTAL = re.compile(r"(人员经费|公用经费)合计")
_PANEL_WORD = re.compile(r"人员经费|公用经费")
_PERSONNEL, _PUBLIC = "personnel", "public"
_COLUMN_NAMES = {_PERSONNEL: "人员经费", _PUBLIC: "公用经费"}


def is_three_panel(block: TableBlock) -> bool:
    """A header line naming the code column more than once."""
    return any(len(_code_starts(line)) >= 2 for line in block.lines[:12])


def _code_starts(line: Line) -> list[int]:
    """The cells that open a panel's code column: one naming it after a cell
    that does not (科目编码 repeated over 类 | 款 | 项 in unmerged cells opens one)."""
    starts: list[int] = []
    before = False
    for j, text in enumerate(dense_cells(line)):
        if not text.strip():
            continue
        names = bool(_CODE_HEADER.search(fold(text)))
        if names and not before:
            starts.append(j)
        before = names
    return starts


@dataclass(slots=True)
class _Entry:
    panel: int
    pieces: list[str]
    name: str | None
    amount: str | None
    line: Line
    code: str | None = None


@dataclass(slots=True)
class _State:
    entries: list[_Entry] = field(default_factory=list)
    last_line: dict[int, _Entry] = field(default_factory=dict)  # panel → its entry on the last row
    notes: list[str] = field(default_factory=list)
    total_line: Line | None = None


def _header_info(block: TableBlock) -> tuple[int, list[int], list[str]]:
    """(index of the code-header line, panel start columns, panel kinds)."""
    for i, line in enumerate(block.lines):
        starts = _code_starts(line)
        if len(starts) >= 2:
            totals = [ln for ln in block.lines[i + 1:] if _PANEL_TOTAL.search(fold(ln.text))]
            kinds = _panel_kinds([*reversed(block.lines[max(0, i - 2):i + 1]), *totals[:1]], starts)
            return i, starts, kinds
    return -1, [], []


def _is_header_again(line: Line) -> bool:
    """The code header, or the 人员经费 | 公用经费 heading, repeated after a page break."""
    filled = [fold(t) for t in line.filled]
    return len(_CODE_HEADER.findall(fold(line.text))) >= 2 or (
        bool(filled) and all(_PANEL_WORD.fullmatch(t) for t in filled))


def _kind(word: str) -> str:
    return _PERSONNEL if word.startswith("人员经费") else _PUBLIC


def _panel_kinds(lines: list[Line], starts: list[int]) -> list[str]:
    """Each panel's kind from the 人员经费 / 公用经费 printed over it: the heading
    above the code header (merged, or repeated in each cell) or, where the
    header has none, the 人员经费合计 / 公用经费合计 label on the panel's total
    line. Unplaced (a line split by spaces), the words go in printed order, a
    word repeated cell by cell counting once; panels after the last word take
    its kind (人员经费 | 公用经费 | 公用经费)."""
    kinds: dict[int, str] = {}
    order: list[str] = []
    for line in lines:  # nearest the codes first; the first line naming any decides
        if kinds or order:
            break
        if positional(line):
            for j, text in enumerate(dense_cells(line)):
                for word in _PANEL_WORD.findall(fold(text))[:1]:
                    kinds.setdefault(_panel_at(j, starts), _kind(word))
        else:
            words = _PANEL_WORD.findall(fold(line.text))
            order = [w for k, w in enumerate(words) if k == 0 or w != words[k - 1]]
    if not kinds:
        kinds = {p: _kind(w) for p, w in enumerate(order[:len(starts)])}
    if not kinds:
        return [_PUBLIC] * len(starts)
    out: list[str] = []
    for p in range(len(starts)):  # a panel before any word is the form's first, 人员经费
        out.append(kinds.get(p) or (out[-1] if out else _PERSONNEL))
    return out


def _is_digit_fragments(texts: list[str]) -> bool:
    filled = [t.strip() for t in texts if t.strip()]
    return bool(filled) and all(is_code_piece(t) and len(t) <= 2 for t in filled)


def _add_fragments(state: _State, fragments: list[tuple[int, str]]) -> None:
    """Digits wrapped below a row complete that row's cut-short codes, panel by panel."""
    for panel, frag in fragments:
        target = state.last_line.get(panel)
        if target is not None:
            target.pieces.append(frag)


def _positional_line(state: _State, line: Line, starts: list[int]) -> None:
    cells = dense_cells(line)
    if _is_digit_fragments(cells):
        frags = [(_panel_at(j, starts), t.strip()) for j, t in enumerate(cells) if t.strip()]
        _add_fragments(state, frags)
        return
    state.last_line = {}
    for p, start in enumerate(starts):
        code, name, amount = (cells[start:start + 3] + ["", "", ""])[:3]
        if not (code.strip() or name.strip() or amount.strip()):
            continue
        entry = _Entry(p, code.split(), squash_name(name) or None, amount.strip() or None, line)
        state.entries.append(entry)
        state.last_line[p] = entry


def _panel_at(col: int, starts: list[int]) -> int:
    return max((p for p, s in enumerate(starts) if s <= col), default=0)


def _token_line(state: _State, line: Line, panels: int, decimals: int) -> None:
    """A space-split line: code pieces, name words, an optional amount, repeated."""
    tokens = merge_split_numbers([t for t in line.texts if t.strip()], decimals)
    if _is_digit_fragments(tokens):
        short = [p for p in sorted(state.last_line) if len("".join(state.last_line[p].pieces)) in (2, 4)]
        _add_fragments(state, list(zip(short, tokens, strict=False)))
        return
    groups: list[_Entry] = []
    for tok in tokens:
        current = groups[-1] if groups else None
        if is_code_piece(tok) and not (current and current.name and current.amount is None and len(tok) < 3):
            digits = "".join(current.pieces) if current else ""
            if current is None or current.name is not None or current.amount is not None \
                    or (len(digits) >= 4 and len(tok) >= 3):
                groups.append(_Entry(0, [tok], None, None, line))
            else:
                current.pieces.append(tok)
        elif is_number_piece(tok) and not has_cjk(tok) and current is not None and current.amount is None:
            current.amount = tok
        elif current is not None and current.amount is None:
            current.name = squash_name((current.name or "") + tok)
    state.last_line = {}
    used: set[int] = set()
    for entry in groups:
        entry.panel = _panel_for(state, entry, panels, used)
        used.add(entry.panel)
        state.entries.append(entry)
        state.last_line[entry.panel] = entry


def _panel_for(state: _State, entry: _Entry, panels: int, used: set[int]) -> int:
    """The panel already holding codes of this 类, else the next free one."""
    head = "".join(entry.pieces)[:3]
    for e in reversed(state.entries):
        if "".join(e.pieces)[:3] == head and e.panel not in used:
            return e.panel
    nxt = max(used) + 1 if used else 0
    return min(nxt, panels - 1)


def _complete(entries: list[_Entry], problems: list[Problem]) -> None:
    for e in entries:
        e.code = complete_code(e.pieces, e.name) if e.pieces else None
    by_panel: dict[int, list[_Entry]] = {}
    for e in entries:
        by_panel.setdefault(e.panel, []).append(e)
    for panel in by_panel.values():
        for i, e in enumerate(panel):
            if e.code is not None or not e.pieces:
                continue
            digits = "".join(e.pieces)
            before = next((x.code for x in reversed(panel[:i]) if x.code), None)
            after = next((x.code for x in panel[i + 1:] if x.code), None)
            fits = [digits + d for d in "0123456789"
                    if (before is None or digits + d > before) and (after is None or digits + d < after)]
            if len(fits) == 1 and before and after:
                e.code = fits[0]
                problems.append(problem_of("code.completed", located(e.line),
                                           printed=digits, code=e.code))
            else:
                problems.append(problem_of("code.incomplete", located(e.line),
                                           printed=digits, name=e.name))


def _yuan(text: str | None, unit: str | None) -> tuple[Decimal | None, Decimal]:
    if text is None:
        return None, Decimal(0)
    value = parse_amount(text)
    if value is None:
        return None, Decimal(0)
    ulp = Decimal(1).scaleb(-decimals_printed(text)) * UNIT_FACTORS.get(unit or "元", Decimal(1))
    return to_yuan(value, unit), ulp


def _total_tokens(line: Line) -> list[str]:
    """The total line's words and amounts in printed order."""
    return merge_split_numbers([tok for c in line.texts for tok in c.split()], 2)


def _beside(tokens: list[str]) -> list[tuple[str, str]] | None:
    """(key, amount) where each amount stands right after its own label
    (人员经费合计 | | 公用经费合计 110.40), None where the line does not say
    (amounts before a label, or two after one: 人员经费合计 公用经费合计 a b)."""
    out: list[tuple[str, str]] = []
    key: str | None = None
    taken = False
    for tok in tokens:
        label = _PANEL_TOTAL.search(fold(tok))
        if label:
            key, taken = _kind(label.group(1)), False
        elif is_number_piece(tok) and not has_cjk(tok):
            if key is None or taken:
                return None
            out.append((key, tok))
            taken = True
    return out


def _total_row(title: str, line: Line, rows: list[tuple[str, Row]], unit: str | None,
               problems: list[Problem]) -> Row:
    """人员经费合计 / 公用经费合计: each printed amount goes to the label it stands
    beside; where the line does not place them (extraction moved the amounts
    away from their labels), to the panel sum it matches, then in order."""
    labels = [m.group(1) for m in _PANEL_TOTAL.finditer(fold(line.text))]
    keys = [_kind(w) for w in labels] or [_PERSONNEL, _PUBLIC]
    values: dict[str, Decimal | None] = dict.fromkeys(keys)
    tokens = _total_tokens(line)
    placed = _beside(tokens)
    if placed is not None:
        for key, text in placed:
            values[key] = _yuan(text, unit)[0]
    else:
        sums: dict[str, Decimal] = {}
        for kind in (_PERSONNEL, _PUBLIC):
            tops = [r for k, r in rows if k == kind and r.code and len(r.code) == 3]
            sums[kind] = sum((r.values["total"] or Decimal(0) for r in tops), Decimal(0))
        for text in (t for t in tokens if is_number_piece(t) and not has_cjk(t)):
            value, ulp = _yuan(text, unit)
            if value is None:
                continue
            match = next((k for k in keys if values[k] is None and abs(sums[k] - value) <= ulp), None)
            match = match or next((k for k in keys if values[k] is None), None)
            if match is not None:
                values[match] = value
    for key in keys:
        if values[key] is None:
            # the form always prints both totals: one missing was most likely lost on the way
            problems.append(problem_of("table.total-missing", located(line),
                                       title=title, column=_COLUMN_NAMES.get(key, key)))
    return Row(values=values, item="total", name=" / ".join(f"{w}合计" for w in labels) or None,
               locator=located(line))


def parse(block: TableBlock) -> ParsedTables:
    unit = block.unit or block.document_unit
    head, starts, kinds = _header_info(block)
    state = _State()
    problems: list[Problem] = []
    body = [ln for ln in block.lines[head + 1:] if ln.text.strip()]
    decimals = typical_decimals(body)
    for line in body:
        if _PANEL_TOTAL.search(fold(line.text)):
            state.total_line = line
        elif is_remark(line.text):
            state.notes.append(line.text.strip())
        elif is_coded_furniture(line, block.title) or _is_header_again(line):
            continue
        elif positional(line) and starts:
            _positional_line(state, line, starts)
        else:
            _token_line(state, line, len(starts) or 3, decimals)
    _complete(state.entries, problems)
    rows: list[tuple[str, Row]] = []
    for entry in sorted(state.entries, key=lambda e: e.panel):
        if entry.code is None and entry.name is None:
            continue
        value, _ = _yuan(entry.amount, unit)
        row = Row(values={"total": value}, code=entry.code, item=None if entry.code else entry.name,
                  name=entry.name, locator=located(entry.line))
        rows.append((kinds[entry.panel] if entry.panel < len(kinds) else _PUBLIC, row))
    out = [r for _, r in rows]
    if state.total_line is not None:
        out.append(_total_row(block.title, state.total_line, rows, unit, problems))
    note = "\n".join(state.notes) or None
    table = Table(type=block.type, title=block.title, rows=out, unit=unit, locator=block.locator,
                  note=note, empty=not any(r.values.get("total") is not None for _, r in rows))
    return ParsedTables([table], problems)
