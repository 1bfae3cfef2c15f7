"""Extraction speed on the seeds: seconds per document and per 1,000 lines of text."""

from __future__ import annotations

import time
from pathlib import Path

from cnbudget.pipeline import extract

REPEATS = 5


def bench_extract(seeds: Path) -> list[str]:
    files = sorted(seeds.glob("*.txt"))
    if not files:
        return [f"extract: no seeds in {seeds} (../shared absent): skipped"]
    out = ["extract (text reader → recognition → facts, audit excluded), best of "
           f"{REPEATS} runs:"]
    total_lines = 0
    total_seconds = 0.0
    for f in files:
        lines = f.read_text(encoding="utf-8").count("\n") + 1
        best = min(_timed(f) for _ in range(REPEATS))
        total_lines += lines
        total_seconds += best
        out.append(f"  {f.name:32s} {lines:6d} lines  {best * 1000:8.1f} ms/document  "
                   f"{best * 1000 / lines * 1000:7.1f} ms per 1,000 lines")
    out.append(f"  all seeds: {total_seconds / len(files) * 1000:.1f} ms/document, "
               f"{total_seconds * 1000 / total_lines * 1000:.1f} ms per 1,000 lines")
    return out


def _timed(path: Path) -> float:
    start = time.perf_counter()
    extract(path, audit=False)
    return time.perf_counter() - start
