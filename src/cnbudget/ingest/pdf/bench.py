"""PDF reader benchmark: pages/s, the ratio to pdfplumber's table extraction
alone, accuracy against what was drawn, and peak memory on a 100-page PDF.

A benchmark, not a test: `make bench` calls `run()`; `python -m
cnbudget.ingest.pdf.bench [PDF_DIR]` prints the same report.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas as rl_canvas

from cnbudget.ingest.pdf.reader import read_pdf

_FONT = "STSong-Light"
_ITEMS = ("一般公共服务支出", "行政运行", "机关服务", "社会保障和就业支出", "住房公积金", "提租补贴")
_LINES = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}

Truth = list[list[list[str]]]  # per page, rows of cell texts


def make_table_pdf(pages: int = 100, rows: int = 32) -> tuple[bytes, Truth]:
    """A CJK budget-like table over `pages` A4 pages (a merged header on each,
    stroked rulings) and the cell texts drawn, per page."""
    pdfmetrics.registerFont(UnicodeCIDFont(_FONT))
    buffer = io.BytesIO()
    c = rl_canvas.Canvas(buffer)
    xs = [40, 120, 330, 440, 550]
    truth: Truth = []
    for p in range(pages):
        page_rows = [["功能分类", "", "金额", ""], ["科目编码", "科目名称", "本年预算", "上年预算"]]
        for r in range(rows):
            code = f"2{(p * rows + r) % 100:02d}{r:02d}01"
            page_rows.append([code, _ITEMS[r % len(_ITEMS)], f"{(p + 1) * 1000 + r * 37.25:,.2f}", f"{r * 11.5:,.2f}"])
        top = 800.0
        ys = [top - 20 * i for i in range(len(page_rows) + 1)]
        c.setFont(_FONT, 9)
        c.drawString(40, 815, f"部门预算支出表（第{p + 1}页）")
        for i, y in enumerate(ys):
            # the first row's header cells each span two columns: no ruling between them
            c.line(xs[0], y, xs[-1], y)
            if i < len(ys) - 1:
                for k, x in enumerate(xs):
                    if i == 0 and k in (1, 3):
                        continue
                    c.line(x, y, x, ys[i + 1])
        expected: list[list[str]] = []
        for i, row in enumerate(page_rows):
            cols = (0, 2) if i == 0 else range(4)
            expected.append([row[k] for k in cols])
            for k in cols:
                c.drawString(xs[k] + 3, ys[i] - 14, row[k])
        truth.append(expected)
        c.showPage()
    c.save()
    return buffer.getvalue(), truth


@dataclass
class Timing:
    name: str
    pages: int
    ours: float  # seconds
    plumber: float

    @property
    def ratio(self) -> float:
        return self.plumber / self.ours if self.ours else float("inf")


@dataclass
class BenchReport:
    timings: list[Timing] = field(default_factory=list)
    ours_accuracy: float = 0.0  # share of drawn cells given exactly, generated PDF
    plumber_accuracy: float = 0.0
    peak_mb: float = 0.0  # max RSS of a process reading the generated PDF
    baseline_mb: float = 0.0  # the same process importing everything but reading nothing

    def lines(self) -> list[str]:
        out = [f"{'PDF':40} {'pages':>5} {'cnbudget p/s':>12} {'pdfplumber p/s':>14} {'ratio':>6}"]
        for t in self.timings:
            out.append(f"{t.name[:40]:40} {t.pages:5d} {t.pages / t.ours:12.1f} {t.pages / t.plumber:14.1f} {t.ratio:6.1f}x")
        out.append(f"cell accuracy on the generated PDF: cnbudget {self.ours_accuracy:.2%}, pdfplumber {self.plumber_accuracy:.2%}")
        out.append(f"peak memory reading the generated PDF: {self.peak_mb:.0f} MB (interpreter and imports alone {self.baseline_mb:.0f} MB)")
        return out


def _ours_rows(data: bytes) -> Truth:
    layout = read_pdf(data, "bench.pdf")
    pages: Truth = [[] for _ in range(layout.pages or 0)]
    for line in layout.lines:
        if line.grid is not None and line.page is not None:
            pages[line.page - 1].append(line.texts)
    return pages


def _plumber_rows(data: bytes) -> Truth:
    pages: Truth = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            rows = [[(c or "").replace("\n", "") for c in row if c is not None]
                    for t in page.extract_tables(_LINES) for row in t]
            pages.append(rows)
            page.close()
    return pages


def _accuracy(found: Truth, truth: Truth) -> float:
    total = sum(len(row) for page in truth for row in page)
    right = 0
    for got_page, want_page in zip(found, truth, strict=False):
        for got, want in zip(got_page, want_page, strict=False):
            right += sum(a == b for a, b in zip(got, want, strict=False))
    return right / total if total else 0.0


def _timed(fn: Callable[[bytes], Truth], data: bytes) -> tuple[float, Truth]:
    start = time.perf_counter()
    result = fn(data)
    return time.perf_counter() - start, result


_MEASURE = """
import resource, sys
from cnbudget.ingest.pdf import read_pdf
data = open(sys.argv[1], "rb").read()
if sys.argv[2] == "read":
    read_pdf(data, "bench.pdf")
try:
    # VmHWM is this process's own peak; ru_maxrss also counts the parent it was forked from
    with open("/proc/self/status") as status:
        print(next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")))
except OSError:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _peak_mb(path: Path, mode: str) -> float:
    out = subprocess.run([sys.executable, "-c", _MEASURE, str(path), mode],
                         check=True, capture_output=True, text=True).stdout
    return int(out.strip()) / 1024  # KiB


def run(pdfs: Sequence[Path] = (), pages: int = 100) -> BenchReport:
    report = BenchReport()
    data, truth = make_table_pdf(pages)
    ours_time, ours = _timed(_ours_rows, data)
    plumber_time, theirs = _timed(_plumber_rows, data)
    report.timings.append(Timing(f"generated CJK tables ({pages} pages)", pages, ours_time, plumber_time))
    report.ours_accuracy = _accuracy(ours, truth)
    report.plumber_accuracy = _accuracy(theirs, truth)
    total = Timing("all real PDFs", 0, 0.0, 0.0)
    for pdf in pdfs:
        blob = pdf.read_bytes()
        t_ours, found = _timed(_ours_rows, blob)
        t_plumber, _ = _timed(_plumber_rows, blob)
        report.timings.append(Timing(pdf.name, len(found), t_ours, t_plumber))
        total.pages += len(found)
        total.ours += t_ours
        total.plumber += t_plumber
    if pdfs:
        report.timings.append(total)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.pdf"
        path.write_bytes(data)
        report.peak_mb = _peak_mb(path, "read")
        report.baseline_mb = _peak_mb(path, "none")
    return report


def main(argv: Sequence[str] = ()) -> None:
    folder = Path(argv[0]) if argv else Path.cwd().parent / "shared" / "real" / "jiangsu"
    pdfs = sorted(folder.glob("**/*.pdf")) if folder.is_dir() else []
    report = run(pdfs)
    print("\n".join(report.lines()))
    print(json.dumps({"pages_per_s_generated": report.timings[0].pages / report.timings[0].ours,
                      "ratio_generated": report.timings[0].ratio,
                      "ratio_real": report.timings[-1].ratio if pdfs else None,
                      "peak_mb": report.peak_mb}))


if __name__ == "__main__":
    main(sys.argv[1:])
