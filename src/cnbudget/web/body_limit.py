"""The limit on a request's body, kept as it arrives (an ASGI middleware).

Starlette reads a multipart body whole, spooling its files to disk, before the
route sees the first one: a limit checked in the route comes after the bytes were
taken in. This middleware counts the bytes of the body as the server hands them
over and answers 413 as soon as they pass the limit (and at once when the
Content-Length says they will), so no more than the limit is ever read.
Each file's own limit is then checked as it is saved (cnbudget.web.uploads).
"""

from __future__ import annotations

from collections.abc import Mapping

from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CODE = "upload.too-large"
FORM_BYTES = 1 << 20  # a body that carries no file: a login, a review, a JSON change


class BodyTooLarge(HTTPException):
    """Raised from `receive` when the body passes its limit: the route's body parsing
    lets an HTTPException through, and the app's handler answers it (JSON, or a page)."""

    def __init__(self, limit: int) -> None:
        # the rest of the body is not read: the server closes the connection after this
        super().__init__(413, {"code": CODE,
                               "message": f"上传的内容超过 {limit // (1024 * 1024)} MB 的上限"},
                         headers={"Connection": "close"})
        self.limit = limit


class BodyLimit:
    """At most `form_bytes` of body per request, `upload_bytes` on the paths (POST)
    that take uploads."""

    def __init__(self, app: ASGIApp, *, upload_paths: Mapping[str, int],
                 form_bytes: int = FORM_BYTES) -> None:
        self.app, self.upload_paths, self.form_bytes = app, dict(upload_paths), form_bytes

    def limit(self, scope: Scope) -> int:
        if scope.get("method") == "POST" and scope["path"] in self.upload_paths:
            return self.upload_paths[scope["path"]]
        return self.form_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit(scope)
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            await _refuse(scope, receive, send, limit)  # before a byte of it is read
            return
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except BodyTooLarge:  # read outside a route's body parsing: answered here
            if started:
                raise
            await _refuse(scope, receive, send, limit)


async def _refuse(scope: Scope, receive: Receive, send: Send, limit: int) -> None:
    refused = BodyTooLarge(limit)
    await JSONResponse({"detail": refused.detail}, status_code=413,
                       headers=refused.headers)(scope, receive, send)
