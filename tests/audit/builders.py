"""Small documents built in code for the audit tests.

`clean_document()` is a complete, consistent 2021 department budget (tables in
万元, amounts in yuan as the model keeps them) whose figures were worked out by
hand: every total below is the sum of the figures listed under it. Tests plant
one error at a time into a fresh copy.
"""

from __future__ import annotations

import re
from decimal import Decimal

from cnbudget.model.document import (
    Department,
    Document,
    DocumentMeta,
    Fact,
    FactScope,
    Indicator,
    Kind,
    Locator,
    Paragraph,
    Row,
    Scope,
    SourceFile,
    Table,
)

D = Decimal
_TRAILING_FIGURE = re.compile(r"[\d.,]+(?:万元|%)$")


def v(**values: int | str | None) -> dict[str, Decimal | None]:
    return {k: None if x is None else D(str(x)) for k, x in values.items()}


def code_row(code: str, name: str, line: int, **values: int | str | None) -> Row:
    return Row(code=code, name=name, values=v(**values), locator=Locator(page=1, line=line))


def item_row(item: str, line: int, side: str | None = None, name: str | None = None,
             **values: int | str | None) -> Row:
    return Row(item=item, side=side, name=name, values=v(**values),
               locator=Locator(page=1, line=line))


# functional rows: (code, name, total, basic, project)
FUNCTIONAL = (
    ("201", "一般公共服务支出", 10_001_200, 4_001_200, 6_000_000),
    ("20103", "政府办公厅（室）及相关机构事务", 10_001_200, 4_001_200, 6_000_000),
    ("2010301", "行政运行", 4_001_200, 4_001_200, None),
    ("2010302", "一般行政管理事务", 6_000_000, None, 6_000_000),
    ("208", "社会保障和就业支出", 500_000, 500_000, None),
    ("20805", "行政事业单位养老支出", 500_000, 500_000, None),
    ("2080505", "机关事业单位基本养老保险缴费支出", 500_000, 500_000, None),
    ("221", "住房保障支出", 300_000, 300_000, None),
    ("22102", "住房改革支出", 300_000, 300_000, None),
    ("2210201", "住房公积金", 300_000, 300_000, None),
)
TOTAL, BASIC, PROJECT = 10_801_200, 4_801_200, 6_000_000


def functional_table(type_: str, title: str, line: int) -> Table:
    rows = [item_row("total", line + 1, name="合计", total=TOTAL, basic=BASIC, project=PROJECT)]
    rows += [code_row(c, n, line + 2 + i, total=t, basic=b, project=p)
             for i, (c, n, t, b, p) in enumerate(FUNCTIONAL)]
    return Table(type_, title, rows, unit="万元", locator=Locator(page=1, line=line))


def income_table() -> Table:
    rows = [item_row("total", 21, name="合计", total=TOTAL, fiscal_general=TOTAL)]
    rows += [code_row(c, n, 22 + i, total=t, fiscal_general=t)
             for i, (c, n, t, _b, _p) in enumerate(FUNCTIONAL)]
    return Table("income", "部门收入总体情况表", rows, unit="万元", locator=Locator(page=1, line=20))


def summary_table() -> Table:
    rows = [
        item_row("fiscal_general", 2, "income", "一般公共预算拨款收入", amount=TOTAL),
        item_row("income_total", 3, "income", "本年收入合计", amount=TOTAL),
        item_row("carryover_begin", 4, "income", "上年结转", amount=None),
        item_row("grand_total", 5, "income", "收入总计", amount=TOTAL),
        item_row("func:201", 2, "expenditure", "一般公共服务支出", amount=10_001_200),
        item_row("func:208", 3, "expenditure", "社会保障和就业支出", amount=500_000),
        item_row("func:221", 4, "expenditure", "住房保障支出", amount=300_000),
        item_row("basic", 5, "expenditure", "基本支出", amount=BASIC),
        item_row("project", 6, "expenditure", "项目支出", amount=PROJECT),
        item_row("expenditure_total", 7, "expenditure", "本年支出合计", amount=TOTAL),
        item_row("carryover_end", 8, "expenditure", "年末结转和结余", amount=None),
        item_row("grand_total", 9, "expenditure", "支出总计", amount=TOTAL),
    ]
    return Table("summary", "部门收支总体情况表", rows, unit="万元", locator=Locator(page=1, line=1))


def fiscal_summary_table() -> Table:
    def row(item: str, line: int, side: str, name: str, value: int | None) -> Row:
        return item_row(item, line, side, name, amount=value, general=value, fund=None,
                        state_capital=None)

    rows = [
        row("fiscal_general", 51, "income", "一般公共预算财政拨款", TOTAL),
        row("income_total", 52, "income", "本年收入合计", TOTAL),
        row("grand_total", 53, "income", "收入总计", TOTAL),
        row("func:201", 51, "expenditure", "一般公共服务支出", 10_001_200),
        row("func:208", 52, "expenditure", "社会保障和就业支出", 500_000),
        row("func:221", 53, "expenditure", "住房保障支出", 300_000),
        row("expenditure_total", 54, "expenditure", "本年支出合计", TOTAL),
        row("grand_total", 55, "expenditure", "支出总计", TOTAL),
    ]
    return Table("fiscal_summary", "财政拨款收支总体情况表", rows, unit="万元",
                 locator=Locator(page=1, line=50))


# economic rows: (code, name, total, personnel, public)
ECONOMIC = (
    ("301", "工资福利支出", 4_101_200, 4_101_200, None),
    ("30101", "基本工资", 2_001_200, 2_001_200, None),
    ("30102", "津贴补贴", 1_300_000, 1_300_000, None),
    ("30108", "机关事业单位基本养老保险缴费", 500_000, 500_000, None),
    ("30113", "住房公积金", 300_000, 300_000, None),
    ("302", "商品和服务支出", 700_000, None, 700_000),
    ("30201", "办公费", 598_500, None, 598_500),
    ("30217", "公务接待费", 21_500, None, 21_500),
    ("30231", "公务用车运行维护费", 80_000, None, 80_000),
)


def basic_table() -> Table:
    rows = [item_row("total", 81, name="合计", total=BASIC, personnel=4_101_200, public=700_000)]
    rows += [code_row(c, n, 82 + i, total=t, personnel=p, public=q)
             for i, (c, n, t, p, q) in enumerate(ECONOMIC)]
    return Table("general_public_basic", "一般公共预算基本支出情况表", rows, unit="万元",
                 locator=Locator(page=1, line=80))


def three_public_table() -> Table:
    rows = [
        item_row("total", 101, name="合计", amount=101_500),
        item_row("outbound", 102, name="因公出国（境）费", amount=0),
        item_row("vehicle", 103, name="公务用车购置及运行费", amount=80_000),
        item_row("vehicle_purchase", 104, name="公务用车购置费", amount=0),
        item_row("vehicle_operation", 105, name="公务用车运行维护费", amount=80_000),
        item_row("reception", 106, name="公务接待费", amount=21_500),
    ]
    return Table("three_public", "一般公共预算“三公”经费支出情况表", rows, unit="万元",
                 locator=Locator(page=1, line=100))


def procurement_table() -> Table:
    rows = [
        item_row("total", 121, name="合计", amount=650_600, quantity=3),
        Row(item="办公桌", name="办公桌", texts={"project": "办公设备购置", "measure": "张"},
            values=v(quantity=2, unit_price=25_300, amount=50_600),
            locator=Locator(page=1, line=122)),
        Row(item="运维服务", name="运维服务", texts={"project": "政务网络运维项目"},
            values=v(quantity=1, unit_price=600_000, amount=600_000),
            locator=Locator(page=1, line=123)),
    ]
    return Table("procurement", "政府采购预算表", rows, unit="万元", locator=Locator(page=1, line=120))


def project_table() -> Table:
    rows = [
        item_row("total", 131, name="合计", amount=PROJECT),
        item_row("政务网络运维项目", 132, name="政务网络运维项目", amount=4_998_800),
        item_row("数据治理项目", 133, name="数据治理项目", amount=1_001_200),
    ]
    return Table("project_expenditure", "项目支出表", rows, unit="万元",
                 locator=Locator(page=1, line=130))


def target_table(project: str, budget: int, line: int) -> Table:
    row = Row(item=project, texts={"project": project}, values=v(budget=budget),
              indicators=[Indicator("产出指标", "成本指标", "项目成本", target="≤500万元")],
              locator=Locator(page=1, line=line + 1))
    return Table("performance_target", "项目支出绩效目标表", [row], unit="元",
                 locator=Locator(page=1, line=line), subject=project)


def evaluation_table() -> Table:
    weights_scores = [("数量指标", 10, "10"), ("质量指标", 10, "10"), ("时效指标", 10, "10"),
                      ("成本指标", 10, "10"), ("预算执行率", 10, "9.99"),
                      ("社会效益指标", 20, "20"), ("可持续影响指标", 20, "20"),
                      ("满意度指标", 10, "10")]
    indicators = [Indicator("产出指标", name, name, weight=D(w), score=D(s))
                  for name, w, s in weights_scores]
    row = Row(item="数据治理项目", texts={"project": "数据治理项目"},
              values=v(budget=30_000, executed=29_954, rate="99.85", score="99.99"),
              indicators=indicators, locator=Locator(page=1, line=161))
    return Table("performance_evaluation", "项目支出绩效自评表", [row], unit="万元",
                 locator=Locator(page=1, line=160), subject="数据治理项目")


def assets_table() -> Table:
    rows = [
        item_row("total", 171, name="合计", value=1_500_500),
        item_row("buildings", 172, name="房屋", value=1_000_500),
        item_row("office_space", 173, name="办公用房", value=800_000),
        item_row("vehicles", 174, name="车辆", quantity=1, value=300_000),
        item_row("equipment_large", 175, name="单价100万元以上设备", value=0),
        item_row("other_fixed_assets", 176, name="其他固定资产", value=200_000),
    ]
    return Table("assets", "国有资产占用情况表", rows, unit="万元", locator=Locator(page=1, line=170))


def operating_cost_table() -> Table:
    rows = [
        item_row("total", 181, name="合计", amount=700_000),
        code_row("30201", "办公费", 182, amount=598_500),
        code_row("30217", "公务接待费", 183, amount=21_500),
        code_row("30231", "公务用车运行维护费", 184, amount=80_000),
    ]
    return Table("operating_cost", "机关运行经费支出表", rows, unit="万元",
                 locator=Locator(page=1, line=180))


def empty_table(type_: str, title: str, line: int) -> Table:
    return Table(type_, title, [], unit="万元", locator=Locator(page=1, line=line), empty=True,
                 note=f"本单位无{title[:-3]}支出。")


ITEM_LABEL = "（一）一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）："
ITEM_STATEMENT = (ITEM_LABEL + "2020年当年预算执行数为380.00万元，2021年预算安排400.12万元，"
                  "比上年增加20.12万元，增长5.29%，主要原因是人员增加。")
ITEM_SCOPE = FactScope(item="functional", name="行政运行",
                       parents=("一般公共服务支出", "政府办公厅（室）及相关机构事务"), level=3)

NARRATIVE = (
    (200, "一、收入支出预算总体情况"),
    (201, "2021年收入预算总计1080.12万元，支出预算总计1080.12万元，与2020年预算相比，"
          "收入预算增加80.12万元，增长8.01%。"),
    (202, "二、支出预算情况说明"),
    (203, "2021年支出预算1080.12万元，其中：基本支出480.12万元，占比44.45%；"
          "项目支出600.00万元，占比55.55%。"),
    (204, "基本支出中，人员经费410.12万元，公用经费70.00万元。"),
    (205, "三、“三公”经费支出预算情况说明"),
    (206, "2021年“三公”经费预算10.15万元，其中：因公出国（境）费0万元，公务用车购置费0万元，"
          "公务用车运行维护费8.00万元，公务接待费2.15万元。"),
    (207, "四、机关运行经费安排情况说明"),
    (208, "2021年机关运行经费安排70.00万元。"),
    (209, "五、政府采购情况"),
    (210, "2021年政府采购预算65.06万元，具体采购明细如下。"),
    (211, "1. 办公桌，单价 2.53 万元，数量 2 张，共计 5.06 万元；"),
    (212, "2. 运维服务，单价 60.00 万元，数量 1 项，共计 60.00 万元。"),
    (213, "六、国有资产占用情况说明"),
    (214, "截至2020年12月31日，本部门共有车辆1辆。"),
    (215, "七、预算绩效情况说明"),
    (216, "本部门2021年共有2个项目编制了绩效目标，分别是："),
    (217, "1、政务网络运维项目499.88万元；"),
    (218, "2、数据治理项目100.12万元。"),
    (219, "八、空表情况说明"),
    (220, "政府性基金预算支出情况表、国有资本经营预算支出情况表为空表，本部门无此类支出。"),
    (221, "九、名词解释"),
    (222, "基本支出：是指为保障机构正常运转、完成日常工作任务所必需的开支。"),
    (223, "（附）按功能科目分类，行政运行支出400.12万元，一般行政管理事务支出600.00万元。"),
    (224, ITEM_STATEMENT),
)


def fact(key: str, value: int | str, line: int, text: str, subject: str | None = None,
         unit: str = "元", printed_unit: str | None = "万元") -> Fact:
    return Fact(key, D(str(value)), unit, text, Locator(page=1, line=line), subject,
                printed_unit if unit == "元" else None)


FACTS = (
    fact("income_total", TOTAL, 201, "2021年收入预算总计1080.12万元"),
    fact("expenditure_total", TOTAL, 201, "支出预算总计1080.12万元"),
    fact("change_amount", 801_200, 201, "收入预算增加80.12万元", subject="income_total"),
    fact("change_pct", "8.01", 201, "增长8.01%", subject="income_total", unit="%"),
    fact("expenditure_total", TOTAL, 203, "2021年支出预算1080.12万元"),
    fact("basic", BASIC, 203, "基本支出480.12万元"),
    fact("project", PROJECT, 203, "项目支出600.00万元"),
    fact("personnel", 4_101_200, 204, "人员经费410.12万元"),
    fact("public", 700_000, 204, "公用经费70.00万元"),
    fact("three_public_total", 101_500, 206, "2021年“三公”经费预算10.15万元"),
    fact("outbound", 0, 206, "因公出国（境）费0万元"),
    fact("vehicle_purchase", 0, 206, "公务用车购置费0万元"),
    fact("vehicle_operation", 80_000, 206, "公务用车运行维护费8.00万元"),
    fact("reception", 21_500, 206, "公务接待费2.15万元"),
    fact("operating_cost", 700_000, 208, "2021年机关运行经费安排70.00万元"),
    fact("procurement_total", 650_600, 210, "2021年政府采购预算65.06万元"),
    fact("vehicles", 1, 214, "本部门共有车辆1辆", unit="辆"),
    *(Fact(key, D(value), unit, ITEM_STATEMENT[:ITEM_STATEMENT.index(end) + len(end)],
           Locator(page=1, line=224), subject, "万元" if unit == "元" else None, ITEM_SCOPE)
      for key, value, unit, end, subject in (
          ("item_previous", "3800000", "元", "380.00万元", None),
          ("item_amount", "4001200", "元", "400.12万元", None),
          ("change_amount", "201200", "元", "20.12万元", "item_amount"),
          ("change_pct", "5.29", "%", "5.29%", "item_amount"),
      )),
)


def clean_document() -> Document:
    """A fresh, fully consistent document (mutable: tests plant errors in it)."""
    return Document(
        source=SourceFile("clean.txt", "0" * 64, "text"),
        meta=DocumentMeta(kind=Kind.BUDGET, scope=Scope.DEPARTMENT, year=2021,
                          title="示例局2021年部门预算", department=Department("示例局"),
                          source_units=["万元"]),
        tables=[
            summary_table(),
            income_table(),
            functional_table("expenditure", "部门支出总体情况表", 40),
            fiscal_summary_table(),
            functional_table("general_public", "一般公共预算支出情况表", 60),
            basic_table(),
            three_public_table(),
            empty_table("gov_fund", "政府性基金预算支出情况表", 110),
            empty_table("state_capital", "国有资本经营预算支出情况表", 115),
            procurement_table(),
            project_table(),
            target_table("政务网络运维项目", 4_998_800, 140),
            target_table("数据治理项目", 1_001_200, 150),
            evaluation_table(),
            assets_table(),
            operating_cost_table(),
        ],
        facts=list(FACTS),
        narrative=[Paragraph(text, Locator(page=1, line=line)) for line, text in NARRATIVE],
    )


def table(doc: Document, type_: str, title: str | None = None) -> Table:
    for t in doc.tables:
        if t.type == type_ and (title is None or t.title == title):
            return t
    raise KeyError(type_)


def row(doc: Document, type_: str, key: str, side: str | None = None) -> Row:
    t = table(doc, type_)
    for r in t.rows:
        if (r.code == key or r.item == key) and (side is None or r.side == side):
            return r
    raise KeyError(key)


def set_value(doc: Document, type_: str, key: str, column: str, value: int | str | None,
              side: str | None = None) -> None:
    row(doc, type_, key, side).values[column] = None if value is None else D(str(value))


def replace_fact(doc: Document, key: str, value: int | str, subject: str | None = None) -> None:
    for i, f in enumerate(doc.facts):
        if f.key == key and f.subject == subject:
            doc.facts[i] = Fact(f.key, D(str(value)), f.unit, f.text, f.locator, f.subject,
                                f.printed_unit)
            return
    raise KeyError(key)


def replace_item_fact(doc: Document, key: str, value: int | str, figure: str) -> None:
    """The item statement's `key` fact printed as `figure` instead (value in yuan or %)."""
    for i, f in enumerate(doc.facts):
        if f.key == key and f.scope == ITEM_SCOPE:
            head = f.text[:len(f.text) - len(_TRAILING_FIGURE.search(f.text).group(0))]  # type: ignore[union-attr]
            doc.facts[i] = Fact(f.key, D(str(value)), f.unit, head + figure, f.locator, f.subject,
                                f.printed_unit, f.scope)
            return
    raise KeyError(key)


def replace_paragraph(doc: Document, line: int, text: str) -> None:
    for i, p in enumerate(doc.narrative):
        if p.locator and p.locator.line == line:
            doc.narrative[i] = Paragraph(text, p.locator)
            return
    raise KeyError(line)
