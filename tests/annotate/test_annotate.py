"""`cnbudget check FILE.pdf --annotate OUT.pdf` as a user runs it, and the library call
behind it: each boxed finding a rectangle on its page over its cell or sentence,
coloured by severity with its message as the comment; the rest on the overview
page; nothing written over an input or through a link."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from cnbudget.audit.locate import finding_boxes
from cnbudget.bench.plants import plant_edited_sentence
from cnbudget.model import Box, Document, Severity
from cnbudget.model.contract import document_from_json
from cnbudget.pipeline import extract
from cnbudget.render import render_document
from cnbudget.render.annotate import COLOURS, NotTheSource, annotate_pdf
from cnbudget.render.pdf import render_pdf
from cnbudget.samples import budget_sample
from tests.conftest import REPO

PLANTED_CODE = "2010301"


def _planted() -> Document:
    """The sample with a cell changed (its row no longer adds up), a sentence edited
    (its figure no longer the table's) and a required table left out."""
    doc = budget_sample(0)
    table = doc.table("expenditure")
    assert table is not None
    row = table.row_by_code(PLANTED_CODE)
    assert row is not None and row.values["basic"] is not None
    row.values["basic"] += Decimal(2300)
    assert plant_edited_sentence(doc, random.Random(3)) is not None
    doc.tables = [t for t in doc.tables if t.type != "state_capital"]
    return doc


@pytest.fixture(scope="module")
def planted_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("annotate") / "planted.pdf"
    render_pdf(_planted(), path)
    return path


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    # the reading worker starts in a folder of its own: give it this checkout's code by path
    paths = [str(REPO / "src"), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    return subprocess.run([sys.executable, "-m", "cnbudget.cli.main", "check", *args],
                          capture_output=True, text=True, check=False, env=env)


@pytest.fixture(scope="module")
def annotated(planted_pdf: Path) -> tuple[Path, Document]:
    out = planted_pdf.with_name("annotated.pdf")
    done = _cli(str(planted_pdf), "--json", "--annotate", str(out))
    assert done.returncode == 1, done.stderr  # error-level findings, and the file written
    assert out.exists() and "标注 PDF 已写入" in done.stderr
    return out, document_from_json(json.loads(done.stdout))


def _squares(reader: PdfReader) -> list[tuple[int, dict]]:
    found = []
    for index, page in enumerate(reader.pages):
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            if annot["/Subtype"] == "/Square":
                found.append((index, annot))
    return found


def _rect(annot: dict) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
    return x0, y0, x1, y1


def _overlaps(rect: tuple[float, float, float, float], box: Box) -> bool:
    x0, y0, x1, y1 = rect
    return x0 < box.x1 and box.x0 < x1 and y0 < box.y1 and box.y0 < y1


def test_each_boxed_finding_is_a_rectangle_on_its_page_over_its_cell(
        planted_pdf: Path, annotated: tuple[Path, Document]) -> None:
    out, doc = annotated
    reader = PdfReader(out)
    source_pages = len(PdfReader(planted_pdf).pages)
    front = len(reader.pages) - source_pages
    assert front >= 1
    squares = _squares(reader)
    expected = [(f, box) for f in doc.findings for box in finding_boxes(doc, f)]
    assert expected and len(squares) == len(expected)
    for finding, box in expected:
        on_page = [a for i, a in squares if i == front + box.page - 1
                   and finding.message in a["/Contents"] and _overlaps(_rect(a), box)]
        assert len(on_page) == 1, (finding.rule, box)
        assert [float(c) for c in on_page[0]["/C"]] == pytest.approx(COLOURS[finding.severity])
        assert "/AP" in on_page[0] and "/Popup" in on_page[0]
    # the planted cell: the row-sum finding's rectangle lies over that very cell
    table = doc.table("expenditure")
    assert table is not None
    cell = table.row_by_code(PLANTED_CODE).boxes["total"]  # type: ignore[union-attr]
    row_sum = [a for i, a in squares if i == front + cell.page - 1
               and PLANTED_CODE in a["/Contents"] and a["/Subj"].startswith("arithmetic.")]
    assert row_sum and all(_overlaps(_rect(a), cell) for a in row_sum)
    # the edited sentence: a text-vs-table finding drawn on a narrative page
    text = [f for f in doc.findings if f.rule.startswith("text_vs_table")]
    assert text and all(finding_boxes(doc, f) for f in text)
    assert all(f.severity in COLOURS for f in doc.findings) and Severity.ERROR in {
        f.severity for f in doc.findings}


def test_findings_without_a_place_are_listed_on_the_overview_page(
        annotated: tuple[Path, Document]) -> None:
    import pdfplumber

    out, doc = annotated
    unplaced = [f for f in doc.findings if not finding_boxes(doc, f)]
    assert any("state_capital" in [loc.table for loc in f.locations] for f in unplaced)
    reader = PdfReader(out)
    front = len(reader.pages) - len([i for i in range(len(reader.pages))
                                     if reader.page_labels[i].isdigit()])
    with pdfplumber.open(str(out)) as pdf:
        overview = "".join("".join((pdf.pages[i].extract_text() or "").split()) for i in range(front))
    for finding in unplaced:
        assert "".join(finding.message.split())[:20] in overview
    assert not any(f.message in a["/Contents"] for f in unplaced for _, a in _squares(reader))
    # the original pages keep their numbers: the first one is labelled 1 again
    assert reader.page_labels[front] == "1" and reader.page_labels[0] != "1"


def test_an_input_or_a_link_is_never_written(planted_pdf: Path, tmp_path: Path) -> None:
    before = planted_pdf.read_bytes()
    done = _cli(str(planted_pdf), "--annotate", str(planted_pdf))
    assert done.returncode == 2 and "not overwriting" in done.stderr
    assert planted_pdf.read_bytes() == before
    target = tmp_path / "keep.pdf"
    target.write_bytes(b"keep")
    link = tmp_path / "link.pdf"
    link.symlink_to(target)
    done = _cli(str(planted_pdf), "--annotate", str(link))
    assert done.returncode == 2 and "symbolic link" in done.stderr
    assert target.read_bytes() == b"keep" and link.is_symlink()


def test_annotate_takes_one_pdf(planted_pdf: Path, tmp_path: Path) -> None:
    docx = tmp_path / "sample.docx"
    render_document(budget_sample(0), "docx", docx)
    out = tmp_path / "out.pdf"
    done = _cli(str(docx), "--annotate", str(out))
    assert done.returncode == 2 and "PDF" in done.stderr and not out.exists()
    done = _cli(str(planted_pdf), str(planted_pdf), "--annotate", str(out))
    assert done.returncode == 2 and not out.exists()


def test_the_library_refuses_a_document_read_from_another_file(planted_pdf: Path,
                                                               tmp_path: Path) -> None:
    other = tmp_path / "other.pdf"
    render_pdf(budget_sample(1), other)
    doc = extract(other, isolate=False)
    out = tmp_path / "out.pdf"
    with pytest.raises(NotTheSource):
        annotate_pdf(planted_pdf, doc, None, out)
    assert not out.exists()
    result = annotate_pdf(other, doc, doc.findings, out)
    assert result.pages == len(PdfReader(other).pages)
    assert len(PdfReader(out).pages) == result.pages + result.overview_pages
    assert result.rectangles == len(_squares(PdfReader(out)))


def test_a_jiangsu_pdf_is_annotated_on_its_own_pages(tmp_path: Path) -> None:
    from tests.annotate.test_boxes import _jiangsu

    pdf = _jiangsu("2019年度部门预算公开.pdf")
    doc = extract(pdf, isolate=False)
    assert doc.findings
    out = tmp_path / "annotated.pdf"
    result = annotate_pdf(pdf, doc, None, out)
    reader = PdfReader(out)
    assert len(reader.pages) == result.pages + result.overview_pages
    squares = _squares(reader)
    assert len(squares) == result.rectangles
    for placed in result.placed:
        for box in placed.boxes:
            assert any(i == result.overview_pages + box.page - 1 and _overlaps(_rect(a), box)
                       and placed.finding.message in a["/Contents"] for i, a in squares)
    assert result.boxed >= 1 and result.boxed + result.unboxed == len(doc.findings)
