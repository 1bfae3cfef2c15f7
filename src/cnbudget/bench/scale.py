"""Start-up, per-page and scale-out figures (issue 15), as ratios and per-page or
per-document costs. CPU time is reported beside wall time: on a shared machine
wall time measures the neighbours as much as cnbudget.

- start-up: CPU and peak memory of `cnbudget --help`, and of a reading worker's
  warm-up (what every `extract` process adds);
- per page: the pypdfium2 floor (load each page and its text), our PDF reader,
  and reading plus recognition, in CPU ms per page and as multiples of the floor,
  best of interleaved rounds;
- ingest: `-j 1` against `-j 2`, and Dask with one worker against two.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROUNDS = 3


def _child_run(args: list[str]) -> tuple[float, float]:
    """CPU seconds and peak MiB of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return cpu, after.ru_maxrss / 1024  # the largest child so far: these are small


def bench_startup() -> list[str]:
    helps = [_child_run([sys.executable, "-m", "cnbudget", "--help"]) for _ in range(ROUNDS)]
    warm = [_child_run([sys.executable, "-c", "from cnbudget.ingest.worker import _warm_up; "
                        "_warm_up()"]) for _ in range(ROUNDS)]
    return [
        "start-up (CPU, best of 3; target ≤ 0.3 s and ≤ 80 MiB):",
        f"  cnbudget --help        {min(c for c, _ in helps):.2f} s CPU, "
        f"{min(m for _, m in helps):.0f} MiB",
        f"  reading worker warm-up {min(c for c, _ in warm):.2f} s CPU, "
        f"{min(m for _, m in warm):.0f} MiB (once per extract process or ingest worker)",
    ]


def _cpu(fn: Callable[[bytes], object], blobs: Sequence[bytes]) -> float:
    start = time.process_time()
    for blob in blobs:
        fn(blob)
    return time.process_time() - start


def bench_pages(pdfs: Sequence[Path]) -> list[str]:
    if not pdfs:
        return ["per page: no PDFs (../shared absent): skipped"]
    import pypdfium2 as pdfium

    from cnbudget.ingest.pdf.reader import read_pdf
    from cnbudget.ingest.readers import read_bytes
    from cnbudget.pipeline import extract_read
    from cnbudget.registry import load_plugins

    load_plugins()
    blobs = [p.read_bytes() for p in pdfs]

    def floor(data: bytes) -> int:
        pdf = pdfium.PdfDocument(data)
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        n = len(pdf)
        pdf.close()
        return n

    pages = sum(floor(b) for b in blobs)
    steps: dict[str, Callable[[bytes], object]] = {
        "pypdfium2 floor": floor,
        "PDF reader": lambda b: read_pdf(b, "bench.pdf"),
        "reader + recognition": lambda b: extract_read(read_bytes(b, "bench.pdf"), audit=False),
    }
    best = {name: float("inf") for name in steps}
    for _ in range(ROUNDS):  # interleaved: each round runs every step once
        for name, fn in steps.items():
            best[name] = min(best[name], _cpu(fn, blobs))
    base = best["pypdfium2 floor"]
    out = [f"per page ({len(pdfs)} PDFs, {pages} pages; CPU, best of {ROUNDS} interleaved "
           "rounds; target ≤ 3× the floor):"]
    for name, seconds in best.items():
        out.append(f"  {name:22s} {seconds * 1000 / pages:6.2f} ms/page  "
                   f"{seconds / base:5.2f}× floor")
    return out


_INGEST = """
import os, sys, time
from pathlib import Path
from cnbudget.store import Store
from cnbudget.store.batch import ingest
db, jobs, engine = sys.argv[1], int(sys.argv[2]), sys.argv[3]
sources = [Path(p) for p in sys.argv[4:]]
with Store(db) as store:
    t0, w0 = os.times(), time.perf_counter()
    report = ingest(store, sources, jobs=jobs, engine=engine)
    t1, w1 = os.times(), time.perf_counter()
print(report.stored, report.failed, w1 - w0, t1.user + t1.system - t0.user - t0.system,
      t1.children_user + t1.children_system - t0.children_user - t0.children_system)
"""


def _ingest_once(sources: Sequence[Path], jobs: int, engine: str) -> tuple[int, float, float, float]:
    with tempfile.TemporaryDirectory(prefix="cnbudget-bench-") as tmp:
        done = subprocess.run(
            [sys.executable, "-c", _INGEST, str(Path(tmp) / "bench.db"), str(jobs), engine,
             *map(str, sources)], check=True, capture_output=True, text=True)
    stored, _failed, wall, parent, workers = done.stdout.split()
    return int(stored), float(wall), float(parent), float(workers)


def bench_ingest(sources: Sequence[Path], engines: Sequence[str] = ("local", "dask")) -> list[str]:
    if not sources:
        return ["ingest: no PDFs (../shared absent): skipped"]
    cores = os.cpu_count() or 1
    out = [f"ingest of the Jiangsu PDFs into SQLite ({cores} cores; wall is shared with "
           "whatever else runs; CPU is the parent's and its local workers'; a Dask cluster's workers are not its children):"]
    for engine in engines:
        if engine == "dask" and not _has_distributed():
            out.append("  dask: the dask extra is not installed: skipped")
            continue
        runs = {}
        for jobs in (1, 2):  # interleaved pairs, the best of each
            for _ in range(2):
                runs.setdefault(jobs, []).append(_ingest_once(sources, jobs, engine))
        one = min(runs[1], key=lambda r: r[1])
        two = min(runs[2], key=lambda r: r[1])
        label = "-j" if engine == "local" else "dask workers"
        for jobs, (stored, wall, parent, workers) in ((1, one), (2, two)):
            out.append(f"  {engine:5s} {label} {jobs}: {stored} documents, {wall:.2f} s wall, "
                       f"{wall * 1000 / max(1, stored):.0f} ms/document, parent "
                       f"{parent * 1000 / max(1, stored):.0f} ms CPU/document, workers "
                       f"{workers * 1000 / max(1, stored):.0f} ms CPU/document")
        out.append(f"  {engine:5s} 2 against 1: {one[1] / two[1]:.2f}× faster (wall; target "
                   "≥ 1.7× on 2 idle cores)")
    return out


def _has_distributed() -> bool:
    try:
        import distributed  # noqa: F401
    except ImportError:
        return False
    return True
