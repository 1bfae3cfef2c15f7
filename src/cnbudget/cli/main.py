"""`cnbudget`: the command-line entry point. Each command group lives in its
own module and registers itself on the app. Exit codes: cnbudget.cli.console."""

from __future__ import annotations

import typer

from cnbudget.cli import check, extract, render, store_commands
from cnbudget.cli.console import CnbudgetGroup, install_signal_handlers

app = typer.Typer(
    name="cnbudget",
    help="Read, verify, store and compare Chinese departmental budget and final-account "
    "disclosures (部门预决算公开).",
    no_args_is_help=True,
    add_completion=False,
    cls=CnbudgetGroup,
    pretty_exceptions_enable=False,
)

for module in (extract, store_commands, check, render):
    module.register(app)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"cnbudget {version('cnbudget')}")
        raise typer.Exit()


@app.callback()
def _options(
    _version_flag: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit."),
) -> None:
    """Read, verify, store and compare Chinese departmental budget and final-account
    disclosures (部门预决算公开)."""


def main() -> None:
    install_signal_handlers()
    app()


if __name__ == "__main__":
    main()
