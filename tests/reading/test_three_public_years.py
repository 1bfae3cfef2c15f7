"""三公 tables printing last year's figures beside this year's, and the change
(2023年预算数 | 2024年预算数 | 增减额): this year's are the `amount`, the others
extra:<header>. Before, items down the side took last year's column as the
amount, and items across gave no amount at all, both with the document a success."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from cnbudget.model import Status
from cnbudget.pipeline import extract

TITLE = "示例县示例局2024年一般公共预算“三公”经费支出表"
ITEMS = [("total", "合计", 12, 10, -2), ("outbound", "1.因公出国（境）费", 2, 1, -1),
         ("reception", "2.公务接待费", 4, 3, -1), ("vehicle", "3.公务用车购置及运行费", 6, 6, 0)]


def _read(path: Path, rows: list[list[object]], merges: tuple[str, ...] = ()):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    for cells in merges:
        book.active.merge_cells(cells)
    book.save(path)
    doc = extract(path, audit=False, disclosures_only=False)
    [table] = doc.tables
    return doc, {r.item: r.values for r in table.rows}


@pytest.mark.parametrize(("last", "this"), [("2023年预算数", "2024年预算数"), ("上年预算数", "本年预算数")])
def test_items_down_the_side(tmp_path: Path, last: str, this: str) -> None:
    doc, got = _read(tmp_path / "t.xlsx", [[TITLE], ["单位：万元"], ["项目", last, this, "增减额"],
                                           *[[name, a, b, c] for _, name, a, b, c in ITEMS]])
    for item, _, before, now, change in ITEMS:
        assert got[item] == {"amount": Decimal(now) * 10000, f"extra:{last}": Decimal(before) * 10000,
                             "extra:增减额": Decimal(change) * 10000}, item
    assert doc.status is Status.SUCCESS


def test_items_across(tmp_path: Path) -> None:
    doc, got = _read(tmp_path / "t.xlsx", [
        [TITLE], ["单位：万元"],
        ["项目", "合计", "因公出国（境）费", "公务接待费", "公务用车购置及运行费", None, None],
        [None, None, None, None, "小计", "公务用车购置费", "公务用车运行费"],
        ["2023年预算数", 12, 2, 4, 6, 0, 6], ["2024年预算数", 10, 1, 3, 6, 0, 6], ["增减额", -2, -1, -1, 0, 0, 0],
    ], merges=("E3:G3", "A3:A4", "B3:B4", "C3:C4", "D3:D4"))
    assert {item: v["amount"] for item, v in got.items()} == {
        "total": Decimal(100000), "outbound": Decimal(10000), "reception": Decimal(30000),
        "vehicle": Decimal(60000), "vehicle_purchase": Decimal(0), "vehicle_operation": Decimal(60000)}
    assert got["total"]["extra:2023年预算数"] == Decimal(120000)
    assert doc.status is Status.SUCCESS


def test_funds_across_keep_the_first_column_as_the_amount(tmp_path: Path) -> None:
    """Headers naming no year (合计 | 一般公共预算财政拨款 …) are left as they were read."""
    _, got = _read(tmp_path / "t.xlsx", [[TITLE], ["单位：万元"], ["项目", "合计", "一般公共预算财政拨款"],
                                         *[[name, b, b] for _, name, _, b, _ in ITEMS]])
    assert got["total"]["amount"] == Decimal(100000)
