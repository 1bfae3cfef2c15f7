"""Query results as a person reads them: labelled headers, coded values named,
amounts in the unit disclosures print (万元, or 元 on request), and the wide
layout (one row per printed row, one column per figure) beside the long one.

Amounts stay exact `Decimal`s: 元 → 万元 is a shift of the decimal point, never
a rounding; the two decimals are the XLSX number format's (`#,##0.00`) and the
display's business.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from cnbudget.lang import current
from cnbudget.model.table_types import TABLE_TYPES
from cnbudget.query.columns import column_label, is_money, value_label
from cnbudget.query.display import UNITS

# what the rows of one printed table row share; the figures become its columns
WIDE_INDEX = ("disclosure_id", "department", "department_code", "region", "year", "kind",
              "scope", "document_id", "file", "table_type", "table_title", "printed_unit",
              "row_no", "side", "code", "item", "name", "page")


@dataclass(slots=True)
class Presented:
    """A frame with people's headers; which headers are amounts, percentages."""

    frame: pd.DataFrame
    money: list[str] = field(default_factory=list)
    percent: list[str] = field(default_factory=list)


def _amount(value: object, divisor: Decimal) -> object:
    if isinstance(value, Decimal):
        return value / divisor if value.is_finite() else None
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, int | float):
        return Decimal(str(value)) / divisor
    return value


def _figure_header(table_type: str | None, key: str) -> str | None:
    """The printed header of a figure column of `table_type` (合计, 基本支出 …)."""
    known = TABLE_TYPES.get(table_type or "")
    column = known.column(key) if known else None
    if column is None or column.text:
        return None
    return column.header if current() == "zh" else key


def present(frame: pd.DataFrame, *, unit: str = "万元", keys: bool = False,
            table_type: str | None = None, converted: bool = False) -> Presented:
    """`frame` for people: headers labelled (unless `keys`), coded values named, amount
    columns (and the figure columns of a wide `table_type` frame) in `unit` (already
    in it when `converted`: only the headers say so)."""
    divisor = Decimal(1) if converted else UNITS[unit]
    out = frame.copy()
    money: list[str] = []
    percent: list[str] = []
    headers: list[str] = []
    for column in frame.columns:
        name = str(column)
        figure = _figure_header(table_type, name) if name not in frame.attrs.get("index", ()) \
            else None
        if is_money(name) or figure is not None:
            out[column] = [_amount(v, divisor) for v in frame[column]]
            label = name if keys else (figure or column_label(name, unit))
            if keys or figure is not None:
                label = f"{label}（{unit}）" if current() == "zh" and not keys else \
                    f"{label} ({unit})" if not keys else name
            money.append(label)
        else:
            if not keys:
                out[column] = [value_label(name, v) for v in frame[column]]
            label = name if keys else column_label(name)
            if name.endswith("_pct"):
                percent.append(label)
        headers.append(label)
    if "unit" in frame.columns and "value" in frame.columns:  # facts: 元 values in `unit`
        yuan = [u == "元" for u in frame["unit"]]
        value_at = list(frame.columns).index("value")
        unit_at = list(frame.columns).index("unit")
        out.iloc[:, value_at] = [_amount(v, divisor) if y else v
                                 for v, y in zip(frame["value"], yuan, strict=True)]
        out.iloc[:, unit_at] = [unit if y else u for u, y in zip(frame["unit"], yuan, strict=True)]
    out.columns = headers
    return Presented(out, money, percent)


def wide_line_items(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Line items (one row per printed value) → per table type, one row per printed row
    with one column per figure, in the order the table type prints them."""
    result: dict[str, pd.DataFrame] = {}
    if frame.empty:
        return result
    index = [c for c in WIDE_INDEX if c in frame.columns]
    for table_type, group in frame.groupby("table_type", sort=False):
        known = TABLE_TYPES.get(str(table_type))
        rows: dict[tuple[object, ...], dict[str, object]] = {}
        seen: list[str] = []
        for record in group.to_dict(orient="records"):
            key = tuple(None if _missing(record[c]) else record[c] for c in index)
            column = str(record["column"])
            if column not in seen:
                seen.append(column)
            rows.setdefault(key, {}).setdefault(column, record["amount"])
        order = [c for c in (known.value_keys if known else ()) if c in seen]
        figures = order + [c for c in seen if c not in order]
        wide = pd.DataFrame([[*key, *(values.get(c) for c in figures)]
                             for key, values in rows.items()], columns=[*index, *figures])
        wide = wide.sort_values([c for c in ("disclosure_id", "document_id", "row_no")
                                 if c in wide.columns], kind="stable").reset_index(drop=True)
        wide.attrs["index"] = tuple(index)
        result[str(table_type)] = wide
    return result


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value))
