"""Real PDFs (../shared/real/jiangsu): the narrative's totals agree with the
CSV of 收支预算总表 figures published beside them — an independent check of
reading, matching and conversion on documents the rules were not written from."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from cnbudget.ingest.readers import read_source
from cnbudget.model.document import Kind
from cnbudget.recognise.facts import extract_facts

JIANGSU = Path(__file__).resolve().parents[2].parent / "shared" / "real" / "jiangsu"

# (department folder, PDF with the 情况说明, year)
DOCUMENTS = [
    ("江苏省人大办公厅", "江苏省人大办公厅2017年度预算公开.pdf", 2017),
    ("江苏省人大办公厅", "省人大办公厅2018预算公开.pdf", 2018),
    ("江苏省人大办公厅", "江苏省人大常委会2019年度部门预算公开.pdf", 2019),
    ("江苏省人民检察院", "2017年省检察院部门预算.pdf", 2017),
    ("江苏省人民检察院", "2018年省检察院部门预算公开.pdf", 2018),
    ("江苏省人民检察院", "2019年度部门预算公开.pdf", 2019),
    ("江苏省委办公厅", "江苏省委办公厅2017年部门预算.pdf", 2017),
    ("江苏省委办公厅", "江苏省委办公厅2018年度部门预算公开文件.pdf", 2018),
    ("江苏省委办公厅", "江苏省委办公厅2019年度部门预算公开文件.pdf", 2019),
]
COLUMNS = {"income_total": "收入合计", "expenditure_total": "支出合计", "basic": "基本支出", "project": "项目支出"}


def _published(folder: Path, year: int) -> dict[str, Decimal]:
    with (folder / "收支预算总表.csv").open(encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            if row[""].startswith(str(year)):
                return {key: Decimal(row[column]) * 10000 for key, column in COLUMNS.items()}
    raise AssertionError(f"no {year} row in {folder}")


@pytest.mark.parametrize(("department", "name", "year"), DOCUMENTS)
def test_narrative_totals_agree_with_the_published_csv(department, name, year):
    pytest.importorskip("cnbudget.ingest.pdf.reader")
    folder = JIANGSU / department
    if not (folder / name).exists():
        pytest.skip(f"{folder / name} is absent: the real documents live in ../shared")
    layout = read_source(folder / name).layout
    facts = extract_facts(layout.lines, Kind.BUDGET, year)
    stated: dict[str, set[Decimal]] = {}
    for fact in facts:
        stated.setdefault(fact.key, set()).add(fact.value)
    for key, value in _published(folder, year).items():
        assert value in stated.get(key, set()), (key, value, stated.get(key))
