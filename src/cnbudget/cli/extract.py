"""`cnbudget extract`: documents in, the contract JSON or a readable summary out."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import typer
from rich.text import Text

from cnbudget.cli.console import (
    EXIT_UNUSABLE,
    err,
    internal_failure,
    out,
    progress,
    say,
    say_error,
)
from cnbudget.cli.tabular import rich_table
from cnbudget.ingest.errors import NotADisclosure, UnreadableSource
from cnbudget.ingest.isolation import WorkerFailed
from cnbudget.ingest.limits import Limits
from cnbudget.lang import t
from cnbudget.model import Document, ProblemSeverity
from cnbudget.model.contract import dumps
from cnbudget.output import UnsafeOutput, check_output, distinct_names, write_text

_PROBLEM_STYLE = {ProblemSeverity.PARTIAL: "yellow", ProblemSeverity.RECOVERED: "cyan"}

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
    from cnbudget.query.columns import value_label

    m = doc.meta
    out.print(Text(doc.source.file, style="bold"),
              Text(f" （{doc.source.format}，{t('读取状态', 'status')} "
                   f"{value_label('status', doc.status.value)}）"))
    kind = value_label("kind", m.kind.value) if m.kind else "?"
    scope = value_label("scope", m.scope.value) if m.scope else "?"
    out.print(Text(f"  {m.title or '?'} | {t('类型', 'kind')} {kind} | {t('范围', 'scope')} "
                   f"{scope} | {t('年度', 'year')} {m.year or '?'}"))
    out.print(Text(
        f"  {t('部门', 'department')} {m.department.name or '?'}（{t('编码', 'code')} "
        f"{m.department.code or '-'}） | {t('地区', 'region')} {m.region.name or '?'} | "
        f"{t('金额单位', 'units')} {'、'.join(m.source_units) or '-'}"
    ))
    table = rich_table(t("表", "type"), t("表名", "title"), t("单位", "unit"), t("行数", "rows"),
                       t("位置", "where"), title=t("表格", "tables"))
    for printed in doc.tables:
        where = ""
        if printed.locator:
            where = (t(f"第{printed.locator.page}页", f"p.{printed.locator.page}")
                     if printed.locator.page else
                     t(f"第{printed.locator.line}行", f"l.{printed.locator.line}"))
        table.add_row(value_label("table_type", printed.type), printed.title, printed.unit or "",
                      t("空表", "empty") if printed.empty else str(len(printed.rows)), where)
    out.print(table)
    facts = rich_table(t("事实", "fact"), t("数值", "value"), t("单位", "unit"),
                       t("原文", "text"), title=t("说明中的数字", "facts"))
    for f in doc.facts:
        facts.add_row(f.key, str(f.value), f.unit, f.text[:60])
    out.print(facts)
    if doc.findings:
        counts = Counter(f.severity.value for f in doc.findings)
        out.print(Text(t("  审核发现：", "  findings: ") + t("，", ", ").join(
            f"{value_label('severity', s)} {n}" for s, n in sorted(counts.items()))))
    for p in doc.problems:
        # recovered readings are worth a look; unread content is what makes `partial`
        style = _PROBLEM_STYLE[p.severity]
        label = value_label("severity", p.severity.value)
        # document text is data, never console markup
        err.print(Text(f"{doc.source.file}: {label} {p.code}: {p.message}", style=style),
                  highlight=False)


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
        say_error(t("--json 只输出一份文件；多个输入请用 -o 目录",
                    "--json prints one document; with several inputs use -o DIR"))
        raise typer.Exit(EXIT_UNUSABLE)
    limits = limits_of(limit)
    worst = 0
    names = distinct_names(paths, ".json")
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    for number, path in enumerate(paths, start=1):
        progress(number, len(paths), path)
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
