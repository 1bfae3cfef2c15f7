"""Printed column headers of a classification-coded table → the contract's column keys.

Headers are printed over one to many lines: a group label (基本支出) over its
sub-columns (小计, 工资福利支出 …), labels wrapped inside a cell (上缴上 / 级支出),
a 栏次 numbering line. Two ways to read them:

- by position (`positional_columns`), when cells keep their columns (tab text,
  grid readers): each value column's leaf is the lowest label printed at its
  position, its group the label above whose span covers it;
- by sequence (`sequence_columns`), when positions are lost (space-split text)
  or the printed positions contradict themselves: the labels in reading order,
  found by scanning the squashed header text for known labels, with trailing
  sub-labels (小计, 其中：…) attached to the group that can hold them.

The result is a list of `ColumnSpec`s and the arithmetic the columns obey
(`relations`: total = Σ parts, group = Σ its sub-columns), which
`coded_shift` uses to place cells whose column was lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from cnbudget.model.table_types import TABLE_TYPES
from cnbudget.normalise.text import fold
from cnbudget.recognise.lines import has_cjk
from cnbudget.recognise.tables.other import is_count_header

EXTRA = "extra:"

# Labels that name no value column (code/name/numbering columns, captions).
_SKIP = (
    "功能分类科目编码", "经济分类科目编码", "部门预算经济分类", "政府预算经济分类",
    "功能科目编码", "功能科目名称", "经济科目编码", "经济科目名称", "功能科目代码", "经济科目代码",
    "单位(科目名称)", "功能科目分类", "功能分类科目", "经济分类科目", "功能分类", "经济分类",
    "科目编码", "科目代码", "科目名称", "单位编码", "单位名称", "目编码", "栏次", "行次",
    "序号", "项目", "科目", "编码", "代码", "名称", "类", "款", "项", "单位",
)

# label → (key, can hold sub-columns). Longest first when scanning.
_VALUE_LABELS: dict[str, tuple[str, bool]] = {
    "本年收入合计": ("total", False),
    "本年支出合计": ("total", False),
    "合计": ("total", False),
    "总计": ("total", False),
    "预算数": ("total", False),
    "决算数": ("total", False),
    "本年预算数": ("total", False),
    "本年决算数": ("total", False),
    "金额": ("total", False),
    "财政拨款收入": ("fiscal", True),
    "财政拨款": ("fiscal", True),
    "一般公共预算财政拨款": ("fiscal_general", True),
    "一般公共预算": ("fiscal_general", True),
    "政府性基金预算财政拨款": ("fiscal_fund", False),
    "政府性基金预算": ("fiscal_fund", False),
    "国有资本经营预算财政拨款": ("fiscal_state_capital", False),
    "国有资本经营预算": ("fiscal_state_capital", False),
    "财政专户管理的非税收入": ("special_account", False),
    "财政专户管理的收入": ("special_account", False),
    "财政专户管理资金收入": ("special_account", False),
    "上级补助收入": ("superior_subsidy", False),
    "事业单位经营收入": ("operating", False),
    "事业收入": ("business", True),
    "经营收入": ("operating", False),
    "附属单位上缴收入": ("subsidiary_remittance", False),
    "其他各项收入": ("other", False),
    "其他收入": ("other", False),
    "上年结转": ("carryover", False),
    "基本支出": ("basic", True),
    "项目支出": ("project", True),
    "上缴上级支出": ("remit_superior", False),
    "事业单位经营支出": ("operating", False),
    "经营支出": ("operating", False),
    "对附属单位补助支出": ("subsidy_subsidiary", False),
    "人员经费": ("personnel", False),
    "日常公用经费": ("public", False),
    "公用经费": ("public", False),
    "年初结转和结余": ("carryover_begin", False),
    "年末结转和结余": ("carryover_end", False),
    "本年收入": ("income", False),
    "本年支出": ("total", True),
    "小计": ("", False),
}

# Other templates' words for a label: a stem and the endings it is printed
# with (一般公共预算拨款, 政府性基金拨款, 上年结转结余 …). Each form reads as its
# label, so a header cell holds one label however the template words it.
_WORDINGS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "一般公共预算": (("一般公共预算", "一般公共"), ("拨款", "拨款收入", "资金", "收入", "财政拨款收入")),
    "政府性基金预算": (("政府性基金预算", "政府性基金"), ("", "拨款", "拨款收入", "资金", "收入", "财政拨款收入")),
    "国有资本经营预算": (("国有资本经营预算", "国有资本经营"), ("", "拨款", "拨款收入", "资金", "收入", "财政拨款收入")),
    "上年结转": (("上年结转", "上年"), ("结余", "和结余", "结转结余", "结转和结余", "结余资金", "结转资金")),
    "年初结转和结余": (("年初结转",), ("", "结余")),
    "年末结转和结余": (("年末结转", "年终结转"), ("", "结余")),
}
for _label, (_stems, _endings) in _WORDINGS.items():
    for _stem in _stems:
        for _ending in _endings:
            _VALUE_LABELS.setdefault(_stem + _ending, _VALUE_LABELS[_label])
# a key the table type names otherwise (gov_fund's 上年结转 is the year's opening balance)
_TYPE_KEYS: dict[str, dict[str, str]] = {
    "gov_fund": {"carryover": "carryover_begin"},
    "operating_cost": {"total": "amount"},
}
# a header cell ending so names a code or name column (支出功能分类科目, 单位代码)
_LABEL_COLUMN_ENDINGS = ("科目", "科目编码", "科目代码", "科目名称", "编码", "代码", "名称", "序号")

# Sub-columns printed under 基本支出 / 项目支出 in some templates (河南: by economic
# category and by kind of project). Known so that a header read as one run of
# text (space-split, wrapped) still splits into its columns; keyed extra:<label>.
_SUB_LABELS = (
    "工资福利支出", "商品和服务支出", "商品服务支出", "对个人和家庭的补助支出", "对个人和家庭的补助",
    "资本性支出", "债务利息及费用支出", "对企业补助", "其他支出",
    "社会事业和经济发展项目", "债务项目", "基本建设项目", "其他项目",
)

# Budget columns printed beside a final account's figures (年初预算数 | 调整预算数 | 决算数),
# last year's beside this year's (上年决算数 | 本年决算数):
# one label each (not 年初 + 预算数), a column of its own, keyed extra:<label>.
_BUDGET_LABELS = ("年初预算数", "调整预算数", "调整后预算数", "全年预算数", "预算调整数", "上年决算数",
                  "上年预算数", "上年执行数")

_SUBSET = re.compile(r"^其中[:：]?")
# Tables whose rows are all 一般公共预算 (or all 基本支出): those words head the
# whole table, not a column of their own.
_WHOLE_TABLE_GROUPS: dict[str, frozenset[str]] = {
    "general_public": frozenset({"一般公共预算", "一般公共预算财政拨款", "财政拨款"}),
    "general_public_basic": frozenset({"一般公共预算", "一般公共预算财政拨款", "财政拨款", "基本支出"}),
    "fiscal_basic": frozenset({"财政拨款", "基本支出"}),
    "fiscal_expenditure": frozenset({"财政拨款"}),
    "gov_fund": frozenset({"政府性基金预算", "政府性基金预算财政拨款"}),
    "state_capital": frozenset({"国有资本经营预算", "国有资本经营预算财政拨款"}),
    "operating_cost": frozenset({"机关运行经费", "机关运行经费支出", "机关运行经费预算"}),
}
# Columns that are not parts of the row's total (balances around the year's spending),
# whether the type keys them (gov_fund) or keeps them as `extra:` (一般公共预算支出决算表).
_NOT_PARTS = frozenset({"carryover_begin", "income", "carryover_end"})

_SCAN = re.compile(
    "|".join(re.escape(s) for s in sorted({*_SKIP, *_VALUE_LABELS, *_SUB_LABELS, *_BUDGET_LABELS,
                                           "其中:", "其中"},
                                           key=len, reverse=True))
)


def label_text(text: str) -> str:
    """A header cell as a label: spaces removed (wrapping), printed characters kept."""
    return re.sub(r"\s+", "", text)


def is_value_label(text: str) -> bool:
    """A cell that names an amount column (合计, 基本支出 …), not a code or name column."""
    labels = scan_labels(text)
    return bool(labels) and labels[0] not in _SKIP


def is_label_cell(text: str) -> bool:
    """A cell made only of known labels (科目名称 小计 基本支出 counts; 上缴上 does not)."""
    key = fold(label_text(text))
    if not key:
        return False
    rest = _SCAN.sub("", key)
    return not has_cjk(rest) and not any(ch.isdigit() for ch in rest)


def scan_labels(text: str) -> list[str]:
    """The known labels in squashed header text, in order; stretches between
    them that hold Chinese become labels of their own (an unknown sub-column).
    A caption word touching such a stretch is part of it (社会事业和经济发展项目
    is one label, not 社会事业和经济发展 + 项目)."""
    key = fold(label_text(text))
    pieces: list[tuple[str, bool]] = []  # (text, known)
    pos = 0
    for m in _SCAN.finditer(key):
        if m.start() > pos:
            pieces.append((key[pos:m.start()], False))
        pieces.append((m.group(0), True))
        pos = m.end()
    if pos < len(key):
        pieces.append((key[pos:], False))
    merged: list[tuple[str, bool]] = []
    for piece, known in pieces:
        if merged and _absorbs(merged[-1], (piece, known)):
            merged[-1] = (merged[-1][0] + piece, False)
        else:
            merged.append((piece, known))
    out = [p for p, known in merged if known or has_cjk(p)]
    # 其中 + the label after it is one subset label (其中：财政专户收入)
    # but 其中 over the parts of the total (其中：基本支出 | 项目支出) is only a caption
    joined: list[str] = []
    for label in out:
        if joined and joined[-1] in ("其中", "其中:"):
            if _VALUE_LABELS.get(label, ("", False))[0] in _TOTAL_PARTS:
                joined[-1] = label
            else:
                joined[-1] = "其中：" + label
        else:
            joined.append(label)
    return [lab for lab in joined if lab not in ("其中", "其中:") and not _names_label_column(lab)]


def _names_label_column(label: str) -> bool:
    """An unknown label that ends in a caption word of the code or name columns."""
    return label not in _SKIP and label not in _VALUE_LABELS and label.endswith(_LABEL_COLUMN_ENDINGS)


# columns that split a row's total (a 其中 printed over them is a caption)
_TOTAL_PARTS = frozenset({"basic", "project", "remit_superior", "operating", "subsidy_subsidiary",
                          "personnel", "public"})


def _absorbs(left: tuple[str, bool], right: tuple[str, bool]) -> bool:
    """An unknown stretch and a caption word next to it make one label."""
    (ltext, lknown), (rtext, rknown) = left, right
    if not lknown and has_cjk(ltext):
        return not rknown or rtext in _SKIP
    return lknown and ltext in _SKIP and not rknown and has_cjk(rtext) and ltext in _INNER_WORDS


# caption words that also end or start ordinary names (债务项目, 机关事业单位)
_INNER_WORDS = frozenset({"项目", "单位", "项", "款", "类", "名称", "代码", "编码"})


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    key: str  # contract key or "extra:<printed header>"
    label: str  # the printed leaf label
    parent: str | None = None  # key of the group column it is a part of
    subset: bool = False  # a 其中 column: part of its parent, not added into it


@dataclass(frozen=True, slots=True)
class Relation:
    whole: str
    parts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Label:
    text: str  # matching form
    printed: str


class _KeyMaker:
    """Assigns keys to leaves in column order, one key per column."""

    def __init__(self, table_type: str) -> None:
        self.table_type = table_type
        self.used: set[str] = set()
        self.columns: list[ColumnSpec] = []

    def group_key(self, group: str | None) -> str | None:
        if group is None:
            return None
        if group in _WHOLE_TABLE_GROUPS.get(self.table_type, frozenset()):
            return "total"
        entry = _VALUE_LABELS.get(group)
        return entry[0] if entry and entry[1] else None

    def add(self, leaf: _Label, group: str | None) -> None:
        parent = self.group_key(group)
        if _SUBSET.match(leaf.text):
            self._push(EXTRA + leaf.printed, leaf.printed, parent, subset=True)
            return
        if leaf.text == "小计":
            key = self._own(parent or "total", leaf.printed)
            self._push(key, leaf.printed, None if key == parent else parent)
            return
        entry = _VALUE_LABELS.get(leaf.text)
        if leaf.text in _WHOLE_TABLE_GROUPS.get(self.table_type, frozenset()):
            entry = ("total", False)
        key = self._own(self._type_key(entry[0]), leaf.printed) if entry else EXTRA + leaf.printed
        self._push(key, leaf.printed, parent if parent != key else None)

    def _type_key(self, key: str) -> str:
        return _TYPE_KEYS.get(self.table_type, {}).get(key, key)

    def finished(self) -> list[ColumnSpec]:
        """The columns; where a 预算数 and a 决算数 are printed side by side (机关运行经费
        决算表: 项目 | 预算数 | 决算数), the 决算数 is the table's figure and the 预算数 is
        kept as `extra:预算数`, whichever is printed first."""
        final = next((c for c in self.columns if fold(c.label) == "决算数" and c.key.startswith(EXTRA)), None)
        budget = next((c for c in self.columns if fold(c.label) == "预算数" and not c.key.startswith(EXTRA)), None)
        if final is None or budget is None or any(c.parent == budget.key for c in self.columns):
            return self.columns
        swapped = {id(final): budget.key, id(budget): EXTRA + budget.label}
        return [replace(c, key=swapped[id(c)]) if id(c) in swapped else c for c in self.columns]

    def _own(self, key: str, printed: str) -> str:
        """A key the table type has; a label known elsewhere (年初结转和结余 over a
        一般公共预算支出决算表) is a column this type has no key for: `extra:<header>`."""
        ttype = TABLE_TYPES.get(self.table_type)
        if ttype is None or not key or key in ttype.value_keys:
            return key
        return EXTRA + printed

    def _push(self, key: str, printed: str, parent: str | None, subset: bool = False) -> None:
        if key in self.used:
            # a second 小计/合计 duplicating a column already keyed
            key = key if key.startswith(EXTRA) else EXTRA + printed
            base, n = key, 2
            while key in self.used:
                key, n = f"{base}#{n}", n + 1
        self.used.add(key)
        self.columns.append(ColumnSpec(key, printed, parent, subset))


def _leaf_or_group(text: str) -> _Label | None:
    key = fold(text)
    if not key or key in _SKIP:
        return None
    return _Label(key, label_text(text))


def positional_columns(
    header: list[list[tuple[int, int, str]]], first: int, count: int, table_type: str
) -> list[ColumnSpec] | None:
    """Columns from header cells that keep their places.

    `header` holds, per header line, (column, span, text) of its non-empty
    cells; value columns are `first` … `first + count - 1`. Returns None when
    the printed positions do not give one single label per value column (a
    cell holding several labels, a column with none).
    """
    maker = _KeyMaker(table_type)
    for pos in range(first, first + count):
        leaf: _Label | None = None
        leaf_line = -1
        for depth, cells in enumerate(header):
            for col, _span, text in cells:
                if col == pos:
                    leaf, leaf_line = _leaf_or_group(text), depth
        if leaf is None:
            return None
        if len(scan_labels(leaf.printed)) != 1:
            return None
        group: str | None = None
        for cells in header[:leaf_line]:
            for col, span, text in _with_spans(cells):
                if col <= pos < col + span:
                    g = _leaf_or_group(text)
                    if g is not None and maker.group_key(g.text) is not None:
                        group = g.text
        maker.add(leaf, group)
    return maker.finished()


def _with_spans(cells: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Tab text gives no spans: a label covers its place up to the next label."""
    out: list[tuple[int, int, str]] = []
    ordered = sorted(cells)
    for i, (col, span, text) in enumerate(ordered):
        if span == 0:
            nxt = ordered[i + 1][0] if i + 1 < len(ordered) else 10**6
            span = nxt - col
        out.append((col, span, text))
    return out


def sequence_columns(header_text: list[str], table_type: str) -> list[ColumnSpec]:
    """Columns from labels in reading order (space-split text, or positions
    that contradict themselves). The header lines are read as one text: a
    label wrapped over two lines (上缴上 / 级支出) joins up again."""
    labels = [lab for lab in scan_labels("".join(header_text)) if lab not in _SKIP]
    maker = _KeyMaker(table_type)
    # sub-labels (小计, 其中…, unknown) printed after the top-level labels
    # belong to the groups that can hold them, in order
    tops: list[_Label] = []
    subs: list[_Label] = []
    for lab in labels:
        is_sub = lab == "小计" or bool(_SUBSET.match(lab)) or (lab not in _VALUE_LABELS and lab not in _BUDGET_LABELS)
        if (is_sub and tops) or subs:
            subs.append(_Label(lab, lab))
        else:
            tops.append(_Label(lab, lab))
    whole = _WHOLE_TABLE_GROUPS.get(table_type, frozenset())
    groups = [t for t in tops if maker.group_key(t.text) not in (None, "total") or t.text in whole
              or _VALUE_LABELS.get(t.text) == ("total", True)]
    assignment: dict[int, list[_Label]] = {}
    runs = _split_runs(subs)
    free = list(groups)
    for k, run in enumerate(runs):
        if not free:
            tops.extend(run)  # sub-labels with no group to hold them: columns of their own
            continue
        group = _hinted_group(run, free) or free[max(0, len(free) - (len(runs) - k))]
        assignment[id(group)] = run
        free.remove(group)
    for top in tops:
        run = assignment.get(id(top))
        if run:
            for leaf in run:
                maker.add(leaf, top.text)
        elif top.text in whole and len(tops) > 1:
            continue  # a caption over the whole table
        else:
            maker.add(top, None)
    return maker.finished()


# 其中 columns whose group the words tell (seed 000: 其中：财政专户收入 under 事业收入)
_SUBSET_HINTS: tuple[tuple[str, str], ...] = (("财政专户", "事业收入"), ("财政拨款", "一般公共预算"))


def _hinted_group(run: list[_Label], groups: list[_Label]) -> _Label | None:
    for lab in run:
        for word, group in _SUBSET_HINTS:
            if word in lab.text:
                found = next((g for g in groups if g.text.startswith(group)), None)
                if found is not None:
                    return found
    return None


def _split_runs(subs: list[_Label]) -> list[list[_Label]]:
    """Sub-labels in groups: each run starts at a 小计."""
    runs: list[list[_Label]] = []
    for lab in subs:
        if lab.text == "小计" or not runs:
            runs.append([lab])
        else:
            runs[-1].append(lab)
    return runs


def _not_a_part(column: ColumnSpec) -> bool:
    """A balance column (年初结转和结余, 本年收入, 年末结转和结余), a budget column beside
    the final figures (年初预算数), a change on last year (增减) or a count (人数): no part
    of the total."""
    label = fold(column.label)
    return column.key in _NOT_PARTS or _VALUE_LABELS.get(label, ("", False))[0] in _NOT_PARTS \
        or label in _BUDGET_LABELS or (column.key.startswith(EXTRA) and (is_count_header(label) or "增减" in label))


def relations(columns: list[ColumnSpec], table_type: str) -> list[Relation]:
    """The sums the columns obey: each group = Σ its sub-columns; total = Σ top-level parts."""
    keys = {c.key for c in columns}
    out: list[Relation] = []
    for group in dict.fromkeys(c.parent for c in columns if c.parent):
        parts = tuple(c.key for c in columns if c.parent == group and not c.subset)
        if group in keys and parts:
            out.append(Relation(group, parts))
    if "total" in keys:
        parts = tuple(
            c.key for c in columns
            if c.key != "total" and not c.subset and not _not_a_part(c)
            and (c.parent is None or c.parent not in keys or c.parent == "total")
        )
        if parts:
            out.append(Relation("total", parts))
    return out
