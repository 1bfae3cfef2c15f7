"""The table's identities check the figures OCR read: confirmed, corrected or reported.

OCR mistakes some digits for others of like shape (6/8, 1/7, 0/8, 3/8, 5/6).
For a table read from scanned pages whose identities (`identities`: 合计 =
Σ parts, 类 = Σ 款, 基本 + 项目 = 合计 …) fail, every such one-digit swap in
every OCR'd figure is tried: a swap that makes failing identities hold without
breaking one that held is a candidate, and where one candidate leaves fewer
identities failing than every other (a misread total breaks its row and its
column; mending a part instead mends only one) it is applied and recorded
(`ocr.corrected`, recovered, with the figure before and after). Where none or
several fit as well, nothing is guessed: each identity still failing is
reported (`ocr.unconfirmed`, partial, naming the identity). Never a confident
wrong number.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from cnbudget.model import Locator, Problem, Row, Table
from cnbudget.model.problems import problem_of
from cnbudget.recognise.identities import EXTRA, identities, unit_factor

# each digit and those OCR takes it for (the pairs both ways)
LOOK_ALIKE: dict[str, str] = {"6": "85", "8": "603", "1": "7", "7": "1", "0": "8", "3": "8", "5": "6"}
_ROUNDS = 3  # corrections one table may take (each must be the only fit at its turn)


@dataclass(frozen=True, slots=True)
class _Swap:
    row: Row
    key: str
    before: Decimal
    after: Decimal
    printed_before: str
    printed_after: str
    failing: int  # identities still failing with the swap


def _failing(table: Table) -> set[str]:
    return {i.what for i in identities(table) if not i.holds}


def _printed(value: Decimal, factor: Decimal, decimals: int | None) -> str:
    shown = value / factor
    if decimals is not None:
        try:
            shown = shown.quantize(Decimal(1).scaleb(-decimals))
        except InvalidOperation:
            pass
    return format(shown, "f")


def _swaps(table: Table, pages: frozenset[int], failing: set[str]) -> list[_Swap]:
    """Every one-digit swap that mends some failing identity and breaks none."""
    factor = unit_factor(table)
    found: list[_Swap] = []
    for row in table.rows:
        if row.locator is None or row.locator.page not in pages:
            continue
        for key, value in list(row.values.items()):
            if value is None or key.startswith(EXTRA):
                continue
            printed = _printed(value, factor, table.decimals)
            for i, ch in enumerate(printed):
                for other in LOOK_ALIKE.get(ch, ""):
                    text = printed[:i] + other + printed[i + 1:]
                    after = Decimal(text) * factor
                    row.values[key] = after
                    now = _failing(table)
                    row.values[key] = value
                    if now < failing:
                        found.append(_Swap(row, key, value, after, printed, text, len(now)))
    return found


def _label(row: Row) -> str:
    return " ".join(x for x in (row.code, row.name) if x) or row.item or "?"


def check_ocr_digits(tables: list[Table], pages: frozenset[int]) -> list[Problem]:
    """Correct or report the figures of `tables` read by OCR (rows on `pages`)."""
    problems: list[Problem] = []
    for table in tables:
        if not any(r.locator is not None and r.locator.page in pages for r in table.rows):
            continue
        failing = _failing(table)
        for _ in range(_ROUNDS):
            if not failing:
                break
            swaps = sorted(_swaps(table, pages, failing), key=lambda s: s.failing)
            if not swaps or len(swaps) > 1 and swaps[1].failing == swaps[0].failing:
                break  # no fit, or two that fit as well: not ours to choose
            swap = swaps[0]
            swap.row.values[swap.key] = swap.after
            failing = _failing(table)
            problems.append(problem_of(
                "ocr.corrected", swap.row.locator, title=table.title, row=_label(swap.row),
                column=swap.key, before=swap.printed_before, after=swap.printed_after))
        page = next((r.locator.page for r in table.rows if r.locator and r.locator.page in pages), None)
        for what in sorted(failing):
            problems.append(problem_of("ocr.unconfirmed", Locator(page=page), title=table.title,
                                       identity=what))
    return problems
