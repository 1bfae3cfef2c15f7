"""One dimension at a time, printed to PDF by LibreOffice from the XLSX and
from the DOCX writer's file: every dimension's print of the budget sample
converted in one LibreOffice run per writer, then each read back on its own.
To keep LibreOffice's time bounded (a second or more per print), each print
holds the tables the dimension changes among one table of each layout
(summaries, functional and economic tables, item tables); the other
writers' tests print every table."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cnbudget.model import Document
from cnbudget.pipeline import extract
from cnbudget.render.variants import dimension, variant_document
from variants.compare import assert_reads_back
from variants.routes import LIBREOFFICE_ROUTES, needs_libreoffice, render_all, route
from variants.worklist import dimension_cases, dimension_names

pytestmark = needs_libreoffice


# one table of each layout: both summaries, a functional table with column groups, a plain one,
# the economic 基本支出, the 三公 and 机关运行经费 item tables
PRINTED_TYPES = frozenset({"summary", "fiscal_summary", "income", "general_public", "general_public_basic",
                           "three_public", "operating_cost"})


def for_dimension(doc: Document, name: str) -> Document:
    types = PRINTED_TYPES & set(dimension(name).tables or PRINTED_TYPES)
    return Document(source=doc.source, meta=doc.meta, narrative=[],
                    tables=[t for t in doc.tables if t.type in types])


@pytest.fixture(scope="module")
def printed(samples: dict[str, Document], tmp_path_factory: pytest.TempPathFactory,
            ) -> Callable[[str], dict[str, Path]]:
    """A writer's prints of every dimension, made the first time a test asks."""
    made: dict[str, dict[str, Path]] = {}

    def of(way: str) -> dict[str, Path]:
        if way not in made:
            names = dimension_names(way)
            out = tmp_path_factory.mktemp(way)
            jobs = [(for_dimension(samples["budget"], n), dimension(n).variants[0], out / f"{n}.pdf") for n in names]
            made[way] = dict(zip(names, render_all(jobs, route(way)), strict=True))
        return made[way]

    return of


@pytest.mark.parametrize(("way", "name"), dimension_cases([r.name for r in LIBREOFFICE_ROUTES]))
def test_one_dimension_reads_back(samples: dict[str, Document], printed: Callable[[str], dict[str, Path]],
                                  way: str, name: str) -> None:
    variant = dimension(name).variants[0]
    want = variant_document(for_dimension(samples["budget"], name), variant)
    assert_reads_back(want, extract(printed(way)[name], audit=False, disclosures_only=False), f"{way} {name}")
