"""Options the database commands share, and their checks."""

from __future__ import annotations

import typer

from cnbudget.cli.console import EXIT_UNUSABLE, say_error
from cnbudget.lang import t

DB_OPTION = typer.Option(
    None, "--db", help="Database: a SQLite path or a SQLAlchemy URL "
    "(postgresql://…). Default: $CNBUDGET_DB, else ./cnbudget.db. Commands that only "
    "read never create it.",
)
REGION = typer.Option(None, "--region", help="Region name as printed, e.g. 石家庄市.")
YEAR = typer.Option(None, "--year", help="Fiscal year.")
KIND = typer.Option(None, "--kind", help="budget (预算) or final_account (决算).")
DEPARTMENT = typer.Option(None, "--department", "-d",
                          help="Department id, or (part of) any name it was printed under.")
UNIT = typer.Option("万元", "--unit", help="Show amounts in 万元 (default) or 元.")
TIMEOUT_OPTION = typer.Option(30.0, "--timeout", help="Stop the statement after this many seconds.")
MAX_ROWS_OPTION = typer.Option(1_000_000, "--max-rows", help="Refuse results longer than this.")
SUPERUSER_OPTION = typer.Option(False, "--allow-superuser", help="PostgreSQL: run even as a "
                                "superuser (whose queries can reach the server's files and "
                                "programs).")
UNITS = ("万元", "元")


def fail(message: str, code: int = EXIT_UNUSABLE) -> typer.Exit:
    say_error(message)
    return typer.Exit(code)


def check_unit(unit: str) -> None:
    if unit not in UNITS:
        raise fail(t(f"未知单位 {unit!r}；可选：", f"unknown unit {unit!r}; one of ")
                   + ", ".join(UNITS))
