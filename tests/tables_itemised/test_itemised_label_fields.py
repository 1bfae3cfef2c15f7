"""The label | value fields a 项目绩效目标表 prints above its indicators (郑州
项目负责人 … 年度绩效目标, 廊坊 绩效目标), kept as the project's 项目基本信息;
expectations are read off the seeds' printed text, not off the parser."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

import pytest

from cnbudget.ingest.layout import Cell, Delimiter, Line
from cnbudget.model import Document, Table
from cnbudget.pipeline import extract_bytes
from cnbudget.recognise.blocks import TableBlock
from cnbudget.recognise.tables.project_form import AMOUNT_COLUMN, FIELDS_TITLE, TEXT_COLUMN

from .blocks_from_seeds import SEEDS, as_grid, joined_rows, parse, seed_block

ZHENGZHOU_FORM = "郑州市大数据管理局机关支出项目绩效目标表"
WHOLE_DEPARTMENT = "郑州市大数据管理局"  # the subject of the 部门整体 form printed before the projects


def _text(prefix: str) -> str:
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed {prefix} is absent from {SEEDS}: the real documents live in ../shared")
    return matches[0].read_text(encoding="utf-8")


@cache
def _doc(prefix: str) -> Document:
    return extract_bytes(_text(prefix).encode("utf-8"), f"{prefix}.txt", audit=False)


def _fields(doc: Document) -> dict[str, Table]:
    return {t.subject or "": t for t in doc.tables if t.type == "other" and t.title == FIELDS_TITLE}


def _squashed(text: str) -> str:
    """Text compared without spaces (a space between wide characters is read as a wrap)."""
    return re.sub(r"\s+", "", text)


def _printed_forms() -> list[tuple[str, list[tuple[str, str]]]]:
    """(project, its label | value pairs in printed order) of each 郑州 project form,
    from the tab-separated text between its 项目名称 line and its 一级指标 header."""
    forms: list[tuple[str, list[tuple[str, str]]]] = []
    for part in _text("003").split(ZHENGZHOU_FORM)[1:]:
        lines = [re.sub(r"</?p>", "", ln) for ln in part.splitlines()]
        start = next(i for i, ln in enumerate(lines) if ln.startswith("项目名称\t"))
        end = next(i for i, ln in enumerate(lines) if ln.startswith("一级指标"))
        project = lines[start].split("\t")[1].strip()
        pairs: list[tuple[str, str]] = []
        for line in lines[start + 1:end]:
            cells = [c.strip() for c in line.split("\t")]
            pairs += [(cells[i], cells[i + 1] if i + 1 < len(cells) else "")
                      for i in range(0, len(cells), 2) if cells[i]]
        forms.append((project, pairs))
    return forms


def test_each_zhengzhou_project_keeps_every_printed_field() -> None:
    forms = _printed_forms()
    fields = _fields(_doc("003"))
    assert len(forms) == 6
    assert set(fields) - {WHOLE_DEPARTMENT} == {project for project, _ in forms}
    for project, pairs in forms:
        rows = fields[project].rows
        assert [r.name for r in rows] == [label for label, _ in pairs]
        for row, (label, value) in zip(rows, pairs, strict=True):
            if "金额" in label:  # 项目总金额 4984200.00: printed in 元
                assert row.values == {AMOUNT_COLUMN: Decimal(value)} and not row.texts, label
            elif value:
                assert _squashed(row.texts[TEXT_COLUMN]) == _squashed(value) and not row.values, label
            else:  # 备注 printed empty, 项目详细信息 a heading over the fields below it
                assert not row.texts and not row.values, label


def test_short_fields_are_exactly_as_printed_and_numbers_stay_text() -> None:
    project, pairs = _printed_forms()[0]
    by_name = {r.name: r for r in _fields(_doc("003"))[project].rows}
    for label in ("单位编码", "项目负责人", "联系人", "联系电话", "开始时间", "结束时间"):
        assert by_name[label].texts == {TEXT_COLUMN: dict(pairs)[label]}
    # 联系电话 13633810189 and 单位编码 113001 are no amounts
    assert not by_name["联系电话"].values and not by_name["单位编码"].values


def test_the_name_is_the_subject_and_the_budget_is_kept_as_printed_beside_it() -> None:
    doc = _doc("003")
    fields = _fields(doc)
    targets = [t for t in doc.tables if t.type == "performance_target" and t.title == ZHENGZHOU_FORM]
    assert [t.subject for t in targets] == [p for p, _ in _printed_forms()]
    for target in targets:
        by_name = {r.name: r for r in fields[target.subject or ""].rows}
        assert "项目名称" not in by_name
        # the budget the performance table holds is the form's 项目本年度金额, printed in 元
        assert by_name["项目本年度金额"].values[AMOUNT_COLUMN] == target.rows[0].values["budget"]
        assert fields[target.subject or ""].unit == target.unit == "元"


def test_the_fields_follow_their_form() -> None:
    tables = _doc("003").tables
    for i, table in enumerate(tables):
        if table.title == FIELDS_TITLE:
            assert tables[i - 1].type == "performance_target" and tables[i - 1].subject == table.subject


def test_the_whole_department_form_gives_its_budget_cells_only() -> None:
    """Its 年度主要任务 and 预算情况 grids print section labels over empty first cells:
    only the label | number cells of 预算情况 are fields, in 万元 as its first label
    says (the seed's lines: 部门预算总额（万元） 9653.46, （1）财政性资金 9653.46,
    （1）基本支出 626.43, （2）项目支出 9027.03)."""
    rows = _fields(_doc("003"))[WHOLE_DEPARTMENT].rows
    assert [(r.name, r.values[AMOUNT_COLUMN]) for r in rows] == [
        ("部门预算总额（万元）", Decimal("96534600")),
        ("1、资金来源：（1）财政性资金", Decimal("96534600")),
        ("2、资金结构：（1）基本支出", Decimal("6264300")),
        ("（2）项目支出", Decimal("90270300")),
    ]
    assert not any(r.texts for r in rows)  # task descriptions are no fields


def test_each_langfang_project_keeps_its_printed_goal() -> None:
    printed = re.findall(r"\n\t绩效目标\n\t(.*?)\n\s*\n", _text("004"), flags=re.S)
    doc = _doc("004")
    targets = [t for t in doc.tables if t.type == "performance_target"]
    assert len(printed) == len(targets) == 17
    fields = _fields(doc)
    for target, goal in zip(targets, printed, strict=True):
        (row,) = fields[target.subject or ""].rows
        assert row.name == "绩效目标" and not row.values
        assert _squashed(row.texts[TEXT_COLUMN]) == _squashed(goal)


@pytest.mark.parametrize("variant", [as_grid, joined_rows], ids=["grid", "tab-joined"])
def test_the_fields_read_the_same_from_a_docx_or_tab_shape(variant) -> None:
    block = seed_block("003", 509, 559, "performance_target", title=ZHENGZHOU_FORM)
    want = [t for t in parse(block).tables if t.title == FIELDS_TITLE]
    got = [t for t in parse(variant(block)).tables if t.title == FIELDS_TITLE]
    assert len(want) == 1
    assert [(r.name, r.values, r.texts) for r in got[0].rows] == \
        [(r.name, r.values, r.texts) for r in want[0].rows]


def _line(*cells: str) -> Line:
    return Line(tuple(Cell(c, col=i) for i, c in enumerate(cells)), page=1, number=None,
                grid=1, delimiter=Delimiter.GRID)


def _form(*above: Line) -> TableBlock:
    indicators = [_line("一级指标", "二级指标", "三级指标", "指标值"), _line("产出指标", "数量指标", "设备", "7台")]
    return TableBlock(type="performance_target", title="某项目绩效目标表", lines=[*above, *indicators],
                      unit="万元")


def test_a_form_printing_only_its_name_and_budget_has_no_fields_of_its_own() -> None:
    # as cnbudget prints a 绩效目标表 back: the performance table holds both
    parsed = parse(_form(_line("项目名称", "某项目"), _line("预算金额", "12.50")))
    assert [t.type for t in parsed.tables] == ["performance_target"]
    assert parsed.tables[0].rows[0].values["budget"] == Decimal("125000")


def test_a_form_of_merged_section_cells_is_not_read_as_fields() -> None:
    # a 自评表-like layout: a section label over lines whose first cell is empty
    parsed = parse(_form(_line("一、基本情况", "项目名称", "某项目"), _line("", "预算数", "12.50")))
    assert [t.type for t in parsed.tables] == ["performance_target"]
