"""Printed lines of a side-by-side table → one entry per panel: its label (one
per label level), its value cells by contract key, its 行次 / 序号.

Where cells keep their columns each cell goes to the panel and column it is
printed in. A label merged across the next panel (Jiangsu prints 当年支出小计
over 功能分类 and 支出用途, its figure under the last 金额), or printed with
its figure in the next panel's column (tab text of the same), gets that
figure. Where positions are lost (space-split text) a line is cut into
labelled groups (a label and the numbers after it), each in the panel its
order and words say. A number that fits no value column is in no row: the
reading's figure accounting (recognise/accounting.py) reports it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from cnbudget.ingest.layout import Cell, Line
from cnbudget.model import Problem
from cnbudget.model.table_types import ROW_NUMBER_TEXT
from cnbudget.normalise.amounts import is_empty_mark, is_number
from cnbudget.recognise.lines import label_key, positional
from cnbudget.recognise.tables.cells import (
    Token,
    has_ordinal,
    has_sub_ordinal,
    problem,
    tokens,
)
from cnbudget.recognise.tables.summary_items import (
    ECON,
    EXPENDITURE,
    FUNC,
    INCOME,
    category_item,
    expenditure_item,
    income_item,
    looks_expenditure,
    looks_income,
)
from cnbudget.recognise.tables.summary_layout import Panel, SummaryLayout

_SMALL_INT = re.compile(r"^\d{1,3}$")


@dataclass(slots=True)
class Entry:
    panel: Panel
    line: Line
    labels: list[str] = field(default_factory=list)  # by label level, outer first ('' where blank)
    values: dict[str, str] = field(default_factory=dict)  # key → printed text ('' printed empty)
    texts: dict[str, str] = field(default_factory=dict)  # 行次 / 序号
    keys: list[str] = field(default_factory=list)  # the value columns the row has

    def __post_init__(self) -> None:
        self.keys = self.keys or list(self.panel.keys)

    @property
    def label(self) -> str:
        return "".join(p for p in self.labels if p).strip()

    @property
    def has_value(self) -> bool:
        return any(t and not is_empty_mark(t) for t in self.values.values())


def entries_of(body: list[Line], layout: SummaryLayout, problems: list[Problem]) -> list[Entry]:
    out: list[Entry] = []
    listed: dict[int, set[str]] = {id(p): set() for p in layout.panels}  # categories per panel so far
    for line in body:
        if layout.positional and positional(line):
            out += _positional_entries(line, layout, problems)
        else:
            out += _text_entries(line, layout, problems, listed)
    return out


# ---- cells in their columns --------------------------------------------------------------------


def _column_map(layout: SummaryLayout) -> dict[int, tuple[Panel, str, int]]:
    """column → (panel, role, label level or value index)."""
    roles: dict[int, tuple[Panel, str, int]] = {}
    for panel in layout.panels:
        for level, col in enumerate(panel.label_cols):
            roles[col] = (panel, "label", level)
        if panel.number_col is not None and panel.number_col >= 0:
            roles[panel.number_col] = (panel, "number", 0)
        for n, (col, _) in enumerate(panel.values):
            if col is not None:
                roles[col] = (panel, "value", n)
    return roles


def _positional_entries(line: Line, layout: SummaryLayout, problems: list[Problem]) -> list[Entry]:
    roles = _column_map(layout)
    entries = {id(p): Entry(p, line, labels=[""] * len(p.label_cols), values=dict.fromkeys(p.keys, ""))
               for p in layout.panels}
    serial = None
    for i, cell in enumerate(line.cells):
        text = cell.text.strip()
        col = cell.col if cell.col is not None else i
        if not text:
            continue
        if col == layout.serial_col:
            serial = text
            continue
        role = roles.get(col)
        panel = role[0] if role else layout.panel_at(col)
        if panel is None:
            continue  # in no panel's columns: left to the reading's figure accounting
        entry = entries[id(panel)]
        kind = role[1] if role else ("value" if is_number(text) else "label")
        if kind == "label":
            if is_number(text) and not is_empty_mark(text):
                continue  # a figure in a label column: left to the figure accounting
            level = role[2] if role else len(entry.labels) - 1
            entry.labels[max(level, 0)] = text
        elif kind == "number":
            entry.texts[ROW_NUMBER_TEXT] = text
        elif role is None:
            continue
        elif is_number(text):
            entry.values[panel.values[role[2]][1]] = text
        elif not entry.label:
            entry.labels[-1] = text  # a label printed in its value column
        else:
            problems.append(problem("cell.not-an-amount", line, text=text))
    ordered = [entries[id(p)] for p in layout.panels]
    _join_across(ordered)
    if serial is not None:
        for entry in ordered:
            entry.texts[layout.serial_key] = serial
    return ordered


def _join_across(entries: list[Entry]) -> None:
    """A panel printing figures but no label of its own, right of a label that
    has none: one row printed across both (a merged label, or tab text of one).
    Right of a label that has figures of its own, the label is printed once for
    both (a total repeated per expenditure panel)."""
    for n, entry in enumerate(entries):
        if entry.label or not entry.has_value or n == 0:
            continue
        left = next((e for e in reversed(entries[:n]) if e.label), None)
        if left is None or left.panel.side != entry.panel.side:
            continue
        if not left.has_value:
            left.values.update({k: v for k, v in entry.values.items() if v})
            left.keys += [k for k in entry.keys if k not in left.keys]
            for key in left.keys:
                left.values.setdefault(key, "")
            entry.values = dict.fromkeys(entry.values, "")
        else:
            entry.labels = [*entry.labels[:-1], left.label] if entry.labels else [left.label]


# ---- space-split text --------------------------------------------------------------------------


@dataclass(slots=True)
class _Group:
    label: str
    values: list[Token]


def _starts_label(text: str) -> bool:
    key = label_key(text)
    return (has_ordinal(text) or has_sub_ordinal(text) or income_item(key) is not None
            or expenditure_item(key) is not None or key.endswith(("支出", "收入")))


def groups(line: Line) -> tuple[list[Token], list[_Group]]:
    """Numbers before the first label, and the line cut into labelled groups;
    space-split pieces of one label are joined."""
    lead: list[Token] = []
    out: list[_Group] = []
    for tok in tokens(line):
        if tok.empty:
            continue
        if not tok.number:
            if out and not out[-1].values and not _starts_label(tok.text):
                out[-1].label += tok.text  # `项    目` / a name split by a space
                continue
            out.append(_Group(tok.text, []))
        elif out:
            out[-1].values.append(tok)
        else:
            lead.append(tok)
    return lead, out


def _text_entries(line: Line, layout: SummaryLayout, problems: list[Problem],
                  listed: dict[int, set[str]]) -> list[Entry]:
    lead, line_groups = groups(line)
    serial: str | None = None
    for tok in lead:  # a 行次 of a blank line is numbering; another lead is left to the accounting
        if _SMALL_INT.match(tok.text) and serial is None and (layout.serial_col is not None or line_groups):
            serial = tok.text
    out: list[Entry] = []
    previous: Panel | None = None
    for group in line_groups:
        panel = _panel_for(group, previous, layout.panels, len(line_groups), listed)
        previous = panel
        listed[id(panel)].add(label_key(group.label))
        entry = Entry(panel, line, labels=[group.label], values=dict.fromkeys(panel.keys, ""))
        values = [t for t in group.values if t.text]
        if panel.number_col is not None and values and _SMALL_INT.match(values[0].text):
            entry.texts[ROW_NUMBER_TEXT] = values[0].text
            values = values[1:]
        for key, tok in zip(panel.keys, values, strict=False):
            entry.values[key] = tok.text  # figures beyond the panel's columns: left to the accounting
        if serial is not None:
            entry.texts[layout.serial_key] = serial
        out.append(entry)
    return out


def _panel_for(group: _Group, previous: Panel | None, panels: list[Panel], n_groups: int,
               listed: dict[int, set[str]]) -> Panel:
    """The panel of a group of space-split text: the one after the group before
    it on the line, else the first its words fit; a category name both
    classifications use (其他支出) goes to the panel that has not listed it yet."""
    key = label_key(group.label)
    if previous is not None:
        later = panels[panels.index(previous) + 1:]
        return _by_kind(group, later, listed) if later else previous
    income_panels = [p for p in panels if p.side == INCOME]
    exp_panels = [p for p in panels if p.side == EXPENDITURE]
    if looks_income(key) and income_panels:
        return income_panels[0]
    if looks_expenditure(key) and exp_panels:
        return _by_kind(group, exp_panels, listed)
    if n_groups > 1 or not exp_panels:
        return panels[0]
    return exp_panels[0]


def _by_kind(group: _Group, candidates: list[Panel], listed: dict[int, set[str]]) -> Panel:
    if len(candidates) == 1:
        return candidates[0]
    kind = _category_kind(group.label)
    if kind is not None:
        return next((p for p in candidates if p.kind == kind), candidates[0])
    key = label_key(group.label)
    return next((p for p in candidates if key not in listed[id(p)]), candidates[0])


def _category_kind(label: str) -> str | None:
    """ECON / FUNC where a category name belongs to one classification only."""
    econ = category_item(label, ECON)
    func = category_item(label, FUNC)
    if econ and econ.startswith("econ:") and not (func and func.startswith("func:")):
        return ECON
    if func and func.startswith("func:") and not (econ and econ.startswith("econ:")):
        return FUNC
    return None


# ---- rows wrapped onto a second line -----------------------------------------------------------


def merge_wrapped(lines: list[Line], layout: SummaryLayout) -> list[Line]:
    """Join a row wrapped onto a second line (001 公开04表 行14: `十四、资源勘探工业信息`
    / `等支出`, `36,30` / `5.52`). Where the table prints 行次 a wrapped line
    carries none of its own; elsewhere only a row cut by a page break is told
    from a row: the new page's first line, no figures, its labels under labels
    and no item of their own (江苏 `八、社会保障和就` / `业支出`)."""
    if not layout.positional:
        return lines
    number_cols = [p.number_col for p in layout.panels if p.number_col is not None and p.number_col >= 0]
    out: list[Line] = []
    for line in lines:
        above = out[-1] if out else None
        if above is not None and positional(line) and positional(above) and (
                (number_cols and not _numbered(line, number_cols)) or cut_by_page(above, line, _names_a_row)):
            out[-1] = join_lines(above, line)
        else:
            out.append(line)
    return out


def cut_by_page(above: Line, line: Line, names_a_row: Callable[[str], bool]) -> bool:
    """A label cut by a page break: its end on the new page's first line, under
    the label it ends, naming no row itself, and short or making a known label
    with the part above (专户管理教育收费 | 其他非税收入 are two rows)."""
    if line.page is None or above.page is None or line.page == above.page:
        return False
    toks = [t for t in tokens(line) if not t.empty]
    labels_above = {t.col: t.text for t in tokens(above) if not t.empty and not t.number}
    return bool(toks) and all(
        not t.number and t.col in labels_above and not names_a_row(t.text)
        and (len(label_key(t.text)) <= 3 or names_a_row(labels_above[t.col] + t.text)) for t in toks)


def _names_a_row(text: str) -> bool:
    key = label_key(text)
    return bool(has_ordinal(text) or has_sub_ordinal(text) or income_item(key) or expenditure_item(key)
                or category_item(text, None))


def _numbered(line: Line, number_cols: list[int]) -> bool:
    return any(t.col in number_cols and _SMALL_INT.match(t.text) for t in tokens(line))


def join_lines(upper: Line, lower: Line) -> Line:
    """The lower line's cells appended to the upper's, column by column."""
    cells = list(upper.cells)
    for i, cell in enumerate(lower.cells):
        text = cell.text.strip()
        if not text:
            continue
        col = cell.col if cell.col is not None else i
        at = next((k for k, c in enumerate(cells) if (c.col if c.col is not None else k) == col), None)
        if at is not None:
            cells[at] = replace(cells[at], text=cells[at].text.strip() + text)
        else:
            cells.append(Cell(text, col=col))
    return replace(upper, cells=tuple(cells), raw=None)
