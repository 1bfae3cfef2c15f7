"""Tables printed without rulings, scanned: the OCR'd pieces of text build the
table from their alignment through the PDF reader's own code (`pdf.aligned`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cnbudget.ingest.layout import Delimiter, Layout
from cnbudget.ingest.pdf.reader import read_pdf
from cnbudget.render.scan import MAX_SKEW, ScanOptions, scan_pdf
from tests.ingest_pdf.test_unruled import _INCOME, _SPENDING, _summary

pytest.importorskip("rapidocr", reason="the ocr extra is not installed (pip install 'cnbudget[ocr]')")


def _rows(layout: Layout) -> list[list[str]]:
    return [["".join(c.text.split()) for c in line.cells] for line in layout.lines
            if line.delimiter is Delimiter.GRID]


@pytest.mark.parametrize("dpi", [150, 200])
@pytest.mark.parametrize("rules", [False, True], ids=["no-rulings", "horizontal-rules"])
def test_an_unruled_table_scanned_reads_into_cells(tmp_path: Path, dpi: int, rules: bool) -> None:
    printed = _summary(tmp_path / "t.pdf", rules)
    text = read_pdf(printed, "t.pdf")
    scanned = read_pdf(scan_pdf(printed, ScanOptions(dpi=dpi, seed=dpi, skew=MAX_SKEW)), "scan.pdf")
    expected = [[a, b, d, e] for (a, b), (d, e) in zip(_INCOME, _SPENDING, strict=True)]
    assert _rows(text) == expected
    rows = _rows(scanned)
    assert len(rows) == len(expected)
    # every cell read as printed, or reported as uncertain
    uncertain = {(dict(p.params)["row"], dict(p.params)["col"]) for p in scanned.problems if p.code == "ocr.uncertain"}
    for r, (got, want) in enumerate(zip(rows, expected, strict=True)):
        for c, (a, b) in enumerate(zip(got, want, strict=True)):
            assert a == b or (str(r + 1), str(c + 1)) in uncertain, (r, c, a, b)
    assert sum(a == b for got, want in zip(rows, expected, strict=True) for a, b in zip(got, want, strict=True)) \
        >= 0.97 * 4 * len(expected)
    confidences = [c.confidence for line in scanned.lines if line.grid for c in line.cells if c.text]
    assert confidences and all(c is not None for c in confidences)  # scored as ruled cells are
    # the title and unit line stay running text, as on the text page
    assert ["".join(line.text.split()) for line in scanned.lines if line.grid is None] == \
        ["某部门2024年部门收支总表", "单位：万元"]
