"""The sample documents are consistent the way a correct disclosure is: every
total is the sum of its parts, 类 = Σ款 = Σ项, the tables agree with each
other and the narrative's figures are the tables' figures."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cnbudget.model import Document, Kind, RegionLevel, Table
from cnbudget.model.contract import document_from_json, document_to_json, dumps
from cnbudget.model.table_types import STANDARD_TYPES
from cnbudget.samples import (
    SampleSpec,
    budget_sample,
    final_account_sample,
    make_sample,
    sample_series,
)

SEEDS = (0, 1, 7, 2024)


def all_samples() -> list[Document]:
    docs = [budget_sample(s) for s in SEEDS] + [final_account_sample(s) for s in SEEDS]
    docs.append(make_sample(SampleSpec(scale=Decimal("37.5"), seed=5, department="样例县教育局", code="305")))
    series = list(sample_series(31))
    return docs + [series[4], series[30]]


@pytest.fixture(scope="module", params=range(len(SEEDS) * 2 + 3))
def doc(request: pytest.FixtureRequest) -> Document:
    return all_samples()[request.param]


def value(table: Table | None, column: str, *, item: str = "total", code: str | None = None,
          side: str | None = None) -> Decimal:
    assert table is not None
    row = table.row_by_code(code) if code else table.row_by_item(item, side)
    assert row is not None, (table.type, item, code)
    return row.values.get(column) or Decimal(0)


def test_the_base_sample_has_the_documented_totals() -> None:
    exp = budget_sample().table("expenditure")
    assert value(exp, "total") == Decimal("40971100")  # 4097.11 万元
    assert value(exp, "basic") == Decimal("9736300")
    assert value(exp, "project") == Decimal("31234800")


def test_every_standard_table_is_present(doc: Document) -> None:
    assert {t.type for t in doc.tables} >= set(STANDARD_TYPES)
    for type_ in ("gov_fund", "state_capital"):
        table = doc.table(type_)
        assert table is not None and table.empty and table.note and "空表" in table.note


def test_classification_hierarchy_sums(doc: Document) -> None:
    for type_ in ("income", "expenditure", "general_public", "general_public_basic"):
        table = doc.table(type_)
        assert table is not None
        coded = [r for r in table.rows if r.code]
        columns = table.rows[0].values.keys()
        for column in columns:
            for parent in coded:
                children = [r for r in coded if len(r.code or "") == len(parent.code or "") + 2
                            and (r.code or "").startswith(parent.code or "")]
                if children:
                    assert sum((c.values[column] or 0) for c in children) == (parent.values[column] or 0)
            top = sum((r.values[column] or 0) for r in coded if len(r.code or "") == 3)
            assert top == (table.rows[0].values[column] or 0), (type_, column)


def test_row_totals_are_sums_of_parts(doc: Document) -> None:
    for type_, parts in (("expenditure", ("basic", "project")), ("general_public", ("basic", "project")),
                         ("general_public_basic", ("personnel", "public"))):
        table = doc.table(type_)
        assert table is not None
        for row in table.rows:
            assert (row.values["total"] or 0) == sum((row.values[p] or 0) for p in parts)


def test_cross_table_equalities(doc: Document) -> None:
    total = value(doc.table("expenditure"), "total")
    assert value(doc.table("income"), "total") == total
    assert value(doc.table("summary"), "amount", item="grand_total", side="income") == total
    assert value(doc.table("summary"), "amount", item="grand_total", side="expenditure") == total
    assert value(doc.table("fiscal_summary"), "amount", item="expenditure_total", side="expenditure") == \
        value(doc.table("general_public"), "total")
    assert value(doc.table("general_public"), "basic") == value(doc.table("general_public_basic"), "total")
    basic = doc.table("general_public_basic")
    tp = doc.table("three_public")
    column = "final" if doc.meta.kind is Kind.FINAL_ACCOUNT else "amount"
    assert value(tp, column, item="vehicle_operation") == value(basic, "total", code="30231")
    assert value(tp, column, item="reception") == value(basic, "total", code="30217")
    for col in ("amount", "budget", "final"):
        if col in tp.rows[0].values:
            parts = ("outbound", "vehicle", "reception")
            assert value(tp, col) == sum(value(tp, col, item=p) for p in parts)
            assert value(tp, col, item="vehicle") == value(tp, col, item="vehicle_purchase") + \
                value(tp, col, item="vehicle_operation")
    # summary: 类 lines add up to 本年支出合计
    summary = doc.table("summary")
    assert summary is not None
    func = [r for r in summary.rows if (r.item or "").startswith("func:")]
    assert sum(r.values["amount"] or 0 for r in func) == total
    projects = doc.table("project_expenditure")
    assert value(projects, "amount") == sum(r.values["amount"] or 0 for r in projects.rows[1:])
    assert value(projects, "amount") == value(doc.table("expenditure"), "project")
    procurement = doc.table("procurement")
    for row in procurement.rows[1:]:
        assert row.values["amount"] == row.values["quantity"] * row.values["unit_price"]
    assert value(procurement, "amount") == sum(r.values["amount"] for r in procurement.rows[1:])


def test_narrative_facts_match_the_tables(doc: Document) -> None:
    facts = {f.key: f for f in doc.facts if f.item is None}  # the department's, not an item's
    exp = doc.table("expenditure")
    basic = doc.table("general_public_basic")
    assert facts["expenditure_total"].value == value(exp, "total")
    assert facts["basic"].value == value(exp, "basic")
    assert facts["project"].value == value(exp, "project")
    assert facts["personnel"].value == value(basic, "personnel")
    assert facts["public"].value == value(basic, "public")
    assert facts["procurement_total"].value == value(doc.table("procurement"), "amount")
    assert facts["vehicles"].value == value(doc.table("assets"), "quantity", item="vehicles")
    for fact in doc.facts:
        # every quoted clause is printed in the narrative, with the figure in 万元
        assert any(fact.text in p.text for p in doc.narrative), fact
        if fact.unit == "元":  # a change is printed unsigned after 增加/减少
            assert f"{abs(fact.value) / 10000:.2f}万元" in fact.text
    change, pct = facts["change_amount"].value, facts["change_pct"].value
    previous = facts["expenditure_total"].value - change
    assert abs(change * 100 / previous - pct) <= Decimal("0.005")


def test_series_are_distinct_documents() -> None:
    docs = list(sample_series(60))
    keys = {(d.meta.department.code, d.meta.year, d.meta.kind) for d in docs}
    assert len(keys) == 60 and len({d.source.sha256 for d in docs}) == 60
    assert {d.meta.region.level for d in docs} == set(RegionLevel)


def test_deterministic_and_seeded() -> None:
    assert dumps(budget_sample(3)) == dumps(budget_sample(3))
    assert dumps(budget_sample(3)) != dumps(budget_sample(4))
    assert final_account_sample().meta.kind is Kind.FINAL_ACCOUNT


def test_contract_json_round_trip(doc: Document) -> None:
    assert dumps(document_from_json(document_to_json(doc))) == dumps(doc)
