"""Fixtures of the web tests: the real application on a real SQLite file (and a
throwaway PostgreSQL where the server binaries are installed), with accounts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")

from fastapi.testclient import TestClient

from cnbudget.web.app import create_app
from tests.store.pg import postgres_cluster, postgres_url  # noqa: F401
from tests.web.accounts import make_user


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return str(tmp_path / "web.db")


@pytest.fixture
def client(db_url: str, tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(db_url, tmp_path / "uploads", max_upload_bytes=2 * 1024 * 1024,
                     max_files=3)
    for name, role in (("viewer1", "viewer"), ("inspector1", "inspector"), ("admin1", "admin")):
        make_user(app.state.store, name, role)
    with TestClient(app) as c:
        yield c
