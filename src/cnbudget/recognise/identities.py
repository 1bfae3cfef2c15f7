"""The reader's verdict on its own reading: a table whose identities mostly fail
as read was most likely misread, not printed wrong.

Real tables obey their own identities: a row's 合计 = 基本支出 + 项目支出 (or
人员经费 + 公用经费), a 类 = Σ its 款 = Σ their 项, the 合计 row = Σ 类, the 三公
total = 出国 + 公务用车 + 接待. A department's own slip breaks one or two of
them; a misreading (amounts under the wrong headers, names paired with the next
row's codes, a lost column) breaks most. So where most of a table's checkable
identities fail beyond rounding, the table is marked `misread` and reported as a
`table.misread` problem, and the audit reports what rests on it as reading
problems instead of the department's errors.

Named steps: `identities` (every identity the table's rows make checkable, with
its verdict) → `verdict`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from cnbudget.model import Problem, Row, Table
from cnbudget.model.problems import problem_of
from cnbudget.model.table_types import (
    SUMMARY_EXPENDITURE_ITEMS,
    SUMMARY_INCOME_ITEMS,
    TABLE_TYPES,
    THREE_PUBLIC_ITEMS,
)
from cnbudget.normalise.amounts import UNIT_FACTORS
from cnbudget.normalise.classification import kind_of_code, names_match
from cnbudget.normalise.codes import parent_code

ZERO = Decimal(0)
EXTRA = "extra:"

# across a row: whole = Σ parts, per table type (the contract's column keys)
_ROW_SUMS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "expenditure": (("total", ("basic", "project", "remit_superior", "operating", "subsidy_subsidiary")),),
    "general_public": (("total", ("basic", "project")),),
    "fiscal_expenditure": (("total", ("basic", "project")),),
    "state_capital": (("total", ("basic", "project")),),
    "gov_fund": (("total", ("basic", "project")),),
    "general_public_basic": (("total", ("personnel", "public")),),
    "fiscal_basic": (("total", ("personnel", "public")),),
    "income": (("fiscal", ("fiscal_general", "fiscal_fund", "fiscal_state_capital")),),
}
# down the items: whole = Σ parts (three_public is keyed by item)
_ITEM_SUMS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "three_public": (
        ("total", ("outbound", "vehicle", "reception")),
        ("vehicle", ("vehicle_purchase", "vehicle_operation")),
        ("grand_total", ("total", "meeting", "training")),
    ),
}
# summary tables, per side: whole = Σ parts (items of that side; sub-items name a parent)
_SIDE_SUMS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("income", "grand_total", ("income_total", "use_of_reserves", "carryover_begin")),
    ("expenditure", "grand_total", ("expenditure_total", "surplus_distribution", "carryover_end")),
)
_INCOME_PARTS = ("superior_subsidy", "business", "special_account", "operating",
                 "subsidiary_remittance", "other")
_FISCAL_PARTS = ("fiscal_general", "fiscal_fund", "fiscal_state_capital")
_SUMMARIES = frozenset({"summary", "fiscal_summary"})
CODED = frozenset({"income", "expenditure", "general_public", "general_public_basic", "gov_fund",
                    "state_capital", "fiscal_expenditure", "fiscal_basic", "operating_cost"})
MIN_FAILED = 2  # one broken identity may well be the department's slip


ACROSS = "across"  # a row's total = its parts: tests the reading of the columns
DOWN = "down"  # a code = Σ its sub-codes, 合计 = Σ 类, items and sides: tests the rows


@dataclass(frozen=True, slots=True)
class Identity:
    family: str  # ACROSS or DOWN: each tests another part of the reading
    what: str  # how it reads, for the problem's detail: "2010301 合计 = 基本支出 + 项目支出"
    whole: Decimal
    parts: Decimal
    slack: Decimal

    @property
    def holds(self) -> bool:
        return abs(self.whole - self.parts) <= self.slack


def unit_factor(table: Table) -> Decimal:
    """Yuan per printed unit of the table's figures."""
    return UNIT_FACTORS.get(table.figures_unit or table.unit or "元", Decimal(1))


def _ulp(table: Table) -> Decimal:
    """One unit of the last digit the table prints, in yuan (from its values)."""
    factor = unit_factor(table)
    decimals = 0
    for row in table.rows:
        for value in row.values.values():
            if value is not None:
                exponent = (value / factor).normalize().as_tuple().exponent
                if isinstance(exponent, int):
                    decimals = max(decimals, -exponent)
    return factor * Decimal(1).scaleb(-min(decimals, 6))


def _make(what: str, whole: Decimal | None, parts: list[Decimal | None], ulp: Decimal,
          family: str = DOWN) -> Identity | None:
    if whole is None or all(p is None for p in parts):
        return None
    printed = 1 + sum(p is not None for p in parts)
    total = sum((p for p in parts if p is not None), ZERO)
    return Identity(family, what, whole, total, ulp / 2 * printed)


def _column(table: Table, key: str) -> str:
    """A column by its printed header, as the catalogue knows it."""
    ttype = TABLE_TYPES.get(table.type)
    column = ttype.column(key) if ttype else None
    return column.header if column else key.removeprefix(EXTRA)


def _item(table: Table, key: str) -> str:
    names = {**SUMMARY_INCOME_ITEMS, **SUMMARY_EXPENDITURE_ITEMS} if table.type in _SUMMARIES \
        else THREE_PUBLIC_ITEMS
    return names.get(key, key)


def _label(row: Row) -> str:
    return row.code or row.unit_code or row.name or ("合计" if row.item == "total" else row.item) or "?"


def _row_identities(table: Table, ulp: Decimal) -> Iterator[Identity]:
    for whole, parts in _ROW_SUMS.get(table.type, ()):
        for row in table.rows:
            if whole not in row.values:
                continue
            named = [row.values.get(p) for p in parts if p in row.values]
            extras = [v for k, v in row.values.items() if k.startswith(EXTRA) and v is not None]
            named_parts = " + ".join(_column(table, p) for p in parts if p in row.values)
            plain = _make(f"“{_label(row)}”行 {_column(table, whole)} = {named_parts}",
                          row.values[whole], named, ulp, ACROSS)
            if plain is None:
                continue
            # a printed column the contract names no key for may be a part too
            with_extras = _make(plain.what, row.values[whole], [*named, *extras], ulp, ACROSS) \
                if extras else None
            yield with_extras if with_extras is not None and with_extras.holds else plain


def _hierarchy_identities(table: Table, ulp: Decimal) -> Iterator[Identity]:
    """Each printed code = Σ its nearest printed descendants; 合计 = Σ the top codes."""
    coded = [r for r in table.rows if r.code]
    by_code: dict[str, Row] = {}
    for r in coded:
        by_code.setdefault(r.code or "", r)
    children: dict[str, list[Row]] = {}
    tops: list[Row] = []
    for r in coded:
        parent = parent_code(r.code or "")
        while parent is not None and parent not in by_code:
            parent = parent_code(parent)
        if parent is None:
            tops.append(r)
        else:
            children.setdefault(parent, []).append(r)
    columns = [k for k in dict.fromkeys(k for r in table.rows for k in r.values) if not k.startswith(EXTRA)]
    for code, kids in children.items():
        for col in columns:
            found = _make(f"{code}{_column(table, col)} = 其下级科目之和", by_code[code].values.get(col),
                          [k.values.get(col) for k in kids], ulp)
            if found is not None:
                yield found
    total = next((r for r in table.rows if r.item == "total" and not r.code), None)
    if total is not None and tops:
        for col in columns:
            found = _make(f"合计行{_column(table, col)} = 各类之和", total.values.get(col),
                          [t.values.get(col) for t in tops], ulp)
            if found is not None:
                yield found


def _item_identities(table: Table, ulp: Decimal) -> Iterator[Identity]:
    for whole, parts in _ITEM_SUMS.get(table.type, ()):
        whole_row = table.row_by_item(whole)
        if whole_row is None:
            continue
        for col, value in whole_row.values.items():
            rows = [table.row_by_item(p) for p in parts]
            found = _make(f"{_item(table, whole)} = {' + '.join(_item(table, p) for p in parts)}"
                          f"（{_column(table, col)}）", value,
                          [r.values.get(col) if r is not None else None for r in rows], ulp)
            if found is not None:
                yield found


def _side_row(table: Table, side: str, item: str) -> Row | None:
    return next((r for r in table.rows if r.side == side and r.item == item
                 and "parent" not in r.texts), None)


def _summary_identities(table: Table, ulp: Decimal) -> Iterator[Identity]:
    """总计 = 本年合计 + 结转 (each side); 本年支出合计 = Σ 功能分类 categories;
    本年收入合计 = Σ the income items printed at the top level."""
    top = [r for r in table.rows if "parent" not in r.texts and r.item]
    income = [r.item for r in top if r.side == "income"]
    fiscal = ("fiscal",) if "fiscal" in income else _FISCAL_PARTS
    sums = [*_SIDE_SUMS, ("income", "income_total", (*fiscal, *_INCOME_PARTS))]
    categories = tuple(dict.fromkeys(
        r.item for r in top if r.side == "expenditure" and (r.item or "").startswith("func:")))
    if len(categories) >= 2:
        sums.append(("expenditure", "expenditure_total", categories))
    for side, whole, parts in sums:
        whole_row = _side_row(table, side, whole)
        rows = [r for r in (_side_row(table, side, p) for p in parts) if r is not None]
        if whole_row is None or not rows:
            continue
        for col, value in whole_row.values.items():
            found = _make(f"{_item(table, whole)} = {' + '.join(r.name or _item(table, r.item or '') for r in rows)}"
                          f"（{_column(table, col)}）",
                          value, [r.values.get(col) for r in rows], ulp)
            if found is not None:
                yield found


def identities(table: Table) -> list[Identity]:
    """Every identity the table's printed rows let one check, with its verdict."""
    if table.empty:
        return []
    ulp = _ulp(table)
    found = [*_row_identities(table, ulp), *_item_identities(table, ulp)]
    if table.type in _SUMMARIES:
        found += list(_summary_identities(table, ulp))
    if table.type in CODED:
        found += list(_hierarchy_identities(table, ulp))
    return found


def _shifted_names(table: Table, year: int | None) -> list[str]:
    """Rows whose printed name is another code's — most of all the next or previous
    row's — where most named rows disagree with the catalogue: names paired with
    the wrong codes (30202 咨询费, 30203 水费 … one row off)."""
    rows = [r for r in table.rows if r.code and r.name]
    judged: list[tuple[int, bool]] = []
    for i, row in enumerate(rows):
        kind = kind_of_code(row.code or "")
        verdict_ = names_match(kind, row.code or "", row.name or "", year) if kind else None
        if verdict_ is not None:
            judged.append((i, verdict_))
    wrong = [i for i, ok in judged if not ok]
    if len(wrong) < 3 or len(wrong) * 2 <= len(judged):
        return []
    out = []
    for i in wrong:
        neighbours = [rows[j] for j in (i - 1, i + 1) if 0 <= j < len(rows)]
        fits = next((n.code for n in neighbours if names_match(kind_of_code(n.code or "") or "",
                                                                n.code or "", rows[i].name or "", year)), None)
        out.append(f"{rows[i].code} 印为“{rows[i].name}”" + (f"（是 {fits} 的名称）" if fits else ""))
    return out


def verdict(table: Table, year: int | None = None) -> Problem | None:
    """Mark the table misread (and say why) when most identities of one family fail:
    the sums across its rows (its columns misread) or down them (its rows misread)."""
    found = identities(table)
    checked: list[Identity] = []
    failed: list[Identity] = []
    for family in (ACROSS, DOWN):
        these = [i for i in found if i.family == family]
        broken = [i for i in these if not i.holds]
        if len(broken) >= MIN_FAILED and len(broken) * 2 > len(these):
            checked, failed = checked + these, failed + broken
    factor = unit_factor(table)
    details = [f"{i.what}：{_printed(i.whole / factor)} ≠ {_printed(i.parts / factor)}" for i in failed]
    names = _shifted_names(table, year) if table.type in CODED else []
    if names:
        details.append(f"{len(names)} 行科目名称与编码不符：" + "、".join(names[:3]))
    if not details:
        return None
    table.misread = True
    detail = "；".join(details[:3]) + (" …" if len(details) > 3 else "")
    return problem_of("table.misread", table.locator, title=table.title,
                      failed=len(failed) + len(names), checked=len(checked) + len(names), detail=detail)


def _printed(value: Decimal) -> str:
    return format(value.normalize(), "f")
