"""A per-project form's own grids (硚口 表十 项目申报表) and the unit of its
figures; rows of an other-table named by their naming column."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import pytest

from cnbudget.model import Document, ProblemSeverity, Table
from cnbudget.pipeline import extract_bytes
from cnbudget.render import render_document

from .blocks_from_seeds import SEEDS

PROJECT = "互联网+信息化建设项目"
FORM = "硚口区部门预算项目支出(绩效目标)申报表"
STATED = "2020 年预算 3,970,000 元"


def _seed_text() -> str:
    matches = sorted(SEEDS.glob("002_*.txt"))
    if not matches:
        pytest.skip(f"seed 002 is absent from {SEEDS}: the real documents live in ../shared")
    return matches[0].read_text(encoding="utf-8")


@cache
def _extract(text: str) -> Document:
    return extract_bytes(text.encode("utf-8"), "002.txt", audit=False)


def _seed() -> Document:
    return _extract(_seed_text())


def _about(doc: Document, title: str) -> Table:
    (table,) = [t for t in doc.tables if t.title == title and t.subject == PROJECT]
    return table


def test_a_form_printing_wan_over_yuan_figures_is_read_in_yuan_by_its_own_statement() -> None:
    doc = _seed()
    form = _about(doc, FORM)
    # the form's cell 项目当年预算 3970000.00 is the 3,970,000 元 its text states
    assert form.rows[0].values["budget"] == Decimal("3970000.00")
    assert (form.unit, form.figures_unit) == ("万元", "元")
    (recovered,) = [p for p in doc.problems if dict(p.params).get("title") == FORM]
    assert recovered.severity is ProblemSeverity.RECOVERED and recovered.code == "table.figures-unit"
    assert "3,970,000 元" in recovered.message and dict(recovered.params)["printed"] == "万元"
    # nothing is lost on the form (the 部门整体 form's 收入构成 grid still is: issue 10)
    assert not [p for p in doc.problems if dict(p.params).get("title") == FORM and p.severity.value == "partial"]


def test_without_the_statement_the_document_total_shows_the_unit() -> None:
    text = _seed_text()
    assert STATED in text
    doc = _extract(text.replace(STATED, "2020 年预算另列"))
    form = _about(doc, FORM)
    assert form.rows[0].values["budget"] == Decimal("3970000")
    detail = _about(doc, "项目支出明细测算")
    assert (detail.unit, detail.figures_unit) == ("万元", "元") and detail.rows[0].values["extra:金额"] == Decimal("50000")
    (recovered,) = [p for p in doc.problems if dict(p.params).get("title") == FORM]
    assert recovered.severity is ProblemSeverity.RECOVERED and recovered.code == "table.figures-unit"
    assert "部门支出总额" in recovered.message


def test_the_form_grids_are_tables_about_the_project() -> None:
    doc = _seed()
    budget = _about(doc, FORM).rows[0].values["budget"]
    detail = _about(doc, "项目支出明细测算")
    assert detail.type == "other"
    assert [r.name for r in detail.rows] == ["邮电费", "租赁费", "委托业务费", "办公设备购置"]
    # the breakdown adds up to the project's budget
    assert sum(r.values["extra:金额"] for r in detail.rows) == budget
    commissioned = detail.rows[2].texts["extra:测算依据及说明"]
    # the cell wrapped over two lines is one cell; a space the source wrapped at is gone
    assert commissioned.startswith("1、社会综合管理") and "10、“智慧平安小区”" in commissioned
    assert "持续性项目）（5、用于支付机房环境监控" in detail.rows[2].texts["extra:备注"]
    assert set(detail.rows[3].texts) == {"extra:测算依据及说明"}  # its 备注 is printed empty

    purchases = _about(doc, "项目采购")
    assert purchases.type == "procurement"
    assert [r.values["quantity"] for r in purchases.rows] == [3, 4, 18, 1, 1]
    assert sum(r.values["amount"] for r in purchases.rows) == budget
    assert purchases.rows[2].texts["item_name"] == "家具用具"

    sources = _about(doc, "项目资金来源")
    assert sources.type == "other"
    assert sources.rows[0].name == "1. 财政拨款收入" and sources.rows[0].values["extra:金额"] == budget
    assert [r.name for r in sources.rows][-1] == "其中：使用上年度财政拨款结余结转"
    assert len(sources.rows) == 10  # the rows after the page break (two cells fewer) too


@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_the_grids_read_back_as_the_project_s(fmt: str, tmp_path) -> None:
    doc = _seed()
    from cnbudget.pipeline import extract

    back = extract(render_document(doc, fmt, tmp_path / f"002.{fmt}"), audit=False)
    for title in ("项目资金来源", "项目支出明细测算", "项目采购"):
        want, got = _about(doc, title), _about(back, title)
        # written in the unit its figures are in, so read back with no mislabel to repair
        assert (got.type, got.unit, got.figures_unit) == (want.type, want.figures_unit, None)
        assert [(r.name, r.values, r.texts) for r in got.rows] == [(r.name, r.values, r.texts) for r in want.rows]


def test_a_wan_form_whose_stated_yuan_is_another_figure_keeps_its_unit() -> None:
    text = f"""{FORM}
项目名称：{PROJECT}
单位:万元
项目申报表
项目名称\t{PROJECT}
项目总预算\t1191.00\t项目当年预算\t397.00
2020 年变动说明\t{STATED}
"""
    doc = extract_bytes(text.encode("utf-8"), "form.txt", audit=False)
    (form,) = doc.tables_of("performance_target")
    # 397.00 万元 is the 3,970,000 元 stated: the printed unit is right
    assert form.unit == "万元" and form.rows[0].values["budget"] == Decimal("3970000")
    assert not doc.problems


UNITS = """二、机构设置
序-\t号\t单位名称\t单位基本性质\t经费形式
1\t\t石家庄市数据局(本级)\t行政单位\t财政拨款
2\t,\t石家庄市电子政务中心\t参公事业单位\t财政性资金基本保证
"""


def test_an_other_row_is_named_by_its_naming_column() -> None:
    doc = extract_bytes(UNITS.encode("utf-8"), "units.txt", audit=False, disclosures_only=False)
    (table,) = doc.tables_of("other")
    assert [r.name for r in table.rows] == ["石家庄市数据局(本级)", "石家庄市电子政务中心"]
    second = table.rows[1]
    assert second.texts == {"extra:号": ",", "extra:单位基本性质": "参公事业单位", "extra:经费形式": "财政性资金基本保证"}
    assert [r.values["extra:序-"] for r in table.rows] == [1, 2]


def test_without_a_naming_column_the_first_text_cell_names_the_row() -> None:
    text = """项目支出明细测算
单位：元
经济科目\t金额\t测算依据及说明
邮电费\t50000.00\t短信服务费
"""
    doc = extract_bytes(text.encode("utf-8"), "detail.txt", audit=False, disclosures_only=False)
    (table,) = doc.tables_of("other")
    assert table.title == "项目支出明细测算" and table.subject is None
    assert table.rows[0].name == "邮电费"
    assert table.rows[0].texts == {"extra:测算依据及说明": "短信服务费"}
