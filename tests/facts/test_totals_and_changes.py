"""Grand totals, changes of nothing (持平, 零增长), changes of counts and amounts
in Chinese numerals: generated sentences modelled on, and real sentences from,
the seeds and the Jiangsu PDFs."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cnbudget.model.document import Kind

from .test_sentences import facts, pairs

WAN = Decimal(10000)


# --- grand totals (收支 together) --------------------------------------------------

@pytest.mark.parametrize(("text", "kind", "year", "figure"), [
    # seed 001 (final account, 2024)
    ("本部门 2024 年度收、支总计(含结转和结余)均为 37,837.39 万元。", Kind.FINAL_ACCOUNT, 2024, "37837.39"),
    # Jiangsu 2017 检察院 and 2019 政协 wordings
    ("2017年度收入、支出预算总计17996.68万元，与上年相比收、支预算总计各增加 1463.8万元。", Kind.BUDGET, 2017,
     "17996.68"),
    ("江苏省政协办公厅2019年度收入、支出预算总计13,377.11万元。", Kind.BUDGET, 2019, "13377.11"),
    # seeds 000, 002, 004
    ("2020年部门预算收支安排 4097.11万元，较 2019年增加 2589.55万元。", Kind.BUDGET, 2020, "4097.11"),
    ("2020 年部门收支总预算 604.4 万元。", Kind.BUDGET, 2020, "604.4"),
    ("本部门2023年收支总计均为 88.50 万元。", Kind.BUDGET, 2023, "88.50"),
])
def test_grand_total(text, kind, year, figure):
    got = {f.key: f for f in facts(text, kind, year)}
    assert got["grand_total"].value == Decimal(figure) * WAN
    assert got["grand_total"].subject is None and got["grand_total"].unit == "元"
    assert figure.replace("13377", "13,377").replace("37837", "37,837") in got["grand_total"].text
    assert "income_total" not in got and "expenditure_total" not in got


def test_the_change_after_a_grand_total_is_of_it():
    text = "本部门 2024 年度收、支总计均为 100.00 万元。与 2023 年度决算相比,收支各减少 25.00 万元,下降 20.0%。"
    assert pairs(text, Kind.FINAL_ACCOUNT, 2024) == {
        ("grand_total", None, Decimal(100) * WAN),
        ("change_amount", "grand_total", Decimal(-25) * WAN),
        ("change_pct", "grand_total", Decimal("-20.0")),
    }


@pytest.mark.parametrize("text", [
    # appropriations only (seed 001 line 435): not the department's totals
    "本部门 2024 年度财政拨款收、支总计(含结转和结余)均 37,837.39 万元。",
    "江苏省政协办公厅2019年度财政拨款收、支预算13,297.11万元。",
    # another year's grand total
    "2023年收、支总计均为 90.00 万元。",
])
def test_not_the_grand_total(text):
    assert not any(f.key == "grand_total" for f in facts(text, Kind.FINAL_ACCOUNT, 2024))


def test_separate_totals_stay_income_and_expenditure():
    """收入总计 X、支出总计 Y names each side; a balanced document prints X = Y, an
    unbalanced one must keep both figures apart for the audit to see it."""
    text = "2021 年收入预算总计 9653.46 万元，支出预算总计 9653.00 万元。"
    assert pairs(text, Kind.BUDGET, 2021) == {
        ("income_total", None, Decimal("9653.46") * WAN),
        ("expenditure_total", None, Decimal("9653.00") * WAN),
    }


# --- no change: 持平, 零增长 -----------------------------------------------------------

@pytest.mark.parametrize(("text", "subject", "quote_start"), [
    # Jiangsu 人大 2017: the comparison in a sentence of its own
    ("项目支出预算数为5853.96万元。与上年持平。", "project", "项目支出预算数"),
    ("1．因公出国（境）费预算支出222.5万元，与上年预算数持平。", "outbound", "因公出国"),
    # Jiangsu 人大 2018
    ("3．公务接待费预算支出427.5万元，与上年度持平。", "reception", "公务接待费"),
    ("（2）公务用车运行维护费预算支出183.6万元，与上年度持平。", "vehicle_operation", "公务用车运行维护费"),
    ("“三公”经费预算支出12.00万元，与上年相比持平。", "three_public_total", "“三公”经费"),
    # Jiangsu 法院 2017
    ("1．因公出国（境）费预算支出180万元，本年数与上年数持平，零增长。", "outbound", "因公出国"),
])
def test_level_with_last_year_is_a_change_of_zero(text, subject, quote_start):
    got = facts(text, Kind.BUDGET, 2018)
    changes = [f for f in got if f.key == "change_amount"]
    assert [(f.subject, f.value) for f in changes] == [(subject, Decimal(0))]
    assert changes[0].text.startswith(quote_start) and changes[0].text.endswith("持平")
    assert changes[0].unit == "元" and changes[0].printed_unit is None


def test_zero_growth_is_a_rate_of_zero():
    text = "（2）公务用车运行维护费预算支出304.4万元，本年数与上年数持平，零增长。"
    assert pairs(text, Kind.BUDGET, 2017) == {
        ("vehicle_operation", None, Decimal("304.4") * WAN),
        ("change_amount", "vehicle_operation", Decimal(0)),
        ("change_pct", "vehicle_operation", Decimal(0)),
    }


@pytest.mark.parametrize("text", [
    # a quantity the contract has no key for (会议费, a 项 of the classification)
    "安排的会议费预算支出1305.25万元，与上年度持平。",
    "3.人大事务（款）人大会议（项）支出1305.25万元，与上年相比持平。",
    # level with the budget, not with last year
    "公务接待费支出决算 0.11 万元，与预算持平。",
    # inside an explanation
    "公务接待费预算支出 5 万元，主要原因是接待任务与上年持平。",
    # a 持平 naming nothing before it
    "与上年持平。",
])
def test_level_without_a_keyed_quantity_or_last_year_is_nothing(text):
    assert not any(f.key.startswith("change_") for f in facts(text, Kind.BUDGET, 2018))


# --- changes of counts ----------------------------------------------------------------

@pytest.mark.parametrize(("text", "subject", "value", "unit"), [
    # seed 001 line 502
    ("截至 2024 年 12 月 31 日,本部门共有车辆 1 辆,比上年增加 0 辆,车辆为应急保障用车。", "vehicles", 0, "辆"),
    ("本部门公务用车保有量比上年减少2辆。", "vehicles", -2, "辆"),
    ("在职人数比上年增加3人。", "staff", 3, "人"),
    ("本部门实有在职人员120人，较上年减少五人。", "staff", -5, "人"),
])
def test_count_changes(text, subject, value, unit):
    got = [f for f in facts(text, Kind.FINAL_ACCOUNT, 2024) if f.key == "change_count"]
    assert [(f.subject, f.value, f.unit) for f in got] == [(subject, Decimal(value), unit)]
    assert got[0].printed_unit is None


@pytest.mark.parametrize("text", [
    # one kind of vehicle; no comparison; an explanation (seed 000 line 708); a count of another unit
    "一般公务用车比上年减少1辆。",
    "本部门共有车辆 3 辆，减少2辆。",
    "“三公”经费与上年增加 3.36万元，主要原因是 2019年我部门人员增加 26名。",
    "本部门共有车辆 3 辆，比上年增加 2 人。",
])
def test_not_a_count_change(text):
    assert not any(f.key == "change_count" for f in facts(text, Kind.BUDGET, 2020))


# --- amounts in Chinese numerals, and zeros without a unit ---------------------------

@pytest.mark.parametrize(("text", "key", "value", "printed_unit"), [
    ("因公出国（境）费零元。", "outbound", Decimal(0), "元"),
    ("公务接待费二十万元。", "reception", Decimal(200000), "万元"),
    ("公务接待费预算一百零五万元。", "reception", Decimal(1050000), "万元"),
    ("公务用车运行维护费三千元。", "vehicle_operation", Decimal(3000), "元"),
    # Jiangsu 人大 2017: 公务用车购置 without 费, a zero without a unit
    ("(1)公务用车购置为0，与上年持平。", "vehicle_purchase", Decimal(0), None),
    ("本部门“三公”经费为零。", "three_public_total", Decimal(0), None),
])
def test_chinese_numerals_and_bare_zeros(text, key, value, printed_unit):
    got = {f.key: f for f in facts(text, Kind.BUDGET, 2017)}
    assert got[key].value == value and got[key].unit == "元"
    assert got[key].printed_unit == printed_unit


def test_the_real_bare_zero_sentence_also_gives_its_change():
    assert pairs("(1)公务用车购置为0，与上年持平。", Kind.BUDGET, 2017) == {
        ("vehicle_purchase", None, Decimal(0)),
        ("change_amount", "vehicle_purchase", Decimal(0)),
    }


@pytest.mark.parametrize("text", [
    "七、政府性基金支出预算表情况说明\n本表数为零。",  # Jiangsu 政协 2017: a table, no quantity
    "单位价值一百万元以上设备0台（套）。",
    "统一元数据管理平台建设。",
    "公务用车购置量 0 辆。",  # a count of purchases, not the purchase cost
    "购置费含车辆购置税为 0。",
])
def test_not_chinese_numeral_facts(text):
    assert facts(text, Kind.BUDGET, 2017) == []


@pytest.mark.parametrize("restated", [
    # Jiangsu 2017 省法院, page 24: the headline change, then one on last year's basis restated
    "按与上年统计口径一致相比，本年比上年减少 161.96 万元，下降了 4.39%，主要原因为在编人员减少。",
    "同口径相比，比上年减少 161.96 万元，下降 4.39%。",
    "剔除人员调整因素后，与上年相比减少 161.96 万元，下降 4.39%。",
])
def test_a_change_on_a_restated_basis_is_not_the_headline_change(restated):
    text = ("2017 年本部门一般公共预算机关运行经费预算支出 9193.40 万元，比 2016 年增加 5503.07 万元，"
            f"增长 149.12%，主要原因是本年统计口径与上年不一致。{restated}")
    got = pairs(text, Kind.BUDGET, 2017)
    assert ("change_amount", "operating_cost", Decimal("5503.07") * WAN) in got
    assert ("change_pct", "operating_cost", Decimal("149.12")) in got
    assert not any(f[2] in (Decimal("-161.96") * WAN, Decimal("-4.39")) for f in got), got
