from __future__ import annotations

from collections import Counter

import pytest

import cnbudget.ingest.text  # noqa: F401  (registers the text reader)
from cnbudget.ingest.layout import Cell, Delimiter, Line
from cnbudget.ingest.readers import read_source
from cnbudget.model.table_types import STANDARD_TYPES
from cnbudget.recognise.segment import segment
from cnbudget.recognise.titles import title_type
from tests.conftest import seed


@pytest.mark.parametrize(("title", "kind"), [
    ("公开 01 表 收入支出决算总表", "summary"),
    ("附件 3 郑州市大数据管理局部门支出总体情况表", "expenditure"),
    ("表五 一般公共预算支出预算表", "general_public"),
    ("一般公共预算财政拨款基本支出决算明细表", "general_public_basic"),
    ("财政拨款收入支出决算总表", "fiscal_summary"),
    ("政府性基金预算财政拨款收入支出决算表", "gov_fund"),
    ("部门预算政府基金预算财政拨款支出表", "gov_fund"),
    ("财政拨款\"三公\"经费支出决算表", "three_public"),
    ("市级部门预算项目绩效自评表", "performance_evaluation"),
    ("1.电子政务外网IPv6升级改造资金绩效目标表", "performance_target"),
    ("收入预算总表", "income"),
    ("部门机构设置情况表", "other"),
])
def test_titles_name_their_type(title, kind):
    assert title_type(title) == kind


@pytest.mark.parametrize("text", [
    "收支预算总表支出栏、基本支出表、项目支出表按经济分类和支出功能分类科目编制，反映总体情况。",
    "注：本表反映部门本年度取得的各项收入情况。",
    "一、部门职责及机构设置情况",
])
def test_sentences_and_headings_are_not_titles(text):
    assert title_type(text) is None


def _types(prefix: str) -> Counter[str]:
    seg = segment(read_source(seed(prefix)).layout.lines)
    return Counter(b.type for b in seg.blocks)


@pytest.mark.parametrize(("prefix", "standard", "targets", "evaluations"), [
    ("000", 9, 4, 0),
    ("001", 9, 0, 10),
    ("002", 8, 2, 0),
    ("003", 9, 7, 0),
    ("004", 0, 17, 0),
])
def test_seed_blocks(prefix, standard, targets, evaluations):
    types = _types(prefix)
    assert sum(types[t] for t in STANDARD_TYPES) + types["fiscal_expenditure"] >= standard
    assert types["performance_target"] == targets
    assert types["performance_evaluation"] == evaluations
    # a table of contents lists the tables but never makes a block of its own
    assert all(n <= 2 for t, n in types.items() if t in STANDARD_TYPES)


def test_table_of_contents_entries_are_rejected():
    lines = [Line((Cell(t),), number=i + 1) for i, t in enumerate(
        ["目录", "一、收支预算总表", "二、收入预算总表", "三、支出预算总表"])]
    assert segment(lines).blocks == []


def test_untitled_table_under_a_heading_is_kept():
    texts = ["六、政府采购预算情况", "具体内容见下表。", "项目\t品目\t金额", "甲\t乙\t1.00", "丙\t丁\t2.00",
             "七、其他"]
    lines = [Line(tuple(Cell(c) for c in t.split("\t")), number=i + 1,
                  delimiter=Delimiter.TAB if "\t" in t else Delimiter.NONE)
             for i, t in enumerate(texts)]
    (block,) = segment(lines).blocks
    assert block.type == "procurement"
    assert [ln.number for ln in block.lines] == [3, 4, 5]
