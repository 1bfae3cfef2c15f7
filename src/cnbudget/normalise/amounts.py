"""Printed numbers to exact `Decimal`, repairing what text extraction breaks.

Extraction splits numbers (`37,83 2.13`, `604. 4`, `1,107.5 6`), prints empty
as `-`/`—`/`–`, and uses full-width digits. A negative is printed `-1.00`,
`−1.00` (the minus sign, U+2212), `(1.00)` or, in accounting forms, `△1.00`. `parse_amount` takes one cell's text;
`to_yuan` converts by the unit printed for the table.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from cnbudget.normalise.text import nfkc

EMPTY_MARKS = frozenset({"", "-", "--", "—", "——", "/", "－", "─", "…", "0-",
                         "–", "––", "―", "――", "−", "‒"})

# signs a minus is printed with: the minus sign, the small and the figure dash (NFKC keeps
# them); △ (▲), the accounting forms' mark of a negative amount, before the digits
_MINUS_SIGNS = str.maketrans({"−": "-", "‒": "-", "﹣": "-"})
_NEGATIVE_MARK = re.compile(r"^[△▲]\s*(?=[\d.,])")

UNIT_FACTORS: dict[str, Decimal] = {
    "元": Decimal(1),
    "千元": Decimal(1000),
    "万元": Decimal(10000),
    "亿元": Decimal(100000000),
}

_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$")
_INNER_SPACE = re.compile(r"(?<=[\d.,])\s+(?=[\d.,])")


def clean_number_text(text: str) -> str:
    """Width-fold and join the pieces of a number split by spaces."""
    t = _NEGATIVE_MARK.sub("-", nfkc(text).strip().translate(_MINUS_SIGNS).replace("，", ","))
    t = _INNER_SPACE.sub("", t)
    if t.startswith("(") and t.endswith(")"):
        t = "-" + t[1:-1]
    return t


def is_empty_mark(text: str) -> bool:
    return nfkc(text).strip() in EMPTY_MARKS


def is_number(text: str) -> bool:
    """A printed number or an empty mark (`-`, `——`): what an amount cell holds."""
    t = text.strip()
    if not t:
        return False
    if is_empty_mark(t):
        return True
    try:
        parse_amount(t)
    except ValueError:
        return False
    return True


# a number or a piece of one that extraction cut at a space (`604.`, `37,83`, `1,107.5`)
_NUMBER_PIECE = re.compile(r"^[+-]?(\d[\d,]*)?(\.\d*)?%?$|^[+-]?\d[\d,]*\.?$")


def is_number_piece(text: str) -> bool:
    """A number, an empty mark or a piece extraction cut from a number (`604.`).
    Unlike `is_number`, a parenthesised `(1)` is not one: in space-split rows it
    numbers a line (a negative amount in brackets is printed in grid tables)."""
    t = text.strip()
    if not t:
        return False
    if is_empty_mark(t):
        return True
    compact = t.replace(" ", "")
    return bool(_NUMBER_PIECE.match(compact)) and any(ch.isdigit() for ch in compact)


# an amount as money prints it inside running text: decimals or thousands groups, not
# touching another digit, a point, a % or a unit word, nor a space and a unit
# (2.5万元, 3,970,000 元, 0.1 米, 10.5 %, V2.0 are no amounts: the text states them)
_MONEY_IN_TEXT = re.compile(
    r"(?<![\d.,%A-Za-z])[-－]?(?:\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+\.\d{1,2})"
    r"(?![\d.,%‰A-Za-z万亿元千百倍个人次项吨米])(?!\s+(?:[万亿千]?元|%|‰|米|公里|平方|吨|倍))")

_OUTLINE_NUMBER = re.compile(r"^\d{1,2}\.\d$")  # 1.1 子项: a heading's number, leading its name


def money_in_text(text: str) -> list[str]:
    """The money-looking figures printed inside a text (a name or label): `120.00`,
    `1,200`. Years, codes, ordinals and plain integers (5G, 12345热线, 第1季度,
    （2）) are not: an integer in a name is as often part of it as not."""
    t = nfkc(text).strip()
    return [m.group() for m in _MONEY_IN_TEXT.finditer(t)
            if not (m.start() == 0 and _OUTLINE_NUMBER.match(m.group()))]


# an amount printed with its unit in running text (其中项目支出40.00万元, 1,200元)
_AMOUNT_WITH_UNIT = re.compile(r"[-−]?\d[\d,]*(?:\.\d+)?\s*(?:亿元|万元|千元|元)")


def amounts_with_unit(text: str) -> list[str]:
    """The amounts a text prints with their unit, as printed (spaces taken out)."""
    return [m.replace(" ", "") for m in _AMOUNT_WITH_UNIT.findall(text)]


def looks_like_amount(text: str) -> bool:
    """True for a printed number (not an empty mark)."""
    try:
        return parse_amount(text) is not None
    except ValueError:
        return False


@lru_cache(maxsize=1 << 16)  # cells are parsed by several matchers; Decimal is immutable
def parse_amount(text: str) -> Decimal | None:
    """The exact value of a printed number; None for an empty cell or mark.

    Raises ValueError when the text is not a number at all, so callers can
    tell an empty cell from a cell they misread.
    """
    if is_empty_mark(text):
        return None
    t = clean_number_text(text)
    if t.endswith("%"):
        t = t[:-1]
    if not _NUMBER.match(t) or not any(ch.isdigit() for ch in t):
        # a number broken by extraction across a thousands group: "37,83 2.13"
        joined = t.replace(",", "")
        if not re.fullmatch(r"[+-]?\d+(\.\d+)?", joined):
            raise ValueError(f"not a number: {text!r}")
        t = joined
    try:
        return Decimal(t.replace(",", ""))
    except InvalidOperation as exc:
        raise ValueError(f"not a number: {text!r}") from exc


def to_yuan(value: Decimal | None, unit: str | None) -> Decimal | None:
    """Convert a printed amount to yuan by the table's unit (None: as printed)."""
    if value is None:
        return None
    factor = UNIT_FACTORS.get(unit or "元", Decimal(1))
    result = value * factor
    # keep integral yuan integral (4097.11 万元 → 40971100, not 40971100.00)
    if result == result.to_integral_value():
        return result.quantize(Decimal(1))
    return result.normalize()


def decimals_printed(text: str) -> int:
    """How many decimals a printed number shows: the basis of rounding slack."""
    t = clean_number_text(text).rstrip("%")
    return len(t.split(".", 1)[1]) if "." in t else 0
