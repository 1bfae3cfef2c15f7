"""`make bench`: every benchmark section, printed as it finishes.

BENCH_N sets the size of the synthetic corpus for the database benchmark
(default 10,000 disclosures, as the targets are stated for); BENCH_PLANTED the
samples per category of planted problem (default 12).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from cnbudget.audit.bench import bench_audit_seeds
from cnbudget.bench.boxes import bench_boxes
from cnbudget.bench.extract import bench_extract
from cnbudget.bench.formats import bench_against_pdfplumber, bench_formats
from cnbudget.bench.isolation import bench_isolation
from cnbudget.bench.planted import bench_planted
from cnbudget.bench.scale import bench_ingest, bench_pages, bench_startup
from cnbudget.ingest.pdf import bench as pdf_bench
from cnbudget.store import bench as store_bench

SHARED = Path(__file__).resolve().parents[3].parent / "shared"


def _print(lines: list[str]) -> None:
    print("\n".join(lines) + "\n", flush=True)


def main() -> int:
    seeds = SHARED / "seeds"
    pdfs = sorted((SHARED / "real" / "jiangsu").rglob("*.pdf"))
    _print(bench_startup())
    _print(bench_pages(pdfs))
    _print(bench_boxes(pdfs))
    _print(bench_ingest([SHARED / "real" / "jiangsu"] if pdfs else []))
    _print(bench_extract(seeds))
    _print(bench_audit_seeds(seeds))
    _print(bench_planted(per_category=int(os.environ.get("BENCH_PLANTED", "12"))))
    _print(bench_formats())
    _print(bench_isolation())
    _print(bench_against_pdfplumber(pdfs))
    _print(pdf_bench.run(pdfs).lines())
    n = int(os.environ.get("BENCH_N", "10000"))
    with tempfile.TemporaryDirectory(prefix="cnbudget-bench-") as tmp:
        report = store_bench.run(Path(tmp), n=n, seeds_dir=seeds if seeds.exists() else None)
        print(report.summary(), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
