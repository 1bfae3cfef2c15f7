"""The classification rules on documents of different years: catalogue gaps and
other years' codes are warnings that say so, a unit's own code list is one
finding, and only a certain mismatch is an error."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cnbudget.audit import run_audit
from cnbudget.model.document import Document, Finding, Locator, Row, Severity
from cnbudget.normalise.classification import FIRST_YEAR, LAST_YEAR, catalogue
from cnbudget.pipeline import extract
from tests.audit.builders import clean_document, table, v
from tests.conftest import JIANGSU, SEEDS


def _findings(year: int | None, rows: list[tuple[str, str]],
              type_: str = "general_public") -> list[Finding]:
    doc = clean_document()
    doc.meta.year = year
    printed = table(doc, type_)
    for offset, (code, name) in enumerate(rows):
        printed.rows.append(Row(code=code, name=name, values=v(total=0),
                                locator=Locator(page=3, line=500 + offset)))
    report = run_audit(doc, select=["classification"])
    assert report.errors == []
    # the clean document's own rows are of 2021; keep the planted rows' findings
    return [f for f in report.findings
            if any(loc.line is not None and loc.line >= 500 for loc in f.locations)]


def test_a_code_of_a_later_year_is_a_plain_warning() -> None:
    [found] = _findings(2018, [("224", "灾害防治及应急管理支出")])
    assert (found.rule, found.severity) == ("classification.unknown-code", Severity.WARNING)
    assert "科目 224“灾害防治及应急管理支出”不在 2018 年支出功能分类科目中（该科目 2019 年起设立）" \
        in found.message


def test_a_retired_code_says_until_when() -> None:
    [found] = _findings(2020, [("20110", "人力资源事务")])
    assert found.severity is Severity.WARNING
    assert "不在 2020 年支出功能分类科目中（该科目使用至 2018 年）" in found.message


def test_the_issue_11_codes_are_accepted_in_2025_and_2026() -> None:
    rows = [("20406", "司法"), ("2040607", "公共法律服务"), ("2040613", "信息化建设")]
    assert _findings(2025, rows) == []
    assert _findings(2026, rows) == []


def test_a_2018_document_printing_the_2019_name_is_told_the_2018_name() -> None:
    [found] = _findings(2018, [("2040607", "公共法律服务")])
    assert (found.rule, found.severity) == ("classification.stale-name", Severity.WARNING)
    assert "2019 年起的名称" in found.message and "2018 年为“法律援助”" in found.message


def test_a_stale_name_is_a_warning_not_an_error() -> None:
    [found] = _findings(2019, [("210", "医疗卫生与计划生育支出")])
    assert (found.rule, found.severity) == ("classification.stale-name", Severity.WARNING)
    assert "2018 年及以前的名称；2019 年为“卫生健康支出”" in found.message


def test_a_gap_in_the_catalogue_is_not_the_departments_error() -> None:
    [found] = _findings(2024, [("2049999", "某项支出")])
    assert found.severity is Severity.WARNING
    assert "不在本系统收录的支出功能分类科目中" in found.message and "目录缺漏" in found.message


def test_a_certain_mismatch_is_an_error_an_uncertain_one_a_warning() -> None:
    [certain] = _findings(2024, [("2040607", "社区矫正")])
    assert (certain.rule, certain.severity) == ("classification.name-mismatch", Severity.ERROR)
    assert "应为“公共法律服务”，表中为“社区矫正”" in certain.message
    [doubtful] = _findings(2022, [("22402", "森林消防事务")])  # 22402's name is uncertain
    assert (doubtful.rule, doubtful.severity) == ("classification.name-mismatch", Severity.WARNING)
    assert "未经核实" in doubtful.message
    [outside] = _findings(2015, [("2010301", "住房公积金")])  # before the catalogue's years
    assert outside.severity is Severity.WARNING and "2017–2026" in outside.message


def test_a_units_own_economic_codes_are_one_finding_with_every_place() -> None:
    own = [(f"302{n}", f"自编科目{n}") for n in range(50, 62)]  # 12 codes no year has
    found = _findings(2024, own, type_="general_public_basic")
    assert [f.rule for f in found] == ["classification.local-codes"]
    [system] = found
    assert system.severity is Severity.WARNING
    assert len(system.locations) == 12
    assert {loc.code for loc in system.locations} == {code for code, _ in own}
    assert "共 12 个编码" in system.message
    assert "302 类" in system.message


def test_two_unknown_economic_codes_stay_separate_warnings() -> None:
    found = _findings(2024, [("30288", "甲"), ("30289", "乙")], type_="general_public_basic")
    assert [f.rule for f in found] == ["classification.unknown-code"] * 2


_ENTRIES = [e for e in catalogue() if e.kind == "functional"]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(_ENTRIES), st.integers(FIRST_YEAR - 2, LAST_YEAR + 2))
def test_a_code_printed_with_one_of_its_names_is_never_an_error(entry, year) -> None:
    found = _findings(year, [(entry.code, entry.name)])
    assert all(f.severity is not Severity.ERROR for f in found), [f.message for f in found]
    if entry.valid_in(year):
        assert found == [], [f.message for f in found]


def _real_documents() -> list[Path | None]:
    docs: list[Path | None] = [*sorted(SEEDS.glob("*.txt")), *sorted(JIANGSU.rglob("*.pdf"))]
    return docs or [None]


@pytest.mark.parametrize("path", _real_documents(), ids=lambda p: p.name if p else "absent")
def test_real_documents_give_no_classification_finding(path: Path | None) -> None:
    """Seeds 000–004 (2020, 2024, 2020, 2021, 2020) and the Jiangsu budgets of
    2017–2019: every code/name pair they print is checked independently against
    their text by tests/normalise/test_real_pairs.py; none is wrong, so any
    classification finding here is a false alarm."""
    if path is None:
        pytest.skip(f"{SEEDS} and {JIANGSU} are absent: the real documents live in ../shared")
    doc: Document = extract(path, audit=False)
    report = run_audit(doc, select=["classification"])
    assert report.errors == []
    assert [f.message for f in report.findings] == []
