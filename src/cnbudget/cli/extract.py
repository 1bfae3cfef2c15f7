"""`cnbudget extract`: documents in, the contract JSON or a readable summary out."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import typer
from rich.table import Table as RichTable
from rich.text import Text

from cnbudget.cli.console import (
    EXIT_UNUSABLE,
    err,
    internal_failure,
    out,
    say,
    say_error,
)
from cnbudget.ingest.errors import NotADisclosure, UnreadableSource
from cnbudget.ingest.isolation import WorkerFailed
from cnbudget.ingest.limits import Limits
from cnbudget.model import Document, ProblemSeverity
from cnbudget.model.contract import dumps
from cnbudget.output import UnsafeOutput, check_output, distinct_names, write_text

_PROBLEM_STYLE = {
    ProblemSeverity.PARTIAL: ("yellow", "partial"),
    ProblemSeverity.RECOVERED: ("cyan", "recovered"),
}

LIMIT_OPTION = typer.Option(
    None, "--limit", help="A per-file limit KEY=VALUE (repeatable; e.g. file_mb=50, seconds=30, "
    "memory_mb=512); default: $CNBUDGET_LIMITS, else the built-in limits (docs/boundary.md).")


def limits_of(values: list[str] | None) -> Limits:
    """The limits in force: $CNBUDGET_LIMITS with the --limit options over it."""
    try:
        return Limits.parse(",".join(values or ()), Limits.from_env())
    except ValueError as exc:
        say_error(str(exc))
        raise typer.Exit(EXIT_UNUSABLE) from None


def extract_or_report(path: Path, *, audit: bool, limits: Limits) -> Document | int:
    """One file's document, or the exit code its failure calls for (already said on
    stderr, naming the file): 2 for an unusable file, 3 for cnbudget's own failure."""
    from cnbudget.pipeline import extract as extract_document

    try:
        return extract_document(path, audit=audit, limits=limits)
    except NotADisclosure as exc:  # its message names the file and what was missing
        say_error(f"{exc} [{exc.code}]")
        return EXIT_UNUSABLE
    except UnreadableSource as exc:
        say_error(f"{exc.file}: cannot be read: {exc.reason} [{exc.code}]")
        return EXIT_UNUSABLE
    except WorkerFailed as exc:
        return internal_failure(exc)
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:  # recognition or audit failed on this file: our bug, not the file's
        exc.file = str(path)  # type: ignore[attr-defined]
        return internal_failure(exc)


def _summary(doc: Document) -> None:
    m = doc.meta
    out.print(Text(doc.source.file, style="bold"), Text(f" ({doc.source.format}, status {doc.status.value})"))
    out.print(
        f"  {m.title or '?'} | kind {m.kind.value if m.kind else '?'} | scope "
        f"{m.scope.value if m.scope else '?'} | year {m.year or '?'}"
    )
    out.print(
        f"  department {m.department.name or '?'} (code {m.department.code or '-'}) | "
        f"region {m.region.name or '?'} ({m.region.level.value if m.region.level else '?'}) | "
        f"units {', '.join(m.source_units) or '-'}"
    )
    table = RichTable("type", "title", "unit", "rows", "where", title="tables")
    for t in doc.tables:
        where = ""
        if t.locator:
            where = f"p.{t.locator.page}" if t.locator.page else f"l.{t.locator.line}"
        table.add_row(t.type, t.title, t.unit or "", "empty" if t.empty else str(len(t.rows)), where)
    out.print(table)
    facts = RichTable("fact", "value", "unit", "text", title="facts")
    for f in doc.facts:
        facts.add_row(f.key, str(f.value), f.unit, f.text[:60])
    out.print(facts)
    if doc.findings:
        counts = Counter(f.severity.value for f in doc.findings)
        out.print("  findings: " + ", ".join(f"{n} {s}" for s, n in sorted(counts.items())))
    for p in doc.problems:
        # recovered readings are worth a look; unread content is what makes `partial`
        style, label = _PROBLEM_STYLE[p.severity]
        # document text is data, never console markup
        err.print(Text(f"{doc.source.file}: {label} {p.code}: {p.message}", style=style), highlight=False)


def extract_command(
    paths: list[Path] = typer.Argument(..., help="Disclosure files (PDF, Word, Excel, HTML, text)."),
    json_out: bool = typer.Option(False, "--json", help="Print the contract JSON (one input) on stdout."),
    out_dir: Path | None = typer.Option(None, "-o", "--out-dir", help="Write one JSON per input into "
                                        "DIR (inputs of the same name get distinct names)."),
    audit: bool = typer.Option(True, "--audit/--no-audit", help="Run the audit and include its findings."),
    limit: list[str] | None = LIMIT_OPTION,
    follow_symlinks: bool = typer.Option(False, "--follow-symlinks", help="Write through an "
                                         "output that is a symbolic link."),
) -> None:
    """Extract disclosure documents into the cnbudget data model. Exit 0: all read;
    2: an input could not be read; 3: internal failure."""
    if json_out and len(paths) > 1 and out_dir is None:
        say_error("--json prints one document; with several inputs use -o DIR")
        raise typer.Exit(EXIT_UNUSABLE)
    limits = limits_of(limit)
    worst = 0
    names = distinct_names(paths, ".json")
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    for path in paths:
        target = out_dir / names[path] if out_dir is not None else None
        if target is not None:
            try:  # refused before the work, not after
                check_output(target, paths, follow_symlinks=follow_symlinks)
            except UnsafeOutput as exc:
                say_error(str(exc))
                worst = max(worst, EXIT_UNUSABLE)
                continue
        doc = extract_or_report(path, audit=audit, limits=limits)
        if isinstance(doc, int):
            worst = max(worst, doc)
            continue
        if target is not None:
            write_text(target, dumps(doc), paths, follow_symlinks=follow_symlinks)
            say(f"{path} → {target}")
        elif json_out:
            typer.echo(dumps(doc))
        else:
            _summary(doc)
    if worst:
        raise typer.Exit(worst)


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_command)
