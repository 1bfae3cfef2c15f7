"""决算 column sets of the central and provincial templates: 行次 and 栏次 beside
the figures, budget and final columns side by side, the balances (年初结转和结余,
本年收入, 年末结转和结余) around the year's spending. A column the table type has no
key for is kept as `extra:<printed header>`, never dropped nor given another type's key."""

from __future__ import annotations

from pathlib import Path

from cnbudget.model import Document, Status
from cnbudget.model.table_types import PARENT_TEXT
from templates.workbooks import MergedSheet, by_code, by_side_item, only, read, wan, workbook

UNIT = "金额单位：万元"


def test_summary_with_row_numbers_and_column_numbers(tmp_path: Path) -> None:
    """公开01表: 项目 | 行次 | 金额 on each side, a 栏次 line, 使用非财政拨款结余 / 结余分配."""
    rows = [
        ["收入支出决算总表"], [None, None, None, None, None, "公开01表"],
        ["部门：示例市数据资源管理局", None, None, None, None, UNIT],
        ["收入", None, None, "支出"],
        ["项目", "行次", "金额", "项目", "行次", "金额"],
        ["栏次", None, "1", "栏次", None, "2"],
        ["一、一般公共预算财政拨款收入", "1", 100.5, "一、一般公共服务支出", "32", 80],
        ["二、政府性基金预算财政拨款收入", "2", None, "二、社会保障和就业支出", "33", 20.5],
        ["三、事业收入", "3", 10, "三、卫生健康支出", "34", 10],
        ["本年收入合计", "4", 110.5, "本年支出合计", "35", 110.5],
        ["使用非财政拨款结余", "5", None, "结余分配", "36", None],
        ["年初结转和结余", "6", 5, "年末结转和结余", "37", 5],
        ["总计", "7", 115.5, "总计", "38", 115.5],
    ]
    doc = read(workbook(tmp_path / "s.xlsx", ("公开01表", rows)))
    assert doc.status is Status.SUCCESS, doc.problems
    got = {k: v["amount"] for k, v in by_side_item(only(doc, "summary")).items()}
    assert got == dict(zip([
        ("income", "fiscal_general"), ("expenditure", "func:201"), ("income", "fiscal_fund"),
        ("expenditure", "func:208"), ("income", "business"), ("expenditure", "func:210"),
        ("income", "income_total"), ("expenditure", "expenditure_total"),
        ("income", "use_of_reserves"), ("expenditure", "surplus_distribution"),
        ("income", "carryover_begin"), ("expenditure", "carryover_end"),
        ("income", "grand_total"), ("expenditure", "grand_total"),
    ], wan(100.5, 80, None, 20.5, 10, 10, 110.5, 110.5, None, None, 5, 5, 115.5, 115.5), strict=True))


def test_summary_with_budget_and_final_columns_keeps_the_budget_as_extra(tmp_path: Path) -> None:
    """A province's 收入支出决算总表: 年初预算数 | 调整预算数 | 决算数 on each side."""
    rows = [
        ["收入支出决算总表"], [None, None, None, None, None, None, None, "单位：万元"],
        ["收入", None, None, None, "支出"],
        ["项目", "年初预算数", "调整预算数", "决算数", "项目", "年初预算数", "调整预算数", "决算数"],
        ["一、一般公共预算财政拨款收入", 90, 100, 100.5, "一、一般公共服务支出", 70, 75, 80],
        ["二、事业收入", 10, 10, 10, "二、社会保障和就业支出", 30, 35, 30.5],
        ["本年收入合计", 100, 110, 110.5, "本年支出合计", 100, 110, 110.5],
        ["年初结转和结余", None, None, 5, "年末结转和结余", None, None, 5],
        ["总计", 100, 110, 115.5, "总计", 100, 110, 115.5],
    ]
    doc = read(workbook(tmp_path / "s.xlsx", ("01", rows)))
    assert doc.status is Status.SUCCESS, doc.problems
    got = by_side_item(only(doc, "summary"))
    keys = ("extra:年初预算数", "extra:调整预算数", "amount")
    assert got[("income", "fiscal_general")] == dict(zip(keys, wan(90, 100, 100.5), strict=True))
    assert got[("expenditure", "func:208")] == dict(zip(keys, wan(30, 35, 30.5), strict=True))
    assert got[("income", "carryover_begin")] == dict(zip(keys, wan(None, None, 5), strict=True))
    assert got[("expenditure", "grand_total")] == dict(zip(keys, wan(100, 110, 115.5), strict=True))


def test_fiscal_summary_with_opening_balance_by_fund(tmp_path: Path) -> None:
    """公开04表 (2023): the 年初财政拨款结转和结余 line and its three funds below it."""
    rows = [
        ["财政拨款收入支出决算总表"], [None, None, None, None, None, None, None, None, UNIT],
        ["收入", None, None, "支出"],
        ["项目", "行次", "金额", "项目", "行次", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款",
         "国有资本经营预算财政拨款"],
        ["栏次", None, "1", "栏次", None, "2", "3", "4", "5"],
        ["一、一般公共预算财政拨款", "1", 100, "一、一般公共服务支出", "30", 80, 80, None, None],
        ["二、政府性基金预算财政拨款", "2", 5, "二、城乡社区支出", "31", 25, 20, 5, None],
        ["三、国有资本经营预算财政拨款", "3", None, None, "32", None, None, None, None],
        ["本年收入合计", "4", 105, "本年支出合计", "33", 105, 100, 5, None],
        ["年初财政拨款结转和结余", "5", 3, "年末财政拨款结转和结余", "34", 3, 3, None, None],
        ["  一般公共预算财政拨款", "6", 3, None, "35", None, None, None, None],
        ["  政府性基金预算财政拨款", "7", None, None, "36", None, None, None, None],
        ["总计", "9", 108, "总计", "38", 108, 103, 5, None],
    ]
    doc = read(workbook(tmp_path / "f.xlsx", ("04", rows)))
    assert doc.status is Status.SUCCESS, doc.problems
    table = only(doc, "fiscal_summary")
    got = by_side_item(table)
    funds = ("amount", "general", "fund", "state_capital")
    assert got[("income", "carryover_begin")] == {"amount": 3 * wan(1)[0]}
    assert got[("expenditure", "func:212")] == dict(zip(funds, wan(25, 20, 5, None), strict=True))
    assert got[("expenditure", "carryover_end")] == dict(zip(funds, wan(3, 3, None, None), strict=True))
    assert got[("expenditure", "grand_total")] == dict(zip(funds, wan(108, 103, 5, None), strict=True))
    details = [(r.name.strip(), r.texts.get(PARENT_TEXT), r.values) for r in table.rows if r.item is None]
    assert details == [("一般公共预算财政拨款", "carryover_begin", {"amount": wan(3)[0]}),
                       ("政府性基金预算财政拨款", "carryover_begin", {"amount": None})]


BALANCE_HEADER = [["项目", None, "年初结转和结余", "本年收入", "本年支出", None, None, "年末结转和结余"],
                  ["科目编码", "科目名称", None, None, "小计", "基本支出", "项目支出", None]]


def test_general_public_balance_columns_are_extra_columns(tmp_path: Path) -> None:
    """An older 一般公共预算财政拨款支出决算表 prints the balances around 本年支出: the
    type keys total/basic/project only, the balances stay `extra:` (a deficit
    carried forward may be negative, no finding)."""
    rows = [
        ["一般公共预算财政拨款支出决算表"], [None, None, None, None, None, None, None, UNIT],
        *BALANCE_HEADER,
        [None, "合计", -3, 103, 100, 60, 40, 0],
        ["201", "一般公共服务支出", -3, 83, 80, 40, 40, 0],
        ["20103", "政府办公厅（室）及相关机构事务", -3, 83, 80, 40, 40, 0],
        ["2010301", "行政运行", -3, 83, 80, 40, 40, 0],
        ["208", "社会保障和就业支出", None, 20, 20, 20, None, None],
        ["20805", "行政事业单位养老支出", None, 20, 20, 20, None, None],
        ["2080505", "机关事业单位基本养老保险缴费支出", None, 20, 20, 20, None, None],
    ]
    doc = read(workbook(tmp_path / "g.xlsx", ("05", rows)))
    assert doc.status is Status.SUCCESS, doc.problems
    keys = ("extra:年初结转和结余", "extra:本年收入", "total", "basic", "project", "extra:年末结转和结余")
    got = by_code(only(doc, "general_public"))
    assert got["total"] == dict(zip(keys, wan(-3, 103, 100, 60, 40, 0), strict=True))
    assert got["2010301"] == dict(zip(keys, wan(-3, 83, 80, 40, 40, 0), strict=True))
    assert got["2080505"] == dict(zip(keys, wan(None, 20, 20, 20, None, None), strict=True))
    assert not [f for f in doc.findings if f.rule == "plausibility.negative-amount"], doc.findings


def test_gov_fund_balance_columns_are_its_own(tmp_path: Path) -> None:
    """公开07表 政府性基金预算财政拨款收入支出决算表: the balances are the type's columns."""
    rows = [
        ["政府性基金预算财政拨款收入支出决算表"], [None, None, None, None, None, None, None, UNIT],
        *BALANCE_HEADER,
        [None, "合计", 1, 5, 4, None, 4, 2],
        ["212", "城乡社区支出", 1, 5, 4, None, 4, 2],
        ["21208", "国有土地使用权出让收入安排的支出", 1, 5, 4, None, 4, 2],
        ["2120801", "征地和拆迁补偿支出", 1, 5, 4, None, 4, 2],
    ]
    doc = read(workbook(tmp_path / "g.xlsx", ("07", rows)))
    assert doc.status is Status.SUCCESS, doc.problems
    keys = ("carryover_begin", "income", "total", "basic", "project", "carryover_end")
    got = by_code(only(doc, "gov_fund"))
    assert got == {code: dict(zip(keys, wan(1, 5, 4, None, 4, 2), strict=True))
                   for code in ("total", "212", "21208", "2120801")}


def test_basic_expenditure_in_three_panels(tmp_path: Path) -> None:
    """公开06表: 人员经费 | 公用经费 | 公用经费, each 科目编码 科目名称 决算数."""
    rows = [
        ["一般公共预算财政拨款基本支出决算表"], [None, None, None, None, None, None, None, None, UNIT],
        ["人员经费", None, None, "公用经费"],
        ["科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"],
        ["301", "工资福利支出", 50, "302", "商品和服务支出", 8, "307", "债务利息及费用支出", None],
        ["30101", "基本工资", 30, "30201", "办公费", 3, "310", "资本性支出", 2],
        ["30102", "津贴补贴", 20, "30202", "印刷费", 5, "31002", "办公设备购置", 2],
        ["人员经费合计", None, 50, "公用经费合计", None, 10, None, None, None],
    ]
    doc = read(workbook(tmp_path / "b.xlsx", ("06", rows)))
    assert doc.status is Status.SUCCESS, doc.problems
    got = by_code(only(doc, "general_public_basic"))
    assert got == {
        "301": {"total": wan(50)[0]}, "30101": {"total": wan(30)[0]}, "30102": {"total": wan(20)[0]},
        "302": {"total": wan(8)[0]}, "30201": {"total": wan(3)[0]}, "30202": {"total": wan(5)[0]},
        "307": {"total": None}, "310": {"total": wan(2)[0]}, "31002": {"total": wan(2)[0]},
        "total": {"personnel": wan(50)[0], "public": wan(10)[0]},
    }


THREE_PUBLIC = ["total", "outbound", "vehicle", "vehicle_purchase", "vehicle_operation", "reception"]


def _reads_three_public(doc: Document) -> None:
    """The 三公 figures both tests print: 预算数 10 = 8 (all 运行费) + 2, 决算数 9.5 = 7.8 + 1.7."""
    assert doc.status is Status.SUCCESS, doc.problems
    got = {r.item: r.values for r in only(doc, "three_public").rows}
    budget, final = wan(10, None, 8, None, 8, 2), wan(9.5, None, 7.8, None, 7.8, 1.7)
    assert got == {k: {"budget": b, "final": f} for k, b, f in zip(THREE_PUBLIC, budget, final, strict=True)}


def test_three_public_budget_and_final_across(tmp_path: Path) -> None:
    """公开08表: 预算数 and 决算数, each 合计 / 因公出国（境）费 / 公务用车购置及运行费
    (小计, 购置费, 运行费) / 公务接待费 across, a 栏次 line, one row of figures."""
    items = ["合计", "因公出国（境）费", "公务用车购置及运行费", None, None, "公务接待费"]
    subs = [None, None, "小计", "公务用车购置费", "公务用车运行费", None]
    rows = [
        ["一般公共预算财政拨款“三公”经费支出决算表"], [None] * 11 + [UNIT],
        ["预算数", None, None, None, None, None, "决算数"],
        items + items, subs + subs, [str(n) for n in range(1, 13)],
        [10, None, 8, None, 8, 2, 9.5, None, 7.8, None, 7.8, 1.7],
    ]
    doc = read(workbook(tmp_path / "t.xlsx", ("08", rows)))
    _reads_three_public(doc)


def test_three_public_budget_and_final_down(tmp_path: Path) -> None:
    rows = [
        ["“三公”经费支出决算表"], [None, None, "单位：万元"], ["项目", "预算数", "决算数"],
        ["合计", 10, 9.5], ["1.因公出国（境）费", None, None], ["2.公务用车购置及运行费", 8, 7.8],
        ["  其中：公务用车购置费", None, None], ["        公务用车运行费", 8, 7.8], ["3.公务接待费", 2, 1.7],
    ]
    doc = read(workbook(tmp_path / "t.xlsx", ("08", rows)))
    _reads_three_public(doc)


def test_operating_cost_final_is_the_amount_beside_its_budget(tmp_path: Path) -> None:
    """机关运行经费支出决算表: 科目 | 预算数 | 决算数. The 决算数 is the table's figure
    (`amount`); the 预算数 stays `extra:预算数`."""
    rows = [
        ["机关运行经费支出决算表"], [None, None, None, "单位：万元"],
        ["科目编码", "科目名称", "预算数", "决算数"],
        [None, "合计", 12, 10], ["30201", "办公费", 7, 6], ["30211", "差旅费", 5, 4],
    ]
    doc = read(workbook(tmp_path / "o.xlsx", ("oc", rows)))
    assert doc.status is Status.SUCCESS, doc.problems
    got = by_code(only(doc, "operating_cost"))
    assert got == {"total": {"extra:预算数": wan(12)[0], "amount": wan(10)[0]},
                   "30201": {"extra:预算数": wan(7)[0], "amount": wan(6)[0]},
                   "30211": {"extra:预算数": wan(5)[0], "amount": wan(4)[0]}}


def _central(title: str, number: str, columns: list[str], figures: list[float | None]) -> MergedSheet:
    """公开02表 / 公开03表: 功能分类科目编码 printed as 类 | 款 | 项 under a merged
    heading, a 栏次 line, 合计 across the label columns; every row prints `figures`."""
    blank = [None] * (len(columns) - 1)
    rows = [
        [title], [None, None, None, *blank, number], ["部门：示例市数据资源管理局", None, None, *blank, UNIT],
        ["项目", None, None, None, *columns], ["功能分类科目编码", None, None, "科目名称"], ["类", "款", "项"],
        ["栏次", None, None, None, *[str(n) for n in range(1, len(columns) + 1)]],
        ["合计", None, None, None, *figures], ["201", None, None, "一般公共服务支出", *figures],
        ["201", "03", None, "政府办公厅（室）及相关机构事务", *figures], ["201", "03", "01", "行政运行", *figures],
    ]
    return (number, rows, ["A4:D4", "A5:C5", "D5:D6", "A7:D7", "A8:D8"])


def test_central_income_and_expenditure_with_split_codes(tmp_path: Path) -> None:
    doc = read(workbook(
        tmp_path / "c.xlsx",
        _central("收入决算表", "公开02表", ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入",
                                         "附属单位上缴收入", "其他收入"], [110, 100, None, 10, None, None, None]),
        _central("支出决算表", "公开03表", ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出",
                                         "对附属单位补助支出"], [110, 70, 40, None, None, None]),
    ))
    assert doc.status is Status.SUCCESS, doc.problems
    codes = ("total", "201", "20103", "2010301")
    income = dict(zip(("total", "fiscal", "superior_subsidy", "business", "operating", "subsidiary_remittance",
                       "other"), wan(110, 100, None, 10, None, None, None), strict=True))
    spending = dict(zip(("total", "basic", "project", "remit_superior", "operating", "subsidy_subsidiary"),
                        wan(110, 70, 40, None, None, None), strict=True))
    assert by_code(only(doc, "income")) == dict.fromkeys(codes, income)
    assert by_code(only(doc, "expenditure")) == dict.fromkeys(codes, spending)


def test_three_public_counts_beside_the_amounts(tmp_path: Path) -> None:
    """A province's 三公 决算表 prints the 公务接待 批次 and 人次 beside the amounts:
    kept as `extra:<header>`, as counts (never converted by 万元)."""
    rows = [
        ["“三公”经费支出决算表"], [None, None, None, None, "单位：万元"],
        ["项目", "预算数", "决算数", "批次（个）", "人次（人）"],
        ["合计", 10, 9.5], ["1.因公出国（境）费", None, None], ["2.公务用车购置及运行费", 8, 7.8],
        ["  其中：公务用车购置费", None, None], ["        公务用车运行费", 8, 7.8], ["3.公务接待费", 2, 1.7, 12, 85],
    ]
    doc = read(workbook(tmp_path / "t.xlsx", ("08", rows)))
    assert doc.status is Status.SUCCESS, doc.problems
    got = {r.item: r.values for r in only(doc, "three_public").rows}
    assert got["reception"] == {"budget": wan(2)[0], "final": wan(1.7)[0], "extra:批次（个）": 12, "extra:人次（人）": 85}
    assert got["vehicle"] == {"budget": wan(8)[0], "final": wan(7.8)[0]}


def test_project_table_of_a_final_account_prints_its_budget_beside(tmp_path: Path) -> None:
    """项目支出决算表: 年初预算数 | 全年预算数 | 全年执行数, or 预算数 | 决算数. The project's
    `amount` is the final figure; the budget columns stay `extra:`."""
    three = [["项目支出决算表"], [None, None, None, "单位：万元"], ["项目名称", "年初预算数", "全年预算数", "全年执行数"],
             ["智慧城市运维", 30, 32, 31.5], ["政务云租赁", 10, 10, 9.8], ["合计", 40, 42, 41.3]]
    two = [["项目支出决算表"], [None, None, "单位：万元"], ["项目名称", "预算数", "决算数"],
           ["智慧城市运维", 30, 31.5], ["政务云租赁", 10, 9.8], ["合计", 40, 41.3]]
    for rows, budget in ((three, ("extra:年初预算数", "extra:全年预算数")), (two, ("extra:预算数",))):
        doc = read(workbook(tmp_path / "p.xlsx", ("p", rows)))
        assert doc.status is Status.SUCCESS, doc.problems
        got = {r.item: r.values for r in only(doc, "project_expenditure").rows}
        printed = {item: row[1:] for item, row in zip(("智慧城市运维", "政务云租赁", "total"), rows[3:], strict=True)}
        assert got == {item: dict(zip((*budget, "amount"), wan(*figures), strict=True))
                       for item, figures in printed.items()}


def test_last_year_beside_this_year(tmp_path: Path) -> None:
    """上年决算数 | 本年决算数 (| 增减): this year's is the figure, last year's and the
    change stay `extra:`, in a 收支总表 and a 功能分类 table alike."""
    summary = [["收入支出决算总表"], [None, None, None, None, None, "单位：万元"], ["收入", None, None, "支出"],
               ["项目", "上年决算数", "本年决算数", "项目", "上年决算数", "本年决算数"],
               ["一、一般公共预算财政拨款收入", 90, 100, "一、一般公共服务支出", 90, 100],
               ["本年收入合计", 90, 100, "本年支出合计", 90, 100], ["总计", 90, 100, "总计", 90, 100]]
    coded = [["一般公共预算财政拨款支出决算表"], [None, None, None, None, "单位：万元"],
             ["科目编码", "科目名称", "上年决算数", "本年决算数", "增减"],
             [None, "合计", 90, 100, 10], ["201", "一般公共服务支出", 90, 100, 10],
             ["20103", "政府办公厅（室）及相关机构事务", 90, 100, 10], ["2010301", "行政运行", 90, 100, 10]]
    doc = read(workbook(tmp_path / "y.xlsx", ("01", summary), ("05", coded)))
    assert doc.status is Status.SUCCESS, doc.problems
    pair = dict(zip(("extra:上年决算数", "amount"), wan(90, 100), strict=True))
    assert by_side_item(only(doc, "summary")) == {
        key: pair for key in (("income", "fiscal_general"), ("expenditure", "func:201"), ("income", "income_total"),
                              ("expenditure", "expenditure_total"), ("income", "grand_total"),
                              ("expenditure", "grand_total"))}
    assert by_code(only(doc, "general_public")) == dict.fromkeys(
        ("total", "201", "20103", "2010301"),
        dict(zip(("extra:上年决算数", "total", "extra:增减"), wan(90, 100, 10), strict=True)))
