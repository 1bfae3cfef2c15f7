"""Narrative wording, one rule at a time: what is a fact, what is not."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cnbudget.ingest.layout import Cell, Delimiter, Line
from cnbudget.model.document import Fact, Kind
from cnbudget.model.fact_keys import FACT_KEYS, fact_unit_of
from cnbudget.recognise.facts import extract_facts


def lines(text: str, page: int | None = None) -> list[Line]:
    return [
        Line((Cell(raw.strip()),), page=page, number=i, delimiter=Delimiter.NONE, raw=raw.strip())
        for i, raw in enumerate(text.split("\n"), start=1)
        if raw.strip()
    ]


def facts(text: str, kind: Kind | None = Kind.BUDGET, year: int | None = 2020) -> list[Fact]:
    return extract_facts(lines(text), kind, year)


def pairs(text: str, kind: Kind | None = Kind.BUDGET, year: int | None = 2020) -> set[tuple]:
    return {(f.key, f.subject, f.value) for f in facts(text, kind, year)}


WAN = Decimal(10000)


# --- not facts --------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    # a project's own figures in a self-evaluation
    "局文件资料印刷费绩效自评情况：根据年初设定的绩效目标，局文件资料印刷费绩效自评得分为 99.99 分。全年预算数为 3 万元，执行数为 2.99 万元，完成预算的 99.8%。",
    # 项目支出 without an amount, and a share that is not an amount
    "本部门组织对 2024 年度本级预算项目支出全面开展绩效自评，占一般公共预算项目支出总额的%。",
    "其中：基本支出占 3.3%；项目支出占比 96.7%。",
    # template placeholders left unfilled
    "2020年部门支出预算为万元，其中基本支出万元，项目支出万元。",
    "本部门 2024 年度机关运行经费支出万元，较 2023 年度增加万元。",
    # a project's name before 项目支出 makes it the project's
    "其中：一般行政管理事务397万元，互联网+信息化建设项目支出397万元。",
    "市政务网络、云、机房及业务系统建设维护项目7358.61万元；",
    # one kind of vehicle, one kind of procurement, a source of income, a subtotal without a key
    "其中：一般公务用车 0 辆、一般执法执勤用车 0 辆、其他用车 1 辆。",
    "政府采购货物支出 2.00 万元，服务支出 8526.33 万元。",
    "货物类政府采购支出预算259.32万元。",
    "一般公共预算收入 4097.11万元，基金预算收入 0 万元，财政拨款收入 604.4 万元。",
    "公务用车购置及运行维护费支出 237 万元。",
    # another year's figure, 上缴上级支出 and the like (a 款's 支出 is the item's: test_items)
    "2017年度部门支出预算安排与2016年度相比（2016年度部门支出预算安排为8,648.07万元）。",
    "上缴上级支出 0.00 万元，经营支出 0.00 万元，对附属单位补助支出 0.00 万元。",
    # a sub-unit's staff
    "本部门预算只包含办公厅本级和江苏省政协联谊俱乐部在职7名人员。",
    # an explanation's figures
    "主要原因是全市政务信息化项目因调出涉密项目等原因年中调出经费 6432.99 万元。",
])
def test_not_a_fact(text):
    assert facts(text) == [], [f.text for f in facts(text)]


def test_comparison_with_the_budget_is_not_a_change_against_last_year():
    text = "公务接待费支出预算为 0.11 万元，支出决算 0.11 万元，完成预算的 100.0%，较预算减少 0.00 万元，降低 0.0%。"
    assert pairs(text, Kind.FINAL_ACCOUNT, 2024) == {("reception", None, Decimal("0.11") * WAN)}


# --- values ------------------------------------------------------------------------

def test_budget_sentence():
    text = "2020年部门支出预算为 4097.11万元，其中基本支出 973.63万元，包括人员经费 872.36万元和日常公用经费 101.27万元。项目支出 3123.48万元。"
    assert pairs(text) == {
        ("expenditure_total", None, Decimal("40971100")),
        ("basic", None, Decimal("9736300")),
        ("personnel", None, Decimal("8723600")),
        ("public", None, Decimal("1012700")),
        ("project", None, Decimal("31234800")),
    }
    first = facts(text)[0]
    assert first.text == "2020年部门支出预算为 4097.11万元"
    assert (first.unit, first.printed_unit) == ("元", "万元")


def test_final_account_takes_the_final_figure_not_the_budget_beside_it():
    text = "“三公”经费支出决算为2.80万元，完成预算的93.02%。"
    assert pairs(text, Kind.FINAL_ACCOUNT, 2024) == {("three_public_total", None, Decimal("28000"))}
    both = "本部门2024年度“三公”经费财政拨款支出预算为3.01万元，支出决算为2.80万元，完成预算的93.0%。"
    got = facts(both, Kind.FINAL_ACCOUNT, 2024)
    assert [(f.key, f.value) for f in got] == [("three_public_total", Decimal("28000"))]
    assert got[0].text.endswith("支出决算为2.80万元")
    # the kind unknown: a sentence speaking of 决算 is read as a final account
    assert pairs(both, None, None) == {("three_public_total", None, Decimal("28000"))}


def test_budget_takes_the_budget_figure():
    assert pairs("2020年财政拨款“三公”经费预算数0.8万元，其中：公务接待费0.8万元；") == {
        ("three_public_total", None, Decimal("8000")),
        ("reception", None, Decimal("8000")),
    }


def test_units_zero_and_large_amounts():
    got = {f.key: f for f in facts("因公出国（境）费 0 元，公务用车运行维护费 1.50 万元；政府采购预算 1.2 亿元。")}
    assert got["outbound"].value == 0 and got["outbound"].printed_unit == "元"
    assert got["vehicle_operation"].value == Decimal("15000")
    assert got["procurement_total"].value == Decimal("120000000")
    assert got["procurement_total"].printed_unit == "亿元"


@pytest.mark.parametrize("variant", [
    "2020年部门支出预算为４０９７．１１万元，其中基本支出９７３．６３万元。",
    "2020年部门支出预算为 409 7.11万元，其中基本支出 973. 63万元。",
    "2020年部门支出预算为 4,097.11 万元，其中基本支出 973.63 万元。",
    "2020年部门支出\n预算为 4097.\n11万元，其中基\n本支出 973.63\n万元。",
])
def test_same_facts_however_extraction_breaks_the_text(variant):
    assert pairs(variant) == {("expenditure_total", None, Decimal("40971100")), ("basic", None, Decimal("9736300"))}


def test_a_sentence_over_several_lines_is_located_at_its_first_line():
    text = "一、收入支出预算总体情况\n2020年部门支出预算为\n4097.11万元，其中基本支出 973.63\n万元。"
    got = {f.key: f for f in extract_facts(lines(text, page=9), Kind.BUDGET, 2020)}
    assert got["expenditure_total"].locator.line == 2
    assert got["expenditure_total"].locator.page == 9
    assert got["expenditure_total"].text == "2020年部门支出预算为4097.11万元"
    assert got["basic"].locator.line == 3


def test_headings_do_not_run_into_the_sentence_after_them():
    text = "3、比上年增减情况\n2020年部门预算收支安排 4097.11万元，较 2019年增加 2589.55万元。"
    total, change = facts(text)
    assert (total.key, total.value, total.locator.line) == ("grand_total", Decimal("40971100"), 2)
    assert change.text.startswith("2020年部门预算收支安排")
    assert change.locator.line == 2


def test_page_numbers_inside_a_sentence_are_skipped():
    text = "公务用车运行维护费预算支出237万元，比上年预算减少\n─ 30 ─\n30.8万元，主要原因是车辆转隶。"
    assert pairs(text, Kind.BUDGET, 2019) == {
        ("vehicle_operation", None, Decimal("2370000")),
        ("change_amount", "vehicle_operation", Decimal("-308000")),
    }


# --- changes -----------------------------------------------------------------------

def test_changes_are_signed_and_name_their_subject():
    text = ("本部门 2024 年度收、支总计(含结转和结余)均为 37,837.39 万元。与 2023 年度决算相比,收支各减少 19,513.59 万元,下降 34.0%,"
            "主要原因是经费支出减少。")
    assert pairs(text, Kind.FINAL_ACCOUNT, 2024) == {
        ("grand_total", None, Decimal("378373900")),
        ("change_amount", "grand_total", Decimal("-195135900")),
        ("change_pct", "grand_total", Decimal("-34.0")),
    }


def test_change_subject_is_not_taken_from_an_explanation():
    text = ("本部门 2024 年度“三公”经费财政拨款支出预算为 3.01 万元，支出决算为 2.80 万元，较预算减少 0.21 万元，降低 7.0%，"
            "主要原因是公务用车运行维护费较预算减少；较 2023 年度决算减少 0.85 万元，降低 23.3%。")
    got = pairs(text, Kind.FINAL_ACCOUNT, 2024)
    assert ("change_amount", "three_public_total", Decimal("-8500")) in got
    assert ("change_pct", "three_public_total", Decimal("-23.3")) in got
    assert not any(subject == "vehicle_operation" for _, subject, _ in got)


def test_change_of_a_named_item_and_of_the_sentence_before():
    text = ("2020年预算收支安排2216.2万元，较2019年预算增加1117.22万元，其中：基本支出增加298.92万元，主要为工资福利支出；"
            "项目支出增加1470.98万元。")
    assert pairs(text) == {
        ("grand_total", None, Decimal("22162000")),
        ("change_amount", "grand_total", Decimal("11172200")),
        ("change_amount", "basic", Decimal("2989200")),
        ("change_amount", "project", Decimal("14709800")),
    }


def test_a_sentence_without_a_subject_takes_the_one_before():
    text = "1. 因公出国（境）费 0 元，主要用于公务出国的住宿费等支出。预算数比 2020 年增加 5 万元。"
    assert ("change_amount", "outbound", Decimal("50000")) in pairs(text, Kind.BUDGET, 2021)


def test_an_unnamed_quantity_stops_the_subject():
    text = "公务接待费预算支出101.26万元，比上年预算减少15.24万元。会议费预算支出158.44万元，比上年预算减少42万元。"
    assert pairs(text, Kind.BUDGET, 2019) == {
        ("reception", None, Decimal("1012600")),
        ("change_amount", "reception", Decimal("-152400")),
    }


def test_breakdown_of_a_change_is_a_change():
    text = ("2020年，本部门“三公”经费预算安排7.64万元。与2019年相比增加7.64万元，其中，公务用车购置及运维费增加7.21万元"
            "（其中：公务用车购置费0万元，公务用车运维费7.21万元)，主要原因是新购置公车；公务接待费0.43万元增加0.43万元。")
    assert pairs(text) == {
        ("three_public_total", None, Decimal("76400")),
        ("change_amount", "three_public_total", Decimal("76400")),
        ("change_amount", "vehicle_purchase", Decimal("0")),
        ("change_amount", "vehicle_operation", Decimal("72100")),
        ("reception", None, Decimal("4300")),
        ("change_amount", "reception", Decimal("4300")),
    }


@pytest.mark.parametrize(("text", "pct"), [
    ("2021 年收入预算总预算 9653.46 万元，与 2020 年预算相比，收入预算增加 3341.54 万元，增幅 52.94%。", "52.94"),
    ("2021 年收入预算总预算 9653.46 万元，比上年减少 3341.54 万元，降幅为 52.94%。", "-52.94"),
    ("2021 年收入预算总预算 9653.46 万元，同比下降了 52.94%。", "-52.94"),
])
def test_change_percentages(text, pct):
    got = pairs(text, Kind.BUDGET, 2021)
    assert ("income_total", None, Decimal("96534600")) in got
    assert ("change_pct", "income_total", Decimal(pct)) in got
    assert not any(key == "change_pct" and value != Decimal(pct) for key, _, value in got)


@pytest.mark.parametrize(("year", "expected"), [(2020, 1), (2019, 0), (None, 1)])
def test_last_year_is_judged_by_the_document_year(year, expected):
    text = "2020年机关运行经费比2019年增加 5 万元。"
    changes = [f for f in facts(text, Kind.BUDGET, year) if f.key == "change_amount"]
    assert len(changes) == expected


def test_appropriation_only_totals_are_not_the_totals():
    text = ("本部门 2024 年度财政拨款本年收入 37,832.13 万元，比上年减少 19,452.49 万元，降低 34.0%；"
            "本年支出 37,837.39 万元，比上年减少 19,508.03 万元。")
    assert facts(text, Kind.FINAL_ACCOUNT, 2024) == []


# --- counts ------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "key", "value"), [
    ("在职实有人数12人，其中：事业12人。", "staff", 12),
    ("实际在编在职人员274名，离退休人员150名。", "staff", 274),
    ("在职人员十二人。", "staff", 12),
    ("本部门共有车辆55辆。其中，一般公务用车13辆。", "vehicles", 55),
    ("本单位公务用车两辆（机要通信车）。", "vehicles", 2),
    ("本部门 2024 年度单位公务用车保有量 2 辆，公务用车购置量 0 辆。", "vehicles", 2),
])
def test_counts(text, key, value):
    got = facts(text)
    assert [(f.key, f.value, f.unit) for f in got] == [(key, Decimal(value), "辆" if key == "vehicles" else "人")]


# --- robustness ----------------------------------------------------------------------

_ALPHABET = "0123456789０１２ .,，。；：%（）()万元辆人名年比较增加减少下降其中基本支出项目人员经费公用三公“”收入合计本年上年预算决算主要原因是持平零二十千总计、收支辆为\n\t"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=120), st.sampled_from([Kind.BUDGET, Kind.FINAL_ACCOUNT, None]))
def test_any_text_gives_well_formed_facts(text, kind):
    printed = "".join(line.text for line in lines(text))
    for fact in facts(text, kind, 2020):
        assert fact.key in FACT_KEYS
        assert fact.unit == fact_unit_of(fact.key, fact.subject)
        assert (fact.subject is not None) == fact.key.startswith("change_")
        assert fact.text and fact.text.replace(" ", "") in printed.replace(" ", "")


def test_no_lines_no_facts():
    assert extract_facts([], Kind.BUDGET, 2020) == []
