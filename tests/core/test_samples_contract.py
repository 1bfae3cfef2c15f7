"""The sample documents are contract JSON as built (a contract format, not a
private one), and read as clean disclosures: every section the audit's
templates require is there, so the demo's clean files show no finding and the
planted error shows only what it plants."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

from cnbudget.audit import run_audit
from cnbudget.demo import SAMPLES, write_planted, write_samples
from cnbudget.ingest.readers import READERS
from cnbudget.model import Category, Paragraph, Severity
from cnbudget.model.contract import EXTENDED_FORMATS, SOURCE_FORMATS, to_plain_json
from cnbudget.model.schema import disclosure_schema
from cnbudget.pipeline import extract
from cnbudget.samples import budget_sample, final_account_sample, sample_series

SAMPLE_DOCS = [budget_sample(), final_account_sample(), budget_sample(seed=7), *sample_series(3)]


def test_the_schema_allows_the_contract_formats_and_the_documented_extensions():
    allowed = disclosure_schema()["properties"]["source"]["properties"]["format"]["enum"]
    assert set(allowed) == {*SOURCE_FORMATS, *EXTENDED_FORMATS}
    # every format a reader is registered for is one a document may carry
    assert set(READERS) <= set(allowed)


@pytest.mark.parametrize("doc", SAMPLE_DOCS, ids=lambda d: d.source.file)
def test_a_sample_built_in_memory_is_contract_json(doc):
    assert doc.source.format in SOURCE_FORMATS
    assert doc.source.pages is None  # html has no pages
    assert doc.source.file.startswith("sample-")
    jsonschema.validate(to_plain_json(doc), disclosure_schema())


@pytest.mark.parametrize("doc", SAMPLE_DOCS, ids=lambda d: d.source.file)
def test_a_sample_has_every_required_section_and_no_finding(doc):
    text = "".join(p.text for p in doc.narrative)
    assert "绩效" in text and "名词解释" in text
    assert run_audit(doc).findings == []


def test_the_budget_samples_performance_section_lists_the_tables_amounts():
    """Its listed amounts are the 绩效目标表's: change one and the audit says so."""
    doc = budget_sample()
    target = doc.tables_of("performance_target")[0]
    budget = target.rows[0].values["budget"]
    assert budget is not None
    printed = f"{target.subject}项目{budget / 10000:.2f}万元"
    assert any(printed in p.text for p in doc.narrative)
    doc.narrative = [Paragraph(p.text.replace(printed, f"{target.subject}项目{budget / 10000 + 1:.2f}万元"),
                               p.locator) for p in doc.narrative]
    assert [f.rule for f in run_audit(doc).findings] == ["text_vs_table.listed-project"]


def test_the_demo_files_check_clean_and_the_planted_error_is_all_that_is_found(tmp_path: Path):
    paths = write_samples(tmp_path / "samples")
    assert sorted(p.suffix.lstrip(".") for p in paths) == sorted(fmt for _, fmt in SAMPLES)
    for path in paths:
        doc = extract(path)
        assert doc.source.format == path.suffix.lstrip(".")
        assert doc.status.value == "success" and doc.problems == []
        jsonschema.validate(to_plain_json(doc), disclosure_schema())
        assert [(f.rule, f.message) for f in doc.findings] == [], path.name
    planted = extract(write_planted(tmp_path / "to-check"))
    assert {f.category for f in planted.findings} == {Category.ARITHMETIC, Category.HIERARCHY}
    assert {f.severity for f in planted.findings} == {Severity.ERROR}
    # the planted 基本支出 is 1.00 万元 more than the row's total allows
    assert all(f.expected is not None and f.actual is not None and abs(f.expected - f.actual) == 10000
               for f in planted.findings)


def test_the_demo_states_each_change_against_its_own_previous_year(tmp_path: Path):
    paths = write_samples(tmp_path)
    budgets = {spec.year: extract(path) for (spec, _), path in zip(SAMPLES, paths, strict=True)
               if spec.kind.value == "budget"}
    for year, doc in budgets.items():
        if year - 1 not in budgets:
            continue
        total = doc.table("expenditure").row_by_item("total").values["total"]
        before = budgets[year - 1].table("expenditure").row_by_item("total").values["total"]
        stated = {f.key: f.value for f in doc.facts if f.subject == "expenditure_total"}
        assert stated["change_amount"] == total - before
        assert stated["change_pct"] == ((total - before) * 100 / before).quantize(Decimal("0.01"))
