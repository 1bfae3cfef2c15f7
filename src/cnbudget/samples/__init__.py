"""The project's own sample disclosures: made up, but wholly consistent.

`make_sample(SampleSpec(...))` builds a `Document` for a made-up department
with the nine standard tables (gov_fund and state_capital printed empty with
their note), project, procurement, performance-target and asset tables, and a
narrative whose every figure matches the tables. Deterministic for a given
spec; the store's benchmark and the audit's planted-error tests reuse it.

A sample never came from a file, but its `source` must still be contract JSON:
it stands as a disclosure published as a web page (`html`, no pages), the
one contract format that needs no page count; its file name (the spec's slug,
`sample-…`) says it is a sample. Rendered to a file and extracted, it has that
file's format.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from cnbudget.model import (
    Department,
    Document,
    DocumentMeta,
    Kind,
    Region,
    RegionLevel,
    Scope,
    SourceFile,
    Table,
)
from cnbudget.normalise.classification import name_of
from cnbudget.samples import tables as t
from cnbudget.samples.figures import make_figures
from cnbudget.samples.narrative import write_narrative

__all__ = ["SAMPLE_FORMAT", "SampleSpec", "budget_sample", "final_account_sample", "make_sample",
           "sample_series"]

SAMPLE_FORMAT = "html"  # one of the contract's `source.format` values, and pageless

# made-up departments for series of samples (benchmarks, store tests)
DEPARTMENTS: tuple[tuple[str, str, str, RegionLevel], ...] = (
    ("示例市数据资源管理局", "901", "示例市", RegionLevel.CITY),
    ("示例市教育局", "902", "示例市", RegionLevel.CITY),
    ("示例省卫生健康委员会", "903", "示例省", RegionLevel.PROVINCE),
    ("示例市示范区财政局", "904", "示例市示范区", RegionLevel.DISTRICT),
    ("示例县农业农村局", "905", "示例县", RegionLevel.COUNTY),
)


@dataclass(frozen=True, slots=True)
class SampleSpec:
    department: str = "示例市数据资源管理局"
    code: str = "901"
    region: str = "示例市"
    level: RegionLevel = RegionLevel.CITY
    year: int = 2024
    kind: Kind = Kind.BUDGET
    scale: Decimal = Decimal(1)  # multiplies every base amount
    seed: int = 0  # 0: the base figures; any other: each amount perturbed by up to ±20 %
    previous_total: Decimal | None = None  # last year's expenditure total (yuan), for the change stated

    @property
    def slug(self) -> str:
        return f"sample-{self.code}-{self.year}-{self.kind.value}-s{self.seed}"


def make_sample(spec: SampleSpec = SampleSpec()) -> Document:
    fig = make_figures(spec.scale, spec.seed)
    final = spec.kind is Kind.FINAL_ACCOUNT
    names = t.FINAL_TITLES if final else t.BUDGET_TITLES
    prefix = f"{spec.department}{spec.year}年{'度' if final else ''}"

    def title(type_: str) -> str:
        return prefix + names[type_]

    tables: list[Table] = [
        t.summary_table(fig, title("summary")),
        t.income_table(fig, title("income")),
        t.expenditure_table(fig, title("expenditure")),
        t.fiscal_summary_table(fig, title("fiscal_summary")),
        t.general_public_table(fig, title("general_public")),
        t.general_public_basic_table(fig, title("general_public_basic")),
        t.empty_table("gov_fund", title("gov_fund"), t.EMPTY_FUND_NOTE),
        t.empty_table("state_capital", title("state_capital"), t.EMPTY_CAPITAL_NOTE),
        t.three_public_table(fig, title("three_public"), spec.kind),
        t.project_table(fig, title("project_expenditure")),
        t.procurement_table(fig, title("procurement")),
    ]
    if not final:
        tables += t.performance_tables(fig, names["performance_target"])
    tables.append(t.assets_table(fig, f"{spec.department}{names['assets']}"))
    _names_of_the_year(tables, spec.year)
    word = "决算" if final else "预算"
    doc = Document(
        source=SourceFile(file=spec.slug, sha256=hashlib.sha256(repr(spec).encode()).hexdigest(),
                          format=SAMPLE_FORMAT, pages=None),
        meta=DocumentMeta(
            kind=spec.kind, scope=Scope.DEPARTMENT, year=spec.year,
            title=f"{spec.department}{spec.year}年部门{word}",
            department=Department(spec.department, spec.code),
            region=Region(spec.region, spec.level), source_units=[t.UNIT],
        ),
        tables=tables,
    )
    write_narrative(doc, vehicles=fig.asset_quantities["vehicles"] or 0, previous_total=spec.previous_total)
    return doc


def _names_of_the_year(tables: list[Table], year: int) -> None:
    """Coded rows print the catalogue's name of the sample's year (20805 行政事业单位
    离退休 became 行政事业单位养老支出 in 2020)."""
    for table in tables:
        for row in table.rows:
            name = name_of(row.code, year) if row.code else None
            if name:
                row.name = name


def sample_series(count: int, first_seed: int = 1) -> Iterator[Document]:
    """`count` consistent documents: five departments × years 2019–2024 ×
    budget/final account (60 distinct; beyond that they repeat with other
    amounts), amounts varied by seed and scale."""
    for n in range(count):
        name, code, region, level = DEPARTMENTS[n % len(DEPARTMENTS)]
        yield make_sample(SampleSpec(
            department=name, code=code, region=region, level=level,
            year=2019 + (n // len(DEPARTMENTS)) % 6,
            kind=Kind.FINAL_ACCOUNT if (n // (6 * len(DEPARTMENTS))) % 2 else Kind.BUDGET,
            scale=Decimal(1 + n % 7), seed=first_seed + n,
        ))


def budget_sample(seed: int = 0, scale: Decimal = Decimal(1)) -> Document:
    return make_sample(SampleSpec(seed=seed, scale=scale))


def final_account_sample(seed: int = 0, scale: Decimal = Decimal(1)) -> Document:
    return make_sample(replace(SampleSpec(), kind=Kind.FINAL_ACCOUNT, year=2023, seed=seed, scale=scale))
