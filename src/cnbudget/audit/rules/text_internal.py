"""The narrative's own arithmetic: shares, changes, parts, counts, repeated statements."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from cnbudget.audit.describe import at_fact, at_text, in_fact_unit
from cnbudget.audit.narrative import AMOUNT, Printed, amount_lists, stated_shares
from cnbudget.audit.rule import AuditContext, rule
from cnbudget.audit.tables import document_total
from cnbudget.audit.tolerance import (
    Verdict,
    agrees,
    fact_slack,
    fact_unit,
    number_slack,
    quotient_bounds,
    rate_verdict,
    verdict,
)
from cnbudget.model.document import Category, Document, Fact, FactScope, Finding, Severity
from cnbudget.model.fact_keys import FACT_KEYS
from cnbudget.normalise.text import nfkc

I = Category.TEXT_INTERNAL  # noqa: E741
HUNDRED = Decimal(100)
CENT = Decimal("0.01")  # percentages in findings: two decimals, exact in JSON


def _statement(fact: Fact) -> object:
    """Facts quoted from one narrative line belong to one statement.

    Only line-located facts (text formats) are grouped: a page locator (PDF)
    holds many statements, and pairing across them would invent errors."""
    if fact.locator is not None and fact.locator.line is not None:
        return fact.locator
    return id(fact)


def _by_statement(doc: Document) -> dict[object, list[Fact]]:
    """The department's facts by statement (an item's are text_items' to check)."""
    groups: dict[object, list[Fact]] = defaultdict(list)
    for fact in doc.facts:
        if fact.item is None:
            groups[_statement(fact)].append(fact)
    return groups


_SUBJECT_NAMES = {"grand_total": "收支总计"}


def _name(key: str) -> str:
    return FACT_KEYS[key].name if key in FACT_KEYS else _SUBJECT_NAMES.get(key, key)


def _printed(fact: Fact) -> Printed:
    return Printed(fact.value, fact_slack(fact), in_fact_unit(fact.value, fact))


def _pct_bounds(change: Printed, current: Printed) -> tuple[Decimal, Decimal] | None:
    """The growth rates the rounded figures allow: change / (current − change)."""
    return quotient_bounds(change.value, change.slack, current.value - change.value,
                           current.slack + change.slack)


def _readings(pct: Fact, group: list[Fact]) -> list[tuple[Printed, Printed]]:
    """The (change, this year's figure) pairs a percentage may be computed from.

    From the percentage's own quote when it holds two amounts: the first is this
    year's figure (``支出9193.40万元，比上年增加5503.07万元，增长149.12%``) or last
    year's (``（2016年度…为8,648.07万元），增加498.72万元，增长5.77%``); else the
    change from the quote or the statement, this year's figure from the statement."""
    sign = -1 if pct.value < 0 else 1
    amounts = [Printed.parse(m.group("num"), m.group("unit"))
               for m in AMOUNT.finditer(nfkc(pct.text))]
    if len(amounts) >= 2:
        first, last = amounts[0], amounts[-1]
        change = Printed(sign * last.value, last.slack, last.text)
        as_last_year = Printed(first.value + change.value, first.slack + change.slack,
                               first.text)
        return [(change, first), (change, as_last_year)]
    if len(amounts) == 1:
        change = Printed(sign * amounts[0].value, amounts[0].slack, amounts[0].text)
    else:
        fact = next((f for f in group if f.key == "change_amount" and f.subject == pct.subject),
                    None)
        if fact is None:
            return []
        change = _printed(fact)
    current = next((f for f in group if f.key == pct.subject and f.subject is None), None)
    return [(change, _printed(current))] if current is not None else []


@rule(
    "text_internal.change-pct", I, Severity.ERROR,
    title_zh="增长率 = 增减额 / 上年数",
    title_en="Stated growth rate = change / last year",
    description_zh="同一句中给出本年数（或上年数）、增减额和增减幅度时，增减幅度等于增减额"
                   "除以上年数；句中金额是本年数还是上年数不明时两种读法任一相符即可；金额"
                   "按印刷精度计舍入误差，百分比允许末位相差一个单位（有的文件截断而不四舍"
                   "五入）。",
    description_en="Where one statement gives this year's (or last year's) figure, the "
                   "change and the percentage, the percentage equals change / last year; "
                   "when the figure may be either year's, either reading is accepted; "
                   "amounts within their rounding, the percentage within one unit of its "
                   "last digit (some documents truncate instead of rounding).",
)
def change_pct(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    for group in _by_statement(doc).values():
        for pct in (f for f in group if f.key == "change_pct" and f.subject):
            readings = _readings(pct, group)
            bounds = [b for change, current in readings
                      for b in (_pct_bounds(change, current),) if b is not None]
            if not bounds or len(bounds) < len(readings):
                continue  # a reading from nothing last year: no rate to check
            verdicts = [rate_verdict(pct.value, b, fact_slack(pct)) for b in bounds]
            if Verdict.AGREES in verdicts:
                continue
            change, current = readings[0]
            expected = (change.value / (current.value - change.value) * HUNDRED).quantize(CENT)
            yield change_pct.finding(
                f"情况说明：{_name(pct.subject or '')}本年 {current.text}，增减 {change.text}，"
                f"增减幅度应为 {expected}%，说明为 {pct.value}%（“{pct.text}”）",
                at_fact(pct), expected=expected, actual=pct.value, unit="%",
                near=Verdict.NEAR in verdicts,
            )


# (whole, parts, strict): a total stated with its parts in one statement. Not
# strict: other parts may exist unnamed (单位预留机动经费 beside 基本/项目支出 in
# Jiangsu), so only parts adding up to more than the whole are wrong.
PART_SETS: tuple[tuple[tuple[str, ...], tuple[str, ...], bool], ...] = (
    (("expenditure_total", "grand_total", "income_total"), ("basic", "project"), False),
    (("basic",), ("personnel", "public"), True),
    (("three_public_total",), ("outbound", "vehicle_purchase", "vehicle_operation", "reception"),
     True),
)


def _parts_finding(whole: Fact, parts: list[Fact], what: str, strict: bool) -> Finding | None:
    expected = sum((p.value for p in parts), Decimal(0))
    slack = fact_slack(whole) + sum((fact_slack(p) for p in parts), Decimal(0))
    if agrees(expected, whole.value, slack) or (not strict and expected < whole.value):
        return None
    shown = " + ".join(f"{_name(p.subject or p.key)} {in_fact_unit(p.value, p)}" for p in parts)
    return parts_sum.finding(
        f"情况说明{what}：{_name(whole.subject or whole.key)} {in_fact_unit(whole.value, whole)}"
        f" ≠ {shown} = {in_fact_unit(expected, whole)}（“{whole.text}”）",
        at_fact(whole), expected=expected, actual=whole.value, printed_unit=fact_unit(whole),
        near=verdict(expected, whole.value, slack) is Verdict.NEAR,
    )


@rule(
    "text_internal.parts-sum", I, Severity.ERROR,
    title_zh="说明中总数 = 分项之和",
    title_en="Stated totals equal their stated parts",
    description_zh="同一句中给出的总数与其分项相符：基本 = 人员 + 公用；“三公”合计 = 各项"
                   "之和；总增减额 = 各分项增减额之和；基本 + 项目不得超过支出总数（另有"
                   "预留机动经费等未列分项的模板中可以小于）。",
    description_en="Within one statement: basic = personnel + public; 三公 total = its "
                   "items; a total change = the changes of its parts; basic + project may "
                   "not exceed the expenditure total (it may fall short where unnamed parts "
                   "such as reserve funds exist).",
)
def parts_sum(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    for facts in _by_statement(doc).values():
        plain = {f.key: f for f in facts if f.subject is None}
        changes = {f.subject: f for f in facts if f.key == "change_amount" and f.subject}
        for whole_keys, part_keys, strict in PART_SETS:
            for pool, what, exact in ((plain, "", strict), (changes, "增减额", True)):
                whole = next((pool[k] for k in whole_keys if k in pool), None)
                parts = [pool[k] for k in part_keys if k in pool]
                # every part must be stated (三公 may leave out one item printed as 0)
                if whole is None or len(parts) < max(2, len(part_keys) - 1):
                    continue
                found = _parts_finding(whole, parts, what, exact)
                if found:
                    yield found


# A count stated twice with two values cannot both be right; two amounts may be
# of different scopes (部门 vs 单位, 预算 vs 决算), so those stay warnings.
COUNT_KEYS = frozenset({"vehicles", "staff"})


def _shown(fact: Fact) -> str:
    """An amount in its printed unit; a count or percentage with its own unit."""
    if fact.unit == "元":
        return in_fact_unit(fact.value, fact)
    return f"{fact.value}{fact.unit}"


@rule(
    "text_internal.conflicting-facts", I, Severity.WARNING,
    title_zh="同一数量的两处说明不一致",
    title_en="Two statements of one quantity disagree",
    description_zh="情况说明两处给出同一数量（同一键、同一增减对象）而数值不同。金额可能"
                   "口径不同，为警告；车辆数、人数等计数两处不同为错误。",
    description_en="The narrative states one quantity (same key and subject) twice with "
                   "different values. Amounts may differ in scope (a warning); counts "
                   "(vehicles, staff) stated twice differently are errors.",
)
def conflicting_facts(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    first: dict[tuple[str, str | None, FactScope | None], Fact] = {}
    for fact in doc.facts:
        if fact.item is not None:
            continue  # an item stated twice is text_internal.item-stated-twice
        key = (fact.key, fact.subject, fact.scope)  # 财政拨款基本支出 is not 基本支出
        seen = first.setdefault(key, fact)
        if seen is fact or agrees(seen.value, fact.value, fact_slack(seen) + fact_slack(fact)):
            continue
        yield conflicting_facts.finding(
            f"情况说明两处{_name(fact.key)}不一致：{_shown(seen)}（“{seen.text}”）与 "
            f"{_shown(fact)}（“{fact.text}”）",
            at_fact(seen), at_fact(fact), expected=seen.value, actual=fact.value,
            severity=Severity.ERROR if fact.key in COUNT_KEYS else None, unit=fact.unit,
            printed_unit=fact_unit(fact) if fact.unit == "元" else None,
        )


@rule(
    "text_internal.stated-share", I, Severity.ERROR,
    title_zh="占比 = 分项 / 总数",
    title_en="Stated shares are recomputed",
    description_zh="“X万元，占（比）Y%”：Y 等于 X 除以此前给出的某个金额（同一行或前两行、"
                   "说明中的总数或表中总额）；允许百分比末位相差一个半单位（四舍五入后又为合计"
                   "100% 调整过一个单位）；与所有候选都不符时报告。",
    description_en="“X万元，占Y%”: Y equals X divided by an amount stated before it (its "
                   "line or the two before, a narrative total, the tables' total), within 1.5 "
                   "units of the percentage's last digit (rounded, then adjusted by one unit "
                   "so the shares add up to 100 %); reported when no base fits.",
)
def stated_share(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    # a share may be of a total stated elsewhere (an earlier line, or the tables)
    elsewhere = [Printed(f.value, fact_slack(f), in_fact_unit(f.value, f)) for f in doc.facts
                 if f.unit == "元" and f.subject is None and f.item is None and f.value > 0]
    total = document_total(doc)
    if total is not None:
        elsewhere.append(Printed(total, Decimal(0), f"{total / 10000:,.2f}万元"))
    for share in stated_shares(doc.narrative):
        bases = [b for b in (*share.bases, *elsewhere) if b.value >= share.part.value]
        if not bases:
            continue
        # rounded (½ unit) and then forced to add up to 100 % (1 unit more)
        hp = 3 * number_slack(share.percent)
        ok = False
        for base in bases:
            computed = share.part.value / base.value * HUNDRED
            spread = HUNDRED * (share.part.slack / base.value
                                + share.part.value * base.slack / base.value ** 2)
            if abs(computed - share.percent) <= hp + spread:
                ok = True
                break
        if ok:
            continue
        base = bases[0]
        expected = (share.part.value / base.value * HUNDRED).quantize(CENT)
        loc = share.paragraph.locator
        yield stated_share.finding(
            f"情况说明“{share.quote}”：{share.part.text} ÷ {base.text} = "
            f"{expected}%，说明为 {share.percent}%",
            at_text(share.quote, loc.page if loc else None, loc.line if loc else None),
            expected=expected, actual=share.percent, unit="%",
        )


@rule(
    "text_internal.listed-count", I, Severity.WARNING,
    title_zh="说明的个数 = 列示的条目数",
    title_en="Stated count equals the items listed",
    description_zh="“共有 N 项……分别是”后列示的条目数与 N 不符。",
    description_en="“共有 N 项 … 分别是” followed by a different number of listed items.",
)
def listed_count(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    for lst in amount_lists(doc.narrative):
        n = lst.stated_count
        if n is None or n == len(lst.items) or lst.intro is None:
            continue
        loc = lst.intro.locator
        yield listed_count.finding(
            f"情况说明称共 {n} 项，其后列示 {len(lst.items)} 项",
            at_text(lst.intro.text.strip(), loc.page if loc else None, loc.line if loc else None),
            expected=Decimal(n), actual=Decimal(len(lst.items)), unit="项",
        )


@rule(
    "text_internal.unit-price", I, Severity.ERROR,
    title_zh="列示采购：共计 = 单价 × 数量",
    title_en="Listed purchases: amount = unit price × quantity",
    description_zh="情况说明列示的采购明细“单价 X，数量 N，共计 Y”中 Y 等于 X × N。",
    description_en="In listed purchases “单价 X，数量 N，共计 Y”, Y equals X × N.",
)
def unit_price(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    for lst in amount_lists(doc.narrative):
        for item in lst.items:
            if item.unit_price is None or item.quantity is None:
                continue
            expected = item.unit_price.value * item.quantity
            slack = item.amount.slack + item.unit_price.slack * item.quantity
            if agrees(expected, item.amount.value, slack):
                continue
            loc = item.paragraph.locator
            yield unit_price.finding(
                f"情况说明“{item.name}”：单价 {item.unit_price.text} × 数量 {item.quantity} ≠ "
                f"共计 {item.amount.text}",
                at_text(item.paragraph.text.strip(), loc.page if loc else None,
                        loc.line if loc else None),
                expected=expected, actual=item.amount.value, printed_unit=item.amount.unit,
            )
