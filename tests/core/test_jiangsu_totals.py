"""The 22 real Jiangsu PDFs end to end: metadata, the 12 tables of each 表 file,
and the published 收支预算总表 totals (the CSVs beside them) in the summary table."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from cnbudget.model import Document, Kind
from cnbudget.pipeline import extract
from tests.conftest import JIANGSU

W = Decimal(10000)

# CSV column -> (side, item) of the summary table; 单位预留机动经费 has no contract key
COLUMNS: dict[str, tuple[str, str]] = {
    "财政拨款": ("income", "fiscal"),
    "一般公共预算": ("income", "fiscal_general"),
    "财政专户管理资金": ("income", "special_account"),
    "其他资金": ("income", "other"),
    "当年收入小计": ("income", "income_total"),
    "收入合计": ("income", "grand_total"),
    "一般公共服务支出": ("expenditure", "func:201"),
    "公共安全支出": ("expenditure", "func:204"),
    "社会保障和就业支出": ("expenditure", "func:208"),
    "住房保障支出": ("expenditure", "func:221"),
    "基本支出": ("expenditure", "basic"),
    "项目支出": ("expenditure", "project"),
    "当年支出小计": ("expenditure", "expenditure_total"),
    "支出合计": ("expenditure", "grand_total"),
}

DEPARTMENTS = ["江苏省人大办公厅", "江苏省人民检察院", "江苏省委办公厅"]


def _extracted(folder: Path) -> list[Document]:
    return [extract(p, audit=False) for p in sorted(folder.glob("*.pdf"))]


@pytest.mark.parametrize("department", DEPARTMENTS)
def test_summary_totals_match_the_published_csv(department):
    folder = JIANGSU / department
    if not folder.exists():
        pytest.skip(f"{folder} is absent: the real documents live in ../shared beside the clone")
    by_year = {d.meta.year: d for d in _extracted(folder) if d.table("summary") is not None}
    with (folder / "收支预算总表.csv").open(encoding="utf-8") as fh:
        published = list(csv.DictReader(fh))
    checked = 0
    for row in published:
        year = int(row[""][:4])
        doc = by_year[year]
        assert doc.meta.kind is Kind.BUDGET and doc.meta.region.name == "江苏省"
        summary = doc.table("summary")
        for column, (side, item) in COLUMNS.items():
            printed = row.get(column)
            if printed is None:
                continue
            found = summary.row_by_item(item, side)
            assert found is not None, f"{department} {year}: no {side} {item} ({column})"
            value = found.values["amount"]
            expected = Decimal(printed) * W if printed else None
            assert value == expected or (expected is None and value == 0), (
                f"{department} {year} {column}: {value} != {expected}")
            checked += 1
    assert checked >= 30


def test_every_table_file_gives_the_twelve_tables():
    if not JIANGSU.exists():
        pytest.skip(f"{JIANGSU} is absent: the real documents live in ../shared beside the clone")
    expected = {"summary", "income", "expenditure", "fiscal_summary", "fiscal_expenditure",
                "fiscal_basic", "general_public", "general_public_basic", "three_public",
                "gov_fund", "operating_cost", "procurement"}
    table_files = [p for p in sorted(JIANGSU.rglob("*.pdf")) if "文件" not in p.name]
    with_tables = 0
    for path in table_files:
        doc = extract(path, audit=False)
        types = {t.type for t in doc.tables}
        if "summary" not in types:
            continue  # a 文件 PDF: narrative only
        with_tables += 1
        assert expected <= types, f"{path.name}: missing {sorted(expected - types)}"
        assert doc.meta.department.name and doc.meta.year
    assert with_tables == 15
