"""`cnbudget render`: any disclosure file, its contract JSON, a stored document or a built-in sample to a file (or stdout), exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cnbudget.cli.main import app
from cnbudget.ingest.readers import read_source
from cnbudget.model.contract import dumps
from cnbudget.samples import budget_sample

runner = CliRunner()


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "html", "pdf"])
def test_render_json_document(tmp_path: Path, fmt: str) -> None:
    doc = budget_sample(seed=11)
    source = tmp_path / "doc.json"
    source.write_text(dumps(doc), encoding="utf-8")
    target = tmp_path / f"out.{fmt}"
    result = runner.invoke(app, ["render", str(source), "--to", fmt, "-o", str(target), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report == {"file": str(target), "format": fmt, "bytes": target.stat().st_size,
                      "tables": len(doc.tables)}
    if fmt != "pdf":
        # the file is what it says: detected by content and read back with the document's titles
        read = read_source(target)
        assert read.format == fmt
        texts = {ln.text for ln in read.layout.lines}
        assert {t.title for t in doc.tables} <= texts


def test_render_sample_default_output_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["render", "--sample", "final_account", "--to", "html"])
    assert result.exit_code == 0, result.output
    written = list(tmp_path.glob("*.html"))
    assert len(written) == 1 and "决算" in written[0].read_text(encoding="utf-8")


def test_render_bad_input_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    assert runner.invoke(app, ["render", str(bad), "--to", "xlsx"]).exit_code == 2
    assert runner.invoke(app, ["render", str(tmp_path / "missing.json"), "--to", "xlsx"]).exit_code == 2
    assert runner.invoke(app, ["render", "--to", "xlsx"]).exit_code == 2
    assert runner.invoke(app, ["render", str(bad), "--to", "odt"]).exit_code != 0


def _tables_of(path: Path) -> list[tuple[str, int]]:
    from cnbudget.pipeline import extract

    doc = extract(path, audit=False)
    return [(t.title, len(t.rows)) for t in doc.tables]


def test_render_any_disclosure_file_beside_it(tmp_path: Path) -> None:
    """A PDF (not JSON) is read first, then rendered; the default output is beside the
    input, and a PDF rendered as PDF never replaces it."""
    source = tmp_path / "in" / "dept.pdf"
    source.parent.mkdir()
    assert runner.invoke(app, ["render", "--sample", "budget", "--to", "pdf", "-o",
                               str(source)]).exit_code == 0
    before = source.read_bytes()
    result = runner.invoke(app, ["render", str(source), "--to", "xlsx"])
    assert result.exit_code == 0, result.output
    beside = source.with_suffix(".xlsx")
    assert beside.is_file()
    assert _tables_of(beside) == _tables_of(source)  # the same tables, row for row
    again = runner.invoke(app, ["render", str(source), "--to", "pdf"])
    assert again.exit_code == 0, again.output
    assert source.read_bytes() == before
    assert (source.parent / "dept.rendered.pdf").is_file()


def test_render_a_stored_document_and_text_to_stdout(tmp_path: Path) -> None:
    source = tmp_path / "dept.html"
    assert runner.invoke(app, ["render", "--sample", "final_account", "--to", "html", "-o",
                               str(source)]).exit_code == 0
    db = tmp_path / "x.db"
    assert runner.invoke(app, ["ingest", str(source), "--db", str(db)]).exit_code == 0
    shown = runner.invoke(app, ["render", "--id", "1", "--db", str(db), "--to", "text", "-o", "-"])
    assert shown.exit_code == 0, shown.output
    assert "决算" in shown.stdout and "收入支出决算总表" in shown.stdout, shown.stdout[:300]
    missing = runner.invoke(app, ["render", "--id", "99", "--db", str(db), "--to", "text"])
    assert missing.exit_code == 2
    no_db = runner.invoke(app, ["render", "--id", "1", "--db", str(tmp_path / "no.db"),
                                "--to", "text"])
    assert no_db.exit_code == 2 and not (tmp_path / "no.db").exists()
    binary = runner.invoke(app, ["render", "--id", "1", "--db", str(db), "--to", "pdf", "-o", "-"])
    assert binary.exit_code == 2


def test_rendered_amounts_carry_thousands_separators(tmp_path: Path) -> None:
    target = tmp_path / "s.txt"
    assert runner.invoke(app, ["render", "--sample", "budget", "--to", "text", "-o",
                               str(target)]).exit_code == 0
    assert "4,097.11" in target.read_text(encoding="utf-8")


def test_render_a_scan_fed_turned(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    source = tmp_path / "budget.pdf"
    assert runner.invoke(app, ["render", "--sample", "budget", "--to", "pdf", "-o", str(source)]).exit_code == 0
    upright, turned = tmp_path / "upright.pdf", tmp_path / "turned.pdf"
    assert runner.invoke(app, ["render", str(source), "--to", "scan", "--dpi", "60", "-o",
                               str(upright)]).exit_code == 0
    result = runner.invoke(app, ["render", str(source), "--to", "scan", "--dpi", "60", "--turn", "90",
                                 "-o", str(turned)])
    assert result.exit_code == 0, result.output
    first, second = pdfium.PdfDocument(upright)[0], pdfium.PdfDocument(turned)[0]
    (w, h), (tw, th) = first.get_size(), second.get_size()
    assert abs(tw - h) < 0.05 * h and abs(th - w) < 0.05 * w  # the page lies on its side
    bad = runner.invoke(app, ["render", str(source), "--to", "scan", "--turn", "45", "-o", str(turned)])
    assert bad.exit_code == 2 and "quarter turn" in bad.output
