"""Codes printed in pieces or cut short, made whole.

`201 | 03 | 01` and `3010 1` join to "2010301" and "30101". A code cut short
by a narrow cell (seed 001 公开06: `3010` before 津贴补贴) is completed from
the printed name when the catalogue's code for that name starts with the
printed digits; anything else is left for the caller to report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from cnbudget.normalise.classification import economic_code_for_name, functional_code_for_name
from cnbudget.normalise.codes import FUNCTIONAL, code_family, join_code
from cnbudget.recognise.tables.coded_rows import RowDraft


def is_functional(digits: str) -> bool:
    return code_family(digits) == FUNCTIONAL


def complete_code(pieces: list[str], name: str | None) -> str | None:
    code = join_code(*pieces)
    if code is not None:
        return code
    digits = "".join(p.strip() for p in pieces)
    if not name or not digits.isdigit():
        return None
    if is_functional(digits):
        found = functional_code_for_name(name)
    else:
        kind = "government" if digits.startswith("5") else "department"
        found = economic_code_for_name(name, kind=kind)
    if found is not None and found.startswith(digits) and len(found) > len(digits):
        return found
    return None


def complete_relative_codes(drafts: Sequence[RowDraft]) -> None:
    """Codes split over 类 | 款 | 项 columns where each row prints only its own
    level's digits (201 / ␣01 / ␣␣01): a 款's two digits follow the 类 above it, a
    项's the 款 above it. The column a code starts in says its level, counted from
    the column the 类 codes are printed in; a piece with no parent above is left."""
    starts = Counter(d.code_col for d in drafts if d.positional and len(d.code_text) == 3)
    if not starts:
        return
    base = starts.most_common(1)[0][0]
    if base is None:
        return
    above: list[str] = []  # the 类 and 款 codes of the rows above
    for d in drafts:
        digits = d.code_text
        if not d.positional or d.code_col is None or not digits.isdigit():
            continue
        level = d.code_col - base  # 0 类, 1 款, 2 项
        if len(digits) == 2 and len(d.codes) == 1 and level in (1, 2) and len(above) >= level:
            d.codes = [above[level - 1] + digits]
            digits = d.codes[0]
        if len(digits) in (3, 5, 7):
            above = [digits[:3], digits[:5]][: (len(digits) - 1) // 2]
