"""A disclosure published in parts (情况说明 in one file, the tables in another) is
audited as one document with `check --together`, or from the database with
`check --disclosure N`: the narrative is checked against the tables, which no
audit of either part alone can do."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cnbudget.cli.main import app
from cnbudget.model.document import Document, Paragraph
from cnbudget.normalise.combine import combine_documents
from cnbudget.render import render_document
from cnbudget.samples import budget_sample

runner = CliRunner()
PLANTED = "4197.11万元"  # the narrative's total; the tables print 4097.11


def _parts(tmp_path: Path) -> tuple[Path, Path]:
    doc = budget_sample()
    narrative = [Paragraph(p.text.replace("收入预算4097.11万元", f"收入预算{PLANTED}"), p.locator)
                 for p in doc.narrative]
    assert any(PLANTED in p.text for p in narrative)
    text_part = replace(doc, tables=[], facts=[], findings=[], narrative=narrative)
    table_part = replace(doc, facts=[], findings=[], narrative=doc.narrative[:1])
    return (render_document(text_part, "docx", tmp_path / "情况说明.docx"),
            render_document(table_part, "xlsx", tmp_path / "公开表.xlsx"))


def _rules(output: str) -> list[str]:
    data = json.loads(output)
    reports = data if isinstance(data, list) else [data]
    return [f["rule"] for r in reports for f in r["findings"]]


@pytest.fixture
def parts(tmp_path: Path) -> tuple[Path, Path]:
    return _parts(tmp_path)


def test_parts_apart_cannot_see_the_planted_total(parts: tuple[Path, Path]) -> None:
    apart = runner.invoke(app, ["check", *map(str, parts), "--json", "--select", "text_vs_table"])
    assert apart.exit_code in (0, 1), apart.output
    assert "text_vs_table.fact" not in _rules(apart.stdout)


def test_parts_together_check_narrative_against_tables(parts: tuple[Path, Path]) -> None:
    together = runner.invoke(app, ["check", *map(str, parts), "--together", "--json"])
    assert together.exit_code == 1, together.output
    data = json.loads(together.stdout)
    assert isinstance(data, dict) and " + " in data["source"]["file"]  # one combined document
    found = [f for f in data["findings"] if f["rule"] == "text_vs_table.fact"]
    assert found and any("4,197.11" in f["message"] or "4197.11" in f["message"] for f in found)


def test_a_stored_disclosure_is_checked_as_one(parts: tuple[Path, Path], tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    assert runner.invoke(app, ["ingest", *map(str, parts), "--db", str(db)]).exit_code == 0
    listed = json.loads(runner.invoke(app, ["ls", "--db", str(db), "--json"]).stdout)
    assert len(listed) == 1 and listed[0]["documents"] == 2  # both files: one disclosure
    checked = runner.invoke(app, ["check", "--disclosure", str(listed[0]["disclosure_id"]),
                                  "--db", str(db), "--json"])
    assert checked.exit_code == 1, checked.output
    assert "text_vs_table.fact" in _rules(checked.stdout)
    assert runner.invoke(app, ["check", "--disclosure", "99", "--db", str(db)]).exit_code == 2
    assert runner.invoke(app, ["check"]).exit_code == 2


def test_combined_metadata_come_from_the_file_that_printed_them() -> None:
    doc = budget_sample()
    bare = replace(doc, meta=replace(doc.meta, department=replace(doc.meta.department, code=None)))
    tables_only = replace(doc, narrative=[], facts=[])
    combined = combine_documents([bare, tables_only])
    assert combined.meta.department.code == doc.meta.department.code
    assert len(combined.tables) == 2 * len(doc.tables) and combined.findings == []
    assert combine_documents([doc]).tables == doc.tables
    with pytest.raises(ValueError):
        combine_documents([])
    assert isinstance(combined, Document)


def test_show_audits_a_disclosure_in_parts_together(parts: tuple[Path, Path],
                                                    tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    assert runner.invoke(app, ["ingest", *map(str, parts), "--db", str(db)]).exit_code == 0
    listed = json.loads(runner.invoke(app, ["ls", "--db", str(db), "--json"]).stdout)
    number = str(listed[0]["disclosure_id"])
    shown = json.loads(runner.invoke(app, ["show", number, "--db", str(db), "--json"]).stdout)
    stored = [f["rule"] for d in shown["documents"] for f in d["findings"]]
    assert "text_vs_table.fact" not in stored  # neither file alone can see it
    together = [f for f in shown["findings_together"] if f["rule"] == "text_vs_table.fact"]
    assert together and any("4197.11" in f["message"] or "4,197.11" in f["message"]
                            for f in together)
    printed = runner.invoke(app, ["show", number, "--db", str(db)])
    assert printed.exit_code == 0 and "2 个文件合在一起审核的发现" in printed.stdout
    assert "text_vs_table.fact" in printed.stdout
