from __future__ import annotations

import json
from decimal import Decimal

import jsonschema
import pytest

from cnbudget.model import (
    Category,
    Department,
    Document,
    DocumentMeta,
    Fact,
    Finding,
    FindingLocation,
    Indicator,
    Kind,
    Locator,
    Paragraph,
    Region,
    RegionLevel,
    Row,
    Scope,
    Severity,
    SourceFile,
    Table,
)
from cnbudget.model.contract import dumps, loads, to_plain_json
from cnbudget.model.schema import disclosure_schema


def _document() -> Document:
    return Document(
        source=SourceFile("x.pdf", "ab" * 32, "pdf", 3),
        meta=DocumentMeta(
            kind=Kind.BUDGET, scope=Scope.DEPARTMENT, year=2020, title="示例局2020年部门预算",
            department=Department("示例局", "302"), region=Region("示例市", RegionLevel.CITY),
            source_units=["万元"],
        ),
        tables=[
            Table("expenditure", "部门预算支出总表", unit="万元", locator=Locator(page=4), rows=[
                Row({"total": Decimal("40971100"), "basic": Decimal("9736300"),
                     "project": Decimal("31234800")}, item="total", name="合计"),
                Row({"total": Decimal("3895000"), "basic": Decimal("3895000"), "project": None},
                    code="2010301", name="行政运行", locator=Locator(page=4, line=7)),
                Row({"total": Decimal("0.5")}, unit_code="019001", name="某中心"),
            ]),
            Table("performance_evaluation", "项目支出绩效自评表", unit="万元", subject="印刷费", rows=[
                Row({"budget": Decimal("30000"), "rate": Decimal("99.8"), "score": Decimal("99.99")},
                    item="印刷费", texts={"project": "印刷费"},
                    indicators=[Indicator(level1="产出指标", target="≥4次", weight=Decimal(30))]),
            ]),
            Table("gov_fund", "政府性基金预算支出表", unit="万元", empty=True, note="本单位无政府性基金预算支出。"),
        ],
        facts=[Fact("expenditure_total", Decimal("40971100"), "元", "支出预算为4097.11万元",
                    Locator(line=310), printed_unit="万元"),
               Fact("change_pct", Decimal("-52.94"), "%", "下降52.94%", subject="three_public_total")],
        findings=[Finding("arithmetic.row-total", Category.ARITHMETIC, Severity.ERROR, "合计不等",
                          Decimal("100"), Decimal("200"),
                          (FindingLocation(table="expenditure", code="2010301", column="total"),))],
        narrative=[Paragraph("一、部门职责", Locator(line=2))],
    )


def test_json_round_trip_is_lossless():
    doc = _document()
    assert loads(dumps(doc)) == doc


def test_output_validates_against_the_shipped_schema():
    jsonschema.validate(to_plain_json(_document()), disclosure_schema())


def test_amounts_are_exact_json_numbers_in_yuan():
    data = json.loads(dumps(_document()))
    rows = data["tables"][0]["rows"]
    assert rows[0] == {"code": None, "item": "total", "name": "合计",
                       "values": {"total": 40971100, "basic": 9736300, "project": 31234800}}
    assert rows[1]["code"] == "2010301" and rows[1]["level"] == 3
    assert rows[1]["values"]["project"] is None
    assert rows[2]["unit_code"] == "019001" and "code" not in rows[2]


def test_schema_rejects_what_the_contract_forbids():
    data = to_plain_json(_document())
    data["tables"][0]["rows"][1]["code"] = "201 03 01"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, disclosure_schema())


def test_every_decimal_is_written_with_its_own_digits():
    # a computed value of more digits than a float holds must not be rounded or refused
    from cnbudget.model.contract import exact_json

    value = Decimal("12345678901234567.891")
    text = exact_json({"a": value, "b": [Decimal("0.1"), Decimal("-3.50")], "c": 7}, indent=None)
    back = json.loads(text, parse_float=Decimal)
    assert back == {"a": value, "b": [Decimal("0.1"), Decimal("-3.50")], "c": 7}


def test_text_can_never_forge_a_number():
    from cnbudget.model.contract import exact_json

    forged = "\u0000dec:123"
    back = json.loads(exact_json({"name": forged, forged: 1}, indent=None))
    assert back["name"] != 123 and isinstance(back["name"], str)
    assert "\u0000" not in back["name"] and all("\u0000" not in k for k in back)
