"""A document is `partial` only when something printed was lost; readings the
recognisers recovered (amounts placed by the table's sums, a cut code
completed) are listed with severity `recovered` and leave it a success."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from cnbudget.cli.main import app
from cnbudget.model import Locator, Problem, ProblemSeverity, SourceFile, Status
from cnbudget.model.contract import document_from_json, dumps, loads, to_plain_json
from cnbudget.model.document import Document
from cnbudget.model.schema import disclosure_schema
from cnbudget.pipeline import extract
from cnbudget.recognise.document import status_of
from tests.conftest import seed

RECOVERED = ProblemSeverity.RECOVERED
PARTIAL = ProblemSeverity.PARTIAL
UNPLACED = "table.figures-unplaced"


def form_losses(doc: Document) -> list[Problem]:
    """Figures the seeds print in their per-project forms that no table holds yet
    (the schedule grid 3 月底 … under 防入侵检测费, 其中：财政资金 beside 预算数, the 部门整体
    form's 收入构成 grid): partial, and listed, until the form readers take them in."""
    forms = {t.title for t in doc.tables if t.type.startswith("performance_")}
    return [p for p in doc.problems if p.code == UNPLACED and dict(p.params)["title"] in forms]


def test_status_is_partial_only_for_a_loss():
    recovered = Problem("placed by the table's own sums", severity=RECOVERED)
    lost = Problem("not an amount: 'x'", severity=PARTIAL)
    assert status_of([]) is Status.SUCCESS
    assert status_of([recovered, recovered]) is Status.SUCCESS
    assert status_of([recovered, lost]) is Status.PARTIAL
    # a problem nobody classified counts as a loss
    assert Problem("?").severity is PARTIAL


@pytest.mark.parametrize(("prefix", "forms_lose"), [("000", True), ("003", False)])
def test_recovered_readings_are_no_loss_and_the_forms_losses_are_listed(prefix, forms_lose):
    doc = extract(seed(prefix), audit=False)
    lost = form_losses(doc)
    recovered = [p for p in doc.problems if p not in lost]
    assert recovered, "the seed's recoveries are still reported"
    assert {p.severity for p in recovered} == {RECOVERED}
    assert {p.code for p in recovered} <= {"row.amounts-ambiguous", "row.amounts-placed"}
    if forms_lose:  # 000's forms print a spending plan in % with no place yet: partial
        assert lost and {p.severity for p in lost} == {PARTIAL}
        assert doc.status is Status.PARTIAL
    else:  # 003's forms are read whole (the 整体 form's 预算情况 too): recoveries are no loss
        assert lost == [] and doc.status is Status.SUCCESS


def test_placed_amounts_satisfy_the_sums_they_were_placed_by():
    """Seed 003's rows placed by the table's sums: total = basic + project holds."""
    doc = extract(seed("003"), audit=False)
    placed = [p for p in doc.problems if p.code == "row.amounts-placed"]
    assert placed
    rows = [r for t in doc.tables for r in t.rows]
    for problem in placed:
        row = next(r for r in rows if r.locator == problem.locator)
        parts = [row.values.get(k) or Decimal(0) for k in ("basic", "project")]
        assert row.values["total"] == sum(parts, Decimal(0))


def test_a_completed_code_is_recovered_but_a_missing_total_is_a_loss():
    doc = extract(seed("001"), audit=False)
    by_severity = {s: [p for p in doc.problems if p.severity is s] for s in ProblemSeverity}
    assert any(p.code == "code.completed" and dict(p.params)["code"] == "30309"
               for p in by_severity[RECOVERED])
    basic = doc.table("general_public_basic")
    assert basic is not None and basic.row_by_code("30309") is not None
    assert any(p.code == "table.total-missing" and dict(p.params)["column"] == "人员经费"
               for p in by_severity[PARTIAL])
    assert doc.status is Status.PARTIAL


def test_a_cell_that_is_not_an_amount_makes_the_document_partial(tmp_path: Path):
    text = seed("002").read_text(encoding="utf-8")
    broken = text.replace("301\t工资福利支出\t184.8\t184.8", "301\t工资福利支出\t184.8\t18#4.8", 1)
    assert broken != text, "seed 002 no longer prints the row this test breaks"
    path = tmp_path / "002-broken.txt"
    path.write_text(broken, encoding="utf-8")
    clean = extract(seed("002"), audit=False)
    assert [p for p in clean.problems if p.severity is PARTIAL] == form_losses(clean)
    doc = extract(path, audit=False)
    assert doc.status is Status.PARTIAL
    lost = [p for p in doc.problems if p.severity is PARTIAL and p not in form_losses(doc)]
    assert [(p.code, dict(p.params)["text"]) for p in lost] == [("cell.not-an-amount", "18#4.8")]


def _doc(*problems: Problem) -> Document:
    return Document(source=SourceFile("x.txt", "ab" * 32, "text"), problems=list(problems),
                    status=status_of(list(problems)))


def test_severity_is_in_the_contract_and_round_trips():
    doc = _doc(Problem("read in printed order", Locator(line=3), RECOVERED),
               Problem("not an amount", None, PARTIAL))
    data = json.loads(dumps(doc))
    assert data["status"] == "partial"
    assert data["problems"] == [
        {"message": "read in printed order", "locator": {"page": None, "line": 3},
         "severity": "recovered", "code": "read.unclassified", "params": {}},
        {"message": "not an amount", "locator": None, "severity": "partial",
         "code": "read.unclassified", "params": {}},
    ]
    jsonschema.validate(to_plain_json(doc), disclosure_schema())
    assert loads(dumps(doc)) == doc


def test_the_schema_rejects_an_unknown_severity():
    data = to_plain_json(_doc(Problem("x", None, RECOVERED)))
    data["problems"][0]["severity"] = "fine"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, disclosure_schema())


def test_json_written_before_severities_reads_problems_as_losses():
    data = to_plain_json(_doc(Problem("x", None, RECOVERED)))
    del data["problems"][0]["severity"]
    data["status"] = "partial"
    doc = document_from_json(data)
    assert doc.problems[0].severity is PARTIAL
    assert doc.status is Status.PARTIAL


def test_extract_cli_shows_severity_in_json_and_summary():
    runner = CliRunner()
    result = runner.invoke(app, ["extract", str(seed("000")), "--json", "--no-audit"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    jsonschema.validate(data, disclosure_schema())
    assert data["status"] == "partial"
    assert {p["severity"] for p in data["problems"] if p["code"] != UNPLACED} == {"recovered"}
    summary = runner.invoke(app, ["extract", str(seed("001")), "--no-audit"])
    assert summary.exit_code == 0
    assert "读取状态 部分未读" in summary.stdout
    assert "已修复 code.completed: 表“一般公共预算财政拨款基本支出决算明细表”：编码印为 3030" \
        in summary.stderr.replace("\n", "")
    assert "未读 table.total-missing: 表“一般公共预算财政拨款基本支出决算明细表”" \
        in summary.stderr.replace("\n", "")


def test_a_contact_number_is_no_figure_but_an_unread_column_is_listed():
    """Seed 002's 部门整体 form prints 联系电话 | 83426336 (a phone, nobody's amount)
    and a 近两年收支情况 column (283.6 …) no reader takes yet."""
    doc = extract(seed("002"), audit=False)
    unplaced = [p.message for p in doc.problems if p.code == UNPLACED]
    assert not any("83426336" in m for m in unplaced)
    assert any("283.6" in m for m in unplaced) and doc.status is Status.PARTIAL
