"""What isolation costs: the sample disclosure extracted in a reused worker
process (cnbudget.ingest.isolation) against in this process, per document and
as a ratio, and the start of a worker (its imports, off the parent's path)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from cnbudget.ingest.isolation import IsolatedPool, Task
from cnbudget.pipeline import extract
from cnbudget.render import FORMATS, render_document
from cnbudget.samples import budget_sample

REPEATS = 5


def _best(run: object) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def bench_isolation() -> list[str]:
    doc = budget_sample()
    with tempfile.TemporaryDirectory() as tmp:
        paths = {fmt: render_document(doc, fmt, Path(tmp) / f"sample.{fmt}") for fmt in FORMATS}
        started = time.perf_counter()
        with IsolatedPool(1) as pool:
            pool.one(Task(str(paths["html"]), "warm-up", "extract"))
            first = time.perf_counter() - started
            out = [f"isolation cost per document (extract without audit, best of {REPEATS}; "
                   f"a new worker answers its first file after {first * 1000:.0f} ms):"]
            for fmt, path in paths.items():
                here = _best(lambda p=path: extract(p, audit=False, isolate=False))
                there = _best(lambda p=path: pool.one(Task(str(p), p.name, "extract", None, False)))
                out.append(f"  {fmt:5s} in-process {here * 1000:6.1f} ms  isolated "
                           f"{there * 1000:6.1f} ms  cost {(there - here) * 1000:+6.1f} ms/document "
                           f"({there / here:.2f}×)")
    return out
