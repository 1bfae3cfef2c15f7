"""End-to-end extraction speed per format, and against pdfplumber on real PDFs.

Per format: the sample disclosure rendered to each format, then extracted
(audit excluded); pages are counted on its PDF rendering so every format is
measured per the same printed page. On real PDFs: cnbudget's whole extract
against pdfplumber's table extraction alone (lines strategy).
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

from cnbudget.pipeline import extract
from cnbudget.render import FORMATS, render_document
from cnbudget.samples import budget_sample

REPEATS = 3
_LINES = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


def _best(path: Path) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        extract(path, audit=False)
        times.append(time.perf_counter() - start)
    return min(times)


def bench_formats() -> list[str]:
    doc = budget_sample()
    with tempfile.TemporaryDirectory() as tmp:
        paths = {fmt: render_document(doc, fmt, Path(tmp) / f"sample.{fmt}") for fmt in FORMATS}
        pages = len(pdfium.PdfDocument(str(paths["pdf"])))
        out = [f"extract per format (the sample disclosure, {pages} printed pages, best of {REPEATS}):"]
        for fmt, path in paths.items():
            seconds = _best(path)
            out.append(f"  {fmt:5s} {seconds * 1000:7.1f} ms/document  {pages / seconds:7.1f} pages/s")
    return out


def bench_against_pdfplumber(pdfs: Sequence[Path]) -> list[str]:
    if not pdfs:
        return ["extract vs pdfplumber: no real PDFs (../shared absent): skipped"]
    ours = theirs = 0.0
    pages = 0
    for path in pdfs:
        ours += _best(path)
        start = time.perf_counter()
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_tables(_LINES)
                pages += 1
        theirs += time.perf_counter() - start
    return [
        f"extract vs pdfplumber on {len(pdfs)} real PDFs ({pages} pages):",
        f"  cnbudget end-to-end extract: {pages / ours:7.1f} pages/s ({ours / pages * 1000:.1f} ms/page)",
        f"  pdfplumber tables alone:     {pages / theirs:7.1f} pages/s ({theirs / pages * 1000:.1f} ms/page)",
        f"  cnbudget is {theirs / ours:.1f}x faster",
    ]
