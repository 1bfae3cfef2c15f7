"""`cnbudget serve` and the accounts of the web application (`user add`,
`token create`). FastAPI, uvicorn and argon2 load inside the commands (the
`web` extra), never at start-up."""

from __future__ import annotations

from pathlib import Path

import typer

from cnbudget.cli.console import EXIT_UNUSABLE, say
from cnbudget.cli.options import DB_OPTION, fail
from cnbudget.extras import MissingExtra, require
from cnbudget.lang import t


def _web() -> None:
    try:
        require("fastapi", "web")
        require("uvicorn", "web")
    except MissingExtra as exc:
        raise fail(str(exc), EXIT_UNUSABLE) from None


def serve_command(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (default "
                             "127.0.0.1: this machine only; behind a reverse proxy keep it)."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    db: str | None = DB_OPTION,
    uploads: Path = typer.Option(Path("cnbudget-uploads"), "--uploads", help="Folder the "
                                 "uploaded files are kept in (under generated names)."),
    secure_cookies: bool = typer.Option(False, "--secure-cookies", help="Send the session "
                                        "cookie over HTTPS only (behind an HTTPS proxy)."),
) -> None:
    """Run the web application: upload, review findings, departments, HTTP API
    (docs/web.md). Log in with an account made by `cnbudget user add`."""
    _web()
    import uvicorn

    from cnbudget.web.app import create_app

    app = create_app(db, uploads, secure_cookies=secure_cookies)
    say(t(f"cnbudget 网页界面：http://{host}:{port}/ （Ctrl-C 停止）",
          f"cnbudget web application: http://{host}:{port}/ (Ctrl-C stops it)"))
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=True)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)
