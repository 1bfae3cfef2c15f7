"""Failures listed on a seed only (the samples print the dimension fine):
each strictly expected to fail on that seed, so a fix shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from cnbudget.model import Document
from cnbudget.pipeline import extract
from cnbudget.render.variants import dimension, variant_document
from variants.compare import assert_reads_back
from variants.routes import render_all, route
from variants.worklist import seed_cases


@pytest.mark.parametrize(("way", "name", "number"), seed_cases())
def test_listed_seed_failure(seeds: dict[str, Document], tmp_path: Path, way: str, name: str, number: str) -> None:
    if number not in seeds:
        pytest.skip(f"seed {number} is absent (../shared)")
    variant = dimension(name).variants[0]
    printed = route(way)
    [path] = render_all([(seeds[number], variant, tmp_path / f"{number}.{printed.suffix}")], printed)
    assert_reads_back(variant_document(seeds[number], variant), extract(path, audit=False), f"{way} {name} {number}")
