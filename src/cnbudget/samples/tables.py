"""The sample's tables, built from its figures so that every cross-table
equality an auditor checks holds: summary = income = expenditure totals,
fiscal_summary = general_public, general_public basic = general_public_basic,
三公 vehicle operation = 30231, reception = 30217, 类 = Σ款 = Σ项.
"""

from __future__ import annotations

from decimal import Decimal

from cnbudget.model import Indicator, Kind, Row, Table
from cnbudget.model.table_types import (
    SUMMARY_EXPENDITURE_ITEMS,
    SUMMARY_INCOME_ITEMS,
    THREE_PUBLIC_ITEMS,
)
from cnbudget.samples.catalogue import (
    ASSET_NAMES,
    ECONOMIC_CATEGORIES,
    ECONOMIC_LINES,
    FUNCTIONAL_NAMES,
    PERFORMANCE,
)
from cnbudget.samples.figures import Figures

UNIT = "万元"
EMPTY_FUND_NOTE = "注：本部门无政府性基金预算财政拨款支出，本表为空表。"
EMPTY_CAPITAL_NOTE = "注：本部门无国有资本经营预算财政拨款支出，本表为空表。"

BUDGET_TITLES: dict[str, str] = {
    "summary": "部门收支总表",
    "income": "部门收入总表",
    "expenditure": "部门支出总表",
    "fiscal_summary": "财政拨款收支总表",
    "general_public": "一般公共预算支出表",
    "general_public_basic": "一般公共预算基本支出表",
    "gov_fund": "政府性基金预算支出表",
    "state_capital": "国有资本经营预算支出表",
    "three_public": "财政拨款“三公”经费支出表",
    "project_expenditure": "项目支出表",
    "procurement": "政府采购预算表",
    "performance_target": "项目支出绩效目标表",
    "assets": "国有资产占用情况表",
}
FINAL_TITLES: dict[str, str] = {
    "summary": "收入支出决算总表",
    "income": "收入决算表",
    "expenditure": "支出决算表",
    "fiscal_summary": "财政拨款收入支出决算总表",
    "general_public": "一般公共预算财政拨款支出决算表",
    "general_public_basic": "一般公共预算财政拨款基本支出决算明细表",
    "gov_fund": "政府性基金预算财政拨款收入支出决算表",
    "state_capital": "国有资本经营预算财政拨款支出决算表",
    "three_public": "财政拨款“三公”经费支出决算表",
    "project_expenditure": "项目支出决算表",
    "procurement": "政府采购支出表",
    "assets": "国有资产占用情况表",
}


def yuan(cents: int | None) -> Decimal | None:
    """Hundredths of 万元 to yuan."""
    return None if cents is None else Decimal(cents * 100)


def _functional_rows(values_by_leaf: dict[str, dict[str, int]], columns: tuple[str, ...]) -> list[Row]:
    """合计, then each 类, 款 and 项 in code order, parents summing their children."""
    sums: dict[str, dict[str, int]] = {}
    for leaf, values in values_by_leaf.items():
        for code in (leaf[:3], leaf[:5], leaf):
            target = sums.setdefault(code, dict.fromkeys(columns, 0))
            for column in columns:
                target[column] += values.get(column, 0)
    total = {c: sum(sums[k][c] for k in sums if len(k) == 3) for c in columns}

    def row_values(amounts: dict[str, int]) -> dict[str, Decimal | None]:
        # a classification table prints a zero as an empty cell
        return {c: yuan(amounts[c]) if amounts[c] else None for c in columns}

    rows = [Row(code=None, item="total", name="合计", values=row_values(total))]
    for code in sorted(sums):
        rows.append(Row(code=code, name=FUNCTIONAL_NAMES[code], values=row_values(sums[code])))
    return rows


def _leaf_values(fig: Figures) -> dict[str, dict[str, int]]:
    projects = fig.project_by_code()
    leaves = sorted(set(fig.basic_by_code) | set(projects))
    return {
        code: {"basic": fig.basic_by_code.get(code, 0), "project": projects.get(code, 0),
               "total": fig.basic_by_code.get(code, 0) + projects.get(code, 0)}
        for code in leaves
    }


def expenditure_table(fig: Figures, title: str) -> Table:
    rows = _functional_rows(_leaf_values(fig), ("total", "basic", "project"))
    for row in rows:
        row.values.update(remit_superior=None, operating=None, subsidy_subsidiary=None)
    return Table("expenditure", title, rows, unit=UNIT)


INCOME_EMPTY_COLUMNS = ("fiscal_fund", "fiscal_state_capital", "special_account", "business",
                        "operating", "other", "carryover")


def income_table(fig: Figures, title: str) -> Table:
    # all income is 一般公共预算 appropriation
    leaves = {code: {"total": v["total"], "fiscal_general": v["total"]}
              for code, v in _leaf_values(fig).items()}
    rows = _functional_rows(leaves, ("total", "fiscal_general"))
    for row in rows:
        row.values.update(dict.fromkeys(INCOME_EMPTY_COLUMNS))
    return Table("income", title, rows, unit=UNIT)


def general_public_table(fig: Figures, title: str) -> Table:
    return Table("general_public", title,
                 _functional_rows(_leaf_values(fig), ("total", "basic", "project")), unit=UNIT)


def general_public_basic_table(fig: Figures, title: str) -> Table:
    names = {code: name for code, name, _ in ECONOMIC_LINES}
    rows = [Row(code=None, item="total", name="合计", values={
        "total": yuan(fig.basic), "personnel": yuan(fig.personnel), "public": yuan(fig.public)})]
    for category, (name, side) in ECONOMIC_CATEGORIES.items():
        amount = fig.economic_category(category)
        rows.append(Row(code=category, name=name, values=_basic_values(amount, side)))
        for code in sorted(c for c in fig.economic if c.startswith(category)):
            rows.append(Row(code=code, name=names[code], values=_basic_values(fig.economic[code], side)))
    return Table("general_public_basic", title, rows, unit=UNIT)


def _basic_values(amount: int, side: str) -> dict[str, Decimal | None]:
    return {"total": yuan(amount), "personnel": yuan(amount) if side == "personnel" else None,
            "public": yuan(amount) if side == "public" else None}


def _expenditure_side(fig: Figures, extra: tuple[str, ...]) -> list[Row]:
    totals: dict[str, int] = {}
    for code, values in _leaf_values(fig).items():
        totals[code[:3]] = totals.get(code[:3], 0) + values["total"]
    codes = sorted(totals)
    rows = [Row(side="expenditure", item=f"func:{code}", name=name, values=_side_values(totals[code], extra))
            for code, name in zip(codes, numbered([FUNCTIONAL_NAMES[c] for c in codes]), strict=True)]
    rows.append(Row(side="expenditure", item="expenditure_total",
                    name=SUMMARY_EXPENDITURE_ITEMS["expenditure_total"],
                    values=_side_values(fig.total, extra)))
    rows.append(Row(side="expenditure", item="carryover_end",
                    name=SUMMARY_EXPENDITURE_ITEMS["carryover_end"],
                    values=_side_values(None, extra)))
    rows.append(Row(side="expenditure", item="grand_total", name=SUMMARY_EXPENDITURE_ITEMS["grand_total"],
                    values=_side_values(fig.total, extra)))
    return rows


def _side_values(amount: int | None, extra: tuple[str, ...]) -> dict[str, Decimal | None]:
    values: dict[str, Decimal | None] = {"amount": yuan(amount)}
    for column in extra:
        # every fiscal appropriation here is 一般公共预算 (general)
        values[column] = yuan(amount) if column == "general" else None
    return values


CHINESE_NUMERALS = "一二三四五六七八九十"


def numbered(names: list[str]) -> list[str]:
    """Item names as templates print them: 一、…, 二、… (ten at most here)."""
    return [f"{CHINESE_NUMERALS[i]}、{name}" for i, name in enumerate(names)]


def _income_rows(items: list[tuple[str, int | None]]) -> list[Row]:
    """Income lines, numbered up to the totals (本年收入合计, 年初结转和结余, 总计 are not)."""
    listed = [item for item, _ in items if item not in ("income_total", "carryover_begin", "grand_total")]
    names = dict(zip(listed, numbered([SUMMARY_INCOME_ITEMS[i] for i in listed]), strict=True))
    return [Row(side="income", item=item, name=names.get(item, SUMMARY_INCOME_ITEMS[item]),
                values={"amount": yuan(amount)}) for item, amount in items]


def summary_table(fig: Figures, title: str) -> Table:
    income = _income_rows([
        ("fiscal_general", fig.total), ("fiscal_fund", None), ("fiscal_state_capital", None),
        ("special_account", None), ("business", None), ("operating", None), ("superior_subsidy", None),
        ("subsidiary_remittance", None), ("other", None),
        ("income_total", fig.total), ("carryover_begin", None), ("grand_total", fig.total),
    ])
    return Table("summary", title, income + _expenditure_side(fig, ()), unit=UNIT)


def fiscal_summary_table(fig: Figures, title: str) -> Table:
    income = _income_rows([
        ("fiscal_general", fig.total), ("fiscal_fund", None), ("fiscal_state_capital", None),
        ("income_total", fig.total), ("carryover_begin", None), ("grand_total", fig.total),
    ])
    side = _expenditure_side(fig, ("general", "fund", "state_capital"))
    return Table("fiscal_summary", title, income + side, unit=UNIT)


def empty_table(type_: str, title: str, note: str) -> Table:
    """A table printed empty with its note: header only, no rows (空表列示)."""
    return Table(type_, title, [], unit=UNIT, empty=True, note=note)


def three_public_table(fig: Figures, title: str, kind: Kind) -> Table:
    amounts = {
        "outbound": 0,
        "vehicle_purchase": 0,
        "vehicle_operation": fig.economic["30231"],
        "reception": fig.economic["30217"],
    }
    amounts["vehicle"] = amounts["vehicle_purchase"] + amounts["vehicle_operation"]
    amounts["total"] = amounts["outbound"] + amounts["vehicle"] + amounts["reception"]
    rows = []
    for item in ("total", "outbound", "vehicle", "vehicle_purchase", "vehicle_operation", "reception"):
        if kind is Kind.FINAL_ACCOUNT:
            # the budget was set 10 % above what was spent
            values = {"budget": yuan(amounts[item] * 11 // 10), "final": yuan(amounts[item])}
        else:
            values = {"amount": yuan(amounts[item])}
        rows.append(Row(item=item, name=THREE_PUBLIC_ITEMS[item], values=values))
    if kind is Kind.FINAL_ACCOUNT:
        # the budget column's total is the sum of its printed parts
        budget = {r.item: r.values["budget"] for r in rows}
        rows[2].values["budget"] = budget["vehicle_purchase"] + budget["vehicle_operation"]
        rows[0].values["budget"] = budget["outbound"] + rows[2].values["budget"] + budget["reception"]
    return Table("three_public", title, rows, unit=UNIT)


def project_table(fig: Figures, title: str) -> Table:
    rows = [Row(item="total", name="合计", values={"amount": yuan(fig.project)})]
    rows += [Row(item=p.name, name=p.name, values={"amount": yuan(p.amount)}) for p in fig.projects]
    return Table("project_expenditure", title, rows, unit=UNIT)


def procurement_table(fig: Figures, title: str) -> Table:
    total = sum(p.amount for p in fig.procurement)
    rows = [Row(item="total", name="合计", values={"quantity": None, "unit_price": None, "amount": yuan(total)})]
    for p in fig.procurement:
        rows.append(Row(
            name=p.base.item_name,
            texts={"project": p.base.project, "item_name": p.base.item_name,
                   "catalog_code": p.base.catalog_code, "measure": p.base.measure},
            values={"quantity": Decimal(p.quantity), "unit_price": yuan(p.unit_price), "amount": yuan(p.amount)},
        ))
    return Table("procurement", title, rows, unit=UNIT)


def performance_tables(fig: Figures, title: str) -> list[Table]:
    by_name = {p.name: p for p in fig.projects}
    tables = []
    for name, indicators in PERFORMANCE.items():
        row = Row(item=name, name=name, texts={"project": name},
                  values={"budget": yuan(by_name[name].amount)},
                  indicators=[Indicator(level1=i.level1, level2=i.level2, level3=i.level3, target=i.target)
                              for i in indicators])
        tables.append(Table("performance_target", f"{name}{title}", [row], unit=UNIT, subject=name))
    return tables


def assets_table(fig: Figures, title: str) -> Table:
    values = fig.asset_values
    total = values["buildings"] + values["vehicles"] + values["equipment_large"] + values["other_fixed_assets"]
    rows = [Row(item="total", name=ASSET_NAMES["total"], values={"quantity": None, "value": yuan(total)})]
    for item, name in ASSET_NAMES.items():
        if item == "total":
            continue
        quantity = fig.asset_quantities[item]
        rows.append(Row(item=item, name=name, values={
            "quantity": None if quantity is None else Decimal(quantity), "value": yuan(values[item])}))
    return Table("assets", title, rows, unit=UNIT)
