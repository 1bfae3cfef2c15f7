"""The figures `compare` reads from a disclosure, and where each is printed.

A metric lists its sources in order of preference; the first one a
disclosure prints gives its value. `func:<类 code>` metrics (functional
categories) are read from the expenditure table's 3-digit rows. In a final
account the 三公 table's `final` column is the figure (its `budget` column
is the year's budget printed beside it). The store keeps each document's
figures by these definitions (store/figures.py), and `compare` reads them.
"""

from __future__ import annotations

from dataclasses import dataclass

from cnbudget.model.table_types import THREE_PUBLIC_ITEMS


@dataclass(frozen=True, slots=True)
class MetricSource:
    table: str  # table type
    columns: tuple[str, ...]  # in order of preference
    item: str | None = None
    side: str | None = None
    category_rows: bool = False  # the 3-digit functional rows (func:<code> metrics)
    code: str | None = None  # one category only


@dataclass(frozen=True, slots=True)
class Metric:
    key: str
    name: str
    sources: tuple[MetricSource, ...]


_THREE = ("final", "amount", "budget")

METRICS: dict[str, Metric] = {
    m.key: m
    for m in (
        Metric("income_total", "本年收入合计", (
            MetricSource("summary", ("amount",), "income_total", "income"),
            MetricSource("income", ("total",), "total"),
        )),
        Metric("expenditure_total", "本年支出合计", (
            MetricSource("summary", ("amount",), "expenditure_total", "expenditure"),
            MetricSource("expenditure", ("total",), "total"),
        )),
        Metric("basic", "基本支出", (
            MetricSource("expenditure", ("basic",), "total"),
            MetricSource("summary", ("amount",), "basic", "expenditure"),
        )),
        Metric("project", "项目支出", (
            MetricSource("expenditure", ("project",), "total"),
            MetricSource("summary", ("amount",), "project", "expenditure"),
        )),
        *(
            Metric(f"three_public.{item}", f"“三公”经费 {name}", (
                MetricSource("three_public", _THREE, item),
            ))
            for item, name in THREE_PUBLIC_ITEMS.items()
        ),
    )
}

CATEGORY_SOURCES = (
    MetricSource("expenditure", ("total",), category_rows=True),
    MetricSource("general_public", ("total",), category_rows=True),
)
