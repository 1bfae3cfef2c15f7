"""What the coded parsers produce serialises to the contract and validates against its schema."""

from __future__ import annotations

import jsonschema

from cnbudget.model import Document, SourceFile
from cnbudget.model.contract import to_plain_json
from cnbudget.model.schema import disclosure_schema
from tests.conftest import seed
from tests.tables_coded.seedblocks import cut, parse, seed_lines

BLOCKS = [("001", "general_public_basic", 305, 356, "万元"),  # three-panel
          ("002", "general_public", 234, 270, "万元"),  # sub-unit rows
          ("003", "general_public", 318, 366, "元"),  # two tables, government codes
          ("003", "gov_fund", 415, 423, "元")]  # empty


def test_tables_validate_against_the_schema():
    doc = Document(source=SourceFile(file="x.txt", sha256="0" * 64, format="text"))
    for seed_no, kind, first, end, unit in BLOCKS:
        doc.tables += parse(cut(seed_lines(seed(seed_no)), first, end, kind, unit)).tables
    data = to_plain_json(doc)
    jsonschema.validate(data, disclosure_schema())
    rows = [r for t in data["tables"] for r in t["rows"]]
    unit_row = next(r for r in rows if "unit_code" in r)
    assert unit_row["unit_code"] == "019001" and "code" not in unit_row
    gov = next(r for r in rows if r.get("gov_economic_code"))
    assert gov["code"].startswith("3") and gov["gov_economic_code"].startswith("5")
    total = next(r for r in rows if r.get("item") == "total")
    assert total["code"] is None
    empty = next(t for t in data["tables"] if t["empty"])
    assert empty["rows"] == [] and empty["note"] == "备注：本单位无政府性基金预算支出。"
