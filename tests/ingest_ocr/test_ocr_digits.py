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
