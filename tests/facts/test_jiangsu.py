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
# every document also states 收入、支出预算总计 (the grand total, 收入合计 in the CSV)
COLUMNS = {"income_total": "收入合计", "expenditure_total": "支出合计", "basic": "基本支出", "project": "项目支出",
           "grand_total": "收入合计"}


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


def _facts(department: str, name: str, year: int):
    pytest.importorskip("cnbudget.ingest.pdf.reader")
    path = JIANGSU / department / name
    if not path.exists():
        pytest.skip(f"{path} is absent: the real documents live in ../shared")
    return extract_facts(read_source(path).layout.lines, Kind.BUDGET, year)


# (document, subject, the quote's start): each printed “…万元，与上年(预算数/度)持平”
LEVEL = [
    (("江苏省人大办公厅", "江苏省人大办公厅2017年度预算公开.pdf", 2017), [
        ("project", "项目支出预算数为5853.96万元。与上年持平"),
        ("outbound", "因公出国（境）费预算支出222.5万元，与上年预"),
        ("vehicle_purchase", "公务用车购置为0，与上年持平"),
        ("vehicle_operation", "公务用车运行维护费预算支出183.6万元，与上年预"),
        ("reception", "公务接待费预算支出427.5万元，与上年预算数持平"),
    ]),
    (("江苏省人大办公厅", "省人大办公厅2018预算公开.pdf", 2018), [
        ("outbound", "因公出国（境）费预算支出222.5万元，与上年度持平"),
        ("vehicle_operation", "公务用车运行维护费预算支出183.6万元，与上年度"),
        ("reception", "公务接待费预算支出427.5万元，与上年度持平"),
    ]),
    (("江苏省高级人民法院", "省法院2017年度部门预算公开.pdf", 2017), [
        ("outbound", "因公出国（境）费预算支出180万元，本年数与上年数持平"),
        ("vehicle_operation", "公务用车运行维护费预算支出304.4万元，本年数与上年"),
    ]),
]


@pytest.mark.parametrize(("document", "expected"), LEVEL)
def test_level_with_last_year_in_real_documents(document, expected):
    facts = _facts(*document)
    zero = {(f.subject, f.text.replace("\n", "")) for f in facts if f.key == "change_amount" and f.value == 0}
    for subject, quote in expected:
        assert any(s == subject and t.startswith(quote) for s, t in zero), (subject, quote, zero)
    # the flat items of the classification (人大会议（项）…) and 会议费 have no key: no change of theirs
    assert {s for s, _ in zero} <= {"project", "outbound", "vehicle_purchase", "vehicle_operation", "reception"}


def test_zero_growth_in_a_real_document():
    facts = _facts("江苏省高级人民法院", "省法院2017年度部门预算公开.pdf", 2017)
    rates = {f.subject for f in facts if f.key == "change_pct" and f.value == 0 and f.text.endswith("零增长")}
    assert rates == {"outbound", "vehicle_operation"}
