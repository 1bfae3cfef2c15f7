"""A summary table read from side-by-side panels (收入 | 支出) is stored line by line;
the document page shows one side after the other under its heading, not interleaved."""

from __future__ import annotations

from cnbudget.samples import budget_sample
from cnbudget.web.document_view import document_page


def test_a_summary_shows_its_income_side_then_its_expenditure_side() -> None:
    doc = budget_sample()
    summary = next(t for t in doc.tables if t.type == "summary")
    assert {r.side for r in summary.rows} >= {"income", "expenditure"}
    page = document_page(doc, [])
    shown = next(t for t in page.tables if t.title == summary.title)
    labels = [(r.label, r.section) for r in shown.rows]
    sections = [label for label, section in labels if section]
    assert sections == ["收入", "支出"]
    split = labels.index(("支出", True))
    income = [r for r in summary.rows if r.side == "income"]
    assert split == 1 + len(income)  # 收入, then every income row, then 支出
    assert len([r for r in shown.rows if not r.section]) == len(summary.rows)


def test_a_finding_naming_no_page_links_to_the_page_of_its_box() -> None:
    from cnbudget.model import Box, Category, Finding, FindingLocation, Severity
    from cnbudget.web.document_view import page_marks
    from cnbudget.web.documents import ShownFinding

    doc = budget_sample()
    table = next(t for t in doc.tables if t.type == "expenditure")
    row = next(r for r in table.rows if r.code and len(r.code) == 7)
    row.boxes["total"] = Box(6, 500.0, 400.0, 540.0, 415.0)
    finding = Finding("made.up", Category.ARITHMETIC, Severity.ERROR, "某行不平",
                      locations=(FindingLocation(table="expenditure", title=table.title,
                                                 code=row.code, column="total"),))
    doc.findings = [finding]
    card = document_page(doc, [ShownFinding("1-0", finding, None)]).findings[0]
    assert card.page == 6  # the location names no page; its box does
    assert page_marks(doc, 0, 6).boxes == [(500.0, 400.0, 540.0, 415.0)]
    elsewhere = page_marks(doc, 0, 5)  # no box on that page: its code searched instead
    assert elsewhere.boxes == [] and row.code in elsewhere.texts
