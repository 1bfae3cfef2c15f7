"""Tables that came back different after render → extract: a header printed
again on a new page, a lead-in sentence and a unit line above an untitled
table, a part heading above a per-project title; and indicator columns the
contract has no key for, kept as printed."""

from __future__ import annotations

from decimal import Decimal

from cnbudget.ingest.layout import Cell, Delimiter, Line
from cnbudget.model import Indicator
from cnbudget.model.contract import document_from_json, document_to_json
from cnbudget.pipeline import extract_bytes
from cnbudget.recognise.blocks import TableBlock

from .blocks_from_seeds import form_table, only_table, seed_block, wan


def _grid(texts: list[str], page: int) -> Line:
    cells = tuple(Cell(t, col=i) for i, t in enumerate(texts))
    return Line(cells=cells, page=page, grid=page, delimiter=Delimiter.GRID)


def test_a_procurement_header_printed_again_keeps_its_amount_columns() -> None:
    header = ["采购项目", "采购品目", "采购目录", "计量单位", "数量", "单价", "金额", "一般公共预算拨款", "预算资金"]
    lines = [
        _grid(header, 1),
        _grid(["合计", "", "", "", "", "", "12.00", "12.00", ""], 1),
        _grid(["网络租线费", "互联网信息服务", "C0302", "年", "1", "10.00", "10.00", "10.00", "10.00"], 1),
        _grid(header, 2),  # the table runs onto page 2
        _grid(["办公设备购置", "台式计算机", "A02010104", "台", "2", "1.00", "2.00", "2.00", "2.00"], 2),
    ]
    table = only_table(TableBlock("procurement", "部门政府采购预算", lines, unit="万元"))
    assert [r.name for r in table.rows] == ["合计", "互联网信息服务", "台式计算机"]
    for row in table.rows[1:]:
        assert row.values["extra:一般公共预算拨款"] == row.values["amount"]
        assert "extra:一般公共预算拨款" not in row.texts
    assert table.rows[2].values["extra:预算资金"] == wan("2.00")
    total = table.rows[0].values
    assert total["amount"] == sum(r.values["amount"] for r in table.rows[1:])


UNITS_TEXT = """二、机构设置

从决算编报单位构成看,纳入 2024 年度本部门决算汇编范 围的独立核算单位(以下简称"单位")共 2 个,具体情况如下:

序号\t单位名称\t单位基本性质\t经费形式
1\t石家庄市数据局(本级)\t行政单位\t财政拨款
2\t石家庄市电子政务中心\t参公事业单位\t财政性资金基本保证
"""


def test_a_lead_in_sentence_with_figures_is_not_the_table_header() -> None:
    doc = extract_bytes(UNITS_TEXT.encode(), "units.txt", audit=False, disclosures_only=False)
    (table,) = [t for t in doc.tables if t.type == "other"]
    assert table.title == "二、机构设置"
    assert [r.name for r in table.rows] == ["石家庄市数据局(本级)", "石家庄市电子政务中心"]
    assert [r.values["extra:序号"] for r in table.rows] == [1, 2]
    assert table.rows[1].texts["extra:经费形式"] == "财政性资金基本保证"
    assert any("具体情况如下" in p.text for p in doc.narrative)


def test_a_unit_line_between_heading_and_untitled_table_names_no_table() -> None:
    text = UNITS_TEXT.replace("从决算编报单位构成看", "金额单位：万元\n\n从决算编报单位构成看")
    doc = extract_bytes(text.encode(), "units.txt", audit=False, disclosures_only=False)
    (table,) = [t for t in doc.tables if t.type == "other"]
    assert table.title == "二、机构设置"


PROJECT_TEXT = """第二部分 资金绩效目标
1.电子政务外网IPv6升级改造资金绩效目标表
单位：万元
一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\t指标值确定依据
产出指标\t数量指标\t设备升级改造完成数量\t涉及核心网络的设备升级改造完成数量。\t7台\t根据实际运行数据统计测算。
产出指标\t成本指标\t成本控制程度\t是否能够控制支出成本不超过预算额度\t能够控制\t实际支出情况
"""


def test_a_part_heading_above_a_project_title_is_not_the_project() -> None:
    doc = extract_bytes(PROJECT_TEXT.encode(), "project.txt", audit=False, disclosures_only=False)
    (table,) = [t for t in doc.tables if t.type == "performance_target"]
    assert table.subject == "电子政务外网IPv6升级改造资金"


def test_indicator_columns_without_a_field_are_kept_as_printed() -> None:
    doc = extract_bytes(PROJECT_TEXT.encode(), "project.txt", audit=False, disclosures_only=False)
    (table,) = [t for t in doc.tables if t.type == "performance_target"]
    first, second = table.rows[0].indicators or []
    assert (first.level3, first.target) == ("设备升级改造完成数量", "7台")
    assert first.texts == {"extra:绩效指标描述": "涉及核心网络的设备升级改造完成数量。",
                           "extra:指标值确定依据": "根据实际运行数据统计测算。"}
    assert second.texts["extra:指标值确定依据"] == "实际支出情况"
    # and they survive the JSON contract both ways
    back = document_from_json(document_to_json(doc))
    (again,) = [t for t in back.tables if t.type == "performance_target"]
    assert again.rows[0].indicators == table.rows[0].indicators


def test_a_header_wrapped_over_two_lines_names_one_column() -> None:
    """000 prints 指标值确定 / 依据 on two lines of space-split text."""
    table = form_table(seed_block("000", 1007, 1140, "performance_target", "2、购买智慧城市服务费绩效目标表",
                                  unit="万元"))
    indicators = table.rows[0].indicators or []
    assert len(indicators) == 11
    keys = {k for i in indicators for k in i.texts}
    assert keys == {"extra:绩效指标描述", "extra:指标值确定依据"}
    assert indicators[0].texts["extra:指标值确定依据"] == "满足使用要求"


def test_indicator_texts_default_empty() -> None:
    assert Indicator(level1="产出指标").texts == {}


WHOLE_TEXT = """2020年区直部门整体支出绩效目标申报表
单位:万元
部门名称\t武汉市硚口区大数据中心
部门总体资金情况（万元）\t总体资金情况\t\t当年预算收支(单位：万元)\t占比
\t收入构成\t财政拨款\t604.4\t100
\t\t其他资金\t0\t0
\t\t合计\t604.4\t100
\t支出构成\t基本支出\t207.4\t100
"""


def test_a_whole_department_form_takes_its_budget_from_the_income_total() -> None:
    doc = extract_bytes(WHOLE_TEXT.encode(), "whole.txt", audit=False)
    (table,) = [t for t in doc.tables if t.type == "performance_target"]
    assert table.rows[0].values["budget"] == Decimal("6044000")
