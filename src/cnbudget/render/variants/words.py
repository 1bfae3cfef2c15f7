"""Header words other templates print for the catalogue's, and the headings
a three-row header puts over the value columns. Data, per table type."""

from __future__ import annotations

from cnbudget.model import Kind

# every table type: the label columns
COMMON_WORDS: dict[str, str] = {
    "科目编码": "科目代码",
    "功能分类科目": "支出功能分类科目",
    "经济分类科目": "支出经济分类科目",
    "项目": "项    目",  # spaced out to fill the cell (石家庄 收支总表)
}
TYPE_WORDS: dict[str, dict[str, str]] = {
    "income": {
        "合计": "总计", "财政拨款收入": "财政拨款", "一般公共预算": "一般公共预算拨款",
        "政府性基金预算": "政府性基金拨款", "国有资本经营预算": "国有资本经营预算拨款",
        "财政专户管理的收入": "财政专户管理资金收入", "上年结转": "上年结转结余",
    },
    "expenditure": {"合计": "总计"},
    "general_public_basic": {"公用经费": "日常公用经费"},
    "fiscal_basic": {"公用经费": "日常公用经费"},
    "gov_fund": {"年初结转和结余": "上年结转", "年末结转和结余": "年末结转结余"},
    "fiscal_summary": {
        "金额": "合计", "一般公共预算财政拨款": "一般公共预算", "政府性基金预算财政拨款": "政府性基金预算",
        "国有资本经营预算财政拨款": "国有资本经营预算",
    },
}
# where the catalogue prints 金额, a template prints the kind of figure
AMOUNT_WORD = "金额"
KIND_AMOUNT_WORDS: dict[Kind, str] = {Kind.BUDGET: "预算数", Kind.FINAL_ACCOUNT: "决算数"}
KIND_AMOUNT_TYPES = frozenset({"summary", "three_public", "operating_cost", "project_expenditure"})

# the heading a three-row header prints over all the value columns
TOP_HEADINGS: dict[str, str] = {
    "income": "本年收入",
    "expenditure": "本年支出",
    "general_public": "一般公共预算支出",
    "general_public_basic": "一般公共预算基本支出",
    "gov_fund": "政府性基金预算支出",
    "state_capital": "国有资本经营预算支出",
    "fiscal_expenditure": "财政拨款支出",
    "fiscal_basic": "财政拨款基本支出",
    "operating_cost": "机关运行经费",
}


def alternate_words(table_type: str, kind: Kind | None) -> dict[str, str]:
    words = {**COMMON_WORDS, **TYPE_WORDS.get(table_type, {})}
    if table_type in KIND_AMOUNT_TYPES and kind in KIND_AMOUNT_WORDS:
        words[AMOUNT_WORD] = KIND_AMOUNT_WORDS[kind]
    return words
