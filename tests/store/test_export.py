"""Exports keep amounts exact; the Fiscal Data Package validates with frictionless."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from frictionless import validate
from openpyxl import load_workbook
from typer.testing import CliRunner

from cnbudget.cli.main import app
from cnbudget.query.api import Database
from cnbudget.store.synthetic import full_document


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database(tmp_path / "e.db")
    for i, factor in enumerate((Decimal("1.003"), Decimal("2.5"))):
        database.store.store(full_document(f"某局{i}", str(i), "某市", 2020, factor=factor))
    # a cent-level amount and a sub-cent figure, which a float would not keep
    doc = full_document("某局9", "9", "某市", 2021)
    doc.tables[0].rows[0].values["amount"] = Decimal("12345678901.23")
    doc.tables[0].rows[1].values["amount"] = Decimal("0.0001")
    database.store.store(doc)
    yield database
    database.close()


def test_formats_round_trip_exactly(db: Database, tmp_path: Path) -> None:
    frame = db.line_items()
    amounts = [v for v in frame["amount"] if v is not None]
    assert Decimal("12345678901.23") in amounts and Decimal("0.0001") in amounts

    db.export(frame, tmp_path / "x.csv", unit="元", keys=True)
    with (tmp_path / "x.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert [Decimal(r["amount"]) if r["amount"] else None for r in rows] == list(frame["amount"])

    db.export(frame, tmp_path / "x.parquet")
    table = pq.read_table(tmp_path / "x.parquet")
    assert str(table.schema.field("amount").type).startswith("decimal128")
    assert table.column("amount").to_pylist() == list(frame["amount"])

    db.export(frame, tmp_path / "x.jsonl")
    lines = (tmp_path / "x.jsonl").read_text(encoding="utf-8").splitlines()
    parsed = [json.loads(line, parse_float=Decimal) for line in lines]
    assert [None if p["amount"] is None else Decimal(p["amount"]) for p in parsed] \
        == list(frame["amount"])
    assert parsed[0]["department"] == frame["department"].iloc[0]

    db.export(frame, tmp_path / "x.xlsx")  # for people: 万元, as printed
    sheet = load_workbook(tmp_path / "x.xlsx").active
    header = [c.value for c in sheet[1]]
    col = header.index("金额（万元）")
    xlsx_amounts = [r[col] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert [None if v is None else Decimal(repr(v)) for v in xlsx_amounts] \
        == [None if v is None else v / 10000 for v in frame["amount"]]


def test_fiscal_data_package_validates(db: Database, tmp_path: Path) -> None:
    descriptor = db.fiscal_data_package(tmp_path / "fdp")
    report = validate(str(descriptor))
    assert report.valid, report.flatten(["type", "note"])
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    assert package["model"]["measures"]["amount"]["currency"] == "CNY"
    with (tmp_path / "fdp" / "line-items.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    values = db.line_items()
    assert len(rows) == int(values["amount"].notna().sum())
    assert {r["phase"] for r in rows} == {"approved"}
    assert sum(Decimal(r["amount"]) for r in rows) == sum(
        v for v in values["amount"] if v is not None)


def test_cli_export(db: Database, tmp_path: Path) -> None:
    runner = CliRunner()
    for what, extra, out in (
        ("line-items", ["--table", "three_public"], "t.parquet"),
        ("disclosures", [], "d.csv"),
        ("sql", ["--sql", "SELECT code, amount FROM line_items_long WHERE code = '201'"],
         "s.jsonl"),
        ("compare", ["--year", "2020"], "c.xlsx"),
        ("fdp", [], "pkg"),
    ):
        result = runner.invoke(app, ["export", what, "-o", str(tmp_path / out), "--db", db.url,
                                     *extra])
        assert result.exit_code == 0, result.output
        assert (tmp_path / out).exists()
    assert len(pq.read_table(tmp_path / "t.parquet")) == len(
        db.line_items(table_type="three_public"))
    # 3 documents × 2 functional tables (expenditure, general_public) × 3 columns
    assert len((tmp_path / "s.jsonl").read_text(encoding="utf-8").splitlines()) == 3 * 2 * 3


def test_cli_exports_indicators_with_their_printed_columns(tmp_path: Path) -> None:
    from cnbudget.samples import budget_sample

    doc = budget_sample()
    indicators = [i for t in doc.tables for r in t.rows for i in r.indicators or []]
    indicators[0].texts["extra:度量单位"] = "个"
    with Database(tmp_path / "i.db") as database:
        database.store.store(doc)
        url = database.url
    result = CliRunner().invoke(app, ["export", "indicators", "-o", str(tmp_path / "i.jsonl"), "--db", url])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in (tmp_path / "i.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(lines) == len(indicators) > 0
    assert [x.get("extra:度量单位") for x in lines].count("个") == 1
