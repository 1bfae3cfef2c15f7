"""The project's sample documents (written by another part, consistent by
construction) raise no error, as built and after a round trip through every format."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cnbudget.audit import run_audit
from cnbudget.model.document import Document, Severity
from cnbudget.pipeline import extract
from cnbudget.render import FORMATS, render_document
from cnbudget.samples import budget_sample, final_account_sample


@pytest.mark.parametrize("make", [budget_sample, final_account_sample])
def test_samples_have_no_errors(make: Callable[[], Document], tmp_path: Path) -> None:
    doc = make()
    report = run_audit(doc)
    assert report.errors == []
    assert report.of_severity(Severity.ERROR) == []
    for fmt in FORMATS:
        again = run_audit(extract(render_document(doc, fmt, tmp_path / f"s.{fmt}"), audit=False))
        assert again.errors == [] and again.of_severity(Severity.ERROR) == []
        assert again.flatten(["rule", "severity"]) == report.flatten(["rule", "severity"])
