"""Audit timing for `make bench`: seconds per document (no assertions on speed)."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cnbudget.audit.engine import run_audit
from cnbudget.model.document import Document


@dataclass(frozen=True, slots=True)
class AuditTiming:
    name: str
    seconds: float
    rules_run: int
    findings: int


def bench_audit(docs: Iterable[Document], repeat: int = 3) -> list[AuditTiming]:
    """Best-of-`repeat` audit time per document."""
    out: list[AuditTiming] = []
    for doc in docs:
        best = float("inf")
        report = None
        for _ in range(max(1, repeat)):
            start = time.perf_counter()
            report = run_audit(doc)
            best = min(best, time.perf_counter() - start)
        assert report is not None
        out.append(AuditTiming(doc.source.file, best, len(report.rules_run),
                               len(report.findings)))
    return out


def bench_audit_seeds(seeds: Path) -> list[str]:
    """`make bench` section: audit time per seed document (extraction excluded)."""
    from cnbudget.pipeline import extract

    files = sorted(seeds.glob("*.txt"))
    if not files:
        return [f"audit: no seeds in {seeds} (../shared absent): skipped"]
    docs = [extract(f, audit=False) for f in files]
    timings = bench_audit(docs, repeat=5)
    out = ["audit (all rules), best of 5 runs:"]
    for t in timings:
        out.append(f"  {t.name:32s} {t.seconds * 1000:8.2f} ms/document  "
                   f"{t.rules_run:3d} rules run  {t.findings:3d} findings")
    mean = sum(t.seconds for t in timings) / len(timings)
    out.append(f"  all seeds: {mean * 1000:.2f} ms/document")
    return out
