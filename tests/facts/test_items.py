"""Statements about one 功能分类 item: the item's facts, never the department's.

Sentences are worded as published budgets and final accounts word them (the
2026 budget template, the final accounts' 财政拨款支出决算具体情况, Jiangsu's
2017–2019 budgets, seed 001's 结构 paragraph); the expected facts are read off
the sentence by hand.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from cnbudget.model.document import FactScope, Kind
from tests.facts.test_sentences import facts

WAN = Decimal(10000)
DEPARTMENT_KEYS = {"income_total", "expenditure_total", "grand_total", "basic", "project"}


def scoped(text: str, kind: Kind, year: int) -> list[tuple[str, str | None, Decimal, str | None]]:
    return [(f.key, f.subject, f.value, f.scope.name if f.scope else None)
            for f in facts(text, kind, year)]


def test_a_2026_budget_item_statement() -> None:
    text = ("（一）一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）："
            "2025年当年预算执行数为120.00万元，2026年预算安排128.11万元，比上年增加8.11万元，"
            "增长6.76%，主要原因是人员增加。")
    found = facts(text, Kind.BUDGET, 2026)
    assert [(f.key, f.subject, f.value) for f in found] == [
        ("item_previous", None, Decimal("120.00") * WAN),
        ("item_amount", None, Decimal("128.11") * WAN),
        ("change_amount", "item_amount", Decimal("8.11") * WAN),
        ("change_pct", "item_amount", Decimal("6.76")),
    ]
    scope = found[0].scope
    assert scope == FactScope(item="functional", name="行政运行",
                              parents=("一般公共服务支出", "政府办公厅（室）及相关机构事务"), level=3)
    assert all(f.scope == scope for f in found)
    assert found[-1].text.startswith("一般公共服务支出（类）") and found[-1].text.endswith("6.76%")


def test_the_issue_final_account_sentence_is_never_the_department_total() -> None:
    """“…（项）支出决算为28.11万元，比年初预算增加…”: 88 false findings came from this."""
    text = ("2.一般公共服务（类）人大事务（款）行政运行（项）支出决算为28.11万元，比年初预算增加"
            "3.11万元，增长12.44%，主要原因是人员增加。")
    found = scoped(text, Kind.FINAL_ACCOUNT, 2024)
    assert not any(key in DEPARTMENT_KEYS or key.startswith("change_") for key, *_ in found)
    assert found == [
        ("item_amount", None, Decimal("28.11") * WAN, "行政运行"),
        ("budget_change_amount", None, Decimal("3.11") * WAN, "行政运行"),
        ("budget_change_pct", None, Decimal("12.44"), "行政运行"),
    ]


def test_a_final_account_statement_after_its_label() -> None:
    text = ("1.一般公共服务支出（类）人大事务（款）行政运行（项）。年初预算为500.00万元，支出决算为"
            "528.11万元，完成年初预算的105.62%。决算数大于年初预算数的主要原因是增加了3人，"
            "增加工资10万元。")
    assert scoped(text, Kind.FINAL_ACCOUNT, 2024) == [
        ("item_budget", None, Decimal("500.00") * WAN, "行政运行"),
        ("item_amount", None, Decimal("528.11") * WAN, "行政运行"),
        ("completion_pct", None, Decimal("105.62"), "行政运行"),
    ]


def test_a_code_names_the_item() -> None:
    text = "2010301 行政运行：2025年当年预算执行数为120.00万元，2026年预算安排128.11万元，比上年减少8.11万元。"
    found = facts(text, Kind.BUDGET, 2026)
    assert {(f.key, f.value) for f in found} == {
        ("item_previous", Decimal("120.00") * WAN), ("item_amount", Decimal("128.11") * WAN),
        ("change_amount", Decimal("-8.11") * WAN)}
    assert all(f.scope and f.scope.code == "2010301" and f.scope.level == 3 for f in found)


def test_a_label_colon_and_a_kuan() -> None:
    assert scoped("检察（款）: 2018年预算支出合计16,444.36万元。", Kind.BUDGET, 2018) == [
        ("item_amount", None, Decimal("16444.36") * WAN, "检察")]


def test_category_amounts_with_shares() -> None:
    """Seed 001's 结构 paragraph: each 类's amount, its share no fact."""
    text = ("2024 年度财政拨款支出 37,837.39 万元,全部为一般公共预算财政拨款支出,主要用于以下方面:"
            "一般公共服务(类)支出 1,238.74 万元,占 3.3%,主要用于人员工资等支出;社会保障和就业(类)"
            "支出 123.50 万元,占 0.3%,主要用于离退休人员经费等支出。")
    found = scoped(text, Kind.FINAL_ACCOUNT, 2024)
    assert ("item_amount", None, Decimal("1238.74") * WAN, "一般公共服务") in found
    assert ("item_amount", None, Decimal("123.50") * WAN, "社会保障和就业") in found
    assert len([f for f in found if f[0] == "item_amount"]) == 2


def test_the_department_again_after_an_item() -> None:
    """Jiangsu 2017: a 类's statement, then 此外，基本支出… about the department."""
    text = ("公共安全（类）支出13656.34万元，主要用于检察院行政支出等项目支出。与上年相比增加309.03万元，"
            "增长2.31%。主要原因是员额制检察官工资改革。此外，基本支出预算数为12323.46万元。与上年相比"
            "增加1483.8万元，增长13.69%。")
    found = scoped(text, Kind.BUDGET, 2017)
    assert ("item_amount", None, Decimal("13656.34") * WAN, "公共安全") in found
    assert ("change_amount", "item_amount", Decimal("309.03") * WAN, "公共安全") in found
    assert ("basic", None, Decimal("12323.46") * WAN, None) in found
    assert ("change_pct", "basic", Decimal("13.69"), None) in found


def test_an_explanation_in_parts_holds_no_fact() -> None:
    """一是…；二是纳入2018年预算管理的700万元…: the reason's figures are not the item's."""
    text = ("2．检察（款）一般行政管理事务(项)支出 2354.4万元，与上年相比减少1311.6 万元，减少35.77 %。"
            "主要原因一是压减一般性支出；二是纳入2018年预算管理的700万元培训费收入不再安排；三是"
            "增加了“事业运行”项级科目分流315万元。")
    found = scoped(text, Kind.BUDGET, 2019)
    assert [k for k, *_ in found] == ["item_amount", "change_amount", "change_pct"]


def test_an_economic_kuan_is_not_a_functional_item() -> None:
    found = facts("（1）办公费（款）支出110万元。", Kind.BUDGET, 2017)
    assert [(f.key, f.scope.item if f.scope else None) for f in found] == [("item_amount", "economic")]


@pytest.mark.parametrize("text", [
    "1. 一般公共服务(类)政府办公厅(室)及相关机构事务(款)事业运行(项)：反映机关事业单位的基本支出。",
    "（一）一般公共服务（类）",
])
def test_definitions_and_headings_state_nothing(text: str) -> None:
    assert facts(text, Kind.BUDGET, 2020) == []


def test_department_sentence_before_a_label_is_the_departments() -> None:
    text = ("2026年部门支出预算为1000.00万元。一般公共服务支出（类）行政运行（项）2026年预算安排128.11万元，"
            "比上年增加8.11万元。本部门2026年基本支出500.00万元。")
    found = scoped(text, Kind.BUDGET, 2026)
    assert found == [
        ("expenditure_total", None, Decimal("1000.00") * WAN, None),
        ("item_amount", None, Decimal("128.11") * WAN, "行政运行"),
        ("change_amount", "item_amount", Decimal("8.11") * WAN, "行政运行"),
        ("basic", None, Decimal("500.00") * WAN, None),
    ]


def test_funds_and_totals_are_scoped() -> None:
    from cnbudget.model.document import Funds, Span

    found = {(f.key, f.scope.funds if f.scope else None, f.scope.span if f.scope else None)
             for f in facts("省检察院2017年度财政拨款基本支出预算12308.48万元。", Kind.BUDGET, 2017)
             + facts("2021 年收入预算总计 9653.46 万元。本年收入合计 9000.00 万元。", Kind.BUDGET, 2021)}
    assert found == {("basic", Funds.FISCAL, None), ("income_total", None, Span.TOTAL),
                     ("income_total", None, Span.YEAR)}
