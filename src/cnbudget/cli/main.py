"""`cnbudget`: the command-line entry point. Each command group lives in its
own module and registers itself on the app. Exit codes: cnbudget.cli.console."""

from __future__ import annotations

import sys

import typer
import typer.main

from cnbudget.cli import (
    check,
    department_commands,
    extract,
    query_commands,
    render,
    store_commands,
    web_commands,
)
from cnbudget.cli.console import (
    EXIT_INTERRUPTED,
    EXIT_TERMINATED,
    CnbudgetGroup,
    Terminated,
    install_signal_handlers,
)
from cnbudget.cli.help_zh import localise
from cnbudget.lang import current as current_lang
from cnbudget.lang import set_lang

app = typer.Typer(
    name="cnbudget",
    help="Read, verify, store and compare Chinese departmental budget and final-account "
    "disclosures (部门预决算公开).",
    no_args_is_help=True,
    add_completion=False,
    cls=CnbudgetGroup,
    pretty_exceptions_enable=False,
)

for module in (extract, store_commands, query_commands, department_commands, check, render,
               web_commands):
    module.register(app)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"cnbudget {version('cnbudget')}")
        raise typer.Exit()


def _lang(value: str | None) -> None:
    if value is None:
        return
    try:
        set_lang(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


@app.callback()
def _options(
    _version_flag: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit."),
    _lang_option: str | None = typer.Option(None, "--lang", callback=_lang, is_eager=True,
                                            help="zh (default) or en: the language of tables, "
                                            "messages and reports (also $CNBUDGET_LANG); JSON "
                                            "keys and codes never change."),
) -> None:
    """Read, verify, store and compare Chinese departmental budget and final-account
    disclosures (部门预决算公开)."""


def _chosen_lang(args: list[str]) -> str:
    """The language asked for on the command line (before it is parsed: the help is
    made in it), else $CNBUDGET_LANG's."""
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return "en" if args[i + 1].lower().startswith("en") else "zh"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1].lower().startswith("en") else "zh"
    return current_lang()


def main() -> None:
    install_signal_handlers()
    try:
        command = typer.main.get_command(app)
        localise(command, chinese=_chosen_lang(sys.argv[1:]) == "zh")
        command(prog_name="cnbudget")
    except Terminated:  # before or after a command runs (arguments being parsed): quietly
        raise SystemExit(EXIT_TERMINATED) from None
    except KeyboardInterrupt:
        raise SystemExit(EXIT_INTERRUPTED) from None


if __name__ == "__main__":
    main()
