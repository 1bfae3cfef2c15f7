"""`cnbudget check` (audit documents) and `cnbudget rules` (the rule catalogue)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table as RichTable

from cnbudget.cli.console import EXIT_FINDINGS, EXIT_UNUSABLE, out, progress, say, say_error
from cnbudget.cli.extract import LIMIT_OPTION, extract_or_report, limits_of
from cnbudget.cli.options import DB_OPTION
from cnbudget.lang import t
from cnbudget.output import UnsafeOutput, check_output, write_text

if TYPE_CHECKING:
    from cnbudget.audit.config import AuditConfig
    from cnbudget.audit.engine import AuditReport
    from cnbudget.model import Document


def _split(values: list[str] | None) -> list[str] | None:
    """`--select a,b --select c` → [a, b, c]."""
    if not values:
        return None
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def check_command(
    paths: list[Path] | None = typer.Argument(None, help="Disclosure files to audit."),
    json_out: bool = typer.Option(False, "--json", help="Print the contract JSON with findings "
                                  "(an array when several files are given)."),
    html_out: Path | None = typer.Option(None, "--html", help="Write a standalone HTML report."),
    annotate_out: Path | None = typer.Option(None, "--annotate", help="Write a copy of the PDF "
                                             "(one PDF input) with each finding drawn on its "
                                             "cells and sentences, its message as a comment."),
    select: list[str] | None = typer.Option(None, "--select", help="Only these rules: ids, "
                                            "categories or globs (repeat or comma-separate)."),
    ignore: list[str] | None = typer.Option(None, "--ignore", help="Skip these rules."),
    config: Path | None = typer.Option(None, "--config", help="A requirements TOML for local "
                                       "templates (default: the shipped one)."),
    limit: list[str] | None = LIMIT_OPTION,
    together: bool = typer.Option(False, "--together", help="The files are one disclosure "
                                  "published in parts (情况说明 and tables apart): audit them "
                                  "as one document, the narrative against the tables."),
    disclosure: int | None = typer.Option(None, "--disclosure", help="Audit a stored "
                                          "disclosure (id from cnbudget ls) from --db, its "
                                          "files together."),
    db: str | None = DB_OPTION,
) -> None:
    """Audit disclosure documents. Exit 0: no error-level findings; 1: errors found;
    2: an input could not be read; 3: internal failure."""
    from cnbudget.audit.config import load_config
    from cnbudget.audit.engine import run_audit, selected_rules
    from cnbudget.audit.report import print_report, report_html, report_json

    paths = paths or []
    chosen_select, chosen_ignore = _split(select), _split(ignore)
    known = selected_rules(chosen_select, chosen_ignore)
    if not known:
        say_error(t("--select/--ignore 没有选中任何规则（规则见 cnbudget rules）",
                    "no rule matches --select/--ignore (see cnbudget rules)"))
        raise typer.Exit(EXIT_UNUSABLE)
    if annotate_out is not None and (len(paths) != 1 or together or disclosure is not None):
        say_error(t("--annotate 需要且只能给一个 PDF 文件", "--annotate takes exactly one PDF file"))
        raise typer.Exit(EXIT_UNUSABLE)
    for target in (html_out, annotate_out):
        if target is None:
            continue
        try:  # refused before the work, not after
            check_output(target, paths)
        except UnsafeOutput as exc:
            say_error(str(exc))
            raise typer.Exit(EXIT_UNUSABLE) from None
    limits = limits_of(limit)
    cfg: AuditConfig | None = load_config(config) if config else None
    reports: list[AuditReport] = []
    worst = 0
    if disclosure is not None:
        if paths:
            say_error(t("--disclosure 与文件二选一", "give files or --disclosure, not both"))
            raise typer.Exit(EXIT_UNUSABLE)
        docs = _stored_disclosure(db, disclosure)
    elif not paths:
        say_error(t("请给出要审核的文件，或 --disclosure N（已入库的公开）",
                    "give the files to audit, or --disclosure N (a stored disclosure)"))
        raise typer.Exit(EXIT_UNUSABLE)
    else:
        docs = []
        for number, path in enumerate(paths, start=1):
            progress(number, len(paths), path)
            doc = extract_or_report(path, audit=False, limits=limits)
            if isinstance(doc, int):
                worst = max(worst, doc)
                continue
            docs.append(doc)
    if (together or disclosure is not None) and docs:
        from cnbudget.normalise.combine import combine_documents

        docs = [combine_documents(docs)]
    for doc in docs:
        reports.append(run_audit(doc, select=chosen_select, ignore=chosen_ignore, config=cfg))
    if json_out:
        data = [report_json(r) for r in reports]
        typer.echo(json.dumps(data[0] if len(data) == 1 and (len(paths) == 1 or together
                                                             or disclosure is not None) else data,
                              ensure_ascii=False, indent=2))
    else:
        for report in reports:
            print_report(report, out)
    if html_out is not None:
        write_text(html_out, report_html(reports), paths)
        say(t(f"HTML 报告已写入 {html_out}", f"HTML report written to {html_out}"))
    if annotate_out is not None and reports:
        _annotate(paths[0], reports[0], annotate_out)
    for report in reports:
        for e in report.errors:
            say(t(f"{report.document.source.file}：规则 {e.rule} 出错：{e.error}",
                  f"{report.document.source.file}: rule {e.rule} crashed: {e.error}"), "magenta")
    if worst:
        raise typer.Exit(worst)
    if any(r.has_errors for r in reports):
        raise typer.Exit(EXIT_FINDINGS)


def _annotate(source: Path, report: AuditReport, target: Path) -> None:
    from cnbudget.render.annotate import NotTheSource, annotate_pdf

    if report.document.source.format != "pdf":
        say_error(t(f"{source} 不是 PDF：--annotate 只能标注 PDF",
                    f"{source} is not a PDF: --annotate marks up PDFs only"))
        raise typer.Exit(EXIT_UNUSABLE)
    try:
        result = annotate_pdf(source, report.document, report.findings, target)
    except (UnsafeOutput, NotTheSource) as exc:
        say_error(str(exc))
        raise typer.Exit(EXIT_UNUSABLE) from None
    say(t(f"标注 PDF 已写入 {target}：{result.boxed} 条发现标在页面上，"
          f"{result.unboxed} 条列在首页",
          f"annotated PDF written to {target}: {result.boxed} findings drawn on the pages, "
          f"{result.unboxed} listed on the first page"))


def rules_command(
    json_out: bool = typer.Option(False, "--json", help="Print the catalogue as JSON."),
) -> None:
    """List the audit rules: id, category, default severity, title."""
    from cnbudget.audit.docs import rules_json
    from cnbudget.audit.engine import selected_rules

    if json_out:
        typer.echo(json.dumps(rules_json(), ensure_ascii=False, indent=2))
        return
    from cnbudget.query.columns import value_label

    rules = selected_rules()
    # the id is what --select takes: never cut nor folded, whatever the width
    table = RichTable(title=t("cnbudget 审核规则", "cnbudget audit rules"))
    table.add_column("id", no_wrap=True, min_width=max((len(r.id) for r in rules), default=2))
    table.add_column(t("级别", "severity"), no_wrap=True)
    table.add_column(t("规则", "rule"), overflow="fold")
    for r in rules:
        table.add_row(r.id, value_label("severity", r.severity.value), t(r.title_zh, r.title_en))
    out.print(table)


def _stored_disclosure(db: str | None, disclosure_id: int) -> list[Document]:
    """The current files of a stored disclosure, as stored."""
    from cnbudget.query.api import open_database

    with open_database(db, existing=True) as database:
        files = database.documents(disclosure_id)
        if files.empty:
            say_error(t(f"数据库中没有公开 {disclosure_id}（见 cnbudget ls）",
                        f"no disclosure {disclosure_id} in the database (see cnbudget ls)"))
            raise typer.Exit(EXIT_UNUSABLE)
        current = files[files["current"].astype(bool)] if "current" in files else files
        return [database.document(int(i)) for i in current["id"]]


def register(app: typer.Typer) -> None:
    app.command("check")(check_command)
    app.command("rules")(rules_command)
