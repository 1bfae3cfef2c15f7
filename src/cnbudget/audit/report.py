"""Reports of an audit: readable (Rich), contract JSON, standalone HTML."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal

from rich.console import Console
from rich.text import Text

from cnbudget import lang
from cnbudget.audit.describe import shown_figure
from cnbudget.audit.engine import SEVERITY_ORDER, AuditReport
from cnbudget.model.contract import JSONValue, to_plain_json
from cnbudget.model.document import Finding, FindingLocation, Severity
from cnbudget.model.table_types import (
    SUMMARY_EXPENDITURE_ITEMS,
    SUMMARY_INCOME_ITEMS,
    THREE_PUBLIC_ITEMS,
    table_type,
)

SEVERITY_ZH = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
SEVERITY_EN = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}
# the severity policy and the tolerance rule, as every report states them
POLICY_NOTE = ("错误：按印刷结果肯定有误；警告：需要人工核对；提示：值得知道。金额按其印刷单位显示；"
               "每个印刷数字允许半个末位的四舍五入误差（元取整 ±0.5 元，万元两位小数 ±50 元），"
               "差额在各数字误差之和以内视为一致，超出但不到两倍为警告，达到两倍以上为错误。")
POLICY_NOTE_EN = ("Error: certainly wrong as printed; warning: needs a person to check; info: worth "
                  "knowing. Amounts are shown in their printed unit; each printed figure may be off "
                  "by half its last digit (whole 元 ±0.5 元, 万元 with two decimals ±50 元); a "
                  "difference within the summed slack is consistent, up to twice it a warning, "
                  "beyond that an error.")


def severity_name(severity: Severity) -> str:
    return lang.t(SEVERITY_ZH[severity], SEVERITY_EN[severity])


def policy_note() -> str:
    return lang.t(POLICY_NOTE, POLICY_NOTE_EN)


def _page_line(page: int | None, line: int | None) -> str:
    where = []
    if page is not None:
        where.append(lang.t(f"第 {page} 页", f"page {page}"))
    if line is not None:
        where.append(lang.t(f"第 {line} 行", f"line {line}"))
    return " ".join(where)


_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _column_header(table: str | None, column: str | None) -> str | None:
    if column is None:
        return None
    tt = table_type(table or "")
    col = tt.column(column) if tt else None
    return col.header if col else column.removeprefix("extra:")


def _table_name(loc: FindingLocation) -> str | None:
    """The printed title, or the table type's name: never an internal id."""
    if loc.title:
        return loc.title
    tt = table_type(loc.table or "")
    return tt.name if tt else loc.table


def _row_label(loc: FindingLocation) -> str | None:
    """The row as printed: its label, else its code, else its item's printed name."""
    if loc.label:
        return loc.label
    if loc.code:
        return loc.code
    if loc.item is None:
        return None
    if loc.item == "total":
        return "合计"
    for names in (THREE_PUBLIC_ITEMS, SUMMARY_INCOME_ITEMS, SUMMARY_EXPENDITURE_ITEMS):
        if loc.item in names:
            return names[loc.item]
    return loc.item


def location_text(loc: FindingLocation) -> str:
    """``一般公共预算支出表 · 30231 公务用车运行维护费 · 合计 · 第 4 页 第 120 行``."""
    parts = [_table_name(loc), _row_label(loc), _column_header(loc.table, loc.column)]
    text = " · ".join(p for p in (*parts, _page_line(loc.page, loc.line)) if p)
    if loc.quote:
        quote = loc.quote if len(loc.quote) <= 80 else loc.quote[:78] + "…"
        text = f"{text} “{quote}”" if text else f"“{quote}”"
    return text


def figures_text(f: Finding) -> str | None:
    """``应为 390.50 万元，实为 389.50 万元``: in the unit the figures were printed in."""
    if f.expected is None and f.actual is None:
        return None
    shown = [f"{label} {shown_figure(v, f.unit, f.printed_unit)}"
             for label, v in ((lang.t("应为", "expected"), f.expected),
                                 (lang.t("实为", "actual"), f.actual)) if v is not None]
    return lang.t("，", ", ").join(shown)


def _cell(value: Decimal | None, f: Finding) -> str:
    return "—" if value is None else shown_figure(value, f.unit, f.printed_unit)


def summary_counts(report: AuditReport) -> str:
    counts = Counter(f.severity for f in report.findings)
    parts = [f"{counts.get(s, 0)} {severity_name(s)}" for s in SEVERITY_ORDER]
    if report.errors:
        parts.append(lang.t(f"{len(report.errors)} 个规则运行出错",
                            f"{len(report.errors)} rule errors"))
    return lang.t("，", ", ").join(parts)


def print_report(report: AuditReport, console: Console) -> None:
    doc = report.document
    console.print(Text(f"{doc.source.file}", style="bold"),
                  Text(f"  {doc.meta.title or ''}  {summary_counts(report)}"))
    for severity in SEVERITY_ORDER:
        findings = report.of_severity(severity)
        if not findings:
            continue
        console.print(Text(f"  {severity_name(severity)} ({len(findings)})", style=_STYLE[severity]))
        for f in findings:
            console.print(Text(f"    [{f.rule}] ", style="dim") + Text(f.message))
            figures = figures_text(f)
            if figures:
                console.print(Text(f"      {figures}", style="dim"))
            for loc in f.locations:
                text = location_text(loc)
                if text:
                    console.print(Text(f"      @ {text}", style="dim"))
    for p in report.problems:
        console.print(Text(lang.t("  读取问题 ", "  reading problem ") + f"[{p.code}] {p.message}", style="magenta"))
    for e in report.errors:
        console.print(Text(lang.t("  规则出错 ", "  rule error ") + f"[{e.rule}] {e.error} ({e.where})", style="magenta"))
    for s in report.skipped:
        console.print(Text(lang.t("  未运行 ", "  not run ") + f"[{s.rule}] {s.reason}", style="dim"))


def report_json(report: AuditReport) -> dict[str, JSONValue]:
    """The contract JSON of the document with this audit's findings, plus an
    `audit` block (rules run, engine errors, skips) as a compatible extension."""
    doc = report.document
    saved, saved_problems = doc.findings, doc.problems
    doc.findings = list(report.findings)
    doc.problems = [*doc.problems, *(p for p in report.problems if p not in doc.problems)]
    try:
        data = to_plain_json(doc)
    finally:
        doc.findings, doc.problems = saved, saved_problems
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
        f"<tr><td class='{f.severity.value}'>{severity_name(f.severity)}</td>"
        f"<td>{_rule_title(f.rule)}{html.escape(f.message)}"
        f"<div class='rule'>{html.escape(f.rule)}</div></td>"
        f"<td class='num'>{_cell(f.expected, f)}</td><td class='num'>{_cell(f.actual, f)}</td>"
        f"<td class='loc'>{locs}</td></tr>"
    )


def _rule_title(rule_id: str) -> str:
    """In English the rule's English title leads: the message itself is made in Chinese."""
    if lang.current() != "en":
        return ""
    from cnbudget.audit.rule import RULES
    if rule_id not in RULES:
        return ""
    return f"<b>{html.escape(RULES.get(rule_id).title_en)}</b><br>"


_STATUS = {"success": ("完整", "complete"), "partial": ("部分未读", "partly unread"),
           "failed": ("未能读取", "not read")}
_KIND = {"budget": ("预算", "budget"), "final_account": ("决算", "final account")}


def _status_name(value: str) -> str:
    zh, en = _STATUS.get(value, (value, value))
    return lang.t(zh, en)


def _kind_name(value: str | None) -> str:
    if value is None:
        return "?"
    zh, en = _KIND.get(value, ("?", "?"))
    return lang.t(zh, en)


def _where(locator: object) -> str:
    page = getattr(locator, "page", None)
    line = getattr(locator, "line", None)
    return _page_line(page or None, line if line and not page else None)


def _overview(reports: Sequence[AuditReport]) -> list[str]:
    """The summary across files: one line per document, linked to its section."""
    totals = Counter(f.severity for r in reports for f in r.findings)
    unread = sum(1 for r in reports for p in r.document.problems
                 if p.severity.value == "partial")
    heads = [lang.t(zh, en) for zh, en in (
        ("文件", "file"), ("部门", "department"), ("年度", "year"), ("类型", "kind"),
        ("读取", "reading"))] + [severity_name(s) for s in SEVERITY_ORDER] + [
        lang.t("未读部分", "unread parts")]
    rows = ["<table class='overview'><tr>" + "".join(f"<th>{h}</th>" for h in heads) + "</tr>"]
    for i, r in enumerate(reports):
        doc, counts = r.document, Counter(f.severity for f in r.findings)
        gaps = sum(1 for p in doc.problems if p.severity.value == "partial")
        rows.append(
            f"<tr><td><a href='#doc-{i}'>{html.escape(doc.source.file)}</a></td>"
            f"<td>{html.escape(doc.meta.department.name or '?')}</td>"
            f"<td>{doc.meta.year or '?'}</td>"
            f"<td>{_kind_name(doc.meta.kind.value if doc.meta.kind else None)}</td>"
            f"<td>{_status_name(doc.status.value)}</td>"
            + "".join(f"<td class='num {s.value if counts.get(s) else ''}'>{counts.get(s, 0)}</td>"
                      for s in SEVERITY_ORDER)
            + f"<td class='num'>{gaps}</td></tr>")
    rows.append("</table>")
    counts = [f"{totals.get(s, 0)} " + lang.t(f"个{SEVERITY_ZH[s]}", SEVERITY_EN[s])
              for s in SEVERITY_ORDER]
    head = ("<p class='summary'>" + lang.t(
        f"共 {len(reports)} 个文件：" + "，".join(counts) + f"，{unread} 处未读部分。",
        f"{len(reports)} file(s): " + ", ".join(counts) + f", {unread} unread parts.") + "</p>")
    return [head, *rows]


def report_html(reports: Sequence[AuditReport]) -> str:
    """One standalone HTML page (no external resources) for one or more documents:
    a summary across the files first, then each document with its findings (figures
    in the units they were printed in) and every part that could not be read."""
    report_title = lang.t("cnbudget 审核报告", "cnbudget audit report")
    body: list[str] = [f"<h1>{report_title}</h1>", *_overview(reports)]
    for i, report in enumerate(reports):
        doc = report.document
        title = doc.meta.title or doc.source.file
        body.append(f"<h2 id='doc-{i}'>{html.escape(title)}</h2>")
        body.append(f"<p class='summary'>{html.escape(doc.source.file)} · sha256 "
                    f"{html.escape(doc.source.sha256[:12])} · {html.escape(summary_counts(report))}"
                    "</p>")
        if report.findings:
            heads = [lang.t(zh, en) for zh, en in (
                ("级别", "severity"), ("问题", "finding"), ("应为", "expected"),
                ("实为", "actual"), ("位置", "where"))]
            body.append("<table><tr>" + "".join(f"<th>{h}</th>" for h in heads) + "</tr>")
            body += [_finding_row(f) for f in report.findings]
            body.append("</table>")
        else:
            body.append(lang.t("<p>未发现问题。</p>", "<p>No findings.</p>"))
        for p in report.problems:
            label = lang.t("读取问题（不作为单位的错误）：",
                           "Reading problem (not counted as the department's error): ")
            body.append(f"<p class='warning'>{label}{html.escape(p.message)}</p>")
        gaps = [p for p in doc.problems if p.severity.value == "partial"]
        if gaps:
            body.append("<h3>" + lang.t(f"未能读入的部分（{len(gaps)} 处）",
                                        f"Parts that could not be read ({len(gaps)})")
                        + "</h3><ul class='unread'>")
            body += [f"<li>{html.escape(p.message)} <span class='loc'>{html.escape(_where(p.locator))}"
                     f"</span> <span class='rule'>{html.escape(p.code)}</span></li>" for p in gaps]
            body.append("</ul>")
        for e in report.errors:
            label = lang.t("规则运行出错", "Rule error")
            body.append(f"<p class='error'>{label} {html.escape(e.rule)}："
                        f"{html.escape(e.error)}</p>")
    html_lang = lang.t("zh-CN", "en")
    return (f"<!DOCTYPE html><html lang='{html_lang}'><head><meta charset='utf-8'>"
            f"<title>{report_title}</title>"
            f"<style>{_CSS}</style></head><body>{''.join(body)}"
            f"<p class='summary'>{html.escape(policy_note())}</p></body></html>")
