"""The catalogue API: name → code, code → entry by year, code/name matching."""

from __future__ import annotations

import pytest

from cnbudget.normalise.classification import (
    ClassificationEntry,
    NameMatch,
    economic_code_for_name,
    economic_entry,
    functional_code_for_name,
    functional_entry,
    match_name,
    names_match,
)

FUNCTIONAL_CATEGORIES = {
    "一般公共服务支出": "201",
    "外交支出": "202",
    "国防支出": "203",
    "公共安全支出": "204",
    "教育支出": "205",
    "科学技术支出": "206",
    "文化旅游体育与传媒支出": "207",
    "文化体育与传媒支出": "207",
    "社会保障和就业支出": "208",
    "社会保险基金支出": "209",
    "卫生健康支出": "210",
    "医疗卫生与计划生育支出": "210",
    "节能环保支出": "211",
    "城乡社区支出": "212",
    "农林水支出": "213",
    "交通运输支出": "214",
    "资源勘探工业信息等支出": "215",
    "资源勘探信息等支出": "215",
    "资源勘探电力信息等支出": "215",
    "商业服务业等支出": "216",
    "商品服务业等支出": "216",
    "金融支出": "217",
    "援助其他地区支出": "219",
    "自然资源海洋气象等支出": "220",
    "国土海洋气象等支出": "220",
    "住房保障支出": "221",
    "粮油物资储备支出": "222",
    "国有资本经营预算支出": "223",
    "灾害防治及应急管理支出": "224",
    "预备费": "227",
    "其他支出": "229",
    "转移性支出": "230",
    "债务还本支出": "231",
    "债务付息支出": "232",
    "债务付息": "232",
    "债务发行费用支出": "233",
    "抗疫特别国债安排的支出": "234",
}


@pytest.mark.parametrize(("name", "code"), sorted(FUNCTIONAL_CATEGORIES.items()))
def test_functional_category_names(name: str, code: str) -> None:
    assert functional_code_for_name(name) == code


@pytest.mark.parametrize(
    ("printed", "code"),
    [
        ("一、一般公共服务支出", "201"),
        ("（十四）资源勘探信息等支出", "215"),
        ("15.资源勘探工业信息等支出", "215"),
        ("十四、资源勘探工业信息 等支出", "215"),  # a cell wrapped mid-name
        ("二十六、抗疫特别国债安 排的支出", "234"),
        ("“卫生健康支出”", "210"),
        ("ＩＩ", None),
        ("行政运行", None),  # a 项 of many 款: ambiguous without its parent
        ("行政运行（政府办公厅（室）及相关机构事务）", "2010301"),
        ("一般行政管理事务(政府办公厅(室)及相关机构事务)", "2010302"),
        ("干部教育", "2050802"),  # a unique 项 name
        ("机关事业单位基本养老保险缴费支出", "2080505"),
        ("某某局机关", None),
    ],
)
def test_functional_names_as_printed(printed: str, code: str | None) -> None:
    assert functional_code_for_name(printed) == code


@pytest.mark.parametrize(
    ("printed", "code"),
    [
        ("工资福利支出", "301"),
        ("工资福利性支出", "301"),  # seed 002's summary table
        ("商品和服务支出", "302"),
        ("商品服务支出", "302"),
        ("对个人和家庭的补助", "303"),
        ("对个人和家庭补助", "303"),
        ("债务利息及费用支出", "307"),
        ("资本性支出（基本建设）", "309"),
        ("资本性支出(基本建设)", "309"),
        ("资本性支出", "310"),
        ("对企业补助（基本建设）", "311"),
        ("对企业补助", "312"),
        ("对社会保障基金补助", "313"),
        ("其他支出", "399"),
        ("基本工资", "30101"),
        ("其中：津贴补贴", "30102"),
        ("奖金", "30103"),
        ("伙食补助费", "30106"),
        ("绩效工资", "30107"),
        ("机关事业单位基本养老保险缴费", "30108"),
        ("职业年金缴费", "30109"),
        ("职工基本医疗保险缴费", "30110"),
        ("城镇职工基本医疗保险缴费", "30110"),
        ("公务员医疗补助缴费", "30111"),
        ("其他社会保障缴费", "30112"),
        ("住房公积金", "30113"),  # 30311 before the 2018 reform
        ("医疗费", "30114"),
        ("其他工资福利支出", "30199"),
        ("办公费", "30201"),
        ("因公出国（境）费用", "30212"),
        ("维修（护）费", "30213"),
        ("公务接待费", "30217"),
        ("公务用车运行维护费", "30231"),
        ("其他交通费用", "30239"),
        ("税金及附加费用", "30240"),
        ("其他商品和服务支出", "30299"),
        ("离休费", "30301"),
        ("退休费", "30302"),
        ("医疗费补助", "30307"),
        ("奖励金", "30309"),
        ("其他对个人和家庭的补助", "30399"),
        ("办公设备购置", None),  # 30902 and 31002: ambiguous without its 类
        ("专用设备购置", None),
        ("其他资本性支出", "31099"),
        ("其他基本建设支出", "30999"),
    ],
)
def test_economic_department_names(printed: str, code: str | None) -> None:
    assert economic_code_for_name(printed) == code


def test_names_that_moved_resolve_by_year() -> None:
    assert economic_code_for_name("住房公积金", 2017) == "30311"
    assert economic_code_for_name("住房公积金", 2020) == "30113"
    assert economic_code_for_name("医疗费", 2017) == "30307"
    assert economic_code_for_name("医疗费", 2019) == "30114"
    # A template lagging behind a renaming still resolves.
    assert functional_code_for_name("资源勘探信息等支出", 2020) == "215"


@pytest.mark.parametrize(
    ("printed", "code"),
    [
        ("机关工资福利支出", "501"),
        ("工资奖金津补贴", "50101"),
        ("机关商品和服务支出", "502"),
        ("办公经费", "50201"),
        ("机关资本性支出（一）", "503"),
        ("机关资本性支出（二）", "504"),
        ("对事业单位经常性补助", "505"),
        ("对事业单位资本性补助", "506"),
        ("对个人和家庭的补助", "509"),
    ],
)
def test_economic_government_names(printed: str, code: str) -> None:
    assert economic_code_for_name(printed, kind="government") == code


def test_entries_by_year() -> None:
    old = functional_entry("207", 2017)
    new = functional_entry("207", 2019)
    assert isinstance(old, ClassificationEntry) and isinstance(new, ClassificationEntry)
    assert (old.name, new.name) == ("文化体育与传媒支出", "文化旅游体育与传媒支出")
    assert functional_entry("207").name == "文化旅游体育与传媒支出"  # latest without a year
    assert functional_entry("224", 2017) is None  # created in 2019
    assert functional_entry("224", 2019).name == "灾害防治及应急管理支出"
    assert functional_entry("2080504", 2019).name == "未归口管理的行政单位离退休"
    assert functional_entry("2080504", 2021) is None
    entry = functional_entry("2010301", 2024)
    assert (entry.code, entry.name, entry.level, entry.kind) == ("2010301", "行政运行", 3, "functional")
    assert entry.source
    assert functional_entry("201 03 01", 2024) == entry
    assert functional_entry("9999999") is None
    assert economic_entry("30311", 2017).name == "住房公积金"
    assert economic_entry("30311", 2017).valid_to == 2017
    assert economic_entry("30113", 2017) is None
    assert economic_entry("30113", 2018).name == "住房公积金"
    assert economic_entry("50201", kind="government").name == "办公经费"
    assert economic_entry("50201") is None  # not a 部门 code


@pytest.mark.parametrize(
    ("kind", "code", "printed", "year", "expected"),
    [
        ("functional", "2010301", "行政运行", 2024, True),
        ("functional", "2010301", "住房公积金", 2024, False),
        ("functional", "2010301", "行政运行（政府办公厅（室）及相关机构事务）", 2021, True),
        ("functional", "2010301", "行政运行（人大事务）", 2021, False),  # wrong parent
        ("functional", "2010301", "行政运行(政府办公厅(室)及相关机构事务)", None, True),
        ("functional", "2101101", "行政单位医疗", 2020, True),
        ("functional", "2101101", "事业单位医疗", 2020, False),
        ("functional", "2210201", "住房公积金", 2020, True),
        ("functional", "2210201", "提租补贴", 2020, False),
        ("functional", "207", "文化体育与传媒支出", 2021, True),  # the pre-2019 name
        ("functional", "215", "资源勘探信息等支出", 2020, True),
        ("functional", "20103", "政府办公厅(室)及", 2024, True),  # cut by a narrow cell
        ("functional", "2150516", "工程建设及运行维", 2024, True),
        ("functional", "20805", "行政事业单位养老 支出", 2024, True),
        ("functional", "201", "一般公共服务", 2024, True),
        ("functional", "201", "一般", 2024, False),  # too short to be a truncation
        ("functional", "2010350", "事业运行", 2020, True),
        ("functional", "2010350", "一般行政管理事务", 2020, False),
        ("functional", "2150502", "一般行政管理事务", 2020, True),
        ("functional", "9999999", "行政运行", 2020, None),
        ("economic", "30231", "公务用车运行维护费", 2020, True),
        ("economic", "30231", "公务用车运行维修费", 2020, True),  # one-character slip
        ("economic", "30231", "公务接待费", 2020, False),
        ("economic", "30113", "住房公积金", 2020, True),
        ("economic", "30110", "城镇职工基本医疗保险缴费", 2020, True),
        ("economic", "30213", "维修(护)费", 2020, True),
        ("economic", "50201", "办公经费", 2021, True),  # 5xx is 政府 by its code
        ("economic", "50201", "办公费", 2021, False),
        ("economic_government", "50501", "工资福利支出", 2021, True),
        ("department", "30101", "基本工资", 2021, True),
        ("department", "30101", "津贴补贴", 2021, False),
        # One character apart but each a real name: a genuine mismatch, not a slip.
        ("economic", "30218", "专用燃料费", 2021, False),
        ("economic", "30218", "专用材料费", 2021, True),
        ("functional", "2050302", "初等职业教育", 2021, False),
        ("functional", "2080504", "归口管理的行政单位离退休", 2018, False),
        ("economic", "50801", "对企业资本性支出（二）", 2021, False),
        ("economic", "309", "资本性支出", 2021, False),  # 310's name, not a cut of 309's
    ],
)
def test_names_match(kind: str, code: str, printed: str, year: int | None, expected: bool | None) -> None:
    assert names_match(kind, code, printed, year) is expected


def test_match_name_says_how() -> None:
    assert match_name("functional", "207", "文化旅游体育与传媒支出", 2020) is NameMatch.EXACT
    assert match_name("functional", "207", "文化体育与传媒支出", 2020) is NameMatch.OTHER_YEAR
    assert match_name("functional", "207", "文化体育与传媒支出", 2017) is NameMatch.EXACT
    assert match_name("functional", "2150516", "工程建设及运行维", 2024) is NameMatch.TRUNCATED
    assert match_name("economic", "30231", "公务用车运行维修费") is NameMatch.CLOSE
    assert match_name("economic", "30231", "公务接待费") is NameMatch.MISMATCH
    assert match_name("functional", "2999999", "x") is NameMatch.UNKNOWN_CODE


def test_width_forms_and_spacing_do_not_break_matching() -> None:
    assert names_match("functional", "２０１０３０１", "行政　运行", 2024) is True
    assert names_match("economic", "30212", "因公出国(境)费用", 2024) is True
    assert names_match("economic", "30212", "因公出国（境）费用", 2024) is True
    assert functional_code_for_name("一、一般公共服务支出 ") == "201"
    assert economic_code_for_name("（三）对个人和家庭的补助") == "303"


def test_the_economic_kind_follows_the_code() -> None:
    assert economic_entry("50101", kind="economic").kind == "economic_government"
    assert economic_entry("30101", kind="economic").kind == "economic_department"


def test_unknown_kind_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown classification kind"):
        names_match("revenue", "101", "税收收入")
