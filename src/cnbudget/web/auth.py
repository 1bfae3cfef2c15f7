"""Who is asking: a session cookie (pages; unsafe requests need its CSRF token)
or an API token (`Authorization: Bearer`). Every route but /login, /healthz and
/static asks; the API answers 401 without credentials, pages redirect to /login."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

from fastapi import Depends, HTTPException, Request

from cnbudget.store.accounts import User, user_by_id, user_for_token
from cnbudget.web.security import CSRF_FIELD, CSRF_HEADER, csrf_valid

SESSION_USER = "user_id"
_SAFE = frozenset({"GET", "HEAD", "OPTIONS"})


class NeedsLogin(Exception):
    """A page asked for without a session: answered by a redirect to /login."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


def login_url(next_path: str) -> str:
    return "/login?next=" + quote(next_path, safe="/")


def _session_user(request: Request) -> User | None:
    user_id = request.session.get(SESSION_USER)
    if not isinstance(user_id, int):
        return None
    with request.app.state.store.engine.connect() as conn:
        return user_by_id(conn, user_id)


def _bearer_user(request: Request) -> User | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    with request.app.state.store.engine.connect() as conn:
        return user_for_token(conn, token.strip())


def _unauthorised(detail: str = "认证失败：需要 API 令牌或登录") -> HTTPException:
    return HTTPException(401, detail, headers={"WWW-Authenticate": "Bearer"})


async def api_user(request: Request) -> User:
    """The API's caller: a bearer token, else a session (whose unsafe requests carry
    the CSRF header, as the pages' htmx requests do)."""
    if request.headers.get("authorization"):
        user = _bearer_user(request)
        if user is None:
            raise _unauthorised("API 令牌无效")
        return user
    user = _session_user(request)
    if user is None:
        raise _unauthorised()
    if request.method not in _SAFE and not csrf_valid(request,
                                                       request.headers.get(CSRF_HEADER)):
        raise HTTPException(403, "CSRF 令牌缺失或不符")
    return user


async def page_user(request: Request) -> User:
    """The person on a page: a session, else a redirect to the login page. A form
    sent (POST) carries the session's CSRF token, as a field or the htmx header."""
    user = _session_user(request)
    if user is None:
        raise NeedsLogin(request.url.path)
    if request.method not in _SAFE:
        sent = request.headers.get(CSRF_HEADER)
        if sent is None and "form" in request.headers.get("content-type", ""):
            form = await request.form()
            value = form.get(CSRF_FIELD)
            sent = value if isinstance(value, str) else None
        if not csrf_valid(request, sent):
            raise HTTPException(403, "CSRF 令牌缺失或不符，请刷新页面后重试")
    return user


def role(minimum: str, who: Callable[[Request], object] = api_user) -> object:
    """A dependency: the caller, who must have `minimum` role or a higher one (403)."""

    async def check(user: User = Depends(who)) -> User:  # noqa: B008 - FastAPI's way
        if not user.may(minimum):
            raise HTTPException(403, f"需要 {minimum} 或更高的角色")
        return user

    return check
