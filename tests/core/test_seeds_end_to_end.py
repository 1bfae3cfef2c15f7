"""The five seeds through the whole pipeline: contract-valid output, the
issue's anchor figures in the right table/row/column, and sums the rows must
satisfy computed here independently of the parsers."""

from __future__ import annotations

from decimal import Decimal

import jsonschema
import pytest

from cnbudget.model import Document, Kind
from cnbudget.model.contract import to_plain_json
from cnbudget.model.schema import disclosure_schema
from cnbudget.pipeline import extract
from tests.conftest import seed

W = Decimal(10000)  # 万元 in yuan


def _doc(prefix: str) -> Document:
    return extract(seed(prefix), audit=False)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_output_is_contract_valid(prefix):
    doc = extract(seed(prefix))
    jsonschema.validate(to_plain_json(doc), disclosure_schema())
    assert doc.tables and doc.facts


def _total(doc: Document, type_: str) -> dict[str, Decimal | None]:
    table = doc.table(type_)
    assert table is not None, f"no {type_} table"
    row = table.row_by_item("total")
    assert row is not None, f"{type_} has no 合计 row"
    return row.values


def test_000_anchors():
    doc = _doc("000")
    exp = _total(doc, "expenditure")
    assert (exp["total"], exp["basic"], exp["project"]) == (
        Decimal("4097.11") * W, Decimal("973.63") * W, Decimal("3123.48") * W)
    basic = _total(doc, "general_public_basic")
    assert (basic["personnel"], basic["public"]) == (Decimal("872.36") * W, Decimal("101.27") * W)
    three = {r.item: r.values["amount"] for r in doc.table("three_public").rows}
    assert three["total"] == Decimal("6.58") * W
    assert three["vehicle_operation"] == Decimal("5.80") * W and three["reception"] == Decimal("0.78") * W
    assert doc.table("gov_fund").empty and doc.table("gov_fund").note
    assert doc.table("state_capital").empty and doc.table("state_capital").note
    assert len(doc.tables_of("performance_target")) == 4
    lines = [r for r in doc.table("procurement").rows if r.item not in ("total", "subtotal")]
    assert sum(r.values["amount"] or 0 for r in lines) == Decimal("2996.58") * W


def test_001_anchors():
    doc = _doc("001")
    assert doc.meta.kind is Kind.FINAL_ACCOUNT
    exp = _total(doc, "expenditure")
    assert exp["total"] == Decimal("37837.39") * W == exp["basic"] + exp["project"]
    assert exp["basic"] == Decimal("1239.45") * W
    total = doc.table("three_public").row_by_item("total").values
    assert (total["budget"], total["final"]) == (Decimal("3.01") * W, Decimal("2.80") * W)
    evaluations = doc.tables_of("performance_evaluation")
    assert len(evaluations) == 10
    assert all(t.rows[0].values.get("budget") is not None for t in evaluations)


def test_002_and_003_anchors():
    exp = _total(_doc("002"), "expenditure")
    assert (exp["total"], exp["basic"], exp["project"]) == (
        Decimal("604.4") * W, Decimal("207.4") * W, Decimal("397") * W)
    doc = _doc("003")
    assert all(t.unit == "元" for t in doc.tables if t.type in ("income", "expenditure"))
    assert _total(doc, "income")["total"] == Decimal(96534608)
    assert doc.table("expenditure").row_by_code("2010301") is not None  # 201 | 03 | 01 joined
    projects = [t for t in doc.tables_of("performance_target") if "整体" not in t.title]
    assert len(projects) == 6


def test_004_anchors():
    doc = _doc("004")
    assert not [t for t in doc.tables if t.type in ("summary", "income", "expenditure")]
    assert len(doc.tables_of("performance_target")) == 17
    facts = {f.key: f.value for f in doc.facts}
    for key, wan in {"income_total": "2216.2", "basic": "374.7", "personnel": "325.01",
                     "public": "49.69", "project": "1841.5", "three_public_total": "7.64"}.items():
        assert facts[key] == Decimal(wan) * W, key
    assets = doc.table("assets").row_by_item("total")
    assert assets.values["value"] == Decimal("135.8") * W
    lines = [r for r in doc.table("procurement").rows if r.item not in ("total", "subtotal")]
    assert sum(r.values["amount"] or 0 for r in lines) == Decimal("1233.8") * W


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_functional_tables_add_up_by_level(prefix):
    """类 = Σ款 = Σ项 and 合计 = Σ类 on every functional table's total column."""
    doc = _doc(prefix)
    for table in doc.tables:
        if table.type not in ("expenditure", "general_public") or table.empty:
            continue
        coded = {r.code: r.values.get("total") for r in table.rows if r.code}
        if any(v is None for v in coded.values()):
            continue
        for code, value in coded.items():
            children = [v for c, v in coded.items() if len(c) == len(code) + 2 and c.startswith(code)]
            if children and len(code) in (3, 5):
                assert sum(children) == value, (prefix, table.title, code)
        tops = [v for c, v in coded.items() if len(c) == 3]
        total = table.row_by_item("total")
        if tops and total is not None and total.values.get("total") is not None:
            assert sum(tops) == total.values["total"], (prefix, table.title)
