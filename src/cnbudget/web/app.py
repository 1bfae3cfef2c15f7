"""`create_app`: the FastAPI application on one cnbudget database.

The app holds one `Store` (the CLI's: SQLite by default, a PostgreSQL URL
alike, migrated on open) and, unless told not to, a worker thread that runs
the upload jobs kept in the database (cnbudget.web.worker).
"""

from __future__ import annotations

import mimetypes
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from cnbudget import __version__
from cnbudget.store import Store
from cnbudget.store.accounts import User
from cnbudget.store.web_settings import session_secret
from cnbudget.web.auth import NeedsLogin, api_user, login_url
from cnbudget.web.body_limit import BodyLimit
from cnbudget.web.security import LoginLimiter, security_headers
from cnbudget.web.settings import SECRET_ENV, WebSettings
from cnbudget.web.templating import make_templates, page
from cnbudget.web.uploads import remove_stale_parts

STATIC = Path(__file__).with_name("static")
SESSION_COOKIE = "cnbudget_session"
UPLOAD_PATH = "/api/v1/documents"  # POST: the one route that takes files
SESSION_SECONDS = 8 * 3600  # a working day
# pdf.js is an ES module: served as JavaScript, or the browser (nosniff) refuses it
mimetypes.add_type("text/javascript", ".mjs")


def create_app(database_url: str | None, upload_dir: str | os.PathLike[str], *,
               secret_key: str | None = None, worker: bool = True,
               max_upload_bytes: int | None = None, max_files: int | None = None,
               secure_cookies: bool = False) -> FastAPI:
    """The application on `database_url` (None: $CNBUDGET_DB, else ./cnbudget.db),
    keeping uploads under `upload_dir`."""
    store = Store(database_url)
    upload = Path(upload_dir)
    upload.mkdir(parents=True, exist_ok=True)
    defaults = WebSettings(store.url, upload, "")
    settings = WebSettings(
        database_url=store.url, upload_dir=upload,
        secret_key=secret_key or os.environ.get(SECRET_ENV) or session_secret(store.engine),
        max_upload_bytes=max_upload_bytes or defaults.max_upload_bytes,
        max_files=max_files or defaults.max_files, worker=worker,
        secure_cookies=secure_cookies,
    )

    @asynccontextmanager
    async def lifespan(app_: FastAPI) -> AsyncIterator[None]:
        remove_stale_parts(upload)  # left by a server that stopped mid-upload
        if settings.worker:
            from cnbudget.web.worker import JobWorker

            app_.state.worker = JobWorker(store, upload)
            app_.state.worker.start()
        yield
        if settings.worker:
            app_.state.worker.stop()
        store.close()

    app = FastAPI(title="cnbudget", version=__version__, lifespan=lifespan,
                  docs_url=None, redoc_url=None, openapi_url=None)
    app.state.store = store
    app.state.settings = settings
    app.state.templates = make_templates()
    app.state.login_limiter = LoginLimiter(store.engine, settings.login_attempts,
                                           settings.login_window_seconds)
    # an upload: its files' limit times their count, and room for the form
    app.add_middleware(BodyLimit, upload_paths={
        UPLOAD_PATH: settings.max_upload_bytes * settings.max_files + (1 << 20)})
    app.middleware("http")(security_headers)
    app.add_middleware(SessionMiddleware, secret_key=settings.secret_key,
                       session_cookie=SESSION_COOKIE, max_age=SESSION_SECONDS,
                       same_site="lax", https_only=settings.secure_cookies)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.exception_handler(StarletteHTTPException)
    async def refused(request: Request, exc: StarletteHTTPException) -> Response:
        # the API (and scripts) get JSON; a person on a page gets a page saying why
        if request.url.path.startswith("/api/") or request.url.path == "/openapi.json" \
                or "text/html" not in request.headers.get("accept", ""):
            return await http_exception_handler(request, exc)
        detail = exc.detail
        message = detail if isinstance(detail, str) else \
            str(detail.get("message", detail)) if isinstance(detail, dict) else str(detail)
        return page(request, "error.html", status_code=exc.status_code,
                    status=exc.status_code, message=message, user=None,
                    headers=getattr(exc, "headers", None))

    @app.exception_handler(NeedsLogin)
    async def to_login(_request: Request, exc: NeedsLogin) -> Response:
        return RedirectResponse(login_url(exc.next_path), status_code=303)

    from cnbudget.web import api, login, pages_admin, pages_departments, pages_documents

    for module in (login, api, pages_documents, pages_departments, pages_admin):
        app.include_router(module.router)

    @app.get("/openapi.json", include_in_schema=False)
    def openapi(_user: User = Depends(api_user)) -> JSONResponse:  # noqa: B008
        return JSONResponse(app.openapi())

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return app
