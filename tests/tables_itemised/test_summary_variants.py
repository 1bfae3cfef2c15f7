"""收支总表 / 财政拨款收支总表 templates, hand-made, in every reader shape (grid,
tab text, space-split text): panels (two, three, side by side or one below
the other), 行次 and 序号 columns, the 栏次 line, 预算数/决算数 and 年初预算/调整预算/
决算数 columns, the fiscal summary's fund columns under 财政拨款, and a total
label merged across two panels. Each reading must hold every printed figure."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cnbudget.model import Row, Table
from cnbudget.recognise.accounting import figure_problems

from .blocks_from_seeds import parse, wan
from .shapes import SHAPES, PrintedCell, printed_figures, read_checked, read_figures

INCOME, EXPENDITURE = "income", "expenditure"
ALL = list(SHAPES)
POSITIONAL = ["grid", "tab"]  # shapes that keep empty cells


def _read(shape: str, lines: list[list[PrintedCell]], type_: str = "summary") -> Table:
    return read_checked(SHAPES[shape]("收支总表", lines, type_))


def _one(table: Table, side: str, item: str) -> Row:
    found = [r for r in table.rows if r.side == side and r.item == item]
    assert len(found) == 1, (side, item, [(r.side, r.item) for r in table.rows])
    return found[0]


def _amounts(table: Table) -> dict[tuple[str | None, str | None], Decimal | None]:
    return {(r.side, r.item): r.values.get("amount") for r in table.rows if r.item}


TWO_PANELS: list[list[PrintedCell]] = [
    [("收入", 2), ("支出", 2)],
    ["项目", "预算数", "项目", "预算数"],
    ["一、财政拨款收入", "120.00", "一、一般公共服务支出", "100.00"],
    ["二、事业收入", "", "二、教育支出", ""],
    ["    其中：财政专户收入", "", "三、住房保障支出", "20.00"],
    ["三、其他收入", "", "", ""],
    ["本年收入合计", "120.00", "本年支出合计", "120.00"],
    ["年初结转和结余", "", "年末结转和结余", ""],
    ["收入总计", "120.00", "支出总计", "120.00"],
]


@pytest.mark.parametrize("shape", ALL)
def test_two_panels(shape: str) -> None:
    t = _read(shape, TWO_PANELS)
    assert _amounts(t) == {
        (INCOME, "fiscal"): wan("120"), (EXPENDITURE, "func:201"): wan("100"),
        (INCOME, "business"): None, (EXPENDITURE, "func:205"): None, (EXPENDITURE, "func:221"): wan("20"),
        (INCOME, "other"): None, (INCOME, "income_total"): wan("120"), (EXPENDITURE, "expenditure_total"): wan("120"),
        (INCOME, "carryover_begin"): None, (EXPENDITURE, "carryover_end"): None,
        (INCOME, "grand_total"): wan("120"), (EXPENDITURE, "grand_total"): wan("120"),
    }
    detail = [r for r in t.rows if r.item is None]
    assert [(r.name, r.texts["parent"], r.values) for r in detail] == [
        ("其中：财政专户收入", "business", {"amount": None})]  # a printed row with no figure is a row
    assert read_figures(t) == printed_figures(TWO_PANELS, 2)


ROW_NUMBERS: list[list[PrintedCell]] = [
    [("收入", 3), ("支出", 3)],
    ["项目", "行次", "决算数", "项目", "行次", "决算数"],
    ["栏次", "", "1", "栏次", "", "2"],
    ["一、一般公共预算财政拨款收入", "1", "1,000.50", "一、一般公共服务支出", "5", "990.50"],
    ["二、上级补助收入", "2", "", "二、社会保障和就业支出", "6", "10.00"],
    ["", "3", "", "三、住房保障支出", "7", ""],
    ["本年收入合计", "4", "1,000.50", "本年支出合计", "8", "1,000.50"],
    ["使用非财政拨款结余", "9", "", "结余分配", "12", ""],
    ["年初结转和结余", "10", "20.00", "年末结转和结余", "13", "20.00"],
    ["总计", "11", "1,020.50", "总计", "14", "1,020.50"],
]


@pytest.mark.parametrize("shape", ALL)
def test_row_numbers_in_both_panels(shape: str) -> None:
    t = _read(shape, ROW_NUMBERS)
    assert _one(t, INCOME, "fiscal_general").values == {"amount": wan("1000.50")}
    assert _one(t, INCOME, "fiscal_general").texts == {"extra:行次": "1"}
    assert _one(t, EXPENDITURE, "func:208").texts == {"extra:行次": "6"}
    assert _one(t, EXPENDITURE, "func:221").values == {"amount": None}
    assert _one(t, INCOME, "use_of_reserves").texts["extra:行次"] == "9"
    assert _one(t, INCOME, "grand_total").values["amount"] == wan("1020.50")
    assert _one(t, EXPENDITURE, "carryover_end").values["amount"] == wan("20")
    # the blank income line of 行次 3 is no row; the 栏次 line is none either
    assert [r.name for r in t.rows if r.side == INCOME] == [
        "一、一般公共预算财政拨款收入", "二、上级补助收入", "本年收入合计", "使用非财政拨款结余", "年初结转和结余", "总计"]
    assert read_figures(t) == printed_figures(ROW_NUMBERS, 3)


SERIAL: list[list[PrintedCell]] = [
    [("序号", 1, 2), ("收入", 2), ("支出", 2)],
    ["项目", "金额", "项目", "金额"],
    ["栏次", "1", "2", "3", "4"],
    ["1", "一、财政拨款收入", "50.00", "一、一般公共服务支出", "50.00"],
    ["2", "二、事业收入", "", "二、外交支出", ""],
    ["3", "本年收入合计", "50.00", "本年支出合计", "50.00"],
    ["4", "合计", "50.00", "合计", "50.00"],
]


@pytest.mark.parametrize("shape", ALL)
def test_serial_column_and_column_numbers(shape: str) -> None:
    t = _read(shape, SERIAL)
    assert [(r.side, r.item, r.texts.get("extra:序号")) for r in t.rows] == [
        (INCOME, "fiscal", "1"), (EXPENDITURE, "func:201", "1"), (INCOME, "business", "2"),
        (EXPENDITURE, "func:202", "2"), (INCOME, "income_total", "3"), (EXPENDITURE, "expenditure_total", "3"),
        (INCOME, "grand_total", "4"), (EXPENDITURE, "grand_total", "4")]
    assert read_figures(t) == printed_figures(SERIAL, 3)


THREE_PANELS: list[list[PrintedCell]] = [
    [("收入", 2), ("经济分类支出", 2), ("功能分类支出", 2)],
    ["项目", "预算数", "项目", "预算数", "科目", "预算数"],
    ["一、财政拨款", "80.00", "工资福利支出", "50.00", "一般公共服务支出", "70.00"],
    ["二、事业收入", "", "商品和服务支出", "30.00", "教育支出", ""],
    ["", "", "其他支出", "", "卫生健康支出", "10.00"],
    ["", "", "", "", "其他支出", ""],
    ["本年收入合计", "80.00", "本年支出合计", "80.00", "本年支出合计", "80.00"],
    ["上年结转", "", "年终结余", "", "年终结余", ""],
    ["收入总计", "80.00", "支出总计", "80.00", "支出总计", "80.00"],
]


@pytest.mark.parametrize("shape", ALL)
def test_three_panels_other_spending_in_each_classification(shape: str) -> None:
    t = _read(shape, THREE_PANELS)
    econ = {r.item: r.values["amount"] for r in t.rows if (r.item or "").startswith("econ:")}
    func = {r.item: r.values["amount"] for r in t.rows if (r.item or "").startswith("func:")}
    assert econ == {"econ:301": wan("50"), "econ:302": wan("30"), "econ:399": None}
    assert func == {"func:201": wan("70"), "func:205": None, "func:210": wan("10"), "func:229": None}
    for item in ("expenditure_total", "carryover_end", "grand_total"):
        assert len([r for r in t.rows if r.side == EXPENDITURE and r.item == item]) == 2, item
    assert _one(t, INCOME, "carryover_begin").values == {"amount": None}
    assert read_figures(t) == printed_figures(THREE_PANELS, 2)


MERGED_TOTALS: list[list[PrintedCell]] = [  # 江苏 收支预算总表
    [("收入", 2), ("支出", 4)],
    [("项目名称", 1, 2), ("金额", 1, 2), ("功能分类", 2), ("支出用途", 2)],
    ["功能科目名称", "金额", "项目名称", "金额"],
    ["一、财政拨款", "300.00", "一、一般公共服务支出", "280.00", "一、基本支出", "200.00"],
    ["1.一般公共预算", "300.00", "二、公共安全支出", "", "二、项目支出", "90.00"],
    ["2.政府性基金预算", "", "三、住房保障支出", "30.00", "三、单位预留机动经费", "20.00"],
    ["二、财政专户管理资金", "", "", "", "", ""],
    ["三、其他资金", "10.00", "", "", "", ""],
    ["当年收入小计", "310.00", ("当年支出小计", 3), "310.00"],
    ["上年结转资金", "", ("结转下年资金", 3), ""],
    ["收入合计", "310.00", ("支出合计", 3), "310.00"],
]


@pytest.mark.parametrize("shape", ALL)
def test_total_label_merged_across_two_expenditure_panels(shape: str) -> None:
    t = _read(shape, MERGED_TOTALS)
    assert _amounts(t) == {
        (INCOME, "fiscal"): wan("300"), (INCOME, "fiscal_general"): wan("300"), (INCOME, "fiscal_fund"): None,
        (INCOME, "special_account"): None, (INCOME, "other"): wan("10"),
        (EXPENDITURE, "func:201"): wan("280"), (EXPENDITURE, "func:204"): None, (EXPENDITURE, "func:221"): wan("30"),
        (EXPENDITURE, "basic"): wan("200"), (EXPENDITURE, "project"): wan("90"),
        (INCOME, "income_total"): wan("310"), (EXPENDITURE, "expenditure_total"): wan("310"),
        (INCOME, "carryover_begin"): None, (EXPENDITURE, "carryover_end"): None,
        (INCOME, "grand_total"): wan("310"), (EXPENDITURE, "grand_total"): wan("310"),
    }
    assert _one(t, INCOME, "fiscal_fund").texts == {"parent": "fiscal"}  # 2. under 一、财政拨款
    reserve = [r for r in t.rows if r.name == "三、单位预留机动经费"]
    assert reserve[0].item is None and reserve[0].values == {"amount": wan("20")}
    assert read_figures(t) == printed_figures(MERGED_TOTALS, 3)


FINAL_COLUMNS: list[list[PrintedCell]] = [
    [("收入", 4), ("支出", 4)],
    ["项目", "年初预算数", "调整预算数", "决算数", "项目", "年初预算数", "调整预算数", "决算数"],
    ["一、财政拨款收入", "90.00", "95.00", "94.50", "一、一般公共服务支出", "90.00", "95.00", "94.50"],
    ["本年收入合计", "90.00", "95.00", "94.50", "本年支出合计", "90.00", "95.00", "94.50"],
]


@pytest.mark.parametrize("shape", ALL)
def test_final_account_with_budget_columns(shape: str) -> None:
    t = _read(shape, FINAL_COLUMNS)
    assert _one(t, INCOME, "fiscal").values == {
        "extra:年初预算数": wan("90"), "extra:调整预算数": wan("95"), "amount": wan("94.50")}
    assert _one(t, EXPENDITURE, "expenditure_total").values["amount"] == wan("94.50")
    assert read_figures(t) == printed_figures(FINAL_COLUMNS, 2)


BUDGET_AND_FINAL: list[list[PrintedCell]] = [
    ["项目", "预算数", "决算数", "项目", "预算数", "决算数"],
    ["一、财政拨款收入", "10.00", "9.00", "一、教育支出", "10.00", "9.00"],
    ["收入合计", "10.00", "9.00", "支出合计", "10.00", "9.00"],
]


@pytest.mark.parametrize("shape", ALL)
def test_budget_and_final_columns_the_final_is_the_amount(shape: str) -> None:
    t = _read(shape, BUDGET_AND_FINAL)
    assert _one(t, EXPENDITURE, "func:205").values == {"extra:预算数": wan("10"), "amount": wan("9")}
    assert _one(t, INCOME, "income_total").values == {"extra:预算数": wan("10"), "amount": wan("9")}


FISCAL: list[list[PrintedCell]] = [
    [("收入", 2), ("支出", 5)],
    [("项目", 1, 2), ("金额", 1, 2), ("项目", 1, 2), ("合计", 1, 2), ("财政拨款", 3)],
    ["一般公共预算", "政府性基金预算", "国有资本经营预算"],
    ["一、一般公共预算财政拨款", "100.00", "一、一般公共服务支出", "100.00", "95.00", "5.00", "0.00"],
    ["二、政府性基金预算财政拨款", "5.00", "二、教育支出", "", "", "", ""],
    ["本年收入合计", "105.00", "本年支出合计", "100.00", "95.00", "5.00", "0.00"],
    ["年初财政拨款结转和结余", "", "年末财政拨款结转和结余", "5.00", "5.00", "0.00", "0.00"],
    ["总计", "105.00", "总计", "105.00", "100.00", "5.00", "0.00"],
]


@pytest.mark.parametrize("shape", ALL)
def test_fiscal_summary_fund_columns_under_a_two_level_header(shape: str) -> None:
    t = _read(shape, FISCAL, "fiscal_summary")
    assert _one(t, EXPENDITURE, "func:201").values == {
        "amount": wan("100"), "general": wan("95"), "fund": wan("5"), "state_capital": Decimal(0)}
    assert _one(t, INCOME, "fiscal_fund").values == {"amount": wan("5")}
    assert _one(t, EXPENDITURE, "grand_total").values["general"] == wan("100")
    if shape in POSITIONAL:  # empty cells kept: the row printed empty is empty in every column
        assert _one(t, EXPENDITURE, "func:205").values == dict.fromkeys(
            ("amount", "general", "fund", "state_capital"))
    assert read_figures(t) == printed_figures(FISCAL, 3)


STACKED: list[list[PrintedCell]] = [
    ["项目", "金额"],
    ["收入", ""],
    ["一、财政拨款收入", "40.00"],
    ["二、其他收入", "2.00"],
    ["收入合计", "42.00"],
    ["支出", ""],
    ["一、一般公共服务支出", "42.00"],
    ["支出合计", "42.00"],
]


@pytest.mark.parametrize("shape", ALL)
def test_sides_printed_one_below_the_other(shape: str) -> None:
    t = _read(shape, STACKED)
    assert [(r.side, r.item) for r in t.rows] == [
        (INCOME, "fiscal"), (INCOME, "other"), (INCOME, "income_total"),
        (EXPENDITURE, "func:201"), (EXPENDITURE, "expenditure_total")]
    assert read_figures(t) == printed_figures(STACKED, 1)


def test_a_figure_no_column_holds_is_reported() -> None:
    lines: list[list[PrintedCell]] = [
        ["项目", "预算数", "项目", "预算数"],
        ["一、财政拨款收入", "10.00", "一、教育支出", "10.00", "3.00"],
    ]
    block = SHAPES["space"]("收支总表", lines, "summary")
    parsed = parse(block)
    assert [r.values for r in parsed.tables[0].rows] == [{"amount": wan("10")}] * 2
    assert [(p.code, dict(p.params)["figure"]) for p in figure_problems(block, parsed.tables)] == [
        ("table.figures-unplaced", "3.00")]


