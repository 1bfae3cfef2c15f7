"""The PDF reader on the 22 real Jiangsu disclosures (../shared/real/jiangsu).

Independent checks: the 收支预算总表 totals extracted into the CSVs by hand sit
in the grid under that title, every page printing a unit line (单位：万元) has
a grid, and where pdfplumber's lines strategy is right (a WPS-made PDF) both
give the same cells.
"""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from cnbudget.ingest.layout import Layout
from cnbudget.ingest.pdf import read_pdf

from .checks import plumber_tables

UNIT = re.compile(r"单位[:：]\s*万元")


@cache
def read(path: Path) -> Layout:
    return read_pdf(path.read_bytes(), path.name)


def totals_pdfs(folder: Path) -> list[tuple[Path, dict[str, str]]]:
    """(PDF holding the year's tables, the CSV's totals for that year) per department and year."""
    out = []
    for table in sorted(folder.glob("*/收支预算总表.csv")):
        with table.open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                year = row.pop("")[:4]
                candidates = [p for p in sorted(table.parent.glob("*.pdf")) if year in p.name and "文件" not in p.name]
                pdf = next(p for p in candidates if "表" in p.name) if len(candidates) > 1 else candidates[0]
                out.append((pdf, {k: v for k, v in row.items() if v}))
    return out


def grid_texts_after(layout: Layout, title: str) -> set[str]:
    """Cell texts of the grids from the title on until the next table's title line."""
    start = next(i for i, line in enumerate(layout.lines) if line.grid is None and title in line.text)
    texts: set[str] = set()
    seen_grid = False
    for line in layout.lines[start + 1:]:
        if line.grid is None:
            if seen_grid and "表" in line.text:
                break
            continue
        seen_grid = True
        texts.update(c.text.replace(",", "") for c in line.cells)
    return texts


def test_every_pdf_reads_cleanly(jiangsu_dir):
    pdfs = sorted(jiangsu_dir.glob("*/*.pdf"))
    assert len(pdfs) == 22
    for pdf in pdfs:
        layout = read(pdf)
        assert layout.problems == [], pdf.name
        assert layout.pages and all(1 <= line.page <= layout.pages for line in layout.lines)
        pages = [line.page for line in layout.lines]
        assert pages == sorted(pages), f"{pdf.name}: lines out of page order"


def test_csv_totals_are_cells_of_the_summary_grid(jiangsu_dir):
    checked = 0
    for pdf, totals in totals_pdfs(jiangsu_dir):
        cells = grid_texts_after(read(pdf), "收支预算总表")
        for item, amount in totals.items():
            printed = str(Decimal(amount).quantize(Decimal("0.01")))
            assert printed in cells, f"{pdf.name}: {item} {printed} is not a cell of 收支预算总表"
            checked += 1
    assert checked > 100


def test_every_table_page_has_a_grid(jiangsu_dir):
    for pdf in sorted(jiangsu_dir.glob("*/*.pdf")):
        layout = read(pdf)
        unit_pages = {line.page for line in layout.lines if UNIT.search(line.text)}
        grid_pages = {line.page for line in layout.lines if line.grid is not None}
        assert unit_pages <= grid_pages, f"{pdf.name}: pages {sorted(unit_pages - grid_pages)} lack a grid"


def test_grid_ids_are_unique_per_table_and_page(jiangsu_dir):
    layout = read(jiangsu_dir / "江苏省高级人民法院" / "省法院2018年度部门预算公开.pdf")
    pages_of: dict[int, set[int]] = {}
    for line in layout.lines:
        if line.grid is not None:
            pages_of.setdefault(line.grid, set()).add(line.page)
    assert all(len(pages) == 1 for pages in pages_of.values())
    assert len(pages_of) >= 12  # Jiangsu publishes 12 tables, some over two pages


def test_merged_header_of_the_summary_table(jiangsu_dir):
    layout = read(jiangsu_dir / "江苏省委办公厅" / "江苏省委办公厅2019年度部门预算公开表格.pdf")
    first = [line for line in layout.lines if line.grid == 1]
    assert [(c.text, c.col, c.colspan) for c in first[0].cells] == [("收入", 0, 2), ("支出", 2, 4)]
    assert [(c.text, c.rowspan) for c in first[1].cells][:2] == [("项目名称", 2), ("金额", 2)]


def test_same_cells_as_pdfplumber_on_a_wps_pdf(jiangsu_dir):
    pdf = jiangsu_dir / "江苏省人民检察院" / "2017年省检察院部门预算.pdf"
    layout = read(pdf)
    theirs = plumber_tables(pdf.read_bytes())
    for number, tables in enumerate(theirs, start=1):
        expected = sorted(re.sub(r"\s", "", c) for t in tables for row in t for c in row if c and c.strip())
        ours = sorted(re.sub(r"\s", "", c.text) for line in layout.lines
                      if line.page == number and line.grid is not None for c in line.cells if c.text.strip())
        assert ours == expected, f"page {number}"


@pytest.mark.parametrize("name", ["江苏省人大常委会办公厅2019年部门预算公开表.pdf"])
def test_rotated_landscape_pages_read_upright(jiangsu_dir, name):
    layout = read(jiangsu_dir / "江苏省人大办公厅" / name)
    assert layout.lines[0].text == "收支预算总表"
    row = next(line for line in layout.lines if line.grid and line.texts[0] == "一、财政拨款")
    assert row.texts == ["一、财政拨款", "18,330.37", "一、一般公共服务支出", "13,907.78", "一、基本支出", "9,312.90"]
