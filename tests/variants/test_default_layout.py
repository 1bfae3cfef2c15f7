"""cnbudget's own layout, per writer, for every document the variants are
printed from (the samples and the seeds' readings): the baseline each
variant changes one thing of."""

from __future__ import annotations

from pathlib import Path

import pytest

from cnbudget.model import Document
from cnbudget.pipeline import extract
from cnbudget.render.variants import DEFAULT_VARIANT, variant_document
from tests.conftest import SEEDS
from variants.compare import assert_reads_back
from variants.routes import FAST_ROUTES, render_all, route
from variants.worklist import default_cases

DOCUMENTS = ("budget", "final", *(p.name[:3] for p in sorted(SEEDS.glob("*.txt"))))


@pytest.mark.parametrize(("way", "name"), default_cases([r.name for r in FAST_ROUTES], DOCUMENTS))
def test_default_layout_reads_back(samples: dict[str, Document], seeds: dict[str, Document], tmp_path: Path,
                                   way: str, name: str) -> None:
    doc = {**samples, **seeds}[name]
    printed = route(way)
    [path] = render_all([(doc, DEFAULT_VARIANT, tmp_path / f"{name}.{printed.suffix}")], printed)
    assert_reads_back(variant_document(doc, DEFAULT_VARIANT), extract(path, audit=False, disclosures_only=False), f"{way} {name}")
