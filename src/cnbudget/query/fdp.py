"""A Fiscal Data Package: datapackage.json + one CSV of line items, the form
OpenSpending-style tools load.

One CSV row per value (long form) with the disclosure's department, region
and year, the table, the row's classification code or item, the column and
the amount in yuan (exact decimal text). The descriptor declares the
`tabular-data-package` profile (so any Frictionless tool validates it
offline) and carries the Fiscal Data Package `model` (measures and
dimensions) OpenSpending reads.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pandas as pd

from cnbudget import __version__
from cnbudget.output import atomic_output, csv_text, write_text

PHASES = {"budget": "approved", "final_account": "executed"}

# (CSV column, Table Schema type, description)
FIELDS: tuple[tuple[str, str, str], ...] = (
    ("disclosure_id", "integer", "cnbudget disclosure id"),
    ("document_id", "integer", "cnbudget document id (the source file)"),
    ("department", "string", "department (latest printed name)"),
    ("department_code", "string", "department code as printed"),
    ("region", "string", "region (province/city/district/county)"),
    ("year", "integer", "fiscal year"),
    ("phase", "string", "approved (预算) or executed (决算)"),
    ("scope", "string", "department (部门) or unit (单位)"),
    ("table_type", "string", "table type (cnbudget catalogue)"),
    ("table_title", "string", "table title as printed"),
    ("side", "string", "income or expenditure (summary tables)"),
    ("code", "string", "functional or economic classification code"),
    ("item", "string", "named row (total, outbound, …)"),
    ("unit_code", "string", "sub-unit code of an interleaved unit row"),
    ("name", "string", "row name as printed"),
    ("column", "string", "value column"),
    ("amount", "number", "amount in yuan (元)"),
)


def _text(value: object) -> object:
    if isinstance(value, Decimal):
        return format(value, "f")
    return csv_text(value)  # a row name starting with = is no formula in a spreadsheet


def write_fiscal_data_package(line_items: pd.DataFrame, out_dir: Path,
                              name: str = "cnbudget-line-items") -> Path:
    """Write `datapackage.json` and `line-items.csv` into `out_dir`; returns the
    descriptor's path. `line_items` is `Database.line_items()` output."""
    out_dir.mkdir(parents=True, exist_ok=True)
    frame = line_items.copy()
    frame["phase"] = frame["kind"].map(PHASES)
    frame = frame[[f[0] for f in FIELDS]]
    # amounts NULL (a cell printed empty) are not values: the package lists values
    frame = frame[frame["amount"].notna()]
    csv_path = out_dir / "line-items.csv"
    with atomic_output(csv_path) as temporary:
        frame.map(_text).to_csv(temporary, index=False, encoding="utf-8")
    years = sorted({int(y) for y in frame["year"].dropna()})
    descriptor = {
        "profile": "tabular-data-package",
        "name": name,
        "title": "Chinese departmental budget and final-account line items (cnbudget)",
        "created_by": f"cnbudget {__version__}",
        "countryCode": "CN",
        "granularity": "aggregated",
        **({"fiscalPeriod": {"start": f"{years[0]}-01-01", "end": f"{years[-1]}-12-31"}}
           if years else {}),
        "resources": [{
            "name": "line-items",
            "path": csv_path.name,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {
                "fields": [
                    {"name": n, "type": t, "description": d}
                    for n, t, d in FIELDS
                ],
            },
        }],
        "model": {
            "measures": {"amount": {"source": "amount", "currency": "CNY", "factor": 1}},
            "dimensions": {
                "administrative-classification": {
                    "dimensionType": "classification",
                    "attributes": {
                        "department": {"source": "department"},
                        "code": {"source": "department_code"},
                        "region": {"source": "region"},
                    },
                    "primaryKey": ["department", "region"],
                },
                "date": {"dimensionType": "datetime",
                         "attributes": {"year": {"source": "year"}}, "primaryKey": ["year"]},
                "phase": {"dimensionType": "other",
                          "attributes": {"phase": {"source": "phase"}}, "primaryKey": ["phase"]},
                "classification": {
                    "dimensionType": "classification",
                    "attributes": {
                        "table": {"source": "table_type"}, "side": {"source": "side"},
                        "code": {"source": "code"}, "item": {"source": "item"},
                        "unit": {"source": "unit_code"}, "label": {"source": "name"},
                        "column": {"source": "column"},
                    },
                    "primaryKey": ["table", "side", "code", "item", "unit", "column"],
                },
                "source": {"dimensionType": "other",
                           "attributes": {"document": {"source": "document_id"}},
                           "primaryKey": ["document"]},
            },
        },
    }
    path = out_dir / "datapackage.json"
    write_text(path, json.dumps(descriptor, ensure_ascii=False, indent=2))
    return path
