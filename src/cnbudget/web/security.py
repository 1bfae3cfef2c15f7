"""Safety of every answer: security headers, CSRF tokens of the session, the
login rate limit."""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

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


async def refuse_large_bodies(request: Request,
                              call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """413 before reading a body that says it is larger than an upload may be (the
    files' limit times their count, and room for the form): it is never spooled to disk.
    Each file's own limit is checked as it is read (cnbudget.web.uploads)."""
    settings = request.app.state.settings
    declared = request.headers.get("content-length", "")
    allowed = settings.max_upload_bytes * settings.max_files + (1 << 20)
    if declared.isdigit() and int(declared) > allowed:
        return JSONResponse({"detail": {"code": "upload.too-large",
                                        "message": "上传的内容超过上限"}}, status_code=413)
    return await call_next(request)


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


ANY_NAME = "\0any"  # the key of an address's failures whatever the name
PER_ADDRESS = 4  # an address may fail this many times `attempts`, across names


class LoginLimiter:
    """At most `attempts` failed logins per (address, name), and `PER_ADDRESS` times
    that per address across names, within `window` seconds. Kept in this process's
    memory: a restart forgets (docs/web.md)."""

    def __init__(self, attempts: int, window: float) -> None:
        self.attempts, self.window = attempts, window
        self._failures: dict[tuple[str, str], deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, str], now: float) -> deque[float]:
        failures = self._failures[key]
        while failures and failures[0] < now - self.window:
            failures.popleft()
        return failures

    def blocked(self, address: str, name: str) -> bool:
        with self._lock:
            now = time.monotonic()
            return (len(self._recent((address, name), now)) >= self.attempts
                    or len(self._recent((address, ANY_NAME), now))
                    >= self.attempts * PER_ADDRESS)

    def failed(self, address: str, name: str) -> None:
        with self._lock:
            now = time.monotonic()
            self._recent((address, name), now).append(now)
            self._recent((address, ANY_NAME), now).append(now)

    def succeeded(self, address: str, name: str) -> None:
        with self._lock:
            self._failures.pop((address, name), None)
