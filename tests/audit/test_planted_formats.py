"""Problems planted the way people make them (bench/plants.py) are found after a
round trip through a format; the same samples unplanted raise no error.

A small run of what `make bench` measures in full (recall per category and
format): two samples per category (a budget and a final account), through the
spreadsheet and the PDF writer and back through the readers.
"""

from __future__ import annotations

import pytest

from cnbudget.bench.planted import clean_documents, run_planted
from cnbudget.bench.plants import PAGE_PLANTS, PLANTS

CATEGORIES = [p.category for p in PLANTS] + [p.category for p, _ in PAGE_PLANTS]


@pytest.fixture(scope="module")
def report():  # type: ignore[no-untyped-def]
    return run_planted(per_category=2, formats=("xlsx", "pdf"))


@pytest.mark.parametrize("category", CATEGORIES)
def test_every_planted_problem_is_found(report, category: str) -> None:  # type: ignore[no-untyped-def]
    found, _, total = report.recall(category)
    assert total >= 2, f"{category}: no case was planted"
    missed = [f"{c.sample}.{c.fmt} (found {c.missed_by})" for c in report.cases
              if c.category == category and not c.found]
    assert found == total, f"{category} missed in {missed}"


def test_clean_samples_raise_no_error_in_any_format() -> None:
    errors = [(r.sample, r.fmt, f.rule, f.message) for r in clean_documents(2) for f in r.errors]
    assert errors == []
