"""The sample department's figures, scaled and perturbed, with every total derived.

All amounts are integers in hundredths of 万元 (100 yuan), the precision a
disclosure prints, so sums are exact and every printed total is the sum of
its printed parts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from cnbudget.samples.catalogue import (
    ASSET_QUANTITIES,
    ASSET_VALUES,
    BASIC_BY_ECONOMIC,
    BASIC_REST_SPLIT,
    ECONOMIC_LINES,
    PROCUREMENT,
    PROJECTS,
    ProcurementBase,
)


@dataclass(frozen=True, slots=True)
class Project:
    name: str
    code: str
    amount: int


@dataclass(frozen=True, slots=True)
class Procurement:
    base: ProcurementBase
    quantity: int
    unit_price: int

    @property
    def amount(self) -> int:
        return self.quantity * self.unit_price


@dataclass(frozen=True, slots=True)
class Figures:
    economic: dict[str, int]  # economic 款 → basic amount
    basic_by_code: dict[str, int]  # functional 项 → basic amount
    projects: tuple[Project, ...]
    procurement: tuple[Procurement, ...]
    asset_values: dict[str, int]
    asset_quantities: dict[str, int | None]

    @property
    def basic(self) -> int:
        return sum(self.economic.values())

    @property
    def project(self) -> int:
        return sum(p.amount for p in self.projects)

    @property
    def total(self) -> int:
        return self.basic + self.project

    def project_by_code(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for p in self.projects:
            out[p.code] = out.get(p.code, 0) + p.amount
        return out

    def economic_category(self, category: str) -> int:
        return sum(v for code, v in self.economic.items() if code.startswith(category))

    @property
    def personnel(self) -> int:
        return self.economic_category("301") + self.economic_category("303")

    @property
    def public(self) -> int:
        return self.economic_category("302")


def _vary(amount: int, scale: Decimal, rng: random.Random | None) -> int:
    if amount == 0:
        return 0
    factor = scale * (Decimal(1) if rng is None else Decimal(rng.randint(80, 120)) / 100)
    return max(1, int((Decimal(amount) * factor).quantize(Decimal(1), ROUND_HALF_UP)))


def make_figures(scale: Decimal, seed: int) -> Figures:
    """Seed 0 gives the base figures exactly (scaled); other seeds perturb each by ±20 %."""
    rng = None if seed == 0 else random.Random(seed)
    economic = {code: _vary(amount, scale, rng) for code, _, amount in ECONOMIC_LINES}
    basic_by_code = {fcode: economic[ecode] for fcode, ecode in BASIC_BY_ECONOMIC.items()}
    rest = sum(economic.values()) - sum(basic_by_code.values())
    (first, _), (second, second_share) = BASIC_REST_SPLIT
    basic_by_code[second] = int((Decimal(rest) * second_share / 10000).quantize(Decimal(1), ROUND_HALF_UP))
    basic_by_code[first] = rest - basic_by_code[second]
    projects = tuple(Project(p.name, p.code, _vary(p.amount, scale, rng)) for p in PROJECTS)
    procurement = [Procurement(line, line.quantity, _vary(line.unit_price, scale, rng))
                   for line in PROCUREMENT]
    asset_values = {k: _vary(v, scale, rng) for k, v in ASSET_VALUES.items()}
    asset_values["office_space"] = min(asset_values["office_space"], asset_values["buildings"])
    quantities = dict(ASSET_QUANTITIES)
    if quantities["office_space"] is not None and quantities["buildings"] is not None:
        quantities["office_space"] = min(quantities["office_space"], quantities["buildings"])
    return Figures(economic, basic_by_code, projects, tuple(procurement), asset_values, quantities)
