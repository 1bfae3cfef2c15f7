"""What a rendered variant must read back as: the document as the variant
printed it (`variant_document`), table for table, cell for cell.

Compared: the standard tables and 机关运行经费 (the tables variants reshape),
matched by type and title (or subject); their unit and empty flag; rows by
key (side, code, item, unit_code) in printed order; each row's values
exactly, keys and figures. Explicitly:
- a column the contract has no key for stays `extra:<header>`, its header as
  the document has it, whatever the layout prints over it (a three-row
  header's heading, a 栏次 number, another template's words do not change it);
- what a layout prints that is no figure of the table is read as nothing: the
  序号 column, the 栏次 row, a repeated header row, the 收入/支出 lines of a
  stacked summary; read as values, they show as keys the document lacks;
- names and text columns are not compared (a variant prints a code and its
  name in one cell; the contract keys rows by code).
"""

from __future__ import annotations

from decimal import Decimal

from cnbudget.model import Document, Row, Table
from cnbudget.model.table_types import STANDARD_TYPES
from formats.test_roundtrip_extract import matched_rows, row_key, table_key

COMPARED_TYPES: frozenset[str] = frozenset({*STANDARD_TYPES, "operating_cost"})
MAX_SHOWN = 12  # differences listed per document, enough to see the pattern


def _label(row: Row) -> str:
    return "/".join(k for k in row_key(row) if k is not None) or f"(no key: {row.name})"


def _values(values: dict[str, Decimal | None]) -> str:
    return "{" + ", ".join(f"{k}: {v}" for k, v in values.items()) + "}"


def row_differences(want: Table, got: Table) -> list[str]:
    out: list[str] = []
    if (got.unit, got.empty) != (want.unit, want.empty):
        out.append(f"unit/empty {(got.unit, got.empty)} != {(want.unit, want.empty)}")
    pairs, left = matched_rows(want, got)
    for row, read in pairs:
        if read is None:
            out.append(f"row {_label(row)} {_values(row.values)} missing")
        elif read.values != row.values:
            out.append(f"row {_label(row)}: read {_values(read.values)} != printed {_values(row.values)}")
    out += [f"extra row {_label(r)} {_values(r.values)}" for r in left]
    return out


def document_differences(want: Document, got: Document) -> list[str]:
    """Every difference of the compared tables, each naming its table."""
    read: dict[tuple[str, str], list[Table]] = {}
    for table in got.tables:
        read.setdefault(table_key(table), []).append(table)
    out: list[str] = []
    for table in want.tables:
        if table.type not in COMPARED_TYPES:
            continue
        candidates = read.get(table_key(table))
        if not candidates:
            types = sorted({t.type for t in got.tables if t.title == table.title})
            out.append(f"{table.type} {table.title!r} not recognised" + (f" (read as {types})" if types else ""))
            continue
        out += [f"{table.type} {table.title!r}: {d}" for d in row_differences(table, candidates.pop(0))]
    # what is left was read but not printed (a table split in two, a heading taken for a table)
    out += [f"{t.type} {t.title!r}: read but not printed" for ts in read.values() for t in ts
            if t.type in COMPARED_TYPES]
    return out


def assert_reads_back(want: Document, got: Document, where: str) -> None:
    differences = document_differences(want, got)
    shown = "\n  ".join(differences[:MAX_SHOWN])
    more = f"\n  … {len(differences) - MAX_SHOWN} more" if len(differences) > MAX_SHOWN else ""
    assert not differences, f"{where}: {len(differences)} differences\n  {shown}{more}"
