"""A finding marked where the store keeps its box: on the page view (the boxes handed
to pdf.js) and in the annotated PDF download (a /Square annotation over the cell),
and, for a document stored without boxes, the old way: the page's text searched,
the uploaded file read again for the annotated PDF.

Where the box lands is checked on the PDF itself with pdfplumber (the words inside
the rectangle and on its line), not against cnbudget's own reading."""

from __future__ import annotations

import io
import json
import re
from html import unescape
from pathlib import Path

import pdfplumber
from fastapi.testclient import TestClient
from pypdf import PdfReader
from sqlalchemy import update

from cnbudget.model.document import Box
from cnbudget.store import Store, schema
from tests.web.accounts import login, token_for
from tests.web.flow import upload, wait_for_job
from tests.web.samples import planted_pdf

BOXED = ("document_problems", "narrative", "tables", "table_rows", "facts", "line_items",
         "row_texts")


def _stored(client: TestClient, tmp_path: Path) -> tuple[Path, int, dict, dict[str, str]]:
    headers = token_for(client, "inspector1")
    pdf = planted_pdf(tmp_path / "in")
    job = wait_for_job(client, headers, upload(client, headers, pdf).json()["jobs"][0]["id"])
    assert job["status"] == "done", job
    doc_id = job["documents"][0]
    findings = client.get(f"/api/v1/documents/{doc_id}/findings", headers=headers).json()
    planted = next(f for f in findings if any(loc.get("code") == "2010301"
                                              and loc.get("column") for loc in f["locations"]))
    return pdf, doc_id, planted, headers


def _squares(pdf: bytes) -> list[tuple[str, int, list[float]]]:
    """(comment, page label, rect) of every cnbudget rectangle in an annotated PDF."""
    reader = PdfReader(io.BytesIO(pdf))
    out = []
    for index, page in enumerate(reader.pages):
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            if annot["/Subtype"] == "/Square":
                out.append((str(annot["/Contents"]), reader.page_labels[index],
                            [float(v) for v in annot["/Rect"]]))
    return out


def _words_in(pdf: Path, page_no: int, rect: list[float]) -> tuple[list[str], list[str]]:
    """The words printed inside `rect` (PDF user space) on a page, and those on its line."""
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[page_no - 1]
        height = float(page.height)
        words = page.extract_words()
    x0, y0, x1, y1 = rect
    top, bottom = height - y1, height - y0  # pdfplumber measures from the top
    inside = [w["text"] for w in words if w["x0"] >= x0 and w["x1"] <= x1
              and w["top"] >= top and w["bottom"] <= bottom]
    line = [w["text"] for w in words if w["top"] < bottom and w["bottom"] > top]
    return inside, line


def _page_data(client: TestClient, doc_id: int, page_no: int, finding: str) -> tuple[list, list]:
    html = client.get(f"/documents/{doc_id}/pages/{page_no}?finding={finding}").text
    boxes = re.search(r'data-boxes="([^"]*)"', html)
    marks = re.search(r'data-marks="([^"]*)"', html)
    assert boxes is not None and marks is not None
    return json.loads(unescape(boxes.group(1))), json.loads(unescape(marks.group(1)))


def test_the_stored_box_marks_the_page_view_and_the_annotated_pdf(
        client: TestClient, tmp_path: Path) -> None:
    pdf, doc_id, planted, headers = _stored(client, tmp_path)
    page_no = next(loc["page"] for loc in planted["locations"] if loc.get("page"))
    login(client, "viewer1")
    boxes, marks = _page_data(client, doc_id, page_no, planted["id"])
    assert len(boxes) == 1 and marks == []  # the box, not a text search
    inside, line = _words_in(pdf, page_no, boxes[0])
    assert len(inside) == 1 and re.fullmatch(r"[\d,.]+", inside[0]), inside
    assert "2010301" in line  # the planted row's cell

    answer = client.get(f"/api/v1/documents/{doc_id}/annotated.pdf", headers=headers)
    assert answer.status_code == 200
    squares = [s for s in _squares(answer.content) if planted["message"] in s[0]]
    assert len(squares) == 1
    _, label, rect = squares[0]
    assert label == str(page_no)  # the document's page, after the overview in front
    drawn = [rect[0] + 1, rect[1] + 1, rect[2] - 1, rect[3] - 1]  # less the padding
    assert drawn == boxes[0]

    # the download draws the box the store keeps (not a reading of the file again)
    store = client.app.state.store  # type: ignore[attr-defined]
    elsewhere = _moved_box(store, page_no, boxes[0])
    again = _squares(client.get(f"/api/v1/documents/{doc_id}/annotated.pdf",
                                headers=headers).content)
    assert [r for c, _, r in again if planted["message"] in c] == [
        [elsewhere[0] - 1, elsewhere[1] - 1, elsewhere[2] + 1, elsewhere[3] + 1]]


def _moved_box(store: Store, page_no: int, box: list[float]) -> list[float]:
    """The stored box of the planted cell moved 100 points up the page."""
    moved = [box[0], box[1] + 100, box[2], box[3] + 100]
    with store.engine.begin() as conn:
        done = conn.execute(update(schema.line_items).where(schema.line_items.c.box
                                                            == Box(page_no, *box))
                            .values(box=Box(page_no, *moved)))
        assert done.rowcount == 1
    return moved


def test_without_stored_boxes_the_text_is_searched_and_the_file_read_again(
        client: TestClient, tmp_path: Path) -> None:
    pdf, doc_id, planted, headers = _stored(client, tmp_path)
    store = client.app.state.store  # type: ignore[attr-defined]
    with store.engine.begin() as conn:  # as a document stored before the store kept boxes
        for name in BOXED:
            table = schema.metadata.tables[name]
            conn.execute(update(table).values(box=None))
    page_no = next(loc["page"] for loc in planted["locations"] if loc.get("page"))
    login(client, "viewer1")
    boxes, marks = _page_data(client, doc_id, page_no, planted["id"])
    assert boxes == [] and "2010301" in marks

    answer = client.get(f"/api/v1/documents/{doc_id}/annotated.pdf", headers=headers)
    assert answer.status_code == 200
    squares = [s for s in _squares(answer.content) if planted["message"] in s[0]]
    assert len(squares) == 1 and squares[0][1] == str(page_no)
    rect = squares[0][2]
    inside, line = _words_in(pdf, page_no, [rect[0] + 1, rect[1] + 1, rect[2] - 1, rect[3] - 1])
    assert len(inside) == 1 and "2010301" in line


def test_a_dismissed_finding_is_not_drawn_on_the_annotated_pdf(client: TestClient, tmp_path: Path) -> None:
    _, doc_id, planted, headers = _stored(client, tmp_path)
    before = _squares(client.get(f"/api/v1/documents/{doc_id}/annotated.pdf", headers=headers).content)
    assert any(planted["message"] in c for c, _, _ in before)
    done = client.patch(f"/api/v1/findings/{planted['id']}", headers=headers,
                        json={"status": "dismissed", "note": "口径不同，不是错误"})
    assert done.status_code == 200, done.text
    after = _squares(client.get(f"/api/v1/documents/{doc_id}/annotated.pdf", headers=headers).content)
    assert not any(planted["message"] in c for c, _, _ in after)
    assert len(after) == len(before) - 1  # the others stay
