"""A 项目申报表's own label | value fields (硚口 表十): 项目基本信息, its 前两年
grid and its 项目绩效总目标, kept as tables about the project; expectations
are read off the seed's printed text, not off the parser."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from cnbudget.pipeline import extract
from cnbudget.recognise.tables.project_form import FIELDS_TITLE, GOAL_HEADING, HISTORY_TITLE
from cnbudget.render import render_document

from .test_itemised_project_form import FORM, PROJECT, _about, _seed, _seed_text

TEXT_LABELS = ("项目主管部门", "项目执行单位", "项目负责人", "联系电话", "单位地址", "邮政编码", "项目类型")


def _printed_after(label: str) -> str:
    """The cell printed after a label on a tab-separated line of the 项目申报表
    (the 部门整体 form above it prints a 联系电话 of its own)."""
    form = _seed_text()[_seed_text().index("项目申报表"):]
    m = re.search(rf"(?m)^(?:.*\t)?{re.escape(label)}\t([^\t\n]*)", form)
    assert m, label
    return m.group(1).strip()


def test_the_form_s_text_fields_are_rows_named_by_their_label() -> None:
    fields = _about(_seed(), FIELDS_TITLE)
    assert fields.type == "other"
    by_name = {r.name: r for r in fields.rows}
    for label in TEXT_LABELS:
        assert by_name[label].texts == {"extra:内容": _printed_after(label)}
        assert not by_name[label].values  # 联系电话 83426338 is no amount
    # the subject is the table's, not a row of it
    assert "项目名称" not in by_name
    # printed order: left pair before right pair, line by line
    names = [r.name for r in fields.rows]
    assert names.index("项目主管部门") < names.index("项目执行单位") < names.index("项目负责人")


def test_the_form_s_amounts_are_in_yuan_beside_the_budget() -> None:
    doc = _seed()
    fields = _about(doc, FIELDS_TITLE)
    by_name = {r.name: r for r in fields.rows}
    total = Decimal(_printed_after("项目总预算"))
    assert by_name["项目总预算"].values == {"extra:金额": total}
    # the form's figures are in 元 (its own text says so): 项目当年预算 is the project's budget
    assert by_name["项目当年预算"].values["extra:金额"] == _about(doc, FORM).rows[0].values["budget"]
    assert total > by_name["项目当年预算"].values["extra:金额"]


def test_a_long_field_wrapped_onto_the_next_line_is_one_value() -> None:
    basis = {r.name: r for r in _about(_seed(), FIELDS_TITLE).rows}["项目立项依据"].texts["extra:内容"]
    tail = next(ln.strip() for ln in _seed_text().splitlines() if ln.startswith("\t区属各部门系统"))
    assert basis.endswith(tail) and basis.startswith("根据《市人民政府办公厅")
    assert "做好区属各部门" in basis and "<p>" not in basis
    assert len(basis) > 700


def test_the_two_years_grid_and_its_change_note() -> None:
    history = _about(_seed(), HISTORY_TITLE)
    assert [r.name for r in history.rows] == ["2018 年", "2019 年", "2020 年变动说明"]
    # the 2018 and 2019 lines print no figure
    assert all(not r.values and not r.texts for r in history.rows[:2])
    note = history.rows[2].texts["extra:内容"]
    assert note == _printed_after("2020 年变动说明")
    assert "4,209,300 元" in note


def test_the_overall_goal_is_kept_as_printed() -> None:
    goal = _about(_seed(), GOAL_HEADING)
    lines = _seed_text().splitlines()
    printed = next(ln for ln in lines[lines.index(GOAL_HEADING) + 1:] if ln.strip())
    assert [r.name for r in goal.rows] == [GOAL_HEADING]
    assert goal.rows[0].texts == {"extra:内容": printed.strip()}


def test_the_parts_follow_the_form_in_printed_order() -> None:
    titles = [t.title for t in _seed().tables if t.subject == PROJECT]
    assert titles == [FORM, FIELDS_TITLE, HISTORY_TITLE, "项目资金来源", "项目支出明细测算", "项目采购",
                      GOAL_HEADING]


@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_the_fields_read_back_as_the_project_s(fmt: str, tmp_path: Path) -> None:
    doc = _seed()
    back = extract(render_document(doc, fmt, tmp_path / f"002.{fmt}"), audit=False)
    for title in (FIELDS_TITLE, HISTORY_TITLE, GOAL_HEADING):
        want, got = _about(doc, title), _about(back, title)
        assert [(r.name, r.texts) for r in got.rows] == [(r.name, r.texts) for r in want.rows]
        # an amount comes back; a text row's printed empty amount cell reads as null
        assert [{k: v for k, v in r.values.items() if v is not None} for r in got.rows] == \
            [r.values for r in want.rows]

