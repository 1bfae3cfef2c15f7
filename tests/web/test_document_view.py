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
