from __future__ import annotations

import pytest

from cnbudget.normalise.names import edit_distance, name_key, split_parent_suffix, strip_numbering
from cnbudget.normalise.text import fold


@pytest.mark.parametrize(
    "printed",
    [
        "一、一般公共服务支出",
        "（一）一般公共服务支出",
        "(一)一般公共服务支出",
        "1.一般公共服务支出",
        "1、一般公共服务支出",
        "十九、一般公共服务支出",
        "一般公共服务支出",
        "一般公共服务",
        "  一般 公共服务 支出 ",
        "“一般公共服务支出”",
        "其中：一般公共服务支出",
    ],
)
def test_name_key_ignores_numbering_spacing_quotes_and_trailing_spending(printed: str) -> None:
    assert name_key(printed) == name_key("一般公共服务支出")


def test_name_key_keeps_what_distinguishes_names() -> None:
    assert name_key("行政单位医疗") != name_key("事业单位医疗")
    assert name_key("资本性支出（基本建设）") != name_key("资本性支出")
    assert name_key("维修（护）费") == name_key("维修(护)费")
    assert name_key("硃口区") == name_key("硚口区")


def test_strip_numbering_leaves_names_without_numbers_alone() -> None:
    assert strip_numbering(fold("十三五规划")) == "十三五规划"
    assert strip_numbering(fold("二十六、抗疫特别国债安排的支出")) == "抗疫特别国债安排的支出"


def test_split_parent_suffix() -> None:
    assert split_parent_suffix("行政运行（政府办公厅（室）及相关机构事务）") == (
        "行政运行",
        "政府办公厅(室)及相关机构事务",
    )
    assert split_parent_suffix("维修（护）费") is None
    assert split_parent_suffix("（一）行政运行") is None
    assert split_parent_suffix("资本性支出（基本建设）") == ("资本性支出", "基本建设")


def test_edit_distance() -> None:
    assert edit_distance("公务用车运行维护费", "公务用车运行维护费") == 0
    assert edit_distance("公务用车运行维护费", "公务用车运行维修费") == 1
    assert edit_distance("行政单位医疗", "事业单位医疗") == 2
    assert edit_distance("abc", "abcdefgh", limit=2) == 3
