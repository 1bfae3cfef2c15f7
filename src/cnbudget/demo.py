"""`make demo`: the whole pipeline on documents the project writes itself.

It makes a made-up department's disclosures (three years of budgets and a
final account), writes them as XLSX, DOCX, PDF and HTML the way departments
publish them, plants one error in a copy, and then runs the real command line
on them: extract, check, ingest into the embedded database, ls and compare.
Needs nothing outside the project (no ../shared).
"""

from __future__ import annotations

import copy
import subprocess
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from cnbudget.model import Document, Kind
from cnbudget.render import render_document
from cnbudget.samples import SampleSpec, make_sample

DEPARTMENT = SampleSpec().department

SAMPLES: tuple[tuple[SampleSpec, str], ...] = (
    (SampleSpec(year=2022, seed=22, scale=Decimal("0.8")), "xlsx"),
    (SampleSpec(year=2023, seed=23, scale=Decimal("0.9")), "docx"),
    (SampleSpec(year=2024, seed=0), "pdf"),
    (SampleSpec(year=2023, seed=23, scale=Decimal("0.9"), kind=Kind.FINAL_ACCOUNT), "html"),
)


def plant_error(doc: Document) -> Document:
    """A copy whose 支出总表 row 2010301 says 基本支出 is 1.00 万元 more than printed
    elsewhere: the kind of slip an inspector looks for."""
    planted = copy.deepcopy(doc)
    table = planted.table("expenditure")
    if table is None:
        raise ValueError("the sample has no expenditure table to plant an error in")
    for row in table.rows:
        if row.code is not None and len(row.code) == 7 and row.values.get("basic"):
            row.values["basic"] = (row.values["basic"] or Decimal(0)) + Decimal(10000)
            break
    return planted


def _expenditure_total(spec: SampleSpec) -> Decimal | None:
    table = make_sample(spec).table("expenditure")
    row = table.row_by_item("total") if table else None
    return row.values.get("total") if row else None


def with_previous_year(spec: SampleSpec) -> SampleSpec:
    """The spec stating its change against the demo's own document of the year
    before, where there is one, so the narrative agrees with `compare`."""
    before = next((s for s, _ in SAMPLES if (s.kind, s.year) == (spec.kind, spec.year - 1)), None)
    return replace(spec, previous_total=_expenditure_total(before)) if before else spec


def write_samples(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for spec, fmt in SAMPLES:
        doc = make_sample(with_previous_year(spec))
        paths.append(render_document(doc, fmt, folder / f"{spec.year}-{spec.kind.value}.{fmt}"))
    return paths


def write_planted(folder: Path) -> Path:
    """The 2024 budget with one planted slip, kept apart from the published set."""
    folder.mkdir(parents=True, exist_ok=True)
    spec = SAMPLES[2][0]
    return render_document(plant_error(make_sample(with_previous_year(spec))), "html",
                           folder / f"{spec.year}-{spec.kind.value}-with-an-error.html")


def _run(*args: str) -> int:
    print(f"\n$ cnbudget {' '.join(args)}", flush=True)
    return subprocess.run([sys.executable, "-m", "cnbudget.cli.main", *args], check=False).returncode


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "demo-output")
    samples = out / "samples"
    db = out / "cnbudget.db"
    if db.exists():
        db.unlink()
    paths = write_samples(samples)
    print(f"wrote {len(paths)} sample disclosures of {DEPARTMENT} into {samples}/:")
    for p in paths:
        print(f"  {p.name}")
    planted = write_planted(out / "to-check")
    print(f"and a copy with one planted error: {planted}")
    pdf = next(p for p in paths if p.suffix == ".pdf")
    steps = [
        (("extract", str(pdf)), {0}),
        (("check", str(pdf)), {0}),
        (("check", str(planted)), {1}),  # the planted error must be found
        (("ingest", str(samples), "--db", str(db)), {0}),
        (("ls", "--db", str(db)), {0}),
        (("compare", DEPARTMENT, "--db", str(db)), {0}),
    ]
    for args, expected in steps:
        code = _run(*args)
        if code not in expected:
            print(f"demo: `cnbudget {' '.join(args)}` exited {code}, expected {sorted(expected)}",
                  file=sys.stderr)
            return 1
    print(f"\nThe database is {db}; try `cnbudget sql \"select * from disclosures\" --db {db}`.")
    print("In a browser (docs/web.md): "
          f"`cnbudget user add 审核员 --role inspector --db {db}`, then "
          f"`cnbudget serve --db {db}` and open http://127.0.0.1:8000/ to upload "
          f"{samples}/ and review the findings.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
