"""Write any query result (a DataFrame) as CSV, TSV, XLSX, Parquet or JSON Lines.

CSV, TSV and XLSX are for people (cnbudget.query.presentation): headers in the
current language with the unit (`金额（万元）`), coded values named, amounts in
万元 as disclosures print them (元 with `unit="元"`; the column keys and codes
with `keys=True`); CSV and TSV start with a UTF-8 BOM so that Excel reads them
as UTF-8 (`bom=False` to omit it); XLSX as cnbudget.query.workbook describes.
Parquet and JSON Lines are for programs: the keys and the amounts in 元 as
stored. Amounts stay exact: fixed-point decimal text in CSV, decimal128 in
Parquet, exact JSON numbers in JSON Lines. XLSX cells are numbers (Excel holds
binary floating point: exact to 15 significant digits, i.e. every printed amount).
Text never becomes a formula: CSV cells starting with = + - @ get a leading `'`
(OWASP), XLSX cells are written as text (cnbudget.output). Files are written
atomically, never through a symbolic link nor over the database read.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

import pandas as pd

from cnbudget.extras import require
from cnbudget.model.contract import exact_json
from cnbudget.output import atomic_output, csv_text
from cnbudget.query.presentation import Presented, present
from cnbudget.query.workbook import write_workbook

FORMATS = ("csv", "tsv", "xlsx", "parquet", "jsonl")
PEOPLE_FORMATS = ("csv", "tsv", "xlsx")


def format_for(path: Path, fmt: str | None) -> str:
    chosen = (fmt or path.suffix.lstrip(".")).lower()
    chosen = {"ndjson": "jsonl", "pq": "parquet", "xls": "xlsx"}.get(chosen, chosen)
    if chosen not in FORMATS:
        raise ValueError(f"unknown export format {chosen!r}; one of {', '.join(FORMATS)}")
    return chosen


def _plain(value: object) -> object:
    if value is None or (isinstance(value, float) and value != value):  # None or NaN
        return None
    if isinstance(value, Decimal):
        return value  # exact_json writes its own digits
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _jsonl(frame: pd.DataFrame, path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for record in frame.to_dict(orient="records"):
            fh.write(exact_json({str(k): _plain(v) for k, v in record.items()}, indent=None) + "\n")


def _decimal_type(values: list[Decimal]):  # -> pyarrow.DataType | None
    """The narrowest decimal128 holding every value exactly; None beyond 38 digits."""
    pa = require("pyarrow", "parquet")
    scale = max(0, *(-v.as_tuple().exponent for v in values))
    int_digits = max(1, *(v.adjusted() + 1 for v in values if v != 0))
    precision = int_digits + scale
    return pa.decimal128(precision, scale) if precision <= 38 else None


def _parquet(frame: pd.DataFrame, path: Path) -> None:
    pa = require("pyarrow", "parquet")  # the [parquet] extra
    pq = require("pyarrow.parquet", "parquet")
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


def _csv_cell(value: object) -> object:
    # fixed-point text: str(Decimal) may be 1E+3
    return format(value, "f") if isinstance(value, Decimal) else csv_text(value)


def _delimited(presented: Presented, path: Path, sep: str, bom: bool) -> None:
    presented.frame.map(_csv_cell).to_csv(path, index=False, sep=sep,
                                          encoding="utf-8-sig" if bom else "utf-8")


def export_sheets(sheets: dict[str, pd.DataFrame], path: Path, fmt: str | None = None, *,
                  inputs: Iterable[Path | str] = (), follow_symlinks: bool = False,
                  unit: str = "万元", keys: bool = False, bom: bool = True,
                  table_types: dict[str, str] | None = None) -> Path:
    """Write one or more named frames (the sheets of an XLSX; CSV and the other formats
    take exactly one) to `path` atomically; never over one of `inputs` (the database)
    nor through a symbolic link unless `follow_symlinks` (cnbudget.output). A wide
    frame names its table type in `table_types` so its figure columns get their
    printed headers."""
    chosen = format_for(path, fmt)
    if chosen != "xlsx" and len(sheets) != 1:
        raise ValueError(f"{chosen} holds one table, here {len(sheets)} "
                         f"({', '.join(sheets)}): choose one (--table) or write XLSX")
    kinds = table_types or {}
    with atomic_output(path, inputs, follow_symlinks=follow_symlinks) as temporary:
        if chosen in PEOPLE_FORMATS:
            presented = [(name, present(frame, unit=unit, keys=keys, table_type=kinds.get(name)))
                         for name, frame in sheets.items()]
            if chosen == "xlsx":
                write_workbook(temporary, presented)
            else:
                _delimited(presented[0][1], temporary, "," if chosen == "csv" else "\t", bom)
        elif chosen == "parquet":
            _parquet(next(iter(sheets.values())), temporary)
        else:
            _jsonl(next(iter(sheets.values())), temporary)
    return path


def export_frame(frame: pd.DataFrame, path: Path, fmt: str | None = None, *,
                 inputs: Iterable[Path | str] = (), follow_symlinks: bool = False,
                 unit: str = "万元", keys: bool = False, bom: bool = True,
                 sheet: str = "结果") -> Path:
    """Write `frame` to `path` atomically (see `export_sheets`)."""
    return export_sheets({sheet: frame}, path, fmt, inputs=inputs,
                         follow_symlinks=follow_symlinks, unit=unit, keys=keys, bom=bom)
