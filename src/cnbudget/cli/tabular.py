"""How a command prints a result, as sqlite-utils does: `--table` (default, for
people: labelled headers, amounts with thousands separators), `--csv`, `--tsv`,
`--nl` (one JSON object a line), `--json` (an array). The machine shapes carry
the column keys and codes as stored; amounts in the chosen unit (exact decimal
text). Off a terminal the table is never wrapped to 80 columns (cli.console)."""

from __future__ import annotations

import csv
import json
import sys
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

import typer

from cnbudget.cli.console import EXIT_UNUSABLE, out, say_error
from cnbudget.lang import t

if TYPE_CHECKING:
    import pandas as pd
    from rich.table import Table as RichTable


class Shape(StrEnum):
    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    NL = "nl"
    JSON = "json"


CSV_OPTION = typer.Option(False, "--csv", help="Print CSV (column keys) on stdout.")
TSV_OPTION = typer.Option(False, "--tsv", help="Print tab-separated values on stdout.")
NL_OPTION = typer.Option(False, "--nl", help="Print one JSON object per line on stdout.")
JSON_OPTION = typer.Option(False, "--json", help="Print the data as JSON on stdout.")
TABLE_OPTION = typer.Option(False, "--table", help="Print a table for people (the default).")


def shape_of(*, csv_: bool = False, tsv: bool = False, nl: bool = False, json_: bool = False,
             table: bool = False) -> Shape:
    chosen = [s for s, on in ((Shape.CSV, csv_), (Shape.TSV, tsv), (Shape.NL, nl),
                              (Shape.JSON, json_), (Shape.TABLE, table)) if on]
    if len(chosen) > 1:
        say_error(t("--csv、--tsv、--nl、--json、--table 只能选一个",
                    "choose one of --csv, --tsv, --nl, --json, --table"))
        raise typer.Exit(EXIT_UNUSABLE)
    return chosen[0] if chosen else Shape.TABLE


def plain(value: object) -> object:
    """A JSON-ready value: Decimal as exact text, dates as ISO, NaN as null."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, Decimal):
        return format(value, "f") if value.is_finite() else None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def records(frame: pd.DataFrame) -> list[dict[str, object]]:
    return [{str(k): plain(v) for k, v in r.items()} for r in frame.to_dict(orient="records")]


def cell(value: object) -> str:
    value = plain(value)
    return "" if value is None else str(value)


def print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def print_machine(frame: pd.DataFrame, shape: Shape) -> None:
    """The frame on stdout as CSV, TSV, JSON Lines or a JSON array (keys as they are)."""
    if shape is Shape.JSON:
        print_json(records(frame))
    elif shape is Shape.NL:
        for record in records(frame):
            print(json.dumps(record, ensure_ascii=False, default=str))
    else:
        writer = csv.writer(sys.stdout, delimiter="," if shape is Shape.CSV else "\t",
                            lineterminator="\n")
        writer.writerow([str(c) for c in frame.columns])
        for row in frame.itertuples(index=False):
            writer.writerow([cell(v) for v in row])
    sys.stdout.flush()


def rich_table(*headers: str, title: str | None = None, numeric: tuple[str, ...] = ()) -> RichTable:
    """A table that folds long cells rather than cutting them: stdout is data."""
    from rich.table import Table as RichTable

    table = RichTable(title=title)
    for header in headers:
        table.add_column(header, overflow="fold",
                         justify="right" if header in numeric else "left")
    return table


def print_people(frame: pd.DataFrame, *, unit: str = "万元", title: str | None = None,
                 keys_as_is: bool = False, converted: bool = False) -> None:
    """The frame as a table for people: labelled headers, named codes, amounts in `unit`
    (already, when `converted`) with thousands separators (cnbudget.query.presentation)."""
    from cnbudget.query.presentation import present

    if keys_as_is:  # an SQL result: its own column names, its own values
        table = rich_table(*(str(c) for c in frame.columns), title=title)
        for row in frame.itertuples(index=False):
            table.add_row(*(cell(v) for v in row))
        out.print(table)
        return
    shown = present(frame, unit=unit, converted=converted)
    table = rich_table(*(str(c) for c in shown.frame.columns), title=title,
                       numeric=tuple(shown.money))
    money = set(shown.money)
    for row in shown.frame.itertuples(index=False):
        table.add_row(*(_money(v) if h in money else cell(v)
                        for h, v in zip(shown.frame.columns, row, strict=True)))
    out.print(table)


def _money(value: object) -> str:
    from cnbudget.query.display import fmt

    if isinstance(value, Decimal) and value.is_finite():
        return fmt(value, "元")  # already in the unit: two places, thousands separated
    return cell(value)
