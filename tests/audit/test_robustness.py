"""No rule crashes on damaged documents: random cells emptied, rows and tables dropped."""

from __future__ import annotations

import json
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from cnbudget.audit import run_audit
from cnbudget.audit.report import report_json
from cnbudget.model.document import Document, Fact, Paragraph
from tests.audit.builders import clean_document

VALUES = st.one_of(st.none(), st.just(Decimal(0)), st.integers(-10**9, 10**12).map(Decimal),
                   st.decimals(min_value=-1000, max_value=10**6, places=4, allow_nan=False))


def _damage(doc: Document, data: st.DataObject) -> None:
    for table in list(doc.tables):
        if data.draw(st.integers(0, 9)) == 0:
            doc.tables.remove(table)
            continue
        for row in list(table.rows):
            choice = data.draw(st.integers(0, 12))
            if choice == 0:
                table.rows.remove(row)
            elif choice == 1:
                row.name = None
            elif choice <= 4 and row.values:
                key = data.draw(st.sampled_from(sorted(row.values)))
                row.values[key] = data.draw(VALUES)
            elif choice == 5 and row.indicators:
                row.indicators[0].score = data.draw(VALUES)
                row.indicators[0].target = data.draw(st.sampled_from(["", "=1 万元", "≥0%", None]))
    doc.facts = [f if data.draw(st.booleans()) else
                 Fact(f.key, data.draw(VALUES) or Decimal(0), f.unit, f.text, None, f.subject)
                 for f in doc.facts]
    if data.draw(st.booleans()):
        doc.narrative.append(Paragraph(data.draw(st.text(max_size=40))))
    doc.meta.kind = data.draw(st.sampled_from([doc.meta.kind, None]))
    doc.meta.year = data.draw(st.sampled_from([doc.meta.year, None, 1999]))


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_no_rule_crashes_on_damaged_documents(data: st.DataObject) -> None:
    doc = clean_document()
    _damage(doc, data)
    report = run_audit(doc)
    assert report.errors == []
    json.dumps(report_json(report), ensure_ascii=False)  # every finding writes as exact JSON
