"""Fixtures of the store tests: fresh SQLite databases and a throwaway PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cnbudget.store import Store

from .pg import postgres_cluster, postgres_url  # noqa: F401 - fixtures for the tests


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    store = Store(tmp_path / "test.db")
    yield store
    store.close()
