"""`make bench`: the audit measured, not hoped. Recall per category of planted
problem and per format, and the error-level findings on clean documents.

Each case is a fresh sample document (departments, years, budget and final
account, amounts varied by seed), one problem planted the way people make it
(bench/plants.py), rendered to a format, read back by `cnbudget.pipeline.extract`
and audited. A case is found when a finding of one of the plant's rules, at
warning or error level, points at the planted spot; the error-level share is
reported beside. The same documents unplanted, in every format, must give no
error-level finding: each one is listed so a person can judge it.
"""

from __future__ import annotations

import random
import tempfile
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cnbudget.audit.engine import run_audit
from cnbudget.bench.plants import PAGE_PLANTS, PLANTS, Plant, Spot
from cnbudget.model import Finding, Kind, Severity
from cnbudget.pipeline import extract
from cnbudget.render import FORMATS, render_document
from cnbudget.samples import DEPARTMENTS, SampleSpec, make_sample

PAGED = ("pdf",)


def sample_specs(count: int) -> list[SampleSpec]:
    """`count` distinct samples: departments, years 2019–2026, both kinds, amounts varied."""
    specs = []
    for n in range(count):
        name, code, region, level = DEPARTMENTS[n % len(DEPARTMENTS)]
        specs.append(SampleSpec(department=name, code=code, region=region, level=level,
                                year=2019 + n % 8, kind=Kind.FINAL_ACCOUNT if n % 2 else Kind.BUDGET,
                                seed=n + 1))
    return specs


@dataclass(frozen=True, slots=True)
class CaseResult:
    category: str
    fmt: str
    sample: str
    found: bool
    at_error: bool  # found by an error-level finding
    missed_by: str = ""  # what was found instead, when missed


@dataclass(slots=True)
class PlantedReport:
    cases: list[CaseResult] = field(default_factory=list)

    def recall(self, category: str, fmt: str | None = None) -> tuple[int, int, int]:
        """(found, at error level, cases) of a category, in one format or all."""
        mine = [c for c in self.cases if c.category == category and (fmt is None or c.fmt == fmt)]
        return sum(c.found for c in mine), sum(c.at_error for c in mine), len(mine)

    @property
    def categories(self) -> list[str]:
        return sorted({c.category for c in self.cases}, key=[p.category for p, _ in _all()].index)


def _all() -> list[tuple[Plant, object]]:
    return [(p, None) for p in PLANTS] + [(p, f) for p, f in PAGE_PLANTS]


def _found(findings: Sequence[Finding], plant: Plant, spot: Spot) -> tuple[bool, bool]:
    hits = [f for f in findings if f.rule in plant.rules and f.severity is not Severity.INFO
            and any(spot.holds(loc) for loc in f.locations)]
    return bool(hits), any(f.severity is Severity.ERROR for f in hits)


def _audit_file(path: Path) -> list[Finding]:
    return run_audit(extract(path, audit=False)).findings


def run_planted(per_category: int = 10, formats: Sequence[str] = FORMATS,
                categories: Sequence[str] | None = None) -> PlantedReport:
    report = PlantedReport()
    specs = sample_specs(per_category)
    with tempfile.TemporaryDirectory(prefix="cnbudget-planted-") as tmp:
        work = Path(tmp)
        for plant, page_plant in _all():
            if categories and plant.category not in categories:
                continue
            for n, spec in enumerate(specs):
                rng = random.Random(f"{plant.category}-{n}")
                doc = make_sample(spec)
                spot = plant.plant(doc, rng) if page_plant is None else Spot()
                if spot is None:
                    continue
                for fmt in formats:
                    if plant.paged_only and fmt not in PAGED:
                        continue
                    path = render_document(doc, fmt, work / f"{plant.category}-{n}.{fmt}")
                    if page_plant is not None:
                        spot = page_plant(path, random.Random(f"{plant.category}-{n}"))  # type: ignore[operator]
                        if spot is None:
                            continue
                    findings = _audit_file(path)
                    found, at_error = _found(findings, plant, spot)
                    missed = "" if found else ", ".join(sorted({f.rule for f in findings})) or "nothing"
                    report.cases.append(CaseResult(plant.category, fmt, spec.slug, found, at_error, missed))
    return report


@dataclass(frozen=True, slots=True)
class CleanResult:
    sample: str
    fmt: str  # a format, or "model" for the document as built
    errors: tuple[Finding, ...]


def clean_documents(count: int = 6, formats: Sequence[str] = FORMATS) -> Iterator[CleanResult]:
    """The error-level findings on unplanted samples, as built and in every format."""
    with tempfile.TemporaryDirectory(prefix="cnbudget-clean-") as tmp:
        for spec in sample_specs(count):
            doc = make_sample(spec)
            yield CleanResult(spec.slug, "model", _errors(run_audit(doc).findings))
            for fmt in formats:
                path = render_document(doc, fmt, Path(tmp) / f"{spec.slug}.{fmt}")
                yield CleanResult(spec.slug, fmt, _errors(_audit_file(path)))


def _errors(findings: Sequence[Finding]) -> tuple[Finding, ...]:
    return tuple(f for f in findings if f.severity is Severity.ERROR)


def _ratio(found: int, total: int) -> str:
    return f"{found}/{total} ({100 * found / total:.0f}%)" if total else "—"


def bench_planted(per_category: int = 10, clean: int = 6) -> list[str]:
    """`make bench` section: recall per category and format, and clean documents' errors."""
    report = run_planted(per_category)
    formats = list(FORMATS)
    out = [f"audit recall on planted problems ({per_category} samples per category; found = a "
           "warning or error of the plant's rules at the planted place; [errors]):",
           "  " + "category".ljust(18) + "".join(f.ljust(20) for f in (*formats, "all"))]
    misses: dict[str, list[CaseResult]] = defaultdict(list)
    for category in report.categories:
        cells = []
        for fmt in (*formats, None):
            found, errors, total = report.recall(category, fmt)
            cells.append((_ratio(found, total) + (f" [{errors}]" if total else "")).ljust(20))
        out.append("  " + category.ljust(18) + "".join(cells))
        misses[category] = [c for c in report.cases if c.category == category and not c.found]
    for category, missed in misses.items():
        for case in missed[:3]:
            out.append(f"  missed {category} in {case.sample}.{case.fmt}: found {case.missed_by}")
    out.append(f"audit on clean documents ({clean} samples, as built and in {len(formats)} formats):")
    results = list(clean_documents(clean))
    with_errors = [r for r in results if r.errors]
    out.append(f"  error-level findings: {sum(len(r.errors) for r in results)} in "
               f"{len(results)} documents ({len(with_errors)} documents with any)")
    for r in with_errors:
        for f in r.errors:
            out.append(f"  {r.sample}.{r.fmt}: [{f.rule}] {f.message}")
    return out


__all__ = ["CaseResult", "CleanResult", "PlantedReport", "bench_planted", "clean_documents",
           "run_planted", "sample_specs"]
