"""The catalogue data itself: well-formed, consistent across years, documented."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from importlib import resources
from pathlib import Path

import pytest

from cnbudget.normalise.classification import (
    FIRST_YEAR,
    KINDS,
    LAST_YEAR,
    Certainty,
    catalogue,
    entries_for,
)
from cnbudget.normalise.classification_docs import catalogue_markdown, codes_per_year
from cnbudget.normalise.codes import parent_code

DOCS = Path(__file__).resolve().parents[2] / "docs" / "classification.md"
YEARS = range(2015, 2027)


def _source_keys() -> set[str]:
    data = resources.files("cnbudget.normalise").joinpath("data/sources.csv")
    with data.open(encoding="utf-8") as handle:
        return {row["key"] for row in csv.DictReader(handle)}


def _raw_rows(filename: str) -> list[dict[str, str]]:
    data = resources.files("cnbudget.normalise").joinpath(f"data/{filename}")
    with data.open(encoding="utf-8") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def test_every_kind_is_populated() -> None:
    counts = {kind: sum(1 for e in catalogue() if e.kind == kind) for kind in KINDS}
    assert counts["functional"] > 800
    assert counts["economic_department"] > 100
    assert counts["economic_government"] > 60


@pytest.mark.parametrize("filename", ["functional.csv", "economic.csv"])
def test_every_row_names_known_sources_and_sane_years(filename: str) -> None:
    known = _source_keys()
    for row in _raw_rows(filename):
        keys = [key for key in row["source"].split(";") if key]
        assert keys and set(keys) <= known, row
        start, end = row["valid_from"], row["valid_to"]
        if start and end:
            assert int(start) <= int(end), row
        for year in (start, end):  # a dated edge inside the coverage, or it says nothing
            assert not year or FIRST_YEAR <= int(year) <= LAST_YEAR, row
        assert row["certainty"] in {c.value for c in Certainty}, row
        assert "uncertain" not in keys, f"certainty is its own column now: {row}"


REAL_SOURCES = {"s000", "s001", "s002", "s003", "js2017", "js2018", "js2019", "gd2018", "issue11",
                "xz2024", "econpairs"}


@pytest.mark.parametrize("filename", ["functional.csv", "economic.csv"])
def test_uncertain_rows_say_why_and_confirmed_rows_cite_what_was_seen(filename: str) -> None:
    for row in _raw_rows(filename):
        keys = set(row["source"].split(";"))
        if row["certainty"] == "uncertain":
            assert row["note"].strip(), f"an uncertain row needs its reason: {row}"
        if row["certainty"] == "confirmed":
            assert keys & REAL_SOURCES, f"confirmed by what? {row}"


def test_codes_per_year() -> None:
    functional = codes_per_year("functional")
    department = codes_per_year("economic_department")
    government = codes_per_year("economic_government")
    assert set(functional) == set(range(FIRST_YEAR, LAST_YEAR + 1))
    assert all(count > 900 for count in functional.values())
    # the 2019 institutional reform added more than it retired
    assert functional[2019] > functional[2018]
    # 政府预算经济分类 begins with the 2018 reform; the 部门 list grew then
    assert government[2017] == 0 and government[2018] > 60
    assert department[2018] > department[2017] > 80


def test_one_name_per_code_in_any_year() -> None:
    by_code = defaultdict(list)
    for entry in catalogue():
        by_code[(entry.kind, entry.code)].append(entry)
    for (kind, code), entries in by_code.items():
        for year in YEARS:
            in_force = [e.name for e in entries if e.valid_in(year)]
            assert len(in_force) <= 1, (kind, code, year, in_force)


def test_every_entry_has_its_parent_in_force() -> None:
    for entry in catalogue():
        parent = parent_code(entry.code)
        if parent is None:
            continue
        parents = entries_for(entry.kind, parent)
        assert parents, f"{entry.kind} {entry.code} {entry.name}: no parent {parent}"
        for year in YEARS:
            if entry.valid_in(year):
                assert any(p.valid_in(year) for p in parents), (entry.code, entry.name, year)


def test_siblings_have_distinct_names() -> None:
    for year in YEARS:
        seen: dict[tuple[str, str | None, str], str] = {}
        for entry in catalogue():
            if not entry.valid_in(year):
                continue
            key = (entry.kind, parent_code(entry.code), entry.name)
            assert key not in seen, (year, entry.code, seen[key], entry.name)
            seen[key] = entry.code


def test_codes_sit_in_their_kinds_ranges() -> None:
    for entry in catalogue():
        head = entry.code[:1]
        expected = {"functional": "2", "economic_department": "3", "economic_government": "5"}
        assert head == expected[entry.kind], entry


def test_committed_docs_are_current() -> None:
    if not DOCS.exists():
        pytest.fail(f"{DOCS} is missing: run `make docs`")
    assert DOCS.read_text(encoding="utf-8") == catalogue_markdown(), (
        "docs/classification.md is stale: run `make docs`"
    )


def test_docs_list_every_entry() -> None:
    text = catalogue_markdown()
    rows = [line for line in text.splitlines() if re.match(r"\| \d+ \| ", line)]
    assert len(rows) == len(catalogue())
    assert "| 2010301 | 行政运行 | 项 |" in text
    assert "| 207 | 文化体育与传媒支出 | 类 | –2018 |" in text
