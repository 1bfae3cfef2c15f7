"""The administrator's page: the users with their roles (changed here, never leaving
no administrator) and the API tokens (revoked here). Admins only; every change is
a form carrying the session's CSRF token, answered by a redirect back."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from cnbudget.store.accounts import (
    ROLES,
    AccountError,
    User,
    list_accounts,
    list_tokens,
    revoke_token,
    set_role,
)
from cnbudget.store.engine import writing
from cnbudget.web.auth import page_user, role
from cnbudget.web.templating import page

router = APIRouter(include_in_schema=False)
ADMIN = Depends(role("admin", page_user))
ROLE_ZH = {"viewer": "查看", "inspector": "审核", "admin": "管理"}


@router.get("/admin")
def admin_page(request: Request, user: User = ADMIN, done: str = "") -> Response:
    with request.app.state.store.engine.connect() as conn:
        accounts, tokens = list_accounts(conn), list_tokens(conn)
    return page(request, "admin.html", user=user, accounts=accounts, tokens=tokens,
                roles=ROLES, role_zh=ROLE_ZH, done=done[:200])


@router.post("/admin/users/{user_id}/role")
def change_role(request: Request, user_id: int, new_role: str = Form(..., alias="role"),
                user: User = ADMIN) -> Response:
    try:
        with writing(request.app.state.store.engine) as conn:
            changed = set_role(conn, user_id, new_role)
    except AccountError as exc:
        raise HTTPException(409, str(exc)) from None
    return RedirectResponse(f"/admin?done=role-{changed.id}", status_code=303)


@router.post("/admin/tokens/{token_id}/revoke")
def revoke(request: Request, token_id: int, user: User = ADMIN) -> Response:
    with writing(request.app.state.store.engine) as conn:
        if not revoke_token(conn, token_id):
            raise HTTPException(404, f"没有编号为 {token_id} 的令牌")
    return RedirectResponse(f"/admin?done=token-{token_id}", status_code=303)
