"""Seeds 000–003 audited with their tables, cut from the seed text by line number.

The blocks are parsed by the registered table parsers (real components) so the
audit sees the tables whatever the state of segmentation. The expected
findings were checked by reading the seed text; every other error is a
false alarm and fails the test.
"""

from __future__ import annotations

import importlib

import pytest

from cnbudget.audit import run_audit
from cnbudget.ingest.readers import read_source
from cnbudget.model.document import Document, Severity, Status
from cnbudget.pipeline import extract
from cnbudget.recognise.blocks import TABLE_PARSERS, TableBlock
from tests.audit.test_seeds import GENUINE
from tests.conftest import seed

for _module in ("coded", "summary", "three_public", "procurement", "performance", "assets"):
    importlib.import_module(f"cnbudget.recognise.tables.{_module}")

# (title line, last line, table type, unit printed for the block[, line above the title])
BLOCKS: dict[str, list[tuple[int, int, str, str | None] | tuple[int, int, str, str | None, str]]] = {
    "000": [
        (1, 77, "summary", "万元"), (80, 159, "income", "万元"), (161, 230, "expenditure", "万元"),
        (232, 315, "fiscal_summary", "万元"), (318, 373, "general_public", "万元"),
        (375, 447, "general_public_basic", "万元"), (449, 474, "gov_fund", "万元"),
        (476, 504, "state_capital", "万元"), (506, 539, "three_public", "万元"),
        (920, 1004, "performance_target", None), (1006, 1142, "performance_target", None),
        (1144, 1257, "performance_target", None), (1259, 1365, "performance_target", None),
        (1370, 1710, "procurement", "万元"), (1718, 1734, "assets", None),
    ],
    "001": [
        (81, 131, "summary", None), (133, 171, "income", "万元"), (173, 210, "expenditure", "万元"),
        (212, 262, "fiscal_summary", None), (264, 303, "general_public", "万元"),
        (305, 355, "general_public_basic", "万元"), (357, 372, "gov_fund", "万元"),
        (374, 389, "state_capital", "万元"), (391, 409, "three_public", None),
        *((a, b, "performance_evaluation", None, project) for a, b, project in (
            (540, 564, "局文件资料印刷费"), (567, 592, "局业务咨询委托费"), (595, 618, "防入侵检测经费"),
            (621, 644, "局党组织活动经费"), (647, 670, "支付日元贷款本金利息经费"),
            (673, 696, "中心文件资料印刷费"), (699, 725, "中心业务咨询委托费"),
            (728, 754, "中心党组织活动经费"), (757, 782, "专用设备维修费"),
            (785, 834, "全市政务信息化项目经费"))),
    ],
    "002": [
        (117, 151, "summary", "万元"), (153, 182, "income", "万元"),
        (183, 201, "expenditure", "万元"), (202, 232, "fiscal_summary", "万元"),
        (234, 270, "general_public", "万元"), (271, 307, "general_public_basic", "万元"),
        (308, 318, "gov_fund", "万元"), (319, 331, "three_public", "万元"),
        (333, 392, "performance_target", None), (396, 492, "performance_target", None),
    ],
    "003": [
        (243, 262, "summary", "元"), (264, 279, "income", "元"), (281, 296, "expenditure", "元"),
        (298, 316, "fiscal_summary", "元"), (318, 333, "general_public", "元"),
        (335, 367, "general_public", "元"), (369, 397, "general_public_basic", "元"),
        (399, 413, "three_public", "元"), (415, 424, "gov_fund", "元"),
        (426, 433, "state_capital", "元"), (435, 455, "procurement", "元"),
        (456, 508, "performance_target", None),
        *((a, b - 1, "performance_target", "元")
          for a, b in zip((509, 560, 608, 658, 710, 762), (560, 608, 658, 710, 762, 830),
                          strict=True)),
    ],
}
DOCUMENT_UNIT = {"000": "万元", "001": "万元", "002": "万元", "003": "元"}

# (rule, line of the first location) for each genuine problem the tables show,
# beside those the narrative alone shows (test_seeds.GENUINE)
WITH_TABLES = {
    "000": set(),
    "001": set(),
    "002": {
        # 项目申报表 headed “单位:万元” prints 项目当年预算 3970000.00 (in 元), its
        # grids too: one finding for the form (its title line is not among the cut lines)
        ("magnitude.mislabelled-unit", None),
    },
    "003": {
        # 大数据、电子政务工作管理项目 289.00 万元 (narrative) vs 1,580,000 元 (its target table)
        ("text_vs_table.listed-project", 117),
        # cost indicator “=122586100 万元” of the 市政务网络… project
        ("magnitude.indicator-amount", 766),
    },
}


def seed_with_tables(prefix: str) -> Document:
    path = seed(prefix)
    doc = extract(path, audit=False)
    lines = read_source(path).layout.lines
    doc.tables = []
    for first, last, type_, unit, *above in BLOCKS[prefix]:
        title = next(ln for ln in lines if ln.number == first).text.strip()
        body = [ln for ln in lines if ln.number is not None and first < ln.number <= last]
        block = TableBlock(type=type_, title=title, lines=body, unit=unit, context=list(above),
                           document_unit=DOCUMENT_UNIT[prefix])
        doc.tables += TABLE_PARSERS.get(type_)(block).tables
    doc.problems, doc.status = [], Status.SUCCESS
    return doc


@pytest.mark.parametrize("prefix", sorted(BLOCKS))
def test_seed_with_tables_finds_its_problems_and_no_others(prefix: str) -> None:
    report = run_audit(seed_with_tables(prefix))
    assert report.errors == []
    errors = {(f.rule, f.locations[0].line if f.locations else None)
              for f in report.of_severity(Severity.ERROR)}
    assert errors == GENUINE[prefix] | WITH_TABLES[prefix]


def test_seed_003_messages_name_the_places() -> None:
    report = run_audit(seed_with_tables("003"))
    by_rule = {f.rule: f for f in report.findings}
    listed = by_rule["text_vs_table.listed-project"]
    assert "289.00万元" in listed.message and "1,580,000 元" in listed.message
    assert listed.locations[1].table == "performance_target"
    assert by_rule["magnitude.indicator-amount"].locations[0].quote == "=122586100 万元"
