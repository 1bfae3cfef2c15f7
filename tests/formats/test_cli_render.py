"""`cnbudget render`: contract JSON or a built-in sample to a file, exit codes."""

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
