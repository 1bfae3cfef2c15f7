"""The narrative against the tables: stated figures, listed projects and purchases."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from cnbudget.audit.describe import at_fact, at_text, in_fact_unit
from cnbudget.audit.fact_readings import fact_mismatches, readings_of
from cnbudget.audit.figures import Figure, disagreement, figure, reading_shown, reading_value
from cnbudget.audit.narrative import AmountList, ListedItem, amount_lists
from cnbudget.audit.rule import AuditContext, rule
from cnbudget.audit.tables import total_row
from cnbudget.audit.tolerance import agrees, fact_slack, fact_unit
from cnbudget.model.document import Category, Document, Finding, FindingLocation, Severity
from cnbudget.model.fact_keys import FACT_KEYS
from cnbudget.normalise.text import fold

T = Category.TEXT_VS_TABLE


@rule(
    "text_vs_table.fact", T, Severity.ERROR,
    title_zh="说明中的数字 = 表中数字",
    title_en="Narrative figures equal the tables",
    description_zh="情况说明中部门一级的收支总计、收入、支出、基本支出、项目支出、人员经费、"
                   "公用经费、“三公”经费及各项、机关运行经费、政府采购总额等于表中同一口径的"
                   "数字：说明写明财政拨款（一般公共预算）的只与财政拨款表比较，写明总计（含结转"
                   "结余）的只与总计比较，否则与全部资金的本年数比较；与任一同口径的表一致即可。"
                   "舍入误差按说明数字自身的印刷精度和表的印刷精度计算。表中只印有另一口径的"
                   "数字时仍比较，但为警告（口径可能不同）。科目（类、款、项）的金额由 "
                   "text_vs_table.item-amount 检查；相差正好一万倍的由 magnitude.unit-slip 报告。",
    description_en="Department-level narrative figures (grand total, income, expenditure, "
                   "basic, project, personnel, public, 三公 and items, operating cost, "
                   "procurement) equal the table figures of the same scope: a figure the "
                   "sentence limits to 财政拨款/一般公共预算 only against the fiscal tables, a "
                   "总计 (with carry-overs) only against totals, any other against all funds' "
                   "figures of the year; any table of that scope agreeing suffices, within the "
                   "rounding of the fact's and the table's printed precision. Where only "
                   "another scope is printed the comparison is a warning (the scopes may "
                   "differ). Item amounts are text_vs_table.item-amount's; a 10,000× "
                   "difference is magnitude.unit-slip's.",
)
def fact_vs_table(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    for m in fact_mismatches(doc):
        if m.unit_slip is not None:
            continue
        name = FACT_KEYS[m.fact.key].name if m.fact.key in FACT_KEYS else m.fact.key
        scope = "（表中未印同一口径的数字，口径可能不同）" if m.other_scope else ""
        yield fact_vs_table.finding(
            f"情况说明{name} {in_fact_unit(m.fact.value, m.fact)}（“{m.fact.text}”）≠ "
            f"{reading_shown(m.reading)}{scope}",
            at_fact(m.fact), *(f.location for f in m.reading),
            expected=reading_value(m.reading), actual=m.fact.value, near=m.near,
            severity=Severity.WARNING if m.other_scope else None,
            printed_unit=fact_unit(m.fact),
        )


_SUFFIXES = re.compile(r"(项目|经费|资金|工作|专项|支出|费用|费)+$")
_BRACKETS = re.compile(r"[(（][^)）]*[)）]")


def project_key(name: str) -> str:
    """A matching key for project names: ``“一网通办”专网…对接经费(2021年一次性经费)``
    and ``“一网通办”专网…对接项目`` meet as ``"一网通办"专网…对接``."""
    key = fold(_BRACKETS.sub("", name))
    key = re.sub(r"^\d+[、.．]", "", key)
    return _SUFFIXES.sub("", key)


def project_figures(doc: Document) -> dict[str, list[Figure]]:
    """Project amounts printed in the tables, by project key."""
    out: dict[str, list[Figure]] = {}
    for table in doc.tables:
        if table.type not in ("project_expenditure", "performance_target",
                              "performance_evaluation"):
            continue
        column = "amount" if table.type == "project_expenditure" else "budget"
        for row in table.rows:
            name = row.texts.get("project") or row.item or table.subject
            f = figure(table, row, column)
            if row.item == "total" or not name or f is None:
                continue
            out.setdefault(project_key(name), []).append(f)
    return out


def _matches(key: str, figures: dict[str, list[Figure]]) -> list[Figure]:
    if key in figures:
        return figures[key]
    if len(key) < 4:
        return []
    hits = [k for k in figures if len(k) >= 4 and (key in k or k in key)]
    return figures[hits[0]] if len(hits) == 1 else []


def _item_location(item: ListedItem) -> FindingLocation:
    loc = item.paragraph.locator
    return at_text(item.paragraph.text.strip(), loc.page if loc else None,
                   loc.line if loc else None)


@rule(
    "text_vs_table.listed-project", T, Severity.ERROR,
    title_zh="说明列示的项目金额 = 项目表",
    title_en="Listed project amounts equal the project tables",
    description_zh="情况说明逐项列示的项目金额等于项目支出表或绩效目标表中同名项目的金额"
                   "（项目名称去掉“项目/经费/资金”等后缀和括注后匹配）。",
    description_en="Each project amount listed in the narrative equals the same project's "
                   "amount in the project or performance-target tables (names matched "
                   "without suffixes such as 项目/经费 and bracketed notes).",
    table_types=("project_expenditure", "performance_target", "performance_evaluation"),
)
def listed_project(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    figures = project_figures(doc)
    for lst in amount_lists(doc.narrative):
        if not lst.is_projects:
            continue
        for item in lst.items:
            found = _matches(project_key(item.name), figures)
            if not found:
                continue
            bad = disagreement(item.amount.value, item.amount.slack, [[f] for f in found])
            if bad is None:
                continue
            shown = bad.reading[0]
            yield listed_project.finding(
                f"情况说明列示“{item.name}”{item.amount.text} ≠ {shown.shown}",
                _item_location(item), shown.location,
                expected=shown.value, actual=item.amount.value, near=bad.near,
                printed_unit=item.amount.unit,
            )


def _list_total(doc: Document, lst: AmountList) -> tuple[Decimal, Decimal, str,
                                                         list[FindingLocation]] | None:
    """What a list's items should add up to: (value, slack, label, locations)."""
    if lst.is_procurement:
        table = doc.table("procurement")
        f = figure(table, total_row(table), "amount") if table else None
        facts = doc.facts_of("procurement_total")
    else:
        readings = readings_of(doc, "project")
        f = readings[0][0] if readings else None
        facts = [f for f in doc.facts_of("project") if f.scope is None]
    if f is not None:
        return f.value, f.slack, f.shown, [f.location]
    if facts:
        fact = facts[0]
        return fact.value, fact_slack(fact), f"情况说明 {in_fact_unit(fact.value, fact)}", \
            [at_fact(fact)]
    return None


@rule(
    "text_vs_table.listed-total", T, Severity.ERROR,
    title_zh="说明列示的项目 / 采购明细之和与总额相符",
    title_en="Listed projects / purchases add up to the total",
    description_zh="情况说明逐项列示的项目金额之和不得超过项目支出总额；列示的政府采购"
                   "明细之和等于政府采购总额（少于总额时为警告，可能只列了主要明细）。",
    description_en="Projects listed in the narrative cannot add up to more than the "
                   "project total; listed purchases add up to the procurement total (a "
                   "shortfall is a warning: the list may show the main items only).",
)
def listed_total(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    for lst in amount_lists(doc.narrative):
        if not (lst.is_projects or lst.is_procurement):
            continue
        target = _list_total(doc, lst)
        if target is None:
            continue
        value, slack, label, locations = target
        listed = sum((i.amount.value for i in lst.items), Decimal(0))
        listed_slack = sum((i.amount.slack for i in lst.items), Decimal(0))
        if agrees(listed, value, slack + listed_slack):
            continue
        over = listed > value
        if not over and not lst.is_procurement:
            continue  # a project list may name the main projects only
        what = "采购明细" if lst.is_procurement else "项目"
        shown = " + ".join(i.amount.text for i in lst.items)
        yield listed_total.finding(
            f"情况说明列示的 {len(lst.items)} 个{what}之和 {shown} = "
            f"{_wan(listed)} {'超过' if over else '少于'} {label}",
            _item_location(lst.items[0]), *locations, expected=value, actual=listed,
            severity=None if over else Severity.WARNING, printed_unit="万元",
        )


def _wan(value: Decimal) -> str:
    return f"{value / 10000:,.2f}万元"
