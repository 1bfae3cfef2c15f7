"""Commands that only read the database: `ls`, `show`, `compare`, `search`, `sql`.

Each is one library call (cnbudget.query) and the printing of its result in the
shape asked for (cnbudget.cli.tabular). A database that does not exist is
refused, never created (exit 2 naming it). Heavy modules are imported inside
the commands: `cnbudget --help` needs none of them.
"""

from __future__ import annotations

import typer
from rich.text import Text

from cnbudget.cli.console import out, say
from cnbudget.cli.options import (
    DB_OPTION,
    DEPARTMENT,
    KIND,
    MAX_ROWS_OPTION,
    REGION,
    SUPERUSER_OPTION,
    TIMEOUT_OPTION,
    UNIT,
    YEAR,
    check_unit,
    fail,
)
from cnbudget.cli.tabular import (
    CSV_OPTION,
    JSON_OPTION,
    NL_OPTION,
    TABLE_OPTION,
    TSV_OPTION,
    Shape,
    cell,
    print_json,
    print_machine,
    print_people,
    records,
    rich_table,
    shape_of,
)
from cnbudget.lang import t
from cnbudget.query.metrics import DEFAULT_RANKING, metric_label, metric_names


def ls_command(
    db: str | None = DB_OPTION, region: str | None = REGION, year: int | None = YEAR,
    kind: str | None = KIND, department: str | None = DEPARTMENT,
    has_errors: bool | None = typer.Option(None, "--has-errors/--no-errors",
                                          help="Only disclosures with (without) errors."),
    csv_: bool = CSV_OPTION, tsv: bool = TSV_OPTION, nl: bool = NL_OPTION,
    json_out: bool = JSON_OPTION, table: bool = TABLE_OPTION,
) -> None:
    """List disclosures (department × year × kind × scope) with their files and findings."""
    from cnbudget.query.api import open_database

    shape = shape_of(csv_=csv_, tsv=tsv, nl=nl, json_=json_out, table=table)
    with open_database(db, existing=True) as database:
        frame = database.disclosures(region=region, year=year, kind=kind,
                                     department=department, has_errors=has_errors)
    if shape is not Shape.TABLE:
        print_machine(frame, shape)
        return
    shown = frame.drop(columns=["department_id"])
    print_people(shown, title=t("预决算公开", "disclosures"))
    say(t(f"共 {len(frame)} 份公开", f"{len(frame)} disclosures"))


def show_command(
    disclosure_id: int = typer.Argument(..., help="Disclosure id (from `cnbudget ls`)."),
    db: str | None = DB_OPTION, unit: str = UNIT,
    csv_: bool = CSV_OPTION, tsv: bool = TSV_OPTION, nl: bool = NL_OPTION,
    json_out: bool = JSON_OPTION, table: bool = TABLE_OPTION,
) -> None:
    """One disclosure: its files (and versions), key figures, tables and findings.
    --csv/--tsv/--nl print its key figures; --json everything."""
    from cnbudget.audit.together import findings_together
    from cnbudget.model.contract import finding_to_json, to_plain_json
    from cnbudget.query.api import open_database
    from cnbudget.query.columns import value_label
    from cnbudget.query.display import convert_amounts
    from cnbudget.store.read import DocumentNotFound

    check_unit(unit)
    shape = shape_of(csv_=csv_, tsv=tsv, nl=nl, json_=json_out, table=table)
    with open_database(db, existing=True) as database:
        try:
            shown = database.disclosure(disclosure_id)
        except (KeyError, DocumentNotFound) as exc:
            raise fail(t(f"没有编号为 {disclosure_id} 的公开（见 cnbudget ls）",
                         f"no disclosure {disclosure_id} (see cnbudget ls)")) from exc
    figures = shown.figures
    together = findings_together(shown.documents)
    if shape is Shape.JSON:
        print_json({
            "disclosure": records(shown.row)[0], "files": records(shown.files),
            "figures": records(figures[["metric", "name", "amount"]]) if len(figures) else [],
            "documents": [to_plain_json(d) for d in shown.documents],
            "findings_together": [finding_to_json(f) for f in together],
        })
        return
    if shape is not Shape.TABLE:
        print_machine(convert_amounts(figures[["metric", "name", "amount"]], ["amount"], unit)
                      if len(figures) else figures, shape)
        return
    info = shown.row.iloc[0]
    out.print(Text(cell(info["department"]) or "?", style="bold"),
              Text(f" （{cell(info['region']) or '?'}） {cell(info['year'])} "
                   f"{value_label('kind', info['kind'])} {value_label('scope', info['scope']) or ''}"
                   f"  {t('读取状态', 'status')} {value_label('status', info['status'])}"))
    files = shown.files.rename(columns={"id": "document_id"})
    print_people(files[[c for c in ("document_id", "file", "format", "pages", "status", "version",
                                    "current") if c in files.columns]], title=t("文件", "files"))
    if len(figures):
        print_people(figures[figures["amount"].notna()][["metric", "amount"]], unit=unit,
                     title=t("主要数字", "figures"))
    for doc in shown.documents:
        tables = rich_table(t("表", "table"), t("表名", "title"), t("单位", "unit"),
                            t("行数", "rows"), title=t(f"{doc.source.file} 的表格",
                                                       f"tables of {doc.source.file}"))
        for printed in doc.tables:
            tables.add_row(value_label("table_type", printed.type), printed.title,
                           printed.unit or "",
                           t("空表", "empty") if printed.empty else str(len(printed.rows)))
        out.print(tables)
        for finding in doc.findings:
            out.print(Text(f"  [{value_label('severity', finding.severity.value)}] "
                           f"{finding.rule}: {finding.message}"))
    if together:
        out.print(Text(t(f"{len(shown.documents)} 个文件合在一起审核的发现",
                         f"findings of the {len(shown.documents)} files audited together"),
                       style="bold"))
        for finding in together:
            out.print(Text(f"  [{value_label('severity', finding.severity.value)}] "
                           f"{finding.rule}: {finding.message}"))


def compare_command(
    department: str | None = typer.Argument(None, help="One department across years "
                                            "(id or name); omit with --year to rank."),
    db: str | None = DB_OPTION, year: int | None = YEAR,
    kind: str = typer.Option("budget", "--kind", help="budget or final_account."),
    region: str | None = REGION,
    metric: str = typer.Option(DEFAULT_RANKING, "--metric",
                               help="Ranking metric: " + ", ".join(metric_names())),
    departments: list[str] | None = typer.Option(None, "--with", help="Rank only these "
                                                 "departments (repeatable)."),
    unit: str = UNIT,
    csv_: bool = CSV_OPTION, tsv: bool = TSV_OPTION, nl: bool = NL_OPTION,
    json_out: bool = JSON_OPTION, table: bool = TABLE_OPTION,
) -> None:
    """Compare one department across years (totals, basic/project, 三公, categories),
    or rank departments of one year by a metric."""
    from cnbudget.query.api import open_database
    from cnbudget.query.compare import AmbiguousDepartment, UnknownDepartment
    from cnbudget.query.display import convert_amounts

    check_unit(unit)
    shape = shape_of(csv_=csv_, tsv=tsv, nl=nl, json_=json_out, table=table)
    if department is None and year is None:
        raise fail(t("给出一个部门（跨年比较），或用 --year 给出年度（部门排名）",
                     "give a department (across years) or --year (a ranking)"))
    try:
        with open_database(db, existing=True) as database:
            frame = database.compare(department, year=year, kind=kind, region=region,
                                     metric=metric, departments=departments or None)
    except (AmbiguousDepartment, UnknownDepartment, KeyError, ValueError) as exc:
        raise fail(str(exc.args[0] if exc.args else exc)) from exc
    amounts = convert_amounts(frame, ["amount", "change", "previous"], unit)
    if department is None and (frame.empty or frame["amount"].isna().all()):
        named = metric_label(metric)
        named = f"“{named}”（{metric}）" if named != metric else metric
        say(t(f"{year} 年没有部门公开 {named} 的数字，无法排名",
              f"no department has {metric} in {year}: nothing to rank"), "yellow")
    if shape is Shape.JSON:
        print_json({"unit": unit, **{k: cell(v) or None for k, v in frame.attrs.items()},
                    "rows": records(amounts)})
        return
    if shape is not Shape.TABLE:
        print_machine(amounts, shape)
        return
    if department is not None:
        _print_years(amounts, unit)
    elif len(frame) and not frame["amount"].isna().all():
        print_people(amounts.drop(columns=["department_id"]), unit=unit, converted=True,
                     title=t(f"{year} 年 {metric_label(metric)}（{unit}）",
                             f"{year}: {metric} ({unit})"))


def _print_years(frame, unit: str) -> None:
    from cnbudget.query.display import fmt_pct

    years = sorted(frame["year"].unique())
    table = rich_table(t("指标", "metric"), *(str(y) for y in years),
                       numeric=tuple(str(y) for y in years),
                       title=t(f"{frame.attrs.get('department')}（{unit}；括号内：较上年增减）",
                               f"{frame.attrs.get('department')} ({unit}; change and growth "
                               "against the previous year)"))
    for key, group in frame.groupby("metric", sort=False):
        if group["amount"].isna().all():
            continue
        by_year = {r.year: r for r in group.itertuples()}
        cells = []
        for y in years:
            r = by_year.get(y)
            if r is None or r.amount is None:
                cells.append("")
                continue
            change = f"\n({r.change:+,} {fmt_pct(r.growth_pct)})" if r.change is not None else ""
            cells.append(f"{r.amount:,}{change}")
        name = metric_label(str(key))
        if str(key).startswith("func:") and group["name"].iloc[0]:
            name = t(f"{group['name'].iloc[0]}（{str(key).removeprefix('func:')}）", str(key))
        table.add_row(name, *cells)
    out.print(table)


def search_command(
    text: str = typer.Argument(..., help="The text to find (part of a name, a project or a "
                               "sentence)."),
    db: str | None = DB_OPTION,
    found_in: str | None = typer.Option(None, "--in", help="Only department, project or "
                                        "narrative (default: all three)."),
    limit: int = typer.Option(50, "--limit", help="At most this many hits of each kind."),
    csv_: bool = CSV_OPTION, tsv: bool = TSV_OPTION, nl: bool = NL_OPTION,
    json_out: bool = JSON_OPTION, table: bool = TABLE_OPTION,
) -> None:
    """Find departments (any name they were printed under), projects and narrative
    paragraphs containing a text; each hit with what matched, its disclosure, file and year."""
    from cnbudget.query.api import open_database
    from cnbudget.query.search import BadSearch

    shape = shape_of(csv_=csv_, tsv=tsv, nl=nl, json_=json_out, table=table)
    try:
        with open_database(db, existing=True) as database:
            frame = database.search(text, kind=found_in, limit=limit)
    except BadSearch as exc:
        zh = {"search.empty": "请给出要查找的文字",
              "search.limit": f"--limit 至少为 1（给的是 {limit}）",
              "search.kind": f"--in 只能是 department、project 或 narrative（给的是 {found_in}）"}
        raise fail(t(zh[exc.code], str(exc))) from exc
    if shape is Shape.JSON:
        print_json({"text": text, "hits": records(frame)})
        return
    if shape is not Shape.TABLE:
        print_machine(frame, shape)
        return
    print_people(frame.drop(columns=["matched", "department_id"]),
                 title=t(f"“{text}”的查找结果", f"found: {text}"))
    say(t(f"共 {len(frame)} 条", f"{len(frame)} hits"))


def sql_command(
    query: str = typer.Argument(..., help="One SELECT statement (read-only)."),
    db: str | None = DB_OPTION,
    timeout: float = TIMEOUT_OPTION, max_rows: int = MAX_ROWS_OPTION,
    allow_superuser: bool = SUPERUSER_OPTION,
    csv_: bool = CSV_OPTION, tsv: bool = TSV_OPTION, nl: bool = NL_OPTION,
    json_out: bool = JSON_OPTION, table: bool = TABLE_OPTION,
) -> None:
    """Run one read-only SQL statement, bounded in time and rows; tables: see
    docs/database.md. Exit 2 for a refused or failing statement."""
    from cnbudget.query.api import open_database
    from cnbudget.query.readonly import QueryBounds, QueryLimit, ReadOnlyViolation, StatementFailed

    shape = shape_of(csv_=csv_, tsv=tsv, nl=nl, json_=json_out, table=table)
    try:
        with open_database(db, existing=True) as database:
            frame = database.sql(query, QueryBounds(timeout, max_rows, allow_superuser))
    except (ReadOnlyViolation, QueryLimit, StatementFailed) as exc:
        raise fail(str(exc)) from exc
    if shape is Shape.TABLE:
        print_people(frame, keys_as_is=True)
    else:
        print_machine(frame, shape)


def register(app: typer.Typer) -> None:
    app.command("ls")(ls_command)
    app.command("show")(show_command)
    app.command("compare")(compare_command)
    app.command("search")(search_command)
    app.command("sql")(sql_command)
