"""The scale benchmark: ingest a synthetic corpus of many disclosures, then time
the two questions the database must answer fast.

The corpus varies template documents (the seeds' extracted documents where
extraction yields their tables, else a generated complete disclosure) over
regions × departments × years with amounts scaled per department and year.
Documents go in as contract JSON, so extraction time is not measured: this
is the store's own throughput on this machine's cores. Reported: documents/s,
database size, and the median latency of `compare` for one department over
ten years and of ranking all departments of a region by 三公 total.
"""

from __future__ import annotations

import json
import os
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd

from cnbudget.model.contract import dumps
from cnbudget.model.document import Document, Kind
from cnbudget.query.api import Database
from cnbudget.store.batch import ingest
from cnbudget.store.synthetic import full_document, vary

YEARS = 10
REGIONS = 10
FIRST_YEAR = 2015
# a seed is a fair template once extraction gives it the tables the timed queries read
NEEDED_TABLES = frozenset({"summary", "expenditure", "three_public"})
QUERY_RUNS = 7


@dataclass(frozen=True, slots=True)
class BenchResult:
    disclosures: int
    templates: list[str]
    ingest_seconds: float
    documents_per_second: float
    failed: int
    db_bytes: int
    compare_department_ms: float
    rank_region_ms: float
    ranked_with_value: int  # departments the ranking found a 三公 total for
    jobs: int

    def summary(self) -> str:
        return (
            f"ingest {self.disclosures} disclosures in {self.ingest_seconds:.1f} s "
            f"({self.documents_per_second:.1f} documents/s, {self.jobs} processes, "
            f"{self.failed} failed); database {self.db_bytes / 1e6:.1f} MB; "
            f"compare one department over {YEARS} years {self.compare_department_ms:.1f} ms; "
            f"rank a region's {self.ranked_with_value} departments by 三公 total "
            f"{self.rank_region_ms:.1f} ms "
            f"(medians of {QUERY_RUNS}); templates: {', '.join(self.templates)}"
        )


def seed_templates(seeds_dir: Path | None) -> list[Document]:
    """The seeds' extracted documents that carry enough tables to stand for a disclosure."""
    if seeds_dir is None or not seeds_dir.is_dir():
        return []
    from cnbudget.ingest.errors import UnreadableSource
    from cnbudget.pipeline import extract

    templates = []
    for path in sorted(seeds_dir.glob("*.txt")):
        try:
            doc = extract(path)
        except UnreadableSource:
            continue
        three_public = doc.table("three_public")
        if NEEDED_TABLES <= {t.type for t in doc.tables} and three_public is not None \
                and three_public.row_by_item("total") is not None:
            templates.append(doc)
    return templates


def write_corpus(out_dir: Path, n: int, templates: list[Document]) -> Path:
    corpus = out_dir / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    per_region = max(1, -(-n // (YEARS * REGIONS)))  # departments per region
    written = 0
    for region_no in range(REGIONS):
        region = f"基准{region_no:02d}市"
        for dept_no in range(per_region):
            template = templates[(region_no * per_region + dept_no) % len(templates)]
            for year in range(FIRST_YEAR, FIRST_YEAR + YEARS):
                if written >= n:
                    return corpus
                factor = (Decimal(50 + dept_no * 7 % 150) / 100
                          * (1 + Decimal(year - FIRST_YEAR) * Decimal("0.04"))).quantize(
                    Decimal("0.0001"))
                doc = vary(template, department=f"{region}第{dept_no:03d}局",
                           code=f"{dept_no:03d}", region=region, year=year, factor=factor,
                           kind=Kind.BUDGET)
                (corpus / f"{written:05d}.json").write_text(dumps(doc, indent=None),
                                                            encoding="utf-8")
                written += 1
    return corpus


def _median_ms(call: Callable[[], object]) -> float:
    timings = []
    for _ in range(QUERY_RUNS + 1):
        start = time.perf_counter()
        call()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings[1:])  # the first run warms the caches


def run(out_dir: Path, n: int = 10_000, *, seeds_dir: Path | None = None,
        jobs: int | None = None, db: str | None = None) -> BenchResult:
    """Build the corpus in `out_dir`, ingest it into a fresh SQLite database there
    (or `db`), time the queries; writes `bench.json` and returns the figures."""
    out_dir.mkdir(parents=True, exist_ok=True)
    templates = seed_templates(seeds_dir) or [
        full_document("模板局", "000", "模板市", FIRST_YEAR)]
    corpus = write_corpus(out_dir, n, templates)
    db_path = out_dir / "bench.db"
    if db is None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    with Database(db or db_path) as database:
        report = ingest(database.store, [corpus], jobs=jobs)
        department = "基准00市第000局"
        compare_ms = _median_ms(lambda: database.compare(department))
        ranking: dict[str, pd.DataFrame] = {}

        def rank() -> None:
            ranking["frame"] = database.compare(
                year=FIRST_YEAR + YEARS - 1, region="基准00市", metric="three_public.total")

        rank_ms = _median_ms(rank)
    size = sum(os.path.getsize(p) for p in (f"{db_path}", f"{db_path}-wal")
               if os.path.exists(p)) if db is None else 0
    result = BenchResult(
        disclosures=report.stored + report.skipped,
        templates=[t.source.file for t in templates],
        ingest_seconds=round(report.seconds, 2),
        documents_per_second=round((report.stored + report.skipped) / report.seconds, 1),
        failed=report.failed, db_bytes=size,
        compare_department_ms=round(compare_ms, 2), rank_region_ms=round(rank_ms, 2),
        ranked_with_value=int(ranking["frame"]["amount"].notna().sum()),
        jobs=jobs or os.cpu_count() or 1,
    )
    (out_dir / "bench.json").write_text(json.dumps(asdict(result), ensure_ascii=False,
                                                   indent=2), encoding="utf-8")
    return result
