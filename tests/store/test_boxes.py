"""Page boxes survive store → load (SQLite and PostgreSQL): a stored document's
contract JSON carries box / cell_boxes as the PDF reading gave them."""

from __future__ import annotations

import json

from cnbudget.model.contract import document_to_json, loads
from cnbudget.model.document import Box
from cnbudget.store import Store


def _box(page: int, x0: float) -> dict[str, object]:
    return {"page": page, "x0": x0, "y0": 437.56, "x1": round(x0 + 100.07, 2), "y1": 453.16}


def _doc() -> str:
    loc = {"page": 4, "line": None}
    return json.dumps({
        "schema": "cnbudget/disclosure/v1",
        "source": {"file": "a.pdf", "sha256": "b" * 64, "format": "pdf", "pages": 5},
        "document": {"kind": "budget", "scope": "department", "year": 2024, "title": "t",
                     "department": {"name": "某局", "code": None},
                     "region": {"name": None, "level": None}, "source_units": []},
        "tables": [{"type": "other", "title": "t", "locator": loc, "box": _box(4, 42.52),
                    "unit": "元", "empty": False, "note": None,
                    "rows": [{"code": None, "item": "x", "name": "某项", "locator": loc,
                              "box": _box(4, 10.0),
                              "values": {"a": 12.5, "b": None}, "project": "某项目",
                              "cell_boxes": {"a": _box(4, 300.33), "project": _box(4, 1.1)}}]}],
        "facts": [{"key": "total", "value": 5, "unit": "元", "text": "合计5元",
                   "locator": loc, "box": _box(5, 77.7)}],
        "narrative": [{"text": "一句话", "locator": loc, "box": _box(4, 0.1)}],
        "findings": [],
    }, ensure_ascii=False)


def _roundtrip(store: Store) -> None:
    doc = loads(_doc())
    assert doc.tables[0].rows[0].boxes["a"] == Box(4, 300.33, 437.56, 400.4, 453.16)
    loaded = store.load(store.store(doc).document_id)
    assert document_to_json(loaded) == document_to_json(doc)
    row = loaded.tables[0].rows[0]
    assert row.boxes == doc.tables[0].rows[0].boxes and set(row.boxes) == {"a", "project"}
    assert row.locator is not None and row.locator.box == Box(4, 10.0, 437.56, 110.07, 453.16)
    assert loaded.facts[0].locator is not None and loaded.facts[0].locator.box is not None
    assert loaded.narrative[0].locator == doc.narrative[0].locator
    assert loaded.narrative[0].locator is not None
    assert loaded.narrative[0].locator.box == Box(4, 0.1, 437.56, 100.17, 453.16)


def test_sqlite_keeps_boxes(sqlite_store: Store) -> None:
    _roundtrip(sqlite_store)


def test_postgres_keeps_boxes(postgres_url: str) -> None:
    store = Store(postgres_url)
    try:
        _roundtrip(store)
    finally:
        store.close()
