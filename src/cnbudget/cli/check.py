"""`cnbudget check` (audit documents) and `cnbudget rules` (the rule catalogue)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table as RichTable

from cnbudget.cli.console import EXIT_FINDINGS, EXIT_UNUSABLE, out, progress, say, say_error
from cnbudget.cli.extract import LIMIT_OPTION, extract_or_report, limits_of
from cnbudget.lang import t
from cnbudget.output import UnsafeOutput, check_output, write_text

if TYPE_CHECKING:
    from cnbudget.audit.config import AuditConfig
    from cnbudget.audit.engine import AuditReport


def _split(values: list[str] | None) -> list[str] | None:
    """`--select a,b --select c` → [a, b, c]."""
    if not values:
        return None
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def check_command(
    paths: list[Path] = typer.Argument(..., help="Disclosure files to audit."),
    json_out: bool = typer.Option(False, "--json", help="Print the contract JSON with findings "
                                  "(an array when several files are given)."),
    html_out: Path | None = typer.Option(None, "--html", help="Write a standalone HTML report."),
    select: list[str] | None = typer.Option(None, "--select", help="Only these rules: ids, "
                                            "categories or globs (repeat or comma-separate)."),
    ignore: list[str] | None = typer.Option(None, "--ignore", help="Skip these rules."),
    config: Path | None = typer.Option(None, "--config", help="A requirements TOML for local "
                                       "templates (default: the shipped one)."),
    limit: list[str] | None = LIMIT_OPTION,
) -> None:
    """Audit disclosure documents. Exit 0: no error-level findings; 1: errors found;
    2: an input could not be read; 3: internal failure."""
    from cnbudget.audit.config import load_config
    from cnbudget.audit.engine import run_audit, selected_rules
    from cnbudget.audit.report import print_report, report_html, report_json

    chosen_select, chosen_ignore = _split(select), _split(ignore)
    known = selected_rules(chosen_select, chosen_ignore)
    if not known:
        say_error(t("--select/--ignore 没有选中任何规则（规则见 cnbudget rules）",
                    "no rule matches --select/--ignore (see cnbudget rules)"))
        raise typer.Exit(EXIT_UNUSABLE)
    if html_out is not None:
        try:  # refused before the work, not after
            check_output(html_out, paths)
        except UnsafeOutput as exc:
            say_error(str(exc))
            raise typer.Exit(EXIT_UNUSABLE) from None
    limits = limits_of(limit)
    cfg: AuditConfig | None = load_config(config) if config else None
    reports: list[AuditReport] = []
    worst = 0
    for number, path in enumerate(paths, start=1):
        progress(number, len(paths), path)
        doc = extract_or_report(path, audit=False, limits=limits)
        if isinstance(doc, int):
            worst = max(worst, doc)
            continue
        reports.append(run_audit(doc, select=chosen_select, ignore=chosen_ignore, config=cfg))
    if json_out:
        data = [report_json(r) for r in reports]
        typer.echo(json.dumps(data[0] if len(paths) == 1 and data else data,
                              ensure_ascii=False, indent=2))
    else:
        for report in reports:
            print_report(report, out)
    if html_out is not None:
        write_text(html_out, report_html(reports), paths)
        say(t(f"HTML 报告已写入 {html_out}", f"HTML report written to {html_out}"))
    for report in reports:
        for e in report.errors:
            say(t(f"{report.document.source.file}：规则 {e.rule} 出错：{e.error}",
                  f"{report.document.source.file}: rule {e.rule} crashed: {e.error}"), "magenta")
    if worst:
        raise typer.Exit(worst)
    if any(r.has_errors for r in reports):
        raise typer.Exit(EXIT_FINDINGS)


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


def register(app: typer.Typer) -> None:
    app.command("check")(check_command)
    app.command("rules")(rules_command)
