"""The statements a narrative makes about each 功能分类 item, checked as inspectors do.

``…行政运行（项）：2025年当年预算执行数为A万元，2026年预算安排B万元，比上年增加C万元，
增长Z%，主要原因是…`` (budgets) and ``…行政运行（项）：年初预算为A万元，支出决算为B万元，
完成年初预算的Z%，比年初预算增加C万元，增长W%`` (final accounts): B against the
item's table row; C = B − A; Z from A and B; the direction word against the sign;
the same item stated twice with different amounts. Facts come from
recognise/facts_items.py, each scoped to its item.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from cnbudget.audit.describe import at_fact, in_fact_unit
from cnbudget.audit.fact_readings import everything_fiscal
from cnbudget.audit.figures import disagreement
from cnbudget.audit.item_rows import ItemStatement, item_figures, item_label, item_statements
from cnbudget.audit.rule import AuditContext, rule
from cnbudget.audit.tables import FISCAL_ONLY
from cnbudget.audit.tolerance import (
    Verdict,
    fact_slack,
    fact_unit,
    quotient_bounds,
    rate_verdict,
    verdict,
)
from cnbudget.model.document import Category, Document, Fact, FactScope, Finding, Severity

T, I = Category.TEXT_VS_TABLE, Category.TEXT_INTERNAL  # noqa: E741
HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def _scopes_agree(doc: Document, scope: FactScope) -> bool:
    """The item's printed figures are the same in every table printing it: a statement
    of it cannot be of another scope (财政拨款 or all funds)."""
    figs = item_figures(doc, scope)
    return all(verdict(f.value, figs[0].value, f.slack + figs[0].slack) is Verdict.AGREES
               for f in figs)


@rule(
    "text_vs_table.item-amount", T, Severity.ERROR,
    title_zh="说明中的科目金额 = 该科目的表中金额",
    title_en="An item's stated amount equals its table row",
    description_zh="情况说明逐项说明功能分类科目（“……（类）……（款）……（项）”或科目编码）"
                   "时，该科目本年的预算安排数（决算中为支出决算数）等于功能分类表中该科目"
                   "行的金额（与任一印有该科目的表一致即可；按名称、级次和所列上级科目确定"
                   "是哪一行）。只与该科目的行比较，从不与部门合计比较。只有财政拨款口径的"
                   "表印有该科目而部门另有非财政资金时为警告（口径可能不同）。",
    description_en="Where the narrative explains a functional item (named with its "
                   "（类）/（款）/（项） marks or its code), the item's amount this year (the "
                   "预算安排, or in a final account the 支出决算) equals that item's row in a "
                   "functional table (any table printing it; the row chosen by name, level "
                   "and the parents named). Compared with the item's row only, never with "
                   "the department's totals. A warning where only appropriation tables print "
                   "the item and the department has other money (the scopes may differ).",
)
def item_amount(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    for st in item_statements(doc):
        fact = st.facts.get("item_amount")
        if fact is None:
            continue
        rows = item_figures(doc, st.scope)
        bad = disagreement(fact.value, fact_slack(fact), [[f] for f in rows])
        if bad is None:
            continue
        shown = bad.reading[0]
        # only appropriation tables print the item, and the department has other money:
        # the statement may be of all its funds
        other_scope = not everything_fiscal(doc) and all(f.table.type in FISCAL_ONLY for f in rows)
        yield item_amount.finding(
            f"情况说明{item_label(st.scope)} {in_fact_unit(fact.value, fact)}（“{fact.text}”）"
            f"≠ {shown.shown}" + ("（表中只有财政拨款口径的该科目数，口径可能不同）" if other_scope else ""),
            at_fact(fact), shown.location, expected=shown.value, actual=fact.value,
            near=bad.near, printed_unit=fact_unit(fact),
            severity=Severity.WARNING if other_scope else None,
        )


@dataclass(frozen=True, slots=True)
class _Comparison:
    """What one statement says of an item against last year (or, in a final account,
    against the 年初预算): the base where printed, this year's figure, the change and
    the rate where printed."""

    base: Fact | None
    current: Fact
    change: Fact | None
    rate: Fact | None
    budget: bool

    @property
    def against(self) -> str:
        return "比年初预算" if self.budget else "比上年"

    @property
    def base_word(self) -> str:
        return "年初预算" if self.budget else "上年"

    def base_value(self) -> tuple[Decimal, Decimal] | None:
        """The base and its slack: printed, or this year's figure less the change."""
        if self.base is not None:
            return self.base.value, fact_slack(self.base)
        if self.change is not None:
            return (self.current.value - self.change.value,
                    fact_slack(self.current) + fact_slack(self.change))
        return None


def _comparisons(st: ItemStatement) -> Iterator[_Comparison]:
    current = st.facts.get("item_amount")
    if current is None:
        return
    for budget in (False, True):
        base = st.facts.get("item_budget" if budget else "item_previous")
        change = st.facts.get("budget_change_amount" if budget else "change_amount")
        rate = st.facts.get("budget_change_pct" if budget else "change_pct")
        if base is not None or change is not None:
            yield _Comparison(base, current, change, rate, budget)


def _direction_wrong(c: _Comparison, stated: Fact) -> bool:
    """The printed 增加/减少 (or 增长/下降) contradicts the printed base and this year's
    figure, beyond their rounding."""
    if c.base is None or stated.value == 0:
        return False
    actual = c.current.value - c.base.value
    if abs(actual) <= fact_slack(c.base) + fact_slack(c.current):
        return False
    return (actual > 0) != (stated.value > 0)


def _base_shown(c: _Comparison) -> str:
    found = c.base_value()
    assert found is not None
    return f"{c.base_word} {in_fact_unit(found[0], c.current)}"


@rule(
    "text_internal.item-change-amount", I, Severity.ERROR,
    title_zh="科目增减额 = 本年数 − 上年数",
    title_en="An item's stated change = this year − last year",
    description_zh="逐项说明中同时给出上年执行数（决算中为年初预算数）、本年预算安排数（决算"
                   "数）和增减额时，增减额等于两数之差（按三个数字的印刷精度计舍入误差）。"
                   "增减方向写反的由 text_internal.change-direction 报告。",
    description_en="Where an item's statement gives last year's figure (a final account: "
                   "the 年初预算), this year's and the change, the change equals their "
                   "difference within the rounding of the three figures. A change stated in "
                   "the wrong direction is text_internal.change-direction's.",
)
def item_change_amount(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    for st in item_statements(doc):
        for c in _comparisons(st):
            if c.base is None or c.change is None:
                continue
            expected = c.current.value - c.base.value
            slack = fact_slack(c.base) + fact_slack(c.current) + fact_slack(c.change)
            result = verdict(expected, c.change.value, slack)
            if result is Verdict.AGREES:
                continue
            if _direction_wrong(c, c.change) and \
                    verdict(abs(expected), abs(c.change.value), slack) is Verdict.AGREES:
                continue  # only the direction is wrong: change-direction says so
            yield item_change_amount.finding(
                f"情况说明{item_label(st.scope)}：{_base_shown(c)}，本年 "
                f"{in_fact_unit(c.current.value, c.current)}，{c.against}增减应为 "
                f"{in_fact_unit(expected, c.change)}，说明为 {in_fact_unit(c.change.value, c.change)}"
                f"（“{c.change.text}”）",
                at_fact(c.change), expected=expected, actual=c.change.value,
                near=result is Verdict.NEAR, printed_unit=fact_unit(c.change),
            )


@rule(
    "text_internal.item-change-pct", I, Severity.ERROR,
    title_zh="科目增减幅度 = 增减额 / 上年数",
    title_en="An item's stated rate = change / last year",
    description_zh="逐项说明中的增长（下降）幅度按上年数（决算中为年初预算数）和本年数重新"
                   "计算：幅度 = (本年 − 上年) / 上年；只给出增减额时上年数 = 本年 − 增减额。"
                   "金额按印刷精度计舍入误差，百分比允许末位相差一个单位。“完成年初预算的 "
                   "X%” 同样按决算数 / 年初预算数核对。",
    description_en="An item statement's growth rate is recomputed from last year's (a final "
                   "account: the 年初预算) and this year's figure: (this − last) / last, "
                   "last year's taken as this year's − the change where only the change is "
                   "stated; amounts within their rounding, the rate within one unit of its "
                   "last digit. “完成年初预算的 X%” is checked as 决算 / 年初预算 likewise.",
)
def item_change_pct(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    for st in item_statements(doc):
        for c in _comparisons(st):
            base = c.base_value()
            if c.rate is None or base is None:
                continue
            change = c.current.value - base[0]
            bounds = quotient_bounds(change, fact_slack(c.current) + base[1], *base)
            if c.base is None and c.change is not None:  # the rate of the printed change
                bounds = quotient_bounds(c.change.value, fact_slack(c.change), *base)
            yield from _rate_finding(st, c, c.rate, bounds, f"{c.against}增减幅度",
                                     change / base[0] * HUNDRED if base[0] else None)
        completion = st.facts.get("completion_pct")
        budget, current = st.facts.get("item_budget"), st.facts.get("item_amount")
        if completion is not None and budget is not None and current is not None:
            c = _Comparison(budget, current, None, completion, budget=True)
            bounds = quotient_bounds(current.value, fact_slack(current), budget.value,
                                     fact_slack(budget))
            yield from _rate_finding(st, c, completion, bounds, "完成年初预算的比例",
                                     current.value / budget.value * HUNDRED if budget.value else None)


def _rate_finding(st: ItemStatement, c: _Comparison, rate: Fact,
                  bounds: tuple[Decimal, Decimal] | None, what: str,
                  computed: Decimal | None) -> Iterator[Finding]:
    if bounds is None or computed is None:
        return  # growth from nothing: no rate to check
    result = rate_verdict(rate.value, bounds, fact_slack(rate))
    if result is Verdict.AGREES:
        return
    if rate_verdict(-rate.value, bounds, fact_slack(rate)) is Verdict.AGREES and \
            rate.key != "completion_pct":
        return  # only the direction is wrong: change-direction says so
    expected = computed.quantize(CENT)
    yield item_change_pct.finding(
        f"情况说明{item_label(st.scope)}：{_base_shown(c)}，本年 "
        f"{in_fact_unit(c.current.value, c.current)}，{what}应为 {expected}%，说明为 "
        f"{rate.value}%（“{rate.text}”）",
        at_fact(rate), expected=expected, actual=rate.value, unit="%",
        near=result is Verdict.NEAR,
    )


@rule(
    "text_internal.change-direction", I, Severity.ERROR,
    title_zh="增减方向与数字相反",
    title_en="A change stated in the wrong direction",
    description_zh="逐项说明写“增加/增长”而本年数小于上年数（或写“减少/下降”而本年数大于"
                   "上年数），差额超过舍入误差；增减额与增减幅度的方向词互相矛盾（“增加…，"
                   "下降…%”）也报告。",
    description_en="An item statement says 增加/增长 while this year's figure is below last "
                   "year's (or 减少/下降 while above), beyond rounding; a change and its rate "
                   "stated in opposite directions (“增加…，下降…%”) are reported too.",
)
def change_direction(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    for st in item_statements(doc):
        for c in _comparisons(st):
            wrong = next((f for f in (c.change, c.rate) if f is not None and _direction_wrong(c, f)),
                         None)
            if wrong is None and c.change is not None and c.rate is not None and \
                    c.change.value != 0 and c.rate.value != 0 and \
                    (c.change.value > 0) != (c.rate.value > 0):
                wrong = c.rate  # 增加…，下降…%: the two words disagree
            if wrong is not None:
                yield _direction_finding(st, c, wrong)


def _direction_finding(st: ItemStatement, c: _Comparison, stated: Fact) -> Finding:
    says = "增加" if stated.value > 0 else "减少"
    base = c.base_value()
    assert base is not None
    real = c.current.value - base[0]
    truth = "增加" if real > 0 else "减少"
    shown = f"{stated.value}%" if stated.unit == "%" else in_fact_unit(stated.value, stated)
    return change_direction.finding(
        f"情况说明{item_label(st.scope)}：{_base_shown(c)}，本年 "
        f"{in_fact_unit(c.current.value, c.current)}，{c.against}{truth}，说明为{says} {shown}"
        f"（“{stated.text}”）",
        at_fact(stated), expected=real if stated.unit == "元" else None, actual=stated.value,
        unit=stated.unit, printed_unit=fact_unit(stated) if stated.unit == "元" else None,
    )


def _same_item(a: FactScope, b: FactScope) -> bool:
    if a.code and b.code:
        return a.code == b.code
    if a.name != b.name or (a.level and b.level and a.level != b.level):
        return False
    return not (a.parents and b.parents) or a.parents == b.parents


@rule(
    "text_internal.item-stated-twice", I, Severity.ERROR,
    title_zh="同一科目两处金额不同",
    title_en="One item stated twice with different amounts",
    description_zh="情况说明两处说明同一功能分类科目（同名、同级次、上级相同或未列）的本年"
                   "金额而数字不同。该科目在各表中的金额不一致（两处可能分别是财政拨款和全部"
                   "资金）时为警告。",
    description_en="The narrative states one functional item's amount (same name, level "
                   "and parents, where named) twice with different figures. A warning where "
                   "the tables print the item with different figures (the two statements "
                   "may be of different funds).",
)
def item_stated_twice(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    seen: list[Fact] = []
    for st in item_statements(doc):
        fact = st.facts.get("item_amount")
        if fact is None or fact.scope is None or fact.scope.item != "functional":
            continue  # an economic 款 is stated per breakdown (基本支出, 项目支出): apart
        for earlier in seen:
            assert earlier.scope is not None
            if not _same_item(earlier.scope, fact.scope):
                continue
            result = verdict(earlier.value, fact.value, fact_slack(earlier) + fact_slack(fact))
            if result is not Verdict.AGREES:
                yield item_stated_twice.finding(
                    f"情况说明两处{item_label(fact.scope)}金额不同："
                    f"{in_fact_unit(earlier.value, earlier)}（“{earlier.text}”）与 "
                    f"{in_fact_unit(fact.value, fact)}（“{fact.text}”）",
                    at_fact(earlier), at_fact(fact), expected=earlier.value, actual=fact.value,
                    near=result is Verdict.NEAR, printed_unit=fact_unit(fact),
                    severity=None if _scopes_agree(doc, fact.scope) else Severity.WARNING,
                )
            break
        seen.append(fact)
