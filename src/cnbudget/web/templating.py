"""Jinja2 pages, autoescaped: printed text from a document is always text, never markup."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.requests import Request
from starlette.responses import Response

from cnbudget.query.display import fmt
from cnbudget.web.security import CSRF_FIELD, csrf_token

TEMPLATES = Path(__file__).with_name("templates")


def _amount(value: Decimal | None, unit: str = "万元") -> str:
    return fmt(value, unit) if value is not None else ""


def make_templates() -> Jinja2Templates:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["amount"] = _amount
    env.globals["CSRF_FIELD"] = CSRF_FIELD
    return Jinja2Templates(env=env)


def page(request: Request, name: str, status_code: int = 200,
         headers: dict[str, str] | None = None, **context: object) -> Response:
    """`name` rendered for the person on `request` (their CSRF token in every page)."""
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(
        request, name, {"csrf": csrf_token(request), "user": context.pop("user", None),
                        **context},
        status_code=status_code, headers=headers)
