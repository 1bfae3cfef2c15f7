"""Look-alike digits OCR misread, checked by the table's identities (recognise.ocr_digits)."""

from __future__ import annotations

import copy
from decimal import Decimal

from cnbudget.model import Locator, Table
from cnbudget.recognise.identities import identities, unit_factor
from cnbudget.recognise.ocr_digits import check_ocr_digits
from cnbudget.samples import budget_sample

SCANNED = frozenset({1})


def _table() -> Table:
    table = copy.deepcopy(budget_sample().tables_of("expenditure")[0])
    for row in table.rows:
        row.locator = Locator(page=1)
    assert all(i.holds for i in identities(table))
    return table


def _leaf(table: Table, digit: str):
    """A 7-digit code's row whose total prints `digit`, and its printed total."""
    factor = unit_factor(table)
    for row in table.rows:
        total = row.values.get("total")
        if row.code and len(row.code) == 7 and total and digit in format(total / factor, "f"):
            return row, format(total / factor, "f")
    raise AssertionError(f"no leaf total with a {digit}")


def test_a_misread_digit_that_breaks_the_sums_is_corrected_and_recorded() -> None:
    table = _table()
    row, printed = _leaf(table, "6")
    truth = row.values["total"]
    wrong = printed.replace("6", "8", 1)
    row.values["total"] = Decimal(wrong) * unit_factor(table)
    problems = check_ocr_digits([table], SCANNED)
    assert row.values["total"] == truth
    assert [(p.code, dict(p.params)["before"], dict(p.params)["after"]) for p in problems] == [
        ("ocr.corrected", wrong, printed)]
    assert problems[0].severity.value == "recovered"


def test_a_figure_no_single_swap_mends_is_reported_not_guessed() -> None:
    table = _table()
    row, _ = _leaf(table, "")
    truth = row.values["total"]
    row.values["total"] = truth + Decimal("123.45") * unit_factor(table)  # not a look-alike slip
    problems = check_ocr_digits([table], SCANNED)
    assert row.values["total"] == truth + Decimal("123.45") * unit_factor(table)
    assert problems and {p.code for p in problems} == {"ocr.unconfirmed"}
    assert all(p.severity.value == "partial" for p in problems)


def test_text_layer_tables_are_left_alone() -> None:
    table = _table()
    row, printed = _leaf(table, "6")
    row.values["total"] = Decimal(printed.replace("6", "8", 1)) * unit_factor(table)
    assert check_ocr_digits([table], frozenset({2})) == []  # its rows are on page 1, not scanned


def test_recognition_corrects_a_scanned_pages_digit(tmp_path) -> None:
    """The wiring: a layout whose page is marked OCR'd, one figure misread 6 → 8,
    recognised into the right figure with the correction recorded."""
    from dataclasses import replace

    from cnbudget.ingest.layout import ReadProblem
    from cnbudget.ingest.pdf.reader import read_pdf
    from cnbudget.model import SourceFile
    from cnbudget.recognise.document import recognise_layout
    from cnbudget.render import render_document

    path = render_document(budget_sample(), "pdf", tmp_path / "budget.pdf")
    layout = read_pdf(path.read_bytes(), "budget.pdf")
    source = SourceFile(file="budget.pdf", sha256="0" * 64, format="pdf", pages=layout.pages)
    truth = recognise_layout(layout, source)
    table = truth.tables_of("expenditure")[0]
    page = table.locator.page
    row, printed = _leaf(table, "6")
    wrong = printed.replace("6", "8", 1)
    n, line = next((n, line) for n, line in enumerate(layout.lines) if line.page == page
                   and line.grid is not None and line.cells and line.cells[0].text == row.code)
    first = next(i for i, c in enumerate(line.cells) if c.text.replace(",", "") == printed)
    cells = tuple(replace(c, text=wrong) if i == first else c for i, c in enumerate(line.cells))
    layout.lines[n] = replace(line, cells=cells)
    layout.problems.append(ReadProblem("page.ocr", page=page, details={"page": str(page), "skew": "0.0"}))
    read = recognise_layout(layout, source)
    corrected = read.tables_of("expenditure")[0]
    assert [r.values for r in corrected.rows] == [r.values for r in table.rows]
    assert [(p.code, dict(p.params)["after"]) for p in read.problems if p.code.startswith("ocr.")] \
        == [("ocr.corrected", printed)]
