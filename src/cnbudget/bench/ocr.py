"""OCR against the text layer: a PDF read as printed and as a scan of itself.

`compare_documents(truth, scanned)` matches the two readings table by table
and row by row and counts the cells (code, name and every figure of a row)
read alike; `wrong` lists the others with where they were printed, so a test
can check each is reported as a reading problem. `bench_ocr` scans the
samples at several dpi and prints seconds per page and cell accuracy.
"""

from __future__ import annotations

import os
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from cnbudget.model import Document, Row, Table
from cnbudget.normalise.amounts import parse_amount
from cnbudget.recognise.identities import unit_factor

OCR_CODES = ("ocr.uncertain", "ocr.unconfirmed", "ocr.corrected")


@dataclass(frozen=True, slots=True)
class WrongCell:
    table: str  # the printed title
    page: int | None
    row: str  # the row's label (code or name) as the text layer reads it
    key: str  # "code", "name" or a value's column key
    expected: str
    got: str
    got_printed: str = ""  # the scan's reading as printed (a figure in the table's unit)


@dataclass(slots=True)
class CellComparison:
    total: int = 0
    right: int = 0
    wrong: list[WrongCell] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 1.0


def _text(value: str | Decimal | None) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return str(value.normalize()) if value else "0"
    return "".join(unicodedata.normalize("NFKC", value).split())


def _cells(row: Row) -> dict[str, str]:
    cells = {"code": _text(row.code), "name": _text(row.name)}
    cells.update((k, _text(v)) for k, v in row.values.items())
    return cells


def _as_printed(row: Row | None, key: str, table: Table | None) -> str:
    if row is None or table is None:
        return ""
    if key in ("code", "name"):
        return _text(getattr(row, key))
    value = row.values.get(key)
    return "" if value is None else format((value / unit_factor(table)).normalize(), "f")


def _compare_table(truth: Table, scanned: Table | None, out: CellComparison) -> None:
    rows = scanned.rows if scanned is not None else []
    for n, row in enumerate(truth.rows):
        other_row = rows[n] if n < len(rows) else None
        other = _cells(other_row) if other_row is not None else {}
        for key, expected in _cells(row).items():
            if not expected:
                continue
            out.total += 1
            got = other.get(key, "")
            if got == expected:
                out.right += 1
            else:
                page = row.locator.page if row.locator else truth.locator.page if truth.locator else None
                out.wrong.append(WrongCell(truth.title, page, row.code or row.name or row.item or "?",
                                           key, expected, got, _as_printed(other_row, key, scanned)))


def compare_documents(truth: Document, scanned: Document) -> CellComparison:
    """Cell for cell: the scan's tables against the text layer's, in order."""
    out = CellComparison()
    for n, table in enumerate(truth.tables):
        other = scanned.tables[n] if n < len(scanned.tables) else None
        if other is not None and other.type != table.type:
            other = next((t for t in scanned.tables if t.type == table.type and t.title == table.title), None)
        _compare_table(table, other, out)
    return out


def _same_reading(text: str, printed: str) -> bool:
    if _text(text) == printed:
        return True
    try:
        value, shown = parse_amount(text), Decimal(printed) if printed else None
    except (ValueError, ArithmeticError):  # a name, not a figure
        return False
    return value is not None and value == shown


def reported(scanned: Document, wrong: WrongCell) -> bool:
    """Whether the scan's reading lists a problem for `wrong`: its table's sums
    unconfirmed, or its cell (same page, same reading) uncertain."""
    for p in scanned.problems:
        params = dict(p.params)
        if p.code == "ocr.unconfirmed" and params.get("title") == wrong.table:
            return True
        if p.code == "ocr.uncertain" and p.locator is not None and p.locator.page == wrong.page \
                and (_same_reading(params.get("text", ""), wrong.got_printed) or not wrong.got_printed):
            return True
    return False


@dataclass(frozen=True, slots=True)
class OcrRun:
    dpi: int
    pages: int
    seconds: float  # wall clock of reading the scan
    cpu: float | None  # CPU seconds of it (both cores count), where read in this process
    comparison: CellComparison
    unreported: int
    findings: tuple[list[str], list[str]]  # the audit's rule ids, text layer and scan
    scanned: Document  # the scan as read


def _findings(doc: Document) -> list[str]:
    return sorted(f"{f.rule}:{f.severity.value}" for f in doc.findings)


def run_ocr(doc: Document, dpi: int, pages: tuple[int, ...] | int | None = None, seed: int = 0,
            isolate: bool = True, skew: float = 1.0, turn: int = 0, container: str = "pdf") -> OcrRun:
    """Print `doc` as PDF, read and audit it, scan it at `dpi` (fed turned by `turn` degrees,
    wrapped as a PDF or an OFD: `container`), read and audit the scan (in a worker unless
    `isolate` is False, which measures its CPU time); compare.
    `pages`: the 0-based pages to keep, or a count (the first pages with tables)."""
    from cnbudget.pipeline import extract
    from cnbudget.render import render_document
    from cnbudget.render.scan import ScanOptions, scan_file

    with tempfile.TemporaryDirectory(prefix="cnbudget-ocr-") as folder:
        printed = render_document(doc, "pdf", Path(folder) / "printed.pdf")
        if isinstance(pages, int):
            full = extract(printed, audit=False)
            found = sorted({t.locator.page for t in full.tables if t.locator and t.locator.page and t.rows})
            pages = tuple(p - 1 for p in found[:pages])
        if pages is not None:
            printed.write_bytes(_subset(printed.read_bytes(), pages))
        truth = extract(printed)
        scan = Path(folder) / f"scan.{container}"
        options = ScanOptions(dpi=dpi, seed=seed, skew=skew, turn=turn, container=container)
        scan.write_bytes(scan_file(printed.read_bytes(), options))
        started, cpu = time.perf_counter(), time.process_time()
        scanned = extract(scan, isolate=isolate)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    comparison = compare_documents(truth, scanned)
    unreported = sum(not reported(scanned, w) for w in comparison.wrong)
    return OcrRun(dpi, scanned.source.pages or 0, seconds, None if isolate else cpu, comparison, unreported,
                  (_findings(truth), _findings(scanned)), scanned)


def _subset(data: bytes, pages: tuple[int, ...]) -> bytes:
    """Only some pages of a PDF (small test documents)."""
    import io

    import pypdfium2 as pdfium

    source, target = pdfium.PdfDocument(data), pdfium.PdfDocument.new()
    try:
        target.import_pages(source, list(pages))
        out = io.BytesIO()
        target.save(out)
        return out.getvalue()
    finally:
        target.close()
        source.close()


def bench_ocr() -> list[str]:
    """OCR seconds per page and cell accuracy by dpi, on the two samples' table pages."""
    from cnbudget.ingest.ocr import missing_ocr_module
    from cnbudget.samples import budget_sample, final_account_sample

    if missing_ocr_module() is not None:
        return ["OCR: skipped (pip install 'cnbudget[ocr]')"]
    pages = tuple(int(p) for p in os.environ.get("BENCH_OCR_PAGES", "2,3,4,5").split(","))
    resolutions = tuple(int(d) for d in os.environ.get("BENCH_OCR_DPI", "150,200,300").split(","))
    lines = [f"OCR of scans (pages {', '.join(str(p + 1) for p in pages)} of each sample, noise, "
             f"blur, skew ≤ 1°; {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f} at the start):"]
    for dpi in resolutions:
        runs = [run_ocr(doc, dpi, pages, seed=dpi, isolate=False) for doc in (budget_sample(), final_account_sample())]
        n = sum(r.pages for r in runs)
        total = sum(r.comparison.total for r in runs)
        right = sum(r.comparison.right for r in runs)
        # rule ids: a scan with an uncertain cell is partial, and the audit softens severities then
        same = sum([f.split(":")[0] for f in r.findings[0]] == [f.split(":")[0] for f in r.findings[1]]
                   for r in runs)
        lines.append(
            f"  {dpi} dpi: {sum(r.seconds for r in runs) / n:.2f} s/page wall, "
            f"{sum(r.cpu or 0 for r in runs) / n:.2f} s/page CPU; cells {right}/{total} "
            f"= {right / total:.1%}; wrong and not reported: {sum(r.unreported for r in runs)}; "
            f"findings as the text layer's: {same}/{len(runs)} samples")
    return lines
