"""One dimension at a time, printed to PDF by LibreOffice from the XLSX and
from the DOCX writer's file: every dimension's print of the budget sample
(its compared tables only: fewer pages) converted in one LibreOffice run per
writer, then each read back on its own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cnbudget.model import Document
from cnbudget.pipeline import extract
from cnbudget.render.variants import dimension, variant_document
from variants.compare import COMPARED_TYPES, assert_reads_back
from variants.routes import LIBREOFFICE_ROUTES, needs_libreoffice, render_all, route
from variants.worklist import dimension_cases, dimension_names

pytestmark = needs_libreoffice


def compared_only(doc: Document) -> Document:
    return Document(source=doc.source, meta=doc.meta, narrative=doc.narrative,
                    tables=[t for t in doc.tables if t.type in COMPARED_TYPES])


@pytest.fixture(scope="module")
def budget(samples: dict[str, Document]) -> Document:
    return compared_only(samples["budget"])


@pytest.fixture(scope="module")
def printed(budget: Document, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], dict[str, Path]]:
    """A writer's prints of every dimension, made the first time a test asks."""
    made: dict[str, dict[str, Path]] = {}

    def of(way: str) -> dict[str, Path]:
        if way not in made:
            names = dimension_names(way)
            out = tmp_path_factory.mktemp(way)
            jobs = [(budget, dimension(n).variants[0], out / f"{n}.pdf") for n in names]
            made[way] = dict(zip(names, render_all(jobs, route(way)), strict=True))
        return made[way]

    return of


@pytest.mark.parametrize(("way", "name"), dimension_cases([r.name for r in LIBREOFFICE_ROUTES]))
def test_one_dimension_reads_back(budget: Document, printed: Callable[[str], dict[str, Path]], way: str,
                                  name: str) -> None:
    variant = dimension(name).variants[0]
    assert_reads_back(variant_document(budget, variant), extract(printed(way)[name], audit=False), f"{way} {name}")
