"""The tables these parsers produce are valid contract JSON and survive it."""

from __future__ import annotations

import jsonschema

from cnbudget.model import Document, SourceFile, Table
from cnbudget.model.contract import dumps, loads, to_plain_json
from cnbudget.model.schema import disclosure_schema

from .blocks_from_seeds import form_table, only_table, seed_block


def _tables() -> list[Table]:
    return [
        only_table(seed_block("000", 3, 77, "summary", "部门预算收支总表", unit="万元")),
        only_table(seed_block("001", 214, 262, "fiscal_summary", "财政拨款收入支出决算总表", document_unit="万元")),
        only_table(seed_block("001", 393, 409, "three_public", "财政拨款“三公”经费支出决算表", document_unit="万元")),
        only_table(seed_block("000", 1371, 1710, "procurement", "部门政府采购预算", unit="万元")),
        only_table(seed_block("004", 1518, 1549, "assets", "固定资产占用情况表")),
        only_table(seed_block("001", 541, 564, "performance_evaluation", "市级部门预算项目绩效自评表",
                              context=("局文件资料印刷费",), document_unit="万元")),
        form_table(seed_block("004", 92, 164, "performance_target", "1.电子政务外网IPv6升级改造资金绩效目标表")),
        only_table(seed_block("004", 25, 40, "other", "部门机构设置情况")),
    ]


def test_tables_validate_against_the_schema_and_round_trip() -> None:
    doc = Document(source=SourceFile("seeds.txt", "0" * 64, "text"), tables=_tables())
    jsonschema.validate(to_plain_json(doc), disclosure_schema())
    assert loads(dumps(doc)).tables == doc.tables


def test_performance_row_shape_in_json() -> None:
    doc = Document(source=SourceFile("seeds.txt", "0" * 64, "text"), tables=_tables()[5:6])
    row = to_plain_json(doc)["tables"][0]["rows"][0]
    assert row["item"] == row["project"] == "局文件资料印刷费"
    assert row["values"] == {"budget": 30000, "executed": 29954, "rate": 99.85, "score": 99.99}
    assert row["indicators"][0] == {"level1": "产出指标", "level2": "数量指标", "level3": "完成印刷数量",
                                    "target": "完成公文、文件印刷页数≥ 10000页", "actual": "大于 10000 页",
                                    "score": 10}
