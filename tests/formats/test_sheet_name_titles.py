"""Workbooks whose sheet tab is the only title a table has (收支总表 on the tab,
the unit line or the header in the first row): the tab names the table."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from cnbudget.ingest.layout import Layout
from cnbudget.ingest.layout_json import layout_from_json, layout_to_json
from cnbudget.ingest.readers import read_bytes
from cnbudget.model import Document, Status
from cnbudget.pipeline import extract


def _titles_on_tabs_only(rendered: Path, out: Path) -> list[str]:
    """The workbook with each table sheet's title row emptied and its tab named
    by what the title said (without the department and year); the tab names."""
    wb = openpyxl.load_workbook(rendered)
    tabs = []
    for ws in wb.worksheets[1:]:
        ws.title = ws.title.lstrip("0123456789")  # 01收支总表 → 收支总表
        ws.cell(1, 1).value = None
        tabs.append(ws.title)
    wb.save(out)
    return tabs


def _rows(doc: Document) -> list[tuple[str, list]]:
    return [(t.type, [(r.code, r.item, r.name, r.values) for r in t.rows]) for t in doc.tables]


def test_tables_titled_by_their_tabs_read_as_when_titled(rendered: dict[tuple[str, str], Path],
                                                          tmp_path: Path) -> None:
    path = rendered[("budget", "xlsx")]
    titled = extract(path, audit=False)
    untitled = tmp_path / "tabs.xlsx"
    tabs = _titles_on_tabs_only(path, untitled)
    got = extract(untitled, audit=False)
    # the per-project sheets (绩效目标表) name their project in the title only: not compared
    per_project = {"performance_target"}
    assert [x for x in _rows(got) if x[0] not in per_project] == \
        [x for x in _rows(titled) if x[0] not in per_project]
    assert [t.title for t in got.tables if t.type == "summary"] == ["收支总表"]
    assert "收支总表" in tabs and got.status is Status.SUCCESS, got.problems


def test_a_printed_title_wins_over_the_tab_and_a_plain_tab_adds_nothing(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "收入总表"
    ws.append(["示例局2024年部门支出总表"])  # the sheet prints its own (other) title
    ws.append(["单位：万元"])
    ws.append(["科目编码", "科目名称", "合计", "基本支出", "项目支出"])
    ws.append(["201", "一般公共服务支出", 10, 6, 4])
    ws.append(["", "合计", 10, 6, 4])
    plain = wb.create_sheet("Sheet2")
    plain.append(["单位：万元"])
    plain.append(["项目", "金额"])
    plain.append(["一、一般公共预算拨款", 10])
    out = tmp_path / "titled.xlsx"
    wb.save(out)
    doc = extract(out, audit=False, disclosures_only=False)
    assert [(t.type, t.title) for t in doc.tables][:1] == [("expenditure", "示例局2024年部门支出总表")]
    assert not any(t.title == "Sheet2" for t in doc.tables)


def test_sheet_names_cross_the_worker_boundary(rendered: dict[tuple[str, str], Path]) -> None:
    path = rendered[("budget", "xlsx")]
    layout: Layout = read_bytes(path.read_bytes(), path.name).layout
    assert layout.page_names[2] == "01收支总表"
    assert layout_from_json(layout_to_json(layout)).page_names == layout.page_names
