"""Exports open right in Excel: CSV with a BOM, XLSX with Chinese headers carrying
the unit, a frozen and filtered header row, sized columns, amounts as numbers in
万元 formatted #,##0.00; the wide layout beside the long one. Checked by reading
the files back with openpyxl and python-calamine (Excel's view of the cells)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook
from typer.testing import CliRunner

from cnbudget.cli.main import app
from cnbudget.query.api import Database
from cnbudget.samples import budget_sample

BOM = b"\xef\xbb\xbf"


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database(tmp_path / "x.db")
    database.store.store(budget_sample())
    yield database
    database.close()


def _export(db: Database, *args: str) -> tuple[int, str, bytes]:
    result = CliRunner().invoke(app, ["export", *args, "--db", db.url])
    return result.exit_code, result.stderr, result.stdout_bytes


def test_csv_has_a_bom_chinese_headers_and_amounts_in_wan(db: Database, tmp_path: Path) -> None:
    code, err, _ = _export(db, "line-items", "-o", str(tmp_path / "x.csv"))
    assert code == 0, err
    data = (tmp_path / "x.csv").read_bytes()
    assert data.startswith(BOM)
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert {"部门", "年度", "表类型", "金额（万元）"} <= set(rows[0])
    raw = db.line_items()
    yuan = sum(v for v in raw["amount"] if v is not None)
    assert sum(Decimal(r["金额（万元）"]) for r in rows if r["金额（万元）"]) * 10000 == yuan
    assert {r["类型"] for r in rows} == {"预算"}
    code, err, _ = _export(db, "line-items", "-o", str(tmp_path / "y.csv"), "--no-bom",
                           "--keys", "--unit", "元")
    assert code == 0, err
    plain = (tmp_path / "y.csv").read_bytes()
    assert not plain.startswith(BOM)
    keyed = list(csv.DictReader(io.StringIO(plain.decode("utf-8"))))
    assert "amount" in keyed[0] and {r["kind"] for r in keyed} == {"budget"}
    assert sum(Decimal(r["amount"]) for r in keyed if r["amount"]) == yuan


def test_xlsx_opens_ready_to_read(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    code, err, _ = _export(db, "line-items", "-o", str(path))
    assert code == 0, err
    ws = load_workbook(path).active
    assert ws.title == "表格数据"
    header = [c.value for c in ws[1]]
    assert "金额（万元）" in header and "部门" in header
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{ws.cell(1, len(header)).column_letter}{ws.max_row}"
    amount = header.index("金额（万元）") + 1
    numbers = [ws.cell(r, amount) for r in range(2, ws.max_row + 1)
               if ws.cell(r, amount).value is not None]
    assert numbers and all(c.data_type == "n" and c.number_format == "#,##0.00" for c in numbers)
    name = header.index("部门") + 1
    width = ws.column_dimensions[ws.cell(1, name).column_letter].width
    assert width >= 2 * len("示例市数据资源管理局")  # a CJK character takes two columns
    # Excel's view: the value as a number in 万元
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("表格数据").to_python()
    total = sum(Decimal(str(r[amount - 1])) for r in sheet[1:] if r[amount - 1] != "")
    expected = sum(v for v in db.line_items()["amount"] if v is not None) / 10000
    assert abs(total - expected) < Decimal("0.001")


def test_wide_layout_has_one_column_per_figure(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "w.xlsx"
    code, err, _ = _export(db, "line-items", "--wide", "-o", str(path))
    assert code == 0, err
    wb = load_workbook(path)
    assert "支出总表" in wb.sheetnames and "收支总表" in wb.sheetnames
    ws = wb["支出总表"]
    header = [c.value for c in ws[1]]
    assert {"合计（万元）", "基本支出（万元）", "项目支出（万元）"} <= set(header)
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    total, basic, project = (header.index(h) for h in ("合计（万元）", "基本支出（万元）",
                                                        "项目支出（万元）"))
    for row in rows:  # each printed row: 合计 = 基本 + 项目, read from one row
        if row[total] is not None and row[basic] is not None and row[project] is not None:
            assert abs(row[total] - row[basic] - row[project]) < 0.005
    long_rows = db.line_items(table_type="expenditure")
    assert len(rows) == long_rows.groupby(["document_id", "row_no"]).ngroups
    # CSV holds one table: several table types are refused with the way out
    code, err, _ = _export(db, "line-items", "--wide", "-o", str(tmp_path / "w.csv"))
    assert code == 2 and "--table" in err
    code, err, _ = _export(db, "line-items", "--wide", "--table", "expenditure",
                           "-o", str(tmp_path / "w.csv"))
    assert code == 0, err


def test_export_to_stdout(db: Database) -> None:
    code, err, out = _export(db, "disclosures", "-o", "-", "--keys", "--no-bom")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out.decode("utf-8"))))
    assert len(rows) == 1 and rows[0]["kind"] == "budget"
    code, err, _ = _export(db, "disclosures", "-o", "-", "--format", "xlsx")
    assert code == 2


def test_english_headers_on_request(db: Database, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["--lang", "en", "export", "disclosures", "-o",
                                      str(tmp_path / "d.csv"), "--db", db.url])
    assert result.exit_code == 0, result.stderr
    header = (tmp_path / "d.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("disclosure,department,")
