"""`cnbudget serve` and the accounts of the web application (`user add`,
`token create`). FastAPI, uvicorn and argon2 load inside the commands (the
`web` extra), never at start-up."""

from __future__ import annotations

import sys
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
    max_upload_mb: int = typer.Option(50, "--max-upload-mb", help="Largest file an upload "
                                      "may hold, in MB (larger: 413)."),
    max_files: int = typer.Option(20, "--max-files", help="Most files one upload may hold "
                                  "(more: 413)."),
) -> None:
    """Run the web application: upload, review findings, departments, HTTP API
    (docs/web.md). Log in with an account made by `cnbudget user add`."""
    _web()
    import uvicorn

    from cnbudget.web.app import create_app

    app = create_app(db, uploads, secure_cookies=secure_cookies,
                     max_upload_bytes=max_upload_mb * 1024 * 1024, max_files=max_files)
    if not _has_users(app.state.store):
        say(t("还没有账号：先运行 cnbudget user add 名字 --role inspector（同一个 --db）",
              "no accounts yet: run cnbudget user add NAME --role inspector (same --db) first"))
    say(t(f"cnbudget 网页界面：http://{host}:{port}/ （Ctrl-C 停止）",
          f"cnbudget web application: http://{host}:{port}/ (Ctrl-C stops it)"))
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=True)


user_app = typer.Typer(help="Accounts of the web application.", no_args_is_help=True)
token_app = typer.Typer(help="API tokens of the web application (Authorization: Bearer).",
                        no_args_is_help=True)


@user_app.command("add")
def user_add(
    name: str = typer.Argument(..., help="The user name to log in with."),
    role: str = typer.Option("viewer", "--role", help="viewer (reads), inspector (uploads "
                             "and reviews) or admin (everything)."),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password "
                                        "from standard input (one line) instead of asking."),
    db: str | None = DB_OPTION,
) -> None:
    """Add a user of the web application; the password is asked for (or read from
    standard input) and stored as an argon2 hash only."""
    _argon2()
    from cnbudget.store import Store
    from cnbudget.store.accounts import AccountError, add_user
    from cnbudget.store.engine import writing
    from cnbudget.web.passwords import hash_password

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt(t("密码", "Password"), hide_input=True,
                                confirmation_prompt=t("再输入一次密码", "Repeat for confirmation"))
    try:
        hashed = hash_password(password)
    except ValueError as exc:
        raise fail(t("密码至少 8 个字符", str(exc))) from None
    with Store(db) as store, writing(store.engine) as conn:
        try:
            user = add_user(conn, name, hashed, role)
        except AccountError as exc:
            raise fail(str(exc)) from None
    say(t(f"已添加用户 {user.name}（{user.role}）", f"added user {user.name} ({user.role})"))


@token_app.command("create")
def token_create(
    name: str = typer.Argument(..., help="The user the token acts as."),
    db: str | None = DB_OPTION,
) -> None:
    """Make an API token for a user and print it once (only its hash is kept)."""
    from cnbudget.store import Store
    from cnbudget.store.accounts import create_token, user_and_hash
    from cnbudget.store.engine import writing

    with Store(db) as store, writing(store.engine) as conn:
        found = user_and_hash(conn, name)
        if found is None:
            raise fail(t(f"没有用户 {name!r}", f"no user {name!r}"))
        token = create_token(conn, found[0])
    typer.echo(token)
    say(t("令牌只显示这一次；请求时用 Authorization: Bearer <令牌>",
          "the token is shown this once; send it as Authorization: Bearer <token>"))


def _has_users(store: object) -> bool:
    from sqlalchemy import select

    from cnbudget.store.schema import users

    with store.engine.connect() as conn:  # type: ignore[attr-defined]
        return conn.execute(select(users.c.id).limit(1)).first() is not None


def _argon2() -> None:
    try:
        require("argon2", "web")
    except MissingExtra as exc:
        raise fail(str(exc), EXIT_UNUSABLE) from None


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)
    app.add_typer(user_app, name="user")
    app.add_typer(token_app, name="token")
