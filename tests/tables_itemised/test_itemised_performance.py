"""Performance target and self-evaluation tables: one table per project, its
amounts in yuan, 执行率 and 总分 as printed, and its indicators."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cnbudget.model import Table
from cnbudget.recognise.blocks import TableBlock

from .blocks_from_seeds import (
    Variant,
    form_table,
    joined_rows,
    one_cell_per_line,
    only_table,
    parse,
    seed_block,
    seed_lines,
    wan,
    yuan,
)

# 001: (title line, last line, the project name printed above the title)
SELF_EVALUATIONS = [
    (540, 564, "局文件资料印刷费"), (567, 592, "局业务咨询委托费"), (595, 618, "防入侵检测经费"),
    (621, 644, "局党组织活动经费"), (647, 670, "支付日元贷款本金利息经费"), (673, 696, "中心文件资料印刷费"),
    (699, 725, "中心业务咨询委托费"), (728, 754, "中心党组织活动经费"), (757, 782, "专用设备维修费"),
    (785, 834, "全市政务信息化项目经费"),
]
# printed: 预算数, 执行数, 执行率 (%), 总分 (局党组织活动经费 prints 总分 with no figure)
PRINTED = [
    ("3", "2.9954", "99.85", "99.99"), ("170", "166.85082", "98.15", "99.82"), ("20", "20", "100", "100"),
    ("2.8", "2.79426", "99.80", None), ("40", "40", "100", "100"), ("2", "2", "100", "100"),
    ("58", "48.999", "84.48", "98.45"), ("1.1", "1.0867", "98.79", "99.88"), ("3", "2.9968", "99.89", "99.99"),
    ("36567.00505 4", "36305.5222", "99.28", "97.84"),
]


def _evaluation(n: int) -> Table:
    title, last, above = SELF_EVALUATIONS[n]
    block = seed_block("001", title + 1, last, "performance_evaluation", "市级部门预算项目绩效自评表",
                       context=(above,), document_unit="万元")
    return only_table(block)


@pytest.mark.parametrize("n", range(10))
def test_001_self_evaluation_values(n: int) -> None:
    t = _evaluation(n)
    (row,) = t.rows
    budget, executed, rate, score = PRINTED[n]
    expected_name = SELF_EVALUATIONS[n][2] if n != 8 else "中心专用设备维修费"  # the cell names it in full
    assert row.item == row.texts["project"] == row.name == t.subject == expected_name
    assert row.values["budget"] == wan(budget.replace(" ", ""))
    assert row.values["executed"] == wan(executed)
    assert row.values["rate"] == Decimal(rate)  # percent, not converted
    assert row.values["score"] == (None if score is None else Decimal(score))
    # 执行率 is 执行数 / 预算数, rounded as printed
    assert abs(row.values["executed"] / row.values["budget"] * 100 - row.values["rate"]) < Decimal("0.01")


@pytest.mark.parametrize("n", [0, 2, 4, 6, 7])
def test_001_indicator_scores_add_up_to_the_total(n: int) -> None:
    (row,) = _evaluation(n).rows
    scores = [i.score for i in row.indicators]
    assert all(s is not None for s in scores)
    assert sum(scores) == row.values["score"]


def test_001_indicators_of_the_first_table() -> None:
    (row,) = _evaluation(0).rows
    first = row.indicators[0]
    assert (first.level1, first.level2, first.level3) == ("产出指标", "数量指标", "完成印刷数量")
    assert first.target == "完成公文、文件印刷页数≥ 10000页" and first.actual == "大于 10000 页"
    assert first.score == Decimal(10)
    assert [i.level1 for i in row.indicators] == ["产出指标"] * 4 + ["预算执行率指标"] + ["效益指标"] * 2 + ["满意度指标"]
    assert row.indicators[4].actual == "99.85%" and row.indicators[4].score == Decimal("9.99")


def test_000_project_targets_space_split() -> None:
    expected = [(920, 1004, "防入侵检测费", "20.00", 3), (1006, 1142, "购买智慧城市服务费", "2000.00", None),
                (1144, 1257, "机房、网络与安全维护费", "197.00", 6), (1259, 1365, "网络租线费", "564.60", 5)]
    budgets = []
    for title, last, project, budget, count in expected:
        parsed = parse(seed_block("000", title + 1, last, "performance_target", f"{project}绩效目标表",
                                   document_unit="万元"))
        (t,) = [x for x in parsed.tables if x.type == "performance_target"]
        (row,) = t.rows
        assert row.item == row.texts["project"] == project
        assert row.values == {"budget": wan(budget)}
        if count is not None:
            assert len(row.indicators) == count
        assert all(i.level1 and i.level2 for i in row.indicators)
        budgets.append(row.values["budget"])
        # the form's fields, printed as text: 预算数 B 其中：财政资金 B 其他资金 (none)
        # (checked against the seed's text by eye: lines 931, 1017, 1155, 1270)
        (fields,) = [x for x in parsed.tables if x.title == "项目基本信息"]
        named = {r.name: r for r in fields.rows}
        assert named["其中：财政资金"].values["extra:金额"] == wan(budget)
        assert set(named) == {"预算数", "其中：财政资金"}  # 其他资金 prints no figure
    # the narrative lists these projects' amounts: 20 + 2000 + 197 + 564.6 万元
    assert sum(budgets) == wan("2781.6")
    (row,) = form_table(seed_block("000", 1145, 1257, "performance_target", "机房、网络与安全维护费绩效目标表",
                                   document_unit="万元")).rows
    assert [(i.level1, i.level2, i.level3, i.target) for i in row.indicators][:2] == [
        ("产出指标", "质量指标", "系统故障率（%）", "≤10%"), ("产出指标", "时效指标", "故障维护及时率（%）", "≥95%")]


TARGETS_004 = [91, 165, 236, 300, 366, 444, 516, 580, 644, 708, 779, 851, 923, 988, 1060, 1125, 1197, 1269]


def _004_block(n: int) -> TableBlock:
    title_line = next(ln for ln in seed_lines("004") if ln.number == TARGETS_004[n])
    title = title_line.text.split("]")[-1].strip()
    return seed_block("004", TARGETS_004[n] + 1, TARGETS_004[n + 1] - 1, "performance_target", title,
                      document_unit="万元")


def test_004_seventeen_project_targets() -> None:
    projects = []
    for n in range(17):
        (row,) = form_table(_004_block(n)).rows
        projects.append(row.item)
        assert "budget" not in row.values  # the template prints no amount
        assert len(row.indicators) >= 5
        assert all(i.level1 in ("产出指标", "效果指标", "满意度指标") for i in row.indicators)
        assert all(i.target for i in row.indicators if i.level2 == "服务对象满意度指标")
    assert len(set(projects)) == 17
    assert projects[0] == "电子政务外网IPv6升级改造资金"
    assert projects[11] == "数字乡村试点示范项目"


def test_004_merged_cells_and_wrapped_rows() -> None:
    (row,) = form_table(_004_block(0)).rows
    got = [(i.level1, i.level2, i.level3, i.target) for i in row.indicators]
    assert got == [
        ("产出指标", "数量指标", "设备升级改造完成数量", "7台"),
        ("产出指标", "成本指标", "成本控制程度", "能够控制"),  # 一级指标 not repeated
        ("产出指标", "时效指标", "升级改造项目执行及时性", "及时"),
        ("产出指标", "数量指标", "提高网络承载单位数量", "≥10个"),
        ("产出指标", "质量指标", "稳定运行率", "≥87百分比"),
        ("效果指标", "社会效益指标", "使用效果", "使用效果显著"),  # 二级 and 三级 in one cell
        ("满意度指标", "服务对象满意度指标", "升级后部门对网络的体验满意度", "≥95%"),
    ]
    (row,) = form_table(_004_block(3)).rows
    assert row.indicators[2].level3 == "完成及时性" and row.indicators[2].target == "及时"


@pytest.mark.parametrize("variant", [joined_rows, one_cell_per_line])
def test_004_targets_in_other_shapes(variant: Variant) -> None:
    for n in (0, 1, 11):
        block = _004_block(n)
        (expected,) = form_table(block).rows
        (got,) = form_table(variant(block)).rows
        assert got.item == expected.item
        assert got.indicators == expected.indicators


def test_003_project_targets_in_yuan() -> None:
    starts = [509, 560, 608, 658, 710, 762, 830]
    budgets = {}
    for a, b in zip(starts, starts[1:], strict=False):
        t = form_table(seed_block("003", a + 1, b - 1, "performance_target", "郑州市大数据管理局机关支出项目绩效目标表",
                                  document_unit="元"))
        (row,) = t.rows
        budgets[row.item] = row.values["budget"]
        assert row.indicators and row.indicators[0].level1 == "投入与目标管理"
    assert len(budgets) == 6
    assert budgets["市政务网络、云、机房及业务系统建设维护经费"] == Decimal(73586100)
    assert budgets["基础地理信息数据年度更新维护经费"] == Decimal(3770000)
    # the six projects make up the 项目支出 of 90,270,300 元 (附件1)
    assert sum(budgets.values()) == Decimal(90270300)


def test_003_whole_department_target_in_its_label_unit() -> None:
    t = form_table(seed_block("003", 458, 508, "performance_target", "市级部门（单位）整体绩效目标申报表",
                              document_unit="元"))
    (row,) = t.rows
    assert row.item == "郑州市大数据管理局"
    assert row.values["budget"] == wan("9653.46")  # 部门预算总额（万元）
    first = row.indicators[0]
    assert (first.level1, first.level2, first.level3, first.target) == ("投入管理指标", "工作目标管理",
                                                                         "年度履职目标相关性", "相关")
    assert len(row.indicators) >= 25


def test_002_project_and_department_targets() -> None:
    t, *grids = parse(seed_block("002", 398, 492, "performance_target", "硚口区部门预算项目支出(绩效目标)申报表",
                                 unit="万元")).tables
    (row,) = t.rows
    assert row.item == "互联网+信息化建设项目"
    # 表十 prints 元 figures under 单位:万元, and its text says so (2020 年预算 3,970,000 元)
    assert row.values["budget"] == yuan("3970000.00") and (t.unit, t.figures_unit) == ("万元", "元")
    assert [(g.type, g.title, g.subject) for g in grids] == [
        ("other", "项目基本信息", row.item), ("other", "项目前两年预算编制、执行及当年预算变动情况", row.item),
        ("other", "项目资金来源", row.item), ("other", "项目支出明细测算", row.item),
        ("procurement", "项目采购", row.item), ("other", "项目绩效总目标", row.item)]
    first = row.indicators[0]
    assert (first.level1, first.level2, first.target) == ("产出指标", "数量指标", "127 个")
    parsed = parse(seed_block("002", 335, 392, "performance_target", "2020年区直部门整体支出绩效目标申报表",
                              unit="万元"))
    (t,) = [x for x in parsed.tables if x.type == "performance_target"]
    (row,) = t.rows
    # its 收入构成 | 支出构成 cells (seed lines 342-348): 财政拨款 604.4, 其他资金 0, 合计 604.4,
    # 基本支出 207.4, 项目支出 397, 合计 604.4; the 近两年 columns stay reported
    (fields,) = [x for x in parsed.tables if x.title == "项目基本信息"]
    assert [(r.name, r.values["extra:金额"]) for r in fields.rows] == [
        ("财政拨款", wan("604.4")), ("其他资金", 0), ("合计", wan("604.4")),
        ("基本支出", wan("207.4")), ("项目支出", wan("397")), ("合计", wan("604.4"))]
    assert row.item == "武汉市硚口区大数据中心"
    names = [i.level3 for i in row.indicators]
    assert "服务检测报告出具次数" in names and "网络平均修复时间" in names
    assert not any(n and "近两年" in n for n in names)
