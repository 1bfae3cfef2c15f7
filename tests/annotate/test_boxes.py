"""Every PDF cell, row, fact and narrative line carries its page box, in PDF user space:
checked against the characters another parser finds there, on a generated sample
and on the Jiangsu PDFs (upright and /Rotate 90 pages); other formats carry none."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pypdfium2 as pdfium
import pytest

from cnbudget.ingest.layout_json import layout_from_json, layout_to_json
from cnbudget.ingest.pdf.frame import PageFrame
from cnbudget.ingest.pdf.reader import read_pdf
from cnbudget.model import Box, Document
from cnbudget.model.contract import dumps, loads, to_plain_json
from cnbudget.model.schema import disclosure_schema
from cnbudget.normalise.amounts import parse_amount, to_yuan
from cnbudget.normalise.text import fold
from cnbudget.pipeline import extract
from cnbudget.render import render_document
from cnbudget.render.pdf import render_pdf
from cnbudget.samples import budget_sample
from tests.annotate.pages import page_chars, text_in
from tests.conftest import JIANGSU


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("boxes") / "sample.pdf"
    render_pdf(budget_sample(0), path)
    return path


@pytest.fixture(scope="module")
def sample_doc(sample_pdf: Path) -> Document:
    return extract(sample_pdf, isolate=False)


def _page_sizes(pdf: Path) -> list[tuple[float, float, float, float]]:
    document = pdfium.PdfDocument(str(pdf))
    try:
        return [document[i].get_mediabox() for i in range(len(document))]
    finally:
        document.close()


def _all_boxes(doc: Document) -> list[Box]:
    boxes = [t.locator.box for t in doc.tables if t.locator and t.locator.box]
    for t in doc.tables:
        for r in t.rows:
            boxes += [b for b in (r.locator.box if r.locator else None,) if b]
            boxes += list(r.boxes.values())
    boxes += [f.locator.box for f in doc.facts if f.locator and f.locator.box]
    boxes += [p.locator.box for p in doc.narrative if p.locator and p.locator.box]
    return boxes


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_page_box_undoes_the_display_turn(rotation: int) -> None:
    frame = PageFrame(10.0, 20.0, 610.0, 820.0, rotation)
    for box in [(10.0, 20.0, 60.0, 35.0), (300.5, 400.25, 420.0, 411.0), (500.0, 700.0, 610.0, 820.0)]:
        x0, top, x1, bottom = frame.box(*box)
        assert x0 < x1 and top < bottom
        assert frame.page_box(x0, top, x1, bottom) == pytest.approx(box)


def test_every_row_value_fact_and_line_of_a_pdf_is_boxed_inside_its_page(
        sample_pdf: Path, sample_doc: Document) -> None:
    rows = [r for t in sample_doc.tables for r in t.rows]
    assert rows and all(r.locator and r.locator.box for r in rows)
    values = [(r, k) for r in rows for k, v in r.values.items() if v is not None]
    assert sum(1 for r, k in values if k in r.boxes) == len(values)
    assert sample_doc.facts and all(f.locator and f.locator.box for f in sample_doc.facts)
    assert all(p.locator and p.locator.box for p in sample_doc.narrative)
    sizes = _page_sizes(sample_pdf)
    for box in _all_boxes(sample_doc):
        left, bottom, right, top = sizes[box.page - 1]
        assert left <= box.x0 < box.x1 <= right and bottom <= box.y0 < box.y1 <= top, box


def test_a_known_cell_box_holds_the_characters_printed_in_it(sample_pdf: Path,
                                                             sample_doc: Document) -> None:
    table = sample_doc.table("expenditure")
    assert table is not None and table.unit == "万元"
    row = table.row_by_code("2010301")
    assert row is not None and row.values["total"] == Decimal("3895000")
    box = row.boxes["total"]
    chars = page_chars(sample_pdf, box.page)
    assert text_in(box, chars) == "389.50"  # 3 895 000 元 printed in 万元
    # the row's box holds its code, its name and its figures, in printed order
    row_text = text_in(row.locator.box, chars)
    assert row_text.startswith("2010301行政运行") and "389.50" in row_text
    # a neighbouring column's cell is another box, not this one
    assert row.boxes["basic"] != box and not row.boxes["basic"].overlaps(box)


def test_a_fact_box_holds_its_sentence(sample_pdf: Path, sample_doc: Document) -> None:
    for fact in sample_doc.facts[:12]:
        box = fact.locator.box
        printed = text_in(box, page_chars(sample_pdf, box.page))
        quote = "".join(fold(fact.text).split())
        assert quote in fold(printed), (fact.text, printed)


def test_the_contract_carries_boxes_validates_and_reads_back(sample_doc: Document) -> None:
    data = to_plain_json(sample_doc)
    jsonschema.validate(data, disclosure_schema())
    row = next(r for t in data["tables"] if t["type"] == "expenditure" for r in t["rows"]
               if r.get("code") == "2010301")
    assert set(row["box"]) == {"page", "x0", "y0", "x1", "y1"} and row["box"]["page"] == 6
    assert set(row["cell_boxes"]) >= {"total", "basic"}
    assert all("box" in f for f in data["facts"])
    assert loads(dumps(sample_doc)) == sample_doc


def test_boxes_cross_the_reading_worker_boundary(sample_pdf: Path) -> None:
    layout = read_pdf(sample_pdf.read_bytes(), "sample.pdf")
    assert any(c.box for line in layout.lines for c in line.cells)
    assert layout_from_json(layout_to_json(layout)) == layout


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "html", "text"])
def test_other_formats_carry_no_box(fmt: str, tmp_path: Path) -> None:
    from cnbudget.render import suffix

    path = tmp_path / f"sample{suffix(fmt)}"
    render_document(budget_sample(0), fmt, path)
    doc = extract(path, isolate=False)
    assert doc.tables and doc.facts
    assert not _all_boxes(doc)
    text = json.dumps(to_plain_json(doc))
    assert '"box"' not in text and '"cell_boxes"' not in text


def _jiangsu(name: str) -> Path:
    if not JIANGSU.exists():
        pytest.skip(f"{JIANGSU} is absent: the real documents live in ../shared beside the clone")
    found = sorted(JIANGSU.rglob(name))
    if not found:
        pytest.skip(f"{name} is not in {JIANGSU}")
    return found[0]


@pytest.mark.parametrize("name", [
    "省法院2018年度部门预算公开.pdf",  # upright pages: checked with pdfplumber's characters
    "江苏省人大常委会办公厅2019年部门预算公开表.pdf",  # every page /Rotate 90
])
def test_jiangsu_cell_boxes_hold_the_printed_figures(name: str) -> None:
    pdf = _jiangsu(name)
    doc = extract(pdf, isolate=False)
    sizes = _page_sizes(pdf)
    chars: dict[int, list] = {}
    checked = 0
    for table in doc.tables:
        unit = table.figures_unit or table.unit
        for row in table.rows:
            for key, box in row.boxes.items():
                value = row.values.get(key)
                if value is None:
                    continue
                left, bottom, right, top = sizes[box.page - 1]
                assert left <= box.x0 < box.x1 <= right and bottom <= box.y0 < box.y1 <= top
                printed = text_in(box, chars.setdefault(box.page, page_chars(pdf, box.page)))
                number = parse_amount(printed)
                assert value in (number, to_yuan(number, unit)), (table.title, row.key, key, printed)
                checked += 1
    assert checked >= 100


def test_jiangsu_fact_boxes_hold_their_sentences() -> None:
    pdf = _jiangsu("江苏省人大常委会2019年度部门预算公开.pdf")
    doc = extract(pdf, isolate=False)
    assert len(doc.facts) >= 30
    chars: dict[int, list] = {}
    whole = 0
    for fact in doc.facts:
        box = fact.locator.box
        printed = fold(text_in(box, chars.setdefault(box.page, page_chars(pdf, box.page))))
        quote = "".join(fold(fact.text).split())
        assert quote[:8] in printed, (fact.text, printed)
        # a sentence running over a page break is boxed on the page it starts on
        whole += quote in printed
    assert whole >= 0.9 * len(doc.facts)
