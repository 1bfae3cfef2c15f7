"""cnbudget's own layout, per writer, for every document the variants are
printed from (the samples and the seeds' readings): the baseline each
variant changes one thing of."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cnbudget.model import Document
from cnbudget.pipeline import extract
from cnbudget.render.variants import DEFAULT_VARIANT, variant_document
from tests.conftest import SEEDS
from variants.compare import assert_reads_back
from variants.routes import FAST_ROUTES, LIBREOFFICE_ROUTES, needs_libreoffice, render_all, route
from variants.worklist import default_cases

DOCUMENTS = ("budget", "final", *(p.name[:3] for p in sorted(SEEDS.glob("*.txt"))))


@pytest.mark.parametrize(("way", "name"), default_cases([r.name for r in FAST_ROUTES], DOCUMENTS))
def test_default_layout_reads_back(samples: dict[str, Document], seeds: dict[str, Document], tmp_path: Path,
                                   way: str, name: str) -> None:
    doc = {**samples, **seeds}[name]
    printed = route(way)
    [path] = render_all([(doc, DEFAULT_VARIANT, tmp_path / f"{name}.{printed.suffix}")], printed)
    assert_reads_back(variant_document(doc, DEFAULT_VARIANT), extract(path, audit=False, disclosures_only=False), f"{way} {name}")


@pytest.fixture(scope="module")
def printed_by_libreoffice(samples: dict[str, Document], seeds: dict[str, Document],
                           tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], dict[str, Path]]:
    """Every document printed in one LibreOffice run per writer, the first time a test asks."""
    made: dict[str, dict[str, Path]] = {}

    def of(way: str) -> dict[str, Path]:
        if way not in made:
            documents = {**samples, **seeds}
            out = tmp_path_factory.mktemp(way)
            jobs = [(doc, DEFAULT_VARIANT, out / f"{name}.pdf") for name, doc in documents.items()]
            made[way] = dict(zip(documents, render_all(jobs, route(way)), strict=True))
        return made[way]

    return of


@needs_libreoffice
@pytest.mark.parametrize(("way", "name"), default_cases([r.name for r in LIBREOFFICE_ROUTES], DOCUMENTS))
def test_default_layout_printed_by_libreoffice_reads_back(
        samples: dict[str, Document], seeds: dict[str, Document],
        printed_by_libreoffice: Callable[[str], dict[str, Path]], way: str, name: str) -> None:
    """The seeds as departments print them: XLSX or DOCX to PDF by LibreOffice
    (a note of several lines printed over a table's last row showed here)."""
    doc = {**samples, **seeds}[name]
    got = extract(printed_by_libreoffice(way)[name], audit=False, disclosures_only=False)
    assert_reads_back(variant_document(doc, DEFAULT_VARIANT), got, f"{way} {name}")
