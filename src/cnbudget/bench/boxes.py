"""What the page boxes cost: CPU per page of the two steps that make them, against
the reader and recognition without them.

- lines: the reader's last step (cells and text lines into `Line`s) with boxes,
  against the same step told no frame (no boxes), on the same pages;
- cells: recognition's search for each value's cell (recognise/boxes.py), against
  recognition with that search skipped.
Best of interleaved rounds, like the per-page figures.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

ROUNDS = 3


def _best(fn: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(ROUNDS):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def bench_boxes(pdfs: Sequence[Path]) -> list[str]:
    if not pdfs:
        return ["boxes: no PDFs (../shared absent): skipped"]
    import cnbudget.recognise.document as recognition
    from cnbudget.ingest.pdf.reader import _page_lines, open_pdf, read_pages, read_pdf
    from cnbudget.model import SourceFile
    from cnbudget.registry import load_plugins

    load_plugins()
    blobs = [p.read_bytes() for p in pdfs]
    contents = []
    for blob in blobs:
        pdf = open_pdf(blob, "bench.pdf")
        try:
            contents.append(read_pages(pdf, blob))
        finally:
            pdf.close()
    pages = sum(len(c) for c in contents)
    unframed = [[replace(page, frame=None) for page in doc] for doc in contents]

    def lines(docs: list) -> None:
        for doc in docs:
            grid = 1
            for page in doc:
                _, grid = _page_lines(page, grid)

    layouts = [read_pdf(blob, "bench.pdf") for blob in blobs]
    source = SourceFile("bench.pdf", "0" * 64, "pdf")

    def recognise() -> None:
        for layout in layouts:
            recognition.recognise_layout(layout, source)

    reader = _best(lambda: [read_pdf(blob, "bench.pdf") for blob in blobs])
    with_boxes, without = _best(lambda: lines(contents)), _best(lambda: lines(unframed))
    full = _best(recognise)
    attach = recognition.attach_cell_boxes
    recognition.attach_cell_boxes = lambda block, tables: None  # type: ignore[assignment]
    try:
        bare = _best(recognise)
    finally:
        recognition.attach_cell_boxes = attach

    def ms(seconds: float) -> str:
        return f"{seconds * 1000 / pages:6.3f} ms/page"

    lines_cost, cells_cost = with_boxes - without, full - bare
    return [
        f"boxes ({len(pdfs)} PDFs, {pages} pages; CPU, best of {ROUNDS}):",
        f"  PDF reader             {ms(reader)}",
        f"  lines with boxes       {ms(with_boxes)}  without {ms(without)}  "
        f"(+{ms(lines_cost)}, {lines_cost / reader:+.1%} of the reader)",
        f"  recognition            {ms(full)}  without the cell search {ms(bare)}  "
        f"(+{ms(cells_cost)}, {cells_cost / (reader + bare):+.1%} of reader + recognition)",
    ]
