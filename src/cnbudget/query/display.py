"""Amounts for people: yuan → 万元 with two decimals (the unit disclosures print),
or yuan as stored, with thousands separators (1,234.56). Exact `Decimal`
arithmetic; rounding half up as printed."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

UNITS = {"万元": Decimal(10000), "元": Decimal(1)}
TWO = Decimal("0.01")


def in_unit(amount: Decimal | None, unit: str = "万元") -> Decimal | None:
    if amount is None or (isinstance(amount, float) and pd.isna(amount)):
        return None
    return (Decimal(amount) / UNITS[unit]).quantize(TWO, rounding=ROUND_HALF_UP)


def fmt(amount: Decimal | None, unit: str = "万元") -> str:
    value = in_unit(amount, unit)
    return "" if value is None else f"{value:,}"


def fmt_change(amount: Decimal | None, unit: str = "万元") -> str:
    value = in_unit(amount, unit)
    return "" if value is None else f"{value:+,}"


def fmt_pct(pct: Decimal | None) -> str:
    if pct is None or (isinstance(pct, float) and pd.isna(pct)):
        return ""
    return f"{pct:+}%"


def convert_amounts(frame: pd.DataFrame, columns: list[str], unit: str) -> pd.DataFrame:
    """A copy with the amount columns in `unit` (exact Decimals, two places)."""
    out = frame.copy()
    for column in columns:
        if column in out:
            out[column] = [in_unit(v, unit) for v in out[column]]
    return out
