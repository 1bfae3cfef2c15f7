from __future__ import annotations

import json

import pytest

from tests.conftest import seed
from tests.golden.golden import golden_file, golden_view


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_extraction_matches_the_reviewed_golden_data(prefix):
    path = seed(prefix)
    expected = json.loads(golden_file(path).read_text(encoding="utf-8"))
    actual = json.loads(json.dumps(golden_view(path), ensure_ascii=False))
    assert actual["document"] == expected["document"]
    assert [(t["type"], t["title"]) for t in actual["tables"]] == [
        (t["type"], t["title"]) for t in expected["tables"]]
    for got, want in zip(actual["tables"], expected["tables"], strict=True):
        assert got == want, f"{prefix}: table {want['title']!r} differs from the golden data"
    assert actual["facts"] == expected["facts"]
