"""The administrator's page: admins only (others 403, no session: the login page),
users listed with their roles (names escaped) and changed by a CSRF-carrying form,
never leaving no administrator; a token revoked there stops working at once."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from cnbudget.store.engine import writing
from tests.web.accounts import csrf_of, login, make_user, token_for


def _user_id(html: str, name: str) -> int:
    row = re.search(r'<tr data-user="(\d+)" data-role="\w+">\s*<td>' + re.escape(name), html)
    assert row is not None, name
    return int(row.group(1))


def test_only_admins_see_the_admin_page(client: TestClient) -> None:
    assert client.get("/admin", follow_redirects=False).headers["location"].startswith(
        "/login?next=/admin")
    for name in ("viewer1", "inspector1"):
        login(client, name)
        assert client.get("/admin").status_code == 403
        assert 'href="/admin"' not in client.get("/").text
        assert client.post("/admin/tokens/1/revoke",
                           headers={"X-CSRF-Token": csrf_of(client)}).status_code == 403
    login(client, "admin1")
    assert 'href="/admin"' in client.get("/").text


def test_roles_are_changed_but_never_to_no_admin(client: TestClient) -> None:
    make_user(client.app.state.store, "<b>新人</b>", "viewer")  # type: ignore[attr-defined]
    login(client, "admin1")
    html = client.get("/admin").text
    assert "&lt;b&gt;新人&lt;/b&gt;" in html and "<b>新人</b>" not in html
    newcomer = _user_id(html, "&lt;b&gt;新人&lt;/b&gt;")
    admin = _user_id(html, "admin1")

    no_csrf = client.post(f"/admin/users/{newcomer}/role", data={"role": "inspector"})
    assert no_csrf.status_code == 403
    changed = client.post(f"/admin/users/{newcomer}/role",
                          data={"role": "inspector", "csrf_token": csrf_of(client)})
    assert changed.status_code == 200 and "已修改角色" in changed.text
    assert f'<tr data-user="{newcomer}" data-role="inspector">' in changed.text

    last = client.post(f"/admin/users/{admin}/role",
                       data={"role": "viewer", "csrf_token": csrf_of(client)})
    assert last.status_code == 409
    bad = client.post(f"/admin/users/{newcomer}/role",
                      data={"role": "root", "csrf_token": csrf_of(client)})
    assert bad.status_code == 409
    client.post(f"/admin/users/{newcomer}/role",
                data={"role": "admin", "csrf_token": csrf_of(client)})
    demoted = client.post(f"/admin/users/{admin}/role",  # another admin now: allowed
                          data={"role": "viewer", "csrf_token": csrf_of(client)})
    assert demoted.status_code == 403  # done, and the page is no longer this user's
    store = client.app.state.store  # type: ignore[attr-defined]
    from cnbudget.store.accounts import user_by_id

    with writing(store.engine) as conn:
        demoted_user = user_by_id(conn, admin)
    assert demoted_user is not None and demoted_user.role == "viewer"


def test_a_revoked_token_stops_working(client: TestClient) -> None:
    token = token_for(client, "inspector1")
    assert client.get("/api/v1/me", headers=token).status_code == 200
    login(client, "admin1")
    html = client.get("/admin").text
    row = re.search(r'<tr data-token="(\d+)" data-revoked="no">\s*<td><code>(cnb_[^<…]*)…',
                    html)
    assert row is not None and token["Authorization"].split()[1].startswith(row.group(2))
    revoked = client.post(f"/admin/tokens/{row.group(1)}/revoke",
                          data={"csrf_token": csrf_of(client)})
    assert revoked.status_code == 200 and "已吊销令牌" in revoked.text
    assert f'<tr data-token="{row.group(1)}" data-revoked="yes">' in revoked.text
    assert client.get("/api/v1/me", headers=token).status_code == 401
    assert client.post("/admin/tokens/999/revoke",
                       data={"csrf_token": csrf_of(client)}).status_code == 404


def test_the_account_queries_on_postgres(postgres_url: str) -> None:
    from cnbudget.store import Store
    from cnbudget.store.accounts import (
        AccountError,
        create_token,
        list_accounts,
        list_tokens,
        revoke_token,
        set_role,
    )

    with Store(postgres_url) as store:
        admin = make_user(store, "管理员", "admin")
        viewer = make_user(store, "读者", "viewer")
        with writing(store.engine) as conn:
            create_token(conn, viewer)
            create_token(conn, viewer)
            create_token(conn, admin)
        with writing(store.engine) as conn:
            tokens = list_tokens(conn)
            assert len(tokens) == 3 and not any(t.revoked for t in tokens)
            assert revoke_token(conn, next(t.id for t in tokens if t.user_name == "读者"))
            assert not revoke_token(conn, 10_000)
        with writing(store.engine) as conn:
            counted = {a.user.name: a.tokens for a in list_accounts(conn)}
            assert counted == {"管理员": 1, "读者": 1}  # live tokens only
            assert [t.revoked for t in list_tokens(conn)] == [False, False, True]
            with pytest.raises(AccountError):  # the last admin
                set_role(conn, admin.id, "viewer")
            assert set_role(conn, viewer.id, "admin").role == "admin"
            assert set_role(conn, admin.id, "viewer").role == "viewer"
