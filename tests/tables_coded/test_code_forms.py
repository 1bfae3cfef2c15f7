"""Classification codes printed in forms other provinces use: in brackets in
their own cell ([201], 【20101】), with dots or dashes between the parts
(201.01.01), and split over 类 | 款 | 项 columns with each row printing only its
own level's digits (201 / 01 / 01). Before, the first two went into the names
with no code and the document a success; the third was code.invalid."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from cnbudget.model import Status
from cnbudget.pipeline import extract
from cnbudget.recognise.lines import decorated_code

NAMES = {"201": "一般公共服务支出", "20101": "人大事务", "2010101": "行政运行", "2010102": "一般行政管理事务"}
FIGURES = {"201": (30, 20, 10), "20101": (30, 20, 10), "2010101": (20, 20, None), "2010102": (10, None, 10)}


@pytest.mark.parametrize(("printed", "digits"), [
    ("[201]", "201"), ("【20101】", "20101"), ("（2010101）", "2010101"), ("201.01.01", "2010101"),
    ("201-01-01", "2010101"), ("[019001]", "019001"),
    ("201.01", None), ("1234.56", None), ("201", None), ("[一般]", None),
])
def test_decorated_code(printed: str, digits: str | None) -> None:
    assert decorated_code(printed) == digits


def _read(tmp_path: Path, header: list[list[object]], code_cells) -> object:
    book = Workbook()
    sheet = book.active
    for row in [["示例县示例局2024年部门支出总表"], ["单位：万元"], *header]:
        sheet.append(row)
    for code, name in NAMES.items():
        sheet.append([*code_cells(code), name, *FIGURES[code]])
    sheet.append([*([None] * len(code_cells("201"))), "合计", 30, 20, 10])
    book.save(tmp_path / "t.xlsx")
    return extract(tmp_path / "t.xlsx", audit=False, disclosures_only=False)


def _relative(code: str) -> list[str | None]:
    parts = [code[:3], code[3:5], code[5:7]]
    level = len(code) // 2 - 1  # 3 → 0, 5 → 1, 7 → 2
    return [parts[i] if i == level else None for i in range(3)]


@pytest.mark.parametrize(("form", "header", "cells"), [
    ("brackets", [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]], lambda c: [f"[{c}]"]),
    ("dots", [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]],
     lambda c: [".".join(x for x in (c[:3], c[3:5], c[5:7]) if x)] if len(c) == 7 else [c]),
    ("relative", [["科目编码", None, None, "科目名称", "合计", "基本支出", "项目支出"],
                  ["类", "款", "项", None, None, None, None]], _relative),
])
def test_codes_in_other_forms_are_the_rows_codes(tmp_path: Path, form: str, header, cells) -> None:
    doc = _read(tmp_path, header, cells)
    [table] = doc.tables
    got = {r.code: (r.name, r.values.get("total")) for r in table.rows if r.code}
    assert got == {c: (n, Decimal(FIGURES[c][0]) * 10000) for c, n in NAMES.items()}, form
    assert doc.status is Status.SUCCESS, doc.problems


def test_a_relative_piece_without_a_parent_above_is_reported(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    for row in [["示例县示例局2024年部门支出总表"], ["单位：万元"],
                ["科目编码", None, None, "科目名称", "合计", "基本支出", "项目支出"],
                ["类", "款", "项", None, None, None, None],
                [None, "01", None, "人大事务", 30, 20, 10], [None, None, None, "合计", 30, 20, 10]]:
        sheet.append(row)
    book.save(tmp_path / "t.xlsx")
    doc = extract(tmp_path / "t.xlsx", audit=False, disclosures_only=False)
    assert any(p.code == "code.invalid" for p in doc.problems)
