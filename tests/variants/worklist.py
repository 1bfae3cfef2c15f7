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
    # the reportlab writer's rulings; LibreOffice prints the XLSX and DOCX writers' own
    **{name: ("pdf",) for name in DIMENSION_NAMES if name.startswith("rules_") or name == "wrap_names"},
}


@dataclass(frozen=True, slots=True)
class Failure:
    """Dimensions (one, or several that fail only together) a writer's print of
    which the reader gets wrong; "default" is cnbudget's own layout."""

    dimensions: tuple[str, ...]
    routes: tuple[str, ...]
    reason: str  # what the reader does wrong
    documents: tuple[str, ...] | None = None  # None: the samples; else the seeds it fails on

    @property
    def alone(self) -> bool:
        """One dimension failing on the samples: the per-dimension tests show it."""
        return len(self.dimensions) == 1 and self.documents is None


def _f(dimensions: str, routes: tuple[str, ...], reason: str, documents: tuple[str, ...] | None = None) -> Failure:
    return Failure(tuple(dimensions.split("+")), routes, reason, documents)


# every variant the reader is asked about reads back (issue 10) but these; add an entry, with
# what goes wrong, for a variant it cannot read
RULINGS = ("rules_three_line", "rules_rows", "rules_none", "rules_frame", "rules_panels")
WORKLIST: tuple[Failure, ...] = (
    *(_f(f"{name}+page_breaks", ("pdf",), "unruled, a page of a table with no figure on it (the 收支总表's "
         "事业收入 … rows alone on a page) is no table by its text's alignment: its rows are read as text", None)
      for name in RULINGS),
    *(_f(f"{name}+wide_items", ("pdf",), "unruled, a wide item table (one line of figures under a two- or "
         "three-row header): each centred header stands over no right-aligned figure and opens a column "
         "of its own", None)
      for name in RULINGS),
    *(_f(f"{name}+wrap_names", ("pdf",), "unruled, a name wrapped in its cell (its figures centred between "
         "its two lines) is read as three rows: the name's first line, the figures, the rest of the name",
         None)
      for name in RULINGS),
    # seed 002's 收入预算总表 lists income items (一. 财政拨款（补助） / （一）公共预算财政拨款（补助） / 1. …)
    _f("index_column", ALL, "with a 序号 column: seed 002's 收入预算总表 (income items, no codes) is read by "
       "the items' printed names, not as the income items they are (fiscal, fiscal_general …); seed 003's "
       "部门收入总体情况表 (序号 before 科目编码, a sub-unit row 113001) loses its value columns' keys",
       ("002", "003")),
    _f("header_three", ALL, "seed 002's 收入预算总表 under a three-row header: figures read one item off "
       "(1. 经费拨款（补助）'s on 2. 行政事业单位资产收益拨款)", ("002",)),
    _f("page_breaks", NOT_XLSX,
       "seed 002: the header printed again after a page break is read as an income item (项目), a "
       "收支总表 row is lost", ("002",)),
    _f("wrap_names", ("pdf",), "seed 002: with names wrapped its 收入预算总表 runs onto a second page, whose "
       "rows under the repeated header are read without their items (其他结余 (转))", ("002",)),
    _f("unmerged_repeated", ("pdf-lo-docx",), "seed 003's 5-2 table: a row Word breaks over a page with its "
       "code and figure cut between digits (3023 / 9, 2645 / 60.00) reads as two rows", ("003",)),
    _f("column_numbers", ("pdf-lo-docx",), "seed 003's 5-2 table: a row Word breaks over a page with its "
       "code and figure cut between digits reads as two rows", ("003",)),
    _f("code_joined", ("pdf-lo-docx",), "seed 001: a joined code and name under no figure (30310 个人农业生产补贴) "
       "reads as one code; seed 003: the sub-unit row 113001 joined to its name loses its code", ("001", "003")),
    _f("code_joined", ("pdf-lo-xlsx",), "seeds 001, 003: a code and name joined in one cell overflow it; "
       "LibreOffice prints the characters cut off (…事务支 | 出 99.78) into the figure cell beside it, "
       "whose figure is then not read", ("001", "003")),
)


def _for(way: str) -> list[Failure]:
    return [f for f in WORKLIST if way in f.routes]


def dimension_names(way: str) -> list[str]:
    """The dimensions a writer prints differently from the default layout."""
    return [n for n in DIMENSION_NAMES if way in APPLIES.get(n, ALL)]


def _xfail(failure: Failure) -> list[pytest.MarkDecorator]:
    return [pytest.mark.xfail(strict=True, raises=AssertionError, reason=failure.reason)]


def dimension_cases(ways: Iterable[str]) -> list:
    """(writer, dimension) for the per-dimension tests on the samples, those
    failing alone strictly expected to fail."""
    out = []
    for w in ways:
        alone = {f.dimensions[0]: f for f in _for(w) if f.alone}
        out += [pytest.param(w, n, marks=_xfail(alone[n]) if n in alone else [], id=f"{w}-{n}")
                for n in dimension_names(w)]
    return out


def combination_cases() -> list:
    """(writer, dimensions, document) of the failures listed together or on a
    seed only, each strictly expected to fail (on the budget sample where no
    seed is named). LibreOffice's PDFs are left to the property test's
    expected failures: a conversion each would cost seconds."""
    return [pytest.param(w, f.dimensions, d, marks=_xfail(f), id=f"{w}-{'+'.join(f.dimensions)}-{d}")
            for f in WORKLIST if not f.alone and f.dimensions != ("default",)
            for w in f.routes if w not in LIBREOFFICE for d in f.documents or ("budget",)]


def default_cases(ways: Iterable[str], documents: Iterable[str]) -> list:
    """(writer, document) for the default layout, listed failures strictly expected."""
    out = []
    for w in ways:
        failing = {d: f for f in _for(w) if f.dimensions == ("default",) for d in f.documents or ()}
        out += [pytest.param(w, d, marks=_xfail(failing[d]) if d in failing else [], id=f"{w}-{d}")
                for d in documents]
    return out


def failures(way: str) -> list[tuple[tuple[str, ...], tuple[str, ...] | None]]:
    """A writer's listed failures of variants: (dimensions, the seeds it fails on or None)."""
    return [(f.dimensions, f.documents) for f in _for(way) if f.dimensions != ("default",)]


def passing(way: str) -> list[str]:
    """The dimensions the property test draws from for a writer: none that fails alone."""
    failing = {f.dimensions[0] for f in _for(way) if len(f.dimensions) == 1 and f.dimensions != ("default",)}
    return [n for n in dimension_names(way) if n not in failing]


def failing_together(way: str) -> list[frozenset[str]]:
    """Sets of passing dimensions that fail together: the property test does not draw them."""
    return [frozenset(f.dimensions) for f in _for(way) if len(f.dimensions) > 1]


def passing_documents(way: str, names: Iterable[str]) -> list[str]:
    failing = {d for f in _for(way) if f.dimensions == ("default",) for d in f.documents or ()}
    return [n for n in names if n not in failing]
