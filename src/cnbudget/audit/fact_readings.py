"""Which table figures a narrative fact may be quoting, like with like.

A narrative says "支出预算 9653.46 万元" without naming the table; the same
quantity is printed in several (收支总表, 支出总表, 一般公共预算支出表). Each
such *source* covers some money (all the department's funds, or 财政拨款 /
一般公共预算 only) and one of a side's two totals (本年合计, or 总计 with
carry-overs). A fact is compared only with the sources of its own scope (the
fact's `scope.funds` and `scope.span`, see recognise/facts.py): 基本支出 of all
funds never with 财政拨款基本支出, 收入总计 never with 本年收入合计. Where the
document prints the quantity only in another scope, the comparison is made
all the same but reported as a warning (the scopes may differ). A fact agrees
when any source of the chosen scope agrees. Also shared by the magnitude rule
(unit slips).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from cnbudget.audit.figures import Figure, Reading, disagreement, figure, reading_value
from cnbudget.audit.tables import total_row
from cnbudget.audit.tolerance import agrees, fact_slack
from cnbudget.model.document import Document, Fact, Funds, Kind, Span, Table

UNIT_SLIPS = (Decimal(10000), Decimal(1) / Decimal(10000))
ALL = None  # a source of all the department's funds


def _item(doc: Document, type_: str, side: str, item: str, column: str = "amount") -> Figure | None:
    table = doc.table(type_)
    return figure(table, table.row_by_item(item, side) if table else None, column)


def _total(doc: Document, type_: str, column: str = "total") -> Figure | None:
    table = doc.table(type_)
    return figure(table, total_row(table) if table else None, column)


def _codes(table: Table | None, prefixes: tuple[str, ...]) -> Reading | None:
    """Σ of the 类 rows of the given prefixes (economic 301 + 303 = 人员经费)."""
    if table is None:
        return None
    figs = [f for p in prefixes for r in table.rows if r.code == p
            for f in (figure(table, r, "total"),) if f]
    return figs or None


def _one(f: Figure | None) -> Reading | None:
    return [f] if f else None


@dataclass(frozen=True, slots=True)
class Source:
    """A table figure a fact may quote, and the money and total it covers."""

    read: Callable[[Document], Reading | None]
    funds: Funds | None = ALL
    span: Span | None = None  # None: whichever the table prints


def _s(read: Callable[[Document], Reading | None], funds: Funds | None = ALL,
       span: Span | None = None) -> Source:
    return Source(read, funds, span)


GP, FISCAL = Funds.GENERAL_PUBLIC, Funds.FISCAL
YEAR, TOTAL = Span.YEAR, Span.TOTAL


def _three_public(item: str) -> tuple[Source, ...]:
    def column(doc: Document, c: int) -> Reading | None:
        table = doc.table("three_public")
        row = table.row_by_item(item) if table else None
        final = doc.meta.kind == Kind.FINAL_ACCOUNT
        columns = ("final", "amount") if final else ("amount", "budget")
        return _one(figure(table, row, columns[c]))
    return (_s(lambda d: column(d, 0)), _s(lambda d: column(d, 1)))


def _basic(column: str, codes: tuple[str, ...]) -> tuple[Source, ...]:
    """人员经费 / 公用经费: the basic tables' column total, or Σ of their 类 rows."""
    return tuple(
        source
        for type_, funds in (("general_public_basic", GP), ("fiscal_basic", FISCAL))
        for source in (
            _s(lambda d, t=type_: _one(_total(d, t, column)), funds),
            _s(lambda d, t=type_: _codes(d.table(t), codes), funds),
        )
    )


SOURCES: dict[str, tuple[Source, ...]] = {
    "income_total": (
        _s(lambda d: _one(_item(d, "summary", "income", "income_total")), span=YEAR),
        _s(lambda d: _one(_item(d, "summary", "income", "grand_total")), span=TOTAL),
        _s(lambda d: _one(_total(d, "income"))),
        _s(lambda d: _one(_item(d, "fiscal_summary", "income", "income_total")), FISCAL, YEAR),
        _s(lambda d: _one(_item(d, "fiscal_summary", "income", "grand_total")), FISCAL, TOTAL),
    ),
    "expenditure_total": (
        _s(lambda d: _one(_item(d, "summary", "expenditure", "expenditure_total")), span=YEAR),
        _s(lambda d: _one(_item(d, "summary", "expenditure", "grand_total")), span=TOTAL),
        _s(lambda d: _one(_total(d, "expenditure")), span=YEAR),
        _s(lambda d: _one(_total(d, "general_public")), GP, YEAR),
        _s(lambda d: _one(_item(d, "fiscal_summary", "expenditure", "expenditure_total")),
           FISCAL, YEAR),
        _s(lambda d: _one(_item(d, "fiscal_summary", "expenditure", "grand_total")),
           FISCAL, TOTAL),
    ),
    # 收、支总计: the 总计 of either side of the summary (they are equal when it balances)
    "grand_total": (
        _s(lambda d: _one(_item(d, "summary", "income", "grand_total"))),
        _s(lambda d: _one(_item(d, "summary", "expenditure", "grand_total"))),
        _s(lambda d: _one(_total(d, "income"))),
        _s(lambda d: _one(_item(d, "fiscal_summary", "income", "grand_total")), FISCAL),
    ),
    "basic": (
        _s(lambda d: _one(_total(d, "expenditure", "basic"))),
        _s(lambda d: _one(_item(d, "summary", "expenditure", "basic"))),
        _s(lambda d: _one(_total(d, "general_public", "basic")), GP),
        _s(lambda d: _one(_total(d, "general_public_basic")), GP),
        _s(lambda d: _one(_total(d, "fiscal_basic")), FISCAL),
        _s(lambda d: _one(_item(d, "fiscal_summary", "expenditure", "basic")), FISCAL),
    ),
    "project": (
        _s(lambda d: _one(_total(d, "expenditure", "project"))),
        _s(lambda d: _one(_item(d, "summary", "expenditure", "project"))),
        _s(lambda d: _one(_total(d, "general_public", "project")), GP),
        _s(lambda d: _one(_item(d, "fiscal_summary", "expenditure", "project")), FISCAL),
    ),
    "personnel": _basic("personnel", ("301", "303")),
    "public": _basic("public", ("302", "310")),
    "three_public_total": _three_public("total"),
    "outbound": _three_public("outbound"),
    "vehicle_purchase": _three_public("vehicle_purchase"),
    "vehicle_operation": _three_public("vehicle_operation"),
    "reception": _three_public("reception"),
    "operating_cost": (_s(lambda d: _one(_total(d, "operating_cost", "amount"))),),
    "procurement_total": (_s(lambda d: _one(_total(d, "procurement", "amount"))),),
}
# quantities that are appropriations by definition: a fact's funds words change nothing
FUNDS_NEUTRAL = frozenset({"three_public_total", "outbound", "vehicle_purchase",
                           "vehicle_operation", "reception", "operating_cost",
                           "procurement_total"})


def readings_of(doc: Document, key: str) -> list[Reading]:
    """Every printed reading of a key, whatever its scope (the list rules use)."""
    return [r for s in SOURCES.get(key, ()) for r in (s.read(doc),) if r]


def _has_money(doc: Document, type_: str) -> bool:
    table = doc.table(type_)
    if table is None or table.empty:
        return False
    f = _total(doc, type_)
    return f is None or f.value != 0


def everything_fiscal(doc: Document) -> bool:
    """All of the department's money is fiscal: the two scopes coincide."""
    a, b = _total(doc, "expenditure"), _total(doc, "general_public") or _total(doc, "fiscal_expenditure")
    return a is not None and b is not None and disagreement(a.value, a.slack, [[b]]) is None


def same_funds(doc: Document, a: Funds | None, b: Funds | None) -> bool:
    """Two scopes of money that cover the same figures in this document."""
    if a == b:
        return True
    fiscal = {Funds.FISCAL, Funds.GENERAL_PUBLIC}
    only_general = not (_has_money(doc, "gov_fund") or _has_money(doc, "state_capital"))
    if {a, b} <= fiscal:
        return only_general
    if ALL in (a, b) and {a, b} - {ALL} <= fiscal:
        return everything_fiscal(doc) and only_general
    return False


def _like(doc: Document, fact: Fact, source: Source) -> bool:
    scope = fact.scope
    funds, span = (scope.funds, scope.span) if scope else (None, None)
    if fact.key not in FUNDS_NEUTRAL and not same_funds(doc, funds, source.funds):
        return False
    return span is None or source.span is None or span == source.span


@dataclass(frozen=True, slots=True)
class FactMismatch:
    fact: Fact
    reading: Reading  # the reading reported
    unit_slip: Decimal | None  # ×10000 or ÷10000 when that explains the difference
    near: bool  # within twice the rounding slack: a warning
    other_scope: bool  # only readings of another scope were printed: a warning


def fact_mismatches(doc: Document) -> Iterator[FactMismatch]:
    """Department-level facts that agree with no printed reading of their scope."""
    for fact in doc.facts:
        sources = SOURCES.get(fact.key)
        if sources is None or fact.subject is not None or fact.item is not None:
            continue
        like = [r for s in sources if _like(doc, fact, s) for r in (s.read(doc),) if r]
        other = [r for s in sources if not _like(doc, fact, s) for r in (s.read(doc),) if r]
        readings = like or other
        if not readings:
            continue
        bad = disagreement(fact.value, fact_slack(fact), readings)
        if bad is None:
            continue
        target = reading_value(bad.reading)
        slip = next((k for k in UNIT_SLIPS
                     if target != 0 and agrees(fact.value * k, target,
                                               fact_slack(fact) * k + bad.reading[0].slack)), None)
        yield FactMismatch(fact, bad.reading, slip, bad.near, other_scope=not like)
