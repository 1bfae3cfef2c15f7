"""One layout dimension switched on at a time, per writer: the samples
printed in it and read back give the document cell for cell (`compare`).
A dimension the reader does not handle yet is a strict expected failure
named in `worklist.py`; when the reader learns it, the test says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from cnbudget.model import Document
from cnbudget.pipeline import extract
from cnbudget.render.variants import dimension, variant_document
from variants.compare import assert_reads_back
from variants.routes import FAST_ROUTES, render_all, route
from variants.worklist import dimension_cases


@pytest.mark.parametrize(("way", "name"), dimension_cases([r.name for r in FAST_ROUTES]))
def test_one_dimension_reads_back(samples: dict[str, Document], tmp_path: Path, way: str, name: str) -> None:
    variant = dimension(name).variants[0]
    printed = route(way)
    jobs = [(doc, variant, tmp_path / f"{kind}.{printed.suffix}") for kind, doc in samples.items()]
    for (kind, doc), path in zip(samples.items(), render_all(jobs, printed), strict=True):
        assert_reads_back(variant_document(doc, variant), extract(path, audit=False, disclosures_only=False), f"{way} {name} {kind}")
