"""The login page (the one page open to everyone), logging out, and the home page."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from cnbudget.store.accounts import User, user_and_hash
from cnbudget.web.auth import SESSION_USER, page_user
from cnbudget.web.listing import recent_documents
from cnbudget.web.passwords import dummy_hash, verify_password
from cnbudget.web.security import csrf_valid
from cnbudget.web.templating import page

router = APIRouter(include_in_schema=False)


def _safe_next(value: str | None) -> str:
    # only a path of this site: never an open redirect to another
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/"


@router.get("/login")
def login_form(request: Request, next: str = "/") -> Response:
    return page(request, "login.html", next=_safe_next(next), error=None)


@router.post("/login")
def login(request: Request, name: str = Form(""), password: str = Form(""),
          next: str = Form("/"), csrf_token: str = Form("")) -> Response:
    def again(error: str, status: int) -> Response:
        return page(request, "login.html", status_code=status, next=_safe_next(next),
                    error=error)

    if not csrf_valid(request, csrf_token):
        return again("页面已过期，请重新登录。", 403)
    limiter = request.app.state.login_limiter
    address = request.client.host if request.client else "?"
    if limiter.blocked(address, name):
        return again("登录失败次数过多，请稍后再试。", 429)
    with request.app.state.store.engine.connect() as conn:
        found = user_and_hash(conn, name)
    if found is None:
        verify_password(dummy_hash(), password)  # as long as a wrong password takes
        ok = False
    else:
        ok = verify_password(found[1], password)
    if not ok or found is None:
        limiter.failed(address, name)
        return again("用户名或密码不对。", 401)
    limiter.succeeded(address, name)
    request.session.clear()  # a new session on login: no fixation of an old one
    request.session[SESSION_USER] = found[0].id
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request, _user: User = Depends(page_user)) -> Response:  # noqa: B008
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


@router.get("/")
def home(request: Request, user: User = Depends(page_user)) -> Response:  # noqa: B008
    with request.app.state.store.engine.connect() as conn:
        documents = recent_documents(conn)
    return page(request, "home.html", user=user, documents=documents)
