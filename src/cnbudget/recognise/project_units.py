"""A per-project table whose 单位:万元 is not the unit of its figures.

A per-project form (硚口 表十) may print 单位:万元 above figures in 元. Where
its own text does not say so (recognise/tables/project_form.py reads that
evidence), the document's totals do: one project cannot cost a thousand
times what the whole department spends. A per-project table whose amounts,
read in its printed unit, exceed the document's total expenditure by that
much while the same figures read in 元 fit under it, is read in 元 (with the
grids printed in its form: the tables with the same subject and unit).
"""

from __future__ import annotations

from decimal import Decimal

from cnbudget.model import Document, Table
from cnbudget.model.problems import problem_of
from cnbudget.model.table_types import NON_AMOUNT_COLUMNS, TABLE_TYPES, RowKey
from cnbudget.normalise.amounts import UNIT_FACTORS
from cnbudget.recognise.tables.other import is_money_header

IMPLAUSIBLE = Decimal(1000)  # amounts this many times the department's total spending


def total_expenditure(doc: Document) -> Decimal | None:
    """支出总计 of the summary table, else the 合计 of the expenditure table."""
    for table in doc.tables_of("summary"):
        for item in ("grand_total", "expenditure_total"):
            row = table.row_by_item(item, "expenditure")
            if row is not None and row.values.get("amount"):
                return row.values["amount"]
    for table in doc.tables_of("expenditure"):
        row = table.row_by_item("total")
        if row is not None and row.values.get("total"):
            return row.values["total"]
    return None


def _amount_keys(table: Table) -> list[tuple[int, str]]:
    """(row index, column) of the table's amounts: not its rates, scores and counts."""
    return [(i, key) for i, row in enumerate(table.rows) for key, value in row.values.items()
            if value is not None and key not in NON_AMOUNT_COLUMNS
            and (not key.startswith("extra:") or is_money_header(key.removeprefix("extra:")))]


def _per_project(table: Table) -> bool:
    ttype = TABLE_TYPES.get(table.type)
    return ttype is not None and ttype.row_key is RowKey.PROJECT and table.subject is not None


def _grids_after(doc: Document, form: Table) -> list[Table]:
    """The grids printed in a per-project form: the tables right after it about its project."""
    grids: list[Table] = []
    for table in doc.tables[doc.tables.index(form) + 1:]:
        if _per_project(table) or table.subject != form.subject or table.unit != form.unit:
            break
        grids.append(table)
    return grids


def read_implausible_projects_in_yuan(doc: Document) -> None:
    """Re-read in 元 the per-project tables (and their grids) whose amounts in
    their printed unit cannot be the project's: a RECOVERED problem says so."""
    total = total_expenditure(doc)
    if not total or total <= 0:
        return
    for table in [t for t in doc.tables if _per_project(t)]:
        factor = UNIT_FACTORS.get(table.unit or "")
        if factor is None or factor <= 1 or table.figures_unit is not None:
            continue
        cells = _amount_keys(table)
        largest = max((abs(table.rows[i].values[k] or 0) for i, k in cells), default=Decimal(0))
        if largest < total * IMPLAUSIBLE or largest / factor > total:
            continue
        printed = table.unit
        group = [table, *_grids_after(doc, table)]
        for member in group:
            for i, key in _amount_keys(member):
                member.rows[i].values[key] = (member.rows[i].values[key] or Decimal(0)) / factor
            member.figures_unit = "元"
        grids = [repr(t.title) for t in group if t is not table]
        doc.problems.append(problem_of(
            "table.figures-unit", table.locator, title=table.title, printed=printed,
            evidence=(f"按 {printed} 读取时金额（最大 {largest} 元）超过部门支出总额（{total} 元）"
                      f"的 {IMPLAUSIBLE} 倍" + (f"；其子表 {'、'.join(grids)} 同样按元读取" if grids else "")),
        ))
