"""The expected readings themselves, checked without cnbudget: they belong to the
PDFs in ../shared, every table adds up as printed, the summary tables agree with
the published 收支预算总表 CSVs, and each table file prints the 12 Jiangsu tables."""

from __future__ import annotations

import csv
import hashlib
from collections import Counter
from decimal import Decimal

import pytest

from tests.conftest import JIANGSU
from tests.real.expected import (
    expected_files,
    label_of,
    load,
    pdf_of,
    slug,
    table_type,
    tables_of,
)
from tests.real.printed_sums import amount, disagreements

# where a department's printed table does not add up (file, title) → the lines; none found
DEPARTMENT_ARITHMETIC: dict[tuple[str, str], list[str]] = {}
TWELVE = {"summary", "income", "expenditure", "fiscal_summary", "fiscal_expenditure", "fiscal_basic",
          "general_public", "general_public_basic", "three_public", "gov_fund", "operating_cost",
          "procurement"}
READINGS = [load(p) for p in expected_files()]


def _ids(readings: list[dict]) -> list[str]:
    return [slug(r["file"], r["narrative_only"]) for r in readings]


@pytest.mark.parametrize("reading", READINGS, ids=_ids(READINGS))
def test_reading_belongs_to_the_pdf(reading: dict) -> None:
    pdf = pdf_of(reading)
    if not pdf.exists():
        pytest.skip(f"{pdf} is absent: the real documents live in ../shared beside the clone")
    assert hashlib.sha256(pdf.read_bytes()).hexdigest() == reading["sha256"], f"{pdf} changed"


TABLE_READINGS = [r for r in READINGS if not r["narrative_only"]]


@pytest.mark.parametrize("reading", TABLE_READINGS, ids=_ids(TABLE_READINGS))
def test_printed_tables_add_up(reading: dict) -> None:
    found = {(reading["file"], t["title"]): disagreements(t) for t in reading["tables"]}
    found = {k: v for k, v in found.items() if v}
    known = {k: v for k, v in DEPARTMENT_ARITHMETIC.items() if k[0] == reading["file"]}
    assert found == known


@pytest.mark.parametrize("reading", TABLE_READINGS, ids=_ids(TABLE_READINGS))
def test_each_table_file_prints_the_twelve_tables_once(reading: dict) -> None:
    types = Counter(table_type(t["title"]) for t in reading["tables"])
    assert set(types) == TWELVE and set(types.values()) == {1}, types
    assert all(t["unit"] == "万元" for t in reading["tables"])
    assert all(tables_of(reading))


def test_narrative_files_print_no_table() -> None:
    narrative = [r for r in READINGS if r["narrative_only"]]
    assert len(narrative) == 7 and all(r["tables"] == [] for r in narrative)
    assert len(READINGS) == 22


def _summary_figures(reading: dict) -> dict[str, list[Decimal | None]]:
    """收支预算总表: printed label (numbering dropped) → its figures (a label may print twice)."""
    table = next(t for t in reading["tables"] if table_type(t["title"]) == "summary")
    out: dict[str, list[Decimal | None]] = {}
    for row in table["rows"]:
        (_, printed), = row["cells"]
        out.setdefault(label_of(row["name"]), []).append(amount(printed))
    return out


@pytest.mark.parametrize("department", ["江苏省人大办公厅", "江苏省人民检察院", "江苏省委办公厅"],
                         ids=["npc", "procuratorate", "party"])
def test_summary_agrees_with_the_published_csv(department: str) -> None:
    """The three CSVs of 收支预算总表 totals (published apart from the PDFs) against the
    expected 收支预算总表 of the same year: every column, same label, same figure."""
    path = JIANGSU / department / "收支预算总表.csv"
    if not path.exists():
        pytest.skip(f"{path} is absent: the real documents live in ../shared beside the clone")
    with path.open(encoding="utf-8") as fh:
        published = list(csv.DictReader(fh))
    checked = 0
    for line in published:
        year = line[""][:4]
        [reading] = [r for r in TABLE_READINGS if r["file"].startswith(department) and year in r["file"]]
        figures = _summary_figures(reading)
        for column, value in line.items():
            if not column:
                continue
            wanted = Decimal(value) if value else None
            assert wanted in figures.get(column, []), f"{department} {year} {column}: CSV {value}, " \
                                                      f"printed {figures.get(column)}"
            checked += 1
    assert checked == len(published) * (len(published[0]) - 1) >= 36
