"""Accounts for the web tests, made the way `cnbudget user add` makes them."""

from __future__ import annotations

from fastapi.testclient import TestClient

from cnbudget.store import Store
from cnbudget.store.accounts import User, add_user, create_token, user_and_hash
from cnbudget.store.engine import writing
from cnbudget.web.passwords import hash_password

PASSWORD = "correct horse battery"


def make_user(store: Store, name: str, role: str, password: str = PASSWORD) -> User:
    with writing(store.engine) as conn:
        return add_user(conn, name, hash_password(password), role)


def token_for(client: TestClient, name: str) -> dict[str, str]:
    store = client.app.state.store  # type: ignore[attr-defined]
    with writing(store.engine) as conn:
        found = user_and_hash(conn, name)
        assert found is not None
        return {"Authorization": f"Bearer {create_token(conn, found[0])}"}


def login(client: TestClient, name: str, password: str = PASSWORD) -> None:
    form = client.get("/login")
    csrf = form.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    done = client.post("/login", data={"name": name, "password": password,
                                       "csrf_token": csrf, "next": "/"},
                       follow_redirects=False)
    assert done.status_code == 303, done.text


def csrf_of(client: TestClient) -> str:
    text = client.get("/").text
    return text.split('data-csrf="', 1)[1].split('"', 1)[0]
