"""`cnbudget extract`: documents in, the contract JSON or a readable summary out."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from cnbudget.ingest.errors import NotADisclosure, UnreadableSource
from cnbudget.model import Document, ProblemSeverity
from cnbudget.model.contract import dumps
from cnbudget.pipeline import extract as extract_document

EXIT_UNUSABLE = 2
_PROBLEM_STYLE = {
    ProblemSeverity.PARTIAL: ("yellow", "partial"),
    ProblemSeverity.RECOVERED: ("cyan", "recovered"),
}

err = Console(stderr=True)
out = Console()


def _summary(doc: Document) -> None:
    m = doc.meta
    out.print(f"[bold]{doc.source.file}[/bold]  ({doc.source.format}, status {doc.status.value})")
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
    out_dir: Path | None = typer.Option(None, "-o", "--out-dir", help="Write one JSON per input into DIR."),
    audit: bool = typer.Option(True, "--audit/--no-audit", help="Run the audit and include its findings."),
) -> None:
    """Extract disclosure documents into the cnbudget data model."""
    if json_out and len(paths) > 1 and out_dir is None:
        err.print("--json prints one document; with several inputs use -o DIR")
        raise typer.Exit(EXIT_UNUSABLE)
    failed = 0
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    for path in paths:
        try:
            doc = extract_document(path, audit=audit)
        except NotADisclosure as exc:  # its message names the file and what was missing
            err.print(Text(str(exc), style="red"), highlight=False)
            failed += 1
            continue
        except UnreadableSource as exc:
            err.print(f"[red]{exc.file}: cannot be read: {exc.reason}[/red]")
            failed += 1
            continue
        if out_dir is not None:
            target = out_dir / (path.stem + ".json")
            target.write_text(dumps(doc), encoding="utf-8")
            err.print(f"{path} → {target}")
        elif json_out:
            typer.echo(dumps(doc))
        else:
            _summary(doc)
    if failed:
        raise typer.Exit(EXIT_UNUSABLE)


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_command)
