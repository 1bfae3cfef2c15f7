"""State several processes on one database share: two app instances on one SQLite
file stand for two uvicorn workers (or one server before and after a restart)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from cnbudget.web.app import create_app
from cnbudget.web.settings import SECRET_ENV
from tests.web.accounts import PASSWORD, login, make_user


def _app(db_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    return create_app(db_url, tmp_path / "uploads", worker=False)


def _csrf(client: TestClient) -> str:
    form = client.get("/login").text
    return form.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]


def test_two_instances_accept_each_others_session(db_url: str, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SECRET_ENV, raising=False)
    first, second = _app(db_url, tmp_path), _app(db_url, tmp_path)
    assert first.state.settings.secret_key == second.state.settings.secret_key
    make_user(first.state.store, "viewer1", "viewer")
    with TestClient(first) as one, TestClient(second) as two:
        assert two.get("/api/v1/me").status_code == 401
        login(one, "viewer1")
        two.cookies.update(one.cookies)
        assert two.get("/api/v1/me").json()["name"] == "viewer1"
    third = _app(db_url, tmp_path)  # a restart keeps the secret
    assert third.state.settings.secret_key == first.state.settings.secret_key


def test_another_database_has_its_own_secret(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SECRET_ENV, raising=False)
    one = _app(str(tmp_path / "a.db"), tmp_path)
    two = _app(str(tmp_path / "b.db"), tmp_path)
    assert one.state.settings.secret_key != two.state.settings.secret_key


def test_failed_logins_count_across_instances(db_url: str, tmp_path: Path) -> None:
    first, second = _app(db_url, tmp_path), _app(db_url, tmp_path)
    make_user(first.state.store, "viewer1", "viewer")
    with TestClient(first) as one, TestClient(second) as two:
        for client in (one, two, one, two):
            wrong = client.post("/login", data={"name": "viewer1", "password": "wrong!",
                                                "csrf_token": _csrf(client)})
            assert wrong.status_code == 401
        assert one.post("/login", data={"name": "viewer1", "password": "wrong!",
                                        "csrf_token": _csrf(one)}).status_code == 401
    restarted = _app(db_url, tmp_path)  # five failures, then a restart: still blocked
    with TestClient(restarted) as three:
        blocked = three.post("/login", data={"name": "viewer1", "password": PASSWORD,
                                             "csrf_token": _csrf(three)})
        assert blocked.status_code == 429
