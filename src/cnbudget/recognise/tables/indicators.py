"""The indicator grid of a performance table (一级指标 | 二级指标 | 三级指标 | 指标值 …).

Printed grids lose their merged cells in every extraction: a row repeats
neither its 一级指标 nor its 二级指标, an empty cell may or may not keep its
place, and wrapped cells come apart (space-split text puts each piece of a
cell on its own line, with a blank line between cells). So a row is read by
what its cells say: level names (产出指标, 数量指标 …) are recognised from a
vocabulary and carried down to the rows below; the other cells fill the
header's remaining columns. Columns the model has no field for (绩效指标描述,
指标值确定依据, 绩效标准, 度量单位, 前两年的指标值) are kept in the indicator's
`texts` under `extra:<printed header>`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from cnbudget.ingest.layout import Line
from cnbudget.model import Indicator
from cnbudget.normalise.amounts import parse_amount
from cnbudget.normalise.text import fold, join_wrapped
from cnbudget.recognise.lines import has_cjk, positional
from cnbudget.recognise.tables.cells import filled, tokens

LEVEL1 = "level1"
LEVEL2 = "level2"
LEVEL3 = "level3"
TARGET = "target"
ACTUAL = "actual"
WEIGHT = "weight"
SCORE = "score"
EXTRA = "extra:"  # a printed column the model keeps no field for: its role is `extra:<header>`

_LEVEL1_NAMES = (
    "产出指标", "效益指标", "效果指标", "满意度指标", "投入管理指标", "投入与目标管理", "产出目标",
    "效果目标", "影响力目标", "预算执行率指标", "过程指标", "决策指标", "投入指标",
)
_LEVEL2_NAMES = (
    "社会公众或服务对象满意度指标", "服务对象满意度指标", "可持续影响指标", "社会效益指标", "经济效益指标",
    "生态效益指标", "数量指标", "质量指标", "时效指标", "成本指标", "满意度指标", "履职目标和主要任务完成情况",
    "预算和财务管理", "工作目标管理", "绩效管理", "履职效益", "投入管理", "财务管理", "项目管理", "资产管理",
    "经济效益", "社会效益", "环境效益", "生态效益", "长效管理", "人力资源", "部门协助", "配套设施", "信息共享",
    "预算执行率", "数量", "质量", "时效", "成本", "满意度", "其它", "其他",
)
_WEIGHT_MARK = re.compile(r"[(（]\d+(?:\.\d+)?分?[)）]")

# header words → column role, first match wins
_HEADER_ROLES: tuple[tuple[str, str], ...] = (
    ("前年", EXTRA), ("上年", EXTRA), ("近两年", EXTRA), ("2018", EXTRA), ("2019", EXTRA),
    ("一级", LEVEL1), ("二级", LEVEL2), ("三级", LEVEL3), ("指标名称", LEVEL3), ("目标名称", LEVEL3),
    ("实际", ACTUAL), ("得分", SCORE), ("分值", WEIGHT), ("权重", WEIGHT),
    ("预期", TARGET), ("预计", TARGET), ("目标值", TARGET), ("指标值确定", EXTRA), ("指标值", TARGET),
    ("描述", EXTRA), ("内容", EXTRA), ("依据", EXTRA), ("标准", EXTRA), ("度量单位", EXTRA), ("计量单位", EXTRA),
)


def is_header(line: Line) -> bool:
    text = fold(line.text)
    return "一级指" in text and "二级指" in text


def _strip_weight(text: str) -> str:
    return _WEIGHT_MARK.sub("", fold(text))


def level_name(text: str, names: tuple[str, ...]) -> tuple[str, str] | None:
    """(level name, the rest of the cell as printed) where the cell starts with a level name."""
    key = _strip_weight(text)
    for name in names:
        if key.startswith(name):
            return name, _printed_tail(text, name)
    return None


def _printed_tail(text: str, name: str) -> str:
    for end in range(len(text) + 1):
        if _strip_weight(text[:end]) == name:
            return re.sub(r"^\s*[(（]\s*\d+(?:\.\d+)?\s*分?\s*[)）]", "", text[end:]).strip()
    return ""

# how a complete header of a column without a field ends (a header cut short, 指标值确定, does not)
_HEADER_ENDS = ("描述", "依据", "标准", "单位", "内容", "说明", "年", "值", ")")


def is_extra(role: str | None) -> bool:
    return role is not None and role.startswith(EXTRA)


def header_role(text: str) -> str | None:
    key = fold(text)
    role = next((r for word, r in _HEADER_ROLES if word in key), None)
    return EXTRA + key if role == EXTRA else role


def header_roles(line: Line) -> list[str]:
    """The grid's columns in printed order. Cells naming no column are passed
    over: a row label left of the grid (四、年度绩效指标完成情况), the second half
    of a header split over two cells (三级 | 指标), an OCR slip (三组 | 及指标)."""
    roles: list[str] = []
    for tok in filled(tokens(line)):
        role = header_role(tok.text)
        if role is None or (roles and roles[-1] == role):
            continue
        roles.append(role)
    if LEVEL3 not in roles and LEVEL2 in roles:
        roles.insert(roles.index(LEVEL2) + 1, LEVEL3)
    return roles


def column_roles(line: Line) -> dict[int, str]:
    """Column → role of a header with positions (unknown cells take the role on their left)."""
    out: dict[int, str] = {}
    previous: str | None = None
    for tok in tokens(line):
        if tok.col is None:
            return {}
        role = header_role(tok.text) if tok.text else None
        if role is None and tok.text:
            role = previous
        if role is not None:
            out[tok.col] = role
            previous = role
    return out


def is_header_continuation(line: Line) -> bool:
    """A second header line (近两年指标值 | 预期当年实现值, 2018 年 | 2019 年)."""
    texts = [t.text for t in filled(tokens(line))]
    return bool(texts) and all(header_role(t) is not None for t in texts)


@dataclass(slots=True)
class IndicatorReader:
    """Reads the rows under one indicator header into `Indicator`s."""

    roles: list[str]
    evaluation: bool  # a self-evaluation grid (ends with 得分): trailing cells are target/actual/score
    columns: dict[int, str] = field(default_factory=dict)  # header column → role, where positions are known
    indicators: list[Indicator] = field(default_factory=list)
    level1: str | None = None
    level2: str | None = None
    _open: list[str] = field(default_factory=list)  # roles the last indicator has yet to fill
    _last_number: int | None = None

    def add(self, line: Line) -> None:
        cells = [t.text for t in filled(tokens(line))]
        if not cells:
            return
        if is_header_continuation(line):
            return
        if positional(line) and len(cells) < 3 and self.indicators and not self._names_level(cells[0]) \
                and not self._fills_name_column(line):
            self._continue(line, cells)  # a wrapped row: 95% / 调查问卷
            return
        self._row(self._with_gaps(line) if self.columns and all(c.col is not None for c in line.cells)
                  else cells)

    def _with_gaps(self, line: Line) -> list[str]:
        """A grid row's cells, an empty one kept (as "") under each column the header
        names past the levels, so the cells after it keep their columns (an
        indicator with no 指标值 or no 绩效指标描述 printed)."""
        cells = [t.text for t in tokens(line)
                 if t.text or self.columns.get(t.col) not in (None, LEVEL1, LEVEL2)]
        while cells and not cells[-1]:
            cells.pop()
        return cells

    def _fills_name_column(self, line: Line) -> bool:
        name_cols = [c for c, r in self.columns.items() if r == LEVEL3]
        return bool(name_cols) and any(t.col == name_cols[0] and t.text for t in tokens(line))

    def extend_header(self, cells: list[str]) -> bool:
        """Header cells wrapped below the header line (指标值确定 / 依据): a
        column the row cells will fill. False when the cells are not headers."""
        if self.indicators or not cells or not all(header_role(c) for c in cells):
            return False
        for cell in cells:
            role = header_role(cell)
            if is_extra(role) and self.roles and is_extra(self.roles[-1]) \
                    and not self.roles[-1].endswith(_HEADER_ENDS):
                self.roles[-1] += fold(cell)  # the rest of a wrapped header: 指标值确定 / 依据
            elif role is not None and self.roles and self.roles[-1] != role:
                self.roles.append(role)
        return True

    def finish(self) -> list[Indicator]:
        """The indicators, with the level names a merged cell printed once
        (centred, so below some of its rows) given to all the rows it spans."""
        first1 = next((i.level1 for i in self.indicators if i.level1), None)
        for ind in self.indicators:
            if ind.level1 is not None:
                break
            ind.level1 = first1
        following: str | None = None
        following_level1: str | None = None
        for ind in reversed(self.indicators):
            if ind.level2 is not None:
                following, following_level1 = ind.level2, ind.level1
            elif following is not None and ind.level1 == following_level1:
                ind.level2 = following
        return self.indicators

    def add_stream(self, cells: list[str]) -> None:
        """Space-split text: cells in printed order, rows not marked. Level
        names open a row (a second 二级 name is the indicator's own name:
        服务对象满意度指标 | 服务对象满意度指标 | 服务对象满意度…)."""
        for cell in cells:
            names_level = self._names_level(cell)
            if names_level and self._pending_levels_only():
                ind = self.indicators[-1]
                found1 = level_name(cell, _LEVEL1_NAMES)
                if found1 is not None and ind.level2 is None and not found1[1]:
                    ind.level1 = self.level1 = found1[0]
                    continue
                found2 = level_name(cell, _LEVEL2_NAMES)
                if found2 is not None and ind.level2 is None:
                    ind.level2 = self.level2 = found2[0]
                    if found2[1]:
                        self._fill(ind, [found2[1]])
                    continue
                self._fill(ind, [cell])
            elif names_level or not self.indicators or not self._open:
                self._row([cell])
            else:
                self._fill(self.indicators[-1], [cell])

    def _pending_levels_only(self) -> bool:
        if not self.indicators:
            return False
        ind = self.indicators[-1]
        return ind.level3 is None and ind.target is None and ind.actual is None and ind.score is None \
            and len(self._open) == len([r for r in self.roles if r not in (LEVEL1, LEVEL2)])

    def _names_level(self, cell: str) -> bool:
        return level_name(cell, _LEVEL1_NAMES) is not None or level_name(cell, _LEVEL2_NAMES) is not None

    def _row(self, cells: list[str]) -> None:
        level1, level2 = self.level1, self.level2
        named1 = named2 = False
        rest: list[str] = []
        for cell in cells:
            # a level name opens a cell (产出指标(40) 质量指标 / 社会效益指标使用效果) or,
            # in grids that print the indicator's name first (硚口 表十), stands alone
            levels_first = self.roles[:1] in ([LEVEL1], [LEVEL2])
            anywhere = (not rest and levels_first) or _strip_weight(cell) in _LEVEL1_NAMES + _LEVEL2_NAMES
            found1 = level_name(cell, _LEVEL1_NAMES) if anywhere and not named1 and not named2 else None
            if (found1 is not None or (anywhere and not named2 and level_name(cell, _LEVEL2_NAMES)))\
                    and rest and self.roles[:1] == [LEVEL1]:
                rest = []  # debris left of the grid's first column (m 左庇娃故北)
            if found1 is not None:
                level1, tail = found1
                level2, named1 = None, True
                found2 = level_name(tail, _LEVEL2_NAMES) if tail else None
                if found2 is not None:
                    (level2, tail), named2 = found2, True
                if tail:
                    rest.append(tail)
                continue
            found2 = level_name(cell, _LEVEL2_NAMES) if anywhere and not named2 else None
            if found2 is not None:
                (level2, tail), named2 = found2, True
                if tail:
                    rest.append(tail)
                continue
            if not rest and not named1 and not named2 and _is_row_label(cell):
                continue
            rest.append(cell)
        self.level1, self.level2 = level1, level2
        ind = Indicator(level1=level1, level2=level2)
        self.indicators.append(ind)
        self._open = [r for r in self.roles if r not in (LEVEL1, LEVEL2)]
        self._fill(ind, rest)

    def _fill(self, ind: Indicator, cells: list[str]) -> None:
        roles = self._open
        if len(cells) > len(roles) and LEVEL3 in roles:
            # more cells than columns: a name or a target come apart. The columns
            # after the name take the last cells; the name takes what is left
            # (a self-evaluation) or its first cell (a target table, whose extra
            # cells are earlier years' values)
            at = roles.index(LEVEL3)
            after = roles[at + 1:]
            tail = cells[len(cells) - len(after):] if after else []
            head = cells[: len(cells) - len(after)]
            for role, cell in zip(roles[:at], head, strict=False):
                self._set(ind, role, cell)
            head = head[at:]
            self._set(ind, LEVEL3, "".join(head) if self.evaluation else head[0])
            for role, cell in zip(after, tail, strict=True):
                self._set(ind, role, cell)
            self._open = []
            return
        for role, cell in zip(roles, cells, strict=False):
            self._set(ind, role, cell)
        self._open = roles[len(cells):]

    def _continue(self, line: Line, cells: list[str]) -> None:
        """A line of cells wrapped from the row above: each joins the column its
        position says, where the header gives positions that make sense for it;
        else the row's columns still open take them in order."""
        ind = self.indicators[-1]
        roles = [self.columns.get(t.col) for t in filled(tokens(line)) if t.col is not None]
        if roles and len(roles) == len(cells) and all(r in (LEVEL3, TARGET, ACTUAL) or is_extra(r) for r in roles):
            for role, cell in zip(roles, cells, strict=True):
                current = ind.texts.get(role) if is_extra(role) else getattr(ind, role)
                if current is not None:
                    self._set(ind, role, current + cell.strip())
                else:
                    self._set(ind, role, cell)
            return
        if self._open and is_extra(self._open[0]) and self._open[1:2] == [TARGET] and len(fold(cells[0])) <= 12:
            self._open = self._open[1:]  # a short value is the target, not a description
        if self._open:
            self._fill(ind, cells)

    def _set(self, ind: Indicator, role: str, text: str) -> None:
        text = join_wrapped(text.strip())
        if is_extra(role):
            if text:
                ind.texts[role] = text
        elif role == LEVEL3:
            ind.level3 = text or None
        elif role == TARGET:
            ind.target = text or None
        elif role == ACTUAL:
            ind.actual = text or None
        elif role in (WEIGHT, SCORE):
            value = _number(text)
            if role == WEIGHT:
                ind.weight = value
            else:
                ind.score = value


def _is_row_label(cell: str) -> bool:
    """Labels and OCR debris printed left of the grid (四、年度绩效指标完成情况, 标完成情况, l)."""
    key = fold(cell)
    return "完成情况" in key or key.startswith("四、") or len(key) <= 1 or not has_cjk(key)


def _number(text: str) -> Decimal | None:
    t = text.strip().rstrip("分").strip()
    try:
        return parse_amount(t)
    except ValueError:
        return None
