"""Narrative amounts stated for a classification category (``行政运行支出461.54万元``)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cnbudget.audit.describe import at_text
from cnbudget.audit.fact_readings import everything_fiscal
from cnbudget.audit.figures import Figure, disagreement, figure
from cnbudget.audit.item_rows import name_key
from cnbudget.audit.narrative import Printed
from cnbudget.audit.rule import AuditContext, rule
from cnbudget.audit.tables import ALL_FUNDS, FISCAL_ONLY, FUNCTIONAL_TABLES
from cnbudget.model.document import Category, Document, Finding, Kind, Severity
from cnbudget.normalise.text import fold

# A category name must be this long to be looked for: shorter names (办公费)
# recur in unrelated sentences.
MIN_NAME = 4
# what may stand between a category's name and its amount: "(类)", 支出, 预算, 为 …
# In a final account the tables hold 决算 figures, so a "预算" amount is not theirs.
_BETWEEN = {
    Kind.BUDGET: r"(?:\((?:类|款|项)\))?(?:支出)?(?:预算)?(?:数)?(?:为|安排|共计)?[:：]?",
    Kind.FINAL_ACCOUNT: r"(?:\((?:类|款|项)\))?(?:支出)?(?:决算)?(?:数)?(?:为|共计)?[:：]?",
}
_NUM = r"(?P<num>\d[\d,]*(?:\.\d+)?)(?P<unit>万元|元)"




def category_figures(doc: Document) -> dict[str, list[Figure]]:
    """Every printed category total by name: functional rows and the summary's
    category rows. Economic rows are left out: the basic-expenditure tables hold
    only the basic part of an economic category (公务接待费 in 30217 is not the
    whole 公务接待费 the narrative states)."""
    out: dict[str, list[Figure]] = {}
    for table in doc.tables:
        if table.type in FUNCTIONAL_TABLES:
            # functional codes are 2xx; a table of this type may be printed by economic class
            rows = [(r, "total") for r in table.rows
                    if r.code and r.code.startswith("2") and r.name]
        elif table.type in ("summary", "fiscal_summary"):
            rows = [(r, "amount") for r in table.rows
                    if r.side == "expenditure" and r.name and (r.item or "")[:5] in ("func:", "econ:")]
        else:
            continue
        for row, col in rows:
            f = figure(table, row, col)
            key = name_key(row.name or "")
            if f is not None and len(key) >= MIN_NAME:
                out.setdefault(key, []).append(f)
    return out


def _both_scopes(found: list[Figure]) -> bool:
    types = {f.table.type for f in found}
    return bool(types & set(ALL_FUNDS)) and bool(types & set(FISCAL_ONLY))


@rule(
    "text_vs_table.category-amount", Category.TEXT_VS_TABLE, Severity.ERROR,
    title_zh="说明中的科目金额 = 表中科目金额",
    title_en="Category amounts in the narrative equal the tables",
    description_zh="情况说明中紧跟功能分类科目名称给出的金额（如“行政运行支出461.54万元”）"
                   "等于表中同名科目的金额（与任一表、任一同名科目相符即可）。只有财政拨款口径"
                   "的表列出该科目而部门另有非财政资金时，口径可能不同，为警告。以（类）（款）"
                   "（项）或编码逐项说明的科目由 text_vs_table.item-amount 检查，不重复报告。",
    description_en="An amount stated right after a functional category's name in the "
                   "narrative (“行政运行支出461.54万元”) equals that category's amount in a "
                   "table (any table, any same-named row). Where only fiscal-scope tables "
                   "print the category and the department also has other money, the scopes "
                   "may differ: a warning. Items explained with their （类）/（款）/（项） "
                   "marks or code are text_vs_table.item-amount's, not reported twice.",
    table_types=FUNCTIONAL_TABLES + ("summary", "fiscal_summary"),
)
def category_amount(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    figures = category_figures(doc)
    if not figures:
        return
    fiscal = everything_fiscal(doc)
    itemised = [fold(f.text) for f in doc.facts if f.item is not None]
    between = _BETWEEN[doc.meta.kind or Kind.BUDGET]
    names = "|".join(re.escape(k) for k in sorted(figures, key=len, reverse=True))
    pattern = re.compile(f"(?P<name>{names}){between}{_NUM}")
    for p in doc.narrative:
        text = fold(p.text)
        for m in pattern.finditer(text):
            # the name must start a phrase, not end a longer one (其他行政运行)
            before = text[m.start() - 1] if m.start() > 0 else ""
            if "\u4e00" <= before <= "\u9fff" and before not in "的和及与为是中":
                continue
            if any(m.group(0) in quote for quote in itemised):
                continue  # an item statement: text_vs_table.item-amount checks it
            stated = Printed.parse(m.group("num"), m.group("unit"))
            found = figures[m.group("name")]
            bad = disagreement(stated.value, stated.slack, [[f] for f in found])
            if bad is None:
                continue
            loc = p.locator
            shown = bad.reading[0]
            yield category_amount.finding(
                f"情况说明“{m.group(0)}”{stated.text} ≠ {shown.shown}",
                at_text(p.text.strip(), loc.page if loc else None, loc.line if loc else None),
                shown.location, expected=shown.value, actual=stated.value, near=bad.near,
                severity=None if fiscal or _both_scopes(found) else Severity.WARNING,
                printed_unit=stated.unit,
            )
