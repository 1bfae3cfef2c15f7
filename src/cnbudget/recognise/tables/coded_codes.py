"""Codes printed in pieces or cut short, made whole.

`201 | 03 | 01` and `3010 1` join to "2010301" and "30101". A code cut short
by a narrow cell (seed 001 公开06: `3010` before 津贴补贴) is completed from
the printed name when the catalogue's code for that name starts with the
printed digits; anything else is left for the caller to report.
"""

from __future__ import annotations

from cnbudget.normalise.classification import economic_code_for_name, functional_code_for_name
from cnbudget.normalise.codes import FUNCTIONAL, code_family, join_code


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
