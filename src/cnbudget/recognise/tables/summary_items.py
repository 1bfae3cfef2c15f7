"""What a summary's printed label is: its contract item, and the row it details.

A side of a summary (收入, or one expenditure panel) and an income table
printed as an item list are lists of labels. Each label maps to the
contract's item (`fiscal_general`, `func:201`, `expenditure_total` …) by
its words; its place in the list comes from its list numbering (一、 above
（一） above 1. above （1）, `其中：` under the line above), whatever style a
template starts with. A row under another row details it: it keeps its
printed name, names its parent (the parent's item, or its printed name
where the parent has none) and has no item of its own, unless the contract
lists it as a part (一般公共预算 under 财政拨款; a category under 基本支出).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cnbudget.normalise.classification import (
    economic_code_for_name,
    functional_category_for_prefix,
    functional_code_for_name,
)
from cnbudget.normalise.text import fold
from cnbudget.recognise.lines import label_key

INCOME = "income"
EXPENDITURE = "expenditure"
ECON = "econ"  # an expenditure panel listing economic categories
FUNC = "func"

_INCOME_ITEMS: tuple[tuple[str, str], ...] = (
    # (pattern on the label key, item); first match wins
    (r"^(?:本年)?收入总计$|^总计$|^收入总合计$", "grand_total"),
    (r"^(?:当年|本年)收入(?:小计)?$", "income_total"),  # Jiangsu: 当年收入小计 + 上年结转 = 收入合计
    (r"^本年收入合计$|^收入合计$|^收入小计$", "income_total"),
    (r"^合计$", "income_total"),
    (r"用事业基金弥补|使用非财政拨款结余|动用事业基金|使用(?:专用)?结余", "use_of_reserves"),
    (r"^(?:年初|上年)(?:财政拨款)?结[转余]", "carryover_begin"),
    (r"^(?:一般)?公共预算(?:财政)?拨款|^一般公共预算(?:收入|资金)?$|^一般公共预算财政拨款", "fiscal_general"),
    (r"^政府性基金预算(?:财政拨款)?|^政府性基金(?:收入|资金)?$", "fiscal_fund"),
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
    (r"^(?:本年)?支出总计$|^总计$|^支出总合计$", "grand_total"),
    (r"^(?:当年|本年)支出小计$", "expenditure_total"),
    (r"^本年支出合计$|^支出合计$|^支出小计$", "expenditure_total"),
    (r"^合计$", "expenditure_total"),
    (r"^结余分配$", "surplus_distribution"),
    (r"^(?:年末|年终)(?:财政拨款)?结[转余]|^结转下年", "carryover_end"),
    (r"^基本支出$", "basic"),
    (r"^项目支出$", "project"),
)

YEAR_TOTAL = {INCOME: "income_total", EXPENDITURE: "expenditure_total"}
TOTALS = frozenset({"grand_total", "income_total", "expenditure_total"})
FISCAL_PARTS = frozenset({"fiscal_general", "fiscal_fund", "fiscal_state_capital"})
# balance lines a template breaks down by fund on the lines below (公开04表 年初财政拨款结转和结余)
BALANCE_ITEMS = frozenset({"carryover_begin", "carryover_end"})
# what a category row may be printed under and still be the category
_CATEGORY_PARENTS = frozenset({"basic", "project"})

# list numbering styles, outermost first as most templates use them
_STYLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("一、", re.compile(r"^[一二三四五六七八九十]+\s*[、.．,，]")),
    ("（一）", re.compile(r"^[(（][一二三四五六七八九十]+[)）]")),
    ("1.", re.compile(r"^\d+\s*[、.．](?!\d)")),
    ("（1）", re.compile(r"^[(（]\d+[)）]")),
    ("其中", re.compile(r"^其中\s*[:：]?")),
)
SIDE_WORDS = re.compile(r"^(?:[一二三四五六七八九十]+[、.])?(?:收入|支出)(?:项目|部分)?$")
_PART_KINDS = re.compile(r"^(?:[一二三四五六七八九十]+[、.])?(?:(?:经济|功能)分类(?:科目)?支出|支出(?:经济|功能)分类(?:科目)?)$")


def income_item(key: str) -> str | None:
    if key.endswith("支出"):
        return None  # 国有资本经营预算支出 is a functional category, not the income
    for pattern, item in _INCOME_ITEMS:
        if re.search(pattern, key):
            return item
    if key.endswith("小计") and len(key) > 2:
        return income_item(key[:-2])  # a group's subtotal named with it: 一般公共预算资金小计
    return None


def expenditure_item(key: str) -> str | None:
    for pattern, item in _EXPENDITURE_ITEMS:
        if re.search(pattern, key):
            return item
    return None


def category_item(label: str, kind: str | None) -> str | None:
    """`func:<类>` / `econ:<类>` for a category printed by name."""
    lookups = [("econ", economic_code_for_name), ("func", functional_code_for_name)]
    if kind != ECON:
        lookups.reverse()
    for prefix, lookup in lookups:
        code = lookup(label)
        if code is not None and len(code) == 3:
            return f"{prefix}:{code}"
    code = functional_category_for_prefix(label) if kind != ECON else None
    return f"func:{code}" if code else None


def looks_income(key: str) -> bool:
    return "收入" in key or income_item(key) not in (None, "grand_total", "income_total")


def looks_expenditure(key: str) -> bool:
    return key.endswith("支出") or expenditure_item(key) not in (None, "grand_total", "expenditure_total")


def side_of_label(label: str) -> str | None:
    key = label_key(label)
    if looks_expenditure(key) and not looks_income(key):
        return EXPENDITURE
    if looks_income(key) and not looks_expenditure(key):
        return INCOME
    return None


def is_side_heading(label: str) -> bool:
    """A line naming a side only (收入 / 二、支出): a heading, not a row."""
    return part_heading(label) is not None


def part_heading(label: str) -> tuple[str, str | None] | None:
    """(side, kind) of a line heading a part of a summary printed one part
    below the other: 收入, 支出, 经济分类支出, 功能分类支出 (支出功能分类)."""
    text = fold(label)
    if SIDE_WORDS.match(text):
        return (EXPENDITURE if "支出" in text else INCOME), None
    kind = _PART_KINDS.match(text)
    if kind is None:
        return None
    return EXPENDITURE, ECON if "经济" in text else FUNC


def numbering_style(label: str) -> str | None:
    text = fold(label)
    return next((name for name, pattern in _STYLES if pattern.match(text)), None)


def is_item_label(label: str) -> bool:
    """A label a summary row may carry: a contract item, a numbered line or a category."""
    key = label_key(label)
    return bool(income_item(key) or expenditure_item(key) or key.endswith(("支出", "收入"))
                or (numbering_style(label) is not None and len(key) > 1))


@dataclass(slots=True)
class _Open:
    """A row that may have rows under it: its numbering style and how it is named."""

    style: str | None
    ref: str  # its item, or its printed name


@dataclass(slots=True)
class Placed:
    item: str | None
    parent: str | None


@dataclass(slots=True)
class ItemList:
    """One printed list of labels (a summary side or panel) read from the top."""

    side: str
    kind: str | None = None
    seen: set[str] = field(default_factory=set)
    _open: list[_Open] = field(default_factory=list)
    # the balance line (年初财政拨款结转和结余) whose funds are printed below it, by name
    _balance: str | None = None

    def item_of(self, label: str) -> str | None:
        key = label_key(label)
        item = income_item(key) if self.side == INCOME else expenditure_item(key)
        if item is None and self.side == EXPENDITURE:
            item = category_item(label, self.kind)
        return item

    def place(self, label: str) -> Placed:
        item = self.item_of(label)
        if item in TOTALS:
            return self._total(item)
        style = numbering_style(label)
        parent = self._parent_for(style, item)
        if parent is not None:
            item = item if _is_part(item, parent.ref, self.seen) else None
        elif item is not None and item in self.seen:
            # printed again: a part of the balance line above it (年初财政拨款结转和结余 /
            # 一般公共预算财政拨款 …, 公开04表), else below the total a detail of the first
            parent = _Open(None, self._balance) if self._balance and item in FISCAL_PARTS \
                else next((o for o in self._open if o.ref == item), _Open(None, item))
            item = None
        ref = item or label.strip()
        self._open.append(_Open(style, ref))
        if item is not None:
            self._balance = item if item in BALANCE_ITEMS else None
            self.seen.add(item)
        return Placed(item, parent.ref if parent else None)

    def place_under(self, label: str, parent: str) -> Placed:
        """A label printed under a group (a second label column): it details the group."""
        item = self.item_of(label)
        item = item if _is_part(item, parent, self.seen) else None
        if item is not None:
            self.seen.add(item)
        return Placed(item, parent)

    def _total(self, item: str) -> Placed:
        year_total = YEAR_TOTAL[self.side]
        if item == year_total and year_total in self.seen:
            item = "grand_total"  # 硚口 表一 prints 本年收入合计 again on the 总计 line
        self.seen.add(item)
        self._open.clear()
        self._balance = None
        return Placed(item, None)

    def _parent_for(self, style: str | None, item: str | None) -> _Open | None:
        """The open row this label is under, closing the rows it is a sibling of."""
        if style == "其中":
            if self._open and self._open[-1].style == "其中":
                self._open.pop()
            return self._open[-1] if self._open else None
        at = next((i for i, o in enumerate(self._open) if o.style == style), None)
        if at is not None:
            del self._open[at:]
            return self._open[-1] if self._open else None
        if style is None and item is not None and item not in self.seen and not _may_nest(item):
            self._open.clear()  # an unnumbered item of its own (用事业基金弥补收支差额): top level
            return None
        return self._open[-1] if self._open else None


def _may_nest(item: str) -> bool:
    return item in FISCAL_PARTS or item.startswith(("func:", "econ:"))


def _is_part(item: str | None, parent: str, seen: set[str]) -> bool:
    """Whether a row under `parent` keeps its own item: the contract lists it as a part."""
    if item is None or item in seen:
        return False
    if item in FISCAL_PARTS:
        return parent == "fiscal"
    if item.startswith(("func:", "econ:")):
        return parent in _CATEGORY_PARENTS or not parent.isascii()
    return False
