"""Store → load returns the same document, cell for cell (SQLite and PostgreSQL)."""

from __future__ import annotations

import uuid
from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings

from cnbudget.model.contract import document_to_json, loads
from cnbudget.model.document import Document
from cnbudget.store import Store
from cnbudget.store.types import AmountOutOfRange

from .strategies import documents

_SETTINGS = settings(
    max_examples=60, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _fresh_hash(doc: Document) -> Document:
    # hypothesis may repeat a hash across examples; a stored hash is (rightly) not re-stored
    doc.source = replace(doc.source, sha256=uuid.uuid4().hex * 2)
    return doc


def _roundtrip(store: Store, doc: Document) -> None:
    doc = _fresh_hash(doc)
    stored = store.store(doc)
    assert stored.new
    assert document_to_json(store.load(stored.document_id)) == document_to_json(doc)


@_SETTINGS
@given(doc=documents())
def test_sqlite_roundtrip(sqlite_store: Store, doc: Document) -> None:
    _roundtrip(sqlite_store, doc)


@settings(_SETTINGS, max_examples=25)
@given(doc=documents())
def test_postgres_roundtrip(postgres_url: str, doc: Document) -> None:
    store = Store(postgres_url)
    try:
        _roundtrip(store, doc)
    finally:
        store.close()


def test_amounts_are_exact_decimals(sqlite_store: Store) -> None:
    doc = loads('{"schema": "cnbudget/disclosure/v1", "source": {"file": "a.txt", '
                '"sha256": "' + "a" * 64 + '", "format": "text", "pages": null}, '
                '"document": {"kind": "budget", "scope": "department", "year": 2020, '
                '"title": null, "department": {"name": "某局", "code": null}, '
                '"region": {"name": null, "level": null}, "source_units": []}, '
                '"tables": [{"type": "other", "title": "t", "locator": null, "unit": "元", '
                '"empty": false, "note": null, "rows": [{"code": null, "item": "x", '
                '"name": null, "values": {"a": 12345678901.23, "b": 0.1, "c": 0.3, '
                '"d": 99999999999999}}]}], "facts": [], "findings": []}')
    loaded = sqlite_store.load(sqlite_store.store(doc).document_id)
    values = loaded.tables[0].rows[0].values
    assert values == {"a": Decimal("12345678901.23"), "b": Decimal("0.1"), "c": Decimal("0.3"),
                      "d": Decimal("99999999999999")}
    assert all(isinstance(v, Decimal) for v in values.values())
    # exact sums in SQL too: 0.1 + 0.3 would not be 0.4 in binary floating point per cell
    assert values["b"] + values["c"] == Decimal("0.4")


def test_sqlite_refuses_what_it_cannot_hold_exactly(sqlite_store: Store) -> None:
    doc = loads(document_json_with_value("1234567890123.4567"))
    with pytest.raises(AmountOutOfRange):
        sqlite_store.store(doc)
    assert sqlite_store.document_count() == 0  # the transaction was rolled back whole


def test_postgres_holds_any_precision(postgres_url: str) -> None:
    store = Store(postgres_url)
    try:
        doc = loads(document_json_with_value("1234567890123.4567"))
        loaded = store.load(store.store(doc).document_id)
        assert loaded.tables[0].rows[0].values["a"] == Decimal("1234567890123.4567")
    finally:
        store.close()


def document_json_with_value(value: str) -> str:
    return ('{"schema": "cnbudget/disclosure/v1", "source": {"file": "a.txt", '
            '"sha256": "' + "b" * 64 + '", "format": "text", "pages": null}, '
            '"document": {"kind": null, "scope": null, "year": null, "title": null, '
            '"department": {"name": null, "code": null}, "region": {"name": null, '
            '"level": null}, "source_units": []}, "tables": [{"type": "other", "title": "t", '
            '"locator": null, "unit": "元", "empty": false, "note": null, "rows": [{"code": '
            'null, "item": "x", "name": null, "values": {"a": ' + value + '}}]}], '
            '"facts": [], "findings": []}')
