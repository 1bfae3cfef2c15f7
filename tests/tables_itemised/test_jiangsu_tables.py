"""The Jiangsu PDFs' 收支预算总表, 收入预算总表, 财政拨款收支预算总表 and 政府采购预算表.

Expectations are read off pdfplumber (an extractor cnbudget's grid reader
does not use for these ruled pages) and the page images: every figure
pdfplumber finds in the tables' region of a page holding only these tables
is a value of the reading, and nothing else is; the item lists and the
procurement tree keep their printed structure (checked against the page
images of 省检察院 2017 p.11, 省人大 2019 p.1 and p.12).
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from functools import cache
from pathlib import Path

import pdfplumber
import pytest

from cnbudget.model import Document, Table
from cnbudget.pipeline import extract
from tests.conftest import JIANGSU

W = Decimal(10000)
MINE = {"summary", "fiscal_summary", "income", "procurement"}
_FIGURE = re.compile(r"^-?[\d,]+(?:\.\d+)?$")
_NOT_FIGURE = re.compile(r"^\d{1,2}$|^(?:19|20)\d\d$")  # a page or list number, a year in a heading


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent: the real documents live in ../shared beside the clone")
    return path


@cache
def _doc(path: Path) -> Document:
    return extract(path, audit=False)


def _table_files() -> list[Path]:
    return [p for p in sorted(_need(JIANGSU).rglob("*.pdf")) if "文件" not in p.name]


def _plumber_figures(page: pdfplumber.page.Page) -> Counter[Decimal]:
    """Figures printed in the columns of the page's tables, from the page top (a
    table continued from the page before has no rule above its first line) to
    the foot of the last table."""
    boxes = [t.bbox for t in page.find_tables()]
    if not boxes:
        return Counter()
    left, right, bottom = min(b[0] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)
    out: Counter[Decimal] = Counter()
    for word in page.extract_words():
        text = word["text"].replace(" ", "")
        if left - 1 <= word["x0"] and word["x1"] <= right + 1 and word["bottom"] <= bottom + 1 \
                and _FIGURE.match(text) and not _NOT_FIGURE.match(text):
            out[Decimal(text.replace(",", "")).normalize()] += 1
    return out


def test_every_figure_printed_is_read_and_nothing_else() -> None:
    checked = 0
    for path in _table_files():
        doc = _doc(path)
        read: dict[int, Counter[Decimal]] = {}
        types: dict[int, set[str]] = {}
        for table in doc.tables:
            for row in table.rows:
                page = row.locator.page if row.locator and row.locator.page else 0
                types.setdefault(page, set()).add(table.type)
                read.setdefault(page, Counter()).update(
                    (v / W).normalize() for v in row.values.values() if v is not None)
        with pdfplumber.open(path) as pdf:
            for page, held in sorted(types.items()):
                if not held <= MINE:
                    continue
                printed = _plumber_figures(pdf.pages[page - 1])
                assert read[page] == printed, (
                    f"{path.name} p.{page}: not read {dict(printed - read[page])}, "
                    f"read but not printed {dict(read[page] - printed)}")
                checked += 1
    assert checked >= 60


def _table(path: Path, type_: str) -> Table:
    (table,) = [t for t in _doc(path).tables if t.type == type_]
    return table


def _wan(row_value: Decimal | None) -> str | None:
    return None if row_value is None else format((row_value / W).normalize(), "f")


def test_income_item_list_two_levels() -> None:
    path = _need(JIANGSU / "江苏省人民检察院" / "2017年省检察院部门预算.pdf")
    t = _table(path, "income")
    assert [(r.item, r.texts.get("parent"), r.name, _wan(r.values["total"])) for r in t.rows] == [
        ("total", None, "收入总计", "17996.68"),
        ("fiscal_general", None, "一般公共预算资金小计", "17981.68"),
        (None, "fiscal_general", "公共财政拨款(补助)资金", "17981.68"),
        (None, "fiscal_general", "专项收入", None),
        ("fiscal_fund", None, "政府性基金小计", None),
        ("special_account", None, "财政专户管理资金小计", None),
        (None, "special_account", "专户管理教育收费", None),
        (None, "special_account", "其他非税收入", None),
        ("other", None, "其他资金小计", "15"),
        (None, "other", "事业收入", None),
        (None, "other", "经营收入", None),
        (None, "other", "其他收入", "15"),
        (None, "other", "债务资金(银行贷款)", None),
        ("carryover", None, "上年结转和结余资金小计", None),
        (None, "carryover", "其中：动用上年结转和结余资金", None),
    ]


def test_summary_total_merged_across_the_expenditure_panels() -> None:
    path = _need(JIANGSU / "江苏省人大办公厅" / "江苏省人大常委会办公厅2019年部门预算公开表.pdf")
    t = _table(path, "summary")
    by_key = {(r.side, r.item): r for r in t.rows if r.item}
    assert _wan(by_key[("expenditure", "expenditure_total")].values["amount"]) == "18330.37"
    assert _wan(by_key[("expenditure", "grand_total")].values["amount"]) == "18330.37"
    assert by_key[("income", "fiscal_fund")].texts == {"parent": "fiscal"}  # 2.政府性基金预算 under 一、财政拨款
    reserve = [r for r in t.rows if r.name == "三、单位预留机动经费"]
    assert len(reserve) == 1 and reserve[0].item is None and _wan(reserve[0].values["amount"]) == "2557.89"
    spending = [r for r in t.rows if r.side == "expenditure"]
    assert sum(r.values["amount"] or 0 for r in spending if (r.item or "").startswith("func:")) == \
        by_key[("expenditure", "expenditure_total")].values["amount"]


def test_procurement_tree_each_level_adds_up_to_the_total() -> None:
    path = _need(JIANGSU / "江苏省人大办公厅" / "江苏省人大常委会办公厅2019年部门预算公开表.pdf")
    t = _table(path, "procurement")
    with pdfplumber.open(path) as pdf:  # lines with a figure in the 总计 column, over both pages
        printed = sum(1 for n in (11, 12) for table in pdf.pages[n].extract_tables() for row in table
                      if row and _FIGURE.match((row[-1] or "").replace(" ", "")))
    assert len(t.rows) == printed == 26
    total = t.rows[0]
    assert (total.item, _wan(total.values["amount"])) == ("total", "2416.43")
    for field in ("catalog_name", "project", "item_name"):  # 品目大类, 专项, 物品: each level sums to the total
        level = [r.values["amount"] for r in t.rows if field in r.texts]
        assert sum(level) == total.values["amount"], field
    leaf = next(r for r in t.rows if r.texts.get("item_name") == "车辆维修和保养服务")
    assert leaf.texts == {"item_name": "车辆维修和保养服务", "extra:采购组织形式": "分散自行组织"}


def test_procurement_continued_on_a_page_cut_with_other_column_edges() -> None:
    """省人大 2018 p.18 continues the table in a grid with a margin column more."""
    path = _need(JIANGSU / "江苏省人大办公厅" / "省人大办公厅2018预算公开.pdf")
    t = _table(path, "procurement")
    on_18 = [r for r in t.rows if r.locator and r.locator.page == 18]
    assert on_18 and all(("project" in r.texts) != ("item_name" in r.texts) for r in on_18)
    assert {r.texts.get("extra:采购组织形式") for r in on_18 if "item_name" in r.texts} == {"分散自行组织"}
