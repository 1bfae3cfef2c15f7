"""Equalities between the standard tables."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from cnbudget.audit.describe import at_table
from cnbudget.audit.figures import (
    Figure,
    Reading,
    disagreement,
    figure,
    reading_shown,
    reading_value,
)
from cnbudget.audit.rule import AuditContext, Rule, rule
from cnbudget.audit.tables import roots, total_row
from cnbudget.model.document import Category, Document, Finding, Kind, Row, Severity, Table
from cnbudget.normalise.text import fold

X = Category.CROSS_TABLE


def _item(table: Table | None, side: str, item: str, column: str = "amount") -> Figure | None:
    return figure(table, table.row_by_item(item, side) if table else None, column)


def _total(table: Table | None, column: str = "total") -> Figure | None:
    return figure(table, total_row(table) if table else None, column)


def _compare(rule_: Rule, a: Figure | None, readings: Sequence[Reading | None],
             severity: Severity | None = None) -> Iterator[Finding]:
    usable = [r for r in readings if r]
    if a is None or not usable:
        return
    bad = disagreement(a.value, a.slack, usable)
    if bad is None:
        return
    yield rule_.finding(
        f"{a.shown} ≠ {reading_shown(bad.reading)}",
        a.location, *(f.location for f in bad.reading),
        expected=reading_value(bad.reading), actual=a.value, severity=severity, near=bad.near,
        printed_unit=a.table.unit,
    )


def _one(f: Figure | None) -> Reading | None:
    return [f] if f else None


def _all(*figs: Figure | None) -> Reading | None:
    """A sum reading of the printed figures (None when none is printed)."""
    present = [f for f in figs if f]
    return present or None


@rule(
    "cross_table.summary-vs-income", X, Severity.ERROR,
    title_zh="收支总表收入栏 = 收入总表",
    title_en="Summary income side = income table",
    description_zh="收支总表的本年收入合计及各项收入等于收入总表合计行的对应列"
                   "（收入总表合计含上年结转的模板，与收入总计比较）。",
    description_en="The summary's income total and each income item equal the income "
                   "table's total row (or the grand total, where the income table's total "
                   "includes the carry-over).",
    table_types=("summary", "income"),
)
def summary_vs_income(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    summary, income = doc.table("summary"), doc.table("income")
    if summary is None or income is None:
        return
    yield from _compare(summary_vs_income, _total(income), [
        _one(_item(summary, "income", "income_total")),
        _one(_item(summary, "income", "grand_total")),
        _all(_item(summary, "income", "income_total"),
             _item(summary, "income", "carryover_begin")),
    ])
    for column in ("fiscal", "fiscal_general", "fiscal_fund", "fiscal_state_capital",
                   "special_account", "superior_subsidy", "business", "operating",
                   "subsidiary_remittance", "other"):
        yield from _compare(summary_vs_income, _item(summary, "income", column),
                            [_one(_total(income, column))])


def _subtree(table: Table | None, prefix: str, column: str) -> Reading | None:
    if table is None:
        return None
    under = [r for r in table.rows if r.code and r.code.startswith(prefix)]
    if not under:
        return None
    return [f for r in roots(under) for f in (figure(table, r, column),) if f]


@rule(
    "cross_table.summary-vs-expenditure", X, Severity.ERROR,
    title_zh="收支总表支出栏 = 支出总表",
    title_en="Summary expenditure side = expenditure table",
    description_zh="收支总表的本年支出合计、基本支出、项目支出及按功能分类列示的各类支出"
                   "等于支出总表合计行及对应类的金额。",
    description_en="The summary's expenditure total, basic, project and each functional "
                   "category (func:*) equal the expenditure table's total row and "
                   "category sums.",
    table_types=("summary", "expenditure"),
)
def summary_vs_expenditure(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    summary, exp = doc.table("summary"), doc.table("expenditure")
    if summary is None or exp is None:
        return
    yield from _compare(summary_vs_expenditure, _item(summary, "expenditure", "expenditure_total"),
                        [_one(_total(exp))])
    for column in ("basic", "project"):
        yield from _compare(summary_vs_expenditure, _item(summary, "expenditure", column),
                            [_one(_total(exp, column))])
    yield from _categories(summary_vs_expenditure, summary, "amount", [exp], "total")


def _categories(rule_: Rule, summary: Table, column: str, tables: Sequence[Table | None],
                table_column: str) -> Iterator[Finding]:
    """func:<类> rows of a summary vs the category's rows in the given tables."""
    for row in summary.rows:
        if row.side != "expenditure" or not (row.item or "").startswith("func:"):
            continue
        prefix = (row.item or "")[5:]
        parts: list[Figure] = []
        printed = False
        for t in tables:
            sub = _subtree(t, prefix, table_column)
            if sub is not None:
                printed = True
                parts += sub
        a = figure(summary, row, column)
        if a is None or (a.value == 0 and not parts):
            continue
        if not printed:
            # only where the tables print categories at all (else it is a reading gap)
            coded = all(t is not None and any(r.code for r in t.rows) for t in tables)
            if a.value != 0 and coded:
                yield rule_.finding(
                    f"{a.shown}，但{'、'.join(t.title for t in tables if t)}中没有 {prefix} 类科目",
                    a.location, *(at_table(t) for t in tables if t),
                    actual=a.value, severity=Severity.WARNING, printed_unit=a.table.unit,
                )
            continue
        yield from _compare(rule_, a, [parts])


@rule(
    "cross_table.fiscal-summary-vs-tables", X, Severity.ERROR,
    title_zh="财政拨款收支总表 = 一般公共预算 / 政府性基金 / 国有资本经营支出表",
    title_en="Fiscal summary = general public, gov fund, state capital tables",
    description_zh="财政拨款收支总表支出栏的一般公共预算、政府性基金、国有资本经营各列"
                   "（或合计列）等于对应支出表的合计，按功能分类列示的各类同样比较。",
    description_en="The fiscal summary's expenditure columns (general, fund, state "
                   "capital, or the amount column) equal the totals of the corresponding "
                   "expenditure tables, also per functional category.",
    table_types=("fiscal_summary",),
)
def fiscal_summary_vs_tables(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    fs = doc.table("fiscal_summary")
    if fs is None:
        return
    gp = doc.table("general_public") or doc.table("fiscal_expenditure")
    fund, cap = doc.table("gov_fund"), doc.table("state_capital")
    pairs = (("general", gp), ("fund", fund), ("state_capital", cap))
    split = any(_item(fs, "expenditure", "expenditure_total", c) for c, _ in pairs)
    rule_ = fiscal_summary_vs_tables
    if split:
        for column, table in pairs:
            if table is None or table.empty:
                continue
            yield from _compare(rule_, _item(fs, "expenditure", "expenditure_total", column),
                                [_one(_total(table))])
            yield from _categories(rule_, fs, column, [table], "total")
    elif gp is not None:
        parts = [t for t in (gp, fund, cap) if t is not None and not t.empty]
        yield from _compare(rule_, _item(fs, "expenditure", "expenditure_total"),
                            [_all(*(_total(t) for t in parts))])
        for column in ("basic", "project"):
            yield from _compare(rule_, _item(fs, "expenditure", column),
                                [_all(*(_total(t, column) for t in parts))])
        yield from _categories(rule_, fs, "amount", parts, "total")


@rule(
    "cross_table.summary-vs-fiscal-summary", X, Severity.ERROR,
    title_zh="收支总表财政拨款收入 = 财政拨款收支总表",
    title_en="Summary fiscal income = fiscal summary",
    description_zh="收支总表列示的一般公共预算、政府性基金、国有资本经营财政拨款收入等于"
                   "财政拨款收支总表的对应收入。",
    description_en="The summary's fiscal income items equal the same items of the fiscal "
                   "summary.",
    table_types=("summary", "fiscal_summary"),
)
def summary_vs_fiscal_summary(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    summary, fs = doc.table("summary"), doc.table("fiscal_summary")
    if summary is None or fs is None:
        return
    for item, column in (("fiscal_general", "general"), ("fiscal_fund", "fund"),
                         ("fiscal_state_capital", "state_capital")):
        yield from _compare(summary_vs_fiscal_summary, _item(summary, "income", item), [
            _one(_item(fs, "income", item)), _one(_item(fs, "income", item, column)),
        ])
    yield from _compare(summary_vs_fiscal_summary, _item(summary, "income", "fiscal"), [
        _one(_item(fs, "income", "income_total")),
        _one(_item(fs, "income", "fiscal")),
        _all(*(_item(fs, "income", i) for i in
               ("fiscal_general", "fiscal_fund", "fiscal_state_capital"))),
    ])


@rule(
    "cross_table.general-public-vs-basic", X, Severity.ERROR,
    title_zh="一般公共预算支出表基本支出 = 基本支出表合计",
    title_en="General public basic = basic expenditure table total",
    description_zh="一般公共预算支出表合计行的基本支出等于一般公共预算基本支出表的合计"
                   "（人员经费 + 公用经费）；财政拨款支出表与财政拨款基本支出表同理。",
    description_en="The general public table's basic total equals the basic table's total "
                   "(personnel + public); likewise for the fiscal tables.",
    table_types=("general_public", "fiscal_expenditure"),
)
def general_public_vs_basic(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    for outer, inner in (("general_public", "general_public_basic"),
                         ("fiscal_expenditure", "fiscal_basic")):
        gp, basic = doc.table(outer), doc.table(inner)
        if gp is None or basic is None:
            continue
        personnel, public = _total(basic, "personnel"), _total(basic, "public")
        yield from _compare(general_public_vs_basic, _total(gp, "basic"), [
            _one(_total(basic)), [personnel, public] if personnel and public else None,
        ])


def _basic_code(doc: Document, code: str) -> tuple[Table, Row] | None:
    for t in ("general_public_basic", "fiscal_basic"):
        table = doc.table(t)
        row = table.row_by_code(code) if table else None
        if table is not None and row is not None:
            return table, row
    return None


def _three_public(doc: Document, item: str) -> Figure | None:
    table = doc.table("three_public")
    if table is None:
        return None
    row = table.row_by_item(item)
    column = "final" if doc.meta.kind == Kind.FINAL_ACCOUNT else "amount"
    return figure(table, row, column) or figure(table, row, "amount") or \
        figure(table, row, "budget")


def _project_total(doc: Document) -> Figure | None:
    """The project expenditure the 三公 money may partly come from."""
    gp = doc.table("general_public") or doc.table("fiscal_expenditure")
    project = _total(gp, "project") if gp else None
    if project is None:  # a 一般公共预算支出表 printing its 合计 only (江苏): the 支出总表 tells
        project = _total(doc.table("expenditure"), "project")
    return project


def _vs_basic_code(rule_: Rule, doc: Document, item: str, code: str) -> Iterator[Finding]:
    a = _three_public(doc, item)
    if a is None:
        return
    found = _basic_code(doc, code)
    if found is None:
        basic = doc.table("general_public_basic") or doc.table("fiscal_basic")
        if a.value > 0 and basic is not None and not basic.empty and \
                doc.meta.kind != Kind.FINAL_ACCOUNT:
            # all of it may be project money: then worth knowing, not a person's work
            project = _project_total(doc)
            covered = project is not None and project.value >= a.value
            yield rule_.finding(
                f"{a.shown}，但{basic.title}未列 {code} 科目" + ("（可能全部来自项目支出）" if covered else ""),
                a.location, at_table(basic), actual=a.value,
                severity=Severity.INFO if covered else Severity.WARNING,
                printed_unit=a.table.unit,
            )
        return
    table, row = found
    b = figure(table, row, "total") or figure(table, row, "public")
    if b is None:
        return
    bad = disagreement(a.value, a.slack, [[b]])
    if bad is None:
        return
    # 三公 covers basic and project spending; the basic table only the basic part,
    # so 三公 above the basic figure is legitimate where project money exists.
    project = _project_total(doc)
    if a.value < b.value or project is None or project.value == 0:
        severity = Severity.ERROR
    elif project.value >= a.value - b.value:  # the project money can hold the difference
        severity = Severity.INFO
    else:
        severity = Severity.WARNING
    yield rule_.finding(
        f"{a.shown} ≠ {b.shown}" + ("（差额可能来自项目支出）" if severity != Severity.ERROR else ""),
        a.location, b.location, expected=b.value, actual=a.value, severity=severity,
        near=bad.near, printed_unit=a.table.unit,
    )


_THREE_PUBLIC_DESC_ZH = ("“三公”经费表的{name}不小于基本支出表 {code} 科目（{code_name}）：“三公”经费含"
                         "基本支出和项目支出。小于基本支出科目为错误；大于而项目支出足以容纳差额时为提示，"
                         "否则为警告；基本支出表未列该科目而“三公”经费不为零时（仅预算），项目支出足以"
                         "容纳为提示，否则为警告。")
_THREE_PUBLIC_DESC_EN = ("three_public {item} is at least economic code {code} of the basic "
                         "table (三公 covers basic and project spending). Below it is an error; "
                         "above it is info where the project spending can hold the difference, "
                         "else a warning; a missing code with a non-zero figure (budgets only) "
                         "is info where project spending can hold it, else a warning.")


def _three_public_rule(id: str, item: str, code: str, name: str, code_name: str,
                       title_en: str) -> Rule:
    """Register the rule comparing one 三公 item with its economic code."""

    @rule(
        id, X, Severity.ERROR,
        title_zh=f"{name} = 基本支出 {code}",
        title_en=f"{title_en} = basic {code}",
        description_zh=_THREE_PUBLIC_DESC_ZH.format(name=name, code=code, code_name=code_name),
        description_en=_THREE_PUBLIC_DESC_EN.format(item=item, code=code),
        table_types=("three_public",),
    )
    def check(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
        yield from _vs_basic_code(check, doc, item, code)

    return check


three_public_vehicle = _three_public_rule(
    "cross_table.three-public-vehicle-vs-30231", "vehicle_operation", "30231",
    "公务用车运行维护费", "公务用车运行维护费", "Vehicle operation")
three_public_reception = _three_public_rule(
    "cross_table.three-public-reception-vs-30217", "reception", "30217",
    "公务接待费", "公务接待费", "Reception")
three_public_outbound = _three_public_rule(
    "cross_table.three-public-outbound-vs-30212", "outbound", "30212",
    "因公出国(境)费", "因公出国(境)费用", "Outbound travel")


@rule(
    "cross_table.operating-cost-vs-public", X, Severity.WARNING,
    title_zh="机关运行经费不超过基本支出公用经费",
    title_en="Operating cost within public expenses",
    description_zh="机关运行经费是基本支出中的公用经费部分，大于基本支出表公用经费合计"
                   "时提示核对。",
    description_en="机关运行经费 is part of the basic public expenses; a larger figure than "
                   "the basic table's public total is flagged for review.",
    table_types=("operating_cost",),
)
def operating_cost_vs_public(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    op = doc.table("operating_cost")
    basic = doc.table("general_public_basic") or doc.table("fiscal_basic")
    a = _total(op, "amount") if op else None
    b = _total(basic, "public") if basic else None
    if a is None or b is None or a.value <= b.value + a.slack + b.slack:
        return
    yield operating_cost_vs_public.finding(
        f"{a.shown} 大于 {b.shown}", a.location, b.location, expected=b.value, actual=a.value,
        printed_unit=a.table.unit,
    )


PER_PROJECT_TYPES = ("performance_target", "performance_evaluation", "other")


@rule(
    "cross_table.repeated-total", X, Severity.ERROR,
    title_zh="重复列示的同类表合计一致",
    title_en="Tables of one type printed twice agree",
    description_zh="同一类型的表格出现两次（如按功能分类和按经济分类各列一张一般公共预算"
                   "支出表）时，合计行相同列应一致；标题不同（可能是不同单位）时为警告。",
    description_en="Two tables of one type (e.g. the general public table by function and "
                   "by economic class) must agree in their total rows; a warning when their "
                   "titles differ (they may cover different units).",
)
def repeated_total(doc: Document, ctx: AuditContext) -> Iterator[Finding]:
    seen: dict[str, Table] = {}
    for table in doc.tables:
        if table.type in PER_PROJECT_TYPES or table.empty:
            continue
        first = seen.setdefault(table.type, table)
        if first is table:
            continue
        same_title = fold(first.title) == fold(table.title)
        a_row, b_row = total_row(first), total_row(table)
        if a_row is None or b_row is None:
            continue
        for column in a_row.values:
            a, b = figure(first, a_row, column), figure(table, b_row, column)
            bad = disagreement(a.value, a.slack, [[b]]) if a and b else None
            if a is None or b is None or bad is None:
                continue
            yield repeated_total.finding(
                f"{a.shown} ≠ {b.shown}", a.location, b.location, expected=a.value,
                actual=b.value, severity=None if same_title else Severity.WARNING,
                near=bad.near, printed_unit=a.table.unit,
            )
