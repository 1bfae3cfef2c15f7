"""The Jiangsu PDFs read by cnbudget, against readings verified without it.

Each standard table of each PDF is one test: every figure printed (and every
cell printed empty) must be in the right table, row and contract column, in
yuan, exactly; no figure may be in the table that the page does not print
there. The expected readings were derived with pdfplumber and checked against
the page images (derive_jiangsu.py says how); their own consistency is tested
in test_jiangsu_expected_data.py.

KNOWN_MISREAD is the work list of issue 10: each entry is a table cnbudget
misreads today, marked xfail(strict) so the suite stays green and the entry
must be removed the moment the table reads right.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from cnbudget.model import Document, ProblemSeverity, Status
from cnbudget.pipeline import extract
from tests.conftest import JIANGSU
from tests.real.compare import mismatches, report
from tests.real.expected import ExpectedTable, expected_files, load, pdf_of, slug, tables_of

# The issue-10 work list. File ids: department + year (npc 人大, procuratorate 检察院,
# party 委办, cppcc 政协, court 法院).
# table type → [(files, what cnbudget misreads there)]; a case's reason joins its lines
KNOWN_MISREAD: dict[str, list[tuple[tuple[str, ...], str]]] = {}
# file → why its reading does not account for every printed figure (problem codes as reported)
KNOWN_PARTIAL: dict[str, list[str]] = {}


def _readings() -> list[dict]:
    return [load(p) for p in expected_files()]


def _table_cases() -> list:
    cases = []
    for reading in _readings():
        for table in tables_of(reading):
            short = slug(table.file).removesuffix("-tables")
            reasons = [why for files, why in KNOWN_MISREAD.get(table.type, []) if short in files]
            marks = [pytest.mark.xfail(strict=True, reason="issue 10: " + "; ".join(reasons))] if reasons else []
            cases.append(pytest.param(table, marks=marks, id=table.case))
    return cases


def _file_cases(narrative: bool) -> list:
    cases = []
    for reading in _readings():
        if reading["narrative_only"] != narrative:
            continue
        reasons = [] if narrative else KNOWN_PARTIAL.get(slug(reading["file"]).removesuffix("-tables"), [])
        marks = [pytest.mark.xfail(strict=True, reason="issue 10: " + "; ".join(reasons))] if reasons else []
        cases.append(pytest.param(reading, marks=marks, id=slug(reading["file"], narrative)))
    return cases


@cache
def _extracted(file: str) -> Document:
    return extract(JIANGSU / file, audit=False)


def _document(file: str) -> Document:
    if not (JIANGSU / file).exists():
        pytest.skip(f"{JIANGSU / file} is absent: the real documents live in ../shared beside the clone")
    return _extracted(file)


@pytest.mark.parametrize("expected", _table_cases())
def test_table_reads_as_printed(expected: ExpectedTable) -> None:
    problems = mismatches(_document(expected.file), expected)
    assert not problems, report(expected, problems)


@pytest.mark.parametrize("reading", _file_cases(narrative=False))
def test_every_printed_figure_is_accounted_for(reading: dict) -> None:
    """`success` is a promise that nothing printed was dropped: no reading problem
    that lost something, every printed figure somewhere in the tables, and no table
    reported that the PDF does not print."""
    doc = _document(reading["file"])
    assert doc.status in (Status.SUCCESS, Status.PARTIAL)
    problems = []
    lost = [f"p.{p.locator.page if p.locator else '?'} {p.code}" for p in doc.problems
            if p.severity is ProblemSeverity.PARTIAL]
    if doc.status is not Status.SUCCESS or lost:
        problems.append(f"status {doc.status}, {len(lost)} reading problems that lost something: {lost[:3]}")
    expected = tables_of(reading)
    kept = Counter(v for t in doc.tables for r in t.rows for v in r.values.values() if v is not None)
    vanished = Counter(c.yuan for t in expected for c in t.cells if c.yuan is not None) - kept
    if vanished:
        where = sorted({t.type for t in expected if Counter(c.yuan for c in t.cells if c.yuan is not None)
                        - Counter(v for d in doc.tables_of(t.type) for r in d.rows
                                  for v in r.values.values() if v is not None)})
        problems.append(f"{sum(vanished.values())} printed figures are in no table (printed in {where})")
    printed = {(t.type, p) for t in expected for p in t.pages}
    invented = [f"{t.type} 「{t.title}」 p.{t.locator.page if t.locator else '?'}" for t in doc.tables
                if (t.type, t.locator.page if t.locator else None) not in printed
                and any(v is not None for r in t.rows for v in r.values.values())]
    if invented:
        problems.append(f"tables with figures the PDF does not print there: {invented}")
    assert not problems, "\n  ".join([reading["file"], *problems])


@pytest.mark.parametrize("reading", _file_cases(narrative=True))
def test_narrative_only_file_has_no_tables(reading: dict) -> None:
    doc = _document(reading["file"])
    assert doc.tables == [], f"{reading['file']} prints no table; cnbudget reports {[t.type for t in doc.tables]}"


def test_every_pdf_has_an_expected_reading(jiangsu_dir: Path) -> None:
    pdfs = {str(p.relative_to(jiangsu_dir)) for p in jiangsu_dir.rglob("*.pdf")}
    assert pdfs == {r["file"] for r in _readings()}
    assert all(pdf_of(r).exists() for r in _readings())
