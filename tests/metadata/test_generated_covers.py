"""Generated covers of every province, level, kind, scope and layout: each of year,
kind, scope, department and region must come back as the cover prints it."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

import cnbudget.ingest.text  # noqa: F401  (registers the text reader)
from cnbudget.ingest.readers import read_bytes
from cnbudget.recognise.metadata import read_metadata
from tests.metadata.covers import Cover, chinese_year, covers


def _read(cover: Cover):
    return read_metadata(read_bytes(cover.text.encode("utf-8"), "cover.txt").layout.lines)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(covers())
def test_every_field_of_a_generated_cover_comes_back(cover: Cover) -> None:
    reading = _read(cover)
    meta = reading.meta
    where = f"\n{cover.layout} (name from {reading.name_source}):\n{cover.text}"
    assert meta.year == cover.year, where
    assert meta.kind is cover.kind, where
    assert meta.department.name == cover.department, where
    assert meta.scope is cover.scope, where
    assert (meta.region.name, meta.region.level) == (cover.region, cover.level), where
    assert meta.title and (str(cover.year) in meta.title or chinese_year(cover.year) in meta.title), where
