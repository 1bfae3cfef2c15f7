"""Safety of every answer: security headers, CSRF tokens of the session, the
login rate limit."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable

from sqlalchemy import Engine
from starlette.requests import Request
from starlette.responses import Response

from cnbudget.store.logins import clear_failures, recent_failures, record_failure

# no inline script anywhere (the pages load their scripts from /static); pdf.js runs
# its worker from /static too and draws into canvases (blob: and data: images)
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
       "font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
CSRF_KEY = "csrf"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"


async def security_headers(request: Request,
                           call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    response = await call_next(request)
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.url.path.startswith("/api/") or request.url.path.startswith("/documents/"):
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def csrf_token(request: Request) -> str:
    """The session's CSRF token (made on first use): forms carry it as a field,
    htmx requests as the X-CSRF-Token header."""
    token = request.session.get(CSRF_KEY)
    if not token:
        token = secrets.token_urlsafe(32)
        request.session[CSRF_KEY] = token
    return str(token)


def csrf_valid(request: Request, sent: str | None) -> bool:
    expected = request.session.get(CSRF_KEY)
    return bool(expected and sent and hmac.compare_digest(str(expected), sent))


PER_ADDRESS = 4  # an address may fail this many times `attempts`, across names


class LoginLimiter:
    """At most `attempts` failed logins per (address, name), and `PER_ADDRESS` times
    that per address across names, within `window` seconds. Kept in the database
    (store/logins.py): every process on it counts the same failures, and a restart
    forgets none."""

    def __init__(self, engine: Engine, attempts: int, window: float) -> None:
        self.engine, self.attempts, self.window = engine, attempts, window

    def blocked(self, address: str, name: str) -> bool:
        by_name, by_address = recent_failures(self.engine, address, name, self.window)
        return by_name >= self.attempts or by_address >= self.attempts * PER_ADDRESS

    def failed(self, address: str, name: str) -> None:
        record_failure(self.engine, address, name, self.window)

    def succeeded(self, address: str, name: str) -> None:
        clear_failures(self.engine, address, name)
