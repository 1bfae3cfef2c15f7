"""`cnbudget render`: a document (contract JSON, or a built-in sample) written
out as XLSX, DOCX, PDF, HTML or text in the standard layouts, or in a layout
variant (`--variant code_split --variant unit_yuan …`)."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from cnbudget.cli.console import EXIT_UNUSABLE, say, say_error
from cnbudget.ingest.errors import UnreadableSource
from cnbudget.ingest.files import regular_file_bytes
from cnbudget.ingest.limits import Limits
from cnbudget.model.contract import loads
from cnbudget.output import UnsafeOutput, atomic_output
from cnbudget.render import FORMATS
from cnbudget.render.variants.variant import DIMENSION_NAMES

if TYPE_CHECKING:
    from cnbudget.model import Document
    from cnbudget.render.variants import LayoutVariant

OutputFormat = StrEnum("OutputFormat", {f: f for f in FORMATS})  # type: ignore[misc]


Variant = StrEnum("Variant", {d: d for d in DIMENSION_NAMES})  # type: ignore[misc]


class Sample(StrEnum):
    BUDGET = "budget"
    FINAL_ACCOUNT = "final_account"


def _load(document: Path | None, sample: Sample | None, seed: int) -> Document:
    from cnbudget.samples import budget_sample, final_account_sample

    if sample is not None:
        return budget_sample(seed) if sample is Sample.BUDGET else final_account_sample(seed)
    if document is None:
        say_error("give a document JSON or --sample")
        raise typer.Exit(EXIT_UNUSABLE)
    try:
        return loads(regular_file_bytes(document, Limits.from_env()).decode("utf-8"))
    except UnreadableSource as exc:
        say_error(f"{document}: cannot be read: {exc.reason}")
        raise typer.Exit(EXIT_UNUSABLE) from exc
    except OSError as exc:
        say_error(f"{document}: cannot be read: {exc.strerror or exc}")
        raise typer.Exit(EXIT_UNUSABLE) from exc
    except (ValueError, KeyError, TypeError) as exc:  # UnicodeDecodeError included
        say_error(f"{document}: not a cnbudget document JSON: {exc}")
        raise typer.Exit(EXIT_UNUSABLE) from exc


def render_command(
    document: Path | None = typer.Argument(None, help="A document as contract JSON (cnbudget extract --json)."),
    to: OutputFormat = typer.Option(..., "--to", help="Output format."),
    output: Path | None = typer.Option(None, "-o", "--output", help="File to write (default: DOC with the format's suffix)."),
    sample: Sample | None = typer.Option(None, "--sample", help="Render a built-in sample document instead of DOC."),
    seed: int = typer.Option(0, "--seed", help="With --sample: 0 for the base figures, else perturbed figures."),
    json_out: bool = typer.Option(False, "--json", help="Print what was written as JSON on stdout."),
    follow_symlinks: bool = typer.Option(False, "--follow-symlinks", help="Write through an "
                                         "output that is a symbolic link."),
    variant: list[Variant] = typer.Option([], "--variant",
                                          help="Print in a layout variant (repeatable: the dimensions together)."),
) -> None:
    """Write a document out in the standard table layouts (title, unit line, merged headers)."""
    from cnbudget.render import render_document, suffix
    from cnbudget.render.variants import combine, dimension

    doc = _load(document, sample, seed)
    fmt = str(to)
    if output is None:
        stem = document.stem if document is not None else doc.source.file.removesuffix(".json")
        output = Path(f"{stem}.{suffix(fmt)}")
    layout: LayoutVariant | None = combine(tuple(v for name in variant for v in dimension(str(name)).variants)) \
        if variant else None
    try:
        with atomic_output(output, [document] if document else [],
                           follow_symlinks=follow_symlinks) as temporary:
            render_document(doc, fmt, temporary, layout)
    except UnsafeOutput as exc:
        say_error(str(exc))
        raise typer.Exit(EXIT_UNUSABLE) from None
    path = output
    if json_out:
        typer.echo(json.dumps({"file": str(path), "format": fmt, "bytes": path.stat().st_size,
                               "tables": len(doc.tables)}, ensure_ascii=False))
    else:
        say(f"{len(doc.tables)} tables → {path}")


def register(app: typer.Typer) -> None:
    app.command("render")(render_command)
