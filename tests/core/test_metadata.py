from __future__ import annotations

import pytest

import cnbudget.ingest.text  # noqa: F401  (registers the text reader)
from cnbudget.ingest.readers import read_source
from cnbudget.model import Kind, RegionLevel, Scope
from cnbudget.recognise.metadata import recognise_metadata
from tests.conftest import seed

CASES = [
    ("000", Kind.BUDGET, 2020, "石家庄市数据资源管理局", "302", "石家庄市", RegionLevel.CITY),
    ("001", Kind.FINAL_ACCOUNT, 2024, "石家庄市数据局", "302", "石家庄市", RegionLevel.CITY),
    ("002", Kind.BUDGET, 2020, "硚口区大数据中心", None, "武汉市硚口区", RegionLevel.DISTRICT),
    ("003", Kind.BUDGET, 2021, "郑州市大数据管理局", None, "郑州市", RegionLevel.CITY),
    ("004", Kind.BUDGET, 2020, "中共廊坊市委网络安全和信息化委员会办公室", None, "廊坊市", RegionLevel.CITY),
]


@pytest.mark.parametrize(("prefix", "kind", "year", "name", "code", "region", "level"), CASES)
def test_seed_metadata(prefix, kind, year, name, code, region, level):
    meta = recognise_metadata(read_source(seed(prefix)).layout.lines)
    assert (meta.kind, meta.year, meta.scope) == (kind, year, Scope.DEPARTMENT)
    assert (meta.department.name, meta.department.code) == (name, code)
    assert (meta.region.name, meta.region.level) == (region, level)
    assert meta.title and str(year) in meta.title and name[-4:] in meta.title
