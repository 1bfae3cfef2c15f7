"""The work list: each layout variant the reader does not handle yet, per
writer, with what goes wrong. The per-dimension tests mark these strictly
expected to fail, the property test draws only the others; remove an entry
when the reader learns it (the strict mark then fails the suite until it is
removed). One table, so it reads as the recognition engineer's list."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pytest

from cnbudget.render.variants import DIMENSION_NAMES
from variants.routes import LIBREOFFICE_ROUTES, ROUTE_NAMES

ALL = ROUTE_NAMES
PDF = ("pdf", "pdf-lo-xlsx", "pdf-lo-docx")
LIBREOFFICE = tuple(r.name for r in LIBREOFFICE_ROUTES)
NOT_XLSX = tuple(r for r in ALL if r != "xlsx")  # XLSX shows a page break only when printed

# dimensions only some writers print differently from the default layout
APPLIES: dict[str, tuple[str, ...]] = {
    "text_spaces": ("text",),
    "thousands": tuple(r for r in ALL if r not in ("xlsx", "pdf-lo-xlsx")),  # XLSX shows them already
    "no_thousands": ("xlsx", "pdf-lo-xlsx"),
}


@dataclass(frozen=True, slots=True)
class Failure:
    dimension: str  # a name in render.variants.DIMENSIONS; "default" for cnbudget's own layout
    routes: tuple[str, ...]
    reason: str  # what the reader does wrong
    documents: tuple[str, ...] | None = None  # None: the samples; else the seeds it fails on


WORKLIST: tuple[Failure, ...] = (
    Failure("index_column", ALL,
            "a leading 序号 column: its number is joined to the code as a split code (4 | 2010301 → "
            "42010301, 'not a classification code'), so every coded row is lost; the item tables keep theirs"),
    Failure("code_joined", ALL,
            "\"2010301 行政运行\" in one cell: the code is not split off the name, rows are read as named "
            "rows keyed by the whole text (item '2010301行政运行') instead of by code"),
    Failure("header_words", ALL,
            "income: 一般公共预算拨款 / 政府性基金拨款 / 国有资本经营预算拨款 (under 财政拨款收入) and 上年结转结余 are "
            "not matched to fiscal_general / fiscal_fund / fiscal_state_capital / carryover: the trailing 拨款 / 结余 "
            "becomes a column of its own (extra:拨款) and the figures shift one column; fiscal_summary: the "
            "short 一般公共预算 / 政府性基金预算 / 国有资本经营预算 over the expenditure side are not matched to "
            "general / fund / state_capital, those figures are dropped"),
    Failure("page_breaks", NOT_XLSX,
            "fiscal_summary: the header rows printed again after a page break are read as income rows "
            "(一般公共预算财政拨款, 政府性基金预算财政拨款 … with empty figures); the coded tables skip them"),
    Failure("summary_stacked", ALL,
            "收入 rows above 支出 rows under one 项目 | 金额: the 总计 closing the 收入 part is given to the "
            "expenditure side (two expenditure/grand_total, no income/grand_total): the side is not taken "
            "from the 收入 / 支出 line the row stands under"),
    Failure("wide_items", ALL,
            "三公 items across (合计 | 因公出国(境)费 | 公务接待费 | 公务用车购置及运行费 → 小计 | 购置费 | 运行费 | "
            "会议费 | 培训费): the values are placed in the template's fixed order, not by their headers "
            "(reception and vehicle swap), and with 会议费 | 培训费 the line is not found at all (total "
            "empty, the other items missing); 机关运行经费 across: read as one 合计 row whose value columns "
            "are the item names joined (extra:办公费邮电费…), not rows by economic code"),
    Failure("text_spaces", ("text",),
            "columns aligned with spaces (pdftotext -layout): empty cells are not placed by their position, "
            "so figures are read in printed order (income: fiscal_general read as fiscal, 'amounts fit more "
            "than one set of columns') and the 收支总表's income rows with empty amounts are lost"),
    Failure("header_flat", ("pdf",),
            "seed 001 收支总表 / 财政拨款收支总表 with one header row (收入项目 | 金额 | 支出项目 | 金额 …) in the "
            "reportlab PDF: the header words are read as rows (收入项目, 支出项目, 一般公共预算财政拨款 …) and "
            "the income figures shift one row", documents=("001",)),
    Failure("default", ("text",),
            "seed 002 收入预算总表 as tab-separated text under 项目 | 合计: its first row (一.财政拨款（补助）, "
            "amount empty) is dropped; the XLSX/DOCX/HTML/PDF prints of the same table keep it",
            documents=("002",)),
)


def _failure(way: str, name: str) -> Failure | None:
    return next((f for f in WORKLIST if f.dimension == name and way in f.routes), None)


def dimension_names(way: str) -> list[str]:
    """The dimensions a writer prints differently from the default layout."""
    return [n for n in DIMENSION_NAMES if way in APPLIES.get(n, ALL)]


def _xfail(failure: Failure | None, on_samples: bool) -> list[pytest.MarkDecorator]:
    if failure is None or (failure.documents is None) != on_samples:
        return []
    return [pytest.mark.xfail(strict=True, raises=AssertionError, reason=failure.reason)]


def dimension_cases(ways: Iterable[str]) -> list:
    """(writer, dimension) for the per-dimension tests on the samples, the
    listed failures strictly expected to fail."""
    return [pytest.param(w, n, marks=_xfail(_failure(w, n), True), id=f"{w}-{n}")
            for w in ways for n in dimension_names(w)]


def seed_cases() -> list:
    """(writer, dimension, seed) of the failures listed on seeds only."""
    return [pytest.param(w, f.dimension, d, marks=_xfail(f, False), id=f"{w}-{f.dimension}-{d}")
            for f in WORKLIST if f.documents and f.dimension != "default" for w in f.routes for d in f.documents]


def default_cases(ways: Iterable[str], documents: Iterable[str]) -> list:
    """(writer, document) for the default layout, listed failures strictly expected."""
    out = []
    for w in ways:
        failure = _failure(w, "default")
        for d in documents:
            marks = _xfail(failure, False) if failure and failure.documents and d in failure.documents else []
            out.append(pytest.param(w, d, marks=marks, id=f"{w}-{d}"))
    return out


def failures(way: str) -> list[tuple[str, tuple[str, ...] | None]]:
    """The listed failures of a writer's variants: (dimension, the seeds it fails on or None)."""
    return [(f.dimension, f.documents) for f in WORKLIST if way in f.routes and f.dimension != "default"]


def passing(way: str) -> list[str]:
    """The dimensions the property test draws from for a writer."""
    failing = {name for name, _ in failures(way)}
    return [n for n in dimension_names(way) if n not in failing]


def passing_documents(way: str, names: Iterable[str]) -> list[str]:
    failure = _failure(way, "default")
    return [n for n in names if not (failure and failure.documents and n in failure.documents)]
