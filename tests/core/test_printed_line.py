"""The vocabulary of the printed line (normalise/printed.py, recognise/lines.py):
one definition each, tried on the forms documents print."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cnbudget.ingest.layout import Cell, Delimiter, Line
from cnbudget.normalise.amounts import is_number, is_number_piece
from cnbudget.normalise.printed import (
    NAME_MARKS,
    SLOT_MARKS,
    is_note,
    is_page_mark,
    says_empty,
    unit_in,
)
from cnbudget.recognise.lines import (
    is_coded_furniture,
    is_column_numbers,
    is_furniture,
    is_remark,
    label_key,
)


def _line(*texts: str, page: int | None = None) -> Line:
    return Line(tuple(Cell(t) for t in texts), page=page, delimiter=Delimiter.TAB)


@pytest.mark.parametrize("text", ["- 3 -", "— 12 —", "–7–", "第 3 页", "第3页 共10页", "第3页/共10页", "共 10 页", "3/10",
                                  "－ 5 －"])
def test_decorated_page_marks(text: str) -> None:
    assert is_page_mark(text) and is_page_mark(text, bare=False)


@given(st.integers(min_value=1, max_value=999))
def test_a_bare_number_is_a_page_mark_only_where_it_cannot_be_a_cell(n: int) -> None:
    assert is_page_mark(str(n))
    assert not is_page_mark(str(n), bare=False)


@pytest.mark.parametrize("text", ["2024", "12.50", "第三部分", "第3页的表格说明如下", "1 2 3", "3、", "合计 12"])
def test_not_page_marks(text: str) -> None:
    assert not is_page_mark(text)


@pytest.mark.parametrize("text", ["注：本表无数据", "注1：说明", "备注：", "说明: 见下", "注 ：空表", "注１．如下"])
def test_note_lines(text: str) -> None:
    assert is_note(text)


@pytest.mark.parametrize("text", ["注册资本", "说明书印刷费", "备注栏", "一般公共预算"])
def test_not_note_lines(text: str) -> None:
    assert not is_note(text)


def test_remarks_are_wider_than_notes_for_coded_tables() -> None:
    assert is_remark("本部门2024年无政府性基金预算支出。") and not is_note("本部门2024年无政府性基金预算支出。")
    assert is_remark("注：本表空表")
    assert not is_remark("2010301 行政运行 389.50")


@pytest.mark.parametrize("text", ["本部门无政府性基金预算收入，本表为空表", "空表", "无相关数据", "本单位不涉及",
                                  "本部门2024年没有使用国有资本经营预算拨款安排的支出，故本表无数据"])
def test_empty_notes(text: str) -> None:
    assert says_empty(text)


def test_not_an_empty_note() -> None:
    assert not says_empty("注：本表反映部门本年度一般公共预算支出。") and not says_empty(None)


@pytest.mark.parametrize(("text", "unit"), [("单位：万元", "万元"), ("金额单位:元", "元"), ("单位 千元", "千元"),
                                            ("302 某局 单位：万元", "万元"), ("支出合计", None)])
def test_unit_lines(text: str, unit: str | None) -> None:
    assert unit_in(text) == unit


@given(st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_every_printed_amount_is_a_number_and_a_number_piece(value: object) -> None:
    text = f"{value:,.2f}"
    assert is_number(text) and is_number_piece(text)
    assert is_number(text.replace(",", "")) and is_number_piece(text.replace(",", ""))


@pytest.mark.parametrize("text", ["-", "——", "12%", "604.", "37,83"])
def test_number_pieces(text: str) -> None:
    assert is_number_piece(text)


def test_the_two_number_tests_differ_only_where_their_contexts_do() -> None:
    assert is_number("(12.00)") and not is_number_piece("(12.00)")  # (1) numbers a row in split text
    assert not is_number("604.") or is_number_piece("604.")
    for word in ("合计", "行政运行", "", "   ", "2010301行政运行"):
        assert not is_number(word) and not is_number_piece(word)


@pytest.mark.parametrize("texts", [("栏次", "1", "2", "3"), ("1", "2", "3", "4"), ("栏次", "甲", "1", "2"),
                                   ("1", "2", "1", "2"), ("行次", "1", "栏次", "1"), ("5", "6", "7"), ("1", "2"),
                                   ("栏次",)])
def test_column_number_rows(texts: tuple[str, ...]) -> None:
    assert is_column_numbers(texts)


@pytest.mark.parametrize("texts", [("1",), ("3", "5"), ("项目", "行次", "金额"), ("201", "行政运行", "1"),
                                   ("1", "2", "4"), ("2", "3")])
def test_not_column_number_rows(texts: tuple[str, ...]) -> None:
    assert not is_column_numbers(texts)


def test_furniture() -> None:
    title = "2024年部门收支总表"
    for line in (_line("- 3 -"), _line("单位：万元"), _line("公开01表"), _line(title), _line("(2024年度)"),
                 _line("302 某局", "单位：万元"), _line("")):
        assert is_furniture(line, title)
    assert is_furniture(_line("7", page=7)) and not is_furniture(_line("7", page=8))
    for line in (_line("合计", "12.00"), _line("一般公共预算拨款", "3.00"), _line("7")):
        assert not is_furniture(line, title)


def test_coded_furniture_is_wider_where_every_row_prints_an_amount() -> None:
    title = "一般公共预算支出表"
    assert is_coded_furniture(_line("7"), title) and not is_furniture(_line("7"), title)
    assert is_coded_furniture(_line("某局2024年度"), title)
    assert is_coded_furniture(_line("某局" + title + "（续）"), title)
    assert not is_coded_furniture(_line("2010301", "行政运行", "389.50"), title)
    assert not is_coded_furniture(_line("年度考核奖", "12.00"), title)


@given(st.sampled_from(["一、", "（一）", "1、", "(2)", "其中：", ""]), st.sampled_from(["基本支出", "财政拨款收入"]))
def test_label_key_drops_numbering(numbering: str, label: str) -> None:
    assert label_key(numbering + label) == label_key(label) == label


def test_placeholder_marks() -> None:
    slot = re.compile("|".join(SLOT_MARKS))
    running = re.compile("|".join(NAME_MARKS))
    assert slot.search("XX局") and running.search("XX局") and running.search("某某单位")
    assert slot.search("____单位") and not running.search("**重点**") and not running.search("xx.gov.cn")
