"""The HTTP API, /api/v1 (described at /openapi.json). Every route needs an API
token (Authorization: Bearer) or a session; 401 without."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from cnbudget.store.accounts import User
from cnbudget.web.auth import api_user

router = APIRouter(prefix="/api/v1", tags=["api"])


class Me(BaseModel):
    id: int
    name: str
    role: str


@router.get("/me", response_model=Me, summary="The account the credentials belong to")
def me(user: User = Depends(api_user)) -> Me:  # noqa: B008
    return Me(id=user.id, name=user.name, role=user.role)
