"""The CLI's consoles, exit codes and error translation (one place for all commands).

Document text is data: the consoles interpret no markup, emoji codes or
highlighting, so a department named `[/b]` or a cell `:x:` prints as it is.
Styles are given as `Text` styles, never as markup inside a string.

Exit codes: `EXIT_CODES` (docs/boundary.md is generated from it; the README
repeats it).
"""

from __future__ import annotations

import os
import signal
import sys
import traceback
from typing import Any

import typer
from rich.console import Console
from rich.text import Text
from typer.core import TyperGroup
from typer.exceptions import TyperException

from cnbudget.extras import MissingExtra
from cnbudget.missing import DatabaseMissing

DEBUG_ENV = "CNBUDGET_DEBUG"
EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNUSABLE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143
EXIT_CODES: tuple[tuple[int, str], ...] = (
    (EXIT_OK, "done; no error-level findings"),
    (EXIT_FINDINGS, "`check` found error-level findings (the documents were read)"),
    (EXIT_UNUSABLE, "unusable input or usage: a file that cannot be read (wrong format, "
     "corrupt, over a limit, a reader that crashed on it), not a disclosure, a wrong option, "
     "a refused or failing SQL statement, an output that would overwrite an input; every "
     "such file is named on stderr and the others are still processed"),
    (EXIT_INTERNAL, "internal failure: cnbudget itself failed (a bug; one line names it, "
     f"`{DEBUG_ENV}=1` shows the traceback)"),
    (EXIT_INTERRUPTED, "interrupted (Ctrl-C)"),
    (EXIT_TERMINATED, "terminated (SIGTERM), after stopping the workers and removing "
     "temporary files"),
)
DEBUG_ENV = "CNBUDGET_DEBUG"


def _console(stderr: bool = False, width: int | None = None) -> Console:
    return Console(stderr=stderr, width=width, markup=False, emoji=False, highlight=False)


err = _console(stderr=True)
# piped stdout is data: never wrapped to 80 columns (a table is as wide as its cells)
NOT_A_TERMINAL_WIDTH = 10_000
out = _console(width=None if sys.stdout.isatty() else NOT_A_TERMINAL_WIDTH)


def say(message: str, style: str | None = None) -> None:
    """A message on stderr, as plain text (never markup)."""
    err.print(Text(message, style=style or ""), soft_wrap=True)  # one message, one line


def say_error(message: str) -> None:
    say(message, "red")


def progress(number: int, total: int, path: object) -> None:
    """`[3/120] file.pdf` on stderr before each file of a batch (not for one file)."""
    if total > 1:
        say(f"[{number}/{total}] {path}", "dim")


class Terminated(BaseException):
    """SIGTERM, raised in the main thread so that every `with` unwinds (workers
    stopped, temporary folders removed) before the process exits."""


def _on_sigterm(_signum: int, _frame: object) -> None:
    raise Terminated


def install_signal_handlers() -> None:
    signal.signal(signal.SIGTERM, _on_sigterm)


def internal_failure(exc: BaseException) -> int:
    """Report a failure of cnbudget itself (never the input's fault): exit 3."""
    file = getattr(exc, "file", None)
    where = f"{file}: " if file else ""
    say_error(f"{where}internal error ({type(exc).__name__}: {exc}); this is a bug in cnbudget, "
              f"please report it (set {DEBUG_ENV}=1 to see the traceback)")
    if os.environ.get(DEBUG_ENV):
        details = getattr(exc, "details", "")
        err.print(Text(details or "".join(traceback.format_exception(exc))))
    return EXIT_INTERNAL


class CnbudgetGroup(TyperGroup):
    """Every command's unexpected exceptions become exit 3 with one line naming the
    failure; Ctrl-C is 130 and SIGTERM 143, after the command has unwound."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, TyperException):  # exits and usage errors: as they are
            raise
        except KeyboardInterrupt:
            say_error("interrupted")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except Terminated:
            say_error("terminated")
            raise typer.Exit(EXIT_TERMINATED) from None
        except DatabaseMissing as exc:  # a mistyped --db: named, not created
            say_error(str(exc))
            raise typer.Exit(EXIT_UNUSABLE) from None
        except MissingExtra as exc:  # an optional part not installed: say which to install
            say_error(str(exc))
            raise typer.Exit(EXIT_UNUSABLE) from None
        except BrokenPipeError:
            # stdout closed by the reader (`| head`): nothing more to say to it
            sys.stdout = open(os.devnull, "w")  # until exit
            raise typer.Exit(EXIT_OK) from None
        except Exception as exc:
            raise typer.Exit(internal_failure(exc)) from None
