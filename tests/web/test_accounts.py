"""Accounts and safety: argon2 hashes, tokens stored hashed, login with CSRF and a
rate limit, 401 / redirect without credentials, security headers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select

from cnbudget.store.schema import api_tokens, users
from cnbudget.web.app import create_app
from tests.web.accounts import PASSWORD, csrf_of, login, token_for

SRC = str(Path(__file__).resolve().parents[2] / "src")


def _cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cnbudget", *args], input=stdin,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": SRC})


def test_cli_user_and_token_work_against_the_app(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    made = _cli("user", "add", "张三", "--role", "inspector", "--password-stdin", "--db", db,
                stdin="a long password\n")
    assert made.returncode == 0, made.stderr
    assert "已添加用户 张三" in made.stderr + made.stdout
    assert _cli("user", "add", "张三", "--password-stdin", "--db", db,
                stdin="another password\n").returncode == 2  # the name is taken
    assert _cli("user", "add", "x", "--role", "boss", "--password-stdin", "--db", db,
                stdin="a long password\n").returncode == 2
    assert _cli("user", "add", "y", "--password-stdin", "--db", db, stdin="short\n").returncode == 2
    token = _cli("token", "create", "张三", "--db", db).stdout.strip()
    assert token.startswith("cnb_")
    assert _cli("token", "create", "nobody", "--db", db).returncode == 2

    app = create_app(db, tmp_path / "up", worker=False)
    with TestClient(app) as client:
        me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
        assert me.status_code == 200 and me.json()["name"] == "张三"
        assert me.json()["role"] == "inspector"
        assert client.get("/api/v1/me", headers={"Authorization": "Bearer cnb_wrong"}
                          ).status_code == 401
        with app.state.store.engine.connect() as conn:
            stored_hash = conn.execute(select(users.c.password_hash)).scalar_one()
            token_row = conn.execute(select(api_tokens)).one()
    assert stored_hash.startswith("$argon2id$") and "a long password" not in stored_hash
    assert token_row.token_hash != token and token not in token_row.token_hash


def test_without_credentials_api_is_401_and_pages_redirect(client: TestClient) -> None:
    api = client.get("/api/v1/me")
    assert api.status_code == 401 and api.headers["www-authenticate"] == "Bearer"
    page = client.get("/", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/login?next=/"
    assert client.get("/healthz").status_code == 200
    assert client.get("/login").status_code == 200
    assert client.get("/static/app.css").status_code == 200


def test_login_needs_csrf_and_right_password_and_is_rate_limited(client: TestClient) -> None:
    assert client.post("/login", data={"name": "viewer1", "password": PASSWORD}
                       ).status_code == 403  # no CSRF token
    form = client.get("/login").text
    csrf = form.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    for _ in range(5):
        wrong = client.post("/login", data={"name": "viewer1", "password": "wrong!",
                                            "csrf_token": csrf})
        assert wrong.status_code == 401 and "用户名或密码不对" in wrong.text
    blocked = client.post("/login", data={"name": "viewer1", "password": PASSWORD,
                                          "csrf_token": csrf})
    assert blocked.status_code == 429  # even the right password, for now
    login(client, "inspector1")  # another name is not blocked
    assert client.get("/api/v1/me").json()["name"] == "inspector1"
    assert "inspector1" in client.get("/").text


def test_session_unsafe_requests_need_csrf_and_logout_ends_it(client: TestClient) -> None:
    login(client, "admin1")
    csrf = csrf_of(client)
    assert client.post("/logout", follow_redirects=False).status_code == 403
    done = client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False)
    assert done.status_code == 303
    assert client.get("/api/v1/me").status_code == 401


def test_security_headers_on_every_answer(client: TestClient) -> None:
    for answer in (client.get("/login"), client.get("/api/v1/me"), client.get("/healthz")):
        csp = answer.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert answer.headers["x-content-type-options"] == "nosniff"
    assert "<script>" not in client.get("/login").text  # no inline script to allow


def test_login_page_escapes_and_refuses_open_redirects(client: TestClient) -> None:
    text = client.get("/login", params={"next": "//evil.example/<script>"}).text
    assert "evil.example" not in text and "<script>" not in text
    assert token_for(client, "viewer1")["Authorization"].startswith("Bearer cnb_")


def test_one_address_trying_many_names_is_limited_too(client: TestClient) -> None:
    form = client.get("/login").text
    csrf = form.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    answers = [client.post("/login", data={"name": f"guess{i}", "password": "wrong!",
                                           "csrf_token": csrf}).status_code
               for i in range(21)]
    assert answers[:20] == [401] * 20 and answers[20] == 429
