"""Non-disclosures are refused with a per-file message; every disclosure is kept.

Refused: an inspector's review workbook, an unfilled template workbook, a CSV
of other data, a text reading hello, /etc/passwd, and text named .pdf.
Kept: every seed and Jiangsu PDF (the narrative-only 公开文件 among them), the
project's samples (budget and final account, in every format), a document of
the standard tables only and one of the narrative only.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from cnbudget.cli.main import app
from cnbudget.ingest.errors import NotADisclosure, UnreadableSource
from cnbudget.ingest.readers import read_source
from cnbudget.pipeline import extract, extract_bytes
from cnbudget.recognise.disclosure import require_disclosure
from cnbudget.recognise.document import recognise
from cnbudget.registry import load_plugins
from cnbudget.render import render_document
from cnbudget.samples import final_account_sample, sample_series
from cnbudget.store import Store
from cnbudget.store.batch import ingest
from tests.conftest import JIANGSU, SEEDS


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def review_workbook(path: Path) -> Path:
    """An inspector's findings on other departments' disclosures."""
    return _workbook(path, {"2023年部门预算公开检查问题清单": [
        ["序号", "部门", "问题", "整改意见", "整改时限"],
        [1, "石家庄市教育局", "2023年部门预算公开中收支总表合计数与支出表不一致", "按规定更正后重新公开", "2023年3月"],
        [2, "石家庄市财政局", "“三公”经费预算未公开说明增减原因", "补充说明", "2023年3月"],
        [3, "石家庄市民政局", "政府采购预算金额12.50万元与采购表不一致", "核对更正", "2023年4月"],
    ]})


def template_workbook(path: Path) -> Path:
    """The form a finance bureau sends out, not yet filled in."""
    header = ["项目", "预算数", "项目", "预算数"]
    return _workbook(path, {
        "封面": [["XX局    年部门预算"], ["部门名称：XX局"]],
        "收支总表": [["部门收支总表"], ["部门名称：XX局", None, None, "单位：万元"], header,
                    ["一、一般公共预算拨款收入", None, "一、一般公共服务支出", None],
                    ["二、政府性基金预算拨款收入", 0, "二、教育支出", 0],
                    ["本年收入合计", 0, "本年支出合计", 0]],
        "一般公共预算支出表": [["一般公共预算支出表"], ["单位：万元"], ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
                      ["201", "一般公共服务支出", None, None, None], [None, "合计", 0, 0, 0]],
    })


def _refused(path: Path) -> NotADisclosure:
    with pytest.raises(NotADisclosure) as refused:
        extract(path, audit=False)
    # the file is named as it was given (the whole path, in an isolated extraction)
    assert refused.value.file in (path.name, str(path)) and refused.value.message.startswith(refused.value.file)
    return refused.value


def test_an_inspectors_review_workbook_is_not_a_disclosure(tmp_path):
    refused = _refused(review_workbook(tmp_path / "检查问题清单.xlsx"))
    assert refused.code == "document.not-a-disclosure"
    assert "不是部门预算或决算公开文件" in refused.message and "预决算表格" in refused.message


def test_an_unfilled_template_is_recognised_as_a_template(tmp_path):
    refused = _refused(template_workbook(tmp_path / "模板.xlsx"))
    assert refused.code == "document.template"
    assert "“XX局”" in refused.message and "年度未填写" in refused.message


@pytest.mark.parametrize(("name", "content"), [
    ("data.csv", "城市,人口,面积\n北京,2189,16410.54\n上海,2487,6340.5\n"),
    ("hello.txt", "hello"),
    ("notes.txt", "hello world\n今天天气很好。\n"),
])
def test_text_that_states_no_budget_is_refused(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    refused = _refused(path)
    assert refused.code == "document.not-a-disclosure"
    assert "没有识别出任何预决算表格" in refused.message and "没有说明部门预算或决算金额的文字" in refused.message


def test_etc_passwd_is_refused(tmp_path):
    passwd = Path("/etc/passwd")
    if not passwd.exists():
        pytest.skip("/etc/passwd is absent on this system")
    assert _refused(passwd).code == "document.not-a-disclosure"
    named_pdf = tmp_path / "passwd.pdf"
    named_pdf.write_bytes(passwd.read_bytes())
    with pytest.raises(UnreadableSource, match=r"named \.pdf but its content is plain text"):
        extract(named_pdf)


@pytest.mark.parametrize(("content", "what"), [
    (b"dummy pdf content", "plain text"), (b"hello world", "plain text"),
    (b"<html><body>404 Not Found</body></html>", "an HTML page"),
])
def test_a_file_not_the_format_its_name_claims_is_refused_as_such(content, what):
    with pytest.raises(UnreadableSource) as refused:
        extract_bytes(content, "x.pdf")
    assert not isinstance(refused.value, NotADisclosure)
    assert f"named .pdf but its content is {what}, not a PDF file" in refused.value.reason
    with pytest.raises(UnreadableSource, match="named .docx"):
        extract_bytes(content, "x.docx")


def test_html_and_text_named_xls_still_read_as_what_they_are():
    """Sites publish HTML tables and text as .xls: those are read, not refused for their name."""
    with pytest.raises(NotADisclosure):  # read (and then refused for its content, not its name)
        extract_bytes(b"<html><body><table><tr><td>hello</td></tr></table></body></html>", "x.xls")


def test_the_cli_refuses_with_exit_2_and_ingest_stores_nothing(tmp_path):
    hello = tmp_path / "hello.txt"
    hello.write_text("hello", encoding="utf-8")
    template = template_workbook(tmp_path / "模板.xlsx")
    runner = CliRunner()
    for command in ("extract", "check"):
        result = runner.invoke(app, [command, str(hello)])
        assert result.exit_code == 2, result.output
        assert "hello.txt" in result.output and "不是部门预算或决算公开文件" in result.output
    with Store(tmp_path / "db.sqlite") as store:
        report = ingest(store, [hello, template], jobs=1)
        assert (report.stored, report.failed) == (0, 2)
        errors = {Path(e.name).name: e for e in report.errors}
        assert errors["hello.txt"].error == "document.not-a-disclosure" and "不是部门预算或决算公开文件" in errors["hello.txt"].message
        assert "这是未填写的模板" in errors["模板.xlsx"].message
        assert store.document_count() == 0


# --- kept ------------------------------------------------------------------------

def test_every_seed_and_jiangsu_pdf_is_a_disclosure_without_marks_of_a_template():
    paths = sorted(SEEDS.glob("*.txt")) + sorted(JIANGSU.rglob("*.pdf"))
    if not paths:
        pytest.skip(f"{SEEDS} and {JIANGSU} are absent: the real documents live in ../shared")
    pytest.importorskip("cnbudget.ingest.pdf.reader")
    load_plugins()
    narrative_only = 0
    for path in paths:
        source = read_source(path)
        doc = recognise(source)
        evidence = require_disclosure(doc, source.layout.lines)  # as `extract` does: raises where refused
        assert evidence.template_marks == (), path.name
        narrative_only += not evidence.standard_with_figures
    assert narrative_only >= (7 if JIANGSU.exists() else 0)  # the 公开文件 PDFs print no tables


def test_placeholders_in_a_filled_document_do_not_refuse_it():
    doc = extract_bytes("XX局2023年部门预算\n本部门2023年收入预算1000.00万元，支出预算1000.00万元。\n".encode(),
                        "filled.txt", audit=False)
    assert (doc.meta.year, doc.meta.department.name) == (2023, None)  # XX局 is no name


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "html"])
def test_samples_are_disclosures_whole_tables_only_and_narrative_only(tmp_path, fmt):
    for n, doc in enumerate([*sample_series(2), final_account_sample()]):
        variants = {"whole": doc,
                    "tables": dataclasses.replace(doc, narrative=[], facts=[]),
                    "narrative": dataclasses.replace(doc, tables=[])}
        for what, variant in variants.items():
            if what == "narrative" and fmt == "xlsx":
                continue  # a workbook of prose only is no format a disclosure is published in
            path = render_document(variant, fmt, tmp_path / f"{n}-{what}.{fmt}")
            back = extract(path, audit=False)
            assert back.meta.year == doc.meta.year, (fmt, what)


@pytest.mark.parametrize(("content", "genre"), [
    ("某市审计局关于市教育局2023年度预算执行情况的审计报告\n一、基本情况\n2023年度，市教育局预算收入合计"
     "12345.67万元，支出合计12000.00万元。\n二、审计发现的问题\n1.三公经费超支12.30万元。\n", "审计报告"),
    ("关于某市2023年预算执行情况和2024年预算草案的报告\n各位代表：\n2023年全市一般公共预算收入完成1234.56亿元。"
     "一般公共预算支出2345.67亿元。\n", "政府预算报告"),
    ("关于做好2024年度部门预算公开工作的通知\n各部门：\n2024年部门预算支出合计须于2月底前公开，"
     "预算支出500.00万元以上的项目须公开绩效目标。\n", "通知"),
])
def test_a_title_of_another_genre_is_refused_on_narrative_figures(tmp_path, content, genre):
    """An audit report on a department's budget states its figures in sentences, and was
    stored as that department's budget."""
    path = tmp_path / "doc.txt"
    path.write_text(content, encoding="utf-8")
    refused = _refused(path)
    assert refused.code == "document.not-a-disclosure" and f"标题表明这是{genre}" in refused.message
