"""Lookups by year: name_of, is_valid and name verdicts for the changes the
catalogue records (the 2018 economic reform, the 2019 institutional reform,
2021's 巩固脱贫, the 司法 items printed in 2025/2026 budgets)."""

from __future__ import annotations

import pytest

from cnbudget.normalise.classification import (
    Certainty,
    NameMatch,
    covers,
    entries_for,
    is_valid,
    kind_of_code,
    name_of,
    name_verdict,
    years_in_force,
)


@pytest.mark.parametrize(
    ("code", "year", "name"),
    [
        # 司法: printed in 2025/2026 budgets, flagged before as unknown (issue 11)
        ("2040607", 2025, "公共法律服务"),
        ("2040607", 2026, "公共法律服务"),
        ("2040613", 2025, "信息化建设"),
        ("2040613", 2026, "信息化建设"),
        ("2040613", 2018, "信息化建设"),
        ("2040607", 2018, "法律援助"),  # 广东省财政厅's 2018 notice prints it so
        ("2040610", 2018, "社区矫正"),
        ("2040606", 2018, "律师公证管理"),
        ("2040606", 2019, "律师管理"),
        ("2040612", 2018, "法制建设"),
        ("2040612", 2020, "法治建设"),
        # 210 renamed in 2019
        ("210", 2017, "医疗卫生与计划生育支出"),
        ("210", 2018, "医疗卫生与计划生育支出"),
        ("210", 2019, "卫生健康支出"),
        ("210", 2026, "卫生健康支出"),
        ("21001", 2019, "卫生健康管理事务"),
        # the 2018 institutional reform, in the 2019 科目
        ("207", 2018, "文化体育与传媒支出"),
        ("207", 2019, "文化旅游体育与传媒支出"),
        ("220", 2018, "国土海洋气象等支出"),
        ("220", 2019, "自然资源海洋气象等支出"),
        ("20124", 2018, "宗教事务"),
        ("20125", 2018, "港澳台侨事务"),
        ("20125", 2019, "港澳台事务"),
        ("2013404", 2019, "宗教事务"),
        ("2013204", 2019, "公务员事务"),
        ("2080113", 2020, "政府特殊津贴"),
        ("20706", 2018, "新闻出版广播影视"),
        ("20706", 2019, "新闻出版电影"),
        ("22201", 2018, "粮油事务"),
        ("22201", 2019, "粮油物资事务"),
        # 213 农林水
        ("21301", 2018, "农业"),
        ("21301", 2019, "农业农村"),
        ("21302", 2019, "林业和草原"),
        ("21305", 2020, "扶贫"),
        ("21305", 2021, "巩固脱贫攻坚成果衔接乡村振兴"),
        ("21305", 2024, "巩固脱贫攻坚成果衔接乡村振兴"),
        ("2130153", 2019, "农田建设"),
        ("21306", 2018, "农业综合开发"),
        # 224 from 2019
        ("224", 2019, "灾害防治及应急管理支出"),
        ("22401", 2024, "应急管理事务"),
        # 229/232/233 throughout
        ("229", 2017, "其他支出"),
        ("232", 2017, "债务付息支出"),
        ("233", 2026, "债务发行费用支出"),
        # economic: the 2018 reform
        ("30311", 2017, "住房公积金"),
        ("30113", 2018, "住房公积金"),
        ("310", 2017, "其他资本性支出"),
        ("310", 2018, "资本性支出"),
        ("50201", 2020, "办公经费"),
    ],
)
def test_name_of_by_year(code: str, year: int, name: str) -> None:
    assert name_of(code, year) == name
    assert is_valid(code, year)


@pytest.mark.parametrize(
    ("code", "year"),
    [
        ("224", 2017), ("224", 2018),  # 灾害防治及应急管理支出 from 2019
        ("22401", 2018),
        ("20138", 2018),  # 市场监督管理事务 from 2019
        ("20110", 2019), ("20115", 2019), ("20117", 2019),  # merged in 2019
        ("20124", 2019),  # 宗教事务 moved to 2013404
        ("21010", 2019),
        ("21506", 2019), ("21605", 2019),
        ("22002", 2019), ("22003", 2019), ("22202", 2019),
        ("2080504", 2020),  # 未归口管理的行政单位离退休 merged in 2020
        ("30113", 2017),  # 住房公积金 was 30311 before the 2018 reform
        ("501", 2017),  # 政府预算经济分类 begins in 2018
        ("305", 2018), ("306", 2018),
    ],
)
def test_codes_not_valid_in_a_year(code: str, year: int) -> None:
    assert not is_valid(code, year)
    assert name_of(code, year) is None
    assert entries_for(kind_of_code(code) or "", code), "known in other years"


def test_unknown_codes_and_kinds() -> None:
    assert name_of("2999999", 2024) is None
    assert not is_valid("2999999", 2024)
    assert kind_of_code("2010301") == "functional"
    assert kind_of_code("30101") == "economic_department"
    assert kind_of_code("50101") == "economic_government"
    assert kind_of_code("101") is None and name_of("10101", 2024) is None
    assert kind_of_code("x") is None


def test_years_in_force() -> None:
    assert years_in_force("functional", "224") == (2019, None)
    assert years_in_force("functional", "20110") == (None, 2018)
    assert years_in_force("functional", "210") == (None, None)
    assert years_in_force("functional", "2999999") is None
    assert covers(2017) and covers(2026) and not covers(2016) and not covers(None)


def test_old_and_early_names_are_the_code_of_another_year() -> None:
    # a 2019 document printing the pre-2019 name: a stale name, not a mismatch
    stale = name_verdict("functional", "210", "医疗卫生与计划生育支出", 2019)
    assert stale.match is NameMatch.OTHER_YEAR
    assert stale.entry is not None and stale.entry.valid_to == 2018
    # a 2018 document printing the 2019 name
    early = name_verdict("functional", "2040607", "公共法律服务", 2018)
    assert early.match is NameMatch.OTHER_YEAR and early.entry is not None
    assert early.entry.valid_from == 2019
    assert name_verdict("functional", "2040607", "公共法律服务", 2025).match is NameMatch.EXACT
    assert name_verdict("functional", "2040607", "社区矫正", 2025).match is NameMatch.MISMATCH
    # the printed short form of 21305's name
    assert name_verdict("functional", "21305", "巩固脱贫衔接乡村振兴", 2022).match is NameMatch.EXACT
    assert name_verdict("functional", "21305", "扶贫", 2022).match is NameMatch.OTHER_YEAR


def test_certainty_is_carried() -> None:
    printed = entries_for("functional", "2040613")
    assert printed and all(e.certainty is Certainty.CONFIRMED for e in printed)
    doubtful = entries_for("functional", "22402")
    assert doubtful and all(e.certainty is Certainty.UNCERTAIN and e.note for e in doubtful)
    assert all(not e.certain for e in doubtful)
