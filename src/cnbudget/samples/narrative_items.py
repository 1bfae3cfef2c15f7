"""The sample's statement of each 功能分类 项 of its 一般公共预算 spending, worded as
published disclosures word them, with the facts a reader quotes from each.

Budgets (the template of 2026): ``1.一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）
行政运行（项）：2023年当年预算执行数为A万元，2024年预算安排B万元，比上年增加C万元，增长Z%，
主要原因是…。`` Final accounts: ``…（项）：年初预算为A万元，支出决算为B万元，完成年初预算的
Z%，比年初预算增加C万元，增长W%，主要原因是…。`` B is the 项's row of the 一般公共预算
支出表; A is made up (a share of B that varies by item, so some items grow and
some fall), and C, Z, W are computed from the printed A and B as an author
would: every figure consistent.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from cnbudget.model import Document, Fact, FactScope, Kind, Paragraph, Row

CENT = Decimal("0.01")
# last year's (or the 年初预算's) figure as ‱ of this year's, item by item in turn
_SHARES = (9236, 10480, 9815, 8750, 10125, 9600, 11340)
_REASONS = ("人员调整和工资标准变化", "工作任务调整", "按实际需要安排")


@dataclass(frozen=True, slots=True)
class ItemFigures:
    """An item's figures as printed, in hundredths of 万元 (the rate in hundredths of %)."""

    base: int
    current: int

    @property
    def change(self) -> int:
        return self.current - self.base

    @property
    def rate(self) -> Decimal:
        return (Decimal(self.change) * 100 / self.base).quantize(CENT, ROUND_HALF_UP)

    @property
    def completion(self) -> Decimal:
        return (Decimal(self.current) * 100 / self.base).quantize(CENT, ROUND_HALF_UP)


def _wan(cents: int) -> str:
    return format(Decimal(cents) / 100, ".2f")


def _label(rows: dict[str, Row], code: str) -> tuple[str, FactScope]:
    names = [(rows[c].name or "") for c in (code[:3], code[:5], code)]
    label = f"{names[0]}（类）{names[1]}（款）{names[2]}（项）"
    return label, FactScope(item="functional", name=names[2], parents=(names[0], names[1]), level=3)


def _fact(key: str, value: Decimal, unit: str, quote: str, scope: FactScope,
          subject: str | None = None) -> Fact:
    return Fact(key, value, unit, quote, subject=subject, printed_unit="万元" if unit == "元" else None,
                scope=scope)


def item_statements(doc: Document) -> tuple[list[Paragraph], list[Fact]]:
    """The heading and one statement per 项 of the 一般公共预算支出表, with their facts."""
    table = doc.table("general_public")
    if table is None:
        return [], []
    rows = {r.code: r for r in table.rows if r.code}
    final = doc.meta.kind is Kind.FINAL_ACCOUNT
    year = doc.meta.year or 0
    paragraphs = [Paragraph("（一）一般公共预算支出" + ("决算" if final else "预算") + "具体情况")]
    facts: list[Fact] = []
    leaves = [c for c in sorted(rows) if len(c) == 7 and rows[c].values.get("total")]
    for n, code in enumerate(leaves, 1):
        current = int((rows[code].values["total"] or Decimal(0)) / 100)
        figures = ItemFigures(
            int((Decimal(current) * _SHARES[n % len(_SHARES)] / 10000).quantize(1, ROUND_HALF_UP)) or 1,
            current)
        label, scope = _label(rows, code)
        lead = f"{n}.{label}："
        up = figures.change >= 0
        if final:
            clauses = [
                ("item_budget", Decimal(figures.base * 100), "元", f"年初预算为{_wan(figures.base)}万元"),
                ("item_amount", Decimal(current * 100), "元", f"支出决算为{_wan(current)}万元"),
                ("completion_pct", figures.completion, "%", f"完成年初预算的{figures.completion}%"),
                ("budget_change_amount", Decimal(figures.change * 100), "元",
                 f"比年初预算{'增加' if up else '减少'}{_wan(abs(figures.change))}万元"),
                ("budget_change_pct", figures.rate, "%", f"{'增长' if up else '下降'}{abs(figures.rate)}%"),
            ]
        else:
            clauses = [
                ("item_previous", Decimal(figures.base * 100), "元",
                 f"{year - 1}年当年预算执行数为{_wan(figures.base)}万元"),
                ("item_amount", Decimal(current * 100), "元", f"{year}年预算安排{_wan(current)}万元"),
                ("change_amount", Decimal(figures.change * 100), "元",
                 f"比上年{'增加' if up else '减少'}{_wan(abs(figures.change))}万元"),
                ("change_pct", figures.rate, "%", f"{'增长' if up else '下降'}{abs(figures.rate)}%"),
            ]
        text = lead
        for i, (key, value, unit, clause) in enumerate(clauses):
            text += ("，" if i else "") + clause
            subject = "item_amount" if key in ("change_amount", "change_pct") else None
            facts.append(_fact(key, value, unit, text[len(f"{n}."):], scope, subject))
        paragraphs.append(Paragraph(f"{text}，主要原因是{_REASONS[n % len(_REASONS)]}。"))
    return paragraphs, facts
