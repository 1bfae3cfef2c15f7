"""`make bench`: every benchmark section, printed as it finishes.

BENCH_N sets the size of the synthetic corpus for the database benchmark
(default 10,000 disclosures, as the targets are stated for); BENCH_PLANTED the
samples per category of planted problem (default 12); BENCH_SCALE_N the generated
documents the national queries are timed on in SQLite (default 30,000, a province).

`python -m cnbudget.bench ocr` runs the OCR section alone (`make bench-ocr`; BENCH_OCR_PAGES,
BENCH_OCR_DPI pick the pages and resolutions).

`python -m cnbudget.bench scale-queries --documents N [--postgres URL] [--plans]`
times the national queries alone (cnbudget.bench.queries): on PostgreSQL at URL
(an empty database is generated into; one holding N documents is reused), else
in a new SQLite file.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from cnbudget.audit.bench import bench_audit_seeds
from cnbudget.bench.boxes import bench_boxes
from cnbudget.bench.extract import bench_extract
from cnbudget.bench.formats import bench_against_pdfplumber, bench_formats
from cnbudget.bench.isolation import bench_isolation
from cnbudget.bench.ocr import bench_ocr
from cnbudget.bench.planted import bench_planted
from cnbudget.bench.scale import bench_ingest, bench_pages, bench_startup
from cnbudget.ingest.pdf import bench as pdf_bench
from cnbudget.store import bench as store_bench

SHARED = Path(__file__).resolve().parents[3].parent / "shared"


def _print(lines: list[str]) -> None:
    print("\n".join(lines) + "\n", flush=True)


def scale_queries(argv: list[str]) -> int:
    from cnbudget.bench.queries import run

    parser = argparse.ArgumentParser(prog="python -m cnbudget.bench scale-queries")
    parser.add_argument("--documents", type=int, default=30_000)
    parser.add_argument("--postgres", help="postgresql://… (default: a new SQLite file)")
    parser.add_argument("--plans", action="store_true", help="print each statement's plan")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cnbudget-bench-") as tmp:
        db = args.postgres or str(Path(tmp) / "national.db")
        report = run(db, args.documents, explain=args.plans,
                     progress=lambda m: print(f"  {m}", file=sys.stderr, flush=True))
        _print(report.lines(plans=args.plans))
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["scale-queries"]:
        return scale_queries(argv[1:])
    if argv[:1] == ["ocr"]:
        _print(bench_ocr())
        return 0
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
    _print(bench_ocr())
    _print(bench_isolation())
    _print(bench_against_pdfplumber(pdfs))
    _print(pdf_bench.run(pdfs).lines())
    n = int(os.environ.get("BENCH_N", "10000"))
    with tempfile.TemporaryDirectory(prefix="cnbudget-bench-") as tmp:
        report = store_bench.run(Path(tmp), n=n, seeds_dir=seeds if seeds.exists() else None)
        print(report.summary(), flush=True)
    return scale_queries(["--documents", os.environ.get("BENCH_SCALE_N", "30000")])


if __name__ == "__main__":
    sys.exit(main())
