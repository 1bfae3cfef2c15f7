"""Printed classification codes to digit strings, and their level (类/款/项).

Text extraction splits codes (`201 03 01` in separate 类/款/项 columns,
`3010 1` broken mid-code) and OCR prints full-width digits; these helpers put
them back together and refuse anything that is not a plausible code.
"""

from __future__ import annotations

import re

from cnbudget.normalise.text import nfkc

# Functional codes are 3/5/7 digits (类/款/项); economic codes 3/5 (类/款).
_LEVEL_BY_LENGTH = {3: 1, 5: 2, 7: 3}
_SPACE = re.compile(r"\s+")


def join_code(*parts: str) -> str | None:
    """Join the pieces of a split code: `join_code("201", "03", "01")` and
    `join_code("201 03 01")` both give "2010301"; "3010 1" gives "30101".

    Returns None unless the joined text is all digits of a code length (3, 5, 7).
    """
    joined = _SPACE.sub("", nfkc("".join(parts)))
    if not joined.isascii() or not joined.isdigit() or len(joined) not in _LEVEL_BY_LENGTH:
        return None
    return joined


def split_code(code: str) -> tuple[str, ...] | None:
    """A code in its 类/款/项 parts: "2010301" → ("201", "03", "01").

    Accepts the same split or full-width forms as `join_code`.
    """
    joined = join_code(code)
    if joined is None:
        return None
    return tuple(joined[start:end] for start, end in ((0, 3), (3, 5), (5, 7)) if start < len(joined))


def code_level(code: str) -> int | None:
    """类 = 1, 款 = 2, 项 = 3 (functional 3/5/7 digits; economic 3/5 digits)."""
    joined = join_code(code)
    return None if joined is None else _LEVEL_BY_LENGTH[len(joined)]


def parent_code(code: str) -> str | None:
    """The code one level up ("2010301" → "20103" → "201" → None)."""
    joined = join_code(code)
    if joined is None or len(joined) == 3:
        return None
    return joined[:-2]


FUNCTIONAL = "functional"
ECONOMIC = "economic"


def code_family(code: str) -> str | None:
    """The classification a code is in by its first digit: 支出功能分类 codes
    start with 2, 经济分类 with 3 (部门) or 5 (政府); None for any other."""
    if code.startswith("2"):
        return FUNCTIONAL
    if code.startswith(("3", "5")):
        return ECONOMIC
    return None
