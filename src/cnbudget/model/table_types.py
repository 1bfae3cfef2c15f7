"""The catalogue of table types of the contract (docs/tables.md is generated from it).

Each type names how its rows are keyed and its value columns in printed order,
with the Chinese headers they appear under. Recognition, rendering, audit and
the docs all read this one catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class RowKey(StrEnum):
    FUNCTIONAL = "functional"  # 支出功能分类 code (类/款/项)
    ECONOMIC = "economic"  # 支出经济分类 code
    ITEM = "item"  # a named item (总计, outbound, …)
    SIDE_ITEM = "side+item"  # summary tables: income / expenditure side
    PROJECT = "project"  # one table per project


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str  # the usual printed header (zh)
    text: bool = False  # a text column (procurement's project, measure …)


@dataclass(frozen=True, slots=True)
class TableType:
    key: str
    name: str  # canonical Chinese name
    printed_as: tuple[str, ...]  # names it is printed under
    row_key: RowKey
    columns: tuple[Column, ...]
    standard: bool  # one of the nine standard 预决算 tables

    def column(self, key: str) -> Column | None:
        for c in self.columns:
            if c.key == key:
                return c
        return None

    @property
    def value_keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns if not c.text)


_C = Column

TABLE_TYPES: dict[str, TableType] = {
    t.key: t
    for t in (
        TableType(
            "summary", "收支总表",
            ("收支(预算)总表", "部门收支总体情况表", "收入支出决算总表"),
            RowKey.SIDE_ITEM, (_C("amount", "金额"),), True,
        ),
        TableType(
            "income", "收入总表",
            ("收入(预算)总表", "部门收入总体情况表", "收入决算表"),
            RowKey.FUNCTIONAL,
            (
                _C("total", "合计"), _C("fiscal", "财政拨款收入"),
                _C("fiscal_general", "一般公共预算"), _C("fiscal_fund", "政府性基金预算"),
                _C("fiscal_state_capital", "国有资本经营预算"),
                _C("special_account", "财政专户管理的收入"),
                _C("superior_subsidy", "上级补助收入"), _C("business", "事业收入"),
                _C("operating", "经营收入"), _C("subsidiary_remittance", "附属单位上缴收入"),
                _C("other", "其他收入"), _C("carryover", "上年结转"),
            ),
            True,
        ),
        TableType(
            "expenditure", "支出总表",
            ("支出(预算)总表", "部门支出总体情况表", "支出决算表"),
            RowKey.FUNCTIONAL,
            (
                _C("total", "合计"), _C("basic", "基本支出"), _C("project", "项目支出"),
                _C("remit_superior", "上缴上级支出"), _C("operating", "经营支出"),
                _C("subsidy_subsidiary", "对附属单位补助支出"),
            ),
            True,
        ),
        TableType(
            "fiscal_summary", "财政拨款收支总表",
            ("财政拨款收支(预算)总表", "财政拨款收支总体情况表", "财政拨款收入支出决算总表"),
            RowKey.SIDE_ITEM,
            (
                _C("amount", "金额"), _C("general", "一般公共预算财政拨款"),
                _C("fund", "政府性基金预算财政拨款"),
                _C("state_capital", "国有资本经营预算财政拨款"),
            ),
            True,
        ),
        TableType(
            "general_public", "一般公共预算支出表",
            ("一般公共预算(财政拨款)支出表", "一般公共预算财政拨款支出决算表"),
            RowKey.FUNCTIONAL,
            (_C("total", "合计"), _C("basic", "基本支出"), _C("project", "项目支出")),
            True,
        ),
        TableType(
            "general_public_basic", "一般公共预算基本支出表",
            ("一般公共预算(财政拨款)基本支出表", "一般公共预算财政拨款基本支出决算明细表"),
            RowKey.ECONOMIC,
            (_C("total", "合计"), _C("personnel", "人员经费"), _C("public", "公用经费")),
            True,
        ),
        TableType(
            "gov_fund", "政府性基金预算支出表",
            ("政府性基金预算(财政拨款)支出表", "政府性基金预算财政拨款收入支出决算表"),
            RowKey.FUNCTIONAL,
            (
                _C("total", "合计"), _C("basic", "基本支出"), _C("project", "项目支出"),
                _C("carryover_begin", "年初结转和结余"), _C("income", "本年收入"),
                _C("carryover_end", "年末结转和结余"),
            ),
            True,
        ),
        TableType(
            "state_capital", "国有资本经营预算支出表",
            ("国有资本经营预算(财政拨款)支出表", "国有资本经营预算财政拨款支出决算表"),
            RowKey.FUNCTIONAL,
            (_C("total", "合计"), _C("basic", "基本支出"), _C("project", "项目支出")),
            True,
        ),
        TableType(
            "three_public", "“三公”经费支出表",
            ("财政拨款“三公”经费支出表", "一般公共预算“三公”经费支出表",
             "“三公”经费、会议费、培训费支出预算表"),
            RowKey.ITEM,
            (_C("amount", "金额"), _C("budget", "预算数"), _C("final", "决算数")),
            True,
        ),
        TableType(
            "fiscal_expenditure", "财政拨款支出表",
            ("财政拨款支出(预算)表",),
            RowKey.FUNCTIONAL,
            (_C("total", "合计"), _C("basic", "基本支出"), _C("project", "项目支出")),
            False,
        ),
        TableType(
            "fiscal_basic", "财政拨款基本支出表",
            ("财政拨款基本支出(预算)表",),
            RowKey.ECONOMIC,
            (_C("total", "合计"), _C("personnel", "人员经费"), _C("public", "公用经费")),
            False,
        ),
        TableType(
            "operating_cost", "机关运行经费支出表",
            ("机关运行经费支出(预算)表",),
            RowKey.ECONOMIC, (_C("amount", "金额"),), False,
        ),
        TableType(
            "procurement", "政府采购预算表",
            ("政府采购预算表", "政府采购明细", "政府采购支出表"),
            RowKey.ITEM,
            (
                _C("project", "采购项目", text=True), _C("catalog_name", "采购品目", text=True),
                _C("catalog_code", "品目编码", text=True), _C("item_name", "品名", text=True),
                _C("measure", "计量单位", text=True),
                _C("quantity", "数量"), _C("unit_price", "单价"), _C("amount", "金额"),
            ),
            False,
        ),
        TableType(
            "project_expenditure", "项目支出表",
            ("项目支出表", "项目支出决算表"),
            RowKey.ITEM, (_C("amount", "金额"),), False,
        ),
        TableType(
            "performance_target", "绩效目标表",
            ("部门整体支出绩效目标表", "项目支出绩效目标表"),
            RowKey.PROJECT,
            (_C("project", "项目名称", text=True), _C("budget", "预算金额")),
            False,
        ),
        TableType(
            "performance_evaluation", "项目支出绩效自评表",
            ("项目支出绩效自评表",),
            RowKey.PROJECT,
            (
                _C("project", "项目名称", text=True), _C("budget", "预算数"),
                _C("executed", "执行数"), _C("rate", "预算执行率"), _C("score", "总分"),
            ),
            False,
        ),
        TableType(
            "assets", "国有资产占用情况表",
            ("固定资产占用情况表", "国有资产占用情况表"),
            RowKey.ITEM, (_C("quantity", "数量"), _C("value", "金额")), False,
        ),
    )
}

OTHER = "other"

STANDARD_TYPES: tuple[str, ...] = tuple(k for k, t in TABLE_TYPES.items() if t.standard)

# Columns that hold percentages or counts, never converted from 万元.
NON_AMOUNT_COLUMNS: frozenset[str] = frozenset({"rate", "score", "quantity", "weight"})

# Row texts of a summary's numbering columns: the 行次 printed beside each label,
# and the 序号/栏次 column printed before the first panel (one per printed line).
ROW_NUMBER_TEXT = "extra:行次"
LINE_NUMBER_TEXTS: tuple[str, ...] = ("extra:序号", "extra:栏次", "extra:编号")
# The row a summary row or an item-list row details (its item, or its printed name).
PARENT_TEXT = "parent"

THREE_PUBLIC_ITEMS: dict[str, str] = {
    "total": "合计",
    "outbound": "因公出国(境)费",
    "vehicle": "公务用车购置及运行(维护)费",
    "vehicle_purchase": "公务用车购置费",
    "vehicle_operation": "公务用车运行(维护)费",
    "reception": "公务接待费",
    "meeting": "会议费",
    "training": "培训费",
    # printed beside the 三公 items (“三公”经费、会议费、培训费支出预算表): the whole table's
    # 合计 where the 三公 group prints its own 小计, and a 机关运行经费 column
    "grand_total": "合计(“三公”经费、会议费、培训费)",
    "operating_cost": "机关运行经费",
}

ASSET_ITEMS: dict[str, str] = {
    "total": "合计",
    "buildings": "房屋",
    "office_space": "办公用房",
    "vehicles": "车辆",
    "equipment_large": "单价100万元以上设备",
    "other_fixed_assets": "其他固定资产",
}

SUMMARY_INCOME_ITEMS: dict[str, str] = {
    "fiscal": "财政拨款收入",
    "fiscal_general": "一般公共预算财政拨款",
    "fiscal_fund": "政府性基金预算财政拨款",
    "fiscal_state_capital": "国有资本经营预算财政拨款",
    "superior_subsidy": "上级补助收入",
    "business": "事业收入",
    "special_account": "财政专户管理资金收入",
    "operating": "经营收入",
    "subsidiary_remittance": "附属单位上缴收入",
    "other": "其他收入",
    "income_total": "本年收入合计",
    "use_of_reserves": "用事业基金弥补收支差额",
    "carryover_begin": "年初结转和结余",
    "grand_total": "总计",
}

SUMMARY_EXPENDITURE_ITEMS: dict[str, str] = {
    "basic": "基本支出",
    "project": "项目支出",
    "expenditure_total": "本年支出合计",
    "surplus_distribution": "结余分配",
    "carryover_end": "年末结转和结余",
    "grand_total": "总计",
}


def table_type(key: str) -> TableType | None:
    return TABLE_TYPES.get(key)
