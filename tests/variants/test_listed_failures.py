"""Failures listed for dimensions together, or on a seed only (the samples
print each alone fine): each strictly expected to fail where it is listed."""

from __future__ import annotations

from pathlib import Path

import pytest

from cnbudget.model import Document
from cnbudget.pipeline import extract
from cnbudget.render.variants import combine, dimension, variant_document
from variants.compare import assert_reads_back
from variants.routes import render_all, route
from variants.worklist import combination_cases


@pytest.mark.parametrize(("way", "names", "number"), combination_cases() or [
    pytest.param(None, (), None, marks=pytest.mark.skip(reason="worklist.py lists no failing combination"))])
def test_listed_failure(samples: dict[str, Document], seeds: dict[str, Document], tmp_path: Path, way: str,
                        names: tuple[str, ...], number: str) -> None:
    documents = {**samples, **seeds}
    if number not in documents:
        pytest.skip(f"seed {number} is absent (../shared)")
    variant = combine(tuple(dimension(n).variants[0] for n in names))
    printed = route(way)
    [path] = render_all([(documents[number], variant, tmp_path / f"{number}.{printed.suffix}")], printed)
    got = extract(path, audit=False, disclosures_only=False)
    assert_reads_back(variant_document(documents[number], variant), got, f"{way} {'+'.join(names)} {number}")
