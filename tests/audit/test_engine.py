"""The engine: registry metadata, crash isolation, selection, config, reports, docs, CLI."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from cnbudget.audit import RULES, RuleSkipped, rule, run_audit, selected_rules
from cnbudget.audit.config import parse_config
from cnbudget.audit.docs import rules_json, rules_markdown
from cnbudget.audit.report import report_html, report_json
from cnbudget.cli import check
from cnbudget.model.document import Category, Document, Finding, Kind, Severity
from tests.audit.builders import clean_document, set_value

REPO = Path(__file__).resolve().parents[2]


def test_every_rule_has_complete_metadata() -> None:
    for r in selected_rules():
        assert r.id.startswith(r.category.value + ".")
        assert r.title_zh and r.title_en and r.description_zh and r.description_en
        assert r.id == r.id.lower() and " " not in r.id


def test_rules_are_registered_once_and_sorted() -> None:
    ids = [r.id for r in selected_rules()]
    assert ids == sorted(set(ids))
    assert "cross_table.three-public-vehicle-vs-30231" in ids


@pytest.fixture
def broken_rule() -> Iterator[str]:
    calls: list[int] = []

    @rule("plausibility.test-broken", Category.PLAUSIBILITY, Severity.WARNING,
          title_zh="测试", title_en="test", description_zh="测试", description_en="test")
    def broken(doc: Document, ctx: object) -> Iterator[Finding]:
        calls.append(1)
        raise ZeroDivisionError("planted bug")

    @rule("plausibility.test-skipped", Category.PLAUSIBILITY, Severity.WARNING,
          title_zh="测试", title_en="test", description_zh="测试", description_en="test")
    def skipped(doc: Document, ctx: object) -> Iterator[Finding]:
        raise RuleSkipped("no catalogue")

    yield "plausibility.test-broken"
    RULES._items.pop("plausibility.test-broken")
    RULES._items.pop("plausibility.test-skipped")
    assert calls == [1]


def test_a_crashing_rule_is_one_engine_error_and_the_rest_still_run(broken_rule: str) -> None:
    doc = clean_document()
    set_value(doc, "expenditure", "2010301", "total", 4_101_200)
    report = run_audit(doc)
    assert [(e.rule, e.error) for e in report.errors] == [
        (broken_rule, "ZeroDivisionError: planted bug")]
    assert "test_engine.py" in report.errors[0].where
    assert [s.rule for s in report.skipped] == ["plausibility.test-skipped"]
    assert broken_rule not in report.rule_ids  # never a data finding
    assert "arithmetic.row-basic-project" in report.rule_ids  # the others ran


def test_select_and_ignore_by_id_category_and_glob() -> None:
    doc = clean_document()
    set_value(doc, "expenditure", "2010301", "total", 4_101_200)
    assert run_audit(doc, select=["arithmetic.row-basic-project"]).rule_ids == {
        "arithmetic.row-basic-project"}
    assert run_audit(doc, select=["hierarchy"]).rule_ids == {"hierarchy.functional-sums"}
    assert "arithmetic.column-total" not in run_audit(doc, ignore=["arithmetic.col*"]).rule_ids
    only = run_audit(doc, select=["arithmetic"], ignore=["arithmetic.row-basic-project"])
    assert only.rules_run and all(r.startswith("arithmetic.") for r in only.rules_run)


def test_flatten_gives_one_tuple_per_finding() -> None:
    doc = clean_document()
    set_value(doc, "expenditure", "2010301", "total", 4_101_200)
    report = run_audit(doc, select=["arithmetic.row-basic-project"])
    assert report.flatten(["rule", "severity", "loc.code", "loc.column"]) == [
        ("arithmetic.row-basic-project", "error", "2010301", "total")]
    assert report.has_errors


def test_rules_apply_by_kind() -> None:
    doc = clean_document()
    doc.meta.kind = Kind.FINAL_ACCOUNT
    # a final account must also print the 国有资本经营 table: here it does (empty, explained)
    assert run_audit(doc, select=["completeness"]).findings == []
    doc.tables = [t for t in doc.tables if t.type != "state_capital"]
    assert run_audit(doc, select=["completeness.required-tables"]).flatten(
        ["severity", "loc.table"]) == [("error", "state_capital")]


def test_config_profiles_choose_the_most_specific() -> None:
    cfg = parse_config("""
[[profile]]
name = "any budget"
kinds = ["budget"]
required = [["summary"], ["three_public"]]

[[profile]]
name = "a region that prints no 三公 table"
kinds = ["budget"]
regions = ["某市"]
required = [["summary"]]
""")
    doc = clean_document()
    doc.tables = [t for t in doc.tables if t.type != "three_public"]
    assert run_audit(doc, select=["completeness.required-tables"], config=cfg).flatten(
        ["loc.table"]) == [("three_public",)]
    doc.meta.region = type(doc.meta.region)(name="某市")
    assert run_audit(doc, select=["completeness.required-tables"], config=cfg).findings == []


def test_json_report_is_the_contract_with_findings() -> None:
    doc = clean_document()
    set_value(doc, "three_public", "reception", "amount", 31_500)
    data = report_json(run_audit(doc))
    assert data["schema"] == "cnbudget/disclosure/v1"
    rules = {f["rule"] for f in data["findings"]}
    assert "arithmetic.three-public-parts" in rules
    finding = next(f for f in data["findings"] if f["rule"] == "arithmetic.three-public-parts")
    assert finding["expected"] == 111_500 and finding["actual"] == 101_500
    assert finding["locations"][0]["table"] == "three_public"
    assert data["audit"]["engine_errors"] == []
    json.dumps(data, ensure_ascii=False)  # plain JSON types only
    assert doc.findings == []  # the report does not mutate the document


def test_html_report_is_standalone_and_escaped() -> None:
    doc = clean_document()
    doc.meta.title = "<script>x</script>"
    set_value(doc, "three_public", "reception", "amount", 31_500)
    page = report_html([run_audit(doc)])
    assert page.startswith("<!DOCTYPE html>") and "<script>" not in page
    assert "arithmetic.three-public-parts" in page and "http" not in page


def test_html_report_summarises_files_and_lists_unread_parts() -> None:
    from cnbudget.model.document import Locator, Problem, ProblemSeverity, Status

    clean, faulty = clean_document(), clean_document()
    faulty.source = dataclasses.replace(faulty.source, file="second.pdf")
    set_value(faulty, "three_public", "reception", "amount", 31_500)
    faulty.problems.append(Problem("表“支出总表”中印有的数字 12.00 没有读入任何单元格",
                                   Locator(page=7), ProblemSeverity.PARTIAL,
                                   "table.figures-unplaced"))
    faulty.status = Status.PARTIAL  # as the reader sets it on such a problem
    page = report_html([run_audit(clean), run_audit(faulty)])
    overview = page[page.index("<table class='overview'>"):page.index("</table>")]
    assert "共 2 个文件" in page and overview.count("<tr>") == 3  # a header and one row a file
    second = overview[overview.index("second.pdf"):]
    assert "部分未读" in second and "href='#doc-1'" in overview and "id='doc-1'" in page
    cells = [c.split(">", 1)[1] for c in second.split("<td")[1:]]
    assert cells[-1].startswith("1<")  # its one unread part counted
    assert "未能读入的部分（1 处）" in page and "第 7 页" in page and "table.figures-unplaced" in page


def test_html_report_in_english_on_request(monkeypatch) -> None:
    from cnbudget import lang

    monkeypatch.setenv(lang.ENV_VAR, "en")
    doc = clean_document()
    set_value(doc, "three_public", "reception", "amount", 31_500)
    page = report_html([run_audit(doc)])
    assert "<html lang='en'>" in page and "cnbudget audit report" in page
    assert "1 file(s): 2 error, 0 warning, 1 info, 0 unread parts" in page
    assert "审核报告" not in page and "应为" not in page and "未读部分" not in page
    rule = RULES.get("arithmetic.three-public-parts")
    assert rule.title_en in page  # the English title leads the (Chinese) message


def test_docs_rules_md_is_current() -> None:
    committed = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == rules_markdown(), "docs/rules.md is stale: run `make docs`"


def test_rules_json_lists_every_rule() -> None:
    assert [r["id"] for r in rules_json()] == [r.id for r in selected_rules()]


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    check.register(app)

    @app.callback()
    def main() -> None:
        """test app"""

    return app


def _write_text_doc(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "doc.txt"
    path.write_text(body, encoding="utf-8")
    return path


def test_cli_exit_codes(app: typer.Typer, tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["check", str(tmp_path / "missing.pdf")]).exit_code == 2
    # a disclosure (it states its figures) with template text left in it
    bad = _write_text_doc(tmp_path, "某局2021年部门预算\n\n某局2021年收入预算100.00万元，支出预算100.00万元。"
                                    "其他来源收入0万元（有则写，无则填0万元）。\n")
    result = runner.invoke(app, ["check", str(bad), "--json"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert "placeholder.template-text" in {f["rule"] for f in data["findings"]}
    ok = runner.invoke(app, ["check", str(bad), "--ignore", "placeholder",
                             "--html", str(tmp_path / "r.html")])
    assert ok.exit_code == 0, ok.output
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert runner.invoke(app, ["check", str(bad), "--select", "nonesuch"]).exit_code == 2


def test_cli_rules_catalogue(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, ["rules", "--json"])
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == len(selected_rules())


def test_json_of_every_planted_finding_is_exact() -> None:
    """Percentages and scores in findings must be writable as exact JSON numbers."""
    from tests.audit.test_planted import CASES

    for case in CASES:
        doc = clean_document()
        case.plant(doc)
        json.dumps(report_json(run_audit(doc)), ensure_ascii=False)
