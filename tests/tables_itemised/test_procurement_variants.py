"""政府采购预算表 templates, hand-made in the reader shapes: columns named by
their headers in any order (科目代码 / 科目名称 / 采购项目 / 采购品目 / 品目编码 /
规格 / 数量 / 单价 / 金额 / 采购方式 / 资金来源), the code split over 类 款 项, the
江苏 tree of lines (品目大类 → 专项 → 物品), and space-split text. Every row keeps
its fields: 科目代码 in `code`, the 品目 in `catalog_name`, the 品名 or 规格 in
`item_name`; every printed figure in a cell."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cnbudget.model import Table

from .blocks_from_seeds import wan
from .shapes import SHAPES, PrintedCell, printed_figures, read_checked, read_figures

POSITIONAL = ["grid", "tab"]


def _read(shape: str, lines: list[list[PrintedCell]]) -> Table:
    return read_checked(SHAPES[shape]("政府采购预算表", lines, "procurement"))


ALL_COLUMNS: list[list[PrintedCell]] = [
    ["科目代码", "科目名称", "采购项目", "采购品目", "品目编码", "规格", "计量单位", "数量", "单价", "金额",
     "采购方式", "资金来源"],
    ["", "合计", "", "", "", "", "", "5", "", "3.50", "", ""],
    ["2010301", "行政运行", "办公设备购置", "台式计算机", "A02010104", "i5/8G", "台", "3", "0.50", "1.50",
     "政府集中采购", "一般公共预算"],
    ["2010350", "事业运行", "办公家具购置", "家具用具", "A060000", "", "套", "2", "1.00", "2.00",
     "分散采购", "一般公共预算"],
]


@pytest.mark.parametrize("shape", POSITIONAL)
def test_all_columns_by_header(shape: str) -> None:
    t = _read(shape, ALL_COLUMNS)
    total, pc, desk = t.rows
    assert (total.item, total.code, total.values) == (
        "total", None, {"quantity": Decimal(5), "unit_price": None, "amount": wan("3.50")})
    assert pc.code == "2010301" and pc.item is None
    assert pc.texts == {"extra:科目名称": "行政运行", "project": "办公设备购置", "catalog_name": "台式计算机",
                        "catalog_code": "A02010104", "item_name": "i5/8G", "measure": "台",
                        "extra:采购方式": "政府集中采购", "extra:资金来源": "一般公共预算"}
    assert pc.values == {"quantity": Decimal(3), "unit_price": wan("0.50"), "amount": wan("1.50")}
    assert pc.name == "i5/8G"
    assert "item_name" not in desk.texts and desk.name == "家具用具"  # 规格 printed empty: the 品目 names it
    assert read_figures(t) == printed_figures(ALL_COLUMNS, 1)


SHUFFLED: list[list[PrintedCell]] = [
    ["采购项目", "金额", "数量", "单价", "品目编码", "采购品目", "资金来源", "品名", "采购方式", "功能科目编码"],
    ["合计", "12.00", "", "", "", "", "", "", "", ""],
    ["信息系统运维", "10.00", "1", "10.00", "C0302", "运行维护服务", "财政拨款", "机房运维", "公开招标",
     "2013250"],
    ["打印耗材", "2.00", "", "", "A090101", "复印纸", "财政拨款", "A4纸", "协议供货", "2013201"],
]


@pytest.mark.parametrize("shape", POSITIONAL)
def test_columns_in_another_order(shape: str) -> None:
    t = _read(shape, SHUFFLED)
    ops = t.rows[1]
    assert ops.code == "2013250" and ops.name == "机房运维"
    assert ops.texts == {"project": "信息系统运维", "catalog_code": "C0302", "catalog_name": "运行维护服务",
                         "extra:资金来源": "财政拨款", "item_name": "机房运维", "extra:采购方式": "公开招标"}
    assert ops.values == {"amount": wan("10"), "quantity": Decimal(1), "unit_price": wan("10")}
    paper = t.rows[2]
    assert paper.values == {"amount": wan("2"), "quantity": None, "unit_price": None}
    assert t.rows[0].item == "total" and t.rows[0].values["amount"] == wan("12")
    assert read_figures(t) == printed_figures(SHUFFLED, 1)


SPLIT_CODE: list[list[PrintedCell]] = [
    [("科目", 3), ("采购项目", 1, 2), ("品名", 1, 2), ("数量", 1, 2), ("金额", 1, 2)],
    ["类", "款", "项"],
    ["201", "03", "01", "办公设备购置", "办公桌", "3", "0.40"],  # 03 and 3: a code piece and a count
    ["208", "05", "05", "档案整理", "档案盒", "100", "0.10"],
]


@pytest.mark.parametrize("shape", POSITIONAL)
def test_code_split_over_its_levels(shape: str) -> None:
    t = _read(shape, SPLIT_CODE)
    assert [(r.code, r.texts["item_name"], r.values["amount"]) for r in t.rows] == [
        ("2010301", "办公桌", wan("0.40")), ("2080505", "档案盒", wan("0.10"))]
    assert [r.values["quantity"] for r in t.rows] == [Decimal(3), Decimal(100)]


TREE: list[list[PrintedCell]] = [  # 江苏 2019年政府采购预算表
    ["采购品目大类", "专项名称", "经济科目", "采购物品名称", "采购组织形式", "总计"],
    ["合计", "", "", "", "", "60.00"],
    ["一、货物A", "", "", "", "", "25.00"],
    ["", "办公设备购置费", "办公设备购置", "", "", "25.00"],
    [("", 1, 2), ("", 1, 2), ("", 1, 2), "台式计算机", "分散自行组织", "17.00"],
    ["家具用具", "分散自行组织", "8.00"],
    ["三、服务C", "", "", "", "", "35.00"],
    ["", "交通运行费", "公务用车运行维护费", "", "", "35.00"],
    ["", "", "", "车辆维修和保养服务", "分散自行组织", "35.00"],
]


@pytest.mark.parametrize("shape", POSITIONAL)
def test_a_tree_of_lines_keeps_each_line_with_its_fields(shape: str) -> None:
    t = _read(shape, TREE)
    assert [(r.item, r.name, r.texts) for r in t.rows] == [
        ("total", "合计", {}),
        (None, "一、货物A", {"catalog_name": "一、货物A"}),
        (None, "办公设备购置费", {"project": "办公设备购置费", "extra:经济科目": "办公设备购置"}),
        (None, "台式计算机", {"item_name": "台式计算机", "extra:采购组织形式": "分散自行组织"}),
        (None, "家具用具", {"item_name": "家具用具", "extra:采购组织形式": "分散自行组织"}),
        (None, "三、服务C", {"catalog_name": "三、服务C"}),
        (None, "交通运行费", {"project": "交通运行费", "extra:经济科目": "公务用车运行维护费"}),
        (None, "车辆维修和保养服务", {"item_name": "车辆维修和保养服务", "extra:采购组织形式": "分散自行组织"}),
    ]
    assert read_figures(t) == printed_figures(TREE, 1)


def test_a_tree_as_space_split_text_keeps_every_figure() -> None:
    t = _read("space", TREE)
    assert [(r.item, r.name, r.values["amount"]) for r in t.rows] == [
        ("total", "合计", wan("60")), (None, "一、货物A", wan("25")),
        (None, "办公设备购置费办公设备购置", wan("25")), (None, "台式计算机分散自行组织", wan("17")),
        (None, "家具用具分散自行组织", wan("8")), (None, "三、服务C", wan("35")),
        (None, "交通运行费公务用车运行维护费", wan("35")), (None, "车辆维修和保养服务分散自行组织", wan("35"))]


CODED_TEXT: list[list[PrintedCell]] = [
    ["采购项目", "采购物品名称", "政府采购目录序号", "计量单位", "数量", "单价", "金额"],
    ["合计", "", "", "", "", "", "4.00"],
    ["办公设备购置", "复印机", "A020201", "台", "2", "1.50", "3.00"],
    ["网络租线", "互联网接入服务", "C0303", "年", "1", "1.00", "1.00"],
]


@pytest.mark.parametrize("shape", list(SHAPES))
def test_lines_anchored_by_their_catalogue_codes(shape: str) -> None:
    t = _read(shape, CODED_TEXT)
    copier = t.rows[1]
    assert copier.texts == {"project": "办公设备购置", "item_name": "复印机", "catalog_code": "A020201",
                            "measure": "台"}
    assert copier.values == {"quantity": Decimal(2), "unit_price": wan("1.50"), "amount": wan("3.00")}
    assert t.rows[0].item == "total"
    assert read_figures(t) == printed_figures(CODED_TEXT, 1)
