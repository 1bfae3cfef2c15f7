"""Write any query result (a DataFrame) as CSV, XLSX, Parquet or JSON Lines.

Amounts stay exact: fixed-point decimal text in CSV, decimal128 in Parquet,
exact JSON numbers in JSON Lines. XLSX cells are numbers (Excel holds binary
floating point: exact to 15 significant digits, i.e. every printed amount).
Text never becomes a formula: CSV cells starting with = + - @ get a leading `'`
(OWASP), XLSX cells are written as text (cnbudget.output). Files are written
atomically, never through a symbolic link nor over the database read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from cnbudget.output import atomic_output, csv_text, set_xlsx_text

if TYPE_CHECKING:  # pandas and pyarrow load when a frame is exported, not with the CLI
    import pandas as pd
    import pyarrow as pa

FORMATS = ("csv", "xlsx", "parquet", "jsonl")


def format_for(path: Path, fmt: str | None) -> str:
    chosen = (fmt or path.suffix.lstrip(".")).lower()
    chosen = {"ndjson": "jsonl", "pq": "parquet", "xls": "xlsx"}.get(chosen, chosen)
    if chosen not in FORMATS:
        raise ValueError(f"unknown export format {chosen!r}; one of {', '.join(FORMATS)}")
    return chosen


def _json_number(value: Decimal) -> int | float | str:
    """An exact JSON value: int when integral, float when its repr is the same
    decimal, else the decimal text (never a rounded number)."""
    if value == value.to_integral_value():
        return int(value)
    if Decimal(repr(float(value))) == value:
        return float(value)
    return str(value)


def _plain(value: object) -> object:
    if value is None or (isinstance(value, float) and value != value):  # None or NaN
        return None
    if isinstance(value, Decimal):
        return _json_number(value)
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _jsonl(frame: pd.DataFrame, path: Path) -> None:
    encoder = json.JSONEncoder(ensure_ascii=False)
    with path.open("w", encoding="utf-8") as fh:
        for record in frame.to_dict(orient="records"):
            fh.write(encoder.encode({k: _plain(v) for k, v in record.items()}) + "\n")


def _decimal_type(values: list[Decimal]) -> pa.DataType | None:
    """The narrowest decimal128 holding every value exactly; None beyond 38 digits."""
    import pyarrow as pa

    scale = max(0, *(-v.as_tuple().exponent for v in values))
    int_digits = max(1, *(v.adjusted() + 1 for v in values if v != 0))
    precision = int_digits + scale
    return pa.decimal128(precision, scale) if precision <= 38 else None


def _parquet(frame: pd.DataFrame, path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrays = []
    for column in frame.columns:
        values = [None if v is None or (isinstance(v, float) and v != v) else v
                  for v in frame[column]]
        decimals = [v for v in values if isinstance(v, Decimal)]
        kind = _decimal_type(decimals) if decimals else None
        if kind is not None and len(decimals) == sum(v is not None for v in values):
            arrays.append(pa.array(values, type=kind))
        elif decimals:  # mixed or too wide: exact text
            arrays.append(pa.array([None if v is None else str(v) for v in values]))
        else:
            arrays.append(pa.Array.from_pandas(frame[column]))
    pq.write_table(pa.Table.from_arrays(arrays, names=[str(c) for c in frame.columns]), path)


def _xlsx(frame: pd.DataFrame, path: Path) -> None:
    """Numbers as numbers, text as text: a name starting with = is never a formula."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for c, column in enumerate(frame.columns, start=1):
        set_xlsx_text(ws.cell(1, c), str(column))
    for r, row in enumerate(frame.itertuples(index=False), start=2):
        for c, raw in enumerate(row, start=1):
            # an amount is a number cell (exact to 15 digits), whatever its scale
            value = float(raw) if isinstance(raw, Decimal) and raw.is_finite() else _plain(raw)
            if value is None:
                continue
            if isinstance(value, str):
                set_xlsx_text(ws.cell(r, c), value)
            elif isinstance(value, int | float | bool):
                ws.cell(r, c, value)
            else:
                set_xlsx_text(ws.cell(r, c), str(value))
    wb.save(path)


def _csv_cell(value: object) -> object:
    # fixed-point text: str(Decimal) may be 1E+3
    return format(value, "f") if isinstance(value, Decimal) else csv_text(value)


def export_frame(frame: pd.DataFrame, path: Path, fmt: str | None = None, *,
                 inputs: Iterable[Path | str] = (), follow_symlinks: bool = False) -> Path:
    """Write `frame` to `path` atomically; never over one of `inputs` (the database)
    nor through a symbolic link unless `follow_symlinks` (cnbudget.output)."""
    chosen = format_for(path, fmt)
    with atomic_output(path, inputs, follow_symlinks=follow_symlinks) as temporary:
        if chosen == "csv":
            frame.map(_csv_cell).to_csv(temporary, index=False, encoding="utf-8")
        elif chosen == "xlsx":
            _xlsx(frame, temporary)
        elif chosen == "parquet":
            _parquet(frame, temporary)
        else:
            _jsonl(frame, temporary)
    return path
