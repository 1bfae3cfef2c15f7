"""The department page's treemap goes below 类: each 类 box holds its 款, each 款 its 项,
named and sized as the latest year's expenditure table printed them (in 万元)."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from html import unescape

from fastapi.testclient import TestClient

from cnbudget.samples import SampleSpec, make_sample
from tests.web.accounts import login


def test_the_treemap_holds_kuan_and_xiang(client: TestClient) -> None:
    store = client.app.state.store  # type: ignore[attr-defined]
    store.store(make_sample(SampleSpec(year=2023, seed=23)))
    latest = make_sample(SampleSpec(year=2024))
    store.store(latest)
    login(client, "viewer1")
    dept_id = client.get("/api/v1/departments").json()[0]["department_id"]
    html = client.get(f"/departments/{dept_id}").text
    found = re.search(r'data-chart="([^"]*)"', html)
    assert found is not None and "功能分类支出结构（类、款、项）" in html
    chart = json.loads(unescape(found.group(1)))
    assert chart["treemap_year"] == "2024"

    def flat(nodes: list[dict], depth: int = 1) -> list[tuple[str, float, int]]:
        out = []
        for n in nodes:
            out.append((n["name"], n["value"], depth))
            out.extend(flat(n.get("children", []), depth + 1))
        return out

    expected = [(f"{r.code} {r.name}", float(r.values["total"] / Decimal(10000)),
                 {3: 1, 5: 2, 7: 3}[len(r.code)])
                for r in latest.table("expenditure").rows  # type: ignore[union-attr]
                if r.code and r.values.get("total")]
    assert flat(chart["treemap"]) == expected
    assert {depth for _, _, depth in expected} == {1, 2, 3}
