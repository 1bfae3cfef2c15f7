"""Cells OCR is not sure of: each is a reading problem, never a silent guess.

A cell whose recogniser score is under `THRESHOLD` is listed as
`ocr.uncertain` (with its text and score), which makes the document partial.
Digits that read confidently but break the table's sums are the recognition
side's to check (`recognise.ocr_digits`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cnbudget.ingest.layout import ReadProblem

if TYPE_CHECKING:
    from cnbudget.ingest.pdf.reader import PageContent

THRESHOLD = 0.95  # a score under this and the reading is as likely wrong as right (tuned on the samples)


def uncertain_cells(content: PageContent) -> list[ReadProblem]:
    found: list[ReadProblem] = []
    for table in content.tables:
        for cell, text, score in zip(table.table.cells, table.texts, table.scores or [], strict=False):
            if score is not None and score < THRESHOLD:
                found.append(ReadProblem("ocr.uncertain", page=content.number, details={
                    "page": str(content.number), "row": str(cell.row + 1), "col": str(cell.col + 1),
                    "text": text, "score": f"{score:.2f}"}))
    return found
