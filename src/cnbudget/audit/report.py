"""Reports of an audit: readable (Rich), contract JSON, standalone HTML."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal

from rich.console import Console
from rich.text import Text

from cnbudget.audit.engine import SEVERITY_ORDER, AuditReport
from cnbudget.model.contract import JSONValue, to_plain_json
from cnbudget.model.document import Finding, FindingLocation, Severity
from cnbudget.model.table_types import table_type

SEVERITY_ZH = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _column_header(table: str | None, column: str | None) -> str | None:
    if column is None:
        return None
    tt = table_type(table or "")
    col = tt.column(column) if tt else None
    return col.header if col else column.removeprefix("extra:")


def location_text(loc: FindingLocation) -> str:
    """``一般公共预算支出表 · 30231 · 合计 · 第 4 页 第 120 行``."""
    item = "合计" if loc.item == "total" else loc.item
    parts = [loc.title or loc.table, loc.code or item, _column_header(loc.table, loc.column)]
    where = []
    if loc.page is not None:
        where.append(f"第 {loc.page} 页")
    if loc.line is not None:
        where.append(f"第 {loc.line} 行")
    text = " · ".join(p for p in (*parts, " ".join(where)) if p)
    if loc.quote:
        quote = loc.quote if len(loc.quote) <= 80 else loc.quote[:78] + "…"
        text = f"{text} “{quote}”" if text else f"“{quote}”"
    return text


def _yuan(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:,f}"


def summary_counts(report: AuditReport) -> str:
    counts = Counter(f.severity for f in report.findings)
    parts = [f"{counts.get(s, 0)} {SEVERITY_ZH[s]}" for s in SEVERITY_ORDER]
    if report.errors:
        parts.append(f"{len(report.errors)} 个规则运行出错")
    return "，".join(parts)


def print_report(report: AuditReport, console: Console) -> None:
    doc = report.document
    console.print(Text(f"{doc.source.file}", style="bold"),
                  Text(f"  {doc.meta.title or ''}  {summary_counts(report)}"))
    for severity in SEVERITY_ORDER:
        findings = report.of_severity(severity)
        if not findings:
            continue
        console.print(Text(f"  {SEVERITY_ZH[severity]}（{len(findings)}）", style=_STYLE[severity]))
        for f in findings:
            console.print(Text(f"    [{f.rule}] ", style="dim") + Text(f.message))
            if f.expected is not None or f.actual is not None:
                console.print(Text(f"      应为 {_yuan(f.expected)} 元，实为 {_yuan(f.actual)} 元",
                                   style="dim"))
            for loc in f.locations:
                text = location_text(loc)
                if text:
                    console.print(Text(f"      @ {text}", style="dim"))
    for e in report.errors:
        console.print(Text(f"  规则出错 [{e.rule}] {e.error} ({e.where})", style="magenta"))
    for s in report.skipped:
        console.print(Text(f"  未运行 [{s.rule}] {s.reason}", style="dim"))


def report_json(report: AuditReport) -> dict[str, JSONValue]:
    """The contract JSON of the document with this audit's findings, plus an
    `audit` block (rules run, engine errors, skips) as a compatible extension."""
    doc = report.document
    saved = doc.findings
    doc.findings = list(report.findings)
    try:
        data = to_plain_json(doc)
    finally:
        doc.findings = saved
    data["audit"] = {
        "rules_run": len(report.rules_run),
        "engine_errors": [{"rule": e.rule, "error": e.error, "where": e.where}
                          for e in report.errors],
        "skipped": [{"rule": s.rule, "reason": s.reason} for s in report.skipped],
    }
    return data


_CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;color:#222}
h1{font-size:1.4em} h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ccc}
.summary{color:#555} table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}
th,td{border:1px solid #ddd;padding:.35em .5em;vertical-align:top;text-align:left}
th{background:#f4f4f4} .error{color:#b00020;font-weight:bold} .warning{color:#a35f00}
.info{color:#00607a} .num{text-align:right;font-family:monospace;white-space:nowrap}
.rule{font-family:monospace;font-size:.85em;color:#555} .loc{font-size:.9em;color:#444}
"""


def _finding_row(f: Finding) -> str:
    locs = "<br>".join(html.escape(location_text(loc)) for loc in f.locations)
    return (
        f"<tr><td class='{f.severity.value}'>{SEVERITY_ZH[f.severity]}</td>"
        f"<td>{html.escape(f.message)}<div class='rule'>{html.escape(f.rule)}</div></td>"
        f"<td class='num'>{_yuan(f.expected)}</td><td class='num'>{_yuan(f.actual)}</td>"
        f"<td class='loc'>{locs}</td></tr>"
    )


def report_html(reports: Sequence[AuditReport]) -> str:
    """One standalone HTML page (no external resources) for one or more documents."""
    body: list[str] = ["<h1>cnbudget 审核报告</h1>"]
    for report in reports:
        doc = report.document
        title = doc.meta.title or doc.source.file
        body.append(f"<h2>{html.escape(title)}</h2>")
        body.append(f"<p class='summary'>{html.escape(doc.source.file)} · sha256 "
                    f"{html.escape(doc.source.sha256[:12])} · {html.escape(summary_counts(report))}"
                    "</p>")
        if report.findings:
            body.append("<table><tr><th>级别</th><th>问题</th><th>应为（元）</th>"
                        "<th>实为（元）</th><th>位置</th></tr>")
            body += [_finding_row(f) for f in report.findings]
            body.append("</table>")
        else:
            body.append("<p>未发现问题。</p>")
        for e in report.errors:
            body.append(f"<p class='error'>规则运行出错 {html.escape(e.rule)}：{html.escape(e.error)}</p>")
    return ("<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>"
            "<title>cnbudget 审核报告</title>"
            f"<style>{_CSS}</style></head><body>{''.join(body)}"
            "<p class='summary'>金额以元为单位；允许每个数字半个末位的舍入误差。"
            "</p></body></html>")
