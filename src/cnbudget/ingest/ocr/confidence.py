"""Cells OCR is not sure of: each is a reading problem, never a silent guess.

A cell whose recogniser score is under `THRESHOLD`, or one a step of the
model nearly read otherwise (its doubt, `engine`, at `DOUBT` or over: a
character nearly read instead or nearly read and dropped, which the mean
score of a long name hides), is listed as `ocr.uncertain` (with its text,
score and doubt), which makes the document partial. Names have no sums to
check them, so this is what keeps a misread name from being stored unsaid.
Digits that read confidently but break the table's sums are the recognition
side's to check (`recognise.ocr_digits`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cnbudget.ingest.layout import ReadProblem

if TYPE_CHECKING:
    from cnbudget.ingest.pdf.reader import PageContent

THRESHOLD = 0.95  # a score under this and the reading is as likely wrong as right (tuned on the samples)
DOUBT = 0.35  # a rival character this likely somewhere in the cell (tuned on the samples' and seeds' scans)


def uncertain_cells(content: PageContent) -> list[ReadProblem]:
    found: list[ReadProblem] = []
    for table in content.tables:
        doubts = table.doubts or [0.0] * len(table.texts)
        for cell, text, score, doubt in zip(table.table.cells, table.texts, table.scores or [], doubts,
                                            strict=False):
            if score is not None and (score < THRESHOLD or doubt >= DOUBT):
                found.append(ReadProblem("ocr.uncertain", page=content.number, details={
                    "page": str(content.number), "row": str(cell.row + 1), "col": str(cell.col + 1),
                    "text": text, "score": f"{score:.2f}", "doubt": f"{doubt:.2f}"}))
    return found
